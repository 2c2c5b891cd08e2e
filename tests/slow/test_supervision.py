"""Issue 16, supervision: kill -9 the gunicorn master of the shipped config, restart it the
documented way, and nothing is lost.

Finding: after kill -9 of the master, orphaned workers kept the port for about 40 s and a
stale pid file blocked the restart. The server here is exactly what `make serve` runs
(`gunicorn -c deploy/gunicorn.conf.py "app:create_app()"`, settings from CLOSEREAD_*).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from app import create_app
from tests.helpers import ROOT
from tests.slow.conftest import SECRET, Learner, Tally, free_port, lesson_of, server_env, worker_pids, write_figures

WORKERS = 2
LEARNERS = 6


def serve_command() -> list[str]:
    """The command `make serve` runs (read from the Makefile, so the two cannot drift apart)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserve:", 1)[1].split("\n", 2)[1].strip()
    assert recipe == '$(BIN)/gunicorn -c deploy/gunicorn.conf.py "app:create_app()"', recipe
    return [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "app:create_app()"]


def start(env: dict, log: Path) -> subprocess.Popen:
    with log.open("a", encoding="utf-8") as out:
        return subprocess.Popen(serve_command(), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_serving(url: str, process: subprocess.Popen, log: Path, limit: float = 60) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if process.poll() is not None:
            raise AssertionError("gunicorn exited:\n" + log.read_text(errors="replace")[-3000:])
        try:
            healthy = requests.get(url + "/healthz", timeout=2).status_code == 200
            if healthy and len(worker_pids(process.pid)) == WORKERS:
                return time.monotonic() - started
        except (requests.ConnectionError, requests.Timeout):  # still booting, or a busy machine
            pass
        time.sleep(0.1)
    raise AssertionError("gunicorn did not serve:\n" + log.read_text(errors="replace")[-3000:])


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def crowd(url: str, lesson, tally: Tally, first: int) -> list[int]:
    deadline = time.monotonic() + 120
    with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
        futures = [pool.submit(Learner(url, lesson, first + n, tally, deadline).run) for n in range(LEARNERS)]
        return [f.result() for f in futures]


def test_kill_9_of_the_master_then_the_documented_restart_serves_with_nothing_lost(tmp_path):
    database = tmp_path / "closeread.sqlite"
    create_app({"DATABASE": str(database), "SECRET_KEY": SECRET})
    lesson = lesson_of(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    pidfile = tmp_path / "gunicorn.pid"
    env = server_env(database) | {"CLOSEREAD_BIND": f"127.0.0.1:{port}", "CLOSEREAD_WORKERS": str(WORKERS),
                                  "CLOSEREAD_PIDFILE": str(pidfile)}
    log = tmp_path / "gunicorn.log"
    tally = Tally()
    figures: dict = {}

    first = start(env, log)
    try:
        figures["first_start_seconds"] = round(wait_serving(url, first, log), 2)
        assert int(pidfile.read_text()) == first.pid
        workers = worker_pids(first.pid)
        # Learners answer while the master is killed mid-run.
        killer = threading.Timer(1.0, os.kill, [first.pid, signal.SIGKILL])
        killer.start()
        # Learners cut off by the kill stop; what they saw acknowledged is checked below.
        with contextlib.suppress(AssertionError, TimeoutError):
            crowd(url, lesson, tally, 0)
        killer.join()
        first.wait(timeout=10)
        killed_at = time.monotonic()
        while any(alive(w) for w in workers) and time.monotonic() - killed_at < 30:
            time.sleep(0.05)
        figures["orphans_gone_seconds"] = round(time.monotonic() - killed_at, 2)
        assert not any(alive(w) for w in workers), "orphaned workers survived the master"
        assert port_free(port), "the port is still held after the master died"
        assert pidfile.exists()  # the master could not clean up: the pid file is stale
    finally:
        stop(first)

    # A stale pid file whose pid was reused by another process (here: this test) must not block either.
    pidfile.write_text(f"{os.getpid()}\n")
    restart_at = time.monotonic()
    second = start(env, log)
    try:
        figures["restart_serving_seconds"] = round(wait_serving(url, second, log), 2)
        figures["restart_total_seconds"] = round(time.monotonic() - restart_at, 2)
        acknowledged_before = dict(tally.acknowledged)
        crowd(url, lesson, tally, LEARNERS)  # the restarted server takes answers again
    finally:
        stop(second)

    db = sqlite3.connect(database)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {(a, q): json.loads(r) for a, q, r in
                  db.execute("SELECT attempt_id, question_id, response FROM responses")}
    finally:
        db.close()
    lost = [key for key in tally.acknowledged if key not in stored]
    wrong = [key for key, (answer, _) in tally.acknowledged.items() if key in stored and stored[key] != answer]
    figures.update({
        "workers": WORKERS,
        "acknowledged_before_kill": len(acknowledged_before),
        "acknowledged_total": len(tally.acknowledged),
        "lost": len(lost),
        "server_errors": len(tally.server_errors),
    })
    write_figures("supervision", figures)
    assert acknowledged_before, "no answer was acknowledged before the kill"
    assert lost == [] and wrong == []
    assert len(tally.acknowledged) >= LEARNERS * len(lesson.quiz.questions)
    assert tally.server_errors == []
    assert figures["orphans_gone_seconds"] < 5
