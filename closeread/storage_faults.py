"""When the database cannot be written (read-only, disk full, locked too long): 503, never a 500.

The answer is ``503 Service Unavailable`` with ``Retry-After`` and a message
that says plainly that what was just sent was NOT saved. A form post shows the
typed answer back in a form (the page used for an expired CSRF token), so one
click sends it again once the fault is gone; a JSON client gets
``{"error", "message", "status": 503, "saved": false}``.

Reading pages keep working on a read-only database: the one write a reading
page makes, remembering when a question was first seen, goes through
``best_effort``, which logs the fault and carries on.
"""

from __future__ import annotations

import logging
import sqlite3

from flask import Flask, jsonify, render_template, request

from .errors import MESSAGES, back_link, respond, submitted_fields, wants_json
from .security import log_safe

log = logging.getLogger("closeread.storage")

# SQLite primary result codes (https://sqlite.org/rescode.html) and what we tell people.
FAULTS = {
    5: "busy",  # SQLITE_BUSY: another writer held the lock past the busy timeout
    6: "busy",  # SQLITE_LOCKED
    8: "read-only",  # SQLITE_READONLY
    10: "disk",  # SQLITE_IOERR
    13: "full",  # SQLITE_FULL
    14: "disk",  # SQLITE_CANTOPEN
}
RETRY_AFTER = {"busy": 5, "read-only": 120, "full": 300, "disk": 120}
REASONS = {
    "busy": "the database is busy",
    "read-only": "the database is read-only at the moment",
    "full": "the server's disk is full",
    "disk": "the server cannot write to its disk",
}
SAVE_MESSAGE = (
    "Your answer was NOT saved: {reason}. What you typed is kept below: send it again in a minute or two. "
    "Your earlier answers are safe."
)
PAGE_MESSAGE = "This page cannot be shown right now: {reason}. Nothing was saved. Try again in a minute or two."


def fault_kind(exc: BaseException) -> str | None:
    """'busy', 'read-only', 'full' or 'disk' for a storage fault; None for any other database error."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return FAULTS.get(code & 0xFF)
    text = str(exc).lower()
    for needle, kind in (("locked", "busy"), ("readonly", "read-only"), ("disk is full", "full"),
                         ("disk i/o", "disk")):
        if needle in text:
            return kind
    return None


def best_effort(fn, *args, default=None, **kwargs):
    """Run a write that a reading page can do without: on a storage fault, log it and return ``default``."""
    try:
        return fn(*args, **kwargs)
    except sqlite3.OperationalError as exc:
        kind = fault_kind(exc)
        if kind is None:
            raise
        log.warning("storage fault (%s) skipped in %s: %s", kind, getattr(fn, "__name__", fn), log_safe(exc))
        return default


def storage_fault_response(exc: sqlite3.Error):
    kind = fault_kind(exc)
    if kind is None:
        log.exception("database error on %s %s", request.method, log_safe(request.path))
        return respond(500, MESSAGES[500])
    log.error("storage fault (%s) on %s %s: %s", kind, request.method, log_safe(request.path), log_safe(exc))
    headers = [("Retry-After", str(RETRY_AFTER[kind]))]
    writing = request.method not in ("GET", "HEAD", "OPTIONS")
    message = (SAVE_MESSAGE if writing else PAGE_MESSAGE).format(reason=REASONS[kind])
    if wants_json():
        body = jsonify(error="Service unavailable", message=message, status=503, saved=False, reason=kind)
        return body, 503, headers
    is_form = writing and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data")
    fields = submitted_fields() if is_form else []
    if not fields:
        return render_template("error.html", status=503, message=message), 503, headers
    page = render_template("form_expired.html", status=503, message=message, fields=fields,
                           action=request.full_path.rstrip("?"), back=back_link())
    return page, 503, headers


def init_app(app: Flask) -> None:
    app.register_error_handler(sqlite3.OperationalError, storage_fault_response)
    app.register_error_handler(sqlite3.DatabaseError, storage_fault_response)
