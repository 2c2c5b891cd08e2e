"""Where a learner is in the rounds (closeread/learner/rounds.py): plain objects, no app."""

import pytest

from closeread.content.loader import load_content
from closeread.learner import rounds as flow
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def lesson():
    return load_content(ROOT)["germany-mali"]


def row(right=True, needs_review=False, points=1):
    return {"score": points if right else 0, "max": points, "correct": int(right), "needs_review": int(needs_review)}


def answer(lesson, ids, right=True):
    return {qid: row(right, points=lesson.quiz.by_id[qid].points) for qid in ids}


def test_streak_counts_right_answers_in_a_row_within_the_round(lesson):
    r1, r2 = lesson.rounds[:2]
    a, b, c, d = r1.question_ids[:4]
    answered = {a: row(), b: row(), r2.question_ids[0]: row(False), c: row(False), d: row()}
    s = flow.streak(r1, answered)
    assert (s.current, s.best) == (1, 2)  # a wrong answer in another round does not break round 1's streak
    answered[r1.question_ids[4]] = row()
    answered[r1.question_ids[5]] = row()
    assert flow.streak(r1, answered).current == 3


def test_a_provisional_written_answer_neither_extends_nor_breaks_a_streak(lesson):
    rnd = lesson.rounds[3]  # contradiction: ends with the written question
    *auto, written = rnd.question_ids
    answered = answer(lesson, auto)
    answered[written] = {"score": 1, "max": 2, "correct": 0, "needs_review": 1}
    assert flow.streak(rnd, answered) == flow.Streak(len(auto), len(auto))


def test_next_question_goes_round_by_round_and_skips_wait_within_their_round(lesson):
    r1, r2 = lesson.rounds[:2]
    assert flow.next_question(lesson, lesson.rounds, {}).id == r1.question_ids[0]
    answered = answer(lesson, r1.question_ids[:-1])
    assert flow.next_question(lesson, lesson.rounds, answered).id == r1.question_ids[-1]
    # A skipped question comes after the rest of its round, never after the next round.
    first, second = r2.question_ids[:2]
    done1 = answer(lesson, r1.question_ids)
    assert flow.next_question(lesson, lesson.rounds, done1, later=[first]).id == second
    nearly = {**done1, **answer(lesson, r2.question_ids[1:])}
    assert flow.next_question(lesson, lesson.rounds, nearly, later=[first]).id == first
    everything = answer(lesson, [q.id for q in lesson.quiz.questions])
    assert flow.next_question(lesson, lesson.rounds, everything) is None


def test_only_the_visible_rounds_are_asked(lesson):
    chosen = [lesson.rounds[3]]
    assert flow.next_question(lesson, chosen, {}).id == lesson.rounds[3].question_ids[0]
    assert flow.current_round(lesson, chosen, answer(lesson, lesson.rounds[3].question_ids)) is None
    assert flow.all_done(lesson, chosen, answer(lesson, lesson.rounds[3].question_ids))


def test_round_progress_and_which_answer_finished_a_round(lesson):
    rnd = lesson.rounds[0]
    *most, last = rnd.question_ids
    answered = answer(lesson, most)
    p = flow.round_progress(lesson, rnd, answered)
    assert (p.answered, p.questions, p.state, p.done) == (len(most), len(rnd.question_ids), "started", False)
    assert flow.finished_by(lesson, lesson.rounds, answered, most[-1]) is None
    answered[last] = row(False)
    p = flow.round_progress(lesson, rnd, answered)
    points = {qid: lesson.quiz.by_id[qid].points for qid in rnd.question_ids}
    assert p.state == "done" and p.score == sum(points[q] for q in most) and p.max == sum(points.values())
    assert flow.finished_by(lesson, lesson.rounds, answered, last) == rnd
    assert flow.current_round(lesson, lesson.rounds, answered) == lesson.rounds[1]
    assert flow.next_in_round(lesson, rnd, answered) is None
    assert flow.position(rnd, last) == len(rnd.question_ids)


def test_next_in_round_looks_after_the_current_question_first(lesson):
    rnd = lesson.rounds[0]
    a, b, c = rnd.question_ids[:3]
    assert flow.next_in_round(lesson, rnd, answer(lesson, [a, c]), after=a).id == b
    assert flow.next_in_round(lesson, rnd, answer(lesson, [b]), after=b).id == c
    assert flow.next_in_round(lesson, rnd, answer(lesson, rnd.question_ids[1:]), after=rnd.question_ids[-1]).id == a


def test_chat_texts_name_the_round_its_score_streak_and_what_to_remember(lesson):
    rnd = lesson.rounds[1]
    intro = flow.round_intro_text(rnd, flow.round_label(rnd, lesson.rounds))
    assert intro.startswith("**Round 2 of 6: Who says so, and how sure?**") and rnd.teaching.strip() in intro
    answered = answer(lesson, rnd.question_ids)
    answered[rnd.question_ids[0]] = row(False)
    text = flow.round_result_text(lesson, rnd, answered, flow.round_label(rnd, lesson.rounds))
    got = flow.round_progress(lesson, rnd, answered).score
    assert text.startswith(f"**Round 2 of 6 done: Who says so, and how sure?.** You scored {got:g} of ")
    assert f"Longest streak: {len(rnd.question_ids) - 1} right in a row." in text
    assert all(f"- {point}" in text for point in rnd.remember)


def test_an_assignment_of_some_rounds_keeps_the_lesson_numbering_and_says_when_it_is_done(lesson):
    chosen = [lesson.rounds[2], lesson.rounds[3]]
    assert flow.round_label(lesson.rounds[2], chosen, assigned=True) == "Round 3 (assigned round 1 of 2)"
    assert flow.round_label(lesson.rounds[3], chosen, assigned=True) == "Round 4 (assigned round 2 of 2)"
    assert flow.round_label(lesson.rounds[3], lesson.rounds) == "Round 4 of 6"
    first, second = chosen
    answered = answer(lesson, first.question_ids)
    between = flow.chat_between(lesson, chosen, answered, first.question_ids[-1], lesson.quiz.by_id[
        second.question_ids[0]], assigned=True)
    assert between[0].startswith("**Round 3 (assigned round 1 of 2) done: ")
    assert between[1].startswith("**Round 4 (assigned round 2 of 2): ") and flow.ASSIGNMENT_DONE not in between
    answered.update(answer(lesson, second.question_ids))
    end = flow.chat_between(lesson, chosen, answered, second.question_ids[-1], None, assigned=True)
    assert end[0].startswith("**Round 4 (assigned round 2 of 2) done: ") and end[1] == flow.ASSIGNMENT_DONE
    # Without an assignment the last round says nothing about an assignment.
    everything = answer(lesson, [q.id for q in lesson.quiz.questions])
    assert flow.ASSIGNMENT_DONE not in flow.chat_between(lesson, lesson.rounds, everything,
                                                         lesson.rounds[-1].question_ids[-1], None)
