"""Publishing a draft as a version of the teacher's lesson, and the teacher's preview of it. No Flask.

Publishing goes the way an imported bundle goes (``library.imports.store_lesson``):
the files are validated by the loader, then one transaction stores the version
in ``lesson_versions``, the owner in ``imported_lessons`` and marks the draft
published. From then on the lesson is like any imported lesson: the teacher
assigns it to classes, exports it as a bundle or for Moodle, and every attempt
stays on the version it started on.

A preview is the same files under the slug ``preview-<draft id>`` (a slug no
bundle may take): stored as a version so that the form quiz and the chat run on
it unchanged, but with no ``imported_lessons`` row, so it is never listed,
assigned or exported. Only the draft's owner can open it.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..content.checker import ContentError
from ..content.model import Lesson
from ..content.sync import mirror_lesson
from ..library import imports, versions
from . import build, store
from .document import EditError


def preview_slug(draft_id: int) -> str:
    return f"preview-{draft_id}"


def manifest(draft: dict, teacher_email: str) -> dict:
    doc = draft["doc"]
    return {"title": doc["title"], "language": "en",
            "licence": "The article belongs to its publisher; see its source information.",
            "author": teacher_email}


def _slug_fault(db: Database, draft: dict) -> str | None:
    row = db.execute("SELECT teacher_id FROM imported_lessons WHERE slug = ?", [draft["slug"]]).fetchone()
    if row is None:
        return None
    if row[0] != draft["teacher_id"]:
        return f"Another teacher's lesson already has the address '{draft['slug']}': change this lesson's address."
    if not draft["published_version"]:
        return (f"You already have an imported lesson at the address '{draft['slug']}': change this lesson's "
                "address, or it would become a new version of that one.")
    return None


def publish(db: Database, draft: dict, teacher_email: str, builtin: set[str]) -> tuple[Lesson, bool]:
    """Store the draft's approved state as a new version; (lesson, first publication). Raises ContentError."""
    fault = _slug_fault(db, draft)
    if fault:
        raise EditError(fault, "slug")
    faults = build.draft_faults(draft["doc"])
    if faults:
        raise ContentError(faults)
    files = build.lesson_files(draft["doc"], draft["slug"])
    return imports.store_lesson(
        db, draft["slug"], files, manifest(draft, teacher_email), draft["teacher_id"], builtin,
        also=lambda tx, stored: store.mark_published(tx, draft["id"], stored.version), load=build.load,
    )


def preview(db: Database, draft: dict) -> Lesson:
    """Store the draft as the teacher's preview lesson; raises ContentError naming every fault."""
    slug = preview_slug(draft["id"])
    faults = build.draft_faults(draft["doc"])
    if faults:
        raise ContentError(faults)
    files = build.lesson_files(draft["doc"], slug)
    lesson = build.load(files, slug)  # ContentError names every fault
    if draft["preview_version"] == lesson.version:
        return lesson  # stored already: nothing changed since the last preview
    with db.atomic():
        mirror_lesson(db, lesson)
        versions.record(db, lesson, files)
        store.mark_previewed(db, draft["id"], lesson.version)
    return lesson
