"""The explain pre-score against an independent teacher's scores (tests/data/explanations.toml).

Targets (issue 11, part 7): mean absolute difference from the teacher's score at most
0.15 of 2 points, and no full credit for a wrong conclusion. The figures for the tuning
and held-out parts are printed by ``python -m tests.explain_agreement`` and kept in the README.
"""

import pytest

from tests.explain_agreement import WRONG_BANDS, figures, keyword_count, load_cases, pre_score, questions

MAD_TARGET = 0.15


@pytest.fixture(scope="module")
def quiz():
    return questions()


@pytest.fixture(scope="module")
def cases():
    return load_cases()


def test_the_graded_set_covers_every_explain_question_and_every_kind_of_answer(quiz, cases):
    explain = {qid for qid, q in quiz.items() if q.type == "explain"}
    assert {c.question for c in cases} == explain
    for qid in explain:
        mine = [c for c in cases if c.question == qid]
        assert len(mine) >= 40, qid
        assert {"excellent", "wrong-conclusion", "negation-trap", "pasted-prompt", "keyword-dump", "gibberish"} <= {
            c.band for c in mine
        }
        assert all(0 <= c.score <= quiz[qid].points and c.score * 2 == int(c.score * 2) for c in mine)


def test_the_held_out_part_is_a_quarter_of_every_question(cases):
    for qid in {c.question for c in cases}:
        mine = [c for c in cases if c.question == qid]
        assert len([c for c in mine if c.held_out]) == len(mine) // 4


def test_the_pre_score_meets_the_targets_on_the_whole_set(quiz, cases):
    result = figures(cases, quiz, pre_score)
    assert result.mad <= MAD_TARGET, result
    assert result.full_for_wrong == 0, result


def test_no_wrong_conclusion_gets_full_credit_in_the_held_out_part(quiz, cases):
    held_out = [c for c in cases if c.held_out]
    assert any(c.band in WRONG_BANDS for c in held_out)
    assert figures(held_out, quiz, pre_score).full_for_wrong == 0


def test_the_pre_score_agrees_with_the_teacher_better_than_the_keyword_count(quiz, cases):
    for part in (cases, [c for c in cases if c.held_out]):
        now, before = figures(part, quiz, pre_score), figures(part, quiz, keyword_count)
        assert now.mad < before.mad / 2, (now, before)
