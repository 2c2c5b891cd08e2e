"""Item 6 (pages): error answers are generic, HTML or JSON following Accept, with no
traceback and no SQL; oversized or malformed input gets 400/413/422 with a message."""

import re

import pytest

from closeread.db import connect
from closeread.errors import MESSAGES
from tests.helpers import QuizDriver, make_app

# SQL keywords in capitals (page text says "Select the sentence"), the rest in any case.
LEAKS = re.compile(
    r"SELECT |INSERT |UPDATE |DELETE FROM|(?i:traceback|file \"|sqlite|operationalerror|werkzeug|\.py\b)"
)


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


@pytest.fixture
def lesson(app):
    return next(iter(app.extensions["closeread.lessons"].values()))


def assert_generic(response, status):
    body = response.get_data(as_text=True)
    assert response.status_code == status, body[:300]
    assert not LEAKS.search(body), LEAKS.search(body).group(0)
    return body


def assert_json_error(response, status):
    assert_generic(response, status)
    assert response.is_json, response.mimetype
    body = response.get_json()
    assert body["status"] == status and body["error"] and body["message"]
    return body


def assert_html_error(response, status):
    body = assert_generic(response, status)
    assert response.mimetype == "text/html"
    assert f"<h1>{status}" in body or "send that again" in body
    return body


def test_a_database_failure_is_a_generic_500(app, lesson):
    client = app.test_client()
    attempt = QuizDriver(client, lesson).start()
    db = connect(app.config["DATABASE"])
    db.execute("DROP TABLE question_progress")  # the next query fails inside SQLite
    db.close()
    url = f"/attempts/{attempt}/questions/1"
    html = assert_html_error(client.get(url, headers={"Accept": "text/html"}), 500)
    assert MESSAGES[500] in html
    body = assert_json_error(client.get(url, headers={"Accept": "application/json"}), 500)
    assert body["message"] == MESSAGES[500]


@pytest.mark.parametrize("accept", ["application/json", "text/html", "*/*", "text/html;q=0.5, application/json"])
def test_errors_follow_accept(app, accept):
    response = app.test_client().get("/no-such-page", headers={"Accept": accept})
    if accept.startswith("application/json") or accept.endswith("application/json"):
        assert_json_error(response, 404)
    else:
        assert_html_error(response, 404)


def test_method_not_allowed_keeps_allow_header(app, lesson):
    response = app.test_client().get(f"/lessons/{lesson.slug}/attempts")
    assert_html_error(response, 405)
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_an_oversized_body_gets_413_with_a_message(app, lesson, accept):
    client = app.test_client()
    attempt = QuizDriver(client, lesson).start()
    q = next(q for q in lesson.quiz.questions if q.type == "explain")
    assert app.config["MAX_CONTENT_LENGTH"] == 256 * 1024
    response = client.post(
        f"/attempts/{attempt}/questions/{q.number}",
        data={"answer": "word " * 60_000},
        headers={"Accept": accept},
    )
    if accept == "application/json":
        assert assert_json_error(response, 413)["message"] == MESSAGES[413]
    else:
        assert MESSAGES[413] in assert_html_error(response, 413)
    assert list(connect(app.config["DATABASE"]).query("SELECT * FROM responses")) == []


def test_an_overlong_answer_is_refused_with_a_message(app, lesson):
    client = app.test_client()
    attempt = QuizDriver(client, lesson).start()
    q = next(q for q in lesson.quiz.questions if q.type == "explain")
    response = client.post(f"/attempts/{attempt}/questions/{q.number}", data={"answer": "a" * 2001})
    assert response.status_code == 422
    assert "Write between 10 and 2000 characters." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [
        {"answer": "zz-not-an-option"},
        {"answer": ["s999", "s1000"]},
        {"answer": ""},
        {},
        {"answer": "\x00\x01\x02"},
        {"answer": "<script>alert(1)</script>"},
    ],
)
def test_malformed_answers_are_refused_with_a_message_for_every_type(app, lesson, data):
    client = app.test_client()
    attempt = QuizDriver(client, lesson).start()
    for q in lesson.quiz.questions:
        response = client.post(f"/attempts/{attempt}/questions/{q.number}", data=data)
        if response.status_code == 302:  # a harmless value some type accepts (free text)
            assert q.type == "explain" and len(str(data.get("answer", ""))) >= 10, (q.type, data)
            continue
        body = assert_generic(response, 422)
        assert 'class="field-errors"' in body or "error" in body.lower(), (q.type, data)


def test_garbage_bytes_and_bad_content_types_never_give_500(app, lesson):
    client = app.test_client()
    attempt = QuizDriver(client, lesson).start()
    url = f"/attempts/{attempt}/questions/1"
    bodies = [
        (b"\xff\xfe\xfd", "application/x-www-form-urlencoded"),
        (b"answer=%ZZ%", "application/x-www-form-urlencoded"),
        (b"{not json", "application/json"),
        (b"--boundary\r\nbroken", "multipart/form-data; boundary=boundary"),
        (b"\x00" * 1000, "text/plain"),
    ]
    for body, content_type in bodies:
        response = client.post(url, data=body, content_type=content_type)
        assert response.status_code < 500, (body, response.status_code)
        assert not LEAKS.search(response.get_data(as_text=True))


def test_bad_ids_in_addresses_are_404(app, lesson):
    client = app.test_client()
    attempt = QuizDriver(client, lesson).start()
    for url in (
        f"/attempts/{attempt}/questions/0",
        f"/attempts/{attempt}/questions/99999",
        f"/attempts/{attempt}/questions/-1",
        "/attempts/99999999999999999999999/result",
        f"/attempts/{attempt + 1}/result",
        "/lessons/../../etc/passwd",
        "/lessons/%00",
        "/teacher/classes/99999999999999999999999",
        "/chat/99999999999999999999999",
    ):
        assert_html_error(client.get(url), 404)
    assert_json_error(client.get("/api/chat/attempts/99999999999999999999999"), 404)
