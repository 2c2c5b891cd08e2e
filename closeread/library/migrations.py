"""Schema for many lessons: content versions, pinned attempts, imported lessons, assignments, regrades.

Add new steps at the end; never edit old ones. This set applies after the core and teacher sets.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("closeread-library")


@migrations()
def m001_library(db: Database) -> None:
    # Every published version of a lesson: its files as they were, keyed by their content hash.
    db["lesson_versions"].create(
        {
            "lesson": str,
            "version": str,  # SHA-256 of the lesson's files (snapshot.content_hash)
            "files": str,  # JSON {relative path: text}
            "fingerprints": str,  # JSON {question id: hash of its TOML table}
            "question_count": int,
            "total_points": int,
            "created_at": str,
        },
        pk=("lesson", "version"),
        not_null={"files", "fingerprints", "created_at"},
    )
    db["lessons"].add_column("version", str)  # the version now served
    # The version an attempt started on. NULL only for attempts made before this step; content sync
    # pins them to the version served at that start, through this small partial index.
    db["attempts"].add_column("version", str)
    db.execute("CREATE INDEX idx_attempts_unpinned ON attempts (lesson) WHERE version IS NULL")
    # A lesson imported from a bundle belongs to one teacher; its files are in lesson_versions.
    db["imported_lessons"].create(
        {
            "slug": str,
            "teacher_id": int,
            "version": str,
            "title": str,
            "language": str,
            "licence": str,
            "author": str,
            "imported_at": str,
        },
        pk="slug",
        foreign_keys=[("teacher_id", "teachers", "id")],
        not_null={"teacher_id", "version", "title", "imported_at"},
    )
    db["imported_lessons"].create_index(["teacher_id"])
    db["assignments"].create(
        {
            "id": int,
            "class_id": int,
            "lesson": str,
            "rounds": str,  # JSON list of round ids, or NULL for the whole lesson
            "due_at": str,  # UTC, ISO 8601, or NULL
            "due_zone": str,  # the IANA zone the teacher gave the due date in
            "teacher_id": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("class_id", "classes", "id"), ("teacher_id", "teachers", "id")],
        not_null={"class_id", "lesson", "teacher_id", "created_at"},
    )
    db["assignments"].create_index(["class_id", "lesson"], unique=True)
    # Every score a regrade changed: who, when, which answer and question, old and new score.
    db["regrade_log"].create(
        {
            "id": int,
            "response_id": int,
            "lesson": str,
            "question_id": str,
            "version": str,  # the version whose key was applied
            "teacher_id": int,
            "old_score": float,
            "new_score": float,
            "regraded_at": str,
        },
        pk="id",
        foreign_keys=[("response_id", "responses", "id"), ("teacher_id", "teachers", "id")],
        not_null={"response_id", "question_id", "teacher_id", "old_score", "new_score", "regraded_at"},
    )
    db["regrade_log"].create_index(["response_id"])


@migrations()
def m002_classes_keep_their_lessons(db: Database) -> None:
    # A class now sees only the lessons assigned to it (before, a class with no assignment saw every
    # built-in lesson). So that an upgrade takes nothing away from a class at work, each class with no
    # assignment yet is assigned, whole and without a due date, every lesson its students have started.
    db.execute(
        "INSERT OR IGNORE INTO assignments (class_id, lesson, rounds, due_at, due_zone, teacher_id, created_at)"
        " SELECT DISTINCT m.class_id, a.lesson, NULL, NULL, NULL, c.teacher_id, ?"
        " FROM class_members m JOIN attempts a ON a.learner_id = m.learner_id JOIN classes c ON c.id = m.class_id"
        " WHERE NOT EXISTS (SELECT 1 FROM assignments x WHERE x.class_id = m.class_id)",
        [datetime.now(UTC).isoformat(timespec="seconds")],
    )
