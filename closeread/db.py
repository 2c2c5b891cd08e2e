"""Database connection per request, the schema migrations and ``init-db``."""

from __future__ import annotations

import os
import sqlite3
import threading

import click
from flask import Flask, current_app, g
from flask.cli import with_appcontext
from sqlite_utils import Database

from . import keys
from .editor.migrations import migrations as editor_migrations
from .learner.migrations import migrations as core_migrations
from .library.migrations import migrations as library_migrations
from .migrations_security import migrations as security_migrations
from .teacher.migrations import migrations as teacher_migrations
from .tutor.migrations import migrations as chat_migrations
from .write_lock import WriteLockDatabase

# Each feature keeps its own sqlite-utils migration set; they apply in this order.
MIGRATION_SETS = [
    core_migrations, teacher_migrations, security_migrations, chat_migrations, library_migrations, editor_migrations,
]

BUSY_TIMEOUT_SECONDS = 10


def connect(path: str) -> Database:
    """Open the database in WAL mode with a busy timeout and foreign keys on.

    ``synchronous=NORMAL`` is the usual WAL pairing: a power cut can lose the
    last transactions committed before it, but never corrupts the file.
    """
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    db = WriteLockDatabase(conn)  # atomic() begins IMMEDIATE: see write_lock.py
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return db


def get_db() -> Database:
    """This request's connection: one per worker thread, reused across requests.

    Opening a connection (and its pragmas) costs more than most queries here, so
    each thread keeps one per database file. The cache is keyed by process too:
    a connection made before a fork (gunicorn --preload) is never used after it.
    """
    if "db" not in g:
        pool = current_app.extensions.setdefault(keys.DB_CONNECTIONS, threading.local())
        key = (os.getpid(), current_app.config["DATABASE"])
        cached = getattr(pool, "dbs", None)
        if cached is None:
            cached = pool.dbs = {}
        db = cached.get(key)
        if db is None:
            db = cached[key] = connect(current_app.config["DATABASE"])
        g.db = db
    return g.db


def close_db(e: BaseException | None = None) -> None:
    """End the request: the connection stays open, but never inside a transaction."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def migrate(db: Database) -> None:
    for migration_set in MIGRATION_SETS:
        migration_set.apply(db)


def init_db() -> None:
    """Apply pending migrations and load the content tables."""
    from .content.sync import sync_content

    db = get_db()
    migrate(db)
    sync_content(db, current_app.extensions[keys.LESSONS], current_app.extensions.get(keys.LESSON_FILES))


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the database and load the lesson content into it."""
    init_db()
    click.echo(f"Initialised the database at {current_app.config['DATABASE']}.")


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
