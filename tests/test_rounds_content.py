"""Rounds as content: the shipped rounds.toml, the default for a lesson without one, and broken files."""

import shutil

import pytest

from closeread.content.loader import ContentError, load_content
from closeread.content.model import Round
from closeread.content.rounds import (
    MAX_TEACHING_WORDS,
    default_rounds,
    reading_minutes,
    reading_words,
    round_of,
    visible_rounds,
    words,
)
from tests.helpers import FIXTURES, ROOT


@pytest.fixture(scope="module")
def lesson():
    return load_content(ROOT)["germany-mali"]


def test_shipped_rounds_cover_every_question_once_in_rounds_of_six_to_eight(lesson):
    ids = [qid for r in lesson.rounds for qid in r.question_ids]
    assert sorted(ids) == sorted(q.id for q in lesson.quiz.questions)
    assert len(ids) == len(set(ids)) == len(lesson.quiz.questions) == 42
    assert [r.id for r in lesson.rounds] == ["says", "who-says", "support", "contradiction", "shape", "lateral"]
    assert [r.number for r in lesson.rounds] == [1, 2, 3, 4, 5, 6]
    for r in lesson.rounds:
        assert 6 <= len(r.question_ids) <= 8, r.id
        assert words(r.teaching) <= MAX_TEACHING_WORDS, r.id
        assert r.sentence_ids and all(sid in lesson.article.by_id for sid in r.sentence_ids)
        assert 1 <= len(r.remember) <= 4


def test_round_one_reads_the_whole_article_and_asks_what_it_says(lesson):
    first = lesson.rounds[0]
    assert first.sentence_ids == tuple(s.id for s in lesson.article.sentences)
    assert {lesson.quiz.by_id[q].category for q in first.question_ids} == {"states"}
    # The quiz's first question opens round 1, so a new attempt starts where it always did.
    assert first.question_ids[0] == lesson.quiz.questions[0].id


def test_round_of_and_visible_rounds(lesson):
    assert round_of(lesson, "contradiction-convoy-jet").id == "contradiction"
    assert round_of(lesson, "no-such-question") is None
    assert visible_rounds(lesson) == lesson.rounds
    assert [r.id for r in visible_rounds(lesson, ["lateral", "says"])] == ["says", "lateral"]  # lesson order
    assert [r.id for r in visible_rounds(lesson, {"support", "renamed-away"})] == ["support"]
    assert visible_rounds(lesson, ["renamed-away"]) == lesson.rounds  # nothing known: never an empty lesson


