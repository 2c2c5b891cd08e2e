"""Item 2: cookies and keys. HttpOnly + SameSite=Lax always; in production also Secure and
the __Host- prefix; production refuses a default or weak key and debug."""

import os
import stat

import pytest

from app import create_app
from closeread.security import load_or_create_secret_key, weak_key_problem
from tests.helpers import ROOT, make_app
from tests.trust_world import build_world

STRONG_KEY = "9f2c4e1ab7d35e60c8f14a92b0d7e3c51a6f08b9d2e47c3a"


def set_cookie_headers(response):
    return response.headers.getlist("Set-Cookie")


def cookie_attrs(header: str) -> tuple[str, dict]:
    name_value, *attrs = [part.strip() for part in header.split(";")]
    name = name_value.split("=", 1)[0]
    parsed = {}
    for attr in attrs:
        key, _, value = attr.partition("=")
        parsed[key.lower()] = value
    return name, parsed


def prod_app(tmp_path, **config):
    settings = {
        "DATABASE": str(tmp_path / "prod.sqlite"),
        "CONTENT_ROOT": str(ROOT),
        "SECRET_KEY": STRONG_KEY,
        "PRODUCTION": True,
        **config,
    }
    return create_app(settings)


def test_every_cookie_the_app_sets_is_httponly_and_lax(tmp_path):
    """Drive the learner, student and teacher flows and look at every Set-Cookie."""
    headers = []
    world = build_world(tmp_path)
    for client in world.clients:
        for url in ("/", f"/lessons/{world.lesson.slug}", "/teacher/", "/join"):
            headers += set_cookie_headers(client.get(url))
        headers += set_cookie_headers(client.post(f"/lessons/{world.lesson.slug}/attempts"))
    # The sign-in itself sets the session cookie.
    fresh = world.app.test_client()
    from tests.trust_world import TEACHER_EMAIL, TEACHER_PASSWORD

    response = fresh.post("/teacher/sign-in", data={"email": TEACHER_EMAIL, "password": TEACHER_PASSWORD})
    headers += set_cookie_headers(response)
    assert headers
    for header in headers:
        name, attrs = cookie_attrs(header)
        assert "httponly" in attrs, header
        assert attrs.get("samesite") == "Lax", header


def test_production_session_cookie_is_host_prefixed_and_secure(tmp_path):
    app = prod_app(tmp_path)
    client = app.test_client()
    slug = next(iter(app.extensions["closeread.lessons"]))
    from tests.trust_world import csrf_token

    token = csrf_token(client, f"https://localhost/lessons/{slug}")
    # Over HTTPS Flask-WTF also checks that the Referer is this site (browsers send it
    # for same-origin posts under strict-origin-when-cross-origin).
    response = client.post(
        f"https://localhost/lessons/{slug}/attempts",
        data={"csrf_token": token},
        headers={"Referer": f"https://localhost/lessons/{slug}"},
    )
    assert response.status_code == 302
    refused = client.post(
        f"https://localhost/lessons/{slug}/attempts",
        data={"csrf_token": token},
        headers={"Referer": "https://evil.example/page"},
    )
    assert refused.status_code == 400
    headers = set_cookie_headers(response) or set_cookie_headers(client.get(f"https://localhost/lessons/{slug}"))
    names = []
    for header in headers:
        name, attrs = cookie_attrs(header)
        names.append(name)
        assert name.startswith("__Host-"), header
        assert "secure" in attrs and "httponly" in attrs and attrs.get("samesite") == "Lax", header
        assert attrs.get("path") == "/" and "domain" not in attrs, header
    assert "__Host-session" in names or app.config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_production_is_selected_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSEREAD_ENV", "production")
    app = create_app({"DATABASE": str(tmp_path / "p.sqlite"), "CONTENT_ROOT": str(ROOT), "SECRET_KEY": STRONG_KEY})
    assert app.config["PRODUCTION"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session" and app.config["SESSION_COOKIE_SECURE"]


def test_development_keeps_the_plain_cookie(tmp_path, monkeypatch):
    monkeypatch.delenv("CLOSEREAD_ENV", raising=False)
    app = make_app(tmp_path)
    assert app.config["PRODUCTION"] is False
    assert app.config["SESSION_COOKIE_NAME"] == "session"


@pytest.mark.parametrize(
    "key",
    ["dev", "changeme", "secret", "too-short-key", "k" * 64, "ab" * 32],
)
def test_production_refuses_a_default_or_weak_key(tmp_path, key):
    with pytest.raises(SystemExit) as info:
        prod_app(tmp_path, SECRET_KEY=key)
    assert "CloseRead refuses to start in production" in str(info.value.code)
    assert "SECRET_KEY" in str(info.value.code)


def test_production_refuses_debug(tmp_path):
    with pytest.raises(SystemExit) as info:
        prod_app(tmp_path, DEBUG=True)
    assert "debug is on" in str(info.value.code)


def test_production_refuses_debug_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(SystemExit) as info:
        prod_app(tmp_path)
    assert "debug is on" in str(info.value.code)


def test_production_refuses_csrf_off(tmp_path):
    with pytest.raises(SystemExit) as info:
        prod_app(tmp_path, WTF_CSRF_ENABLED=False)
    assert "CSRF protection is off" in str(info.value.code)


def test_production_accepts_the_generated_key(tmp_path):
    key = load_or_create_secret_key(str(tmp_path / "instance"))
    assert weak_key_problem(key) is None
    app = prod_app(tmp_path, SECRET_KEY=key)
    assert app.config["PRODUCTION"] is True


def test_secret_key_file_is_created_once_with_mode_0600(tmp_path):
    instance = tmp_path / "instance"
    key = load_or_create_secret_key(str(instance))
    assert stat.S_IMODE(os.stat(instance / "secret_key").st_mode) == 0o600
    assert load_or_create_secret_key(str(instance)) == key
    # A truncated or empty key file is replaced, not trusted.
    (instance / "secret_key").write_text("short", encoding="ascii")
    assert len(load_or_create_secret_key(str(instance))) == 64


def test_the_learner_cookie_is_renewed_by_page_loads_not_by_every_chat_turn(mini_app):
    """The 180-day session is renewed when a page is loaded; a chat turn that changes nothing in the
    session sends no new cookie (re-signing it was a tenth of a turn's work), one that does still sends it."""
    client = mini_app.test_client()
    started = client.post("/api/chat/start", json={"lesson": "mini"})
    assert started.status_code == 201
    (created,) = set_cookie_headers(started)  # the new learner's id went into the session
    assert "expires" in cookie_attrs(created)[1]
    attempt = started.get_json()["attempt_id"]
    turn = client.post(f"/api/chat/attempts/{attempt}/messages", json={"text": "go to the quiz"})
    assert turn.status_code == 200 and set_cookie_headers(turn) == []
    page = client.get(f"/chat/{attempt}")
    assert page.status_code == 200
    (renewed,) = set_cookie_headers(page)
    name, attrs = cookie_attrs(renewed)
    assert name == "session" and "expires" in attrs and "httponly" in attrs
    client.set_cookie("session", "not-a-signed-cookie")  # a cookie that does not verify: a fresh session
    again = client.post("/api/chat/start", json={"lesson": "mini"})
    assert again.status_code == 201 and set_cookie_headers(again)  # a new learner: the session changed
