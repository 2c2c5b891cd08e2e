"""Schema of the chat tutor, as its own sqlite-utils migration set. Add steps at the end."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("closeread-chat")


@migrations()
def m001_chat(db: Database) -> None:
    # One conversation per attempt: the engine's state and a revision counter
    # (optimistic locking: a stale tab or a double submit cannot overwrite a newer turn).
    db["chat_sessions"].create(
        {"attempt_id": int, "state": str, "rev": int, "created_at": str, "updated_at": str},
        pk="attempt_id",
        foreign_keys=[("attempt_id", "attempts", "id")],
        not_null={"state", "rev", "created_at", "updated_at"},
        defaults={"rev": 0},
    )
    # The transcript: who said what, when. ``data`` holds the reply's extras as JSON
    # (quick replies, a request to select, sentences to highlight).
    db["chat_messages"].create(
        {"id": int, "attempt_id": int, "who": str, "text": str, "data": str, "created_at": str},
        pk="id",
        foreign_keys=[("attempt_id", "attempts", "id")],
        not_null={"attempt_id", "who", "text", "created_at"},
    )
    db["chat_messages"].create_index(["attempt_id", "id"])
