"""Drafts in SQLite: create, read for their owner, save with a revision check, undo. No Flask.

Every save names the revision it was made on. In one ``db.atomic()`` (``BEGIN
IMMEDIATE``) the row's revision is compared with it: equal, the draft before
the change goes to ``draft_history`` and the new one is written with revision + 1;
different, nothing is written and :class:`Conflict` says which change came in
between. Undo restores the newest history entry as a new revision, so a tab
that still shows the undone state conflicts too instead of silently winning.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime

from sqlite_utils import Database

from ..library.imports import RESERVED_SLUG

HISTORY_KEPT = 30  # undo steps kept per draft
MAX_DRAFTS_PER_TEACHER = 200


class Conflict(Exception):
    """The draft changed since the revision a save was made on."""

    def __init__(self, revision: int, action: str, saved_at: str):
        self.revision = revision
        self.action = action
        self.saved_at = saved_at
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return (f"This draft was changed in another tab or window since you opened this page ({self.action}, "
                f"now revision {self.revision}). Your change was not saved, so nothing was overwritten.")


class NothingToUndo(Exception):
    pass


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def slug_for(title: str) -> str:
    """A kebab-case address from a title ("Mali: Germany's Warning" -> "mali-germany-s-warning")."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:40].strip("-")
    if not slug or RESERVED_SLUG.match(slug):
        slug = f"lesson-{slug}".strip("-")
    return slug


def free_slug(db: Database, title: str, taken: set[str]) -> str:
    """A slug no built-in lesson, imported lesson or other draft has."""
    base = slug_for(title)
    used = set(taken)
    used |= {r[0] for r in db.execute("SELECT slug FROM imported_lessons WHERE slug LIKE ?", [base + "%"])}
    used |= {r[0] for r in db.execute("SELECT slug FROM lesson_drafts WHERE slug LIKE ?", [base + "%"])}
    slug, n = base, 2
    while slug in used:
        slug = f"{base}-{n}"
        n += 1
    return slug


def create(db: Database, teacher_id: int, doc: dict, builtin: set[str]) -> int:
    with db.atomic():
        count = db.execute("SELECT COUNT(*) FROM lesson_drafts WHERE teacher_id = ?", [teacher_id]).fetchone()[0]
        if count >= MAX_DRAFTS_PER_TEACHER:
            raise ValueError(f"You have {count} lessons in the editor, the most one teacher may keep.")
        moment = now_iso()
        slug = free_slug(db, doc["title"], builtin)
        table = db["lesson_drafts"].insert({
            "teacher_id": teacher_id, "slug": slug, "title": doc["title"], "revision": 1,
            "doc": json.dumps(doc, ensure_ascii=False), "created_at": moment, "updated_at": moment,
        })
        return int(table.last_pk)


def get(db: Database, draft_id: int, teacher_id: int) -> dict | None:
    """The draft with its document, if this teacher owns it; None otherwise (the view answers 404)."""
    row = db.execute(
        "SELECT id, teacher_id, slug, title, revision, doc, created_at, updated_at, published_version, published_at,"
        " preview_version FROM lesson_drafts WHERE id = ? AND teacher_id = ?",
        [draft_id, teacher_id],
    ).fetchone()
    if row is None:
        return None
    names = ("id", "teacher_id", "slug", "title", "revision", "doc", "created_at", "updated_at",
             "published_version", "published_at", "preview_version")
    draft = dict(zip(names, row, strict=True))
    draft["doc"] = json.loads(draft["doc"])
    draft["can_undo"] = db.execute("SELECT 1 FROM draft_history WHERE draft_id = ? LIMIT 1",
                                   [draft_id]).fetchone() is not None
    return draft


def for_teacher(db: Database, teacher_id: int) -> list[dict]:
    return list(db.query(
        "SELECT id, slug, title, revision, updated_at, published_version, published_at FROM lesson_drafts"
        " WHERE teacher_id = ? ORDER BY updated_at DESC, id DESC",
        [teacher_id],
    ))


def _latest_change(db: Database, draft_id: int) -> tuple[str, str]:
    row = db.execute("SELECT action, saved_at FROM draft_history WHERE draft_id = ? ORDER BY revision DESC LIMIT 1",
                     [draft_id]).fetchone()
    return (row[0], row[1]) if row else ("an undo", "")


