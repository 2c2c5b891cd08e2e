"""Where the time goes: py-spy samples the gunicorn workers while learners load them.

``python -m bench.profile_load [submit|chat] [--seconds N]`` starts the app under
gunicorn (same configuration as the load benchmarks), runs the learners' flow,
and records every worker with ``py-spy record --subprocesses --format raw``
(collapsed stacks, idle threads left out). It prints the share of the workers'
busy samples spent under each part of a request (inclusive) and the hottest
functions (self time). ``make bench`` runs it when a throughput target is missed
and puts the summary in RESULTS.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from . import loadgen
from .common import LESSON, PYTHON, Report, app_env, gunicorn, init_app_db, stop, temp_dir

PY_SPY = shutil.which("py-spy") or str(Path(PYTHON).parent / "py-spy")

# A sample whose innermost frame is one of these is a process with nothing to do: left out.
IDLE = (
    "select (selectors.py",
    "wait_for_signals (gunicorn",
    "SyncWorker.wait (gunicorn",
    "sleep (gunicorn",
    "accept (socket.py",
)
# Inclusive buckets: a sample counts for the innermost frame that names one of these.
BUCKETS = [
    ("waiting on the client: sendall / graceful close (not CPU)", ("close_graceful (gunicorn", "write (gunicorn/util")),
    ("SQLite: BEGIN IMMEDIATE / COMMIT (includes waiting for the write lock)", ("atomic (closeread/write_lock.py",)),
    (
        "SQLite: connection close (WAL checkpoint and file removal when last)",
        ("Connection.close", "close (sqlite_utils"),
    ),
    ("SQLite: connect + PRAGMAs", ("connect (closeread/db.py",)),
    ("SQLite: other statements", ("Connection.execute", "Cursor.execute", "Cursor.fetch", "Connection.commit")),
    ("Markdown / nh3", ("render_markdown", "markdown/", "nh3")),
    (
        "CSRF tokens and session cookie (itsdangerous)",
        ("itsdangerous", "generate_csrf", "validate_csrf", "save_session", "open_session"),
    ),
    ("WTForms: building, validating and rendering fields", ("wtforms/", "flask_wtf/form", "answer_form")),
    ("Jinja2 templates (render)", ("jinja2/", "render_template", "templates/", ".html")),
    ("grading", ("grade_answer",)),
    ("tutor engine", ("closeread/tutor",)),
]
# Only when no frame names one of the above: the framework and the app's own Python around them.
CATCH_ALL = [
    ("Flask + werkzeug request handling, views, hooks", ("flask/", "werkzeug/", "closeread/", "app.py")),
    ("gunicorn: accept, parse, respond", ("gunicorn/",)),
]


def parse_raw(path: Path) -> Counter:
    """py-spy's raw format: 'frame;frame;... count' per line."""
    stacks: Counter = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[stack] += int(count)
    return stacks


def bucket(frames: list[str]) -> str:
    """The part of the request a sample belongs to: the innermost frame that names one."""
    for buckets in (BUCKETS, CATCH_ALL):
        for frame in reversed(frames):
            for label, needles in buckets:
                if any(nd in frame for nd in needles):
                    return label
    return "other"


def summarise(stacks: Counter, top: int = 15) -> list[str]:
    buckets: Counter = Counter()
    selfs: Counter = Counter()
    idle = 0
    for stack, n in stacks.items():
        frames = stack.split(";")
        if any(needle in frames[-1] for needle in IDLE):
            idle += n
            continue
        selfs[frames[-1]] += n
        buckets[bucket(frames)] += n
    total = sum(buckets.values())
    if not total:
        return ["py-spy recorded no busy samples."]
    lines = [
        f"py-spy: {total:,} samples of the gunicorn processes at work (100 Hz each; {idle:,} idle samples,"
        " waiting for a connection, left out). Waits inside a request (the write lock, the client) are samples"
        " too and are labelled as such.",
        "",
        "| part of the request (inclusive, first match) | share |",
        "|---|---|",
    ]
    lines += [f"| {label} | {100 * n / total:.1f}% |" for label, n in buckets.most_common()]
    lines += ["", "| hottest functions (self time) | share |", "|---|---|"]
    lines += [f"| `{fn[:110]}` | {100 * n / total:.1f}% |" for fn, n in selfs.most_common(top)]
    return lines


def profile(flow: str, seconds: float, users: int = 30) -> list[str]:
    from .submit_load import app_user, load_lesson

    user_factory = app_user
    if flow == "chat":
        from .chat_load import chat_user

        user_factory = chat_user
    with temp_dir() as tmp:
        env = app_env(tmp)
        init_app_db(env)
        out = tmp / "profile.raw"
        with gunicorn("bench.serve_app:app", env, tmp, ready_path=f"/lessons/{LESSON}") as server:
            spy = subprocess.Popen(
                [
                    PY_SPY,
                    "record",
                    "--pid",
                    str(server.proc.pid),
                    "--subprocesses",
                    "--format",
                    "raw",
                    "--output",
                    str(out),
                    "--duration",
                    str(int(seconds) + 1),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            try:
                result: dict = {}
                runner = threading.Thread(
                    target=lambda: result.update(
                        stats=loadgen.run(server.url, user_factory(load_lesson()), users, seconds, warmup=0.5)
                    )
                )
                runner.start()
                runner.join()
                try:
                    spy.wait(timeout=seconds + 30)
                except subprocess.TimeoutExpired:
                    stop(spy)
            finally:
                stop(spy)
            if not out.exists():
                err = spy.stderr.read().decode(errors="replace") if spy.stderr else ""
                return [f"py-spy produced no profile: {err.strip()[:500]}"]
        stats = result["stats"]
        header = [
            f"Profile of the {flow} flow, {users} learners, {seconds:.0f} s: {stats.rate():.0f} requests/s"
            f" while sampled (py-spy slows the workers a little)."
        ]
        return header + [""] + summarise(parse_raw(out))


def run(flow: str = "submit", seconds: float = 10.0) -> Report:
    report = Report(f"Profile: {flow} flow")
    for line in profile(flow, seconds):
        report.add(line)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("flow", nargs="?", default="submit", choices=("submit", "chat"))
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    run(args.flow, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
