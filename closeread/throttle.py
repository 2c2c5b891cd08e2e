"""Sign-in throttling per account, and the sign-in log.

After ``LIMIT`` failed sign-ins for one account within ``WINDOW``, further
tries for that account are answered 429 with Retry-After, without checking the
password, until the oldest failure leaves the window. The key is the account
(the normalised email), never the IP address: thirty students or teachers
behind one school IP never lock each other out, and an attacker gains nothing
by rotating addresses. Unknown emails are throttled exactly like real ones, so
the answers do not reveal who has an account.

Every sign-in event goes to the ``closeread.signin`` logger as one line with the
email (control characters escaped, so no forged log lines), the client address
and the outcome; never a password or a session token.
"""

from __future__ import annotations

import hashlib
import logging
import math
from datetime import UTC, datetime, timedelta

from flask import request
from sqlite_utils import Database

from .db import get_db
from .errors import respond
from .security import log_safe

LIMIT = 10
WINDOW = timedelta(minutes=15)
log = logging.getLogger("closeread.signin")


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def retry_after(db: Database, email: str, now: datetime | None = None) -> int | None:
    """Seconds until this account may try again, or None when it may try now."""
    moment = now or _now()
    times = [
        datetime.fromisoformat(r["failed_at"])
        for r in db.query(
            "SELECT failed_at FROM signin_failures WHERE account_key = ? AND failed_at > ? ORDER BY failed_at",
            [account_key(email), _iso(moment - WINDOW)],
        )
    ]
    if len(times) < LIMIT:
        return None
    # Free again once enough failures have aged out to leave LIMIT - 1 in the window.
    frees_at = times[len(times) - LIMIT] + WINDOW
    return max(1, math.ceil((frees_at - moment).total_seconds()))


def record(db: Database, email: str, ok: bool, now: datetime | None = None) -> None:
    """Count a failure, or clear the account's failures after a success."""
    moment = now or _now()
    key = account_key(email)
    with db.atomic():
        if ok:
            db.execute("DELETE FROM signin_failures WHERE account_key = ?", [key])
        else:
            db.execute("INSERT INTO signin_failures (account_key, failed_at) VALUES (?, ?)", [key, _iso(moment)])
        db.execute("DELETE FROM signin_failures WHERE failed_at <= ?", [_iso(moment - WINDOW)])


def log_event(outcome: str, email: str) -> None:
    log.info(
        "sign-in %s email=%s ip=%s",
        outcome,
        log_safe(email.strip().lower(), limit=254),
        log_safe(request.remote_addr or "-", limit=64),
    )


# --- the hook the sign-in view calls --------------------------------------------------------------


def refuse_sign_in(email: str):
    """A 429 answer when this account is throttled, else None. Call before checking the password."""
    wait = retry_after(get_db(), email)
    if wait is None:
        return None
    log_event("throttled", email)
    minutes = max(1, math.ceil(wait / 60))
    message = (
        f"Too many failed sign-ins for this account. Wait {minutes} minute{'s' if minutes != 1 else ''} "
        "and try again, or ask a colleague to check your email address."
    )
    return respond(429, message, [("Retry-After", str(wait))])


def note_sign_in(email: str, ok: bool) -> None:
    """Record and log the outcome of a checked password."""
    record(get_db(), email, ok)
    log_event("success" if ok else "failure", email)
