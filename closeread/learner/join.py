"""Students: join a class with its code and a name, carry on elsewhere with a resume code.

No password: the browser keeps the student's learner id in the signed session
cookie (``session["learner_id"]``, as for self-study), so the quiz routes work
unchanged. The personal resume code brings the same identity to another device.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, session, url_for

from .. import code_guard
from ..db import get_db
from ..teacher import classes
from ..teacher.forms import JoinForm, ResumeForm
from .learners import SESSION_KEY as LEARNER_KEY
from .views_lesson import assigned_cards

bp = Blueprint("join", __name__)


def _current_member() -> dict | None:
    return classes.member_for_learner(get_db(), session.get(LEARNER_KEY))


def _become(member: dict) -> None:
    session[LEARNER_KEY] = member["learner_id"]
    session.permanent = True


def _join_page(form: JoinForm, status: int = 200):
    return render_template("learner/join.html", form=form, member=_current_member()), status


@bp.get("/join")
def join():
    return _join_page(JoinForm())


def _too_many(form) -> tuple | None:
    """The form again with 429 and Retry-After when this client missed too many codes (code_guard.py)."""
    wait = code_guard.wait_seconds()
    if wait is None:
        return None
    form.code.errors = [*form.code.errors, code_guard.refusal(wait)]
    if isinstance(form, JoinForm):
        page = render_template("learner/join.html", form=form, member=_current_member())
    else:
        page = render_template("learner/resume.html", form=form)
    return page, 429, {"Retry-After": str(wait)}


@bp.get("/join/<code>")
def join_with_code(code: str):
    form = JoinForm(code=classes.normalise_code(code))
    refused = _too_many(form)
    if refused:
        return refused
    if classes.class_by_code(get_db(), code) is None:
        code_guard.note_miss()
        form.code.errors = ["No open class has this code. Check it with your teacher."]
        return _join_page(form, 404)
    return _join_page(form)


@bp.post("/join")
def join_submit():
    form = JoinForm()
    if not form.validate_on_submit():
        return _join_page(form, 422)
    refused = _too_many(form)
    if refused:
        return refused
    db = get_db()
    klass = classes.class_by_code(db, form.code.data)
    if klass is None:
        code_guard.note_miss()
        form.code.errors.append("No open class has this code. Check it with your teacher.")
        return _join_page(form, 422)
    current = _current_member()
    if current is not None and current["class_id"] == klass["id"]:
        flash(f"You are already in this class as {current['display_name']}.", "info")
        return redirect(url_for("join.my_class"))
    try:
        member = classes.join_class(db, klass["id"], form.name.data)
    except classes.ClassError as exc:
        form.name.errors.append(str(exc))
        return _join_page(form, 422)
    _become(member)
    flash(f"Welcome to {klass['name']}, {member['display_name']}!", "info")
    return redirect(url_for("join.my_class"))


@bp.get("/my-class")
def my_class():
    member = _current_member()
    if member is None:
        return redirect(url_for("join.join"))
    return render_template(
        "learner/join_done.html",
        member=member,
        resume_code=classes.format_resume_code(member["resume_code"]),
        assigned=assigned_cards(member["learner_id"]),
    )


@bp.route("/resume", methods=["GET", "POST"])
def resume():
    form = ResumeForm()
    if form.validate_on_submit():
        refused = _too_many(form)
        if refused:
            return refused
        member = classes.member_by_resume_code(get_db(), form.code.data)
        if member is None:
            code_guard.note_miss()
        else:
            _become(member)
            flash(f"Welcome back, {member['display_name']}.", "info")
            return redirect(url_for("join.my_class"))
        form.code.errors.append("No student has this resume code. Check it, or ask your teacher.")
    return render_template("learner/resume.html", form=form), 422 if form.errors else 200
