"""Rules every content file must keep, and the exact messages for broken ones."""

import re
from collections import Counter

import pytest

from app import create_app
from closeread.content.loader import QUOTED_SPAN, ContentError, load_content
from tests.helpers import FIXTURES, ROOT

SEED = ROOT.parent / "shared" / "seeds" / "000_5abf53fc4de555ed.txt"


@pytest.fixture(scope="module")
def lessons():
    return load_content(ROOT)


SLUGS = ["germany-mali", "wrenfield-phones"]


@pytest.fixture(scope="module")
def lesson(lessons):
    return lessons["germany-mali"]


@pytest.fixture(scope="module", params=SLUGS)
def any_lesson(lessons, request):
    """Each shipped lesson in turn, for the rules every lesson keeps."""
    return lessons[request.param]


def test_all_content_loads_and_validates(lessons):
    assert set(lessons) == set(SLUGS)


def test_article_is_the_seed_verbatim_with_only_heading_markup():
    md = (ROOT / "lesson/germany-mali/article.md").read_text(encoding="utf-8")
    unmarked = re.sub(r"^#{1,2} ", "", md, flags=re.MULTILINE)
    if not SEED.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    assert unmarked == SEED.read_text(encoding="utf-8")
    assert md.startswith("# Germany Tells Mali To Halt Work With Russian Mercenaries")
    assert md.rstrip().endswith("Post a Comment")
    assert len(re.findall(r"^## \d\. ", md, flags=re.MULTILINE)) == 5


def test_question_bank_size_and_mix(lesson):
    questions = lesson.quiz.questions
    cats = Counter(q.category for q in questions)
    types = Counter(q.type for q in questions)
    assert len(questions) >= 24
    assert cats["states"] >= 7 and cats["unsupported"] >= 7
    assert cats["contradiction"] >= 6 and cats["source"] >= 3
    assert set(types) == {"choice", "multi", "verdict", "cite", "pair", "explain"}
    assert {q.scale for q in questions if q.type == "verdict"} == {"statement", "sentence"}


def test_every_question_is_complete(any_lesson):
    for q in any_lesson.quiz.questions:
        assert q.evidence, q.id
        assert q.hints, q.id
        assert q.points >= 1, q.id
        if q.type in ("choice", "multi"):
            wrong = [o for o in q.options if o.id not in ([q.key] if isinstance(q.key, str) else q.key)]
            assert wrong, f"{q.id} needs wrong options"


def test_feedback_quotes_are_verbatim_and_present(any_lesson):
    """The loader enforces this; this test states the rule over every text."""
    plain = " ".join(s.text for s in any_lesson.article.sentences)
    texts = [q.explanation for q in any_lesson.quiz.questions]
    texts += [o.feedback for q in any_lesson.quiz.questions for o in q.options]
    texts += [d.feedback for q in any_lesson.quiz.questions for d in q.distractors.values()]
    for text in texts:
        spans = [s for s in QUOTED_SPAN.findall(text) if len(s.split()) >= 3]
        assert spans, text
        assert all(span in plain for span in spans), text


def test_ledger_covers_every_sentence(any_lesson):
    assert set(any_lesson.ledger) == {s.id for s in any_lesson.article.sentences}
    assert all(e.note and e.labels for e in any_lesson.ledger.values())


def test_contradictions_are_mutual(any_lesson):
    for sid, entry in any_lesson.ledger.items():
        for other in entry.contradicts:
            assert sid in any_lesson.ledger[other].contradicts, f"{sid} contradicts {other} but not the reverse"
            assert "contradicted" in any_lesson.ledger[other].labels


def test_a_tension_is_never_also_a_contradiction_of_the_same_sentence(any_lesson):
    for sid, entry in any_lesson.ledger.items():
        assert not set(entry.contradicts) & set(entry.tension_with), sid


def test_quiz_covers_every_contradiction_non_sequitur_and_drift(any_lesson):
    cited = {sid for q in any_lesson.quiz.questions for sid in q.evidence} | {
        sid for q in any_lesson.quiz.questions for sid in q.key_sentences
    }
    for sid, entry in any_lesson.ledger.items():
        if {"contradicted", "non-sequitur", "drift"} & set(entry.labels):
            assert sid in cited, f"{sid} ({', '.join(entry.labels)}) is not covered by any question"
    contradiction_pairs = {frozenset((a, b)) for a, e in any_lesson.ledger.items() for b in e.contradicts}
    keyed_pairs = {p for q in any_lesson.quiz.questions if q.type == "pair" for p in q.key}
    assert contradiction_pairs <= keyed_pairs | {
        frozenset(q.evidence) for q in any_lesson.quiz.questions if q.category == "contradiction"
    }


