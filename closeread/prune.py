"""``flask --app app prune --older-than 90d [--dry-run]``: delete abandoned anonymous learners.

An anonymous (self-study, kind ``self``) learner is abandoned when nothing of
theirs happened since the cut-off: not their creation, not an attempt started
or finished, not an answer, not a chat message. Such a learner is deleted with
every row that refers to it (found from the schema's foreign keys). Students
of a class (kind ``student``, or anyone in ``class_members``) are never touched.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlite_utils import Database

from .db import get_db
from .teacher.classes import delete_where

UNITS = {"d": "days", "h": "hours", "w": "weeks"}

# The latest moment anything happened to a learner, as an ISO string (all columns are UTC ISO text).
LAST_ACTIVITY = """
SELECT l.id FROM learners l
WHERE l.kind = 'self'
  AND NOT EXISTS (SELECT 1 FROM class_members m WHERE m.learner_id = l.id)
  AND l.created_at < :cutoff
  AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.learner_id = l.id
                  AND (a.started_at >= :cutoff OR COALESCE(a.finished_at, '') >= :cutoff))
  AND NOT EXISTS (SELECT 1 FROM attempts a JOIN responses r ON r.attempt_id = a.id
                  WHERE a.learner_id = l.id AND r.created_at >= :cutoff)
  {chat}
ORDER BY l.id
"""
CHAT_CLAUSE = """AND NOT EXISTS (SELECT 1 FROM attempts a JOIN chat_messages c ON c.attempt_id = a.id
                  WHERE a.learner_id = l.id AND c.created_at >= :cutoff)"""


def parse_age(text: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d{1,5})\s*([dhw])\s*", text or "")
    if not match:
        raise click.BadParameter("give an age like 90d (days), 12w (weeks) or 48h (hours)")
    return timedelta(**{UNITS[match.group(2)]: int(match.group(1))})


def abandoned(db: Database, older_than: timedelta, now: datetime | None = None) -> list[str]:
    cutoff = ((now or datetime.now(UTC)) - older_than).isoformat(timespec="seconds")
    chat = CHAT_CLAUSE if "chat_messages" in db.table_names() else ""
    return [r[0] for r in db.execute(LAST_ACTIVITY.format(chat=chat), {"cutoff": cutoff}).fetchall()]


def prune(db: Database, older_than: timedelta, dry_run: bool = False, now: datetime | None = None) -> dict:
    """Delete the abandoned anonymous learners; returns what was (or would be) deleted."""
    with db.atomic():
        ids = abandoned(db, older_than, now)
        attempts = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            attempts += db.execute(f"SELECT COUNT(*) FROM attempts WHERE learner_id IN ({marks})", chunk).fetchone()[0]
            if not dry_run:
                delete_where(db, "learners", f"id IN ({marks}) AND kind = 'self'", chunk)
    return {"learners": len(ids), "attempts": attempts}


@click.command("prune")
@click.option("--older-than", "older_than", required=True, help="Age with a unit: 90d, 12w or 48h.")
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@with_appcontext
def prune_command(older_than: str, dry_run: bool) -> None:
    """Delete anonymous learners (and their attempts) with no activity for the given age."""
    counts = prune(get_db(), parse_age(older_than), dry_run=dry_run)
    verb = "Would delete" if dry_run else "Deleted"
    click.echo(f"{verb} {counts['learners']} anonymous learner(s) and {counts['attempts']} attempt(s) "
               f"with no activity for {older_than}. Class members are never pruned.")


def init_app(app: Flask) -> None:
    app.cli.add_command(prune_command)
