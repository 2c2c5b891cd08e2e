"""Schema for sign-in throttling. Add new steps at the end; never edit old ones."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("closeread-security")


@migrations()
def m001_signin_failures(db: Database) -> None:
    # One row per failed sign-in. account_key is a SHA-256 of the normalised
    # email, so the table holds no address (and none for accounts that do not exist).
    db["signin_failures"].create(
        {"id": int, "account_key": str, "failed_at": str},
        pk="id",
        not_null={"account_key", "failed_at"},
    )
    db["signin_failures"].create_index(["account_key", "failed_at"])
