"""The lesson editor's draft questions (closeread/editor/drafts.py): built from a ledger, loaded unchanged.

Each test writes the drafts as a quiz file next to a lesson in a temporary folder and loads it with the
project's own loader and question-type registry, exactly as a hand-written quiz is loaded.
"""

import shutil

import pytest

from closeread.content.checker import ContentProblem
from closeread.content.loader import load_content, load_lesson
from closeread.content.model import CATEGORIES
from closeread.content.rules import check_rules
from closeread.content.sentences import parse_article
from closeread.editor.drafts import NO_SOURCE_LABELS, UNSUPPORTED_LABELS, draft_questions
from tests.helpers import FIXTURES, ROOT
from tests.xss_support import to_toml

QUIZ_KEYS = {"id", "category", "type", "prompt", "points", "evidence", "explanation", "hints", "key", "option",
             "distractor", "scale", "statement"}
SHIPPED = load_content(ROOT)


def ledger_rows(lesson):
    return {sid: (e.labels, e.note, e.contradicts, e.tension_with) for sid, e in lesson.ledger.items()}


def texts(lesson):
    return [(s.id, s.text) for s in lesson.article.sentences]


def load_drafts(root, slug, drafts):
    """Strip ``draft_reason`` (as the editor does), write the quiz file and load the lesson: (lesson, faults)."""
    saved = [{k: v for k, v in d.items() if k != "draft_reason"} for d in drafts]
    quiz = {"slug": slug, "title": "Draft questions", "question": saved}
    (root / "quizzes").mkdir(exist_ok=True)
    (root / "quizzes" / f"{slug}.toml").write_text(to_toml(quiz) + "\n", encoding="utf-8")
    problems: list[ContentProblem] = []
    lesson = load_lesson(root, slug, problems)
    return lesson, problems


def shipped_copy(tmp_path, slug):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "lesson" / slug, root / "lesson" / slug)
    for name in ("tutor.toml", "rounds.toml"):  # both name the shipped quiz's questions; a new lesson has neither
        (root / "lesson" / slug / name).unlink(missing_ok=True)
    return root


@pytest.fixture(scope="module", params=sorted(SHIPPED))
def drafted(request, tmp_path_factory):
    slug = request.param
    source = SHIPPED[slug]
    drafts = draft_questions(texts(source), ledger_rows(source))
    lesson, problems = load_drafts(shipped_copy(tmp_path_factory.mktemp(slug), slug), slug, drafts)
    return source, drafts, lesson, problems


def test_drafts_for_a_shipped_lesson_load_through_the_real_loader_with_no_fault(drafted):
    source, drafts, lesson, problems = drafted
    assert problems == [], "\n".join(map(str, problems))
    assert [q.id for q in lesson.quiz.questions] == [d["id"] for d in drafts]


def test_each_draft_is_a_quiz_table_with_a_unique_id_a_category_and_a_reason(drafted):
    _, drafts, _, _ = drafted
    ids = [d["id"] for d in drafts]
    assert len(ids) == len(set(ids))
    for d in drafts:
        assert set(d) - {"draft_reason"} <= QUIZ_KEYS, d["id"]
        assert d["category"] in CATEGORIES
        assert isinstance(d["draft_reason"], str) and d["draft_reason"].strip()


def test_every_type_the_drafts_promise_is_there(drafted):
    source, _, lesson, _ = drafted
    types = {q.type for q in lesson.quiz.questions}
    assert {"verdict", "cite", "pair"} <= types
    has_tension = any(e.tension_with for e in source.ledger.values())
    assert ("choice" in types) == has_tension


def expected_verdict(entry) -> str | None:
    if "contradicted" in entry.labels:
        return "contradicted"
    if set(entry.labels) & set(UNSUPPORTED_LABELS):
        return "unsupported"
    if "supported" in entry.labels:
        return "supported"
    return "stated" if "stated" in entry.labels else None


def test_each_verdict_judges_one_sentence_and_its_key_follows_the_ledger(drafted):
    source, _, lesson, _ = drafted
    verdicts = [q for q in lesson.quiz.questions if q.type == "verdict"]
    judged = {}
    for q in verdicts:
        (sid,) = [s.id for s in lesson.article.sentences if s.text == q.statement]
        judged[sid] = q
        assert q.key == expected_verdict(source.ledger[sid]), sid
        assert q.scale == ("statement" if q.key == "stated" else "sentence")
        assert sid in q.evidence
    settled = {sid for sid, e in source.ledger.items() if expected_verdict(e)}
    assert set(judged) == settled  # one per labelled sentence whose verdict the ledger settles


def test_the_cite_question_keys_the_sentences_the_ledger_leaves_without_a_source(drafted):
    source, _, lesson, _ = drafted
    (cite,) = [q for q in lesson.quiz.questions if q.type == "cite"]
    assert set(cite.key) == {sid for sid, e in source.ledger.items() if set(e.labels) & set(NO_SOURCE_LABELS)}
    for sid in cite.distractors:
        assert "supported" in source.ledger[sid].labels


