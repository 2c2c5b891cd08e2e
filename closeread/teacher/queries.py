"""The SQL behind the teacher pages: load a class's data for one lesson.

Sums are done by SQLite (per attempt and category), so a page reads a few
hundred rows even when the database holds millions of responses. Every query
starts from ``class_members.class_id`` and follows indexes:
``class_members(class_id)``, ``attempts(learner_id, lesson)``,
``responses(attempt_id, question_id)``, ``questions`` primary key.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from .analytics import Answer, AttemptTally, CategoryTally, Student
from .live import LiveResponse, Position


def students(db: Database, class_id: int, lesson: str, question_ids: set[str] | None = None) -> list[Student]:
    """Every member of the class with their attempts at ``lesson``, tallied by category.

    ``question_ids``: count only the answers to these questions (the rounds a class was assigned), so scores
    and mastery are out of those rounds' points; None counts every answer.
    """
    only = ""
    params: list[object] = [lesson]
    if question_ids is not None:
        only = f" AND r.question_id IN ({','.join('?' for _ in question_ids)})"
        params.extend(sorted(question_ids))
    rows = db.execute(
        "SELECT m.id AS member_id, m.display_name, a.id AS attempt_id, a.started_at, a.finished_at,"
        " q.category, SUM(r.score), SUM(r.max), COUNT(r.id), COALESCE(SUM(r.seconds), 0),"
        " COALESCE(SUM(r.needs_review), 0)"
        " FROM class_members m"
        " LEFT JOIN attempts a ON a.learner_id = m.learner_id AND a.lesson = ?"
        f" LEFT JOIN responses r ON r.attempt_id = a.id{only}"
        " LEFT JOIN questions q ON q.lesson = a.lesson AND q.id = r.question_id"
        " WHERE m.class_id = ?"
        " GROUP BY m.id, a.id, q.category"
        " ORDER BY m.display_name COLLATE NOCASE, m.id, a.id",
        [*params, class_id],
    ).fetchall()
    out: dict[int, Student] = {}
    attempts: dict[int, AttemptTally] = {}
    for member_id, name, attempt_id, started, finished, category, score, most, count, seconds, review in rows:
        student = out.setdefault(member_id, Student(member_id, name))
        if attempt_id is None:
            continue
        attempt = attempts.get(attempt_id)
        if attempt is None:
            attempt = attempts[attempt_id] = AttemptTally(attempt_id, started, finished)
            student.attempts.append(attempt)
        if category is not None and count:
            attempt.categories[category] = CategoryTally(round(score, 2), most, count)
            attempt.seconds += seconds
            attempt.needs_review += review
    return list(out.values())


def completed_at(db: Database, class_id: int, lesson: str, question_ids: set[str]) -> dict[int, str]:
    """Attempt id -> when it answered the last of ``question_ids``, for the class's attempts that answered them all.

    What "finished" means for an assignment of some rounds: every question of those rounds answered.
    """
    if not question_ids:
        return {}
    ids = sorted(question_ids)
    placeholders = ",".join("?" for _ in ids)
    rows = db.execute(
        "SELECT a.id, MAX(r.created_at), COUNT(DISTINCT r.question_id) FROM class_members m"
        " JOIN attempts a ON a.learner_id = m.learner_id AND a.lesson = ?"
        " JOIN responses r ON r.attempt_id = a.id"
        f" WHERE m.class_id = ? AND r.question_id IN ({placeholders}) GROUP BY a.id",
        [lesson, class_id, *ids],
    ).fetchall()
    return {attempt: at for attempt, at, count in rows if count >= len(ids)}


def answers_for(db: Database, attempt_to_student: dict[int, int]) -> list[Answer]:
    """The responses of the given attempts, in class-member order then question order."""
    if not attempt_to_student:
        return []
    ids = list(attempt_to_student)
    placeholders = ",".join("?" for _ in ids)
    rows = db.execute(
        "SELECT attempt_id, question_id, score, max, response, misconceptions FROM responses"
        f" WHERE attempt_id IN ({placeholders}) ORDER BY attempt_id, id",
        ids,
    ).fetchall()
    answers = [
        Answer(
            student=attempt_to_student[attempt_id],
            question_id=question_id,
            score=score,
            max=most,
            answer=json.loads(response),
            misconceptions=tuple(json.loads(tags or "[]")),
        )
        for attempt_id, question_id, score, most, response, tags in rows
    ]
    order = {student: i for i, student in enumerate(dict.fromkeys(attempt_to_student.values()))}
    answers.sort(key=lambda a: order[a.student])
    return answers


REVIEW_FROM = (
    " FROM class_members m"
    " JOIN attempts a ON a.learner_id = m.learner_id AND a.lesson = ?"
    " JOIN responses r ON r.attempt_id = a.id"
    " LEFT JOIN reviews v ON v.response_id = r.id"
    " WHERE m.class_id = ? AND "
)
PENDING = "r.needs_review = 1"
REVIEWED = "v.response_id IS NOT NULL"


def review_queue(db: Database, class_id: int, lesson: str, reviewed: bool = False, limit: int = 30) -> list[dict]:
    """Free-text answers awaiting review, oldest first (or, with ``reviewed``, the latest reviewed)."""
    condition, order = (REVIEWED, "v.reviewed_at DESC, r.id DESC") if reviewed else (PENDING, "r.created_at, r.id")
    return list(
        db.query(
            "SELECT r.id, r.question_id, r.response, r.score, r.max, r.created_at, a.id AS attempt_id,"
            " m.id AS member_id, m.display_name, v.provisional_score, v.final_score, v.reviewed_at"
            + REVIEW_FROM
            + condition
            + f" ORDER BY {order} LIMIT ?",
            [lesson, class_id, limit],
        )
    )


def review_count(db: Database, class_id: int, lesson: str, reviewed: bool = False) -> int:
    return db.execute(
        "SELECT COUNT(*)" + REVIEW_FROM + (REVIEWED if reviewed else PENDING), [lesson, class_id]
    ).fetchone()[0]


def response_in_class(db: Database, response_id: int, class_id: int, lesson: str) -> dict | None:
    rows = list(
        db.query(
            "SELECT r.*, v.provisional_score, v.provisional_correct FROM responses r"
            " JOIN attempts a ON a.id = r.attempt_id AND a.lesson = ?"
            " JOIN class_members m ON m.learner_id = a.learner_id AND m.class_id = ?"
            " LEFT JOIN reviews v ON v.response_id = r.id"
            " WHERE r.id = ?",
            [lesson, class_id, response_id],
        )
    )
    return rows[0] if rows else None


def responses_export(db: Database, class_id: int, lesson: str) -> list[dict]:
    """One row per response of the class's students at this lesson, for the CSV."""
    return list(
        db.query(
            "SELECT m.id AS member_id, m.display_name, a.id AS attempt_id, a.started_at, a.finished_at, a.version,"
            " r.id AS response_id, r.question_id, r.response, r.score, r.max, r.correct, r.hints_used,"
            " r.seconds, r.misconceptions, r.needs_review, r.created_at"
            " FROM class_members m"
            " JOIN attempts a ON a.learner_id = m.learner_id AND a.lesson = ?"
            " JOIN responses r ON r.attempt_id = a.id"
            " WHERE m.class_id = ?"
            " ORDER BY m.display_name COLLATE NOCASE, m.id, a.id, r.id",
            [lesson, class_id],
        )
    )


