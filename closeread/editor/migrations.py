"""Schema of the lesson editor: drafts and their recent history (for undo).

Add new steps at the end; never edit old ones. This set applies after the library's.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("closeread-editor")


@migrations()
def m001_drafts(db: Database) -> None:
    # One row per lesson a teacher is building. ``doc`` is the whole draft as JSON (document.py);
    # ``revision`` goes up by one on every saved change, and a save names the revision it started
    # from, so two tabs never overwrite each other silently.
    db["lesson_drafts"].create(
        {
            "id": int,
            "teacher_id": int,
            "slug": str,  # the address the published lesson gets; kept once published
            "title": str,
            "revision": int,
            "doc": str,
            "created_at": str,
            "updated_at": str,
            "published_version": str,  # the version last published, or NULL
            "published_at": str,
            "preview_version": str,  # the version last built for the teacher's preview, or NULL
        },
        pk="id",
        foreign_keys=[("teacher_id", "teachers", "id")],
        not_null={"teacher_id", "slug", "title", "revision", "doc", "created_at", "updated_at"},
    )
    db["lesson_drafts"].create_index(["slug"], unique=True)
    db["lesson_drafts"].create_index(["teacher_id"])
    # The draft as it was before each of its last changes: undo restores the newest.
    db["draft_history"].create(
        {"id": int, "draft_id": int, "revision": int, "doc": str, "action": str, "saved_at": str},
        pk="id",
        foreign_keys=[("draft_id", "lesson_drafts", "id")],
        not_null={"draft_id", "revision", "doc", "action", "saved_at"},
    )
    db["draft_history"].create_index(["draft_id", "revision"])
