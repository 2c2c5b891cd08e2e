"""Teacher blueprint: sign-in, sign-out, self-registration, classes and students."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from .. import throttle
from ..db import get_db
from ..forms import ActionForm
from ..hosts import public_url
from ..library import assign_ui
from . import accounts, classes
from .auth import safe_next, sign_in, sign_out, teacher_required
from .forms import ClassNameForm, MergeForm, RegisterForm, SignInForm, StudentNameForm

bp = Blueprint("teacher", __name__, url_prefix="/teacher")


# --- accounts ------------------------------------------------------------------------------------


@bp.route("/sign-in", methods=["GET", "POST"], endpoint="sign_in")
def sign_in_page():
    if g.get("teacher") is not None:
        return redirect(url_for("teacher.index"))
    form = SignInForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    status = 200
    if form.validate_on_submit():
        refused = throttle.refuse_sign_in(form.email.data)  # 429 while this (account, client) or client must wait
        if refused is not None:
            return refused
        teacher = accounts.authenticate(get_db(), form.email.data, form.password.data)
        throttle.note_sign_in(form.email.data, teacher is not None)
        if teacher is not None:
            sign_in(teacher["id"])
            flash("You are signed in.", "info")
            return redirect(safe_next(form.next.data) or url_for("teacher.index"))
        form.password.errors.append("The email address or the password is wrong.")
        status = 422
    elif form.errors:
        status = 422
    return render_template(
        "teacher/sign_in.html",
        form=form,
        registration=current_app.config.get("TEACHER_SELF_REGISTRATION", False),
    ), status


@bp.post("/sign-out", endpoint="sign_out")
def sign_out_page():
    form = ActionForm()
    if form.validate_on_submit():
        sign_out()
        flash("You are signed out.", "info")
        return redirect(url_for("teacher.sign_in"))
    return redirect(url_for("teacher.index"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    if not current_app.config.get("TEACHER_SELF_REGISTRATION", False):
        abort(404)
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            teacher_id = accounts.create_teacher(get_db(), form.email.data, form.password.data)
        except accounts.AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            sign_in(teacher_id)
            flash("Your account is ready.", "info")
            return redirect(url_for("teacher.index"))
    return render_template("teacher/register.html", form=form), 422 if form.errors else 200


# --- classes -------------------------------------------------------------------------------------


def class_or_404(class_id: int) -> dict:
    """The class, checked against the signed-in teacher: another teacher's class is a 404."""
    klass = classes.class_for_teacher(get_db(), class_id, g.teacher["id"])
    if klass is None:
        abort(404)
    return klass


def member_or_404(klass: dict, member_id: int) -> dict:
    member = classes.member_in_class(get_db(), klass["id"], member_id)
    if member is None:
        abort(404)
    return member


@bp.get("/")
@teacher_required
def index():
    return render_template(
        "teacher/index.html",
        classes=classes.classes_for(get_db(), g.teacher["id"]),
        form=ClassNameForm(),
    )


@bp.post("/classes")
@teacher_required
def create_class():
    form = ClassNameForm()
    if form.validate_on_submit():
        try:
            class_id = classes.create_class(get_db(), g.teacher["id"], form.name.data)
        except classes.ClassError as exc:
            form.name.errors.append(str(exc))
        else:
            flash("Class created. Give your students the join code.", "info")
            return redirect(url_for("teacher.class_page", class_id=class_id))
    return render_template(
        "teacher/index.html", classes=classes.classes_for(get_db(), g.teacher["id"]), form=form
    ), 422


def _class_context(klass: dict, **forms) -> dict:
    db = get_db()
    roster = classes.members(db, klass["id"])
    merge_form = forms.pop("merge_form", None) or MergeForm()
    return {
        "klass": klass,
        "members": roster,
        "lookalikes": classes.lookalikes(roster),
        **assign_ui.class_extras(klass, forms.pop("assign_form", None)),
        "rename_form": forms.pop("rename_form", None) or ClassNameForm(name=klass["name"]),
        "student_form": StudentNameForm(),
        "merge_form": merge_form,
        "action_form": ActionForm(),
        "join_url": public_url("join.join_with_code", code=klass["join_code"]),
        **forms,
    }