def live_positions(db: Database, class_id: int, lesson: str) -> list[Position]:
    """Every member of the class, their latest attempt at ``lesson`` and the question they are on.

    The latest attempt is a MAX over the ``attempts(learner_id, lesson)`` index; the
    question is the attempt's last ``question_progress`` row by first view (its primary
    key index), else its last response. See ``live`` for the definitions.
    """
    rows = db.execute(
        "SELECT m.id, m.display_name, a.id, a.mode, a.finished_at IS NOT NULL,"
        " COALESCE("
        "  (SELECT p.question_id FROM question_progress p WHERE p.attempt_id = a.id"
        "   ORDER BY p.first_seen_at DESC, p.rowid DESC LIMIT 1),"
        "  (SELECT r.question_id FROM responses r WHERE r.attempt_id = a.id ORDER BY r.id DESC LIMIT 1))"
        " FROM class_members m"
        " LEFT JOIN attempts a ON a.id ="
        "  (SELECT MAX(x.id) FROM attempts x WHERE x.learner_id = m.learner_id AND x.lesson = ?)"
        " WHERE m.class_id = ?"
        " ORDER BY m.display_name COLLATE NOCASE, m.id",
        [lesson, class_id],
    ).fetchall()
    return [Position(member, name, attempt, mode, bool(done), opened)
            for member, name, attempt, mode, done, opened in rows]


def live_responses(db: Database, attempt_ids: list[int]) -> list[LiveResponse]:
    """The scores of these attempts' answers (no answer texts: the live view only counts)."""
    if not attempt_ids:
        return []
    placeholders = ",".join("?" for _ in attempt_ids)
    rows = db.execute(
        "SELECT attempt_id, question_id, score, max, needs_review FROM responses"
        f" WHERE attempt_id IN ({placeholders})",
        attempt_ids,
    ).fetchall()
    return [LiveResponse(a, q, score, most, bool(review)) for a, q, score, most, review in rows]


def trust_ratings(db: Database, attempt_ids: list[int]) -> list[tuple[int, str, int]]:
    """(attempt id, moment, rating) of the given attempts' trust ratings (``trust_shift.build``)."""
    if not attempt_ids:
        return []
    placeholders = ",".join("?" for _ in attempt_ids)
    return [
        (a, m, r)
        for a, m, r in db.execute(
            f"SELECT attempt_id, moment, rating FROM trust_ratings WHERE attempt_id IN ({placeholders})",
            attempt_ids,
        ).fetchall()
    ]
