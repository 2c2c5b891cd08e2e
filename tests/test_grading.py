"""Each question type's grading, including partial credit, on the mini fixture."""

import pytest

from closeread.content.loader import load_content
from closeread.questions.grading import AnswerError, grade_answer
from tests.helpers import FIXTURES


@pytest.fixture(scope="module")
def quiz():
    return load_content(FIXTURES / "mini")["mini"].quiz.by_id


def test_choice_right_and_wrong(quiz):
    q = quiz["who-closed"]
    right = grade_answer(q, "a")
    assert (right.score, right.max, right.correct) == (1, 1, True)
    wrong = grade_answer(q, "b")
    assert (wrong.score, wrong.correct) == (0, False)
    assert wrong.misconceptions == ["quote-as-evidence"]
    assert wrong.feedback[0].ref == "b" and not wrong.feedback[0].right


@pytest.mark.parametrize(
    ("picks", "score"),
    [
        (["a", "b"], 2.0),  # both keyed options
        (["a"], 1.0),  # one of two: half of 2 points
        (["a", "b", "c"], 1.0),  # (2 right - 1 wrong) / 2
        (["a", "c"], 0.0),  # (1 - 1) / 2
        (["c", "d"], 0.0),  # never below zero
    ],
)
def test_multi_partial_credit(quiz, picks, score):
    grade = grade_answer(quiz["unsupported-multi"], picks)
    assert grade.score == score
    assert grade.correct is (score == 2.0)


def test_verdict(quiz):
    q = quiz["verdict-statement"]
    assert grade_answer(q, "not-stated").correct
    stated = grade_answer(q, "stated")
    assert not stated.correct and stated.misconceptions == ["quote-as-evidence"]


@pytest.mark.parametrize(
    ("picks", "score", "tags"),
    [
        (["s4"], 1.0, []),
        (["s4", "s3"], 0.0, ["quote-as-evidence"]),  # a hit cancelled by a false pick
        (["s3"], 0.0, ["quote-as-evidence"]),
        (["s5"], 0.0, []),
    ],
)
def test_cite(quiz, picks, score, tags):
    grade = grade_answer(quiz["cite-vague"], picks)
    assert grade.score == score
    assert grade.misconceptions == tags


@pytest.mark.parametrize(
    ("picks", "score"),
    [
        (["s2", "s6"], 2.0),
        (["s6", "s2"], 2.0),  # order does not matter
        (["s2", "s5"], 1.0),  # one right sentence: half credit
        (["s3", "s4"], 0.0),
    ],
)
def test_pair(quiz, picks, score):
    assert grade_answer(quiz["pair-closed-open"], picks).score == score


def test_pair_needs_exactly_two(quiz):
    with pytest.raises(AnswerError, match="exactly two"):
        grade_answer(quiz["pair-closed-open"], ["s2"])


def test_pair_distractor_feedback(quiz):
    grade = grade_answer(quiz["pair-closed-open"], ["s2", "s5"])
    assert grade.misconceptions == ["tension-as-contradiction"]
    assert "could be true" in grade.feedback[0].text


@pytest.mark.parametrize(
    ("text", "score", "met"),
    [
        ("It closed and then it reopened the same day.", 2.0, ["Names the closure", "Names the reopening"]),
        ("The closure is odd.", 1.0, ["Names the closure"]),
        ("I do not know.", 0.0, []),
        ("It was disclosed", 0.0, []),  # whole words only: 'disclosed' is not 'closed'
    ],
)
def test_explain_rubric_is_provisional(quiz, text, score, met):
    grade = grade_answer(quiz["explain-bridge"], text)
    assert grade.score == score
    assert grade.rubric_met == met
    assert grade.needs_review


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("who-closed", "z"),
        ("who-closed", ["a"]),
        ("unsupported-multi", []),
        ("explain-bridge", "  "),
        ("cite-vague", []),
    ],
)
def test_bad_shapes_are_rejected(quiz, qid, answer):
    with pytest.raises(AnswerError):
        grade_answer(quiz[qid], answer)


def test_pair_gives_nothing_for_two_sentences_that_agree():
    """s16 and s17 both clash with s26 but agree with each other: no credit; each with s26 is full."""
    from tests.helpers import ROOT

    q = load_content(ROOT)["germany-mali"].quiz.by_id["contradiction-convoy-jet"]
    assert grade_answer(q, ["s16", "s17"]).score == 0.0
    assert grade_answer(q, ["s16", "s26"]).score == q.points
    assert grade_answer(q, ["s17", "s26"]).score == q.points
    assert grade_answer(q, ["s16", "s23"]).score == q.points / 2  # one keyed sentence, no shared partner
