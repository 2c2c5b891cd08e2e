"""A populated app for the trust tests: a learner with answers, a teacher with a class.

Parts that depend on features still being built (teacher side, chat tutor)
are filled in only when the app has them, so these tests cover every route the
app has today and pick up new ones automatically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from closeread.db import connect
from tests.helpers import ROOT, QuizDriver, key_answer, make_app

TEACHER_EMAIL = "teacher@school.example"
TEACHER_PASSWORD = "violet tram under seven lanterns"
TOKEN_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = TOKEN_RE.search(html)
    assert match, f"no csrf_token on {url}"
    return match.group(1) or match.group(2)


def has_endpoint(app, endpoint: str) -> bool:
    return endpoint in app.view_functions


@dataclass
class World:
    app: object
    lesson: object
    learner: object  # test client of a self-study learner with an attempt
    anonymous: object
    teacher: object | None = None
    student: object | None = None
    samples: dict = field(default_factory=dict)

    @property
    def clients(self):
        return [c for c in (self.anonymous, self.learner, self.teacher, self.student) if c is not None]

    def db(self):
        return connect(self.app.config["DATABASE"])


def post_form(client, url, data, csrf: bool, token_page: str | None = None):
    if csrf:
        data = {**data, "csrf_token": csrf_token(client, token_page or url)}
    return client.post(url, data=data)


def build_world(tmp_path, content_root=ROOT, csrf: bool = False, **config) -> World:
    app = make_app(tmp_path, content_root, WTF_CSRF_ENABLED=csrf, **config)
    lesson = next(iter(app.extensions["closeread.lessons"].values()))
    world = World(app=app, lesson=lesson, learner=app.test_client(), anonymous=app.test_client())
    world.samples["slug"] = lesson.slug
    world.samples["number"] = 1

    # A self-study learner: one attempt, every question answered but the last.
    learner = world.learner
    response = post_form(learner, f"/lessons/{lesson.slug}/attempts", {}, csrf, f"/lessons/{lesson.slug}")
    attempt_id = int(re.search(r"/attempts/(\d+)/", response.headers["Location"]).group(1))
    world.samples["attempt_id"] = attempt_id
    for q in lesson.quiz.questions[:-1]:
        url = f"/attempts/{attempt_id}/questions/{q.number}"
        post_form(learner, url, key_answer(q), csrf)

    if has_endpoint(app, "teacher.sign_in"):
        _add_teacher(world, csrf)
    return world


def _add_teacher(world: World, csrf: bool) -> None:
    from closeread.library import assignments
    from closeread.teacher import accounts, classes

    app = world.app
    db = world.db()
    try:
        teacher_id = accounts.create_teacher(db, TEACHER_EMAIL, TEACHER_PASSWORD)
        class_id = classes.create_class(db, teacher_id, "Year 9 reading")
        assignments.assign(db, class_id, world.lesson.slug, teacher_id, None)  # a class sees what is assigned
        join_code = next(iter(db.query("SELECT join_code FROM classes WHERE id = ?", [class_id])))["join_code"]
    finally:
        db.close()
    world.teacher = app.test_client()
    response = post_form(
        world.teacher, "/teacher/sign-in", {"email": TEACHER_EMAIL, "password": TEACHER_PASSWORD}, csrf
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]

    # A student joins with the code and answers every question of one attempt.
    world.student = app.test_client()
    response = post_form(world.student, "/join", {"code": join_code, "name": "Sam Student"}, csrf)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    lesson = world.lesson
    response = post_form(world.student, f"/lessons/{lesson.slug}/attempts", {}, csrf, f"/lessons/{lesson.slug}")
    student_attempt = int(re.search(r"/attempts/(\d+)/", response.headers["Location"]).group(1))
    for q in lesson.quiz.questions:
        post_form(world.student, f"/attempts/{student_attempt}/questions/{q.number}", key_answer(q), csrf)
    db = world.db()
    try:
        member = next(iter(db.query("SELECT id FROM class_members WHERE class_id = ?", [class_id])))
        explain = next(
            iter(
                db.query(
                    "SELECT r.id FROM responses r JOIN questions q ON q.id = r.question_id"
                    " WHERE r.attempt_id = ? AND q.type = 'explain'",
                    [student_attempt],
                )
            ),
            None,
        )
    finally:
        db.close()
    world.samples.update(class_id=class_id, member_id=member["id"], code=join_code)
    if explain:
        world.samples["response_id"] = explain["id"]


# Make QuizDriver importable from here for modules that only use the world.
__all__ = ["World", "build_world", "csrf_token", "post_form", "QuizDriver", "TEACHER_EMAIL", "TEACHER_PASSWORD"]
