"""The printable answer key: the worksheet with keys, model answers and explanations. Teachers only."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..content.model import CATEGORIES
from ..learner.learners import lesson_or_404
from ..questions.results import describe
from .auth import teacher_required

bp = Blueprint("answer_key", __name__)


@bp.get("/lessons/<slug>/answer-key")
@teacher_required
def answer_key(slug: str):
    lesson = lesson_or_404(slug)
    return render_template(
        "learner/worksheet.html",
        lesson=lesson,
        questions=lesson.quiz.questions,  # the quiz file's order and option ids: printed versions name them
        categories=CATEGORIES,
        answer_key=True,
        describe=describe,
    )
