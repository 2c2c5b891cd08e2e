"""Teacher pages of the lesson library: assignments, lesson bundles, GIFT export, versions and regrades.

Same ``/teacher`` prefix and the same rules as the other teacher pages: signed
in, and a 404 for another teacher's class or imported lesson.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from ..content.checker import ContentError
from ..db import get_db
from ..forms import ActionForm
from ..teacher.auth import teacher_required
from ..teacher.views import _class_context, class_or_404
from . import assignments, catalog, gift, imports, regrade, versions
from .forms import AssignForm, ImportForm, RegradeForm

bp = Blueprint("library", __name__, url_prefix="/teacher")


# --- assignments ---------------------------------------------------------------------------------


@bp.post("/classes/<int:class_id>/assignments")
@teacher_required
def assign(class_id: int):
    klass = class_or_404(class_id)
    form = AssignForm(lessons=catalog.lessons_for_teacher(g.teacher["id"]))
    if form.validate_on_submit():
        lesson = catalog.teacher_lesson_or_404(form.lesson.data, g.teacher["id"])
        try:
            due = assignments.due_from_local(form.due.data, form.zone.data) if form.due.data else None
        except assignments.AssignmentError as exc:
            form.zone.errors.append(str(exc))
        else:
            assignments.assign(get_db(), klass["id"], lesson.slug, g.teacher["id"], due, form.round_ids)
            message = f"Assigned “{lesson.title}” to {klass['name']}"
            if form.round_ids:
                message += f", {assignments.rounds_label(lesson, form.round_ids)} only"
            message += f", due {due.label()}." if due else ", with no due date."
            flash(message, "info")
            if due and due.at < datetime.now(UTC):
                flash("That due date is already in the past: the lesson is assigned, and every student who has "
                      "not finished it shows as late.", "warning")
            return redirect(url_for("teacher.class_page", class_id=class_id) + "#assignments")
    return render_template("teacher/class.html", **_class_context(klass, assign_form=form)), 422


@bp.post("/classes/<int:class_id>/assignments/<slug>/remove")
@teacher_required
def unassign(class_id: int, slug: str):
    klass = class_or_404(class_id)
    if ActionForm().validate_on_submit():
        assignments.unassign(get_db(), klass["id"], slug)
        flash("Assignment removed. Answers already given are kept.", "info")
    return redirect(url_for("teacher.class_page", class_id=class_id) + "#assignments")


# --- the library: imported lessons, bundles, GIFT -------------------------------------------------


def _library(form: ImportForm, faults: list[str] | None = None, status: int = 200):
    return render_template(
        "teacher/library.html",
        builtin=list(catalog.builtin().values()),
        imported=catalog.imported_for_teacher(g.teacher["id"]),
        form=form,
        faults=faults or [],
    ), status


@bp.get("/lessons")
@teacher_required
def library():
    return _library(ImportForm())


@bp.post("/lessons/import")
@teacher_required
def import_lesson():
    form = ImportForm()
    if not form.validate_on_submit():
        return _library(form, status=422)
    data = form.bundle.data.read()
    try:
        lesson, new = imports.import_bundle(get_db(), data, g.teacher["id"], set(catalog.builtin()))
    except ContentError as exc:
        return _library(form, imports.describe_faults(exc), 422)
    verb = "Imported" if new else "Updated"
    flash(f"{verb} “{lesson.title}” (version {versions.short(lesson.version)}). Assign it to a class from the "
          "class page.", "info")
    return redirect(url_for("library.library"))


def _download(data: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/lessons/<slug>/bundle.zip")
@teacher_required
def export_lesson(slug: str):
    lesson = catalog.teacher_lesson_or_404(slug, g.teacher["id"])
    data = imports.export_bundle(get_db(), slug, lesson.version)
    if data is None:
        abort(404)
    return _download(data, "application/zip", f"{slug}-{versions.short(lesson.version)}.zip")


@bp.get("/lessons/<slug>/questions.gift")
@teacher_required
def export_gift(slug: str):
    lesson = catalog.teacher_lesson_or_404(slug, g.teacher["id"])
    return _download(gift.to_gift(lesson).encode("utf-8"), "text/plain", f"{slug}-moodle.gift.txt")


# --- versions and regrades -----------------------------------------------------------------------


def version_summary(class_id: int, slug: str) -> list[dict]:
    """Each version of the lesson with this class's attempts on it and what changed since the one before."""
    counts = dict(get_db().execute(
        "SELECT a.version, COUNT(*) FROM class_members m JOIN attempts a ON a.learner_id = m.learner_id"
        " AND a.lesson = ? WHERE m.class_id = ? GROUP BY a.version",
        [slug, class_id],
    ).fetchall())
    out, before = [], None
    for v in versions.listing(get_db(), slug):
        changed = versions.changed_questions(before["fingerprints"], v["fingerprints"]) if before else {}
        out.append({**v, "short": versions.short(v["version"]), "attempts": counts.get(v["version"], 0),
                    "changed": changed})
        before = v
    return out


@bp.route("/classes/<int:class_id>/lessons/<slug>/regrade", methods=["GET", "POST"])
@teacher_required
def regrade_page(class_id: int, slug: str):
    klass = class_or_404(class_id)
    lesson = catalog.teacher_lesson_or_404(slug, g.teacher["id"])
    form = RegradeForm()
    qid = form.question.data if request.method == "POST" else request.args.get("question")
    question = lesson.quiz.by_id.get(qid or "")
    if qid and question is None:
        abort(404)
    plan = regrade.preview(get_db(), klass["id"], slug, question) if question else None
    if request.method == "POST" and plan is not None and form.validate_on_submit():
        done = regrade.apply(get_db(), plan, slug, lesson.version, g.teacher["id"])
        flash(f"Regraded question {question.number}: {done} score(s) changed. Answers were not changed.", "info")
        return redirect(url_for("library.regrade_page", class_id=class_id, slug=slug))
    return render_template(
        "teacher/regrade.html",
        klass=klass,
        lesson=lesson,
        plan=plan,
        form=RegradeForm(question=qid or ""),
        versions=version_summary(klass["id"], slug),
        log=regrade.log(get_db(), klass["id"], slug),
    )
