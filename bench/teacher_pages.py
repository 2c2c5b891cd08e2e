"""Benchmark 3: the teacher's pages on a school-sized database.

The database is seeded (bench/seed.py) with 1,000,000 responses from 10,000
learners in 400 classes; the benchmark teacher's classes are then brought to 40
students each (students moved from other classes, totals unchanged). A real
teacher account signs in through the sign-in page; then the class dashboard,
item analysis, heatmap and live progress (the page, and the fragment its
JavaScript polls) are requested through
the Flask test client, cycling over the teacher's classes, and timed with
``time.perf_counter`` (server time: routing, SQL, analytics, templates; no
network). Each page's SQL is recorded once, replayed directly on a plain
``sqlite3`` connection (the floor the page cannot beat) and shown with
``EXPLAIN QUERY PLAN``.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import time
from pathlib import Path

from . import seed
from .common import LESSON, Report, median, ms, percentile, single_benchmark_main, temp_dir

FULL = {"scale": seed.FULL, "reps": 60}
SMOKE = {"scale": seed.SMOKE, "reps": 5}
PAGES = {
    "class dashboard": "/teacher/classes/{c}/lessons/{lesson}",
    "item analysis": "/teacher/classes/{c}/lessons/{lesson}/items",
    "heatmap": "/teacher/classes/{c}/lessons/{lesson}/heatmap",
    "live progress page": "/teacher/classes/{c}/lessons/{lesson}/progress",
    "live progress refresh (polled)": "/teacher/classes/{c}/lessons/{lesson}/progress/live",
    "class dashboard, second lesson": "/teacher/classes/{c}/lessons/" + seed.SECOND_LESSON,
    "item analysis, second lesson": "/teacher/classes/{c}/lessons/" + seed.SECOND_LESSON + "/items",
}
CLASS_SIZE = 40
TARGET_MS = 50.0
TARGET_RATIO = 1.5
COVERING = ("attempt_id", "question_id", "score", "max", "seconds", "needs_review")
BIG_TABLES = ("responses", "attempts", "class_members", "learners", "question_progress")


class SQLRecorder:
    """Wraps the app's sqlite3.connect so that, while ``recording`` is a list, statements land in it."""

    def __init__(self):
        self.recording: list[tuple[str, tuple]] | None = None
        recorder = self

        class RecordingConnection(sqlite3.Connection):
            def execute(self, sql, parameters=(), /):
                if recorder.recording is not None:
                    recorder.recording.append((sql, tuple(parameters)))
                return super().execute(sql, parameters)

        self.factory = RecordingConnection

    def install(self) -> None:
        import closeread.db

        real = sqlite3.connect
        factory = self.factory

        class Shim:
            def __getattr__(self, name):
                return getattr(sqlite3, name)

            @staticmethod
            def connect(*args, **kwargs):
                return real(*args, factory=factory, **kwargs)

        closeread.db.sqlite3 = Shim()