def test_reading_time_counts_teaching_article_part_and_questions(lesson):
    rnd = lesson.rounds[0]
    parts = reading_words(lesson, rnd)
    article_words = sum(words(s.text) for s in lesson.article.sentences)
    assert parts["article"] == article_words
    assert parts["teaching"] >= words(rnd.teaching)
    assert parts["questions"] > 100 * len(rnd.question_ids) // 2
    assert reading_minutes(lesson, rnd) == -(-sum(parts.values()) // 200)
    assert all(reading_minutes(lesson, r) <= 10 for r in lesson.rounds)


def test_default_is_one_round_per_skill_and_splits_a_big_skill_evenly(lesson):
    rounds = default_rounds(lesson)
    sizes = {r.id: len(r.question_ids) for r in rounds}
    # states 10 -> 5 + 5, unsupported 12 -> 6 + 6, contradiction 9 -> 5 + 4, source 11 -> 6 + 5
    assert sizes == {"states-1": 5, "states-2": 5, "unsupported-1": 6, "unsupported-2": 6,
                     "contradiction-1": 5, "contradiction-2": 4, "source-1": 6, "source-2": 5}
    assert rounds[0].title == "What the article states (part 1)"
    assert sorted(q for r in rounds for q in r.question_ids) == sorted(q.id for q in lesson.quiz.questions)
    assert all(r.teaching and r.remember for r in rounds)


def test_a_lesson_without_rounds_file_gets_one_round_per_skill():
    mini = load_content(FIXTURES / "mini")["mini"]
    assert [(r.id, r.question_ids) for r in mini.rounds] == [
        ("states", ("who-closed", "verdict-statement")),
        ("unsupported", ("unsupported-multi",)),
        ("source", ("cite-vague",)),
        ("contradiction", ("pair-closed-open", "explain-bridge")),
    ]
    assert all(isinstance(r, Round) for r in mini.rounds)


GOOD = '''
[[round]]
id = "one"
title = "One"
article = ["s1-s3", "s5"]
questions = ["who-closed", "verdict-statement", "unsupported-multi"]
teaching = "Read [s2](#s2) closely."
remember = ["Point to the words."]

[[round]]
id = "two"
title = "Two"
article = ["s2"]
questions = ["cite-vague", "pair-closed-open", "explain-bridge"]
teaching = "Short."
remember = ["Try to make both true."]
'''


def mini_with(tmp_path, text):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", root)
    (root / "lesson" / "mini" / "rounds.toml").write_text(text, encoding="utf-8")
    return root


def problems(tmp_path, text):
    with pytest.raises(ContentError) as info:
        load_content(mini_with(tmp_path, text))
    return [str(p) for p in info.value.problems]


def test_a_round_needs_six_to_eight_questions(tmp_path):
    found = problems(tmp_path, GOOD)
    assert found == [
        "lesson/mini/rounds.toml [round one]: has 3 questions; a round holds 6 to 8",
        "lesson/mini/rounds.toml [round two]: has 3 questions; a round holds 6 to 8",
    ]


def test_broken_rounds_name_file_round_and_fault(tmp_path):
    broken = GOOD.replace('"unsupported-multi"]', '"unsupported-multi", "who-closed", "ghost"]')
    broken = broken.replace('article = ["s2"]', 'article = ["s2-s999", "x"]')
    broken = broken.replace('teaching = "Short."', 'teaching = "See [s99](#s99). ' + "word " * 230 + '"')
    broken = broken.replace('remember = ["Try to make both true."]', 'remember = []\nremembr = ["typo"]')
    broken = broken.replace('id = "two"', 'id = "one"')
    found = problems(tmp_path, broken)
    file = "lesson/mini/rounds.toml [round one]"
    assert found == [
        f"{file}: has 5 questions; a round holds 6 to 8",
        f"{file}: question 'who-closed' is already in round 'one'",
        f"{file}: question 'ghost' is not in the quiz",
        f"{file}: duplicate round id",
        f"{file}: unknown field 'remembr' (known: article, id, questions, remember, teaching, title)",
        f"{file}: article part 's2-s999' is not a sentence id or range between s1 and s7",
        f"{file}: article part 'x' is not a sentence id or range between s1 and s7",
        f"{file}: teaching has 233 words; at most 220 fit on two phone screens",
        f"{file}: teaching links to #s99, which is not a sentence",
        f"{file}: has 3 questions; a round holds 6 to 8",
        f"{file}: 'remember' must be a non-empty list of short sentences (what to remember)",
    ]


def test_teaching_links_land_in_the_rounds_article_part(tmp_path):
    found = problems(tmp_path, GOOD.replace('teaching = "Read [s2](#s2) closely."', 'teaching = "Read [s4](#s4)."'))
    assert "lesson/mini/rounds.toml [round one]: teaching links to #s4, which is not in the round's article part" \
        in found


def test_every_question_must_be_in_a_round(tmp_path):
    found = problems(tmp_path, GOOD.split("[[round]]\nid = \"two\"")[0])
    assert "lesson/mini/rounds.toml: questions in no round: cite-vague, pair-closed-open, explain-bridge" in found


def test_invalid_toml_stops_start_up(tmp_path):
    found = problems(tmp_path, "[[round]\nid = ")
    assert len(found) == 1 and found[0].startswith("lesson/mini/rounds.toml: invalid TOML:")
