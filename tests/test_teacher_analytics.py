"""The dashboard formulas, checked against small cases computed by hand."""

from dataclasses import replace

import pytest

from closeread.content.loader import load_content
from closeread.teacher import analytics as an
from closeread.teacher.analytics import Answer, AttemptTally, CategoryTally, Student
from tests.helpers import FIXTURES


@pytest.fixture(scope="module")
def mini():
    return load_content(FIXTURES / "mini")["mini"]


def attempt(id, finished=None, seconds=0, review=0, **cats):
    """cats: category=(score, max, answered)."""
    return AttemptTally(
        id,
        f"2026-01-01T10:00:{id:02d}+00:00",
        finished,
        {c: CategoryTally(*v) for c, v in cats.items()},
        seconds=seconds,
        needs_review=review,
    )


# --- facility and discrimination -----------------------------------------------------------------


def test_facility_is_the_mean_fraction_times_100():
    assert an.facility([1, 0, 0.5, 1]) == pytest.approx(62.5)
    assert an.facility([0, 0, 0]) == 0
    assert an.facility([]) is None


def test_discrimination_six_students_top_and_bottom_two():
    # totals 10, 8, 6, 4, 2, 0 -> top third (10, 8) scored 1 and 0.5; bottom third (2, 0) scored 0 and 0.5.
    pairs = [(6, 1.0), (0, 0.5), (10, 1.0), (2, 0.0), (8, 0.5), (4, 0.0)]
    assert an.discrimination(pairs) == pytest.approx(((1.0 + 0.5) - (0.0 + 0.5)) / 2)


def test_discrimination_five_students_uses_one_per_third():
    # n = 5 -> N = floor(5/3) = 1: the top student got it, the bottom one did not.
    pairs = [(5, 1.0), (4, 0.0), (3, 1.0), (2, 1.0), (1, 0.0)]
    assert an.discrimination(pairs) == pytest.approx(1.0)


def test_discrimination_can_be_negative_when_weak_readers_do_better():
    pairs = [(9, 0.0), (8, 0.0), (7, 0.0), (3, 1.0), (2, 1.0), (1, 1.0)]
    assert an.discrimination(pairs) == pytest.approx(-1.0)


def test_discrimination_ties_keep_the_given_order():
    # Totals tie at 1: the stable sort keeps "b" before "c", so the bottom third is c, d.
    pairs = [(3, 1.0), (2, 1.0), (1, 1.0), (1, 0.0), (0, 0.0), (0, 0.0)]
    assert an.discrimination(pairs) == pytest.approx((2.0 - 0.0) / 2)


def test_discrimination_needs_three_students():
    assert an.discrimination([(1, 1.0), (0, 0.0)]) is None


def test_whole_rounds_half_up_unlike_round():
    assert an.whole(62.5) == 63 and round(62.5) == 62
    assert an.whole(22.22) == 22
    assert an.whole(None) is None


# --- counted attempt, roster, mastery --------------------------------------------------------------


def test_counted_attempt_first_best_last_and_empty_attempts_ignored():
    a1 = attempt(1, states=(1, 2, 2))
    a2 = attempt(2, states=(2, 2, 2))
    a3 = attempt(3)  # started, nothing answered
    a4 = attempt(4, states=(2, 2, 2), source=(0, 1, 1))
    attempts = [a3, a2, a4, a1]
    assert an.counted_attempt(attempts, "first").id == 1
    assert an.counted_attempt(attempts, "last").id == 4
    # a2 and a4 both total 2: the earlier one is the best
    assert an.counted_attempt(attempts, "best").id == 2
    assert an.counted_attempt([a3], "first") is None
    with pytest.raises(ValueError):
        an.counted_attempt(attempts, "average")


def test_mastery_is_over_answered_questions_per_category():
    a = attempt(1, states=(1.5, 2, 2), unsupported=(0, 2, 1))
    assert an.mastery(a) == {"states": 75.0, "unsupported": 0.0, "contradiction": None, "source": None}
    assert an.mastery(None) == {"states": None, "unsupported": None, "contradiction": None, "source": None}


