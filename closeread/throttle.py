"""Sign-in throttling per (account, client) and per client, and the sign-in log.

Two counters, both in SQLite (``limits.py``), shared by every worker:

* per (account, client): the first ``PAIR_FREE`` failures cost nothing; after
  that each try must wait twice as long after the last failure as the one
  before (1 s, 2 s, 4 s ... up to ``MAX_DELAY``). Failures are forgotten after
  ``PAIR_WINDOW``. Because the client is part of the key, a stranger who knows
  a teacher's email can only slow themselves down: the right password from a
  client that has not been failing always works (there is no account lockout).
* per client, across accounts (password spraying): ``CLIENT_FREE`` failures in
  ``CLIENT_WINDOW`` from one client, then the same doubling delays. The figure
  is high enough for thirty colleagues behind one school address who mistype.

A throttled try is answered 429 with Retry-After and the password is not
checked. A success clears that (account, client) pair, never the client count.
Unknown emails are throttled exactly like real ones, so the answers do not
reveal who has an account.

Every sign-in event goes to the ``closeread.signin`` logger as one line with the
email (control characters escaped, so no forged log lines), the client address
and the outcome; never a password or a session token.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import request
from sqlite_utils import Database

from . import limits
from .db import get_db
from .errors import respond
from .security import log_safe

PAIR_BUCKET = "signin-pair"
CLIENT_BUCKET = "signin-client"
PAIR_FREE = 5
PAIR_WINDOW = timedelta(hours=24)
CLIENT_FREE = 100
CLIENT_WINDOW = timedelta(hours=1)
MAX_DELAY = timedelta(minutes=15)
log = logging.getLogger("closeread.signin")


def account_key(email: str) -> str:
    return limits.digest("account", email.strip().lower())


def pair_key(email: str, client: str) -> str:
    return limits.digest("pair", account_key(email), client)


def retry_after(db: Database, email: str, client: str, now: datetime | None = None) -> int | None:
    """Seconds until this client may try this account again, or None when it may try now."""
    moment = now or limits.now()
    pair = limits.times(db, PAIR_BUCKET, pair_key(email, client), moment - PAIR_WINDOW)
    spray = limits.times(db, CLIENT_BUCKET, client, moment - CLIENT_WINDOW)
    waits = [
        limits.backoff_wait(pair, PAIR_FREE, MAX_DELAY, moment),
        limits.backoff_wait(spray, CLIENT_FREE, MAX_DELAY, moment),
    ]
    waits = [w for w in waits if w is not None]
    return max(waits) if waits else None


def record(db: Database, email: str, client: str, ok: bool, now: datetime | None = None) -> None:
    """Count a failure for the pair and the client, or clear the pair after a success."""
    moment = now or limits.now()
    if ok:
        limits.clear(db, PAIR_BUCKET, pair_key(email, client))
        return
    with db.atomic():
        limits.add(db, PAIR_BUCKET, pair_key(email, client), moment)
        limits.add(db, CLIENT_BUCKET, client, moment)


def log_event(outcome: str, email: str) -> None:
    log.info(
        "sign-in %s email=%s ip=%s",
        outcome,
        log_safe(email.strip().lower(), limit=254),
        log_safe(request.remote_addr or "-", limit=64),
    )


# --- the hooks the sign-in view calls -------------------------------------------------------------


def refuse_sign_in(email: str):
    """A 429 answer when this client must wait for this account, else None. Call before checking the password."""
    wait = retry_after(get_db(), email, limits.client_key())
    if wait is None:
        return None
    log_event("throttled", email)
    message = (
        f"Too many failed sign-ins from this device. Wait {limits.minutes_text(wait)} and try again, "
        "or check your email address and password."
    )
    return respond(429, message, [("Retry-After", str(wait))])


def note_sign_in(email: str, ok: bool) -> None:
    """Record and log the outcome of a checked password."""
    record(get_db(), email, limits.client_key(), ok)
    log_event("success" if ok else "failure", email)
