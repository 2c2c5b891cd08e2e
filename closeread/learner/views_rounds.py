"""Rounds in the form quiz: a round's short teaching, its result, and the before/after trust rating."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from ..content.model import Lesson, Round
from ..content.rounds import reading_minutes, round_of
from ..db import get_db
from ..teacher import classes
from . import rounds as flow
from . import store
from .forms import TRUST_SCALE, TrustForm
from .learners import learner_rounds, own_attempt_or_404, round_scope

bp = Blueprint("rounds", __name__, url_prefix="/attempts")


def _round_or_404(rounds: list[Round], round_id: str) -> Round:
    for rnd in rounds:
        if rnd.id == round_id:
            return rnd
    abort(404)


def resume_url(attempt_id: int, lesson: Lesson, answered: dict) -> str:
    """Where an attempt continues: the next question, after its round's teaching if the round is new."""
    rounds = learner_rounds(lesson)
    q = flow.next_question(lesson, rounds, answered)
    if q is None:
        if "after" not in store.trust_for(get_db(), attempt_id):
            return url_for("rounds.trust", attempt_id=attempt_id, moment="after")
        return url_for("quiz.result", attempt_id=attempt_id)
    rnd = round_of(lesson, q.id)
    if rnd is not None and not flow.round_progress(lesson, rnd, answered).started:
        return url_for("rounds.teaching", attempt_id=attempt_id, round_id=rnd.id)
    return url_for("quiz.question", attempt_id=attempt_id, number=q.number)


@bp.get("/<int:attempt_id>/rounds/<round_id>")
def teaching(attempt_id: int, round_id: str):
    attempt, lesson = own_attempt_or_404(attempt_id)
    scope = round_scope(lesson)
    rnd = _round_or_404(scope.rounds, round_id)
    answered = store.responses_for(get_db(), attempt_id)
    first = flow.next_in_round(lesson, rnd, answered)
    by_id = lesson.article.by_id
    return render_template(
        "learner/round.html",
        lesson=lesson,
        attempt=attempt,
        rnd=rnd,
        count=len(scope.rounds),
        place=scope.label(rnd),
        progress=flow.round_progress(lesson, rnd, answered),
        first=first,
        minutes=reading_minutes(lesson, rnd),
        part=[by_id[sid] for sid in rnd.sentence_ids if sid in by_id],
    )


@bp.get("/<int:attempt_id>/rounds/<round_id>/result")
def result(attempt_id: int, round_id: str):
    attempt, lesson = own_attempt_or_404(attempt_id)
    scope = round_scope(lesson)
    rounds = scope.rounds
    rnd = _round_or_404(rounds, round_id)
    db = get_db()
    answered = store.responses_for(db, attempt_id)
    progress = flow.progress(lesson, rounds, answered)
    later = rounds[rounds.index(rnd) + 1:] + rounds[: rounds.index(rnd)]
    upcoming = next((p.round for p in progress if p.round in later and not p.done), None)
    return render_template(
        "learner/round_result.html",
        lesson=lesson,
        attempt=attempt,
        rnd=rnd,
        count=len(rounds),
        place=scope.label(rnd),
        assigned=scope.assigned,
        this=flow.round_progress(lesson, rnd, answered),
        progress=flow.progress(lesson, lesson.rounds, answered),
        mine=rounds,
        upcoming=upcoming,
        all_done=all(p.done for p in progress),
        rated_after="after" in store.trust_for(db, attempt_id),
        student=classes.member_for_learner(db, attempt["learner_id"]) is not None,
    )


def _onward(attempt_id: int, lesson: Lesson, moment: str) -> str:
    if moment == "after":
        return url_for("quiz.result", attempt_id=attempt_id)
    rounds = learner_rounds(lesson)
    chosen = request.args.get("round")
    if chosen in {r.id for r in rounds}:
        return url_for("rounds.teaching", attempt_id=attempt_id, round_id=chosen)
    return resume_url(attempt_id, lesson, store.responses_for(get_db(), attempt_id))


@bp.route("/<int:attempt_id>/trust/<moment>", methods=["GET", "POST"])
def trust(attempt_id: int, moment: str):
    if moment not in store.TRUST_MOMENTS:
        abort(404)
    attempt, lesson = own_attempt_or_404(attempt_id)
    db = get_db()
    onward = _onward(attempt_id, lesson, moment)
    if moment == "after" and not flow.all_done(lesson, learner_rounds(lesson), store.responses_for(db, attempt_id)):
        flash("The second rating comes at the end, when every round is done.", "info")
        return redirect(resume_url(attempt_id, lesson, store.responses_for(db, attempt_id)))
    rated = store.trust_for(db, attempt_id)
    form = TrustForm()
    if moment in rated:
        if request.method == "POST":
            flash("You already rated the article here. Your first rating is the one that counts.", "info")
        return redirect(onward)
    if form.validate_on_submit():
        store.save_trust(db, attempt_id, moment, form.rating.data)
        return redirect(onward)
    return (
        render_template(
            "learner/trust.html",
            lesson=lesson,
            attempt=attempt,
            moment=moment,
            form=form,
            before=rated.get("before"),
            scale=dict(TRUST_SCALE),
            onward=onward,
            lead=[s for s in lesson.article.sentences if s.section <= 1][:4],
        ),
        422 if form.errors else 200,
    )