def test_the_pair_questions_are_the_ledger_contradiction_pairs(drafted):
    source, _, lesson, _ = drafted
    ledger_pairs = {frozenset((sid, o)) for sid, e in source.ledger.items() for o in e.contradicts}
    keys = [q.key for q in lesson.quiz.questions if q.type == "pair"]
    assert all(len(key) == 1 for key in keys)
    assert {key[0] for key in keys} == ledger_pairs
    for q in lesson.quiz.questions:
        if q.type == "pair":
            tensions = {t for sid in q.key[0] for t in source.ledger[sid].tension_with}
            assert set(q.distractors) <= tensions


def test_the_tension_question_is_on_a_ledger_tension_pair_and_keys_tension(drafted):
    source, _, lesson, _ = drafted
    tension_pairs = {frozenset((sid, o)) for sid, e in source.ledger.items() for o in e.tension_with}
    for q in lesson.quiz.questions:
        if q.type == "choice":
            assert frozenset(q.evidence) in tension_pairs
            assert "tension" in q.option_by_id[q.key].text


def test_no_draft_hint_gives_the_answer_away(drafted):
    _, _, lesson, _ = drafted
    assert [p for p in check_rules(lesson) if "hint" in p.fault] == []


# -- an article full of traps for the quoting rules -------------------------------------------------------------
ARTICLE = """# Bridge Plan A and B: what we know

## 1. News

The council said "plan B was never costed" in its report. Thanks. Officials say the plan could cost millions.

## 2. Later

The mayor, Ana Ruiz, said repairs start in June. The bridge was closed on Monday. The bridge was open all week.
"""
LEDGER = {  # quote -> (labels, note, contradicts, tension_with)
    "Bridge Plan": (["stated", "structural"], 'A "teaser" headline; compare option B.', [], []),
    "in its report": (["supported"], 'Named: "the council" in its own report.', [], []),
    "Thanks.": (["structural"], "A stray word.", [], []),
    "Officials say": (["vague-attribution", "hedged"], "Which officials?", [], []),
    "Ana Ruiz": (["supported"], "A named mayor.", [], ["The bridge was open"]),
    "closed on Monday": (["stated", "contradicted"], "Closed.", ["The bridge was open"], []),
    "The bridge was open": (["contradicted", "tension"], "Open all week.", ["closed on Monday"], ["Ana Ruiz"]),
}


def trap_lesson(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini" / "lesson", root / "lesson")
    base = root / "lesson" / "mini"
    (base / "article.md").write_text(ARTICLE, encoding="utf-8")
    (base / "lesson.md").write_text("Read closely.\n", encoding="utf-8")
    entries = [{"quote": q, "labels": labels, "note": note, **({"contradicts": c} if c else {}),
                **({"tension_with": t} if t else {})} for q, (labels, note, c, t) in LEDGER.items()]
    (base / "ledger.toml").write_text(to_toml({"sentence": entries}) + "\n", encoding="utf-8")
    return root


def test_quotes_notes_and_letters_that_would_break_the_rules_are_kept_out_of_the_drafts(tmp_path):
    root = trap_lesson(tmp_path)
    article = parse_article(ARTICLE)

    def sid(quote):
        (found,) = [s.id for s in article.sentences if quote in s.text]
        return found

    rows = {sid(q): (tuple(labels), note, tuple(map(sid, c)), tuple(map(sid, t)))
            for q, (labels, note, c, t) in LEDGER.items()}
    drafts = draft_questions([(s.id, s.text) for s in article.sentences], rows)
    lesson, problems = load_drafts(root, "mini", drafts)
    assert problems == [], "\n".join(map(str, problems))
    verdicts = {q.statement: q.key for q in lesson.quiz.questions if q.type == "verdict"}
    # The headline names "A and B", which reads as option letters; "Thanks." is too short to quote.
    assert "Thanks." not in verdicts and not any("Plan A" in s for s in verdicts)
    assert verdicts['The council said "plan B was never costed" in its report.'] == "supported"
    assert verdicts["The bridge was closed on Monday."] == "contradicted"
    by_id = {q.id: q for q in lesson.quiz.questions}
    assert by_id["draft-pair-s6-s7"].key == [frozenset({"s6", "s7"})]
    assert set(by_id["draft-pair-s6-s7"].distractors) == {"s5"}
    assert set(by_id["draft-cite-no-source"].key) == {"s4"}


def test_a_ledger_row_of_an_unknown_sentence_is_left_out():
    drafts = draft_questions([("s1", "The council closed the old bridge.")],
                             {"s1": (("stated",), "", (), ()), "s9": (("unsupported",), "", ("s1",), ())})
    assert [d["id"] for d in drafts] == ["draft-verdict-s1"]
