"""The figures on the teacher's dashboard. Pure functions over plain data, no Flask, no SQL.

Definitions (the README's teacher section repeats them):

Attempts
    Only attempts with at least one answer count; a started but empty attempt
    is not shown. Attempts are ordered by id (the order they were started).
Counted attempt
    The teacher picks which attempt stands for a student: ``first`` (lowest
    id), ``best`` (highest total; the earlier one on a tie) or ``last``.
Score
    Points earned in an attempt, out of the lesson's total points.
Mastery of a category (student)
    Points earned / points available in the questions of that category the
    student answered in the counted attempt, as a percentage; none answered
    gives no figure ("—"), so a student halfway through is judged on what
    they did so far.
Class mastery of a category
    The mean of the students' mastery figures for that category (students
    without a figure left out): every student weighs the same.
Time spent
    The sum of the per-question times (first view to answer) over all the
    student's attempts.
Facility index (Moodle)
    ``FI = 100 × mean(score / max)`` over the students who answered the
    question in their counted attempt (Moodle: "FI = Xaverage / Xmax").
Discrimination index (Moodle's item analysis)
    Rank those students by their total score on the counted attempt (ties in
    the order given, i.e. by class member id), take the top third and the
    bottom third, ``N = floor(n / 3)`` students each, and compute
    ``DI = (Xtop − Xbottom) / N`` where Xtop and Xbottom are the sums of the
    fractional credit (score / max) on the question in each group. It runs
    from −1 to +1. Below 0.3 (a usual rule of thumb) a question separates strong
    and weak readers poorly, so the page flags it for checking.
    The facility index, the share of fully right answers and the most common
    wrong pick show from the first answer; only the discrimination index waits
    until at least 5 students answered (a third of fewer is one student). References:
    Moodle Docs, "Quiz reports", item analysis (https://docs.moodle.org/24/en/Quiz_reports)
    for FI and DI; "Quiz statistics calculations"
    (https://docs.moodle.org/dev/Quiz_statistics_calculations) for first attempts by default.
Outcome of an answer
    *right* when it earned every point, *wrong* when it earned none, *partly
    right* in between (written answers by their provisional score until reviewed).
Most common wrong pick
    The option (or sentence) outside the key that most answers picked; on a tie
    the first in the question's order (sentences: article order).
Heatmap (cite and pair questions)
    For each answer, every sentence picked is *cited rightly* if it is one of
    the question's keyed sentences and *cited wrongly* otherwise. For cite
    questions every keyed sentence not picked is *missed*; for pair questions
    the sentences of the keyed pair closest to the pick (most overlap, first
    on a tie) that were not picked are missed.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..content.model import CATEGORIES, Lesson, Question
from ..content.sentences import sentence_number

COUNT_RULES = ("first", "best", "last")
DEFAULT_RULE = "first"
MIN_ANSWERS_FOR_INDICES = 5
DOUBTFUL_DISCRIMINATION = 0.3
WRONG_ANSWERS_SHOWN = 3


# --- data in -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryTally:
    score: float
    max: float
    answered: int


@dataclass
class AttemptTally:
    """One attempt, added up per category (the SQL does the adding)."""

    id: int
    started_at: str
    finished_at: str | None
    categories: dict[str, CategoryTally] = field(default_factory=dict)
    seconds: int = 0
    needs_review: int = 0

    @property
    def total(self) -> float:
        return round(sum(c.score for c in self.categories.values()), 2)

    @property
    def answered(self) -> int:
        return sum(c.answered for c in self.categories.values())


@dataclass
class Student:
    key: int  # class_members.id
    name: str
    attempts: list[AttemptTally] = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    """One stored response of a counted attempt, for item analysis and the heatmap."""

    student: int
    question_id: str
    score: float
    max: int
    answer: object
    misconceptions: tuple[str, ...] = ()

    @property
    def fraction(self) -> float:
        return self.score / self.max if self.max else 0.0


# --- per student ---------------------------------------------------------------------------------


def scored_attempts(attempts: Iterable[AttemptTally]) -> list[AttemptTally]:
    return sorted((a for a in attempts if a.answered > 0), key=lambda a: a.id)


def counted_attempt(attempts: Iterable[AttemptTally], rule: str = DEFAULT_RULE) -> AttemptTally | None:
    scored = scored_attempts(attempts)
    if not scored:
        return None
    if rule == "first":
        return scored[0]
    if rule == "last":
        return scored[-1]
    if rule == "best":
        return max(scored, key=lambda a: (a.total, -a.id))
    raise ValueError(f"unknown rule {rule!r}")


def whole(value: float | None) -> int | None:
    """Round half up to a whole number (Python's round() would round 62.5 to 62)."""
    return None if value is None else int(math.floor(value + 0.5))


def percent(score: float, out_of: float) -> float | None:
    return 100.0 * score / out_of if out_of else None


def mastery(attempt: AttemptTally | None) -> dict[str, float | None]:
    """Percent of available points earned per category, over answered questions."""
    out: dict[str, float | None] = {c: None for c in CATEGORIES}
    if attempt is None:
        return out
    for cat, tally in attempt.categories.items():
        if tally.answered:
            out[cat] = percent(tally.score, tally.max)
    return out


@dataclass
class RosterRow:
    key: int
    name: str
    attempts: int
    first: float | None
    best: float | None
    last: float | None
    counted: AttemptTally | None
    mastery: dict[str, float | None]
    seconds: int
    finished: bool
    needs_review: int


def roster_row(student: Student, rule: str = DEFAULT_RULE) -> RosterRow:
    scored = scored_attempts(student.attempts)
    counted = counted_attempt(scored, rule)
    return RosterRow(
        key=student.key,
        name=student.name,
        attempts=len(scored),
        first=scored[0].total if scored else None,
        best=max(a.total for a in scored) if scored else None,
        last=scored[-1].total if scored else None,
        counted=counted,
        mastery=mastery(counted),
        seconds=sum(a.seconds for a in scored),
        finished=any(a.finished_at for a in scored),
        needs_review=sum(a.needs_review for a in scored),
    )


def roster(students: Iterable[Student], rule: str = DEFAULT_RULE) -> list[RosterRow]:
    return [roster_row(s, rule) for s in students]


def class_mastery(rows: Iterable[RosterRow]) -> dict[str, float | None]:
    """Mean of the students' mastery per category; None when no student has a figure."""
    rows = list(rows)
    out: dict[str, float | None] = {}
    for cat in CATEGORIES:
        values = [r.mastery[cat] for r in rows if r.mastery.get(cat) is not None]
        out[cat] = sum(values) / len(values) if values else None
    return out


SCORE_BINS = [f"{lo}–{lo + 9}%" for lo in range(0, 90, 10)] + ["90–100%"]


def score_distribution(rows: Iterable[RosterRow], total_points: int) -> list[tuple[str, int]]:
    """How many students' counted attempts fall in each tenth of the total score."""
    counts = [0] * len(SCORE_BINS)
    for r in rows:
        if r.counted is None or not total_points:
            continue
        p = 100.0 * r.counted.total / total_points
        counts[min(int(p // 10), 9)] += 1
    return list(zip(SCORE_BINS, counts, strict=True))


# --- item analysis -------------------------------------------------------------------------------


def facility(fractions: list[float]) -> float | None:
    """Moodle's facility index: mean fractional credit × 100."""
    return 100.0 * sum(fractions) / len(fractions) if fractions else None


def discrimination(pairs: list[tuple[float, float]]) -> float | None:
    """Moodle's item-analysis discrimination index from (total score, item fraction) pairs.

    ``DI = (Xtop − Xbottom) / N`` with ``N = floor(n / 3)``; the sort is stable,
    so ties keep the order the pairs were given in. None when N is 0.
    """
    n_third = len(pairs) // 3
    if n_third == 0:
        return None
    ranked = sorted(pairs, key=lambda p: p[0], reverse=True)
    top = sum(f for _, f in ranked[:n_third])
    bottom = sum(f for _, f in ranked[-n_third:])
    return (top - bottom) / n_third


def canonical(answer: object) -> str:
    """One key for equal answers: order of picks never matters."""
    if isinstance(answer, list):
        return json.dumps(sorted(answer))
    return json.dumps(answer)


def outcome(score: float, most: float) -> str:
    """``right``, ``partly`` or ``wrong``: the one rule the live tallies and item analysis share."""
    if score >= most:
        return "right"
    return "wrong" if score <= 0 else "partly"


@dataclass
class ItemStats:
    question: Question
    answered: int
    mean_score: float | None
    facility: float | None  # None when nobody answered
    discrimination: float | None  # None below MIN_ANSWERS_FOR_INDICES
    right: float | None  # percent of answers that earned every point
    picks: list[tuple[str, int, bool]]  # (option or sentence id, how many picked it, keyed?)
    wrong_answers: list[tuple[object, int]]  # most common wrong answers, as stored
    misconceptions: Counter

    @property
    def enough(self) -> bool:
        return self.answered >= MIN_ANSWERS_FOR_INDICES

    @property
    def doubtful(self) -> bool:
        return self.discrimination is not None and self.discrimination < DOUBTFUL_DISCRIMINATION

    @property
    def top_wrong_pick(self) -> tuple[str, int] | None:
        """The option or sentence outside the key picked most often, with its count; None if none was."""
        wrong = [(ref, n) for ref, n, keyed in self.picks if not keyed and n]
        return max(wrong, key=lambda p: p[1]) if wrong else None


def _picks(q: Question, answers: list[Answer]) -> list[tuple[str, int, bool]]:
    counts: Counter = Counter()
    for a in answers:
        values = [a.answer] if isinstance(a.answer, str) else list(a.answer or [])
        counts.update(set(values))
    keyed = q.kind.keyed_ids(q)
    if q.options:
        return [(o.id, counts[o.id], o.id in keyed) for o in q.options]
    if q.selects_sentences:
        order = sorted(counts, key=lambda sid: (-counts[sid], sentence_number(sid)))
        return [(sid, counts[sid], sid in keyed) for sid in order]
    return []


def item_stats(q: Question, answers: list[Answer], totals: dict[int, float]) -> ItemStats:
    """Statistics of one question over the counted attempts' answers to it.

    ``totals`` maps each student to the total score of their counted attempt;
    ``answers`` must come in class-member order (it breaks ties in the ranking).
    """
    answers = [a for a in answers if a.question_id == q.id]
    n = len(answers)
    fractions = [a.fraction for a in answers]
    enough = n >= MIN_ANSWERS_FOR_INDICES
    wrong: Counter = Counter()
    first_seen: dict[str, object] = {}
    if not q.kind.provisional:  # written answers are all different: no "common wrong answers"
        for a in answers:
            if a.score < a.max:
                key = canonical(a.answer)
                wrong[key] += 1
                first_seen.setdefault(key, a.answer)
    common_wrong = sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:WRONG_ANSWERS_SHOWN]
    return ItemStats(
        question=q,
        answered=n,
        mean_score=sum(a.score for a in answers) / n if n else None,
        facility=facility(fractions),
        discrimination=discrimination([(totals.get(a.student, 0.0), a.fraction) for a in answers]) if enough else None,
        right=100.0 * sum(outcome(a.score, a.max) == "right" for a in answers) / n if n else None,
        picks=_picks(q, answers),
        wrong_answers=[(first_seen[k], c) for k, c in common_wrong],
        misconceptions=misconception_totals(answers),
    )


def item_analysis(lesson: Lesson, answers: list[Answer], totals: dict[int, float]) -> list[ItemStats]:
    return [item_stats(q, answers, totals) for q in lesson.quiz.questions]


def misconception_totals(answers: Iterable[Answer]) -> Counter:
    tags: Counter = Counter()
    for a in answers:
        tags.update(a.misconceptions)
    return tags


# --- heatmap -------------------------------------------------------------------------------------


@dataclass
class SentenceHeat:
    right: int = 0
    wrong: int = 0
    missed: int = 0

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.missed

    @property
    def outcome(self) -> str | None:
        """The most frequent outcome; on a tie the more worrying one (wrong, then missed)."""
        if not self.total:
            return None
        return max(("wrong", "missed", "right"), key=lambda k: (getattr(self, k), k != "right", k == "wrong"))

    @property
    def level(self) -> int:
        """1 to 3: how clear the outcome is (its share of this sentence's events)."""
        if not self.total:
            return 0
        share = getattr(self, self.outcome) / self.total
        return 3 if share >= 0.75 else 2 if share >= 0.5 else 1

    @property
    def css(self) -> str:
        return f"heat-{self.outcome}-{self.level}" if self.total else "heat-none"


def heatmap(lesson: Lesson, answers: Iterable[Answer]) -> dict[str, SentenceHeat]:
    """Per sentence of the article: cited rightly, cited wrongly, missed where key."""
    heat = {s.id: SentenceHeat() for s in lesson.article.sentences}
    questions = lesson.quiz.by_id
    for a in answers:
        q = questions.get(a.question_id)
        if q is None or not q.selects_sentences or not isinstance(a.answer, list):
            continue
        picks = set(a.answer)
        keyed = q.key_sentences
        for sid in picks:
            if sid in heat:
                if sid in keyed:
                    heat[sid].right += 1
                else:
                    heat[sid].wrong += 1
        for sid in q.kind.expected_sentences(q, picks) - picks:
            if sid in heat:
                heat[sid].missed += 1
    return heat