def test_roster_row_by_hand():
    student = Student(
        7,
        "Ann",
        [
            attempt(1, finished="2026-01-01T11:00:00+00:00", seconds=60, review=1, states=(2, 2, 2), source=(1, 1, 1)),
            attempt(2, seconds=5, states=(0, 1, 1)),
            attempt(3),
        ],
    )
    row = an.roster_row(student, "last")
    assert (row.attempts, row.first, row.best, row.last) == (2, 3, 3, 0)
    assert row.counted.id == 2
    assert row.mastery == {"states": 0.0, "unsupported": None, "contradiction": None, "source": None}
    assert (row.seconds, row.finished, row.needs_review) == (65, True, 1)
    first = an.roster_row(student, "first")
    assert first.mastery["states"] == 100.0 and first.mastery["source"] == 100.0


def test_a_student_with_no_answers():
    row = an.roster_row(Student(1, "Cy", [attempt(5)]))
    assert (row.attempts, row.first, row.best, row.last) == (0, None, None, None)
    assert row.counted is None and not row.finished


def test_class_mastery_is_the_mean_of_students_with_a_figure():
    rows = [
        an.roster_row(Student(1, "A", [attempt(1, states=(2, 2, 2), source=(0, 1, 1))])),
        an.roster_row(Student(2, "B", [attempt(2, states=(1, 2, 2))])),
        an.roster_row(Student(3, "C", [])),
    ]
    # states: (100 + 50) / 2; source: only A (0); nobody answered the others.
    assert an.class_mastery(rows) == {"states": 75.0, "unsupported": None, "contradiction": None, "source": 0.0}


def test_score_distribution_bins():
    rows = [
        an.roster_row(Student(1, "A", [attempt(1, states=(9, 9, 6))])),  # 100% -> 90–100
        an.roster_row(Student(2, "B", [attempt(2, states=(2, 9, 5))])),  # 22% -> 20–29
        an.roster_row(Student(3, "C", [attempt(3, states=(0.9, 9, 1))])),  # 10% -> 10–19
        an.roster_row(Student(4, "D", [])),
    ]
    bins = dict(an.score_distribution(rows, 9))
    assert bins["90–100%"] == 1 and bins["20–29%"] == 1 and bins["10–19%"] == 1
    assert sum(bins.values()) == 3
    assert len(bins) == 10


# --- item statistics -----------------------------------------------------------------------------


def test_item_stats_choice_question(mini):
    q = mini.quiz.by_id["who-closed"]  # key "a"; option "b" carries quote-as-evidence
    picks = ["a", "a", "b", "a", "b", "c"]
    answers = [
        Answer(i, q.id, 1.0 if p == "a" else 0.0, 1, p, ("quote-as-evidence",) if p == "b" else ())
        for i, p in enumerate(picks, 1)
    ]
    totals = {1: 4, 2: 3, 3: 2, 4: 1, 5: 1, 6: 0}
    stats = an.item_stats(q, answers, totals)
    assert stats.answered == 6
    assert stats.facility == pytest.approx(50.0)
    # top (1, 2): 1 + 1; bottom (5, 6): 0 + 0 -> 2 / 2
    assert stats.discrimination == pytest.approx(1.0)
    assert stats.picks == [("a", 3, True), ("b", 2, False), ("c", 1, False)]
    assert stats.wrong_answers == [("b", 2), ("c", 1)]
    assert stats.misconceptions == {"quote-as-evidence": 2}
    assert not stats.doubtful


def test_only_discrimination_waits_for_five_answers(mini):
    q = mini.quiz.by_id["who-closed"]
    answers = [Answer(i, q.id, 1.0, 1, "a") for i in range(1, 4)] + [Answer(4, q.id, 0.0, 1, "c")]
    stats = an.item_stats(q, answers, {i: 1 for i in range(1, 5)})
    assert stats.answered == 4 and stats.discrimination is None
    assert stats.facility == pytest.approx(75.0) and stats.right == pytest.approx(75.0)
    assert stats.top_wrong_pick == ("c", 1)
    assert not stats.enough and not stats.doubtful


def test_first_answer_already_gives_facility_and_wrong_pick(mini):
    q = mini.quiz.by_id["unsupported-multi"]  # key a, b: "a" + "c" earns nothing
    stats = an.item_stats(q, [Answer(1, q.id, 0.0, 2, ["a", "c"])], {1: 0})
    assert stats.facility == 0 and stats.right == 0
    assert stats.top_wrong_pick == ("c", 1)
    assert stats.discrimination is None


