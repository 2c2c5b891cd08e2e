"""Benchmark 1: answer submission under load, against a bare Flask + SQLite baseline.

Each simulated learner is a browser of its own (cookie jar): it opens the lesson
page, starts an attempt with the real CSRF token, then for every question GETs
the question page, parses ``csrf_token`` and POSTs an answer (a mix of right and
wrong answers, every type). A learner who has answered every question starts a
new attempt, so every POST is a real insert (submits are idempotent per attempt).
The baseline (bench/baseline_app.py) is driven by the same loop: GET a tiny form,
POST one insert + commit. Both run under the same gunicorn configuration.

Throughput is compared per answer (one GET + one POST): answers/s.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import subprocess
import sys
import time

from . import loadgen
from .common import (
    LESSON,
    PYTHON,
    ROOT,
    WORKERS,
    Report,
    app_env,
    append_results,
    gunicorn,
    init_app_db,
    ms,
    temp_dir,
    wait_for_quiet,
)

ATTEMPT_RE = re.compile(r"/attempts/(\d+)/questions/1$")
FULL = {"levels": (30, 100), "duration": 20.0, "warmup": 3.0}
SMOKE = {"levels": (10,), "duration": 2.0, "warmup": 1.0}
TARGET_RATIO = 0.6
TARGET_P99 = 0.050


def load_lesson():
    from closeread.content_loader import load_content

    return load_content(str(ROOT))[LESSON]


def answer_data(q, sentence_ids: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """Form data for a plausible answer: the key about half the time, else a wrong one."""
    right = rng.random() < 0.5
    if q.type in ("choice", "verdict"):
        pick = q.key if right else rng.choice([o.id for o in q.options])
        return [("answer", pick)]
    if q.type == "multi":
        picks = list(q.key) if right else rng.sample([o.id for o in q.options], rng.randint(1, len(q.options)))
        return [("answer", p) for p in picks]
    if q.type == "cite":
        picks = sorted(q.key) if right else rng.sample(sentence_ids, rng.randint(1, 3))
        return [("answer", p) for p in picks]
    if q.type == "pair":
        picks = sorted(q.key[0]) if right else rng.sample(sentence_ids, 2)
        return [("answer", p) for p in picks]
    words = [c.any[0] for c in q.rubric] if right else ["the article", "a reason"]
    return [("answer", "My answer mentions " + ", ".join(words) + ", quoting the article where it can.")]


def app_user(lesson):
    questions = lesson.quiz.questions
    sentence_ids = [s.id for s in lesson.article.sentences]

    async def learner(ctx: loadgen.Context, index: int) -> None:
        rng = random.Random(index)  # noqa: S311 - load data, not security
        async with ctx.session() as s:
            _, html, _ = await ctx.request(s, "lesson", "GET", f"/lessons/{lesson.slug}")
            token = loadgen.csrf_token(html)
            while True:  # one learner, attempt after attempt
                _, _, headers = await ctx.request(
                    s, "start", "POST", f"/lessons/{lesson.slug}/attempts", 302, data={"csrf_token": token}
                )
                match = ATTEMPT_RE.search(headers.get("Location", ""))
                if not match:
                    raise loadgen.LoadError(f"no attempt in {headers.get('Location')!r}")
                attempt = match.group(1)
                for q in questions:
                    url = f"/attempts/{attempt}/questions/{q.number}"
                    _, html, _ = await ctx.request(s, "page", "GET", url)
                    token = loadgen.csrf_token(html)
                    data = [("csrf_token", token), *answer_data(q, sentence_ids, rng)]
                    await ctx.request(s, "answer", "POST", url, 302, data=data)

    return learner


def baseline_user(lesson):
    questions = lesson.quiz.questions

    async def learner(ctx: loadgen.Context, index: int) -> None:
        async with ctx.session() as s:
            while True:
                for q in questions:
                    url = f"/questions/{q.number}"
                    _, html, _ = await ctx.request(s, "page", "GET", url)
                    token = loadgen.csrf_token(html)
                    await ctx.request(s, "answer", "POST", url, 302, data={"csrf_token": token, "answer": "b"})

    return learner


def describe(report: Report, label: str, users: int, stats: loadgen.Stats, kind: str = "answer") -> None:
    errors = ", ".join(f"{k} ×{v}" for k, v in stats.errors.items()) or "0"
    report.add(
        f"| {label} | {users} | {stats.rate(kind):.0f} | {stats.rate():.0f} | {ms(stats.pct(50))} |"
        f" {ms(stats.pct(95))} | {ms(stats.pct(99))} | {ms(stats.pct(50, kind))} |"
        f" {ms(stats.pct(99, kind))} | {errors} | {100 * stats.cpu_busy:.0f}% / {100 * stats.client_cpu:.0f}% |"
        f" {100 * stats.background:.0f}% |"
    )


TABLE_HEAD = (
    "| server | learners | answers/s | requests/s | p50 | p95 | p99 | POST p50 | POST p99 | errors |"
    " CPU busy / of it load generator | CPU busy before (other work) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
)


def compare(
    levels, duration: float, warmup: float, baseline_user, app_user, app_ready: str, what: str, kind: str = "answer"
) -> dict[int, tuple[loadgen.Stats, loadgen.Stats]]:
    """Baseline and app under the same gunicorn configuration, both up at once, measured in turn.

    At each level the baseline runs, then the app (idle workers of the other server
    sleep in accept(), using no CPU), so slow drifts of the machine hit both alike.
    Returns {learners: (baseline stats, app stats)}.
    """
    lesson = load_lesson()
    results: dict[int, tuple[loadgen.Stats, loadgen.Stats]] = {}
    with temp_dir() as tmp:
        base_env = app_env(tmp, tmp / "baseline.sqlite")
        init_baseline_db(base_env)
        env = app_env(tmp, tmp / "app.sqlite")
        init_app_db(env)
        with (
            gunicorn("bench.baseline_app:app", base_env, tmp) as base_server,
            gunicorn("bench.serve_app:app", env, tmp, ready_path=app_ready) as app_server,
        ):
            for users in levels:
                quiet = wait_for_quiet()
                base = loadgen.run(base_server.url, baseline_user(lesson), users, duration, warmup)
                base.background = quiet
                print(f"  baseline, {users} learners: {base.rate(kind):.0f} {what}/s", flush=True)
                quiet = wait_for_quiet()
                before = stored_responses(env)
                app = loadgen.run(app_server.url, app_user(lesson), users, duration, warmup)
                app.background = quiet
                app.stored = stored_responses(env) - before
                print(f"  CloseRead, {users} learners: {app.rate(kind):.0f} {what}/s", flush=True)
                results[users] = (base, app)
    return results


def stored_responses(env: dict[str, str]) -> int:
    """Rows in the app's responses table: proof that the load inserted answers."""
    with sqlite3.connect(env["CLOSEREAD_BENCH_DB"]) as conn:
        return conn.execute("SELECT COUNT(*) FROM responses").fetchone()[0]


