"""Shared helpers for the teacher tests (this module holds no tests of its own).

Everything goes through the real routes, as a teacher or a student would, on
the tiny "mini" lesson, so expected figures can be worked out by hand.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from closeread.db import connect
from closeread.teacher import accounts
from tests.helpers import FIXTURES, QuizDriver, make_app

PASSWORD_A = "maple syrup over granite"
PASSWORD_B = "seventeen quiet lanterns"


def teacher_app(tmp_path, **config):
    return make_app(tmp_path, FIXTURES / "mini", **config)


def mini_lesson(app):
    return app.extensions["closeread.lessons"]["mini"]


def database(app):
    return connect(app.config["DATABASE"])


def add_teacher(app, email, password):
    db = database(app)
    try:
        return accounts.create_teacher(db, email, password)
    finally:
        db.close()


def sign_in(client, email, password):
    response = client.post("/teacher/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def create_class(client, name, assign="all"):
    """Create a class through the class page; then assign lessons, as a teacher does before students start
    (a class sees only what is assigned to it): ``"all"`` every lesson the class page offers, or the slugs
    given (``()``: none). Each whole, with no due date."""
    response = client.post("/teacher/classes", data={"name": name})
    assert response.status_code == 302
    class_id = int(re.search(r"/teacher/classes/(\d+)$", response.headers["Location"]).group(1))
    page = client.get(f"/teacher/classes/{class_id}").get_data(as_text=True)
    code = re.search(r'class="big-code">([A-Z0-9]{6})<', page).group(1)
    if assign == "all":
        select = re.search(r'<select[^>]*name="lesson"[^>]*>(.*?)</select>', page, re.S).group(1)
        assign = re.findall(r'<option[^>]*value="([^"]+)"', select)
    for slug in assign:
        assign_lesson(client, class_id, slug)
    return class_id, code


def assign_lesson(client, class_id, slug, rounds=None, **fields):
    """Assign a lesson to the class through the form: whole, or the ``rounds`` ids ticked."""
    data = {"lesson": slug, "zone": "UTC", **fields}
    if rounds:
        data["scope"] = "rounds"
        data["rounds"] = [f"{slug}:{r}" for r in rounds]
    response = client.post(f"/teacher/classes/{class_id}/assignments", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    client.get(response.headers["Location"])  # as a browser does: the class page shows (and clears) the message
    return response


def join(app, code, name):
    """A new browser that joins the class; returns its test client."""
    client = app.test_client()
    response = client.post("/join", data={"code": code, "name": name})
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    return client


class Student:
    """A joined student who answers through the quiz routes."""

    def __init__(self, app, code, name):
        self.app = app
        self.name = name
        self.client = join(app, code, name)
        self.driver = QuizDriver(self.client, mini_lesson(app))

    def attempt(self, answers: dict[str, object]) -> int:
        """Start an attempt and answer by question id; values are form data 'answer' values."""
        lesson = mini_lesson(self.app)
        attempt_id = self.driver.start()
        for q in lesson.quiz.questions:
            if q.id in answers:
                response = self.driver.answer(attempt_id, q, {"answer": answers[q.id]})
                assert response.status_code == 302, (q.id, response.get_data(as_text=True)[:800])
        return attempt_id


def key_answers(app) -> dict[str, object]:
    """Full marks on every question of the mini lesson (the explain answer meets both criteria)."""
    return {
        "who-closed": "a",
        "unsupported-multi": ["a", "b"],
        "verdict-statement": "not-stated",
        "cite-vague": ["s4"],
        "pair-closed-open": ["s2", "s6"],
        "explain-bridge": "The bridge closed on Monday and reopened on Monday, both cannot be true.",
    }


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._stack: list[str | None] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append(dict(attrs).get("id"))
            if self._stack[-1]:
                self.tables[self._stack[-1]] = []
        elif tag == "tr" and self._stack:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self._stack:
            self._stack.pop()
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._stack and self._stack[-1]:
                self.tables[self._stack[-1]].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table(html: str, table_id: str) -> list[list[str]]:
    """The rows (header row first) of the table with this id, as cell texts."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables[table_id]


def rows_by_name(html: str, table_id: str) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table(html, table_id)[1:]}
