"""Home page, lesson page, and starting an attempt."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from ..content.rounds import reading_minutes
from ..db import get_db
from ..forms import ActionForm
from ..library.catalog import lessons_for_learner
from . import rounds as flow
from . import store
from .learners import current_learner_id, learner_rounds, lesson_or_404
from .views_rounds import resume_url

bp = Blueprint("lesson", __name__)


@bp.get("/")
def home():
    return render_template("learner/home.html", lessons=lessons_for_learner(current_learner_id()))


@bp.get("/lessons/<slug>")
def show(slug: str):
    lesson = lesson_or_404(slug)
    learner_id = current_learner_id()
    db = get_db()
    past = store.attempts_for(db, learner_id, slug) if learner_id else []
    rounds = learner_rounds(lesson)
    # The round map shows the latest unfinished attempt, which the learner can continue from any round.
    current = next((a for a in reversed(past) if not a["finished_at"]), None)
    answered = store.responses_for(db, current["id"]) if current else {}
    return render_template(
        "learner/lesson.html",
        lesson=lesson,
        form=ActionForm(),
        attempts=past,
        current=current,
        progress=flow.progress(lesson, rounds, answered),
        minutes={r.id: reading_minutes(lesson, r) for r in rounds},
        continue_url=resume_url(current["id"], lesson, answered) if current else None,
    )


@bp.post("/lessons/<slug>/attempts")
def start(slug: str):
    """Start a new attempt (also used for a retry: all attempts are kept), from round 1 or the round chosen.

    The first stop is the trust rating before reading; then the round's teaching.
    """
    lesson = lesson_or_404(slug)
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("lesson.show", slug=slug))
    learner_id = current_learner_id(create=True)
    attempt_id = store.new_attempt(get_db(), learner_id, lesson.slug, mode="form")
    chosen = request.form.get("round")
    chosen = chosen if chosen in {r.id for r in learner_rounds(lesson)} else None
    return redirect(url_for("rounds.trust", attempt_id=attempt_id, moment="before", round=chosen))
