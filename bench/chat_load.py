"""Benchmark 2: chat turns under load, against a bare Flask + SQLite JSON baseline.

Each simulated learner is a browser of its own: it GETs the lesson page for the
CSRF token, starts a chat with ``POST /api/chat/start`` (JSON, ``X-CSRFToken``),
says "Go to the quiz", then answers turn after turn the way the tutor asks: one
of the offered options (quick replies), sentences when it asks for a selection,
a short typed answer otherwise, "Next" to move on. Answers are real inserts (the
same rows as the form quiz); when the quiz is over, or after a bounded number of
turns, the learner starts a new chat attempt. The baseline (bench/baseline_app.py
``POST /api/messages``) takes a JSON body with the same header, does one insert
and commit, and answers JSON.

Throughput is compared per turn: POSTed messages per second.
"""

from __future__ import annotations

import random
import sys

from . import loadgen
from .common import LESSON, WORKERS, Report, single_benchmark_main
from .submit_load import LABELS, TABLE_HEAD, compare, describe

FULL = {"levels": (30, 100), "duration": 20.0, "warmup": 3.0}
SMOKE = {"levels": (10,), "duration": 2.0, "warmup": 1.0}
TARGET_RATIO = 0.5
MAX_TURNS = 80  # per chat attempt, in case a conversation never ends
CONTROL = {"hint", "skip", "why?", "help"}
FREE_TEXT = "The article gives no source for this claim, so it is unsupported; it also contradicts sentence s5."


def next_message(status: dict, sentence_ids: list[str], rng: random.Random) -> dict:
    """What a learner sends next, given the tutor's status."""
    replies = [r["value"] for r in status.get("quick_replies") or [] if r.get("value")]
    answers = [r for r in replies if r.strip().lower() not in CONTROL]
    select = status.get("select") or {}
    if select.get("kind") == "sentences" and not select.get("optional"):
        low, high = max(1, select.get("min") or 1), min(3, select.get("max") or 3)
        return {"sentences": rng.sample(sentence_ids, rng.randint(low, max(low, high)))}
    if select.get("kind") == "options":
        options = select.get("options") or []
        ids = [o.get("id") if isinstance(o, dict) else o for o in options]
        ids = [i for i in ids if isinstance(i, str)]
        if ids:
            return {"options": rng.sample(ids, rng.randint(1, min(2, len(ids))))}
    if answers:
        return {"text": rng.choice(answers)}
    if status.get("expect") in ("text", "explain"):
        return {"text": FREE_TEXT}
    return {"text": replies[0] if replies else FREE_TEXT}


def chat_user(lesson):
    sentence_ids = [s.id for s in lesson.article.sentences]

    async def learner(ctx: loadgen.Context, index: int) -> None:
        rng = random.Random(index)  # noqa: S311 - load data, not security
        async with ctx.session() as s:
            _, html, _ = await ctx.request(s, "lesson", "GET", f"/lessons/{lesson.slug}")
            headers = {"X-CSRFToken": loadgen.csrf_token(html)}
            while True:  # chat attempt after chat attempt
                _, text, _ = await ctx.request(
                    s,
                    "start",
                    "POST",
                    "/api/chat/start",
                    (200, 201),
                    json={"lesson": lesson.slug, "new": True},
                    headers=headers,
                )
                data = loadgen.decode_json(text)
                attempt = data["attempt_id"]
                body: dict = {"text": "Go to the quiz"}
                for _ in range(MAX_TURNS):
                    _, text, _ = await ctx.request(
                        s, "turn", "POST", f"/api/chat/attempts/{attempt}/messages", 200, json=body, headers=headers
                    )
                    data = loadgen.decode_json(text)
                    status = data.get("status") or {}
                    progress = status.get("progress") or {}
                    if data.get("new_attempt_id") or (
                        progress.get("questions") and progress.get("answered", 0) >= progress["questions"]
                    ):
                        break
                    body = next_message(status, sentence_ids, rng)

    return learner


