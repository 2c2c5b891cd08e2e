"""Item 8 (fast part): the backup command copies a consistent, checked database."""

import sqlite3

from closeread.cli import backup_database
from tests.helpers import QuizDriver, key_answer


def test_backup_command_copies_every_answer(app, runner, lesson, tmp_path):
    client = app.test_client()
    quiz = QuizDriver(client, lesson)
    attempt = quiz.start()
    for q in lesson.quiz.questions[:3]:
        quiz.answer(attempt, q, key_answer(q))
    target = tmp_path / "backups" / "nightly.sqlite"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "3 responses" in result.output and "integrity_check: ok" in result.output
    copy = sqlite3.connect(target)
    live = sqlite3.connect(app.config["DATABASE"])
    try:
        query = "SELECT * FROM responses ORDER BY id"
        assert copy.execute(query).fetchall() == live.execute(query).fetchall()
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        copy.close()
        live.close()
    assert not (tmp_path / "backups" / "nightly.sqlite.partial").exists()


def test_backup_uses_the_online_backup_api(app, tmp_path, monkeypatch):
    calls = []
    real = sqlite3.Connection.backup

    class Spy(sqlite3.Connection):
        def backup(self, *args, **kwargs):
            calls.append(kwargs)
            return real(self, *args, **kwargs)

    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, factory=Spy, **k))
    backup_database(app.config["DATABASE"], tmp_path / "b.sqlite")
    assert len(calls) == 1 and calls[0]["pages"] > 0


def test_backup_refuses_a_folder_and_a_missing_database(app, runner, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path)])
    assert result.exit_code != 0
    from click import ClickException

    try:
        backup_database(tmp_path / "nope.sqlite", tmp_path / "out.sqlite")
    except ClickException as exc:
        assert "There is no database" in exc.message
    else:
        raise AssertionError("a missing database was backed up")
    assert not (tmp_path / "out.sqlite").exists()
