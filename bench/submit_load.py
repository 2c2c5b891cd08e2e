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

import asyncio
import contextlib
import random
import re
import sqlite3
import subprocess
import sys

from . import loadgen
from .common import (
    LESSON,
    PYTHON,
    ROOT,
    WORKERS,
    Report,
    app_env,
    gunicorn,
    init_app_db,
    ms,
    single_benchmark_main,
    temp_dir,
    wait_for_quiet,
)

ATTEMPT_RE = re.compile(r"/attempts/(\d+)/trust/before$")  # a new attempt starts with the trust rating
FULL = {"levels": (30, 100), "duration": 20.0, "warmup": 3.0, "think": 1.0}
SMOKE = {"levels": (10,), "duration": 2.0, "warmup": 1.0, "think": 0.0}
TARGET_RATIO = 0.6
TARGET_P99 = 0.050


def load_lesson():
    from closeread.content.loader import load_content

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
    text = q.model_answer if right else "My answer mentions the article and a reason, quoting the article where it can."
    return [("answer", text)]


def app_user(lesson, think: float = 0.0):
    """The learner's loop; ``think`` > 0 adds a pause of 0.5-1.5 × think seconds before each request."""
    questions = lesson.quiz.questions
    sentence_ids = [s.id for s in lesson.article.sentences]

    async def pause(rng: random.Random) -> None:
        if think:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))

    async def learner(ctx: loadgen.Context, index: int) -> None:
        rng = random.Random(index)  # noqa: S311 - load data, not security
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))  # learners do not all start on the same tick
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
                    await pause(rng)
                    _, html, _ = await ctx.request(s, "page", "GET", url)
                    token = loadgen.csrf_token(html)
                    data = [("csrf_token", token), *answer_data(q, sentence_ids, rng)]
                    await pause(rng)
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
        f" {ms(stats.pct(95))} | {ms(stats.pct(99))} | {ms(stats.pct(99, kind))} | {errors} |"
        f" {stats.server_cpu_ms_per(kind):.2f} ms | {100 * stats.cpu_busy:.0f}% ({100 * stats.client_cpu:.0f}%) |"
        f" {100 * stats.background:.0f}% |"
    )


TABLE_HEAD = (
    "| server | learners | answers/s | requests/s | p50 | p95 | p99 | POST p99 | errors | server CPU per answer |"
    " machine CPU busy (load generator's share) | busy before the run (other work) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
)


APP = "bench.serve_app:app"
WHAT_IF = "bench.serve_app_pooled:app"


def compare(
    levels,
    duration: float,
    warmup: float,
    baseline_user,
    app_user,
    app_ready: str,
    what: str,
    kind: str = "answer",
    what_if: bool = False,
) -> dict[int, dict[str, loadgen.Stats]]:
    """Baseline and app (and, with ``what_if``, the pooled-connection variant) under the same gunicorn setup.

    All servers are up at once and measured in turn at each level (idle workers
    of the others sleep in accept(), using no CPU), so slow drifts of the machine
    hit them alike. Returns {learners: {"baseline"|"app"|"what_if": stats}}.
    """
    lesson = load_lesson()
    results: dict[int, dict[str, loadgen.Stats]] = {}
    with temp_dir() as tmp, contextlib.ExitStack() as stack:
        base_env = app_env(tmp, tmp / "baseline.sqlite")
        init_baseline_db(base_env)
        servers = {"baseline": (stack.enter_context(gunicorn("bench.baseline_app:app", base_env, tmp)), base_env)}
        specs = [("app", APP)] + ([("what_if", WHAT_IF)] if what_if else [])
        for name, spec in specs:
            env = app_env(tmp, tmp / f"{name}.sqlite")
            init_app_db(env)
            servers[name] = (stack.enter_context(gunicorn(spec, env, tmp, ready_path=app_ready)), env)
        for users in levels:
            results[users] = {}
            for name, (server, env) in servers.items():
                quiet = wait_for_quiet()
                before = stored_responses(env) if name != "baseline" else 0
                cpu0 = server.cpu_seconds()
                user = baseline_user if name == "baseline" else app_user
                stats = loadgen.run(server.url, user(lesson), users, duration, warmup)
                stats.server_cpu = server.cpu_seconds() - cpu0
                stats.background = quiet
                if name != "baseline":
                    stats.stored = stored_responses(env) - before
                print(f"  {name}, {users} learners: {stats.rate(kind):.0f} {what}/s", flush=True)
                results[users][name] = stats
    return results


def stored_responses(env: dict[str, str]) -> int:
    """Rows in the app's responses table: proof that the load inserted answers."""
    with sqlite3.connect(env["CLOSEREAD_BENCH_DB"]) as conn:
        return conn.execute("SELECT COUNT(*) FROM responses").fetchone()[0]


