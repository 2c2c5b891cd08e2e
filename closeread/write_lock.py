"""A sqlite-utils Database whose transactions take SQLite's write lock when they begin.

sqlite-utils' ``atomic()`` starts with a plain (deferred) ``BEGIN``. In WAL mode a
deferred transaction that reads first and writes later (``record_response`` reads
``question_progress`` then inserts; ``upsert`` reads the schema then writes) holds
a read snapshot; when another process commits in between, the upgrade to a write
fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT), and the busy
timeout cannot help because waiting would not make the snapshot current. Under
gunicorn with several workers that gave HTTP 500s on answer submission and workers
that failed to boot (all of them sync the content at start-up).

``BEGIN IMMEDIATE`` takes the write lock first, waiting up to the busy timeout, so
writers queue instead of failing. Nested ``atomic()`` blocks stay savepoints.
Every ``atomic()`` in the app wraps writes, so nothing read-only pays for the lock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database


class WriteLockDatabase(Database):
    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():  # a savepoint inside the open transaction
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
