"""CSRF, headers, secret key and error pages for the foundation routes."""

import os
import stat

import pytest

from closeread.security import load_or_create_secret_key
from tests.helpers import make_app


@pytest.fixture
def csrf_client(tmp_path):
    return make_app(tmp_path, WTF_CSRF_ENABLED=True).test_client()


def test_post_without_csrf_token_is_rejected(csrf_client, tmp_path):
    response = csrf_client.post("/lessons/germany-mali/attempts")
    assert response.status_code == 400
    assert "nothing was saved" in response.get_data(as_text=True)


def test_post_with_csrf_token_works(csrf_client):
    import re

    html = csrf_client.get("/lessons/germany-mali").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = csrf_client.post("/lessons/germany-mali/attempts", data={"csrf_token": token})
    assert response.status_code == 302


def test_json_post_without_token_gets_json_error(csrf_client):
    response = csrf_client.post("/lessons/germany-mali/attempts", json={})
    assert response.status_code == 400
    assert response.is_json and "message" in response.get_json()


@pytest.mark.parametrize("path", ["/", "/lessons/germany-mali", "/no-such-page"])
def test_security_headers_on_pages_and_errors(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_secret_key_is_generated_once_with_mode_0600(tmp_path):
    key = load_or_create_secret_key(str(tmp_path))
    assert len(key) == 64
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600
    assert load_or_create_secret_key(str(tmp_path)) == key


def test_not_found_answers_html_or_json(client):
    html = client.get("/missing", headers={"Accept": "text/html"})
    assert html.status_code == 404 and "<h1>404" in html.get_data(as_text=True)
    js = client.get("/missing", headers={"Accept": "application/json"})
    assert js.status_code == 404 and js.get_json()["message"] == "There is nothing at this address."


def test_an_unexpected_error_shows_no_traceback(tmp_path):
    app = make_app(tmp_path)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals SELECT * FROM responses")

    response = app.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in body and "SELECT" not in body and "secret internals" not in body
    assert "Your earlier answers are safe" in body


def test_session_cookie_flags(client, lesson):
    client.post(f"/lessons/{lesson.slug}/attempts")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
