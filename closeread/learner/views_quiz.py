"""The form quiz: one question per page, feedback, hints and the result."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from ..content.model import CATEGORIES, LEDGER_LABELS, Lesson, Question
from ..content.rounds import round_of
from ..db import get_db
from ..forms import ActionForm
from ..questions.grading import AnswerError, grade_answer
from ..questions.order import shown
from ..questions.prescore import FLAG_ADVICE
from ..questions.results import describe, summarise
from ..storage_faults import best_effort
from . import rounds as flow
from . import store
from .forms import TRUST_SCALE, answer_form
from .learners import own_attempt_or_404, round_scope
from .views_rounds import resume_url

bp = Blueprint("quiz", __name__, url_prefix="/attempts")


def _question_or_404(lesson: Lesson, number: int):
    if not 1 <= number <= len(lesson.quiz.questions):
        abort(404)
    return lesson.quiz.questions[number - 1]


def _not_assigned(attempt_id: int, lesson: Lesson, q: Question):
    """A redirect, with a note, when the question is in a round the learner's class was not assigned."""
    if q.id in round_scope(lesson).question_ids:
        return None
    flash(f"Question {q.number} is in a round your teacher has not assigned, so it is not part of your work. "
          "Here is where you carry on.", "info")
    return redirect(resume_url(attempt_id, lesson, store.responses_for(get_db(), attempt_id)))


def _describer(attempt: dict):
    """``describe`` for this attempt's pages: option letters as this attempt shows them."""
    seed = attempt.get("option_seed")

    def describe_shown(q: Question, value: object, lesson: Lesson) -> list[str]:
        return describe(shown(q, seed), value, lesson)

    return describe_shown


def _next_unanswered(lesson: Lesson, responses: dict, after: int = 0) -> int | None:
    qs = lesson.quiz.questions
    order = qs[after:] + qs[:after]
    for q in order:
        if q.id not in responses:
            return q.number
    return None


@bp.get("/<int:attempt_id>")
def resume(attempt_id: int):
    attempt, lesson = own_attempt_or_404(attempt_id)
    return redirect(resume_url(attempt_id, lesson, store.responses_for(get_db(), attempt_id)))


def _in_round(lesson: Lesson, attempt_id: int, q: Question, responses: dict) -> dict | None:
    """The question's round, its position in it, the streak, and where "Next" goes."""
    rnd = round_of(lesson, q.id)
    if rnd is None:
        return None
    scope = round_scope(lesson)
    p = flow.round_progress(lesson, rnd, responses)
    after = flow.next_in_round(lesson, rnd, responses, after=q.id)
    if after is not None:
        next_url, next_label = url_for("quiz.question", attempt_id=attempt_id, number=after.number), "Next question"
    else:
        next_url = url_for("rounds.result", attempt_id=attempt_id, round_id=rnd.id)
        next_label = "See the round's result"
    # The streak shows on the feedback of the round's latest answer only (it is the run up to that answer).
    latest = [qid for qid in responses if qid in rnd.question_ids][-1:]
    return {"round": rnd, "place": scope.short(rnd), "position": flow.position(rnd, q.id),
            "size": len(rnd.question_ids), "progress": p,
            "streak": p.streak.current if latest == [q.id] else 0, "next_url": next_url, "next_label": next_label}


@bp.route("/<int:attempt_id>/questions/<int:number>", methods=["GET", "POST"])
def question(attempt_id: int, number: int):
    attempt, lesson = own_attempt_or_404(attempt_id)
    q = shown(_question_or_404(lesson, number), attempt.get("option_seed"))  # options in this attempt's order
    elsewhere = _not_assigned(attempt_id, lesson, q)
    if elsewhere is not None:
        return elsewhere
    db = get_db()
    # Reading still works on a read-only or full database: remembering the first view is best effort.
    hints_shown = best_effort(store.mark_seen, db, attempt_id, q.id, default=0)
    responses = store.responses_for(db, attempt_id)
    stored = responses.get(q.id)
    form = answer_form(q, lesson.article)
    if form.validate_on_submit():
        # To the question, not past it: the statement that was judged stays above the verdict.
        feedback_url = url_for("quiz.question", attempt_id=attempt_id, number=number) + "#question"
        if stored is not None:
            flash("You already answered this question. Your first answer is the one that counts.", "info")
            return redirect(feedback_url)
        try:
            answer = form.answer.data
            grade = grade_answer(q, answer)
        except AnswerError as exc:
            form.answer.errors.append(str(exc))
        else:
            store.record_response(db, attempt_id, q, answer, grade, lesson)
            return redirect(feedback_url)
    status = 200 if not form.errors else 422
    if stored is not None:
        form.answer.data = stored["response"]
    hints = q.hints[:hints_shown]
    return (
        render_template(
            "learner/question.html",
            lesson=lesson,
            attempt=attempt,
            q=q,
            form=form,
            stored=stored,
            hints=hints,
            hint_form=ActionForm(),
            feedback=_feedback_for(q, stored) if stored else None,
            next_number=_next_unanswered(lesson, responses, number),
            in_round=_in_round(lesson, attempt_id, q, responses),
            categories=CATEGORIES,
            describe=describe,
            flag_advice=FLAG_ADVICE,
        ),
        status,
    )


def _feedback_for(q, stored: dict):
    """Re-grade the stored answer to show its feedback (the stored score stands)."""
    try:
        return grade_answer(q, stored["response"])
    except AnswerError:
        return None


@bp.post("/<int:attempt_id>/questions/<int:number>/hint")
def hint(attempt_id: int, number: int):
    attempt, lesson = own_attempt_or_404(attempt_id)
    q = _question_or_404(lesson, number)
    elsewhere = _not_assigned(attempt_id, lesson, q)
    if elsewhere is not None:
        return elsewhere
    db = get_db()
    if q.id in store.responses_for(db, attempt_id):
        flash("Hints are for before you answer.", "info")
    elif store.hints_used(db, attempt_id, q.id) >= len(q.hints):
        flash("There are no more hints for this question.", "info")
    else:
        store.use_hint(db, attempt_id, q)
    return redirect(url_for("quiz.question", attempt_id=attempt_id, number=number) + "#hints")


@bp.get("/<int:attempt_id>/result")
def result(attempt_id: int):
    attempt, lesson = own_attempt_or_404(attempt_id)
    responses = store.responses_for(get_db(), attempt_id)
    scope = round_scope(lesson)
    # With a class assignment of some rounds, the result is over those rounds' questions; the reveal (every
    # sentence labelled) waits for the whole lesson, so it never gives away a round assigned later.
    mine = [q for q in lesson.quiz.questions if q.id in scope.question_ids] if scope.assigned else None
    return render_template(
        "learner/result.html",
        lesson=lesson,
        attempt=attempt,
        responses=responses,
        summary=summarise(lesson, responses, mine),
        questions=mine or lesson.quiz.questions,
        assigned=scope.assigned,
        reveal=summarise(lesson, responses).finished,
        describe=_describer(attempt),
        labels=LEDGER_LABELS,
        retry_form=ActionForm(),
        trust=store.trust_for(get_db(), attempt_id),
        scale=dict(TRUST_SCALE),
    )
