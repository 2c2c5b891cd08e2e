"""Item 3: every state-changing route rejects a missing or bad CSRF token, form or JSON;
the token lasts a school day; an expired token costs the learner nothing they typed."""

import json
import re

import pytest
from itsdangerous.timed import TimestampSigner

from closeread.db import connect
from tests.helpers import make_app
from tests.trust_routes import STATE_CHANGING, audit, concrete_requests, state_changing_rules
from tests.trust_world import build_world, csrf_token

HOUR = 3600


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("csrf"), csrf=True, TEACHER_SELF_REGISTRATION=True)


def table_counts(world):
    db = world.db()
    try:
        return {t: db[t].count for t in db.table_names()}
    finally:
        db.close()


def is_csrf_rejection(response) -> bool:
    if response.status_code != 400:
        return False
    if response.is_json:
        return response.get_json().get("reason") == "csrf"
    body = response.get_data(as_text=True)
    return "nothing was saved" in body


def bad_requests(url, method, good_token):
    """Every way a request can come without a valid token."""
    forged = good_token[:-4] + ("AAAA" if not good_token.endswith("AAAA") else "BBBB")
    yield "form, no token", {"data": {"answer": "typed text"}}
    yield "form, bad token", {"data": {"answer": "typed text", "csrf_token": "not-a-token"}}
    yield "form, forged signature", {"data": {"answer": "typed text", "csrf_token": forged}}
    yield "json, no header", {"json": {"message": "hi"}}
    yield "json, bad header", {"json": {"message": "hi"}, "headers": {"X-CSRFToken": "not-a-token"}}
    yield "json, forged header", {"json": {"message": "hi"}, "headers": {"X-CSRFToken": forged}}
    yield "token from another session", {"data": {"answer": "x", "csrf_token": OTHER_SESSION_TOKEN[0]}}


OTHER_SESSION_TOKEN: list[str] = []


def test_every_state_changing_route_rejects_a_missing_or_bad_token(world):
    rules = state_changing_rules(world.app)
    endpoints = {r.endpoint for r in rules}
    # The enumeration found the routes we know about (it cannot silently come back empty).
    assert {"lesson.start", "quiz.question", "quiz.hint"} <= endpoints
    other = world.app.test_client()
    OTHER_SESSION_TOKEN[:] = [csrf_token(other, f"/lessons/{world.lesson.slug}")]
    before = table_counts(world)
    checked = 0
    for rule, method, url in concrete_requests(world.app, world.samples, methods=STATE_CHANGING):
        for client in world.clients:
            good = csrf_token(client, f"/lessons/{world.lesson.slug}")
            for what, kwargs in bad_requests(url, method, good):
                response = client.open(url, method=method, **kwargs)
                assert is_csrf_rejection(response), (
                    f"{method} {url} ({rule.endpoint}), {what}: {response.status_code} "
                    f"{response.get_data(as_text=True)[:300]}"
                )
                checked += 1
    assert checked >= len(rules) * 7
    # Nothing was written by any of the rejected requests.
    after = table_counts(world)
    assert after == before


def test_no_view_is_exempt_from_csrf(world):
    csrf = world.app.extensions["csrf"]
    exempt = set(csrf._exempt_views) | set(csrf._exempt_blueprints)
    assert not exempt


def test_json_rejection_names_the_reason_and_gives_a_fresh_token(world):
    response = world.learner.post(f"/lessons/{world.lesson.slug}/attempts", json={})
    body = response.get_json()
    assert response.status_code == 400
    assert body["reason"] == "csrf" and body["message"] and body["error"]
    # The fresh token works: a script can retry without losing what was typed.
    ok = world.learner.post(f"/lessons/{world.lesson.slug}/attempts", headers={"X-CSRFToken": body["csrf_token"]})
    assert ok.status_code == 302


