"""Seed a database at school scale into the app's real tables, fast.

The schema comes from the app itself (``create_app`` applies every migration set,
the teacher module's included). Rows go in with ``executemany``, one transaction
per batch, through sqlite-utils' connection. Answers are drawn from a small pool
per question, graded once by the real ``grade_answer``, so scores, JSON answers,
misconception tags and review flags look like the app's own.

Shape (full size): 10,000 learners in 400 classes of 25 with 100 teachers; each
learner has three finished attempts and a fourth with 10 answers: 100 responses
each, 1,000,000 in all. Every answered question has its ``question_progress`` row
(first view, as the quiz page records it), and the unfinished attempt one more for
the question the learner is on. ``enlarge_classes`` then moves students between
classes, so a benchmark can measure classes of 40 without changing the totals.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .common import LESSON, ROOT

BATCH = 50_000
TEACHER_EMAIL = "bench.teacher@example.org"
TEACHER_PASSWORD = "correct horse battery staple 2024"  # noqa: S105 - a throwaway account in a temp database


@dataclass
class Scale:
    learners: int
    classes: int
    teachers: int
    full_attempts: int = 3
    partial_answers: int = 10

    def responses(self, questions: int) -> int:
        return self.learners * (self.full_attempts * questions + self.partial_answers)


FULL = Scale(learners=10_000, classes=400, teachers=100)
SMOKE = Scale(learners=250, classes=10, teachers=5)


def answer_pool(lesson, rng: random.Random, size: int = 8) -> dict[str, list[tuple]]:
    """Per question, ``size`` graded answers: (json answer, score, max, correct, tags json, needs_review)."""
    from closeread.questions.grading import grade_answer

    from .submit_load import answer_data

    sentence_ids = [s.id for s in lesson.article.sentences]
    pools: dict[str, list[tuple]] = {}
    for q in lesson.quiz.questions:
        pool = []
        for _ in range(size):
            values = [v for _, v in answer_data(q, sentence_ids, rng)]
            answer = values[0] if q.type in ("choice", "verdict", "explain") else values
            grade = grade_answer(q, answer)
            pool.append(
                (
                    json.dumps(answer),
                    grade.score,
                    grade.max,
                    int(grade.correct),
                    json.dumps(grade.misconceptions),
                    int(grade.needs_review),
                )
            )
        pools[q.id] = pool
    return pools


def create_schema(db_path: Path) -> None:
    """The app's own schema and content tables, by starting the app once on this file."""
    from app import create_app

    create_app({"DATABASE": str(db_path), "SECRET_KEY": "bench-" + "x" * 40, "CONTENT_ROOT": str(ROOT)})


def seed(db_path: Path, scale: Scale, lesson, seed_value: int = 2024) -> dict:
    """Fill ``db_path`` (schema already created); returns counts and the seconds it took."""
    from closeread.db import connect
    from closeread.teacher import accounts

    rng = random.Random(seed_value)  # noqa: S311 - synthetic data
    pools = answer_pool(lesson, rng)
    questions = lesson.quiz.questions
    start = time.perf_counter()
    db = connect(str(db_path))
    base = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)

    def iso(moment: datetime) -> str:
        return moment.isoformat(timespec="seconds")

    # The benchmark's teacher signs in for real (password hashed by the app); the others are rows.
    bench_teacher = accounts.create_teacher(db, TEACHER_EMAIL, TEACHER_PASSWORD)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO teachers (email, password_hash, created_at) VALUES (?, ?, ?)",
            [(f"teacher{t}@example.org", "!", iso(base)) for t in range(2, scale.teachers + 1)],
        )
    teacher_ids = [bench_teacher] + [r[0] for r in db.execute("SELECT id FROM teachers WHERE id != ?", [bench_teacher])]
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO classes (id, teacher_id, name, join_code, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                (c, teacher_ids[(c - 1) % len(teacher_ids)], f"Class {c}", f"B{c:07d}", iso(base))
                for c in range(1, scale.classes + 1)
            ],
        )

    attempt_id = 0
    learner_rows, member_rows, attempt_rows, response_rows, progress_rows = [], [], [], [], []
    n_responses = 0

    def flush(final: bool = False) -> None:
        nonlocal learner_rows, member_rows, attempt_rows, response_rows, progress_rows
        if not final and len(response_rows) < BATCH:
            return
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO learners (id, kind, display_name, created_at) VALUES (?, 'student', ?, ?)", learner_rows
            )
            db.conn.executemany(
                "INSERT INTO class_members (class_id, learner_id, display_name, resume_code, joined_at)"
                " VALUES (?, ?, ?, ?, ?)",
                member_rows,
            )
            db.conn.executemany(
                "INSERT INTO attempts (id, learner_id, lesson, mode, started_at, finished_at)"
                " VALUES (?, ?, ?, 'form', ?, ?)",
                attempt_rows,
            )
            db.conn.executemany(
                "INSERT INTO responses (attempt_id, question_id, response, score, max, correct, hints_used,"
                " seconds, misconceptions, needs_review, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                response_rows,
            )
            db.conn.executemany(
                "INSERT INTO question_progress (attempt_id, question_id, first_seen_at, hints_used)"
                " VALUES (?, ?, ?, ?)",
                progress_rows,
            )
        learner_rows, member_rows, attempt_rows, response_rows, progress_rows = [], [], [], [], []

    for n in range(scale.learners):
        class_id = n % scale.classes + 1
        learner_id = f"L{n:08d}"
        joined = base + timedelta(minutes=n % 600)
        learner_rows.append((learner_id, None, iso(joined)))
        member_rows.append((class_id, learner_id, f"Student {n // scale.classes + 1:03d}", f"R{n:09d}", iso(joined)))
        for a in range(scale.full_attempts + 1):
            attempt_id += 1
            answered = questions if a < scale.full_attempts else questions[: scale.partial_answers]
            started = joined + timedelta(days=a)
            finished = iso(started + timedelta(minutes=40)) if a < scale.full_attempts else None
            attempt_rows.append((attempt_id, learner_id, lesson.slug, iso(started), finished))
            for i, q in enumerate(answered):
                answer, score, most, correct, tags, review = rng.choice(pools[q.id])
                seconds = rng.randint(8, 120)
                created = iso(started + timedelta(seconds=80 * (i + 1)))
                hints = rng.randint(0, 1) if i % 7 == 0 else 0
                first_seen = iso(started + timedelta(seconds=80 * (i + 1) - seconds))
                progress_rows.append((attempt_id, q.id, first_seen, hints))
                response_rows.append(
                    (
                        attempt_id,
                        q.id,
                        answer,
                        score,
                        most,
                        correct,
                        hints,
                        seconds,
                        tags,
                        review,
                        created,
                    )
                )
                n_responses += 1
            if len(answered) < len(questions):  # the learner is on the next question
                opened = started + timedelta(seconds=80 * len(answered) + 5)
                progress_rows.append((attempt_id, questions[len(answered)].id, iso(opened), 0))
        flush()
    flush(final=True)
    seconds = time.perf_counter() - start
    counts = {
        t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed table names
        for t in ("classes", "class_members", "attempts", "responses", "question_progress")
    }
    db.close()
    return {"seconds": seconds, "counts": counts, "teacher_id": bench_teacher}


