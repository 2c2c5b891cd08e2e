"""Item 4: sign-in throttling per account, the password policy (ASVS 6.2), the sign-in log."""

import logging
from datetime import UTC, datetime, timedelta

import pytest

from closeread import throttle
from closeread.db import connect
from closeread.security import log_safe
from closeread.teacher import accounts
from closeread.teacher.passwords import hash_password, password_problem
from tests.helpers import make_app

PASSWORD = "violet tram under seven lanterns"
SCHOOL_IP = "203.0.113.7"


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def db(app):
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


def sign_in(client, email, password, ip=SCHOOL_IP, **kwargs):
    return client.post(
        "/teacher/sign-in",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
        **kwargs,
    )


def test_ten_failures_then_429_with_retry_after(app, db):
    accounts.create_teacher(db, "ana@school.example", PASSWORD)
    client = app.test_client()
    for n in range(throttle.LIMIT):
        response = sign_in(client, "ana@school.example", f"wrong password {n:02d}")
        assert response.status_code == 422, n
    blocked = sign_in(client, "ana@school.example", PASSWORD)  # even the right password waits
    assert blocked.status_code == 429
    retry = int(blocked.headers["Retry-After"])
    assert 0 < retry <= 15 * 60
    assert "Too many failed sign-ins" in blocked.get_data(as_text=True)
    as_json = sign_in(client, "ana@school.example", PASSWORD, headers={"Accept": "application/json"})
    assert as_json.status_code == 429 and as_json.is_json and "Retry-After" in as_json.headers
    # The address is normalised: case and spaces do not open a second window.
    assert sign_in(client, "  ANA@School.Example ", PASSWORD).status_code == 429


def test_nine_failures_do_not_block(app, db):
    accounts.create_teacher(db, "ben@school.example", PASSWORD)
    client = app.test_client()
    for n in range(throttle.LIMIT - 1):
        assert sign_in(client, "ben@school.example", f"wrong password {n:02d}").status_code == 422
    assert sign_in(client, "ben@school.example", PASSWORD).status_code == 302


def test_a_success_clears_the_count(app, db):
    accounts.create_teacher(db, "cy@school.example", PASSWORD)
    client = app.test_client()
    for n in range(throttle.LIMIT - 1):
        sign_in(client, "cy@school.example", f"wrong password {n:02d}")
    assert sign_in(client, "cy@school.example", PASSWORD).status_code == 302
    client = app.test_client()
    for n in range(throttle.LIMIT - 1):
        assert sign_in(client, "cy@school.example", f"wrong password {n:02d}").status_code == 422


def test_the_window_is_fifteen_minutes(db, app):
    with app.app_context():
        start = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
        for n in range(throttle.LIMIT):
            throttle.record(db, "dee@school.example", ok=False, now=start + timedelta(seconds=n))
        at_limit = start + timedelta(seconds=throttle.LIMIT)
        wait = throttle.retry_after(db, "dee@school.example", now=at_limit)
        assert wait == 15 * 60 - throttle.LIMIT
        assert throttle.retry_after(db, "dee@school.example", now=at_limit + timedelta(seconds=wait)) is None
        assert throttle.retry_after(db, "dee@school.example", now=start + timedelta(minutes=15, seconds=1)) is None


def test_thirty_people_behind_one_school_ip_never_lock_each_other_out(app, db):
    """Thirty accounts mistype from one IP (6x the per-account limit in all), one account
    next to them is locked out by a guesser on the same IP, and all thirty still get in."""
    emails = [f"teacher{n:02d}@school.example" for n in range(30)]
    shared_hash = hash_password(PASSWORD)  # hash once: scrypt is slow on purpose
    with db.atomic():
        for email in emails:
            db.execute(
                "INSERT INTO teachers (email, password_hash, created_at) VALUES (?, ?, '2025-01-01T00:00:00')",
                [email, shared_hash],
            )
    for n in range(2):
        for email in emails:
            assert sign_in(app.test_client(), email, f"wrong password {n:02d}").status_code == 422
    for n in range(throttle.LIMIT):
        sign_in(app.test_client(), "attacked@school.example", f"guess {n:02d}")
    assert sign_in(app.test_client(), "attacked@school.example", "guess").status_code == 429
    for email in emails:
        assert sign_in(app.test_client(), email, PASSWORD).status_code == 302, email


