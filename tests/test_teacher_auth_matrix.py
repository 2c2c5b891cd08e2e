"""Who reaches what: role × route × object, every answer exactly as specified.

The rule (closeread/teacher/auth.py):

* anonymous visitors and students (a session holding only a learner id) get a
  302 to the sign-in page from every teacher route, GET or POST;
* a teacher reaches only their own classes: another teacher's class, or a
  student or response that is not in the class named in the address, is a 404;
* the sign-in page sends a signed-in teacher on (302); self-registration is off
  by default (404 for everyone).

A fresh world per route, and the destructive requests of teacher A last, keep
each answer independent of the others.
"""

import pytest

from tests.test_teacher_support import (
    PASSWORD_A,
    PASSWORD_B,
    Student,
    add_teacher,
    create_class,
    database,
    key_answers,
    sign_in,
    teacher_app,
)

ROLES = ("anonymous", "student", "teacher_a", "teacher_b")
SIGN_IN = "/teacher/sign-in"
EXPLAIN_OF = (
    "SELECT r.id FROM responses r JOIN attempts t ON t.id = r.attempt_id"
    " JOIN class_members m ON m.learner_id = t.learner_id"
    " WHERE m.display_name = ? AND r.question_id = 'explain-bridge'"
)


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "a@school.org", PASSWORD_A)
    add_teacher(app, "b@school.org", PASSWORD_B)
    a, b = app.test_client(), app.test_client()
    sign_in(a, "a@school.org", PASSWORD_A)
    sign_in(b, "b@school.org", PASSWORD_B)
    class_a, code_a = create_class(a, "Class of A")
    class_b, code_b = create_class(b, "Class of B")
    ann = Student(app, code_a, "Ann")
    ann.attempt(key_answers(app))
    Student(app, code_a, "Amy")
    zed = Student(app, code_b, "Zed")
    zed.attempt(key_answers(app))
    db = database(app)

    def one(sql, *params):
        return db.execute(sql, list(params)).fetchone()[0]

    ids = {
        "A": class_a,
        "B": class_b,
        "ann": one("SELECT id FROM class_members WHERE display_name = 'Ann'"),
        "amy": one("SELECT id FROM class_members WHERE display_name = 'Amy'"),
        "zed": one("SELECT id FROM class_members WHERE display_name = 'Zed'"),
        "r_ann": one(EXPLAIN_OF, "Ann"),
        "r_zed": one(EXPLAIN_OF, "Zed"),
    }
    db.close()
    clients = {"anonymous": app.test_client(), "student": ann.client, "teacher_a": a, "teacher_b": b}
    return clients, ids


