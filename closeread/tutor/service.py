"""The chat tutor's service: runs the pure engine for one attempt and applies what it asks for.

The engine (:mod:`.engine`) turns (state, input, progress) into (state,
replies, effects) without touching the database. This module loads the state
and the attempt's progress, runs one turn inside one write transaction, stores
the replies and applies the effects: ``seen`` -> store.mark_seen, ``hint`` ->
store.use_hint, ``answer`` -> store.record_response (the same rows as the form
quiz), ``new_attempt`` -> a fresh attempt in chat mode. The page views and the
JSON API both go through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from .. import keys
from ..content.model import Lesson
from ..db import get_db
from ..learner import store
from ..library import assignments
from ..library.catalog import lesson_for_attempt
from . import store as chat_store
from .engine import Input, Message, Progress, Turn, Tutor


def build_tutors(lessons: dict[str, Lesson]) -> dict[str, Tutor]:
    return {slug: Tutor(lesson, lesson.tutor) for slug, lesson in lessons.items()}


def tutor_for(lesson: Lesson) -> Tutor:
    """The engine of this lesson object: the served version's is built at start-up, others on first use.

    An attempt's lesson comes from ``library.catalog.lesson_for_attempt`` (its pinned version),
    so the engine always works on the questions the attempt started with.
    """
    tutors = current_app.extensions[keys.TUTORS]
    tutor = tutors.get(lesson.slug)
    if tutor is not None and tutor.lesson is lesson:
        return tutor
    key = (lesson.slug, lesson.version)
    tutor = tutors.get(key)
    if tutor is None or tutor.lesson is not lesson:
        tutor = tutors[key] = Tutor(lesson, lesson.tutor)
    return tutor


def progress(db, attempt: dict) -> Progress:
    """What the engine needs to know about the attempt: its answers, hints, option order, and the rounds
    its learner's class was assigned (the chat follows the same rounds as the form quiz)."""
    found = chat_store.progress(db, attempt["id"])
    found.seed = attempt.get("option_seed")
    found.rounds = assignments.rounds_of(assignments.for_learner(db, attempt["learner_id"], attempt["lesson"]))
    return found


def apply_effects(db, attempt_id: int, lesson: Lesson, turn: Turn) -> tuple[list[str], int | None]:
    """Apply the engine's effects. Returns (notes to add to the replies, a new attempt id)."""
    notes: list[str] = []
    new_attempt = None
    questions = lesson.quiz.by_id
    for effect in turn.effects:
        if effect.kind == "seen":
            store.mark_seen(db, attempt_id, effect.question_id)
        elif effect.kind == "hint":
            store.use_hint(db, attempt_id, questions[effect.question_id])
        elif effect.kind == "answer":
            q = questions[effect.question_id]
            row, created = store.record_response(db, attempt_id, q, effect.answer, effect.grade, lesson)
            if not created:
                notes.append(f"Question {q.number} was already answered in this attempt; the first answer "
                             f"({row['score']:g} of {row['max']}) is the one that counts.")
        elif effect.kind == "new_attempt":
            attempt = store.get_attempt(db, attempt_id)
            new_attempt = store.new_attempt(db, attempt["learner_id"], lesson.slug, mode="chat")
    return notes, new_attempt


def open_session(attempt: dict, lesson: Lesson) -> dict:
    """The attempt's conversation, started on first use and caught up with the form view."""
    db = get_db()
    tutor = tutor_for(lesson)
    session = chat_store.get_session(db, attempt["id"])
    if session is not None and not tutor.resume(session["state"], progress(db, attempt)).messages:
        return session  # nothing happened elsewhere: no write, no lock
    with db.atomic():  # start or catch up under the write lock, so two requests cannot both do it
        session, _ = _caught_up(db, attempt, lesson, tutor)
    return session


@dataclass
class Sent:
    """A stored turn: the new revision, a new attempt's id (or None), the id of the last message before
    the turn (the replies come after it), and the conversation's state and the attempt's progress after it."""

    rev: int
    new_attempt: int | None
    before: int
    state: dict
    progress: Progress


def _caught_up(db, attempt: dict, lesson: Lesson, tutor: Tutor) -> tuple[dict, Progress]:
    """The conversation and the attempt's progress, inside the turn's transaction: the session is
    started on first use and caught up with answers given in the form view (see ``open_session``)."""
    session = chat_store.get_session(db, attempt["id"])
    now = progress(db, attempt)
    if session is None:
        turn = tutor.start(now)
        chat_store.create_session(db, attempt["id"], turn.state, turn.messages)
        return chat_store.get_session(db, attempt["id"]), now
    caught = tutor.resume(session["state"], now)
    if caught.messages:
        apply_effects(db, attempt["id"], lesson, caught)
        chat_store.save_turn(db, attempt["id"], session["rev"], caught.state, None, caught.messages)
        return chat_store.get_session(db, attempt["id"]), progress(db, attempt)
    return session, now


