"""Home page, lesson page, and starting an attempt."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from ..content.rounds import reading_minutes, round_questions
from ..db import get_db
from ..forms import ActionForm
from ..library import assignments
from ..library.catalog import assigned_to_learner, lessons_for_learner
from ..teacher import classes
from . import rounds as flow
from . import store
from .learners import current_learner_id, learner_rounds, lesson_or_404, round_scope
from .views_rounds import resume_url

bp = Blueprint("lesson", __name__)


@bp.get("/")
def home():
    """Self-study: every built-in lesson. A class student: the class's assigned lessons, or a note that there
    is none yet."""
    learner_id = current_learner_id()
    member = classes.member_for_learner(get_db(), learner_id)
    if member is None:
        return render_template("learner/home.html", lessons=lessons_for_learner(learner_id), member=None)
    return render_template("learner/home.html", member=member, lessons=[],
                           assigned=assigned_cards(learner_id))


def assigned_cards(learner_id: str) -> list[dict]:
    """A class student's lessons as cards: the lesson, its due date and the rounds assigned."""
    cards = []
    for lesson, row in assigned_to_learner(learner_id) or []:
        ids = assignments.rounds_of(row)
        rounds = [r for r in lesson.rounds if r.id in ids] if ids else []
        cards.append({"lesson": lesson, "due": assignments.due_of(row), "due_at": row["due_at"],
                      "rounds": rounds if len(rounds) < len(lesson.rounds) else []})
    return cards


@bp.get("/lessons/<slug>")
def show(slug: str):
    lesson = lesson_or_404(slug)
    learner_id = current_learner_id()
    db = get_db()
    past = store.attempts_for(db, learner_id, slug) if learner_id else []
    scope = round_scope(lesson)
    # The round map shows the latest unfinished attempt, which the learner can continue from any round.
    current = next((a for a in reversed(past) if not a["finished_at"]), None)
    answered = store.responses_for(db, current["id"]) if current else {}
    # Every round of the lesson is on the map, in the lesson's numbering; with a class assignment of some
    # rounds, the others are marked "not assigned" and cannot be started.
    progress = flow.progress(lesson, lesson.rounds, answered)
    mine = [p for p in progress if p.round in scope.rounds]
    return render_template(
        "learner/lesson.html",
        lesson=lesson,
        form=ActionForm(),
        attempts=past,
        current=current,
        progress=progress,
        mine=mine,
        scope=scope,
        assigned_label=assignments.rounds_label(lesson, [r.id for r in scope.rounds]),
        first=scope.rounds[0],
        assigned_done=bool(current) and all(p.done for p in mine),
        assigned_questions=[q for r in scope.rounds for q in round_questions(lesson, r)],
        minutes={r.id: reading_minutes(lesson, r) for r in lesson.rounds},
        continue_url=resume_url(current["id"], lesson, answered) if current else None,
        assignment=_assignment(lesson.slug, learner_id),
    )


def _assignment(slug: str, learner_id: str | None) -> dict | None:
    """The class assignment of this lesson, with its due date, for the student's lesson page."""
    if learner_id is None:
        return None
    row = assignments.for_learner(get_db(), learner_id, slug)
    return {**row, "due": assignments.due_of(row)} if row else None


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
