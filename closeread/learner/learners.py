"""Who is the learner on this request? A random id kept in the signed session."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, g, session

from .. import anon_guard, keys
from ..content.model import Lesson, Round
from ..content.rounds import visible_rounds
from ..db import get_db
from . import store
from .rounds import round_label

SESSION_KEY = "learner_id"


def current_learner_id(create: bool = False) -> str | None:
    learner_id = session.get(SESSION_KEY)
    if learner_id is None and create:
        anon_guard.check_and_count()  # 429 after too many new learners from one client
        learner_id = store.new_learner_id()
        store.ensure_learner(get_db(), learner_id, kind="self")
        session[SESSION_KEY] = learner_id
        session.permanent = True
    return learner_id


def lessons() -> dict[str, Lesson]:
    return current_app.extensions[keys.LESSONS]


def lesson_or_404(slug: str) -> Lesson:
    """A lesson this learner may open: any built-in one in self-study, the class's assigned ones in a class."""
    from ..library.catalog import learner_lesson_or_404

    return learner_lesson_or_404(slug, current_learner_id())


def own_attempt_or_404(attempt_id: int) -> tuple[dict, Lesson]:
    """The attempt, if it belongs to the learner on this request, with the lesson version it is pinned to."""
    from ..library.catalog import lesson_for_attempt

    attempt = store.get_attempt(get_db(), attempt_id)
    if attempt is None or attempt["learner_id"] != current_learner_id():
        abort(404)
    return attempt, lesson_for_attempt(attempt)


def assigned_round_ids(lesson: Lesson, learner_id: str | None = None) -> list[str] | None:
    """The round ids the class assignment of this lesson names for the learner, or None: all rounds.

    ``learner_id`` defaults to the learner on this request. Self-study learners, teachers
    previewing, and classes given the whole lesson get None. Read once per request and lesson.
    """
    from ..library.assignments import for_learner, rounds_of

    learner_id = learner_id or current_learner_id()
    if learner_id is None:
        return None
    cache = g.setdefault("assigned_rounds", {})
    key = (learner_id, lesson.slug)
    if key not in cache:
        cache[key] = rounds_of(for_learner(get_db(), learner_id, lesson.slug))
    return cache[key]


def learner_rounds(lesson: Lesson, learner_id: str | None = None) -> list[Round]:
    """The rounds the learner on this request works through, in order.

    Every view and the chat ask this one function: a class assignment of some rounds
    gives only those (``visible_rounds(lesson, assigned)``); otherwise all rounds.
    """
    return visible_rounds(lesson, assigned_round_ids(lesson, learner_id))


@dataclass(frozen=True)
class RoundScope:
    """The learner's rounds and whether a class assignment narrowed them (what the pages say about it)."""

    rounds: list[Round]
    assigned: bool  # True: the class was assigned only these rounds of the lesson

    @property
    def question_ids(self) -> set[str]:
        return {qid for r in self.rounds for qid in r.question_ids}

    def label(self, rnd: Round) -> str:
        """"Round 3 of 6", or with an assignment "Round 3 (assigned round 1 of 2)" (``rounds.round_label``)."""
        return round_label(rnd, self.rounds, self.assigned)

    def short(self, rnd: Round) -> str:
        """For the question page's progress line: "Round 3 of 6", or "Round 3" with an assignment."""
        return f"Round {rnd.number}" if self.assigned else f"Round {rnd.number} of {len(self.rounds)}"


def round_scope(lesson: Lesson, learner_id: str | None = None) -> RoundScope:
    rounds = learner_rounds(lesson, learner_id)
    return RoundScope(rounds, len(rounds) < len(lesson.rounds))
