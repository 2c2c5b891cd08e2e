"""The teacher's live view of a class at work: where each student is, how each question is going.

Pure functions over plain rows (``queries.live_positions`` and ``queries.live_responses``
read them); no Flask, no SQL. Everything comes from what the learner pages already store,
so the live view adds no write to a learner's request:

Current attempt
    A student's latest attempt at the lesson (highest id), form or chat. A retake
    therefore moves the student back to the start of the tallies.
Current question
    The question of that attempt the student opened last for the first time: the
    quiz page and the chat both record a ``question_progress`` row on a question's
    first view. Going back to an earlier question does not move it. With no such
    row (data older than that record), the last question answered.
Round
    The lesson round (``lesson.rounds``) the current question belongs to; the tallies
    come in the rounds' order, and each round's questions in the order they are asked.
Tallies
    Per question, the current attempts' answers by outcome (``analytics.outcome``:
    right, partly right, wrong; written answers by their provisional score until
    reviewed), and how many students are on that question now.
Assigned rounds
    When the class was assigned some rounds only (``required``: their questions),
    the tallies and each student's count are over those questions, and a student has
    finished once every one of them is answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..content.model import CATEGORIES, Lesson, Question
from ..content.rounds import round_of as lesson_round
from .analytics import outcome

OUTCOMES = ("right", "partly", "wrong")
OUTCOME_LABELS = {"right": "Right", "partly": "Partly right", "wrong": "Wrong"}


def round_of(lesson: Lesson, question: Question) -> str:
    """The round a question belongs to, as the teacher reads it ("Round 2: Who says so, and how sure?")."""
    rnd = lesson_round(lesson, question.id)
    if rnd is None:  # a question outside every round cannot be loaded; kept for a safe label
        return CATEGORIES.get(question.category, question.category)
    return f"Round {rnd.number}: {rnd.title}"


def _in_round_order(lesson: Lesson) -> list[Question]:
    by_id = lesson.quiz.by_id
    ordered = [by_id[qid] for r in lesson.rounds for qid in r.question_ids if qid in by_id]
    seen = {q.id for q in ordered}
    return ordered + [q for q in lesson.quiz.questions if q.id not in seen]


@dataclass(frozen=True)
class Position:
    """One class member and their current attempt, as read from the database."""

    member_id: int
    name: str
    attempt_id: int | None
    mode: str | None
    finished: bool
    opened: str | None  # question id opened last for the first time, else last answered


@dataclass(frozen=True)
class LiveResponse:
    attempt_id: int
    question_id: str
    score: float
    max: float
    needs_review: bool


@dataclass
class StudentNow:
    key: int
    name: str
    mode: str | None
    question: Question | None
    answered: int
    state: str  # "not-started", "working", "answered" (the current question), "finished"
    outcome: str | None = None  # of the current question, once answered
    round: str | None = None  # the current question's round


@dataclass
class QuestionTally:
    question: Question
    right: int = 0
    partly: int = 0
    wrong: int = 0
    to_review: int = 0
    on_it: int = 0  # students whose current question this is and who have not answered it
    round: str = ""

    @property
    def answered(self) -> int:
        return self.right + self.partly + self.wrong

    def share(self, what: str, out_of: int) -> float:
        """Percent of ``out_of`` students, for the bar; 0 when there is nobody."""
        return 100.0 * getattr(self, what) / out_of if out_of else 0.0

    def offset(self, what: str, out_of: int) -> float:
        """Where the bar segment of ``what`` starts: the shares of the outcomes before it."""
        return sum(self.share(o, out_of) for o in OUTCOMES[: OUTCOMES.index(what)])


@dataclass
class LiveView:
    students: list[StudentNow]
    questions: list[QuestionTally]
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def started(self) -> int:
        return sum(s.state != "not-started" for s in self.students)

    @property
    def finished(self) -> int:
        return sum(s.state == "finished" for s in self.students)

    @property
    def answers(self) -> int:
        return sum(self.totals.values())

    @property
    def rounds(self) -> list[tuple[str, list[QuestionTally]]]:
        """The tallies grouped by round, rounds in the order their first question comes."""
        groups: dict[str, list[QuestionTally]] = {}
        for tally in self.questions:
            groups.setdefault(tally.round, []).append(tally)
        return list(groups.items())


def _student(p: Position, lesson: Lesson, mine: dict[str, LiveResponse], required: set[str] | None) -> StudentNow:
    if p.attempt_id is None:
        return StudentNow(p.member_id, p.name, None, None, 0, "not-started")
    question = lesson.quiz.by_id.get(p.opened) if p.opened else None
    counted = len(mine) if required is None else len(required.intersection(mine))
    now = StudentNow(p.member_id, p.name, p.mode, question, counted, "working",
                     round=round_of(lesson, question) if question else None)
    finished = p.finished if required is None else counted == len(required)
    if finished:
        now.state = "finished"
    elif question is not None and question.id in mine:
        r = mine[question.id]
        now.state, now.outcome = "answered", outcome(r.score, r.max)
    return now


def build(
    lesson: Lesson, positions: Iterable[Position], responses: Iterable[LiveResponse], required: set[str] | None = None,
) -> LiveView:
    """The live view; ``required``: the questions of the rounds the class was assigned (None: the whole lesson)."""
    by_attempt: dict[int, dict[str, LiveResponse]] = {}
    for r in responses:
        by_attempt.setdefault(r.attempt_id, {})[r.question_id] = r
    tallies = {q.id: QuestionTally(q, round=round_of(lesson, q)) for q in _in_round_order(lesson)
               if required is None or q.id in required}
    totals = dict.fromkeys(OUTCOMES, 0)
    students = []
    for p in positions:
        mine = by_attempt.get(p.attempt_id, {}) if p.attempt_id is not None else {}
        for r in mine.values():
            tally = tallies.get(r.question_id)
            if tally is None:  # a question no longer in the quiz
                continue
            kind = outcome(r.score, r.max)
            setattr(tally, kind, getattr(tally, kind) + 1)
            tally.to_review += r.needs_review
            totals[kind] += 1
        now = _student(p, lesson, mine, required)
        if now.state == "working" and now.question is not None and now.question.id in tallies:
            tallies[now.question.id].on_it += 1
        students.append(now)
    return LiveView(students, list(tallies.values()), totals)