def enlarge_classes(db_path: Path, class_ids: list[int], size: int) -> dict[int, int]:
    """Move students of other classes into ``class_ids`` until each has ``size``; returns the sizes.

    The students keep their attempts and responses, so the database's totals do not change.
    """
    from closeread.db import connect

    db = connect(str(db_path))
    try:
        with db.atomic():
            for class_id in class_ids:
                have = db.execute("SELECT COUNT(*) FROM class_members WHERE class_id = ?", [class_id]).fetchone()[0]
                if have >= size:
                    continue
                placeholders = ",".join("?" for _ in class_ids)
                movers = [
                    r[0]
                    for r in db.execute(
                        f"SELECT id FROM class_members WHERE class_id NOT IN ({placeholders}) ORDER BY id DESC LIMIT ?",
                        [*class_ids, size - have],
                    )
                ]
                db.execute(
                    f"UPDATE class_members SET class_id = ? WHERE id IN ({','.join('?' for _ in movers)})",
                    [class_id, *movers],
                )
        return {
            c: db.execute("SELECT COUNT(*) FROM class_members WHERE class_id = ?", [c]).fetchone()[0]
            for c in class_ids
        }
    finally:
        db.close()


def load_lesson():
    from closeread.content.loader import load_content

    return load_content(str(ROOT))[LESSON]


SECOND_LESSON = "germany-mali-copy"


def two_lessons_two_versions(db_path: Path, teacher_id: int) -> dict:
    """Make the seeded school hold two lessons with two versions each, with no extra responses.

    The second lesson is the first one under another slug, imported as a bundle by the
    benchmark teacher; every other attempt moves to it. A second version of each lesson
    (one question's prompt edited) is stored, and every other attempt of each lesson is
    pinned to it, so the pages read answers of two versions.
    """
    from closeread.db import connect
    from closeread.library import bundles, imports, snapshot, versions

    lesson = load_lesson()
    files = snapshot.read_files(ROOT, LESSON)
    copy = {p.replace(LESSON, SECOND_LESSON): t.replace(f'slug = "{LESSON}"', f'slug = "{SECOND_LESSON}"', 1)
            for p, t in files.items()}
    manifest = {"title": "Copy", "language": "en", "licence": "test", "author": "bench"}
    db = connect(str(db_path))
    try:
        second, _ = imports.import_bundle(db, bundles.write_bundle(SECOND_LESSON, copy, manifest), teacher_id,
                                          {LESSON})
        first_q = lesson.quiz.questions[0]
        made = {}
        with db.atomic():
            db.execute("UPDATE attempts SET lesson = ? WHERE id % 2 = 0", [SECOND_LESSON])
            for slug, base in ((LESSON, files), (SECOND_LESSON, copy)):
                quiz = snapshot.quiz_path(slug)
                edited = dict(base)
                old_prompt = f'prompt = "{first_q.prompt}'
                edited[quiz] = base[quiz].replace(old_prompt, f'prompt = "Edited: {first_q.prompt}', 1)
                older = snapshot.load_from_files(edited, slug)
                versions.record(db, older, edited)  # stored as a version...
                current = snapshot.content_hash(base)
                db.execute("UPDATE lessons SET version = ? WHERE slug = ?", [current, slug])  # ...not served
                db.execute("UPDATE attempts SET version = ? WHERE lesson = ? AND id % 4 IN (0, 1)",
                           [older.version, slug])
                db.execute("UPDATE attempts SET version = ? WHERE lesson = ? AND id % 4 IN (2, 3)", [current, slug])
                made[slug] = (older.version, current)
        return {"second": second.slug, "versions": made}
    finally:
        db.close()
