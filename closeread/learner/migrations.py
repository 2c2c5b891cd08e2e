"""Schema, as sqlite-utils migrations. Add new steps at the end; never edit old ones."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("closeread")


@migrations()
def m001_core(db: Database) -> None:
    db["lessons"].create({"slug": str, "title": str, "total_points": int}, pk="slug")
    db["questions"].create(
        {
            "lesson": str,
            "id": str,
            "number": int,
            "category": str,
            "type": str,
            "points": int,
            "prompt": str,
        },
        pk=("lesson", "id"),
        foreign_keys=[("lesson", "lessons", "slug")],
    )
    db["sentences"].create(
        {"lesson": str, "id": str, "number": int, "section": int, "text": str},
        pk=("lesson", "id"),
        foreign_keys=[("lesson", "lessons", "slug")],
    )
    db["learners"].create(
        {"id": str, "kind": str, "display_name": str, "created_at": str},
        pk="id",
        not_null={"kind", "created_at"},
    )
    db["attempts"].create(
        {
            "id": int,
            "learner_id": str,
            "lesson": str,
            "mode": str,
            "started_at": str,
            "finished_at": str,
        },
        pk="id",
        foreign_keys=[("learner_id", "learners", "id"), ("lesson", "lessons", "slug")],
        not_null={"learner_id", "lesson", "started_at"},
    )
    db["attempts"].create_index(["learner_id", "lesson"])
    db["question_progress"].create(
        {"attempt_id": int, "question_id": str, "first_seen_at": str, "hints_used": int},
        pk=("attempt_id", "question_id"),
        foreign_keys=[("attempt_id", "attempts", "id")],
        defaults={"hints_used": 0},
    )
    db["responses"].create(
        {
            "id": int,
            "attempt_id": int,
            "question_id": str,
            "response": str,  # JSON
            "score": float,
            "max": int,
            "correct": int,
            "hints_used": int,
            "seconds": int,
            "misconceptions": str,  # JSON list of tags
            "needs_review": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("attempt_id", "attempts", "id")],
        not_null={"attempt_id", "question_id", "response", "score", "max", "correct", "created_at"},
        defaults={"hints_used": 0, "needs_review": 0},
    )
    # One response per question per attempt: a repeated submit never counts twice.
    db["responses"].create_index(["attempt_id", "question_id"], unique=True)
    db["responses"].create_index(["question_id"])


@migrations()
def m002_option_seed(db: Database) -> None:
    """Each attempt's seed for the order it shows options in (``closeread/questions/order.py``).

    Attempts made before this step keep NULL, which means the quiz file's
    order: nothing moves under a learner who is half-way through.
    """
    db["attempts"].add_column("option_seed", str)


@migrations()
def m003_trust_ratings(db: Database) -> None:
    """How far the learner trusts the article (1-5), before reading and again at the end.

    One row per attempt and moment ("before" or "after"); the primary key makes a repeated
    submit keep the first rating, like a repeated answer.
    """
    db["trust_ratings"].create(
        {"attempt_id": int, "moment": str, "rating": int, "created_at": str},
        pk=("attempt_id", "moment"),
        foreign_keys=[("attempt_id", "attempts", "id")],
        not_null={"rating", "created_at"},
    )