@dataclass
class _Plan:
    """A turn worked out, not yet stored: the conversation and progress it started from, the
    learner's line as the transcript shows it, the engine's turn, and what the database said then."""

    session: dict
    now: Progress
    echo: str
    turn: Turn
    mark: tuple[int, int, int] | None = None


def _respond(tutor: Tutor, session: dict, now: Progress, inp: Input, mark=None) -> _Plan:
    echo = tutor.echo(inp, session["state"], now)  # ticked options by the letters shown before the turn
    return _Plan(session, now, echo, tutor.respond(session["state"], inp, now), mark)


def _plan_unlocked(db, attempt: dict, tutor: Tutor, inp: Input, rev: int | None) -> _Plan | None:
    """The turn worked out before taking the write lock, or None when it must be worked out under it
    (a conversation to start or to catch up with the form view, or a stale revision to refuse).

    SQLite lets one writer in at a time. Holding the lock while the engine reads the message and
    writes the replies made every other learner's turn wait (and the waits are sleeps), so the
    engine runs first and the lock is taken only to store the result.
    """
    session = chat_store.get_session(db, attempt["id"])
    if session is None or (rev is not None and rev != session["rev"]):
        return None
    now = progress(db, attempt)
    if tutor.resume(session["state"], now).messages:
        return None
    return _respond(tutor, session, now, inp, (session["rev"], len(now.answered), sum(now.hints.values())))


def send(attempt: dict, lesson: Lesson, inp: Input, rev: int | None) -> Sent:
    """Run one turn and store it in one write transaction.

    The turn is worked out from one read of the session, the progress and the assigned rounds,
    before the write lock is taken. Under the lock the conversation's revision, the number of
    answers and the hints used are checked again: if anything changed in between (a turn in
    another tab, an answer in the form view), the turn is worked out again under the lock. The
    progress after the turn is the engine's own (it adds the answer and the hint it hands over
    as effects), read again only when the store kept an earlier answer instead. Raises
    :class:`chat_store.StaleTurn` when ``rev`` is not the conversation's current revision.
    """
    db = get_db()
    tutor = tutor_for(lesson)
    plan = _plan_unlocked(db, attempt, tutor, inp, rev)
    with db.atomic():
        mark, before = chat_store.mark(db, attempt["id"])
        if plan is None or plan.mark != mark:
            session, now = _caught_up(db, attempt, lesson, tutor)
            if rev is not None and rev != session["rev"]:
                raise chat_store.StaleTurn(attempt["id"])
            plan = _respond(tutor, session, now, inp)  # the replies include the catch-up's: after ``before``
        return _store(db, attempt, lesson, plan, before)


def _store(db, attempt: dict, lesson: Lesson, plan: _Plan, before: int) -> Sent:
    """Apply the turn's effects and store its messages (inside the write transaction)."""
    turn = plan.turn
    notes, new_attempt = apply_effects(db, attempt["id"], lesson, turn)
    turn.messages[:0] = [Message(note) for note in notes]
    new_rev = chat_store.save_turn(db, attempt["id"], plan.session["rev"], turn.state, plan.echo, turn.messages)
    after = progress(db, attempt) if notes or turn.progress is None else turn.progress
    if new_attempt is not None:
        fresh_attempt = store.get_attempt(db, new_attempt)  # pinned to the version served now
        fresh = tutor_for(lesson_for_attempt(fresh_attempt)).start(progress(db, fresh_attempt))
        chat_store.create_session(db, new_attempt, fresh.state, fresh.messages)
    return Sent(new_rev, new_attempt, before, turn.state, after)


def status(attempt: dict, lesson: Lesson, session: dict, now: Progress | None = None,
           replies: list[dict] | None = None) -> dict:
    """What the page needs besides the transcript: expected input, highlights, score, quick replies.

    ``now`` is the attempt's progress when the caller has it (read from the database otherwise);
    ``replies`` are messages the caller has just read, whose latest tutor message gives the
    quick replies (the database is asked when none of them is the tutor's).
    """
    db = get_db()
    out = tutor_for(lesson).status(session["state"], now if now is not None else progress(db, attempt))
    last = next((m for m in reversed(replies or []) if m["who"] == "tutor"), None)
    if last is None:
        last = chat_store.last_tutor_message(db, attempt["id"])
    if last and last["quick_replies"]:
        out["quick_replies"] = last["quick_replies"]
    return out


def choose_attempt(learner_id: str, lesson: Lesson, new: bool) -> tuple[dict, bool]:
    """The latest unfinished attempt of this lesson (form or chat), unless a new one is asked for."""
    db = get_db()
    if not new:
        open_attempts = [a for a in store.attempts_for(db, learner_id, lesson.slug) if not a["finished_at"]]
        if open_attempts:
            return store.get_attempt(db, open_attempts[-1]["id"]), False
    attempt_id = store.new_attempt(db, learner_id, lesson.slug, mode="chat")
    return store.get_attempt(db, attempt_id), True


def attempt_lesson(attempt: dict) -> Lesson:
    """The lesson version this attempt is pinned to (see ``library.catalog.lesson_for_attempt``)."""
    return lesson_for_attempt(attempt)
