"""The baseline: the least a Flask route can do for one answer, on SQLite in WAL mode.

``GET /questions/<n>`` returns a tiny fixed form (no database), ``POST
/questions/<n>`` inserts one row and commits, then redirects like the app. The
connection is opened per request with the app's settings (WAL,
``synchronous=NORMAL``, busy timeout), as ``closeread.db.get_db`` does. Served by
the same gunicorn configuration as the app, it is what Flask and SQLite can do
on this machine: the benchmarks report the app's throughput as a ratio of it.
"""

from __future__ import annotations

import os
import sqlite3
import time

from flask import Flask, g, redirect, request

DB = os.environ["CLOSEREAD_BENCH_DB"]
FORM = '<form method="post"><input name="csrf_token" type="hidden" value="baseline"><input name="answer"></form>'

app = Flask(__name__)


def setup(path: str = DB) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, question INTEGER NOT NULL,"
        " answer TEXT NOT NULL, created_at REAL NOT NULL)"
    )
    conn.commit()
    conn.close()


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(DB, timeout=10)
        g.db.execute("PRAGMA busy_timeout=10000")
        g.db.execute("PRAGMA synchronous=NORMAL")
    return g.db


@app.teardown_appcontext
def close_db(exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.get("/")
def ready():
    return "ok"


@app.get("/questions/<int:number>")
def question(number: int):
    return FORM


@app.post("/questions/<int:number>")
def answer(number: int):
    db = get_db()
    with db:  # one transaction: insert and commit
        db.execute(
            "INSERT INTO answers (question, answer, created_at) VALUES (?, ?, ?)",
            [number, request.form.get("answer", ""), time.time()],
        )
    return redirect(f"/questions/{number}#feedback")


@app.post("/api/messages")
def message():
    """The chat baseline: one JSON body in, one insert and commit, JSON out."""
    body = request.get_json(silent=True) or {}
    db = get_db()
    with db:
        db.execute(
            "INSERT INTO answers (question, answer, created_at) VALUES (?, ?, ?)",
            [0, str(body.get("text", "")), time.time()],
        )
    return {"ok": True}


setup()