def is_select(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SELECT", "WITH"))


def plan(conn: sqlite3.Connection, sql: str, params: tuple) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


def full_scans(lines: list[str]) -> list[str]:
    """Plan steps that read a big table without an index."""
    bad = []
    for line in lines:
        m = re.match(r"SCAN (\w+)(?: AS (\w+))?", line)
        if m and "USING" not in line and any(t == m.group(1) for t in BIG_TABLES):
            bad.append(line)
    return bad


def replay(conn: sqlite3.Connection, statements: list[tuple[str, tuple]]) -> float:
    start = time.perf_counter()
    for sql, params in statements:
        conn.execute(sql, params).fetchall()
    return time.perf_counter() - start


def run(smoke: bool = False) -> Report:
    cfg = SMOKE if smoke else FULL
    scale: seed.Scale = cfg["scale"]
    report = Report("3. Teacher pages at scale")
    recorder = SQLRecorder()
    recorder.install()
    from app import create_app

    lesson = seed.load_lesson()
    with temp_dir() as tmp:
        db_path = Path(tmp) / "school.sqlite"
        seed.create_schema(db_path)
        info = seed.seed(db_path, scale, lesson)
        counts = info["counts"]
        library = seed.two_lessons_two_versions(db_path, info["teacher_id"])
        report.add(
            f"Seeded {counts['responses']:,} responses, {counts['attempts']:,} attempts, {counts['class_members']:,}"
            f" learners in {counts['classes']:,} classes in {info['seconds']:.1f} s"
            f" ({counts['responses'] / info['seconds']:,.0f} responses/s; executemany, one transaction per batch)."
        )
        report.add(
            f"Two lessons ({', '.join(library['versions'])}; half the attempts each), each with two versions"
            " (half of each lesson's attempts pinned to each)."
        )
        app = create_app(
            {
                "DATABASE": str(db_path),
                "SECRET_KEY": "bench-" + "k" * 40,
                "WTF_CSRF_ENABLED": False,
                "CONTENT_ROOT": str(seed.ROOT),
            }
        )
        client = app.test_client()
        resp = client.post("/teacher/sign-in", data={"email": seed.TEACHER_EMAIL, "password": seed.TEACHER_PASSWORD})
        if resp.status_code != 302:
            report.fail(f"teacher sign-in answered {resp.status_code}")
            return report
        with sqlite3.connect(db_path) as conn:
            class_ids = [
                r[0]
                for r in conn.execute("SELECT id FROM classes WHERE teacher_id = ? ORDER BY id", [info["teacher_id"]])
            ]
        sizes = seed.enlarge_classes(db_path, class_ids, CLASS_SIZE)
        per_student = counts["responses"] // counts["class_members"]
        report.add(
            f"The teacher has {len(class_ids)} classes of {', '.join(str(n) for n in sizes.values())} students"
            f" (moved in from other classes; {per_student:,} responses per student,"
            f" {counts['question_progress']:,} question views recorded); {cfg['reps']} requests per page,"
            " cycling over them."
            " Server time via the Flask test client; SQL = the page's own SELECTs replayed on a plain sqlite3"
            " connection (median of the same repetitions)."
        )
        report.add("")
        report.add("| page | median | p95 | SQL alone (median) | page / SQL | statements | HTML bytes |")
        report.add("|---|---|---|---|---|---|---|")
        plans: dict[str, list[str]] = {}
        direct = sqlite3.connect(db_path)

        def measure(name: str, urls: list[str]) -> tuple | None:
            """(median, p95, SQL median, statements, HTML bytes) of one page over ``urls``; None on an error."""
            statements: dict[str, list[tuple[str, tuple]]] = {}
            size = 0
            for url in urls:  # record each class's SQL once (also the warm-up)
                recorder.recording = []
                resp = client.get(url)
                statements[url] = [(s, p) for s, p in recorder.recording if is_select(s)]
                recorder.recording = None
                if resp.status_code != 200:
                    report.fail(f"{name} {url} answered {resp.status_code}")
                    return None
                size = len(resp.data)
            times, sql_times = [], []
            for i in range(cfg["reps"]):
                url = urls[i % len(urls)]
                start = time.perf_counter()
                client.get(url).get_data()
                times.append(time.perf_counter() - start)
                sql_times.append(replay(direct, statements[url]))
            for sql, params in statements[urls[0]]:
                plans.setdefault(" ".join(sql.split()), plan(direct, sql, params))
            return median(times), percentile(times, 95), median(sql_times), statements[urls[0]], size

        for name, pattern in PAGES.items():
            figures = measure(name, [pattern.format(c=c, lesson=LESSON) for c in class_ids])
            if figures is None:
                continue
            med, p95, sql_med, statements, size = figures
            ratio = med / sql_med if sql_med else float("inf")
            report.add(
                f"| {name} | {ms(med)} | {ms(p95)} | {ms(sql_med)} | {ratio:.2f} | {len(statements)} | {size:,} |"
            )
            report.target(f"{name} server time", ms(med), f"< {TARGET_MS:.0f} ms", med * 1000 < TARGET_MS)
            report.target(f"{name} vs its SQL", f"{ratio:.2f} ×", f"≤ {TARGET_RATIO} ×", ratio <= TARGET_RATIO)

        # What-if: a covering index for the roster query (every page runs it). Measured, then dropped.
        with sqlite3.connect(db_path) as conn:
            t0 = time.perf_counter()
            conn.execute(f"CREATE INDEX bench_covering ON responses({', '.join(COVERING)})")
            built = time.perf_counter() - t0
        urls = [PAGES["class dashboard"].format(c=c, lesson=LESSON) for c in class_ids]
        plans_before = dict(plans)
        figures = measure("class dashboard (covering index)", urls)
        plans.clear()
        plans.update(plans_before)
        with sqlite3.connect(db_path) as conn:
            conn.execute("DROP INDEX bench_covering")
        if figures is not None:
            med, p95, sql_med, statements, size = figures
            report.add(
                f"| what-if: class dashboard with a covering index on responses({', '.join(COVERING)}) | {ms(med)} |"
                f" {ms(p95)} | {ms(sql_med)} | {med / sql_med:.2f} | {len(statements)} | {size:,} |"
            )
            report.add("")
            report.add(
                f"The covering index (built in {built:.1f} s on {counts['responses']:,} rows) is not in the app: the"
                " row above shows what it buys on the page every teacher view starts with, against one more index"
                " to update on every answer insert."
            )
        direct.close()
        report.add("")
        report.add("EXPLAIN QUERY PLAN of every distinct SELECT these pages run:")
        report.add("")
        scans = []
        for sql, lines in plans.items():
            report.add(f"- `{sql[:300]}{'…' if len(sql) > 300 else ''}`")
            for line in lines:
                report.add(f"  - {line}")
            scans += full_scans(lines)
        report.add("")
        report.target(
            "full scans of big tables", str(len(scans)) + (f" ({'; '.join(scans)})" if scans else ""), "0", not scans
        )
    return report


def main(argv: list[str] | None = None) -> int:
    smoke_help = "a small database, few repetitions, no RESULTS.md"
    return single_benchmark_main(run, "teacher_pages", __doc__, smoke_help, argv)


if __name__ == "__main__":
    sys.exit(main())
