"""Counted events per client, kept in SQLite (``rate_events``) so every worker shares them.

Used for failed sign-ins (``throttle.py``), wrong join and resume codes
(``code_guard.py``) and new anonymous learners (``anon_guard.py``). A key is
always a SHA-256 (of an email, of a client address), never the raw value.

The client is the address the request came from (``request.remote_addr``, the
proxy's address unless ``PROXY_FIX`` is set, see ``hosts.py``). An IPv6 client
counts as its /64 network, because one machine usually holds a whole /64 and
could otherwise rotate through addresses for free.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from datetime import UTC, datetime, timedelta

from flask import request
from sqlite_utils import Database

# Events older than this are deleted whenever a new one is recorded.
KEEP = timedelta(days=1)


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def client_address(addr: str | None = None) -> str:
    """The client as counted: the IPv4 address, or the /64 network of an IPv6 address."""
    raw = addr if addr is not None else (request.remote_addr or "-")
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def client_key(addr: str | None = None) -> str:
    return digest("client", client_address(addr))


def times(db: Database, bucket: str, key: str, since: datetime) -> list[datetime]:
    """When the events of (bucket, key) after ``since`` happened, oldest first."""
    return [
        datetime.fromisoformat(r[0])
        for r in db.execute(
            "SELECT at FROM rate_events WHERE bucket = ? AND key = ? AND at > ? ORDER BY at",
            [bucket, key, iso(since)],
        ).fetchall()
    ]


def count(db: Database, bucket: str, key: str, since: datetime) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM rate_events WHERE bucket = ? AND key = ? AND at > ?", [bucket, key, iso(since)]
    ).fetchone()[0]


def add(db: Database, bucket: str, key: str, moment: datetime | None = None) -> None:
    moment = moment or now()
    with db.atomic():
        db.execute("INSERT INTO rate_events (bucket, key, at) VALUES (?, ?, ?)", [bucket, key, iso(moment)])
        db.execute("DELETE FROM rate_events WHERE at <= ?", [iso(moment - KEEP)])


def clear(db: Database, bucket: str, key: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM rate_events WHERE bucket = ? AND key = ?", [bucket, key])


def window_wait(events: list[datetime], limit: int, window: timedelta, moment: datetime) -> int | None:
    """Seconds until fewer than ``limit`` of ``events`` lie in the window ending at ``moment``."""
    recent = [t for t in events if t > moment - window]
    if len(recent) < limit:
        return None
    frees_at = recent[len(recent) - limit] + window
    return max(1, math.ceil((frees_at - moment).total_seconds()))


def backoff_wait(events: list[datetime], free: int, cap: timedelta, moment: datetime) -> int | None:
    """Growing delays: after ``free`` events, each one more doubles the wait after the last (up to ``cap``).

    With free = 5: the 6th try may come 1 s after the 5th failure, the 7th 2 s after
    the 6th, then 4, 8, ... seconds, never more than ``cap``.
    """
    if len(events) < free:
        return None
    delay = min(2.0 ** (len(events) - free), cap.total_seconds())
    wait = events[-1] + timedelta(seconds=delay) - moment
    if wait.total_seconds() <= 0:
        return None
    return max(1, math.ceil(wait.total_seconds()))


def minutes_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


class LimitReached(Exception):
    """A per-client limit was reached: answered 429 with Retry-After and this message (see trust.py)."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
