"""Every page type is valid HTML: 0 errors in the Nu HTML checker (vnu).

The pages are rendered with the test client through the real routes, written to
files, and checked in one java run (the checker is slow to start). ``make test``
installs the checker (``npm ci``: the ``vnu-jar`` package) and a headless JRE.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT, QuizDriver, make_app
from tests.test_chat_views import post as chat_post
from tests.test_chat_views import start as chat_start
from tests.test_teacher_support import (
    PASSWORD_A,
    Student,
    add_teacher,
    assign_lesson,
    create_class,
    join,
    key_answers,
    sign_in,
    teacher_app,
)

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _dir(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.mkdir()
    return path


def _ok(response, status=200) -> str:
    assert response.status_code == status, (response.status_code, response.request.path)
    return response.get_data(as_text=True)


def csrf(app, on: bool) -> None:
    """Pages are rendered with CSRF on (its hidden fields are part of the page); set-up posts go without."""
    app.config["WTF_CSRF_ENABLED"] = on


def token_of(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def learner_pages(tmp_path) -> dict[str, str]:
    """The learner's pages on the real lesson: every question type blank, with an error, answered."""
    app = make_app(_dir(tmp_path, "learner"), WTF_CSRF_ENABLED=True)
    client = app.test_client()
    lesson = app.extensions["closeread.lessons"]["germany-mali"]
    pages = {"home": _ok(client.get("/")), "lesson": _ok(client.get(f"/lessons/{lesson.slug}"))}
    driver = QuizDriver(client, lesson)
    csrf(app, False)
    attempt = driver.start()
    csrf(app, True)
    trust_url = f"/attempts/{attempt}/trust/before"
    pages["trust-before"] = blank_trust = _ok(client.get(trust_url))
    pages["trust-before-error"] = _ok(client.post(trust_url, data={"csrf_token": token_of(blank_trust)}), 422)
    pages["round-teaching"] = _ok(client.get(f"/attempts/{attempt}/rounds/{lesson.rounds[0].id}"))
    seen: set[str] = set()
    for q in lesson.quiz.questions:
        if q.type in seen:
            continue
        seen.add(q.type)
        url = f"/attempts/{attempt}/questions/{q.number}"
        pages[f"question-{q.type}"] = blank = _ok(client.get(url))
        pages[f"question-{q.type}-error"] = _ok(client.post(url, data={"csrf_token": token_of(blank)}), 422)
        csrf(app, False)
        driver.answer(attempt, q)
        csrf(app, True)
        pages[f"feedback-{q.type}"] = _ok(client.get(url))
    pages["lesson-in-progress"] = _ok(client.get(f"/lessons/{lesson.slug}"))  # the round map with progress
    csrf(app, False)
    for q in lesson.quiz.questions:
        driver.answer(attempt, q)
    csrf(app, True)
    pages["round-result"] = _ok(client.get(f"/attempts/{attempt}/rounds/{lesson.rounds[0].id}/result"))
    pages["trust-after"] = _ok(client.get(f"/attempts/{attempt}/trust/after"))
    pages["result"] = _ok(client.get(f"/attempts/{attempt}/result"))
    pages.update(second_lesson_pages(app, client))
    pages["worksheet"] = _ok(client.get(f"/lessons/{lesson.slug}/worksheet", follow_redirects=True))
    pages["join"] = _ok(client.get("/join"))
    pages["resume"] = _ok(client.get("/resume"))
    pages["error-404"] = _ok(client.get("/no-such-page"), 404)
    pages["teacher-sign-in"] = _ok(client.get("/teacher/sign-in"))
    return pages


def second_lesson_pages(app, client) -> dict[str, str]:
    """The second lesson's own pages: its lesson page, a question with its caption, and its feedback."""
    lesson = app.extensions["closeread.lessons"]["wrenfield-phones"]
    driver = QuizDriver(client, lesson)
    pages = {"lesson-wrenfield": _ok(client.get(f"/lessons/{lesson.slug}"))}
    csrf(app, False)
    attempt = driver.start()
    q = lesson.quiz.by_id["contradiction-caption"]
    url = f"/attempts/{attempt}/questions/{q.number}"
    pages["question-wrenfield"] = _ok(client.get(url))
    driver.answer(attempt, q)
    csrf(app, True)
    pages["feedback-wrenfield"] = _ok(client.get(url))
    return pages


def chat_pages(tmp_path) -> dict[str, str]:
    app = make_app(_dir(tmp_path, "chat"), ROOT / "tests" / "fixtures" / "mini")
    client = app.test_client()
    attempt = chat_start(client)
    pages = {"chat-greeting": _ok(client.get(f"/chat/{attempt}"))}
    pages["chat-options"] = chat_post(client, attempt, quick="Start the lesson")
    assert 'class="button quick"' in pages["chat-options"]
    csrf(app, True)
    pages["chat-options"] = _ok(client.get(f"/chat/{attempt}"))
    return pages


