"""Teacher accounts: password rules, scrypt, the CLI, sign-in, session regeneration, real sign-out."""

from datetime import UTC, datetime, timedelta

import pytest

from closeread.teacher import accounts, passwords
from tests.test_teacher_support import PASSWORD_A, add_teacher, database, sign_in, teacher_app

EMAIL = "teacher@school.org"


@pytest.fixture
def app(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, EMAIL, PASSWORD_A)
    return app


# --- password rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("eleven char", "at least 12"),
        ("x" * 257, "at most 256"),
        ("password1234", "commonly used"),
        ("PassWord1234", "commonly used"),  # the check ignores case
        ("correct horse battery staple", "commonly used"),  # the listed phrase, with spaces
        ("qwertyuiop123", "commonly used"),
        ("ÿÿÿÿÿÿÿÿÿÿÿÿÿÿ", "repeat"),
        ("teacher@school.org", "email"),
    ],
)
def test_refused_passwords(password, problem):
    assert problem in passwords.password_problem(password, EMAIL)


@pytest.mark.parametrize(
    "password",
    [
        "twelve chars",  # exactly 12, no digits or capitals needed
        "lowercase words only here",
        "a" + "b" * 11,
        "long passphrase " * 8,  # 128 characters
        "x9" * 128,  # 256, the maximum
    ],
)
def test_accepted_passwords(password):
    assert passwords.password_problem(password, EMAIL) is None


def test_the_shipped_list_is_small_and_fits_the_rule():
    words = passwords.common_passwords()
    assert 300 <= len(words) <= 10_000
    assert passwords.COMMON_PASSWORDS.stat().st_size < 100_000
    assert all(len(w) >= passwords.MIN_LENGTH and w == w.lower() for w in words)
    assert "password1234" in words and "iloveyou1234" in words


def test_hash_is_scrypt_and_verifies(app):
    db = database(app)
    stored = db.execute("SELECT password_hash FROM teachers WHERE email = ?", [EMAIL]).fetchone()[0]
    db.close()
    assert stored.startswith("scrypt:")
    assert passwords.verify_password(stored, PASSWORD_A)
    assert not passwords.verify_password(stored, PASSWORD_A.upper())
    assert not passwords.verify_password(None, PASSWORD_A)


def test_accounts_refuse_bad_input(app):
    db = database(app)
    with pytest.raises(accounts.AccountError, match="already an account"):
        accounts.create_teacher(db, " Teacher@School.org ", "another fine passphrase")
    with pytest.raises(accounts.AccountError, match="email address like"):
        accounts.create_teacher(db, "not-an-email", "another fine passphrase")
    with pytest.raises(accounts.AccountError, match="at least 12"):
        accounts.create_teacher(db, "new@school.org", "short")
    db.close()


# --- CLI -----------------------------------------------------------------------------------------


def test_create_teacher_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-teacher", "--email", "New@School.org"],
                           input="a fine long passphrase\na fine long passphrase\n")
    assert result.exit_code == 0, result.output
    assert "Created the teacher account new@school.org." in result.output
    assert "a fine long passphrase" not in result.output  # typed without echo
    client = app.test_client()
    sign_in(client, "new@school.org", "a fine long passphrase")


def test_create_teacher_command_refuses_a_common_password(app):
    result = app.test_cli_runner().invoke(args=["create-teacher", "--email", "x@school.org"],
                                          input="password1234\npassword1234\n")
    assert result.exit_code == 1
    assert "commonly used" in result.output


def test_create_teacher_command_refuses_a_second_account_for_one_email(app):
    result = app.test_cli_runner().invoke(
        args=["create-teacher", "--email", EMAIL, "--password", "yet another passphrase"]
    )
    assert result.exit_code == 1 and "already an account" in result.output


# --- sign-in and sign-out ------------------------------------------------------------------------


def test_wrong_password_and_unknown_email_get_the_same_answer(app):
    client = app.test_client()
    for email, password in [(EMAIL, "not the password at all"), ("nobody@school.org", PASSWORD_A)]:
        response = client.post("/teacher/sign-in", data={"email": email, "password": password})
        assert response.status_code == 422
        assert "The email address or the password is wrong." in response.get_data(as_text=True)
    assert client.get("/teacher/").status_code == 302


def test_empty_form_reports_each_field(app):
    response = app.test_client().post("/teacher/sign-in", data={})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enter your email address." in html and "Enter your password." in html


def test_email_is_case_insensitive(app):
    sign_in(app.test_client(), "  TEACHER@School.ORG ", PASSWORD_A)


