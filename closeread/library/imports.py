"""Import a bundle as a teacher's lesson, and export any lesson as a bundle. No Flask.

Where an imported lesson lives: in the database only, as a ``lesson_versions``
row (its files, the same snapshot every version keeps) plus an
``imported_lessons`` row naming its owner. One SQLite transaction writes both,
so an import is all or nothing with no file moves to undo, every gunicorn worker
sees it at once, and ``flask backup`` carries it with the answers given to it.
The bundle is checked in memory (:mod:`.bundles`) and validated by the same
loader as ``lesson/`` in a private temporary directory before that transaction.
"""

from __future__ import annotations

import re
import tomllib

from sqlite_utils import Database

from ..content.checker import ContentError, ContentProblem
from ..content.model import Lesson
from ..content.sync import mirror_lesson
from . import bundles, snapshot, versions

# The lesson editor's previews live under these slugs (closeread/editor/publish.py): no bundle may take one.
RESERVED_SLUG = re.compile(r"^preview-\d+$")


def _owner_fault(db: Database, slug: str, teacher_id: int, builtin: set[str]) -> ContentProblem | None:
    if RESERVED_SLUG.match(slug):
        return ContentProblem(bundles.MANIFEST, "slug", f"'{slug}' is kept for the lesson editor's previews: give "
                                                        "the bundle another slug")
    if slug in builtin:
        return ContentProblem(bundles.MANIFEST, "slug", f"'{slug}' is already a built-in lesson: give the bundle "
                                                        "another slug")
    row = db.execute("SELECT teacher_id FROM imported_lessons WHERE slug = ?", [slug]).fetchone()
    if row and row[0] != teacher_id:
        return ContentProblem(bundles.MANIFEST, "slug", f"'{slug}' is the slug of a lesson another teacher imported: "
                                                        "give the bundle another slug")
    return None


def import_bundle(db: Database, data: bytes, teacher_id: int, builtin: set[str]) -> tuple[Lesson, bool]:
    """Check, validate and store a bundle as ``teacher_id``'s lesson. Returns (lesson, whether it is new).

    Importing a slug the teacher already owns makes its content a new version:
    attempts already made stay pinned to theirs. Raises ContentError naming every fault.
    """
    bundle = bundles.read_bundle(data)
    return store_lesson(db, bundle.slug, bundle.files, bundle.manifest, teacher_id, builtin)


def store_lesson(db: Database, slug: str, files: dict[str, str], manifest: dict, teacher_id: int,
                 builtin: set[str], also=None, load=snapshot.load_from_files) -> tuple[Lesson, bool]:
    """Validate a lesson's files and store them as ``teacher_id``'s lesson: a bundle's, or the editor's.

    ``also(db, lesson)`` runs inside the same transaction (the editor marks its draft
    published there); ``load(files, slug)`` is the loader (the editor's keeps what it
    loaded for its publish page). Returns (lesson, whether it is new); raises ContentError.
    """
    fault = _owner_fault(db, slug, teacher_id, builtin)
    if fault:
        raise ContentError([fault])
    lesson = load(files, slug)  # ContentError lists every content fault
    with db.atomic():
        fault = _owner_fault(db, slug, teacher_id, builtin)  # again, under the write lock
        if fault:
            raise ContentError([fault])
        new = db.execute("SELECT 1 FROM imported_lessons WHERE slug = ?", [slug]).fetchone() is None
        mirror_lesson(db, lesson)
        versions.record(db, lesson, files)
        db.execute(
            "INSERT INTO imported_lessons (slug, teacher_id, version, title, language, licence, author, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET version = excluded.version,"
            " title = excluded.title, language = excluded.language, licence = excluded.licence,"
            " author = excluded.author, imported_at = excluded.imported_at",
            [slug, teacher_id, lesson.version, manifest["title"], manifest["language"],
             manifest["licence"], manifest["author"], versions.now_iso()],
        )
        if also is not None:
            also(db, lesson)
    return lesson, new


def builtin_manifest(files: dict[str, str], slug: str) -> dict:
    """A built-in lesson's manifest: from ``lesson.toml`` (``language``, ``licence``, ``author``) or defaults."""


    meta = tomllib.loads(files.get(snapshot.lesson_path(slug, "lesson.toml"), ""))
    return {
        "title": meta.get("title", slug),
        "language": meta.get("language", "en"),
        "licence": meta.get("licence", "see the lesson's notes"),
        "author": meta.get("author", "CloseRead project"),
    }


def export_bundle(db: Database, slug: str, version: str) -> bytes | None:
    """The bundle of one stored version of a lesson, or None if there is no such version."""
    files = versions.files_of(db, slug, version)
    if files is None:
        return None
    row = db.execute("SELECT title, language, licence, author FROM imported_lessons WHERE slug = ?", [slug]).fetchone()
    manifest = dict(zip(("title", "language", "licence", "author"), row, strict=True)) if row else \
        builtin_manifest(files, slug)
    return bundles.write_bundle(slug, files, manifest)


def describe_faults(exc: ContentError) -> list[str]:
    return [str(p) for p in exc.problems]


