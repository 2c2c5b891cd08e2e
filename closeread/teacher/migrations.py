"""Schema for the teacher side: accounts, sign-in sessions, classes, members, reviews.

Add new steps at the end; never edit old ones. The indexes are chosen for the
dashboard queries, which start from one class and walk
``class_members(class_id) -> attempts(learner_id, lesson) -> responses(attempt_id)``;
the last two indexes come with the core schema.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("closeread-teacher")


@migrations()
def m001_teacher(db: Database) -> None:
    db["teachers"].create(
        {
            "id": int,
            "email": str,  # stored lower-cased
            "password_hash": str,
            "created_at": str,
            "last_sign_in_at": str,
        },
        pk="id",
        not_null={"email", "password_hash", "created_at"},
    )
    db["teachers"].create_index(["email"], unique=True)
    # One row per signed-in browser. The cookie carries a random token; only its
    # SHA-256 is stored, so a copy of the database cannot be replayed as a session.
    # Signing out deletes the row, which ends the session even for a copied cookie.
    db["teacher_sessions"].create(
        {"token_hash": str, "teacher_id": int, "created_at": str},
        pk="token_hash",
        foreign_keys=[("teacher_id", "teachers", "id")],
        not_null={"teacher_id", "created_at"},
    )
    db["teacher_sessions"].create_index(["teacher_id"])
    db["classes"].create(
        {
            "id": int,
            "teacher_id": int,
            "name": str,
            "join_code": str,
            "created_at": str,
            "archived_at": str,
        },
        pk="id",
        foreign_keys=[("teacher_id", "teachers", "id")],
        not_null={"teacher_id", "name", "join_code", "created_at"},
    )
    db["classes"].create_index(["join_code"], unique=True)
    db["classes"].create_index(["teacher_id"])
    # A joined student is a learners row (kind "student") that belongs to one class.
    db["class_members"].create(
        {
            "id": int,
            "class_id": int,
            "learner_id": str,
            "display_name": str,
            "resume_code": str,
            "joined_at": str,
        },
        pk="id",
        foreign_keys=[("class_id", "classes", "id"), ("learner_id", "learners", "id")],
        not_null={"class_id", "learner_id", "display_name", "resume_code", "joined_at"},
    )
    db["class_members"].create_index(["class_id", "display_name"])
    db["class_members"].create_index(["learner_id"], unique=True)
    db["class_members"].create_index(["resume_code"], unique=True)
    # The teacher's decision on a provisionally scored free-text answer. The
    # provisional score stays here; responses.score holds the current score.
    db["reviews"].create(
        {
            "response_id": int,
            "teacher_id": int,
            "provisional_score": float,
            "provisional_correct": int,
            "final_score": float,
            "reviewed_at": str,
        },
        pk="response_id",
        foreign_keys=[("response_id", "responses", "id"), ("teacher_id", "teachers", "id")],
        not_null={"teacher_id", "provisional_score", "final_score", "reviewed_at"},
    )
