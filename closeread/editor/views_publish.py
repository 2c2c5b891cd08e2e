"""Preview as a learner (form quiz or chat) and publishing a version of the lesson."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from ..content.checker import ContentError
from ..db import get_db
from ..learner import store as learner_store
from ..learner.learners import current_learner_id
from ..library import versions
from ..teacher.auth import teacher_required
from ..tutor import service
from . import build, publish, web
from .document import EditError
from .forms import Revisioned
from .views import _nav
from .web import draft_or_404

bp = Blueprint("editor_publish", __name__, url_prefix="/teacher/editor")


def _page(draft: dict, faults=None, status: int = 200):
    doc = draft["doc"]
    lesson, found = build.lesson_faults(doc, draft["slug"]) if faults is None else (None, faults)
    return render_template(
        "editor/publish.html", **_nav(draft, "editor_publish.page"), faults=found,
        advice=build.advice(lesson) if lesson else [],
        approved=len(build.approved(doc)), drafted=len(doc["questions"]) - len(build.approved(doc)),
        action=Revisioned(revision=draft["revision"]), short=versions.short,
    ), status


@bp.get("/<int:draft_id>/publish")
@teacher_required
def page(draft_id: int):
    return _page(draft_or_404(draft_id))


@bp.post("/<int:draft_id>/preview")
@teacher_required
def preview(draft_id: int):
    """Build the preview lesson and start it as a learner: a fresh attempt in the form quiz or the chat."""
    draft = draft_or_404(draft_id)
    if not Revisioned().validate_on_submit():
        return _page(draft, status=422)
    web.count_action()
    try:
        lesson = publish.preview(get_db(), draft)
    except ContentError as exc:
        flash("The preview cannot be built yet: fix the faults listed below.", "error")
        return _page(draft, build.placed(exc), 422)
    learner_id = current_learner_id(create=True)
    if request.form.get("mode") == "chat":
        attempt, _ = service.choose_attempt(learner_id, lesson, new=True)
        return redirect(url_for("chat.page", attempt_id=attempt["id"]))
    attempt_id = learner_store.new_attempt(get_db(), learner_id, lesson.slug, mode="form")
    return redirect(url_for("rounds.trust", attempt_id=attempt_id, moment="before"))


@bp.post("/<int:draft_id>/publish")
@teacher_required
def publish_now(draft_id: int):
    draft = draft_or_404(draft_id)
    if not Revisioned().validate_on_submit():
        return _page(draft, status=422)
    web.count_action()
    try:
        lesson, first = publish.publish(get_db(), draft, g.teacher["email"], web.builtin_slugs())
    except EditError as exc:
        flash(exc.message, "error")
        return _page(draft, status=422)
    except ContentError as exc:
        flash("Not published: fix the faults listed below. Nothing was changed.", "error")
        return _page(draft, build.placed(exc), 422)
    what = "Published" if first else "Published a new version of"
    flash(f"{what} “{lesson.title}” (version {versions.short(lesson.version)}). Assign it to a class from the class "
          "page, or download it as a bundle from the lesson library. Its sentences now keep their ids.", "info")
    return redirect(url_for("editor_publish.page", draft_id=draft_id))
