"""What-if: the CloseRead app with database connections kept open and reused by each worker.

Not the app as shipped: the benchmarks serve it beside the real app to measure
what one change would buy. ``closeread.db.get_db`` opens a connection (and runs
four PRAGMAs) on every request and closes it at teardown; when the closing
connection is the last one open, SQLite checkpoints the WAL into the database
file there and then. The profile puts connect + close at a large share of an
answer's server time. Here ``get_db``/``close_db`` are swapped, before the app
is imported, for a small per-process pool: a request takes an idle connection
(or opens one), teardown rolls back anything left open and gives it back.
Threads never share a connection (one per request); a forked process starts
with an empty pool.
"""

from __future__ import annotations

import os

from flask import current_app, g

import closeread.db as cdb

MAX_IDLE_PER_PATH = 4
_pool: dict[str, list] = {}
_pid = os.getpid()


def get_db():
    global _pid
    if "db" not in g:
        if os.getpid() != _pid:  # a fork: connections must not cross it
            _pool.clear()
            _pid = os.getpid()
        path = current_app.config["DATABASE"]
        idle = _pool.get(path)
        db = idle.pop() if idle else cdb.connect(path)
        db.pool_path = path
        g.db = db
    return g.db


def close_db(e: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is None:
        return
    if db.conn.in_transaction:
        db.conn.rollback()
    idle = _pool.setdefault(db.pool_path, [])
    if len(idle) < MAX_IDLE_PER_PATH:
        idle.append(db)
    else:
        db.close()


cdb.get_db = get_db
cdb.close_db = close_db

from bench.serve_app import app  # noqa: E402 - the swap must come before the app's modules import get_db

__all__ = ["app"]