def test_most_unsupported_claims_are_asked_about(any_lesson):
    cited = {sid for q in any_lesson.quiz.questions for sid in q.evidence + sorted(q.key_sentences)}
    unsupported = [sid for sid, e in any_lesson.ledger.items() if "unsupported" in e.labels]
    assert len([s for s in unsupported if s in cited]) > len(unsupported) / 2


def test_there_is_a_tension_that_is_not_a_contradiction(any_lesson):
    tension_tags = {tag for tag, label in any_lesson.quiz.misconceptions.items() if "tension" in label.lower()}
    assert tension_tags
    used = {o.misconception for q in any_lesson.quiz.questions for o in q.options}
    used |= {d.misconception for q in any_lesson.quiz.questions for d in q.distractors.values()}
    assert tension_tags & used
    assert any("tension" in e.labels for e in any_lesson.ledger.values())


def test_teaching_text(lesson):
    words = len(re.findall(r"[A-Za-z’']+", lesson.teaching))
    assert words >= 600
    lowered = lesson.teaching.lower()
    for topic in ("claim", "support", "source", "contradiction", "tension", "drift", "non-sequitur", "lateral", "sift"):
        assert topic in lowered, topic
    links = set(re.findall(r"\]\(#(s\d+)\)", lesson.teaching))
    assert len(links) >= 5 and links <= set(lesson.article.by_id)


BROKEN_MESSAGES = [
    "lesson/broken/ledger.toml: sentences with no ledger entry: s7",
    'quizzes/broken.toml [question who-closed]: evidence quote "The council shut the bridge" '
    "is not found verbatim in the article",
    'quizzes/broken.toml [question who-closed]: feedback of option \'b\' quotes "closed it himself", '
    "which is not verbatim in the article",
    "quizzes/broken.toml [question who-closed]: option 'b' uses undefined misconception 'invented-tag'",
    "quizzes/broken.toml [question who-closed]: key 'z' is not one of the options (a, b, c)",
    "quizzes/broken.toml [question who-closed]: duplicate question id",
    "quizzes/broken.toml [question who-closed]: unknown category 'opinion' "
    "(known: states, unsupported, contradiction, source)",
    "quizzes/broken.toml [question who-closed]: unknown type 'essay' "
    "(known: choice, multi, verdict, cite, pair, explain)",
]


def test_broken_fixture_lists_every_fault_exactly():
    with pytest.raises(ContentError) as info:
        load_content(FIXTURES / "broken")
    assert [str(p) for p in info.value.problems] == BROKEN_MESSAGES


def test_broken_content_stops_the_app_at_start_up(tmp_path):
    with pytest.raises(SystemExit) as info:
        create_app(
            {"DATABASE": str(tmp_path / "x.sqlite"), "SECRET_KEY": "k" * 40, "CONTENT_ROOT": str(FIXTURES / "broken")}
        )
    message = str(info.value.code)
    assert message.startswith("CloseRead cannot start: a content file is broken.")
    assert BROKEN_MESSAGES[1] in message
    assert not (tmp_path / "x.sqlite").exists()  # nothing half-loaded was served or stored


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (('key = ["Officials say"]', 'key = ["Monday"]'),
         "key quote \"Monday\" is ambiguous: it is in sentences s2, s6"),
        (('type = "pair"', 'type = "cite"'), "[question pair-closed-open]: key quote must be a non-empty string"),
        (('points = 2\nevidence = ["Officials', 'points = 0\nevidence = ["Officials'),
         "[question unsupported-multi]: 'points' must be a positive whole number"),
        (('slug = "mini"', 'slug = "other"'), "quizzes/mini.toml: 'slug' must be 'mini' to match the lesson folder"),
        (('title = "Mini quiz"', 'title = "Mini quiz'), "quizzes/mini.toml: invalid TOML"),
    ],
)
def test_each_kind_of_quiz_fault_is_named(tmp_path, mutation, message):
    import shutil

    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", root)
    quiz_file = root / "quizzes" / "mini.toml"
    text = quiz_file.read_text(encoding="utf-8")
    assert mutation[0] in text
    quiz_file.write_text(text.replace(mutation[0], mutation[1], 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(root)
    assert any(message in str(p) for p in info.value.problems), [str(p) for p in info.value.problems]


def test_check_content_command_reports_counts(runner, lesson):
    result = runner.invoke(args=["check-content"])
    assert result.exit_code == 0, result.output
    assert f"germany-mali: 29 sentences, 29 ledger entries, {len(lesson.quiz.questions)} questions" in result.output
    assert "wrenfield-phones: 21 sentences, 21 ledger entries, 25 questions" in result.output