def baseline_user(lesson):
    async def learner(ctx: loadgen.Context, index: int) -> None:
        async with ctx.session() as s:
            _, html, _ = await ctx.request(s, "lesson", "GET", "/questions/1")
            headers = {"X-CSRFToken": loadgen.csrf_token(html)}
            while True:
                await ctx.request(s, "turn", "POST", "/api/messages", 200, json={"text": FREE_TEXT}, headers=headers)

    return learner


def chat_available() -> str | None:
    """None when the app serves the chat API; else what is missing."""
    import tempfile
    from pathlib import Path

    from app import create_app

    with tempfile.TemporaryDirectory(prefix="closeread-bench-") as tmp:
        app = create_app({"DATABASE": str(Path(tmp) / "probe.sqlite"), "SECRET_KEY": "probe-" + "x" * 40})
        rules = {r.rule for r in app.url_map.iter_rules()}
    needed = {"/api/chat/start", "/api/chat/attempts/<int:attempt_id>/messages"}
    missing = needed - rules
    return f"the app does not register {', '.join(sorted(missing))}" if missing else None


def run(smoke: bool = False) -> Report:
    cfg = SMOKE if smoke else FULL
    report = Report("2. Chat turn (JSON API)")
    missing = chat_available()
    if missing:
        report.add(f"Not measured: {missing} (the chat tutor's HTTP layer is not in this tree).")
        report.target("chat throughput", "not measured", f"≥ {TARGET_RATIO} × baseline", False)
        return report
    report.add(
        f"gunicorn, {WORKERS} sync workers, 127.0.0.1; closed-loop learners for {cfg['duration']:.0f} s after a"
        f" {cfg['warmup']:.0f} s warm-up. One turn = POST /api/chat/attempts/<id>/messages (JSON, X-CSRFToken)."
        " Baseline: POST JSON, one insert + commit, JSON answer. The what-if row (full run only) is the app with"
        " per-worker reused connections (bench/serve_app_pooled.py), not the shipped app."
    )
    report.add("")
    report.add(
        TABLE_HEAD[0].replace("answers/s", "turns/s").replace("POST p", "turn p").replace("per answer", "per turn")
    )
    report.add(TABLE_HEAD[1])
    results = compare(
        cfg["levels"],
        cfg["duration"],
        cfg["warmup"],
        baseline_user,
        chat_user,
        f"/lessons/{LESSON}",
        "turns",
        kind="turn",
        what_if=not smoke,
    )
    for users, by_name in results.items():
        for name, stats in by_name.items():
            describe(report, LABELS[name].replace("CloseRead", "CloseRead chat"), users, stats, kind="turn")
    report.add("")
    for users, by_name in results.items():
        base, app = by_name["baseline"], by_name["app"]
        ratio = app.rate("turn") / base.rate("turn") if base.rate("turn") else 0.0
        line = (
            f"Ratio at {users} learners: {ratio:.2f} × baseline turns/s ({app.stored:,} answers stored in responses"
            " during the run, warm-up included)."
        )
        if "what_if" in by_name:
            line += f" What-if with reused connections: {by_name['what_if'].rate('turn') / base.rate('turn'):.2f} ×."
        report.add(line)
        report.target(
            f"chat throughput at {users} learners",
            f"{ratio:.2f} × baseline",
            f"≥ {TARGET_RATIO}",
            ratio >= TARGET_RATIO,
        )
        report.target(f"chat errors at {users} learners", str(app.error_count), "0", app.error_count == 0)
        faults = {n: s.error_count for n, s in by_name.items() if s.error_count}
        if faults:
            report.fail(f"chat errors at {users} learners: {faults}")
    return report


def main(argv: list[str] | None = None) -> int:
    return single_benchmark_main(run, "chat_load", __doc__, "a few seconds, one level, no RESULTS.md", argv)


if __name__ == "__main__":
    sys.exit(main())