def teacher_pages(tmp_path) -> dict[str, str]:
    app = teacher_app(_dir(tmp_path, "teacher"))
    add_teacher(app, "ann.teacher@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "ann.teacher@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B English")
    ann = Student(app, code, "Ann")
    attempt = ann.attempt(key_answers(app))
    for moment, rating in (("before", 4), ("after", 2)):  # the dashboard's trust shift has figures and bars
        ann.client.post(f"/attempts/{attempt}/trust/{moment}", data={"rating": rating})
    Student(app, code, "Ben").attempt({"who-closed": "b"})
    base = f"/teacher/classes/{class_id}"
    csrf(app, True)
    return {
        "teacher-index": _ok(teacher.get("/teacher/")),
        "class": _ok(teacher.get(base)),
        "class-card": _ok(teacher.get(base + "/card")),
        "dashboard": _ok(teacher.get(base + "/lessons/mini")),
        "items": _ok(teacher.get(base + "/lessons/mini/items")),
        "heatmap": _ok(teacher.get(base + "/lessons/mini/heatmap")),
        "review": _ok(teacher.get(base + "/lessons/mini/review")),
    }


def editor_pages(tmp_path) -> dict[str, str]:
    """The lesson editor's pages: every screen, a question of each type, a refused form."""
    from tests.editor_support import app_with_teachers, new_draft, signed_in

    app = app_with_teachers(_dir(tmp_path, "editor"))
    teacher = signed_in(app)
    draft_id = new_draft(teacher)
    base = f"/teacher/editor/{draft_id}"
    for n, qtype in enumerate(("choice", "multi", "verdict", "cite", "pair", "explain"), 1):
        teacher.post(f"{base}/questions/new", data={"revision": n, "type": qtype, "category": "states"})
    teacher.post(f"{base}/sentences/s2/ledger", data={"revision": 7, "labels": ["stated"], "note": "Plain.",
                                                      "contradicts": "", "tension_with": "", "lateral": ""})
    csrf(app, True)
    pages = {f"editor-{name}": _ok(teacher.get(base + path)) for name, path in (
        ("overview", ""), ("sentence", "/sentences/s5"), ("suggestions", "/suggestions"), ("details", "/details"),
        ("questions", "/questions"), ("publish", "/publish"))}
    pages.update({f"editor-builder-{qtype}": _ok(teacher.get(f"{base}/questions/q{n}"))
                  for n, qtype in enumerate(("choice", "multi", "verdict", "cite", "pair", "explain"), 1)})
    pages["editor-index"] = _ok(teacher.get("/teacher/editor"))
    pages["editor-new"] = new = _ok(teacher.get("/teacher/editor/new"))
    pages["editor-new-error"] = _ok(teacher.post("/teacher/editor/new", data={
        "csrf_token": token_of(new), "title": "", "body": ""}), 422)
    return pages


def assigned_pages(tmp_path) -> dict[str, str]:
    """A class assigned some rounds: the class page's round boxes (with an error), the student's pages."""
    app = teacher_app(_dir(tmp_path, "assigned"), CONTENT_ROOT=str(ROOT))
    add_teacher(app, "rounds.teacher@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "rounds.teacher@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9C", assign=())
    empty = join(app, code, "Cy")
    pages = {"class-student-home-empty": _ok(empty.get("/")), "my-class-empty": _ok(empty.get("/my-class"))}
    base = f"/teacher/classes/{class_id}"
    pages["class-assign-error"] = _ok(teacher.post(base + "/assignments", data={
        "lesson": "germany-mali", "zone": "UTC", "scope": "rounds"}), 422)
    assign_lesson(teacher, class_id, "germany-mali", rounds=["says"], due="2030-01-10T09:00")
    lesson = app.extensions["closeread.lessons"]["germany-mali"]
    ann = join(app, code, "Ann")
    attempt = QuizDriver(ann, lesson).start()
    for qid in lesson.rounds[0].question_ids:
        QuizDriver(ann, lesson).answer(attempt, lesson.quiz.by_id[qid])
    csrf(app, True)
    pages.update({
        "class-assigned-rounds": _ok(teacher.get(base)),
        "class-student-home": _ok(ann.get("/")),
        "lesson-assigned-rounds": _ok(ann.get("/lessons/germany-mali")),
        "round-result-assignment-done": _ok(ann.get(f"/attempts/{attempt}/rounds/says/result")),
        "result-assignment-done": _ok(ann.get(f"/attempts/{attempt}/result")),
        "live-assigned-rounds": _ok(teacher.get(base + "/lessons/germany-mali/progress")),
    })
    return pages


def run_vnu(files: list[Path]) -> list[dict]:
    """vnu's messages of type "error" for these files (one java run)."""
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=True,
    )
    return [m for m in json.loads(done.stderr)["messages"] if m.get("type") == "error"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages")
    pages = {**learner_pages(tmp), **chat_pages(tmp), **teacher_pages(tmp), **editor_pages(tmp),
             **assigned_pages(tmp)}
    out = tmp / "html"
    out.mkdir()
    for name, html in pages.items():
        (out / f"{name}.html").write_text(html, encoding="utf-8")
    return pages, sorted(out.glob("*.html"))


def test_every_page_type_has_a_meta_description_and_unique_ids(rendered):
    pages, _ = rendered
    for name, html in pages.items():
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), f"{name}: no meta description"
        ids = re.findall(r'\sid="([^"]+)"', html)
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        assert not dupes, f"{name}: duplicate ids {dupes}"


def test_every_page_type_has_no_vnu_errors(rendered):
    if shutil.which("java") is None or not VNU_JAR.exists():
        pytest.fail("the Nu HTML checker is not installed: run `make vnu` (make test does it)")
    pages, files = rendered
    assert len(files) >= 25, sorted(pages)
    errors = run_vnu(files)
    report = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in errors]
    assert not report, f"{len(report)} vnu error(s):\n" + "\n".join(report)
