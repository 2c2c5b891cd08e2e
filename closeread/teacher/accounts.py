"""Teacher accounts and their server-side sign-in sessions. Plain functions over a Database.

A sign-in creates a ``teacher_sessions`` row keyed by the SHA-256 of a random
token; the token itself lives only in the (signed) session cookie. Every
request looks the row up, so signing out, which deletes it, ends the session
for good, even for someone holding a copy of the old cookie.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from .. import names
from .passwords import hash_password, password_problem, verify_password

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EMAIL_MAX = 254
SESSION_MAX_AGE = timedelta(days=7)


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def normalise_email(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().lower()


def email_problem(email: str) -> str | None:
    email = normalise_email(email)
    if not email:
        return "Enter your email address."
    if len(email) > EMAIL_MAX or not EMAIL_RE.match(email):
        return "Enter an email address like name@school.org."
    bad = names.refused_character(email)
    if bad:
        return f"An email address cannot contain invisible, control or special characters ({bad})."
    return None


def find_by_email(db: Database, email: str) -> dict | None:
    rows = list(db.query("SELECT * FROM teachers WHERE email = ?", [normalise_email(email)]))
    return rows[0] if rows else None


def create_teacher(db: Database, email: str, password: str, now: datetime | None = None) -> int:
    """Create an account; raises AccountError naming the problem."""
    problem = email_problem(email) or password_problem(password, email)
    if problem:
        raise AccountError(problem)
    email = normalise_email(email)
    password_hash = hash_password(password)
    with db.atomic():
        if find_by_email(db, email):
            raise AccountError("There is already an account with this email address.")
        existing = db.execute("SELECT id, email FROM teachers").fetchall()
        if names.first_lookalike(email, existing):
            raise AccountError("There is already an account with an email address that looks the same as this one.")
        cursor = db.execute(
            "INSERT INTO teachers (email, password_hash, created_at) VALUES (?, ?, ?)",
            [email, password_hash, _iso(now or _now())],
        )
        return int(cursor.lastrowid)


def authenticate(db: Database, email: str, password: str) -> dict | None:
    """The teacher row when email and password match, else None (same cost either way)."""
    teacher = find_by_email(db, email)
    ok = verify_password(teacher["password_hash"] if teacher else None, password)
    return teacher if ok and teacher else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(db: Database, teacher_id: int, now: datetime | None = None) -> str:
    """Record a new sign-in; returns the token to keep in the session cookie."""
    token = secrets.token_urlsafe(32)
    moment = now or _now()
    with db.atomic():
        db.execute(
            "INSERT INTO teacher_sessions (token_hash, teacher_id, created_at) VALUES (?, ?, ?)",
            [_token_hash(token), teacher_id, _iso(moment)],
        )
        db.execute("UPDATE teachers SET last_sign_in_at = ? WHERE id = ?", [_iso(moment), teacher_id])
        # Tidy up this teacher's expired sign-ins while we are here.
        db.execute(
            "DELETE FROM teacher_sessions WHERE teacher_id = ? AND created_at < ?",
            [teacher_id, _iso(moment - SESSION_MAX_AGE)],
        )
    return token


def session_teacher(db: Database, teacher_id: object, token: object, now: datetime | None = None) -> dict | None:
    """The teacher for a session cookie's (id, token), if that sign-in is still live."""
    if not isinstance(token, str) or not isinstance(teacher_id, int):
        return None
    rows = list(
        db.query(
            "SELECT t.id, t.email, s.created_at FROM teacher_sessions s JOIN teachers t ON t.id = s.teacher_id"
            " WHERE s.token_hash = ? AND s.teacher_id = ?",
            [_token_hash(token), teacher_id],
        )
    )
    if not rows:
        return None
    started = datetime.fromisoformat(rows[0]["created_at"])
    if (now or _now()) - started > SESSION_MAX_AGE:
        end_session(db, token)
        return None
    return {"id": rows[0]["id"], "email": rows[0]["email"]}


def end_session(db: Database, token: object) -> None:
    if isinstance(token, str):
        with db.atomic():
            db.execute("DELETE FROM teacher_sessions WHERE token_hash = ?", [_token_hash(token)])