L = "/teacher/classes/{A}/lessons/mini"
# (method, path, form data, {role: expected status}, where teacher A's 302 goes)
OWN_GET = {"anonymous": 302, "student": 302, "teacher_a": 200, "teacher_b": 404}
OWN_POST = {"anonymous": 302, "student": 302, "teacher_a": 302, "teacher_b": 404}
NOBODY = {"anonymous": 302, "student": 302, "teacher_a": 404, "teacher_b": 404}
ROUTES = [
    ("GET", "/teacher/", None, {"anonymous": 302, "student": 302, "teacher_a": 200, "teacher_b": 200}),
    ("GET", "/teacher/sign-in", None, {"anonymous": 200, "student": 200, "teacher_a": 302, "teacher_b": 302}),
    ("GET", "/teacher/register", None, dict.fromkeys(ROLES, 404)),
    ("POST", "/teacher/classes", {"name": "New"}, dict.fromkeys(ROLES, 302)),
    ("GET", "/teacher/classes/{A}", None, OWN_GET),
    ("GET", "/teacher/classes/{A}/card", None, OWN_GET),
    ("POST", "/teacher/classes/{A}/rename", {"name": "Renamed"}, OWN_POST),
    ("POST", "/teacher/classes/{A}/archive", {}, OWN_POST),
    ("POST", "/teacher/classes/{A}/unarchive", {}, OWN_POST),
    ("GET", "/teacher/classes/999999", None, NOBODY),
    ("GET", L, None, OWN_GET),
    ("GET", L + "?count=last", None, OWN_GET),
    ("GET", L + "/live", None, OWN_GET),
    ("GET", L + "/progress", None, OWN_GET),
    ("GET", L + "/progress/live", None, OWN_GET),
    ("GET", "/teacher/classes/{B}/lessons/mini/progress/live", None,
     {"anonymous": 302, "student": 302, "teacher_a": 404, "teacher_b": 200}),
    ("GET", L + "/items", None, OWN_GET),
    ("GET", L + "/heatmap", None, OWN_GET),
    ("GET", L + "/review", None, OWN_GET),
    ("GET", L + "/print", None, OWN_GET),
    ("GET", L + "/responses.csv", None, OWN_GET),
    ("GET", L + "/roster.csv", None, OWN_GET),
    ("GET", L + "/charts/scores.svg", None, OWN_GET),
    ("GET", L + "/charts/mastery.svg", None, OWN_GET),
    ("GET", "/teacher/classes/{A}/lessons/no-such-lesson", None, NOBODY),
    ("POST", L + "/review/{r_ann}", {"confirm": "y"}, OWN_POST),
    # a response of class B addressed through class A, and the other way round
    ("POST", L + "/review/{r_zed}", {"confirm": "y"}, NOBODY),
    ("POST", "/teacher/classes/{B}/lessons/mini/review/{r_ann}", {"confirm": "y"}, NOBODY),
    ("POST", "/teacher/classes/{A}/students/{ann}/rename", {"name": "Annie"}, OWN_POST),
    ("POST", "/teacher/classes/{B}/students/{ann}/rename", {"name": "Annie"}, NOBODY),
    ("POST", "/teacher/classes/{A}/students/{zed}/rename", {"name": "Zedd"}, NOBODY),
    ("POST", "/teacher/classes/{A}/students/{amy}/merge", {"target": "{ann}"}, OWN_POST),
    # a merge target from another class is a form error: back to the class page, nothing merged
    ("POST", "/teacher/classes/{A}/students/{amy}/merge", {"target": "{zed}"}, OWN_POST),
    ("GET", "/teacher/classes/{A}/students/{amy}/remove", None, OWN_GET),
    ("POST", "/teacher/classes/{A}/students/{amy}/remove", {}, OWN_POST),
    ("POST", "/teacher/classes/{B}/students/{amy}/remove", {}, NOBODY),
    ("POST", "/teacher/classes/{A}/students/{zed}/remove", {}, NOBODY),
    ("GET", "/join", None, dict.fromkeys(ROLES, 200)),
    ("GET", "/resume", None, dict.fromkeys(ROLES, 200)),
    ("GET", "/my-class", None, {"anonymous": 302, "student": 200, "teacher_a": 302, "teacher_b": 302}),
]


@pytest.mark.parametrize(("method", "path", "data", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_matrix(world, method, path, data, expected):
    clients, ids = world
    url = path.format(**ids)
    form = {k: v.format(**ids) for k, v in (data or {}).items()}
    got = {}
    # Teacher B first and teacher A last: only A's requests may change A's class.
    for role in ("teacher_b", "anonymous", "student", "teacher_a"):
        response = clients[role].open(url, method=method, data=form if method == "POST" else None)
        got[role] = response.status_code
        location = response.headers.get("Location", "")
        if role in ("anonymous", "student") and url.startswith("/teacher/") and url != SIGN_IN \
                and url != "/teacher/register":
            assert location.startswith(SIGN_IN), (role, location)
        if response.status_code == 404:
            assert "Class of A" not in response.get_data(as_text=True)
    assert got == expected


def test_a_student_of_the_class_cannot_see_it_even_with_the_address(world):
    clients, ids = world
    response = clients["student"].get(f"/teacher/classes/{ids['A']}/lessons/mini/roster.csv")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{SIGN_IN}?next=/teacher/classes/{ids['A']}/lessons/mini/roster.csv"
    assert b"Ann" not in response.data
