"""Who is the teacher on this request? Server-checked sessions and the guard for teacher pages.

``load_identity`` runs before every request: a teacher session counts only
while its ``teacher_sessions`` row exists (sign-out deletes it), and a
learner id whose learner was removed by a teacher is dropped from the cookie
so that the browser starts afresh instead of failing on a missing row.

Access rule (tested as a matrix in tests/test_teacher_auth_matrix.py):
anonymous visitors and students (a session with only a learner id) get a 302
to the sign-in page on every teacher route; a signed-in teacher gets 404 for a
class, student or response that is not theirs.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import g, redirect, request, session, url_for

from ..db import get_db
from . import accounts, classes

TEACHER_KEY = "teacher_id"
TOKEN_KEY = "teacher_session"  # noqa: S105 - a session key name, not a secret
LEARNER_KEY = "learner_id"


def load_identity() -> None:
    g.teacher = None
    if request.endpoint == "static":
        return
    if TEACHER_KEY in session:
        teacher = accounts.session_teacher(get_db(), session.get(TEACHER_KEY), session.get(TOKEN_KEY))
        if teacher is None:
            session.pop(TEACHER_KEY, None)
            session.pop(TOKEN_KEY, None)
        else:
            g.teacher = teacher
    learner_id = session.get(LEARNER_KEY)
    if learner_id is not None and not classes.learner_exists(get_db(), str(learner_id)):
        session.pop(LEARNER_KEY, None)


def sign_in(teacher_id: int) -> None:
    """Start a fresh session: nothing from before sign-in survives (no session fixation)."""
    token = accounts.start_session(get_db(), teacher_id)
    session.clear()
    session[TEACHER_KEY] = teacher_id
    session[TOKEN_KEY] = token


def sign_out() -> None:
    accounts.end_session(get_db(), session.get(TOKEN_KEY))
    session.clear()
    g.teacher = None


def safe_next(target: str | None) -> str | None:
    """A same-site path to go back to after sign-in, or None."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    return target


def teacher_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("teacher") is None:
            target = request.full_path if request.method == "GET" else None
            if target and target.endswith("?"):
                target = target[:-1]
            return redirect(url_for("teacher.sign_in", next=target))
        return view(*args, **kwargs)

    return wrapped