def test_no_answers_no_figures(mini):
    stats = an.item_stats(mini.quiz.by_id["who-closed"], [], {})
    assert stats.facility is None and stats.right is None and stats.top_wrong_pick is None


@pytest.mark.parametrize(("score", "most", "expected"), [(1, 1, "right"), (2, 2, "right"), (1, 2, "partly"),
                                                          (0.5, 4, "partly"), (0, 2, "wrong")])
def test_outcome_of_an_answer(score, most, expected):
    assert an.outcome(score, most) == expected


def test_doubtful_below_point_three(mini):
    q = mini.quiz.by_id["verdict-statement"]
    results = [1, 0, 1, 0, 1, 0]
    answers = [Answer(i, q.id, float(r), 1, "not-stated" if r else "stated") for i, r in enumerate(results, 1)]
    stats = an.item_stats(q, answers, {1: 4, 2: 3, 3: 2, 4: 1, 5: 1, 6: 0})
    assert stats.discrimination == pytest.approx(0.0)
    assert stats.doubtful


def test_multi_wrong_answers_group_regardless_of_order(mini):
    q = mini.quiz.by_id["unsupported-multi"]
    answers = [
        Answer(1, q.id, 0.0, 2, ["c", "a"]),
        Answer(2, q.id, 0.0, 2, ["a", "c"]),
        Answer(3, q.id, 2.0, 2, ["a", "b"]),
        Answer(4, q.id, 0.0, 2, ["d"]),
    ]
    stats = an.item_stats(q, answers, {})
    assert stats.wrong_answers[0] == (["c", "a"], 2)
    assert stats.wrong_answers[1] == (["d"], 1)
    assert stats.picks == [("a", 3, True), ("b", 1, True), ("c", 2, False), ("d", 1, False)]


def test_explain_answers_have_no_wrong_answer_groups(mini):
    q = mini.quiz.by_id["explain-bridge"]
    stats = an.item_stats(q, [Answer(1, q.id, 1.0, 2, "it closed")], {})
    assert stats.wrong_answers == [] and stats.picks == []


# --- heatmap -------------------------------------------------------------------------------------


def test_heatmap_by_hand(mini):
    cite, pair = mini.quiz.by_id["cite-vague"], mini.quiz.by_id["pair-closed-open"]  # keys: s4; {s2, s6}
    answers = [
        Answer(1, cite.id, 1, 1, ["s4"]),
        Answer(1, pair.id, 2, 2, ["s2", "s6"]),
        Answer(2, cite.id, 0, 1, ["s3", "s4"]),
        Answer(2, pair.id, 1, 2, ["s2", "s5"]),
        Answer(3, cite.id, 0, 1, ["s3"]),
        Answer(3, "who-closed", 1, 1, "a"),  # not a selection question: ignored
    ]
    heat = an.heatmap(mini, answers)
    got = {sid: (h.right, h.wrong, h.missed) for sid, h in heat.items() if h.total}
    assert got == {
        "s2": (2, 0, 0),
        "s3": (0, 2, 0),
        "s4": (2, 0, 1),  # student 3 missed it
        "s5": (0, 1, 0),
        "s6": (1, 0, 1),  # student 2 missed it
    }
    assert heat["s1"].css == "heat-none"
    assert heat["s2"].css == "heat-right-3"
    assert heat["s3"].css == "heat-wrong-3"
    assert heat["s4"].css == "heat-right-2"  # 2 of 3 events
    assert heat["s6"].outcome == "missed"  # a tie goes to the worrying outcome
    assert heat["s6"].css == "heat-missed-2"


def test_pair_misses_come_from_the_closest_keyed_pair(mini):
    pair = mini.quiz.by_id["pair-closed-open"]
    two_pairs = replace(pair, key=[frozenset({"s2", "s6"}), frozenset({"s3", "s5"})])
    lesson = replace(mini, quiz=replace(mini.quiz, questions=[two_pairs]))
    heat = an.heatmap(lesson, [Answer(1, pair.id, 1, 2, ["s5", "s4"])])
    # s5 belongs to the pair {s3, s5}: right; s4 is in no pair: wrong; s3 missed; s2 and s6 not counted.
    assert (heat["s5"].right, heat["s4"].wrong, heat["s3"].missed) == (1, 1, 1)
    assert heat["s2"].total == heat["s6"].total == 0

