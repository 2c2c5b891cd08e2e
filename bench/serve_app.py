"""The CloseRead app for gunicorn, on a temp database: ``bench.serve_app:app``.

bench/common.py sets CLOSEREAD_BENCH_DB and CLOSEREAD_BENCH_SECRET, so nothing
is read from or written to the repo's instance/ folder.
"""

from __future__ import annotations

import os

from app import create_app

app = create_app(
    {
        "DATABASE": os.environ["CLOSEREAD_BENCH_DB"],
        "SECRET_KEY": os.environ["CLOSEREAD_BENCH_SECRET"],
        # Every simulated learner comes from 127.0.0.1: measure the app, not the per-client limits.
        "ANON_LEARNERS_PER_HOUR": 10**9,
        "CODE_MISSES_PER_HOUR": 10**9,
    }
)
