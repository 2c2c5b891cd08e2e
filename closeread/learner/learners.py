"""Who is the learner on this request? A random id kept in the signed session."""

from __future__ import annotations

from flask import abort, current_app, session

from .. import anon_guard, keys
from ..content.model import Lesson, Round
from ..content.rounds import visible_rounds
from ..db import get_db
from . import store

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


def learner_rounds(lesson: Lesson) -> list[Round]:
    """The rounds the learner on this request works through, in order.

    Every view and the chat ask this one function. A class assignment of some rounds
    passes its round ids here, as ``visible_rounds(lesson, assigned)``; with none, all rounds.
    """
    return visible_rounds(lesson)
