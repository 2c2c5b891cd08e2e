"""A real gunicorn server and a crowd of simulated learners, for the slow trust tests.

``make test-slow`` runs these (CI too, after ``make test``). The server is the
production entry point, ``gunicorn "app:create_app()"``, configured through
CLOSEREAD_* environment variables, with CSRF on: the learners fetch each page,
read its token and post the form exactly as a browser does.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

requests = pytest.importorskip("requests")

from app import create_app  # noqa: E402
from tests.helpers import ROOT, key_answer  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"
SECRET = "k-slow-tests-7d1e0c9b4a2f68e35c1d09ab7f4e2c61"
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ATTEMPT_RE = re.compile(r"/attempts/(\d+)/trust/before$")  # a new attempt starts with the trust rating


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLOSEREAD_", "FLASK_"))}
    env.update(CLOSEREAD_DATABASE=str(database), CLOSEREAD_SECRET_KEY=SECRET, PYTHONUNBUFFERED="1")
    return env


def worker_pids(master: int) -> set[int]:
    """The master's children, read from /proc (Linux)."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master:
            pids.add(int(stat.parent.name))
    return pids


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    database: Path
    log: Path

    def workers(self) -> set[int]:
        return worker_pids(self.process.pid)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def gunicorn(tmp_path: Path, workers: int = 4):
    database = tmp_path / "closeread.sqlite"
    with_db = {"DATABASE": str(database), "SECRET_KEY": SECRET}
    create_app(with_db)  # migrations and content sync before the workers boot
    port = free_port()
    log = tmp_path / "gunicorn.log"
    command = [
        sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
        "--timeout", "60", "--graceful-timeout", "10", "--log-level", "info", "app:create_app()",
    ]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=server_env(database), stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, database, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError("gunicorn exited:\n" + server.log_text()[-3000:])
            try:
                if requests.get(server.url + "/", timeout=2).status_code == 200 and len(server.workers()) == workers:
                    break
            except (requests.ConnectionError, requests.Timeout):  # still booting, or a busy machine
                pass
            if time.monotonic() > deadline:
                raise AssertionError("gunicorn did not start:\n" + server.log_text()[-3000:])
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Tally:
    """What the crowd saw, shared by all learner threads."""

    acknowledged: dict = field(default_factory=dict)  # (attempt_id, question_id) -> (answer, time acknowledged)
    statuses: dict = field(default_factory=dict)
    server_errors: list = field(default_factory=list)
    connection_errors: int = 0
    retries: int = 0
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    session_cookies: dict = field(default_factory=dict)  # attempt_id -> session cookie value

    def count(self, response):
        with self.lock:
            self.requests += 1
            self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                self.server_errors.append((response.request.method, response.url, response.status_code))


class Learner:
    """One learner in a browser: fetch a page, read its token, post the form, follow nothing."""

    def __init__(self, base: str, lesson, n: int, tally: Tally, deadline: float):
        self.base, self.lesson, self.n, self.tally, self.deadline = base, lesson, n, tally, deadline
        self.http = requests.Session()

    def _call(self, method, url, **kwargs):
        for attempt in range(4):
            if time.monotonic() > self.deadline:
                raise TimeoutError("the run went past its time limit")
            if attempt:  # a connection dropped: send the same request again, as a person would
                with self.tally.lock:
                    self.tally.retries += 1
            try:
                response = self.http.request(method, url, timeout=30, allow_redirects=False, **kwargs)
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                # The killed worker may drop the connection or cut a response short.
                with self.tally.lock:
                    self.tally.connection_errors += 1
                time.sleep(0.2)
                continue
            self.tally.count(response)
            return response
        raise AssertionError(f"{method} {url}: no answer after 4 tries")

    def token(self, url):
        response = self._call("GET", url)
        assert response.status_code == 200, (url, response.status_code)
        return TOKEN_RE.search(response.text).group(1)

    def answer_for(self, question):
        data = key_answer(question)
        if question.type == "explain":
            data = {"answer": f"{data['answer']} (learner {self.n})"}
        return data

    def run(self):
        slug = self.lesson.slug
        token = self.token(f"{self.base}/lessons/{slug}")
        response = self._call("POST", f"{self.base}/lessons/{slug}/attempts", data={"csrf_token": token})
        assert response.status_code == 302, response.status_code
        attempt_id = int(ATTEMPT_RE.search(response.headers["Location"]).group(1))
        with self.tally.lock:
            self.tally.session_cookies[attempt_id] = self.http.cookies.get("session")
        for q in self.lesson.quiz.questions:
            url = f"{self.base}/attempts/{attempt_id}/questions/{q.number}"
            token = self.token(url)
            data = self.answer_for(q)
            response = self._call("POST", url, data={**data, "csrf_token": token})
            if response.status_code == 302 and response.headers["Location"].endswith("#question"):
                with self.tally.lock:
                    self.tally.acknowledged[(attempt_id, q.id)] = (data["answer"], time.monotonic())
        return attempt_id


def lesson_of(tmp_path):
    return next(iter(create_app({"DATABASE": str(tmp_path / "lesson.sqlite"), "SECRET_KEY": SECRET})
                     .extensions["closeread.lessons"].values()))


def write_figures(name: str, figures: dict) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"\n{name}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))