def init_baseline_db(env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "-c", "import bench.baseline_app"], cwd=ROOT, env=env, check=True)


def paced(levels, duration: float, warmup: float, think: float) -> dict[int, loadgen.Stats]:
    """The app alone with learners who pause before each request: a class at a brisk real pace."""
    lesson = load_lesson()
    out: dict[int, loadgen.Stats] = {}
    with temp_dir() as tmp:
        env = app_env(tmp)
        init_app_db(env)
        with gunicorn(APP, env, tmp, ready_path=f"/lessons/{LESSON}") as server:
            for users in levels:
                quiet = wait_for_quiet()
                cpu0 = server.cpu_seconds()
                stats = loadgen.run(server.url, app_user(lesson, think), users, duration, warmup)
                stats.server_cpu = server.cpu_seconds() - cpu0
                stats.background = quiet
                print(f"  paced, {users} learners: {stats.rate('answer'):.0f} answers/s", flush=True)
                out[users] = stats
    return out


LABELS = {"baseline": "baseline", "app": "CloseRead", "what_if": "what-if: CloseRead + connection pool"}


def run(smoke: bool = False) -> Report:
    cfg = SMOKE if smoke else FULL
    report = Report("1. Answer submission (form quiz)")
    report.add(
        f"gunicorn, {WORKERS} sync workers, 127.0.0.1; closed-loop learners (no think time) for"
        f" {cfg['duration']:.0f} s after a {cfg['warmup']:.0f} s warm-up. One answer = GET the question page"
        " (parse csrf_token) + POST the answer (302). Latencies are per request, measured by the client."
        " Server CPU = user + system time of gunicorn's processes per answer (warm-up included)."
        " The what-if row (full run only) is the app with per-worker reused connections"
        " (bench/serve_app_pooled.py), not the shipped app; targets are judged on the CloseRead rows."
    )
    report.add("")
    report.add(TABLE_HEAD[0])
    report.add(TABLE_HEAD[1])
    results = compare(
        cfg["levels"],
        cfg["duration"],
        cfg["warmup"],
        baseline_user,
        app_user,
        f"/lessons/{LESSON}",
        "answers",
        what_if=not smoke,
    )
    for users, by_name in results.items():
        for name, stats in by_name.items():
            describe(report, LABELS[name], users, stats)
    report.add("")
    for users, by_name in results.items():
        base, app = by_name["baseline"], by_name["app"]
        ratio = app.rate("answer") / base.rate("answer") if base.rate("answer") else 0.0
        line = (
            f"Ratio at {users} learners: {ratio:.2f} × baseline answers/s"
            f" ({app.stored:,} new rows in responses during the run, warm-up included)."
        )
        if "what_if" in by_name:
            line += (
                f" What-if with reused connections: {by_name['what_if'].rate('answer') / base.rate('answer'):.2f} ×."
            )
        report.add(line)
        report.target(
            f"throughput at {users} learners", f"{ratio:.2f} × baseline", f"≥ {TARGET_RATIO}", ratio >= TARGET_RATIO
        )
        report.target(f"errors at {users} learners", str(app.error_count), "0", app.error_count == 0)
        faults = {n: s.error_count for n, s in by_name.items() if s.error_count}
        if faults:
            report.fail(f"errors at {users} learners: {faults}")
    first = min(results)
    base, app = results[first]["baseline"], results[first]["app"]
    report.target(
        f"p99 at {first} learners, closed loop (no think time)",
        ms(app.pct(99)),
        "< 50 ms (baseline: " + ms(base.pct(99)) + ")",
        app.pct(99) < TARGET_P99,
    )
    if cfg["think"]:
        report.add("")
        report.add(
            f"Paced class: the same learners, each pausing {0.5 * cfg['think']:.1f}-{1.5 * cfg['think']:.1f} s"
            " before every request (about one answer per 2 s per learner: a brisk class, all answering at once)."
        )
        report.add("")
        report.add(TABLE_HEAD[0])
        report.add(TABLE_HEAD[1])
        paced_results = paced(cfg["levels"], cfg["duration"], cfg["warmup"], cfg["think"])
        for users, stats in paced_results.items():
            describe(report, "CloseRead, paced", users, stats)
            if stats.error_count:
                report.fail(f"errors in the paced run at {users} learners: {dict(stats.errors)}")
        report.add("")
        for users, stats in paced_results.items():
            report.target(
                f"p99 at {users} learners, paced class", ms(stats.pct(99)), "< 50 ms", stats.pct(99) < TARGET_P99
            )
    return report


def main(argv: list[str] | None = None) -> int:
    return single_benchmark_main(run, "submit_load", __doc__, "a few seconds, one level, no RESULTS.md", argv)


if __name__ == "__main__":
    sys.exit(main())
