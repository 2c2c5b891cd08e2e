"""Item 5: XSS and injection. The corpus (tests/data/xss_payloads.txt, 68 payloads) goes in as
lesson content (a fixture lesson with a payload in every text a teacher writes), as display
names, free-text answers, chat messages and class names; then every page that shows them,
the teacher's included, is parsed with html.parser and must hold 0 <script> (other than the
app's own /static/ files), 0 on* attributes and 0 javascript: URLs. CSV cells never start
with = + - @ (or tab, CR), and JSON chat messages carry only sanitised HTML.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

import pytest

from closeread.db import connect
from closeread.teacher import accounts
from tests.helpers import key_answer, make_app
from tests.trust_routes import audit
from tests.xss_support import PAYLOADS, build_xss_lesson

TEACHER = ("xss.teacher@school.example", "violet tram under seven lanterns")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def squash(text: str) -> str:
    """The text as a page shows it: runs of whitespace collapsed (names are stored that way)."""
    return " ".join(text.replace("\x00", "\ufffd").split())


@dataclass
class Audit:
    pages: int = 0
    problems: list = field(default_factory=list)

    def page(self, label: str, response, expect_text: list[str] | None = None):
        assert response.status_code == 200, f"{label}: {response.status_code}"
        body = response.get_data(as_text=True)
        self.pages += 1
        if response.mimetype in ("text/html", "image/svg+xml"):
            self.html(label, body, styles=response.mimetype == "text/html")
        if expect_text:
            shown = squash(audit(body).all_text)
            for text in expect_text:
                if squash(text) not in shown:
                    self.problems.append(f"{label}: payload not shown as text: {text!r}")
        return body

    def html(self, label: str, html: str, styles: bool = True):
        page = audit(html)
        if page.inline_scripts:
            self.problems.append(f"{label}: {page.inline_scripts} inline <script>")
        for attrs in page.scripts:
            if not (attrs.get("src") or "").startswith("/static/"):
                self.problems.append(f"{label}: <script {attrs}>")
        if page.event_attrs:
            self.problems.append(f"{label}: event attributes {page.event_attrs[:3]}")
        if page.js_urls:
            self.problems.append(f"{label}: script URLs {page.js_urls[:3]}")
        if page.dangerous_tags:
            self.problems.append(f"{label}: tags {page.dangerous_tags[:3]}")
        if styles and (page.style_attrs or page.style_elements):  # an SVG image may style itself
            self.problems.append(f"{label}: inline style")


def token_of(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def xss(tmp_path_factory):
    """The app on the payload lesson, CSRF on, with a teacher, a class of payload-named
    students who answered in payloads, payload-named classes and a payload chat."""
    base = tmp_path_factory.mktemp("xss")
    root = build_xss_lesson(base / "content")
    app = make_app(base, root, WTF_CSRF_ENABLED=True)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    lesson = app.extensions["closeread.lessons"]["xss"]
    db = connect(app.config["DATABASE"])
    accounts.create_teacher(db, *TEACHER)
    db.close()
    teacher = app.test_client()
    page = teacher.get("/teacher/sign-in").get_data(as_text=True)
    assert teacher.post("/teacher/sign-in", data={"email": TEACHER[0], "password": TEACHER[1],
                                                  "csrf_token": token_of(page)}).status_code == 302
    return {"app": app, "lesson": lesson, "teacher": teacher, "audit": Audit()}


def post(client, page_url, url, data):
    token = token_of(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


def test_payload_lesson_content_is_inert_on_every_learner_page(xss):
    app, lesson, check = xss["app"], xss["lesson"], xss["audit"]
    client = app.test_client()
    check.page("home", client.get("/"))
    body = check.page("lesson page", client.get("/lessons/xss"))
    assert "xss-fixture-marker" in body
    check.page("worksheet", client.get("/lessons/xss/worksheet", follow_redirects=True))
    start = post(client, "/lessons/xss", "/lessons/xss/attempts", {})
    attempt = int(re.search(r"/attempts/(\d+)/", start.headers["Location"]).group(1))
    for q in lesson.quiz.questions:
        url = f"/attempts/{attempt}/questions/{q.number}"
        for _ in q.hints:  # reveal every hint: each holds a payload
            post(client, url, f"{url}/hint", {})
        check.page(f"question {q.id}, hints shown", client.get(url))
        answer = key_answer(q)
        if q.type == "explain":
            answer = {"answer": "It closed and reopened on Monday. " + " ".join(PAYLOADS)[:1900]}
        assert post(client, url, url, answer).status_code == 302
        check.page(f"question {q.id}, feedback", client.get(url))
    check.page("result", client.get(f"/attempts/{attempt}/result"))
    assert check.problems == []


def test_payload_free_text_answers_and_display_names_in_every_teacher_view(xss):
    app, lesson, teacher, check = xss["app"], xss["lesson"], xss["teacher"], xss["audit"]
    made = post(teacher, "/teacher/", "/teacher/classes", {"name": "Payload class"})
    assert made.status_code == 302
    class_id = int(re.search(r"/classes/(\d+)", made.headers["Location"]).group(1))
    # A class sees only what is assigned: assign the lesson (the form lists its rounds, payloads in their titles).
    class_page = f"/teacher/classes/{class_id}"
    check.page("class page, assignment form", teacher.get(class_page))
    assert post(teacher, class_page, f"{class_page}/assignments", {"lesson": "xss", "zone": "UTC"}).status_code == 302
    check.page("class page, assigned", teacher.get(class_page))
    db = connect(app.config["DATABASE"])
    code = next(iter(db.query("SELECT join_code FROM classes WHERE id = ?", [class_id])))["join_code"]
    db.close()
    explain = next(q for q in lesson.quiz.questions if q.type == "explain")
    names = []
    raw_names = []
    for n, payload in enumerate(PAYLOADS):
        name = squash(payload)[:40] or f"blank {n}"
        student = app.test_client()
        joined = post(student, "/join", "/join", {"code": code, "name": name})
        if joined.status_code == 422:  # refused (a duplicate after squashing): the form shows it back
            check.html(f"join refused {n}", joined.get_data(as_text=True))
            name = f"{n} {name}"[:40]
            joined = post(student, "/join", "/join", {"code": code, "name": name})
        if joined.status_code == 422 and "cannot contain" in joined.get_data(as_text=True):
            # Invisible or control characters are refused (tests/test_trust_names.py); the raw
            # payload goes straight into the database below, so the views are still checked.
            check.html(f"join refused {n}", joined.get_data(as_text=True))
            raw_names.append(payload)
            name = f"{n} refused name"
            joined = post(student, "/join", "/join", {"code": code, "name": name})
        assert joined.status_code == 302, (payload, joined.get_data(as_text=True)[:400])
        name = unicodedata.normalize("NFKC", name)  # names are stored NFKC (closeread/names.py)
        names.append(name)
        check.page(f"my class ({n})", student.get("/my-class"), [name])
        start = post(student, "/lessons/xss", "/lessons/xss/attempts", {})
        attempt = int(re.search(r"/attempts/(\d+)/", start.headers["Location"]).group(1))
        url = f"/attempts/{attempt}/questions/{explain.number}"
        text = f"My answer {n}: {payload}" if len(payload) < 10 else payload
        assert post(student, url, url, {"answer": text}).status_code == 302
        check.page(f"feedback on payload answer {n}", student.get(url))
        check.page(f"result {n}", student.get(f"/attempts/{attempt}/result"))
    # Names longer than the form allows, written straight into the database (an import, an old
    # version): the views must still escape them.
    db = connect(app.config["DATABASE"])
    long_names = [p for p in PAYLOADS if len(squash(p)) > 40] + raw_names
    with db.atomic():
        for n, payload in enumerate(long_names):
            member = next(iter(db.query("SELECT id, learner_id FROM class_members WHERE class_id = ? "
                                        "ORDER BY id LIMIT 1 OFFSET ?", [class_id, n])))
            db.execute("UPDATE class_members SET display_name = ? WHERE id = ?", [payload, member["id"]])
            db.execute("UPDATE learners SET display_name = ? WHERE id = ?", [payload, member["learner_id"]])
    members = list(db.query("SELECT id, display_name FROM class_members WHERE class_id = ?", [class_id]))
    db.close()
    shown_names = [m["display_name"] for m in members]

    base = f"/teacher/classes/{class_id}"
    lesson_base = f"{base}/lessons/xss"
    check.page("teacher index", teacher.get("/teacher/"))
    check.page("class page", teacher.get(base), shown_names)
    check.page("join card", teacher.get(f"{base}/card"))
    for suffix in ("", "?count=first", "?count=last", "/live", "/print", "/items", "/heatmap", "/review",
                   "/review?show=reviewed", "/charts/scores.svg", "/charts/mastery.svg"):
        check.page(f"dashboard{suffix}", teacher.get(lesson_base + suffix))
    check.page("dashboard names", teacher.get(lesson_base), shown_names)
    for member in members[:10]:
        check.page(f"remove page {member['id']}", teacher.get(f"{base}/students/{member['id']}/remove"))
    assert check.problems == []

    # CSV: every payload name and answer is there, none as a formula.
    for what in ("roster", "responses"):
        response = teacher.get(f"{lesson_base}/{what}.csv")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        cells = [cell for row in rows for cell in row]
        formulas = [c for c in cells if c.startswith(FORMULA_START)]
        assert formulas == [], f"{what}.csv: {formulas[:5]}"
        for name in shown_names:
            assert name in cells or "'" + name in cells, f"{what}.csv lacks {name!r}"
        neutralised = [c for c in cells if c.startswith("'") and c[1:].startswith(FORMULA_START)]
        assert neutralised, f"{what}.csv: the formula payloads were not there to neutralise"


def test_payload_class_names_in_every_view(xss):
    app, teacher, check = xss["app"], xss["teacher"], xss["audit"]
    class_ids = []
    for n, payload in enumerate(PAYLOADS):
        name = squash(payload)[:80] or f"blank {n}"
        made = post(teacher, "/teacher/", "/teacher/classes", {"name": name})
        if made.status_code != 302:
            check.html(f"class refused {n}", made.get_data(as_text=True))
            name = f"{n} {name}"[:80]
            made = post(teacher, "/teacher/", "/teacher/classes", {"name": name})
        raw = made.status_code == 422 and "cannot contain" in made.get_data(as_text=True)
        if raw:  # refused characters (tests/test_trust_names.py): store the payload directly instead
            check.html(f"class refused {n}", made.get_data(as_text=True))
            made = post(teacher, "/teacher/", "/teacher/classes", {"name": f"{n} refused class"})
        assert made.status_code == 302, payload
        class_id = int(re.search(r"/classes/(\d+)", made.headers["Location"]).group(1))
        name = unicodedata.normalize("NFKC", name)
        if raw:
            name = payload
            db = connect(app.config["DATABASE"])
            with db.atomic():
                db.execute("UPDATE classes SET name = ? WHERE id = ?", [payload, class_id])
            db.close()
        class_ids.append((class_id, name))
    check.page("teacher index with payload classes", teacher.get("/teacher/"), [n for _, n in class_ids])
    for class_id, name in class_ids:
        base = f"/teacher/classes/{class_id}"
        check.page(f"class {class_id}", teacher.get(base), [name])
        check.page(f"card {class_id}", teacher.get(f"{base}/card"), [name])
        check.page(f"dashboard {class_id}", teacher.get(f"{base}/lessons/xss"), [name])
    # A student joins a payload-named class and sees its name.
    class_id, name = class_ids[0]
    db = connect(app.config["DATABASE"])
    code = next(iter(db.query("SELECT join_code FROM classes WHERE id = ?", [class_id])))["join_code"]
    db.close()
    student = app.test_client()
    check.page("join with code", student.get(f"/join/{code}"))
    joined = post(student, "/join", "/join", {"code": code, "name": "Kim"})
    assert joined.status_code == 302
    check.page("welcome flash and my class", student.get("/my-class"), [name])
    # Rename a class to each payload too (the rename form echoes it back on error).
    for payload in PAYLOADS[:20]:
        response = post(teacher, f"/teacher/classes/{class_id}", f"/teacher/classes/{class_id}/rename",
                        {"name": payload})
        if response.status_code == 302:
            check.page("class after rename", teacher.get(f"/teacher/classes/{class_id}"))
        else:
            check.html("rename refused", response.get_data(as_text=True))
    assert check.problems == []


def test_payload_chat_messages_in_the_page_and_the_api(xss):
    app, check = xss["app"], xss["audit"]
    client = app.test_client()
    token = token_of(client.get("/lessons/xss").get_data(as_text=True))
    started = client.post("/api/chat/start", json={"lesson": "xss", "new": True}, headers={"X-CSRFToken": token})
    assert started.status_code == 201, started.get_data(as_text=True)
    attempt = started.get_json()["attempt_id"]
    sent_json = 0
    for n, payload in enumerate(PAYLOADS):
        if n % 2:
            response = client.post(f"/api/chat/attempts/{attempt}/messages", json={"text": payload},
                                   headers={"X-CSRFToken": token})
            assert response.status_code in (200, 409, 422), response.get_data(as_text=True)
            if response.status_code == 200:
                sent_json += 1
                for m in response.get_json()["messages"]:
                    check.html(f"chat json {n} ({m['who']})", m["html"])
        else:  # the form the page uses without JavaScript
            page = client.get(f"/chat/{attempt}").get_data(as_text=True)
            response = client.post(f"/chat/{attempt}", data={"message": payload, "csrf_token": token_of(page)})
            assert response.status_code == 302
    assert sent_json > 0
    transcript = client.get(f"/api/chat/attempts/{attempt}")
    messages = transcript.get_json()["messages"]
    for m in messages:
        check.html(f"transcript {m['id']} ({m['who']})", m["html"])
    learner_texts = [squash(m["text"]) for m in messages if m["who"] != "tutor"]
    expected = [p for p in PAYLOADS if squash(p)]
    assert sum(1 for p in expected if squash(p) in learner_texts) >= len(expected) * 0.9
    check.page("chat page", client.get(f"/chat/{attempt}"), [p for p in expected if squash(p) in learner_texts][-5:])
    assert check.problems == []
    print(f"\nxss: {len(PAYLOADS)} payloads; {check.pages} pages and responses audited so far in this module")


def test_the_corpus_is_big_enough_and_varied():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert sum("<script" in p.lower() for p in PAYLOADS) >= 10
    assert sum(" on" in p.lower() for p in PAYLOADS) >= 10
    assert sum("javascript:" in p.lower() for p in PAYLOADS) >= 10
    assert sum(p.startswith(FORMULA_START) for p in PAYLOADS) >= 6


@pytest.mark.parametrize(
    "html",
    [
        "<script>x</script>",
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        '<a href=" jav&#x09;ascript:alert(1)">x</a>',
        '<a href="JAVASCRIPT:alert(1)">x</a>',
        '<iframe srcdoc="x"></iframe>',
        '<p style="color:red">x</p>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    ],
)
def test_the_audit_catches_what_it_looks_for(html):
    """The checker itself can fail: each of these is reported."""
    check = Audit()
    check.html("sample", html)
    assert check.problems, html


def test_the_audit_passes_the_apps_own_script_tags():
    check = Audit()
    check.html("sample", '<script src="/static/chat.js" defer></script><a href="/lessons/x">ok</a>')
    assert check.problems == []
