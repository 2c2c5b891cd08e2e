"""The versions of each lesson in SQLite: record them, list them, read one back. No Flask.

Content sync records the version of every lesson it serves; a version row is
never changed or removed, so an attempt pinned to it can always be shown,
reviewed and regraded as it was answered.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlite_utils import Database

from ..content.model import Lesson
from . import snapshot


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(db: Database, lesson: Lesson, files: dict[str, str]) -> None:
    """Keep this version (once) and make it the one served; pin attempts made before versions existed."""
    db.execute(
        "INSERT OR IGNORE INTO lesson_versions (lesson, version, files, fingerprints, question_count,"
        " total_points, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            lesson.slug,
            lesson.version,
            json.dumps(files, ensure_ascii=False),
            json.dumps(snapshot.fingerprints(files, lesson.slug)),
            len(lesson.quiz.questions),
            lesson.quiz.total_points,
            now_iso(),
        ],
    )
    db.execute("UPDATE lessons SET version = ? WHERE slug = ?", [lesson.version, lesson.slug])
    db.execute("UPDATE attempts SET version = ? WHERE lesson = ? AND version IS NULL", [lesson.version, lesson.slug])


def files_of(db: Database, slug: str, version: str) -> dict[str, str] | None:
    row = db.execute("SELECT files FROM lesson_versions WHERE lesson = ? AND version = ?", [slug, version]).fetchone()
    return json.loads(row[0]) if row else None


def current(db: Database, slug: str) -> str | None:
    row = db.execute("SELECT version FROM lessons WHERE slug = ?", [slug]).fetchone()
    return row[0] if row else None


def listing(db: Database, slug: str) -> list[dict]:
    """Every version of a lesson, oldest first, with its question fingerprints."""
    rows = db.query(
        "SELECT version, fingerprints, question_count, total_points, created_at FROM lesson_versions"
        " WHERE lesson = ? ORDER BY created_at, rowid",
        [slug],
    )
    return [dict(r, fingerprints=json.loads(r["fingerprints"])) for r in rows]


def changed_questions(older: dict[str, str], newer: dict[str, str]) -> dict[str, str]:
    """{question id: "changed" | "added" | "removed"} between two versions' fingerprints."""
    out = {}
    for qid in sorted(set(older) | set(newer)):
        if qid not in older:
            out[qid] = "added"
        elif qid not in newer:
            out[qid] = "removed"
        elif older[qid] != newer[qid]:
            out[qid] = "changed"
    return out


def short(version: str | None) -> str:
    """How a version is shown to people: its first 8 hexadecimal digits."""
    return (version or "")[:8]