def test_the_token_time_limit_is_twelve_hours(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 12 * HOUR


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock the CSRF signer reads, and nothing else."""
    offset = {"seconds": 0}
    real = TimestampSigner.get_timestamp

    def shifted(self):
        return real(self) + offset["seconds"]

    monkeypatch.setattr(TimestampSigner, "get_timestamp", shifted)
    return offset


def _start_form(client, slug):
    token = csrf_token(client, f"/lessons/{slug}")
    return {"csrf_token": token}


def test_a_token_lasts_a_full_school_day(tmp_path, clock):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    slug = next(iter(app.extensions["closeread.lessons"]))
    client = app.test_client()
    data = _start_form(client, slug)  # issued at 8:00
    clock["seconds"] = 11 * HOUR + 59 * 60  # sent at 19:59
    assert client.post(f"/lessons/{slug}/attempts", data=data).status_code == 302


def test_a_token_older_than_twelve_hours_is_refused(tmp_path, clock):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    slug = next(iter(app.extensions["closeread.lessons"]))
    client = app.test_client()
    data = _start_form(client, slug)
    clock["seconds"] = 12 * HOUR + 60
    response = client.post(f"/lessons/{slug}/attempts", data=data)
    assert is_csrf_rejection(response)


def test_an_expired_token_keeps_the_typed_explain_answer(tmp_path, clock):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    lesson = next(iter(app.extensions["closeread.lessons"].values()))
    question = next(q for q in lesson.quiz.questions if q.type == "explain")
    client = app.test_client()
    start = client.post(f"/lessons/{lesson.slug}/attempts", data=_start_form(client, lesson.slug))
    attempt_id = int(re.search(r"/attempts/(\d+)/", start.headers["Location"]).group(1))
    url = f"/attempts/{attempt_id}/questions/{question.number}"
    token = csrf_token(client, url)
    typed = "It says the bridge <closed> & \"reopened\" on the same day,\nso both cannot be true."

    clock["seconds"] = 13 * HOUR  # the learner left the tab open overnight
    response = client.post(url, data={"csrf_token": token, "answer": typed})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "nothing was saved" in html
    page = audit(html)
    assert typed.replace("\n", "\r\n") in page.all_text or typed in page.all_text
    # One click sends it again: the page has a form to the same address with a fresh token.
    form = re.search(r'<form method="post" action="([^"]+)"', html)
    assert form and form.group(1) == url
    fresh = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert fresh != token
    textarea = re.search(r'<textarea id="([^"]+)" name="answer"', html)
    assert textarea and f'<label for="{textarea.group(1)}">' in html

    resent = client.post(url, data={"csrf_token": fresh, "answer": typed})
    assert resent.status_code == 302
    conn = connect(app.config["DATABASE"])
    try:
        stored = list(conn.query("SELECT response FROM responses WHERE attempt_id = ?", [attempt_id]))
    finally:
        conn.close()
    assert [r["response"] for r in stored] == [json.dumps(typed)]


def test_an_expired_token_keeps_ticked_choices(tmp_path, clock):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    lesson = next(iter(app.extensions["closeread.lessons"].values()))
    question = next(q for q in lesson.quiz.questions if q.type == "cite")
    client = app.test_client()
    start = client.post(f"/lessons/{lesson.slug}/attempts", data=_start_form(client, lesson.slug))
    attempt_id = int(re.search(r"/attempts/(\d+)/", start.headers["Location"]).group(1))
    url = f"/attempts/{attempt_id}/questions/{question.number}"
    token = csrf_token(client, url)
    clock["seconds"] = 13 * HOUR
    picks = sorted(question.key)
    response = client.post(url, data={"csrf_token": token, "answer": picks})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for sid in picks:
        assert f'name="answer" value="{sid}" checked' in html


def test_an_expired_token_keeps_a_typed_chat_message(tmp_path, clock):
    """The chat without JavaScript posts a form: an expired token shows the message back."""
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    if "chat.post_message" not in app.view_functions:
        pytest.skip("no chat tutor in this app")
    slug = next(iter(app.extensions["closeread.lessons"]))
    client = app.test_client()
    start = client.post(f"/lessons/{slug}/chat", data=_start_form(client, slug))
    url = re.search(r"(/chat/\d+)", start.headers["Location"]).group(1)
    token = csrf_token(client, url)
    typed = "I think sentence 4 and sentence 19 cannot both be true, because one says a convoy & the other a drone."
    clock["seconds"] = 13 * HOUR
    response = client.post(url, data={"csrf_token": token, "message": typed})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert typed in audit(html).all_text
    fresh = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    resent = client.post(url, data={"csrf_token": fresh, "message": typed})
    assert resent.status_code == 302
    transcript = client.get(url).get_data(as_text=True)
    assert typed in audit(transcript).all_text
