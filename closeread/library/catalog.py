"""Which lesson object a request works with: built-in, imported, or an attempt's pinned version.

Built-in lessons (``lesson/`` on disk) are loaded and validated at start-up and
are offered to everyone. Older versions and imported lessons are loaded on
first use from their snapshot in ``lesson_versions`` and cached per worker by
(slug, version): a version never changes, so the cache never goes stale, and
start-up stays as fast as with one lesson however many versions exist.
"""

from __future__ import annotations

import threading

from flask import abort, current_app, g

from .. import keys
from ..content.checker import ContentError
from ..content.model import Lesson
from ..db import get_db
from . import assignments, snapshot, versions

_LOCK = threading.Lock()


def builtin() -> dict[str, Lesson]:
    return current_app.extensions[keys.LESSONS]


def lesson_version(slug: str, version: str | None) -> Lesson | None:
    """The lesson as it was at ``version`` (None: the version served now)."""
    served = builtin().get(slug)
    if version is None or (served is not None and served.version == version):
        return served if served is not None else _imported_current(slug)
    cache = current_app.extensions.setdefault(keys.VERSIONS, {})
    lesson = cache.get((slug, version))
    if lesson is None:
        files = versions.files_of(get_db(), slug, version)
        if files is None:
            return None
        with _LOCK:
            lesson = cache.get((slug, version))
            if lesson is None:
                try:
                    lesson = cache[(slug, version)] = snapshot.load_from_files(files, slug)
                except ContentError:
                    current_app.logger.exception("stored version %s of %s does not load", version[:8], slug)
                    return None
    return lesson


def _imported_current(slug: str) -> Lesson | None:
    row = imported_row(slug)
    return lesson_version(slug, row["version"]) if row else None


def imported_row(slug: str) -> dict | None:
    rows = list(get_db().query("SELECT * FROM imported_lessons WHERE slug = ?", [slug]))
    return rows[0] if rows else None


def lesson_for_attempt(attempt: dict) -> Lesson:
    """The lesson object of the version the attempt started on: form quiz, result, worksheet and chat."""
    lesson = lesson_version(attempt["lesson"], attempt.get("version"))
    if lesson is None:
        abort(404)
    return lesson


def imported_for_teacher(teacher_id: int) -> list[Lesson]:
    rows = get_db().query(
        "SELECT slug, version FROM imported_lessons WHERE teacher_id = ? ORDER BY title COLLATE NOCASE, slug",
        [teacher_id],
    )
    return [lesson for r in rows if (lesson := lesson_version(r["slug"], r["version"])) is not None]


def lessons_for_teacher(teacher_id: int) -> list[Lesson]:
    """Every built-in lesson and this teacher's imported ones (never another teacher's)."""
    return list(builtin().values()) + imported_for_teacher(teacher_id)


def _preview(slug: str, teacher_id: int) -> Lesson | None:
    """The lesson editor's preview of one of this teacher's drafts (slug ``preview-<draft id>``)."""
    from ..editor.store import preview_of  # the editor's tables come with its own migration set

    version = preview_of(get_db(), slug, teacher_id)
    return lesson_version(slug, version) if version else None


def teacher_lesson_or_404(slug: str, teacher_id: int) -> Lesson:
    if slug in builtin():
        return builtin()[slug]
    row = imported_row(slug)
    if row is None or row["teacher_id"] != teacher_id:
        preview = _preview(slug, teacher_id)
        if preview is None:
            abort(404)
        return preview
    lesson = lesson_version(slug, row["version"])
    if lesson is None:
        abort(404)
    return lesson


def assigned_to_learner(learner_id: str) -> list[tuple[Lesson, dict]] | None:
    """A class student's assigned lessons with their assignment rows, in the order assigned; None outside a class.

    A class sees only what its teacher assigned: with no assignment yet, nothing (the pages say so).
    """
    klass = assignments.class_of_learner(get_db(), learner_id)
    if klass is None:
        return None
    found = ((lesson_version(a["lesson"], None), a) for a in assignments.for_class(get_db(), klass))
    return [(lesson, a) for lesson, a in found if lesson is not None]


def lessons_for_learner(learner_id: str | None) -> list[Lesson]:
    """Self-study: every built-in lesson. A class student: only the lessons assigned to the class."""
    assigned = assigned_to_learner(learner_id) if learner_id else None
    if assigned is None:
        return list(builtin().values())
    return [lesson for lesson, _ in assigned]


def learner_lesson_or_404(slug: str, learner_id: str | None) -> Lesson:
    teacher = g.get("teacher")
    if teacher is not None and learner_id is None:  # a teacher previews any lesson they may assign
        return teacher_lesson_or_404(slug, teacher["id"])
    for lesson in lessons_for_learner(learner_id):
        if lesson.slug == slug:
            return lesson
    if teacher is not None:  # a teacher who has tried a lesson as a learner still opens their own lessons
        return teacher_lesson_or_404(slug, teacher["id"])
    abort(404)
