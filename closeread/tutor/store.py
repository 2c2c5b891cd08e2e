"""The chat state and transcript in SQLite, per attempt. Plain functions over a Database.

Scores are not kept here: graded answers go to the same ``responses`` table as
the form quiz (through :func:`closeread.learner.store.record_response`), and the
engine's idea of "which questions are done" is rebuilt from that table every
turn by :func:`progress`.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlite_utils import Database

from ..learner.store import iso
from .engine import Message, Progress

WHO = ("tutor", "learner")


class StaleTurn(Exception):
    """The conversation moved on since the client last saw it (another tab, a double submit)."""


def get_session(db: Database, attempt_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM chat_sessions WHERE attempt_id = ?", [attempt_id]))
    if not rows:
        return None
    row = dict(rows[0])
    row["state"] = json.loads(row["state"])
    return row


def _add_messages(db: Database, attempt_id: int, who: str, messages: list[Message], moment: str) -> None:
    assert who in WHO
    for m in messages:
        extras = m.to_dict()
        text = extras.pop("text")
        db.execute(
            "INSERT INTO chat_messages (attempt_id, who, text, data, created_at) VALUES (?, ?, ?, ?, ?)",
            [attempt_id, who, text, json.dumps(extras), moment],
        )


def create_session(
    db: Database, attempt_id: int, state: dict, messages: list[Message], now: datetime | None = None
) -> bool:
    """Start the conversation of an attempt once; False if it already had one (no messages added)."""
    moment = iso(now)
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO chat_sessions (attempt_id, state, rev, created_at, updated_at)"
            " VALUES (?, ?, 0, ?, ?)",
            [attempt_id, json.dumps(state), moment, moment],
        )
        created = cursor.rowcount == 1
        if created:
            _add_messages(db, attempt_id, "tutor", messages, moment)
    return created


def save_turn(
    db: Database,
    attempt_id: int,
    rev: int,
    state: dict,
    learner_text: str | None,
    replies: list[Message],
    now: datetime | None = None,
) -> int:
    """Store one turn if the session is still at ``rev``; return the new revision. Raises StaleTurn."""
    moment = iso(now)
    with db.atomic():
        cursor = db.execute(
            "UPDATE chat_sessions SET state = ?, rev = rev + 1, updated_at = ? WHERE attempt_id = ? AND rev = ?",
            [json.dumps(state), moment, attempt_id, rev],
        )
        if cursor.rowcount != 1:
            raise StaleTurn(attempt_id)
        if learner_text is not None:
            _add_messages(db, attempt_id, "learner", [Message(learner_text)], moment)
        _add_messages(db, attempt_id, "tutor", replies, moment)
    return rev + 1


def _decode(row: dict) -> dict:
    out = dict(row)
    data = json.loads(out.pop("data") or "{}")
    out.update(
        tone=data.get("tone"),
        quick_replies=data.get("quick_replies") or [],
        select=data.get("select"),
        highlight=data.get("highlight") or [],
        focus=data.get("focus"),
    )
    return out


def messages(db: Database, attempt_id: int, after: int = 0) -> list[dict]:
    """The transcript in order (optionally only messages with id > ``after``)."""
    return [
        _decode(r)
        for r in db.query(
            "SELECT id, who, text, data, created_at FROM chat_messages WHERE attempt_id = ? AND id > ? ORDER BY id",
            [attempt_id, after],
        )
    ]


def mark(db: Database, attempt_id: int) -> tuple[tuple[int, int, int] | None, int]:
    """What a planned turn must find unchanged, and the id of the latest message, in one statement:
    ((the conversation's revision, the attempt's answers, the hints it used), last message id).
    The mark is None when the attempt has no conversation yet."""
    row = db.execute(
        "SELECT (SELECT rev FROM chat_sessions WHERE attempt_id = :a),"
        " (SELECT COUNT(*) FROM responses WHERE attempt_id = :a),"
        " (SELECT COALESCE(SUM(hints_used), 0) FROM question_progress WHERE attempt_id = :a),"
        " (SELECT COALESCE(MAX(id), 0) FROM chat_messages WHERE attempt_id = :a)",
        {"a": attempt_id},
    ).fetchone()
    rev, answers, hints, last = row
    return (None if rev is None else (rev, answers, hints)), last


def last_tutor_message(db: Database, attempt_id: int) -> dict | None:
    rows = list(
        db.query(
            "SELECT id, who, text, data, created_at FROM chat_messages WHERE attempt_id = ? AND who = 'tutor'"
            " ORDER BY id DESC LIMIT 1",
            [attempt_id],
        )
    )
    return _decode(rows[0]) if rows else None


def progress(db: Database, attempt_id: int) -> Progress:
    """Answered questions and hints used, from the tables the form quiz uses too."""
    answered = {
        r["question_id"]: {"score": r["score"], "max": r["max"]}  # the tutor never reads the answers back
        for r in db.query("SELECT question_id, score, max FROM responses WHERE attempt_id = ?", [attempt_id])
    }
    hints = {
        r["question_id"]: r["hints_used"]
        for r in db.query("SELECT question_id, hints_used FROM question_progress WHERE attempt_id = ?", [attempt_id])
    }
    return Progress(answered, hints)
