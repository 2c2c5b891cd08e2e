"""Mirror the loaded content into SQLite by natural key (simonw/til style).

Results queries join on these tables (category, points, sentence text), so
they must match the files on disk; ``upsert`` keeps them in step without
touching learners' rows. Rows of a question removed from the quiz stay, so
answers given to an older version keep their category.
"""

from __future__ import annotations

from sqlite_utils import Database

from .model import Lesson


def sync_content(db: Database, lessons: dict[str, Lesson], files: dict[str, dict[str, str]] | None = None) -> None:
    """Mirror ``lessons``; with ``files`` ({slug: the lesson's files}), also record each version served."""
    from ..library import versions  # the library's tables come with its own migration set

    with db.atomic():
        for lesson in lessons.values():
            mirror_lesson(db, lesson)
            if files and lesson.slug in files:
                versions.record(db, lesson, files[lesson.slug])


def mirror_lesson(db: Database, lesson: Lesson) -> None:
    """Upsert one lesson's row, questions and sentences. Call inside ``db.atomic()``."""
    db["lessons"].upsert(
        {"slug": lesson.slug, "title": lesson.title, "total_points": lesson.quiz.total_points},
        pk="slug",
    )
    db["questions"].upsert_all(
        [
            {
                "lesson": lesson.slug,
                "id": q.id,
                "number": q.number,
                "category": q.category,
                "type": q.type,
                "points": q.points,
                "prompt": q.prompt,
            }
            for q in lesson.quiz.questions
        ],
        pk=("lesson", "id"),
    )
    db["sentences"].upsert_all(
        [
            {"lesson": lesson.slug, "id": s.id, "number": s.number, "section": s.section, "text": s.text}
            for s in lesson.article.sentences
        ],
        pk=("lesson", "id"),
    )
