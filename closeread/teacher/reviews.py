"""The teacher's decision on a provisionally scored free-text answer. No Flask.

The first decision stores the grader's provisional score and correctness in
``reviews``; ``responses`` then carries the teacher's score, so every total and
mastery figure (all computed from ``responses``) follows it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database


class ReviewError(ValueError):
    pass


def review_response(db: Database, response: dict, teacher_id: int, final_score: float | None) -> float:
    """Confirm (``final_score`` None keeps the provisional score) or override a score."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.atomic():
        existing = db.execute(
            "SELECT provisional_score FROM reviews WHERE response_id = ?", [response["id"]]
        ).fetchone()
        provisional = existing[0] if existing else response["score"]
        score = provisional if final_score is None else round(float(final_score), 2)
        if not 0 <= score <= response["max"]:
            raise ReviewError(f"Give a score from 0 to {response['max']}.")
        if existing:
            db.execute(
                "UPDATE reviews SET final_score = ?, teacher_id = ?, reviewed_at = ? WHERE response_id = ?",
                [score, teacher_id, now, response["id"]],
            )
        else:
            db.execute(
                "INSERT INTO reviews (response_id, teacher_id, provisional_score, provisional_correct, final_score,"
                " reviewed_at) VALUES (?, ?, ?, ?, ?, ?)",
                [response["id"], teacher_id, response["score"], response["correct"], score, now],
            )
        db.execute(
            "UPDATE responses SET score = ?, correct = ?, needs_review = 0 WHERE id = ?",
            [score, int(score >= response["max"]), response["id"]],
        )
    return score