def _check_revision(db: Database, draft_id: int, base: int) -> tuple[int, str]:
    row = db.execute("SELECT revision, doc FROM lesson_drafts WHERE id = ?", [draft_id]).fetchone()
    if row is None:
        raise LookupError(draft_id)
    if row[0] != base:
        action, saved_at = _latest_change(db, draft_id)
        raise Conflict(row[0], action, saved_at)
    return row


def save(db: Database, draft_id: int, base: int, doc: dict, action: str) -> int:
    """Write ``doc`` over revision ``base``; returns the new revision or raises Conflict."""
    with db.atomic():
        revision, old = _check_revision(db, draft_id, base)
        moment = now_iso()
        db.execute("INSERT INTO draft_history (draft_id, revision, doc, action, saved_at) VALUES (?, ?, ?, ?, ?)",
                   [draft_id, revision, old, action[:200], moment])
        db.execute(
            "DELETE FROM draft_history WHERE draft_id = ? AND revision <= ?", [draft_id, revision - HISTORY_KEPT]
        )
        db.execute("UPDATE lesson_drafts SET doc = ?, title = ?, revision = ?, updated_at = ? WHERE id = ?",
                   [json.dumps(doc, ensure_ascii=False), doc["title"], revision + 1, moment, draft_id])
    return revision + 1


def undo(db: Database, draft_id: int, base: int) -> tuple[int, str]:
    """Put back the draft as it was before its last change; returns (new revision, what was undone)."""
    with db.atomic():
        revision, _ = _check_revision(db, draft_id, base)
        row = db.execute(
            "SELECT id, doc, action FROM draft_history WHERE draft_id = ? ORDER BY revision DESC LIMIT 1", [draft_id]
        ).fetchone()
        if row is None:
            raise NothingToUndo()
        doc = json.loads(row[1])
        db.execute("DELETE FROM draft_history WHERE id = ?", [row[0]])
        db.execute("UPDATE lesson_drafts SET doc = ?, title = ?, revision = ?, updated_at = ? WHERE id = ?",
                   [row[1], doc["title"], revision + 1, now_iso(), draft_id])
    return revision + 1, row[2]


def last_action(db: Database, draft_id: int) -> str | None:
    row = db.execute("SELECT action FROM draft_history WHERE draft_id = ? ORDER BY revision DESC LIMIT 1",
                     [draft_id]).fetchone()
    return row[0] if row else None


def mark_published(db: Database, draft_id: int, version: str) -> None:
    """Call inside the publishing transaction."""
    db.execute("UPDATE lesson_drafts SET published_version = ?, published_at = ? WHERE id = ?",
               [version, now_iso(), draft_id])


def mark_previewed(db: Database, draft_id: int, version: str) -> None:
    db.execute("UPDATE lesson_drafts SET preview_version = ? WHERE id = ?", [version, draft_id])


def preview_of(db: Database, slug: str, teacher_id: int) -> str | None:
    """The version of a preview slug (``preview-<draft id>``) if this teacher owns that draft."""
    m = re.fullmatch(r"preview-(\d+)", slug)
    if not m:
        return None
    row = db.execute("SELECT preview_version FROM lesson_drafts WHERE id = ? AND teacher_id = ?",
                     [int(m.group(1)), teacher_id]).fetchone()
    return row[0] if row else None


def rename(db: Database, draft_id: int, slug: str, builtin: set[str]) -> bool:
    """Give an unpublished draft another address; False when a lesson or draft has it (or it is reserved)."""
    if slug in builtin or RESERVED_SLUG.match(slug):
        return False
    with db.atomic():
        taken = db.execute("SELECT 1 FROM imported_lessons WHERE slug = ? UNION SELECT 1 FROM lesson_drafts"
                           " WHERE slug = ? AND id != ?", [slug, slug, draft_id]).fetchone()
        if taken:
            return False
        db.execute("UPDATE lesson_drafts SET slug = ? WHERE id = ?", [slug, draft_id])
    return True


def delete(db: Database, draft_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM draft_history WHERE draft_id = ?", [draft_id])
        db.execute("DELETE FROM lesson_drafts WHERE id = ?", [draft_id])
