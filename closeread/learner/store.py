"""Learners, attempts and responses in SQLite. Plain functions over a Database.

Every write runs in ``db.atomic()``. Recording a response is idempotent: the
unique index on (attempt_id, question_id) means a repeated submit (a double
click, a resent form, a retried request) returns the first stored response
instead of counting twice.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime

from sqlite_utils import Database

from ..content.model import Lesson, Question
from ..questions.grading import Grade
from ..questions.order import new_seed


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str:
    return (moment or utcnow()).isoformat(timespec="seconds")


def new_learner_id() -> str:
    return secrets.token_urlsafe(16)


def ensure_learner(db: Database, learner_id: str, kind: str = "self", now: datetime | None = None) -> None:
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO learners (id, kind, created_at) VALUES (?, ?, ?)",
            [learner_id, kind, iso(now)],
        )


def new_attempt(
    db: Database, learner_id: str, lesson: str, mode: str = "form", now: datetime | None = None, seed: str | None = None
) -> int:
    """A new attempt, with a random seed for the order of its options unless ``seed`` is given (tests).

    It is pinned to the version of the lesson served now (``lessons.version``): later
    content changes never change what this attempt shows or how its answers were graded.
    """
    with db.atomic():
        served = db.execute("SELECT version FROM lessons WHERE slug = ?", [lesson]).fetchone()
        table = db["attempts"].insert(
            {"learner_id": learner_id, "lesson": lesson, "mode": mode, "started_at": iso(now), "finished_at": None,
             "option_seed": seed or new_seed(), "version": served[0] if served else None}
        )
        return int(table.last_pk)


def get_attempt(db: Database, attempt_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM attempts WHERE id = ?", [attempt_id]))
    return rows[0] if rows else None


def attempts_for(db: Database, learner_id: str, lesson: str) -> list[dict]:
    return list(
        db.query(
            "SELECT a.*, (SELECT COALESCE(SUM(score), 0) FROM responses r WHERE r.attempt_id = a.id) AS score,"
            " (SELECT COUNT(*) FROM responses r WHERE r.attempt_id = a.id) AS answered"
            " FROM attempts a WHERE learner_id = ? AND lesson = ? ORDER BY id",
            [learner_id, lesson],
        )
    )


def mark_seen(db: Database, attempt_id: int, question_id: str, now: datetime | None = None) -> int:
    """Remember when the learner first saw a question, for ``seconds`` taken; return hints used.

    Every page view calls this, so it reads first: only the first view takes
    the write lock that other workers' submits queue behind.
    """
    seen = db.execute(
        "SELECT hints_used FROM question_progress WHERE attempt_id = ? AND question_id = ?", [attempt_id, question_id]
    ).fetchone()
    if seen:
        return seen[0]
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO question_progress (attempt_id, question_id, first_seen_at, hints_used)"
            " VALUES (?, ?, ?, 0)",
            [attempt_id, question_id, iso(now)],
        )
    return 0


def hints_used(db: Database, attempt_id: int, question_id: str) -> int:
    rows = list(
        db.query(
            "SELECT hints_used FROM question_progress WHERE attempt_id = ? AND question_id = ?",
            [attempt_id, question_id],
        )
    )
    return rows[0]["hints_used"] if rows else 0


def use_hint(db: Database, attempt_id: int, question: Question, now: datetime | None = None) -> int:
    """Reveal one more hint (up to the number there are); return hints now shown."""
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO question_progress (attempt_id, question_id, first_seen_at, hints_used)"
            " VALUES (?, ?, ?, 0)",
            [attempt_id, question.id, iso(now)],
        )
        db.execute(
            "UPDATE question_progress SET hints_used = MIN(hints_used + 1, ?)"
            " WHERE attempt_id = ? AND question_id = ?",
            [len(question.hints), attempt_id, question.id],
        )
    return hints_used(db, attempt_id, question.id)


def _row(db: Database, attempt_id: int, question_id: str) -> dict | None:
    rows = list(
        db.query(
            "SELECT * FROM responses WHERE attempt_id = ? AND question_id = ?",
            [attempt_id, question_id],
        )
    )
    return _decode(rows[0]) if rows else None


def _decode(row: dict) -> dict:
    row = dict(row)
    row["response"] = json.loads(row["response"])
    row["misconceptions"] = json.loads(row["misconceptions"] or "[]")
    return row


def record_response(
    db: Database,
    attempt_id: int,
    question: Question,
    answer: object,
    grade: Grade,
    lesson: Lesson,
    now: datetime | None = None,
) -> tuple[dict, bool]:
    """Store a graded answer once. Returns (stored row, whether it is new)."""
    moment = now or utcnow()
    with db.atomic():
        progress = list(
            db.query(
                "SELECT first_seen_at, hints_used FROM question_progress WHERE attempt_id = ? AND question_id = ?",
                [attempt_id, question.id],
            )
        )
        seconds = None
        hints = 0
        if progress:
            hints = progress[0]["hints_used"]
            seen = datetime.fromisoformat(progress[0]["first_seen_at"])
            seconds = max(0, int((moment - seen).total_seconds()))
        cursor = db.execute(
            "INSERT OR IGNORE INTO responses (attempt_id, question_id, response, score, max, correct,"
            " hints_used, seconds, misconceptions, needs_review, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                attempt_id,
                question.id,
                json.dumps(answer),
                grade.score,
                grade.max,
                int(grade.correct),
                hints,
                seconds,
                json.dumps(grade.misconceptions),
                int(grade.needs_review),
                iso(moment),
            ],
        )
        created = cursor.rowcount == 1
        if created:
            answered = db.execute(
                "SELECT COUNT(*) FROM responses WHERE attempt_id = ?", [attempt_id]
            ).fetchone()[0]
            if answered >= len(lesson.quiz.questions):
                db.execute(
                    "UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                    [iso(moment), attempt_id],
                )
        row = _row(db, attempt_id, question.id)
    assert row is not None
    return row, created


def responses_for(db: Database, attempt_id: int) -> dict[str, dict]:
    return {
        r["question_id"]: _decode(r)
        for r in db.query("SELECT * FROM responses WHERE attempt_id = ? ORDER BY id", [attempt_id])
    }


TRUST_MOMENTS = ("before", "after")
TRUST_SCALE = [(1, "1: Not at all"), (2, "2: A little"), (3, "3: Somewhat"), (4, "4: Mostly"), (5, "5: Completely")]


def save_trust(db: Database, attempt_id: int, moment: str, rating: int, now: datetime | None = None) -> bool:
    """Store a trust rating (1-5) once per attempt and moment; a repeat keeps the first. True if it is new."""
    if moment not in TRUST_MOMENTS or not 1 <= rating <= 5:
        raise ValueError(f"not a trust rating: {moment} {rating}")
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO trust_ratings (attempt_id, moment, rating, created_at) VALUES (?, ?, ?, ?)",
            [attempt_id, moment, rating, iso(now)],
        )
        return cursor.rowcount == 1


def trust_for(db: Database, attempt_id: int) -> dict[str, int]:
    """{"before": n, "after": n}, with only the moments rated."""
    return {
        r["moment"]: r["rating"]
        for r in db.query("SELECT moment, rating FROM trust_ratings WHERE attempt_id = ?", [attempt_id])
    }
