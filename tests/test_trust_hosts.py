"""Issue 16: Host header, proxies, HSTS and weak production keys.

Findings: join links were built from the request's Host header with no trusted-hosts setting;
no ProxyFix setting, so behind a TLS proxy the HTTPS Referer check never ran; no HSTS; and
production accepted a key like 0123456789012345678901234567890123.
"""

import pytest

from app import create_app
from closeread.security import weak_key_problem
from tests.helpers import ROOT
from tests.test_teacher_support import PASSWORD_A, add_teacher, create_class, sign_in, teacher_app
from tests.trust_world import csrf_token

STRONG_KEY = "9f2c4e1ab7d35e60c8f14a92b0d7e3c51a6f08b9d2e47c3a"


def prod_app(tmp_path, **config):
    tmp_path.mkdir(parents=True, exist_ok=True)
    return create_app({"DATABASE": str(tmp_path / "prod.sqlite"), "CONTENT_ROOT": str(ROOT),
                       "SECRET_KEY": STRONG_KEY, "PRODUCTION": True, **config})


def sub(tmp_path, name):
    path = tmp_path / name
    path.mkdir()
    return path


def teacher_world(tmp_path, **config):
    app = teacher_app(tmp_path, **config)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B English")
    return app, teacher, class_id, code


def test_join_links_and_cards_use_the_public_base_url_not_the_host_header(tmp_path):
    app, teacher, class_id, code = teacher_world(tmp_path, PUBLIC_BASE_URL="https://closeread.school.example")
    for path in (f"/teacher/classes/{class_id}", f"/teacher/classes/{class_id}/card"):
        page = teacher.get(path).get_data(as_text=True)  # asked for as http://localhost/...
        assert f"https://closeread.school.example/join/{code}" in page
        assert "http://localhost/join" not in page
    # A forged Host header is refused outright (trusted hosts follow the base URL).
    forged = teacher.get(f"/teacher/classes/{class_id}/card", headers={"Host": "evil.example"})
    assert forged.status_code == 400
    assert "evil.example" not in forged.get_data(as_text=True)


def test_without_a_base_url_links_follow_the_request(tmp_path):
    app, teacher, class_id, code = teacher_world(tmp_path)
    assert f"http://localhost/join/{code}" in teacher.get(f"/teacher/classes/{class_id}/card").get_data(as_text=True)


def test_trusted_hosts_refuse_other_hosts_but_allow_localhost_for_health_checks(tmp_path):
    app = prod_app(tmp_path, TRUSTED_HOSTS=["closeread.school.example"])
    client = app.test_client()
    assert client.get("https://closeread.school.example/").status_code == 200
    assert client.get("https://evil.example/").status_code == 400
    assert client.get("http://localhost/healthz").status_code == 200


def test_proxy_fix_makes_the_https_referer_check_run_behind_a_tls_proxy(tmp_path):
    """Behind a proxy the app sees plain HTTP; with PROXY_FIX = 1 it believes X-Forwarded-Proto,
    so Flask-WTF's HTTPS-only Referer check refuses a post from another site."""
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}

    def post_from_evil(app):
        client = app.test_client()
        slug = next(iter(app.extensions["closeread.lessons"]))
        token = csrf_token(client, f"/lessons/{slug}")
        return client.post(f"/lessons/{slug}/attempts", data={"csrf_token": token},
                           headers={**forwarded, "Referer": "https://evil.example/page"})

    # (The test client sends a Secure cookie only to https:// addresses, as a browser would see the
    # proxy's address; a development app's cookie is not Secure, so it reaches the app here.)
    without = teacher_app(sub(tmp_path, "a"), WTF_CSRF_ENABLED=True)
    assert post_from_evil(without).status_code == 302  # the gap: the Referer was never checked
    behind = teacher_app(sub(tmp_path, "b"), WTF_CSRF_ENABLED=True, PROXY_FIX=1)
    refused = post_from_evil(behind)
    assert refused.status_code == 400 and "expired or was sent from another page" in refused.get_data(as_text=True)


def test_proxy_fix_gives_the_limits_the_real_client_address(tmp_path):
    app = teacher_app(tmp_path, PROXY_FIX=1)
    from closeread import limits

    client = app.test_client()
    seen = []
    app.before_request(lambda: seen.append(limits.client_address()))
    client.get("/", headers={"X-Forwarded-For": "198.51.100.7"}, environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert seen == ["198.51.100.7"]


def test_bad_proxy_fix_settings_stop_start_up(tmp_path):
    with pytest.raises(SystemExit, match="PROXY_FIX has unknown keys"):
        prod_app(tmp_path, PROXY_FIX={"x_forwarded": 1})


def test_hsts_in_production_only(tmp_path):
    prod = prod_app(tmp_path / "p").test_client().get("https://localhost/")
    assert prod.headers["Strict-Transport-Security"] == "max-age=31536000"
    dev = teacher_app(sub(tmp_path, "d")).test_client().get("/")
    assert "Strict-Transport-Security" not in dev.headers


@pytest.mark.parametrize("key", [
    "0123456789012345678901234567890123",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
    "qwertyuiopasdfghjklzxcvbnm1234567890",
    "Password123!Password123!Password123!",
])
def test_production_refuses_low_entropy_keys(tmp_path, key):
    assert "too predictable" in (weak_key_problem(key) or "")
    with pytest.raises(SystemExit, match="SECRET_KEY is too predictable"):
        prod_app(tmp_path, SECRET_KEY=key)


def test_random_keys_pass():
    import secrets

    for _ in range(20):
        assert weak_key_problem(secrets.token_hex(32)) is None
        assert weak_key_problem(secrets.token_urlsafe(32)) is None
    assert weak_key_problem(STRONG_KEY) is None


def test_healthz_checks_the_database(tmp_path):
    app = teacher_app(tmp_path)
    response = app.test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok", "database": "ok",
                                                                   "writable": True}
    assert response.headers["Cache-Control"] == "no-store"
    import os

    os.remove(app.config["DATABASE"])  # the file is gone: a fresh connection finds no tables
    app.extensions["closeread.db_connections"] = None
    app.extensions.pop("closeread.db_connections")
    down = app.test_client().get("/healthz")
    assert down.status_code == 503 and down.get_json()["database"] == "unreadable"