def init_baseline_db(env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "-c", "import bench.baseline_app"], cwd=ROOT, env=env, check=True)


def run(smoke: bool = False) -> Report:
    cfg = SMOKE if smoke else FULL
    report = Report("1. Answer submission (form quiz)")
    report.add(
        f"gunicorn, {WORKERS} sync workers, 127.0.0.1; closed-loop learners (no think time) for"
        f" {cfg['duration']:.0f} s after a {cfg['warmup']:.0f} s warm-up. One answer = GET the question page"
        " (parse csrf_token) + POST the answer (302). Latencies are per request, measured by the client."
    )
    report.add("")
    report.add(TABLE_HEAD[0])
    report.add(TABLE_HEAD[1])
    results = compare(
        cfg["levels"], cfg["duration"], cfg["warmup"], baseline_user, app_user, f"/lessons/{LESSON}", "answers"
    )
    for users, (base, app) in results.items():
        describe(report, "baseline", users, base)
        describe(report, "CloseRead", users, app)
    report.add("")
    for users, (base, app) in results.items():
        ratio = app.rate("answer") / base.rate("answer") if base.rate("answer") else 0.0
        report.add(
            f"Ratio at {users} learners: {ratio:.2f} × baseline answers/s"
            f" ({app.stored:,} new rows in responses during the run, warm-up included)."
        )
        report.target(
            f"throughput at {users} learners", f"{ratio:.2f} × baseline", f"≥ {TARGET_RATIO}", ratio >= TARGET_RATIO
        )
        report.target(f"errors at {users} learners", str(app.error_count), "0", app.error_count == 0)
        if app.error_count or base.error_count:
            report.fail(f"{app.error_count} app / {base.error_count} baseline errors at {users} learners")
    first = min(results)
    base, app = results[first]
    report.target(
        f"p99 at {first} learners",
        ms(app.pct(99)),
        "< 50 ms (baseline: " + ms(base.pct(99)) + ")",
        app.pct(99) < TARGET_P99,
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a few seconds, one level, no RESULTS.md")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    report = run(args.smoke)
    if not args.smoke:
        append_results([report], "python -m bench.submit_load", time.perf_counter() - start)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
