"""SQLite storage: pragmas, migrations, idempotent submits, timing and hints."""

from datetime import UTC, datetime, timedelta

import pytest

from closeread.content.loader import load_content
from closeread.db import MIGRATION_SETS, connect, migrate
from closeread.learner import store
from closeread.questions.grading import grade_answer
from tests.helpers import FIXTURES


@pytest.fixture
def mini():
    return load_content(FIXTURES / "mini")["mini"]


@pytest.fixture
def database(tmp_path, mini):
    from closeread.content.sync import sync_content

    db = connect(str(tmp_path / "s.sqlite"))
    migrate(db)
    sync_content(db, {"mini": mini})
    yield db
    db.close()


def test_connection_pragmas(database):
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_recorded_and_rerunnable(database):
    sql = "SELECT name FROM _sqlite_migrations WHERE migration_set = 'closeread'"
    applied = [r["name"] for r in database.query(sql)]
    assert applied[0] == "m001_core"
    migrate(database)  # a second run is a no-op
    assert all(not s.pending(database) for s in MIGRATION_SETS)
    assert {"learners", "attempts", "responses", "question_progress", "questions", "sentences"} <= set(
        database.table_names()
    )


def test_content_is_mirrored_by_natural_key(database, mini):
    sql = "SELECT id, category, type, points FROM questions WHERE lesson = 'mini' ORDER BY number"
    rows = list(database.query(sql))
    assert [(r["id"], r["type"]) for r in rows] == [(q.id, q.type) for q in mini.quiz.questions]
    assert database["sentences"].count == len(mini.article.sentences)


def test_a_repeated_submit_never_counts_twice(database, mini):
    store.ensure_learner(database, "L1")
    attempt = store.new_attempt(database, "L1", "mini")
    q = mini.quiz.by_id["who-closed"]
    first, created = store.record_response(database, attempt, q, "a", grade_answer(q, "a"), mini)
    again, created_again = store.record_response(database, attempt, q, "b", grade_answer(q, "b"), mini)
    assert created and not created_again
    assert again["response"] == "a" and again["score"] == 1
    assert database.execute("SELECT COUNT(*) FROM responses").fetchone()[0] == 1


def test_foreign_keys_reject_orphans(database, mini):
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        store.new_attempt(database, "nobody", "mini")


def test_seconds_and_hints_are_recorded(database, mini):
    store.ensure_learner(database, "L2")
    attempt = store.new_attempt(database, "L2", "mini")
    q = mini.quiz.by_id["unsupported-multi"]
    t0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    store.mark_seen(database, attempt, q.id, now=t0)
    assert store.use_hint(database, attempt, q) == 1
    assert store.use_hint(database, attempt, q) == 2
    assert store.use_hint(database, attempt, q) == 2  # there are only two hints
    later = t0 + timedelta(seconds=42)
    row, _ = store.record_response(database, attempt, q, ["a"], grade_answer(q, ["a"]), mini, now=later)
    assert (row["seconds"], row["hints_used"], row["score"]) == (42, 2, 1.0)


def test_attempt_is_finished_when_every_question_is_answered(database, mini):
    from tests.helpers import key_answer

    store.ensure_learner(database, "L3")
    attempt = store.new_attempt(database, "L3", "mini")
    for q in mini.quiz.questions:
        assert store.get_attempt(database, attempt)["finished_at"] is None
        answer = key_answer(q)["answer"]
        store.record_response(database, attempt, q, answer, grade_answer(q, answer), mini)
    assert store.get_attempt(database, attempt)["finished_at"] is not None
    assert store.attempts_for(database, "L3", "mini")[0]["score"] == mini.quiz.total_points


def test_init_db_command(runner, app):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "Initialised the database" in result.output
    db = connect(app.config["DATABASE"])
    assert {r["slug"] for r in db["lessons"].rows} == {"germany-mali", "wrenfield-phones"}
    db.close()
