"""Benchmark 4: start-up time and a worker's memory.

Start-up: a fresh Python subprocess imports the app and calls ``create_app``
(content files parsed and validated, migrations and content sync on the
database), timed inside the subprocess with ``time.perf_counter``; the
interpreter's own start is shown apart. First start (new database) and restart
(existing database), median of several runs each.

Memory: gunicorn with ONE sync worker, so every request lands on the worker
being measured; 1,000 requests from 4 simulated learners, two taking the form
quiz (lesson page, start, question pages, answers) and two the chat tutor;
VmRSS is read from /proc/<pid>/status after boot and after the 1,000 requests.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from . import loadgen
from .common import (
    LESSON,
    PYTHON,
    ROOT,
    Report,
    app_env,
    gunicorn,
    init_app_db,
    median,
    single_benchmark_main,
    temp_dir,
    vm_rss_kib,
)

FULL = {"runs": 5, "requests": 1000}
SMOKE = {"runs": 2, "requests": 200}
TARGET_START_S = 1.0
TARGET_RSS_MB = 80.0

PROBE = r"""
import json, os, sys, time
t0 = time.perf_counter()
import app as app_module
t1 = time.perf_counter()
from closeread.content.loader import load_content
t2 = time.perf_counter()
load_content(os.environ["CLOSEREAD_CONTENT"])
t3 = time.perf_counter()
env = os.environ
app_module.create_app({"DATABASE": env["CLOSEREAD_BENCH_DB"], "SECRET_KEY": env["CLOSEREAD_BENCH_SECRET"]})
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load_validate": t3 - t2, "create_app": t4 - t3, "total": (t1 - t0) + (t4 - t3)}))
"""


def startup_runs(runs: int) -> dict[str, list[dict]]:
    """Times from fresh subprocesses: 'first' on a new database each time, 'restart' on an existing one."""
    out: dict[str, list[dict]] = {"first": [], "restart": []}
    with temp_dir() as tmp:
        for i in range(runs):
            for kind in ("first", "restart"):
                env = app_env(tmp, tmp / f"start-{i}.sqlite")
                env["CLOSEREAD_CONTENT"] = str(ROOT)
                start = time.perf_counter()
                proc = subprocess.run(
                    [PYTHON, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
                )
                figures = json.loads(proc.stdout.strip().splitlines()[-1])
                figures["process"] = time.perf_counter() - start
                out[kind].append(figures)
    return out


def mixed_user(lesson):
    """Half the learners take the form quiz, half talk to the chat tutor (when the app has it)."""
    from .chat_load import chat_available, chat_user
    from .submit_load import app_user

    form = app_user(lesson)
    chat = chat_user(lesson) if chat_available() is None else form

    async def learner(ctx: loadgen.Context, index: int) -> None:
        await (form if index % 2 == 0 else chat)(ctx, index)

    return learner


def memory_run(requests: int) -> dict:
    from .submit_load import load_lesson

    with temp_dir() as tmp:
        env = app_env(tmp)
        init_app_db(env)
        with gunicorn("bench.serve_app:app", env, tmp, ready_path=f"/lessons/{LESSON}", workers=1) as server:
            (worker,) = server.worker_pids()
            booted = vm_rss_kib(worker)
            # warm-up 0: every request counts toward the bound; the first few are the server's warm-up.
            stats = loadgen.run(server.url, mixed_user(load_lesson()), 4, duration=120, warmup=0, max_requests=requests)
            after = vm_rss_kib(worker)
            if server.worker_pids() != [worker]:
                raise RuntimeError("the worker was replaced during the run")
    return {
        "booted": booted,
        "after": after,
        "requests": stats.requests,
        "errors": stats.error_count,
        "seconds": stats.duration,
    }


def run(smoke: bool = False) -> Report:
    cfg = SMOKE if smoke else FULL
    report = Report("4. Start-up and memory")
    runs = startup_runs(cfg["runs"])
    report.add(
        f"Start-up in a fresh subprocess, median of {cfg['runs']} runs (import app; parse + validate the content;"
        " create_app = load + validate + migrations + content sync):"
    )
    report.add("")
    report.add(
        "| start | import app | load + validate content | create_app | import + create_app |"
        " whole process incl. interpreter |"
    )
    report.add("|---|---|---|---|---|---|")
    for kind, label in (("first", "new database"), ("restart", "existing database")):
        rows = runs[kind]

        def med(key: str, rows=rows) -> str:
            return f"{median([r[key] for r in rows]) * 1000:.0f} ms"

        report.add(
            f"| {label} | {med('import')} | {med('load_validate')} | {med('create_app')} | {med('total')} |"
            f" {med('process')} |"
        )
    report.add("")
    worst = max(median([r["total"] for r in runs[k]]) for k in runs)
    report.target("import + content loading + validation", f"{worst * 1000:.0f} ms", "< 1 s", worst < TARGET_START_S)

    mem = memory_run(cfg["requests"])
    booted_mb, after_mb = mem["booted"] / 1024, mem["after"] / 1024
    report.add(
        f"Memory: one gunicorn sync worker, VmRSS {booted_mb:.1f} MB after boot, {after_mb:.1f} MB after"
        f" {mem['requests']:,} requests (form quiz and chat learners, {mem['errors']} errors)."
    )
    report.target(
        f"worker RSS after {mem['requests']:,} requests",
        f"{after_mb:.1f} MB",
        f"< {TARGET_RSS_MB:.0f} MB",
        after_mb < TARGET_RSS_MB,
    )
    if mem["errors"]:
        report.fail(f"{mem['errors']} errors during the memory run")
    return report


def main(argv: list[str] | None = None) -> int:
    return single_benchmark_main(run, "startup_memory", __doc__, "fewer runs and requests, no RESULTS.md", argv)


if __name__ == "__main__":
    sys.exit(main())