@bp.get("/classes/<int:class_id>")
@teacher_required
def class_page(class_id: int):
    klass = class_or_404(class_id)
    return render_template("teacher/class.html", **_class_context(klass))


@bp.post("/classes/<int:class_id>/rename")
@teacher_required
def rename_class(class_id: int):
    klass = class_or_404(class_id)
    form = ClassNameForm()
    if form.validate_on_submit():
        try:
            classes.rename_class(get_db(), klass["id"], form.name.data)
        except classes.ClassError as exc:
            form.name.errors.append(str(exc))
        else:
            flash("Class renamed.", "info")
            return redirect(url_for("teacher.class_page", class_id=class_id))
    return render_template("teacher/class.html", **_class_context(klass, rename_form=form)), 422


@bp.post("/classes/<int:class_id>/archive")
@teacher_required
def archive_class(class_id: int):
    return _set_archived(class_id, True, "Class archived: its join code no longer works. Its results stay here.")


@bp.post("/classes/<int:class_id>/unarchive")
@teacher_required
def unarchive_class(class_id: int):
    return _set_archived(class_id, False, "Class reopened: students can join again with its code.")


def _set_archived(class_id: int, archived: bool, message: str):
    klass = class_or_404(class_id)
    if ActionForm().validate_on_submit():
        classes.set_archived(get_db(), klass["id"], archived)
        flash(message, "info")
    return redirect(url_for("teacher.class_page", class_id=class_id))


@bp.get("/classes/<int:class_id>/card")
@teacher_required
def join_card(class_id: int):
    klass = class_or_404(class_id)
    return render_template(
        "teacher/card.html",
        klass=klass,
        join_url=public_url("join.join_with_code", code=klass["join_code"]),
        join_page=public_url("join.join"),
    )


# --- students ------------------------------------------------------------------------------------


@bp.post("/classes/<int:class_id>/students/<int:member_id>/rename")
@teacher_required
def rename_student(class_id: int, member_id: int):
    klass = class_or_404(class_id)
    member = member_or_404(klass, member_id)
    form = StudentNameForm()
    if form.validate_on_submit():
        try:
            classes.rename_member(get_db(), member, form.name.data)
        except classes.ClassError as exc:
            flash(f"{member['display_name']} was not renamed: {exc}", "error")
        else:
            flash(f"Renamed {member['display_name']} to {' '.join(form.name.data.split())}.", "info")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(f"{member['display_name']} was not renamed: {error}", "error")
    return redirect(url_for("teacher.class_page", class_id=class_id) + "#students")


@bp.post("/classes/<int:class_id>/students/<int:member_id>/merge")
@teacher_required
def merge_student(class_id: int, member_id: int):
    klass = class_or_404(class_id)
    source = member_or_404(klass, member_id)
    form = MergeForm()
    others = [m for m in classes.members(get_db(), klass["id"]) if m["id"] != source["id"]]
    form.target.choices = [(m["id"], m["display_name"]) for m in others]
    if form.validate_on_submit():
        target = member_or_404(klass, form.target.data)
        classes.merge_members(get_db(), source, target)
        flash(f"Merged {source['display_name']} into {target['display_name']}.", "info")
    else:
        flash("Choose another student of this class to merge with.", "error")
    return redirect(url_for("teacher.class_page", class_id=class_id) + "#students")


@bp.route("/classes/<int:class_id>/students/<int:member_id>/remove", methods=["GET", "POST"])
@teacher_required
def remove_student(class_id: int, member_id: int):
    klass = class_or_404(class_id)
    member = member_or_404(klass, member_id)
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        classes.remove_member(get_db(), member)
        flash(f"Removed {member['display_name']} and deleted all their answers.", "info")
        return redirect(url_for("teacher.class_page", class_id=class_id) + "#students")
    return render_template("teacher/remove_student.html", klass=klass, member=member, form=form)
