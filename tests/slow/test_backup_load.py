"""Item 8: `flask --app app backup PATH` under load, then restore and compare.

While 40 learners answer through gunicorn, the real CLI takes three backups. Each
backup passes integrity_check, holds every answer acknowledged before it began,
and every row in it is identical in the live database. After the load a final
backup equals the live database table by table; restored, the app serves a
learner's result from it.
"""

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from app import create_app
from tests.helpers import ROOT
from tests.slow.conftest import SECRET, Learner, Tally, gunicorn, lesson_of, server_env, write_figures

LEARNERS = 40
TIME_LIMIT = 300


def cli_backup(database, target):
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "backup", str(target)],
        cwd=ROOT, env=server_env(database), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "integrity_check: ok" in result.stdout
    return result.stdout


def table_rows(path) -> dict[str, set]:
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: set(db.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}  # noqa: S608
    finally:
        db.close()


def test_backup_under_load_restores_to_the_same_data(tmp_path):
    lesson = lesson_of(tmp_path)
    tally = Tally()
    backups = []  # (path, time the backup began, stdout)
    deadline = time.monotonic() + TIME_LIMIT

    with gunicorn(tmp_path, workers=4) as server:
        def backer():
            for n in range(3):
                goal = len(lesson.quiz.questions) * LEARNERS * (n + 1) / 4
                while len(tally.acknowledged) < goal and time.monotonic() < deadline:
                    time.sleep(0.05)
                began = time.monotonic()
                target = tmp_path / "backups" / f"during-{n}.sqlite"
                backups.append((target, began, cli_backup(server.database, target)))

        thread = threading.Thread(target=backer)
        thread.start()
        with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
            for future in [pool.submit(Learner(server.url, lesson, n, tally, deadline).run) for n in range(LEARNERS)]:
                future.result()
        thread.join(timeout=180)
        assert not thread.is_alive()
        final = tmp_path / "backups" / "final.sqlite"
        cli_backup(server.database, final)  # the app is still running, idle
        log = server.log_text()

    assert tally.server_errors == [] and "database is locked" not in log
    live = table_rows(server.database)
    assert len(backups) == 3
    for path, began, _ in backups:
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        stored = {(a, q) for a, q in db.execute("SELECT attempt_id, question_id FROM responses")}
        db.close()
        before = {key for key, (_, at) in tally.acknowledged.items() if at < began}
        assert before <= stored, f"{len(before - stored)} acknowledged answers missing from {path.name}"
        snapshot = table_rows(path)
        for table, rows in snapshot.items():
            if table in ("signin_failures", "question_progress", "attempts"):
                continue  # rows there change after the snapshot (hints, finished_at)
            assert rows <= live[table], f"{table} in {path.name} differs from the live database"
    partial = [len(table_rows(p)["responses"]) for p, _, _ in backups]
    assert partial == sorted(partial) and partial[0] < len(live["responses"])

    # The final backup is the live database, table by table.
    assert table_rows(final) == live

    # Restore as the README says: stop the app, copy the backup over the database, start.
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    restored = restored_dir / "closeread.sqlite"
    shutil.copy(final, restored)
    app = create_app({"DATABASE": str(restored), "SECRET_KEY": SECRET})
    assert table_rows(restored) == live
    client = app.test_client()
    attempt_id, cookie = next(iter(tally.session_cookies.items()))
    client.set_cookie("session", cookie)
    page = client.get(f"/attempts/{attempt_id}/result")
    assert page.status_code == 200

    write_figures("backup_under_load", {
        "learners": LEARNERS,
        "answers_acknowledged": len(tally.acknowledged),
        "responses_in_backups_during_load": partial,
        "responses_live": len(live["responses"]),
        "responses_in_final_backup": len(table_rows(final)["responses"]),
    })
