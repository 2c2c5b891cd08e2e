"""Assignments: a lesson (or some of its rounds) given to a class, with an optional due date. No Flask.

A due date is typed in the teacher's time zone and stored twice: the moment in
UTC (``due_at``, what every comparison uses) and the IANA zone name
(``due_zone``, to show it back as it was typed). Status of a student, for one
assignment, from their attempts at the lesson:

- *finished*: an attempt was finished, the first one by the due date (or there is none);
- *late*: the due date has passed and no attempt was finished by it (finished after it, or not yet);
- *in progress*: an attempt has at least one answer, and the due date has not passed;
- *not started*: no answer yet, and the due date has not passed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlite_utils import Database

STATUSES = {"not-started": "not started", "in-progress": "in progress", "finished": "finished", "late": "late"}


class AssignmentError(ValueError):
    """A due date or zone that cannot be used; the message is for the teacher."""


@dataclass(frozen=True)
class Due:
    at: datetime  # aware, UTC
    zone: str

    @property
    def local(self) -> datetime:
        return self.at.astimezone(ZoneInfo(self.zone))

    def label(self) -> str:
        local = self.local
        return f"{local:%Y-%m-%d %H:%M} {self.zone} ({local:%Z}, UTC{local:%z})"

    def friendly(self) -> str:
        """For students: "Friday 4 December 2026, 09:00 (Europe/Berlin time)"."""
        local = self.local
        return f"{local:%A} {local.day} {local:%B %Y, %H:%M} ({self.zone} time)"

    def passed(self, now: datetime | None = None) -> bool:
        return (now or datetime.now(UTC)) > self.at


def zone_names() -> list[str]:
    return sorted(available_timezones())


def due_from_local(local: datetime, zone: str) -> Due:
    """A naive local date and time in ``zone`` -> the UTC moment, keeping the zone name.

    A time that does not exist (skipped by a clock change) or exists twice takes
    ``fold=0``, the first reading, as zoneinfo defines it.
    """
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise AssignmentError(f"Unknown time zone '{zone}'. Choose one from the list.") from exc
    return Due(local.replace(tzinfo=tz).astimezone(UTC), zone)


def due_of(row: dict) -> Due | None:
    if not row.get("due_at"):
        return None
    return Due(datetime.fromisoformat(row["due_at"]), row.get("due_zone") or "UTC")


def class_of_learner(db: Database, learner_id: str) -> int | None:
    row = db.execute("SELECT class_id FROM class_members WHERE learner_id = ?", [learner_id]).fetchone()
    return row[0] if row else None


def rounds_of(row: dict | None) -> list[str] | None:
    """The round ids an assignment names, or None for the whole lesson (or no assignment)."""
    if not row or not row.get("rounds"):
        return None
    ids = json.loads(row["rounds"])
    return [str(x) for x in ids] if isinstance(ids, list) and ids else None


def rounds_label(lesson, round_ids: list[str] | None) -> str:
    """"the whole lesson", "round 2" or "rounds 1, 2 and 4": in the lesson's numbering, for teachers."""
    if not round_ids:
        return "the whole lesson"
    numbers = [str(r.number) for r in lesson.rounds if r.id in round_ids]
    if not numbers:
        return "the whole lesson"
    if len(numbers) == 1:
        return f"round {numbers[0]}"
    return f"rounds {', '.join(numbers[:-1])} and {numbers[-1]}"


def for_learner(db: Database, learner_id: str, lesson: str) -> dict | None:
    """The assignment of ``lesson`` to this learner's class, if they are in a class and it is assigned."""
    rows = list(db.query(
        "SELECT a.* FROM class_members m JOIN assignments a ON a.class_id = m.class_id AND a.lesson = ?"
        " WHERE m.learner_id = ?",
        [lesson, learner_id],
    ))
    return rows[0] if rows else None


def for_class(db: Database, class_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM assignments WHERE class_id = ? ORDER BY id", [class_id]))


def get(db: Database, class_id: int, lesson: str) -> dict | None:
    rows = list(db.query("SELECT * FROM assignments WHERE class_id = ? AND lesson = ?", [class_id, lesson]))
    return rows[0] if rows else None


def assign(
    db: Database, class_id: int, lesson: str, teacher_id: int, due: Due | None, rounds: list[str] | None = None,
    now: datetime | None = None,
) -> int:
    """Assign (or re-assign, changing its due date and rounds) a lesson to a class."""
    moment = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    with db.atomic():
        db.execute(
            "INSERT INTO assignments (class_id, lesson, rounds, due_at, due_zone, teacher_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (class_id, lesson) DO UPDATE SET rounds = excluded.rounds, due_at = excluded.due_at,"
            " due_zone = excluded.due_zone, teacher_id = excluded.teacher_id",
            [
                class_id,
                lesson,
                json.dumps(rounds) if rounds else None,
                due.at.isoformat(timespec="seconds") if due else None,
                due.zone if due else None,
                teacher_id,
                moment,
            ],
        )
        row = db.execute("SELECT id FROM assignments WHERE class_id = ? AND lesson = ?", [class_id, lesson])
        return row.fetchone()[0]


def unassign(db: Database, class_id: int, lesson: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM assignments WHERE class_id = ? AND lesson = ?", [class_id, lesson])


def status(attempts: list, due: Due | None, now: datetime | None = None) -> str:
    """The status of one student from their attempts (objects with ``finished_at`` and ``answered``)."""
    now = now or datetime.now(UTC)
    finished = sorted(datetime.fromisoformat(a.finished_at) for a in attempts if a.finished_at)
    if due is None:
        if finished:
            return "finished"
        return "in-progress" if any(a.answered for a in attempts) else "not-started"
    if finished and finished[0] <= due.at:
        return "finished"
    if finished or now > due.at:
        return "late"
    return "in-progress" if any(a.answered for a in attempts) else "not-started"
