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


@migrations()
def m002_rate_events(db: Database) -> None:
    # One row per counted event (a failed sign-in, a wrong join or resume code, a new
    # anonymous learner), keyed by a bucket name and a SHA-256 key: never a raw email or
    # IP address. Shared by every worker, like the table it replaces.
    db["rate_events"].create(
        {"id": int, "bucket": str, "key": str, "at": str},
        pk="id",
        not_null={"bucket", "key", "at"},
    )
    db["rate_events"].create_index(["bucket", "key", "at"])
    db["rate_events"].create_index(["at"])
    db["signin_failures"].drop(ignore=True)