def test_rotating_ip_addresses_does_not_escape_the_throttle(app, db):
    accounts.create_teacher(db, "eve@school.example", PASSWORD)
    for n in range(throttle.LIMIT):
        sign_in(app.test_client(), "eve@school.example", f"wrong {n:02d}", ip=f"198.51.100.{n}")
    assert sign_in(app.test_client(), "eve@school.example", PASSWORD, ip="192.0.2.99").status_code == 429


def test_unknown_accounts_are_throttled_the_same_way(app):
    client = app.test_client()
    statuses = [sign_in(client, "nobody@school.example", f"guess {n:02d}").status_code for n in range(11)]
    assert statuses == [422] * 10 + [429]


def test_the_failure_table_holds_no_email_address(app, db):
    sign_in(app.test_client(), "private.person@school.example", "wrong password 00")
    rows = list(db.query("SELECT * FROM signin_failures"))
    assert rows and all("private" not in str(v) for row in rows for v in row.values())


# --- the password policy (ASVS 6.2; implemented in closeread/teacher/passwords.py) ---------------


@pytest.mark.parametrize(
    "password",
    [
        "twelve chars",  # exactly 12, spaces allowed
        "x" * 11 + "y",
        "all lower case words here",  # no composition rules
        "ALLUPPERCASEPASSWORD",
        "1234 5678 9012 3456 7890 1234",
        "ünïcødé pässwörd ✓ 漢字",
        "a very long passphrase " * 3,  # 69 characters
        "p" + "q" * 62 + "r",  # 64
        "s" + "t" * 126 + "u",  # 128
    ],
)
def test_acceptable_passwords(password):
    assert password_problem(password) is None, password


@pytest.mark.parametrize("password", ["", "short", "elevenchars", "x" * 11])
def test_passwords_under_twelve_characters_are_refused(password):
    assert "at least 12 characters" in password_problem(password)


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop123", "123456789012", "Password1234"])
def test_common_passwords_are_refused(password):
    problem = password_problem(password)
    assert problem and "commonly used" in problem, (password, problem)


def test_a_64_character_password_signs_in(app, db):
    long_password = "my grandmother's garden had nine apple trees and one quiet fox!!"
    assert len(long_password) == 64
    accounts.create_teacher(db, "long@school.example", long_password)
    assert sign_in(app.test_client(), "long@school.example", long_password).status_code == 302


# --- the sign-in log ------------------------------------------------------------------------------


def test_sign_in_events_are_logged_without_secrets(app, db, caplog):
    accounts.create_teacher(db, "fay@school.example", PASSWORD)
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="closeread.signin"):
        sign_in(client, "fay@school.example", "not the password at all")
        sign_in(client, "fay@school.example", PASSWORD)
    lines = [r.getMessage() for r in caplog.records if r.name == "closeread.signin"]
    assert lines == [
        f"sign-in failure email=fay@school.example ip={SCHOOL_IP}",
        f"sign-in success email=fay@school.example ip={SCHOOL_IP}",
    ]
    everything = "\n".join(lines) + caplog.text
    assert PASSWORD not in everything and "not the password at all" not in everything
    assert "teacher_session" not in everything


@pytest.mark.parametrize(
    "email",
    [
        "mallory@school.example\r\nsign-in success email=admin@school.example ip=127.0.0.1",
        "mallory@school.example\nINFO forged",
        "mallory\x1b[2J@school.example",
        "mallory\u2028@school.example",
        "mallory\x00@school.example",
    ],
)
def test_logged_emails_cannot_forge_log_lines(app, caplog, email):
    with caplog.at_level(logging.INFO, logger="closeread.signin"):
        sign_in(app.test_client(), email, "wrong password 00")
    records = [r for r in caplog.records if r.name == "closeread.signin"]
    assert len(records) == 1
    line = records[0].getMessage()
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\x00" not in line
    assert "\u2028" not in line
    assert line.startswith("sign-in failure email=mallory")
    assert "\\x0d\\x0a" in line or "\\x0a" in line or "\\x1b" in line or "\\u2028" in line or "\\x00" in line


def test_log_safe_escapes_every_control_character():
    raw = "".join(chr(c) for c in range(0, 32)) + "\x7f\x85\u2028\u2029ok"
    cleaned = log_safe(raw, limit=1000)
    assert cleaned.endswith("ok")
    assert all(ord(ch) >= 32 and ch not in "\x7f\x85\u2028\u2029" for ch in cleaned)
    assert log_safe("x" * 500, limit=10) == "x" * 10 + "…"
