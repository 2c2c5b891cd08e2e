"""Wrong join and resume codes: at most ``LIMIT`` misses per client in ``WINDOW``.

A join code is 6 characters of 31 (31^6 = 887,503,681 codes); a resume code 12
(31^12, about 7.9e17; older 8-character codes still work). Without a limit one
client guessed about 300 codes a second. With 20 misses an hour a client gets
175,200 guesses a year; with 1,000 classes a guess hits with probability
1,000 / 887,503,681, so the expected time to find one class is about 5 years
(the arithmetic is in SECURITY.md). Only well-formed codes that miss count:
a code of the wrong length or with letters codes never use is refused first.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from . import limits
from .db import get_db

BUCKET = "code-miss"
LIMIT = 20
WINDOW = timedelta(hours=1)


def _limit() -> int:
    return int(current_app.config.get("CODE_MISSES_PER_HOUR", LIMIT))


def wait_seconds() -> int | None:
    """Seconds until this client may try another code, or None."""
    moment = limits.now()
    events = limits.times(get_db(), BUCKET, limits.client_key(), moment - WINDOW)
    return limits.window_wait(events, _limit(), WINDOW, moment)


def refusal(wait: int) -> str:
    return (
        f"Too many wrong codes were tried from this network. Wait {limits.minutes_text(wait)} and try again, "
        "or ask your teacher for the join link."
    )


def note_miss() -> None:
    limits.add(get_db(), BUCKET, limits.client_key())