def test_sign_in_regenerates_the_session(app):
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["learner_id"] = "before-sign-in"
        sess["planted"] = "by an attacker"
    sign_in(client, EMAIL, PASSWORD_A)
    with client.session_transaction() as sess:
        assert "planted" not in sess and "learner_id" not in sess
        assert isinstance(sess["teacher_id"], int) and len(sess["teacher_session"]) >= 32
    assert client.get("/teacher/").status_code == 200


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(app):
    client = app.test_client()
    response = client.get("/teacher/classes/1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/teacher/sign-in?next=/teacher/classes/1"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/teacher/classes/1"' in page
    ok = client.post("/teacher/sign-in", data={"email": EMAIL, "password": PASSWORD_A, "next": "/teacher/classes/1"})
    assert ok.headers["Location"] == "/teacher/classes/1"
    for evil in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]:
        other = app.test_client()
        response = other.post("/teacher/sign-in", data={"email": EMAIL, "password": PASSWORD_A, "next": evil})
        assert response.headers["Location"] == "/teacher/", evil


def test_signed_in_teacher_skips_the_sign_in_page(app):
    client = app.test_client()
    sign_in(client, EMAIL, PASSWORD_A)
    response = client.get("/teacher/sign-in")
    assert response.status_code == 302 and response.headers["Location"] == "/teacher/"


def test_sign_out_ends_the_session_even_for_a_copied_cookie(app):
    client = app.test_client()
    sign_in(client, EMAIL, PASSWORD_A)
    copied = client.get_cookie("session").value
    db = database(app)
    assert db.execute("SELECT COUNT(*) FROM teacher_sessions").fetchone()[0] == 1
    response = client.post("/teacher/sign-out")
    assert response.status_code == 302 and response.headers["Location"] == "/teacher/sign-in"
    assert db.execute("SELECT COUNT(*) FROM teacher_sessions").fetchone()[0] == 0
    db.close()
    assert client.get("/teacher/").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/teacher/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/teacher/sign-in")


def test_one_sign_out_leaves_other_devices_signed_in(app):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, EMAIL, PASSWORD_A)
    sign_in(phone, EMAIL, PASSWORD_A)
    laptop.post("/teacher/sign-out")
    assert laptop.get("/teacher/").status_code == 302
    assert phone.get("/teacher/").status_code == 200


def test_a_sign_in_expires_after_seven_days(app):
    client = app.test_client()
    sign_in(client, EMAIL, PASSWORD_A)
    db = database(app)
    old = (datetime.now(UTC) - timedelta(days=7, minutes=1)).isoformat(timespec="seconds")
    with db.atomic():
        db.execute("UPDATE teacher_sessions SET created_at = ?", [old])
    assert client.get("/teacher/").status_code == 302
    assert db.execute("SELECT COUNT(*) FROM teacher_sessions").fetchone()[0] == 0
    db.close()


def test_sign_out_needs_a_csrf_token_when_csrf_is_on(tmp_path):
    app = teacher_app(tmp_path, WTF_CSRF_ENABLED=True)
    add_teacher(app, EMAIL, PASSWORD_A)
    client = app.test_client()
    page = client.get("/teacher/sign-in").get_data(as_text=True)
    assert 'name="csrf_token"' in page
    assert client.post("/teacher/sign-in", data={"email": EMAIL, "password": PASSWORD_A}).status_code == 400


# --- self-registration ---------------------------------------------------------------------------


def test_self_registration_is_off_by_default(app):
    client = app.test_client()
    assert client.get("/teacher/register").status_code == 404
    assert client.post("/teacher/register", data={}).status_code == 404
    assert "/teacher/register" not in client.get("/teacher/sign-in").get_data(as_text=True)


def test_self_registration_when_switched_on(tmp_path):
    app = teacher_app(tmp_path, TEACHER_SELF_REGISTRATION=True)
    client = app.test_client()
    assert "/teacher/register" in client.get("/teacher/sign-in").get_data(as_text=True)
    weak = client.post("/teacher/register", data={"email": "n@s.org", "password": "password1234",
                                                  "password_again": "password1234"})
    assert weak.status_code == 422 and "commonly used" in weak.get_data(as_text=True)
    differ = client.post("/teacher/register", data={"email": "n@s.org", "password": "a good long phrase",
                                                    "password_again": "a good long phrase!"})
    assert differ.status_code == 422 and "The two passwords differ." in differ.get_data(as_text=True)
    ok = client.post("/teacher/register", data={"email": "N@s.org", "password": "a good long phrase",
                                                "password_again": "a good long phrase"})
    assert ok.status_code == 302 and ok.headers["Location"] == "/teacher/"
    assert client.get("/teacher/").status_code == 200
    again = app.test_client().post("/teacher/register", data={"email": "n@s.org", "password": "another good phrase",
                                                              "password_again": "another good phrase"})
    assert again.status_code == 422 and "already an account" in again.get_data(as_text=True)


def test_an_expired_sign_in_form_never_shows_the_password_again(tmp_path):
    app = teacher_app(tmp_path, WTF_CSRF_ENABLED=True)
    add_teacher(app, EMAIL, PASSWORD_A)
    client = app.test_client()
    client.get("/teacher/sign-in")
    response = client.post("/teacher/sign-in", data={"email": EMAIL, "password": PASSWORD_A, "csrf_token": "stale"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert PASSWORD_A not in html
    assert EMAIL in html  # the rest of what was typed is kept
