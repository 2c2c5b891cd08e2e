"""Issue 16, storage faults: a read-only database, a full disk and a lock held too long.

Before, every page gave a generic 500 (question pages too, because viewing a question
writes), with no Retry-After and no word on whether the answer was saved. Now: 503 with
Retry-After and a message that the answer was NOT saved, the typed answer kept in a form;
reading pages still work; and no acknowledged answer is lost.

The faults are real SQLite errors on the app's own connection: ``PRAGMA query_only``
(SQLITE_READONLY), ``PRAGMA max_page_count`` on a database filled to its last page
(SQLITE_FULL), and another connection holding the write lock past a short busy timeout
(SQLITE_BUSY).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3

import pytest

from closeread.db import connect, get_db
from tests.helpers import QuizDriver, key_answer, make_app


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def app_connection(app):
    """The connection the app uses on this thread (the test client runs in this thread)."""
    with app.app_context():
        return get_db()


@contextlib.contextmanager
def read_only(app):
    db = app_connection(app)
    db.conn.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        db.conn.execute("PRAGMA query_only = OFF")


FILLERS = {
    "responses": "INSERT INTO responses (attempt_id, question_id, response, score, max, correct, created_at)"
                 " VALUES (?, 'filler-' || ?, ?, 0, 1, 0, '2025-01-01')",
    "chat_messages": "INSERT INTO chat_messages (attempt_id, who, text, created_at) VALUES (?, 'filler-' || ?, ?,"
                     " '2025-01-01')",
}


@contextlib.contextmanager
def disk_full(app, attempts):
    """Cap the file at its current size, then fill the tables an answer writes to, down to the last byte."""
    db = app_connection(app)
    conn = db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    n = 0
    for table, sql in FILLERS.items():
        for size in (2000, 500, 100, 20, 1):
            while True:
                try:
                    with db.atomic():
                        conn.execute(sql, [attempts[table], n, json.dumps("x" * size)])
                    n += 1
                except sqlite3.OperationalError as exc:
                    assert "full" in str(exc)
                    break
    try:
        yield
    finally:
        conn.execute("PRAGMA max_page_count = 1073741823")
        with db.atomic():
            conn.execute("DELETE FROM responses WHERE question_id LIKE 'filler-%'")
            conn.execute("DELETE FROM chat_messages WHERE who LIKE 'filler-%'")


@contextlib.contextmanager
def busy(app):
    db = app_connection(app)
    db.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
        db.conn.execute("PRAGMA busy_timeout = 10000")


def stored(app):
    db = connect(app.config["DATABASE"])
    try:
        return {(a, q): json.loads(r) for a, q, r in db.execute(
            "SELECT attempt_id, question_id, response FROM responses WHERE question_id NOT LIKE 'filler-%'")}
    finally:
        db.close()


def explain_question(lesson):
    return next(q for q in lesson.quiz.questions if q.type == "explain")


@pytest.mark.parametrize("fault", ["read-only", "full", "busy"])
def test_a_storage_fault_is_503_and_nothing_acknowledged_is_lost(app, fault):
    lesson = next(iter(app.extensions["closeread.lessons"].values()))
    client = app.test_client()
    quiz = QuizDriver(client, lesson)
    attempt = quiz.start()
    acknowledged = {}
    first, explain = lesson.quiz.questions[0], explain_question(lesson)
    assert quiz.answer(attempt, first).status_code == 302
    acknowledged[(attempt, first.id)] = key_answer(first)["answer"]
    unseen = next(q for q in lesson.quiz.questions if q.id not in (first.id, explain.id))
    client.get(f"/attempts/{attempt}/questions/{explain.number}")
    typed = "The article never names its sources for the convoy, and the drone story contradicts it."
    chat = app.test_client()
    chat_attempt = chat.post("/api/chat/start", json={"lesson": lesson.slug}).get_json()["attempt_id"]

    fill = {"responses": attempt, "chat_messages": chat_attempt}
    injected = {"read-only": lambda: read_only(app), "full": lambda: disk_full(app, fill),
                "busy": lambda: busy(app)}[fault]
    with injected():
        response = client.post(f"/attempts/{attempt}/questions/{explain.number}", data={"answer": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 503, page[:500]
        assert int(response.headers["Retry-After"]) > 0
        assert "Your answer was NOT saved" in page
        assert typed in page and f'action="/attempts/{attempt}/questions/{explain.number}"' in page
        assert "Traceback" not in page and "sqlite" not in page.lower()

        api = chat.post(f"/api/chat/attempts/{chat_attempt}/messages", json={"text": "hint"})
        assert api.status_code == 503 and "Retry-After" in api.headers
        assert api.get_json()["saved"] is False and "NOT saved" in api.get_json()["message"]

        if fault != "busy":  # reading pages work on a database that cannot be written
            assert client.get(f"/lessons/{lesson.slug}").status_code == 200
            assert client.get(f"/attempts/{attempt}/questions/{unseen.number}").status_code == 200
            assert client.get(f"/attempts/{attempt}/result").status_code == 200
            health = client.get("/healthz")
            assert health.status_code == 503 and health.get_json()["writable"] is False
        else:  # a page view waits out the lock and is shown without its best-effort write
            assert client.get(f"/attempts/{attempt}/questions/{unseen.number}").status_code == 200

    assert stored(app) == acknowledged  # the acknowledged answer is there; the refused one was not saved
    again = client.post(f"/attempts/{attempt}/questions/{explain.number}", data={"answer": typed})
    assert again.status_code == 302
    assert stored(app)[(attempt, explain.id)] == typed
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok", "writable": True}


def test_other_database_errors_stay_500_without_detail(app, monkeypatch):
    from closeread.learner import store

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("no such column: nonsense")

    monkeypatch.setattr(store, "responses_for", broken)
    lesson = next(iter(app.extensions["closeread.lessons"].values()))
    client = app.test_client()
    attempt = QuizDriver(client, lesson).start()
    response = client.get(f"/attempts/{attempt}/result")
    assert response.status_code == 500 and "nonsense" not in response.get_data(as_text=True)
