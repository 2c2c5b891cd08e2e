"""CSV downloads: every response, and the roster. No Flask.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) get a leading apostrophe, as OWASP
recommends against CSV injection. The file is UTF-8 with a byte-order mark so
that Excel reads accents and non-Latin names correctly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ..content.model import CATEGORIES, Lesson
from ..questions.results import describe
from .analytics import RosterRow, whole

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


def to_csv(header: list[str], rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return buffer.getvalue()


def _number(value: float | None) -> object:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


RESPONSES_HEADER = [
    "student",
    "attempt",
    "attempt_id",
    "question",
    "question_id",
    "category",
    "type",
    "answer",
    "score",
    "max",
    "correct",
    "needs_review",
    "hints_used",
    "seconds",
    "misconceptions",
    "answered_at",
    "version",
    "due_at",
    "status",
]


def _due(due) -> str | None:
    return due.at.isoformat(timespec="seconds") if due else None


def responses_csv(lesson: Lesson, rows: list[dict], by_version: dict[str, Lesson] | None = None, due=None,
                  statuses: dict[int, str] | None = None) -> str:
    """One row per response. ``attempt`` numbers each student's attempts 1, 2, ...

    Each answer is described with the question of its attempt's version (``by_version``);
    ``due`` (an ``assignments.Due``) and ``statuses`` (member id -> status) fill the last columns.
    """
    by_version = by_version or {}
    statuses = statuses or {}
    attempt_numbers: dict[int, int] = {}
    per_student: dict[int, int] = {}
    # A class gives the same answers over and over: describe each distinct one once.
    described: dict[tuple[str, str], str] = {}
    out = []
    for row in rows:
        if row["attempt_id"] not in attempt_numbers:
            per_student[row["member_id"]] = per_student.get(row["member_id"], 0) + 1
            attempt_numbers[row["attempt_id"]] = per_student[row["member_id"]]
        version = row.get("version")
        of_version = by_version.get(version, lesson)
        q = of_version.quiz.by_id.get(row["question_id"])
        key = (version, row["question_id"], row["response"])
        text = described.get(key)
        if text is None:
            answer = json.loads(row["response"])
            text = " | ".join(describe(q, answer, of_version)) if q else json.dumps(answer, ensure_ascii=False)
            described[key] = text
        out.append(
            [
                row["display_name"],
                attempt_numbers[row["attempt_id"]],
                row["attempt_id"],
                q.number if q else None,
                row["question_id"],
                q.category if q else None,
                q.type if q else None,
                text,
                _number(row["score"]),
                row["max"],
                row["correct"],
                row["needs_review"],
                row["hints_used"],
                row["seconds"],
                ";".join(json.loads(row["misconceptions"] or "[]")),
                row["created_at"],
                (version or "")[:8],
                _due(due),
                statuses.get(row["member_id"], "").replace("-", " "),
            ]
        )
    return to_csv(RESPONSES_HEADER, out)


def roster_header() -> list[str]:
    return [
        "student",
        "attempts",
        "first_score",
        "best_score",
        "last_score",
        "max_score",
        "counted_attempt_score",
        *[f"mastery_{c}_percent" for c in CATEGORIES],
        "time_spent_seconds",
        "finished",
        "awaiting_review",
        "due_at",
        "status",
    ]


def roster_csv(rows: list[RosterRow], total_points: int, due=None, statuses: dict[int, str] | None = None) -> str:
    statuses = statuses or {}
    out = [
        [
            r.name,
            r.attempts,
            _number(r.first),
            _number(r.best),
            _number(r.last),
            total_points,
            _number(r.counted.total if r.counted else None),
            *[whole(r.mastery[c]) for c in CATEGORIES],
            r.seconds,
            "yes" if r.finished else "no",
            r.needs_review,
            _due(due),
            statuses.get(r.key, "").replace("-", " "),
        ]
        for r in rows
    ]
    return to_csv(roster_header(), out)
