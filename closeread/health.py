"""``GET /healthz``: is the database there, readable, and writable?

200 ``{"status": "ok", "database": "ok", "writable": true}`` when all is well;
503 with Retry-After when the database cannot be read, or can be read but not
written (reading pages still work then, answers cannot be saved). The write
probe takes the write lock and rewrites ``PRAGMA user_version`` with its own
value, then rolls back, so it never changes anything; a disk with under 1 MiB
free, or a database at its page limit, counts as full. Used by the Docker HEALTHCHECK and the systemd unit.
"""

from __future__ import annotations

import os
import sqlite3

from flask import Blueprint, current_app, jsonify

from .db import get_db
from .storage_faults import fault_kind

bp = Blueprint("health", __name__)


MIN_FREE_BYTES = 1 << 20


def _full(db, path: str) -> bool:
    """No room to grow: at SQLite's page limit with no free pages, or under 1 MiB free on the disk."""
    conn = db.conn
    pages, limit = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "max_page_count"))
    if pages >= limit and conn.execute("PRAGMA freelist_count").fetchone()[0] == 0:
        return True
    try:
        stats = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < MIN_FREE_BYTES


def _writable(db) -> tuple[bool, str | None]:
    conn = db.conn
    if _full(db, current_app.config["DATABASE"]):
        return False, "full"
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"PRAGMA user_version = {int(version)}")
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        return False, fault_kind(exc) or "error"
    return True, None


@bp.get("/healthz")
def healthz():
    db = get_db()
    try:
        db.execute("SELECT COUNT(*) FROM lessons").fetchone()
    except sqlite3.Error:
        body = {"status": "down", "database": "unreadable", "writable": False}
        return jsonify(body), 503, {"Retry-After": "30", "Cache-Control": "no-store"}
    writable, fault = _writable(db)
    body = {"status": "ok" if writable else "degraded", "database": "ok", "writable": writable}
    if fault:
        body["fault"] = fault
    status = 200 if writable else 503
    headers = {"Cache-Control": "no-store"} | ({} if writable else {"Retry-After": "30"})
    return jsonify(body), status, headers
