"""Regrade stored answers after a key fix: preview, then apply. No Flask.

The preview grades each stored answer to one question again with the question
as the lesson serves it now, and lists only the answers whose score would
change. Applying writes the new scores (score, max, correct) and nothing else:
the answer itself is never touched. Answers a teacher has reviewed keep the
teacher's score; an answer the new question cannot read (an option that no
longer exists) is listed and left as it is. Every change is logged in
``regrade_log``: who, when, which answer and question, old and new score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from ..content.model import Question
from ..questions.grading import AnswerError, grade_answer


@dataclass(frozen=True)
class Change:
    response_id: int
    student: str
    attempt_id: int
    version: str | None
    old: float
    new: float
    old_max: int
    new_max: int

    @property
    def delta(self) -> float:
        return round(self.new - self.old, 2)


@dataclass
class Preview:
    question: Question
    changes: list[Change]
    unchanged: int
    unreadable: list[tuple[str, str]]  # (student, why)
    reviewed: int


def preview(db: Database, class_id: int, lesson: str, question: Question) -> Preview:
    rows = db.execute(
        "SELECT r.id, r.response, r.score, r.max, m.display_name, a.id, a.version, v.response_id IS NOT NULL"
        " FROM class_members m"
        " JOIN attempts a ON a.learner_id = m.learner_id AND a.lesson = ?"
        " JOIN responses r ON r.attempt_id = a.id AND r.question_id = ?"
        " LEFT JOIN reviews v ON v.response_id = r.id"
        " WHERE m.class_id = ? ORDER BY m.display_name COLLATE NOCASE, m.id, a.id",
        [lesson, question.id, class_id],
    ).fetchall()
    out = Preview(question, [], 0, [], 0)
    for rid, response, score, most, name, attempt_id, version, reviewed in rows:
        if reviewed:
            out.reviewed += 1
            continue
        try:
            grade = grade_answer(question, json.loads(response))
        except AnswerError as exc:
            out.unreadable.append((name, str(exc)))
            continue
        if grade.score == score and grade.max == most:
            out.unchanged += 1
        else:
            out.changes.append(Change(rid, name, attempt_id, version, score, grade.score, most, grade.max))
    return out


def apply(db: Database, plan: Preview, lesson: str, version: str, teacher_id: int,
          now: datetime | None = None) -> int:
    """Write the previewed scores; returns how many changed. A score changed meanwhile is left alone."""
    moment = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    done = 0
    with db.atomic():
        for c in plan.changes:
            cursor = db.execute(
                "UPDATE responses SET score = ?, max = ?, correct = ? WHERE id = ? AND score = ? AND max = ?"
                " AND id NOT IN (SELECT response_id FROM reviews)",
                [c.new, c.new_max, int(c.new >= c.new_max), c.response_id, c.old, c.old_max],
            )
            if cursor.rowcount != 1:
                continue
            db.execute(
                "INSERT INTO regrade_log (response_id, lesson, question_id, version, teacher_id, old_score, new_score,"
                " regraded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [c.response_id, lesson, plan.question.id, version, teacher_id, c.old, c.new, moment],
            )
            done += 1
    return done


def log(db: Database, class_id: int, lesson: str, limit: int = 50) -> list[dict]:
    """The latest regrades of this class's answers at this lesson."""
    return list(db.query(
        "SELECT g.*, m.display_name, t.email FROM regrade_log g"
        " JOIN responses r ON r.id = g.response_id JOIN attempts a ON a.id = r.attempt_id"
        " JOIN class_members m ON m.learner_id = a.learner_id JOIN teachers t ON t.id = g.teacher_id"
        " WHERE m.class_id = ? AND g.lesson = ? ORDER BY g.id DESC LIMIT ?",
        [class_id, lesson, limit],
    ))
