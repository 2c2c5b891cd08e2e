"""New anonymous (self-study) learners: at most ``LIMIT`` per client an hour.

Each browser without a cookie that starts a lesson creates a ``learners`` row;
a script that drops its cookies could create them without end. 300 an hour is
far above what a class behind one school address needs (one per pupil and
device), and ``flask prune`` removes the abandoned ones later.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from . import limits
from .db import get_db

BUCKET = "anon-learner"
LIMIT = 300
WINDOW = timedelta(hours=1)


def check_and_count() -> None:
    """Count one new anonymous learner for this client, or raise LimitReached (429)."""
    db = get_db()
    key = limits.client_key()
    moment = limits.now()
    limit = int(current_app.config.get("ANON_LEARNERS_PER_HOUR", LIMIT))
    wait = limits.window_wait(limits.times(db, BUCKET, key, moment - WINDOW), limit, WINDOW, moment)
    if wait is not None:
        raise limits.LimitReached(
            f"Too many new learners were started from this network. Wait {limits.minutes_text(wait)} and try "
            "again; a browser that keeps its cookies carries on where it was.",
            wait,
        )
    limits.add(db, BUCKET, key, moment)
