"""Home page, lesson page, and starting an attempt."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..db import get_db
from ..forms import ActionForm
from ..library.catalog import lessons_for_learner
from . import store
from .learners import current_learner_id, lesson_or_404

bp = Blueprint("lesson", __name__)


@bp.get("/")
def home():
    return render_template("learner/home.html", lessons=lessons_for_learner(current_learner_id()))


@bp.get("/lessons/<slug>")
def show(slug: str):
    lesson = lesson_or_404(slug)
    learner_id = current_learner_id()
    past = store.attempts_for(get_db(), learner_id, slug) if learner_id else []
    return render_template("learner/lesson.html", lesson=lesson, form=ActionForm(), attempts=past)


@bp.post("/lessons/<slug>/attempts")
def start(slug: str):
    """Start a new attempt (also used for a retry: all attempts are kept)."""
    lesson = lesson_or_404(slug)
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("lesson.show", slug=slug))
    learner_id = current_learner_id(create=True)
    attempt_id = store.new_attempt(get_db(), learner_id, lesson.slug, mode="form")
    return redirect(url_for("quiz.question", attempt_id=attempt_id, number=1))
