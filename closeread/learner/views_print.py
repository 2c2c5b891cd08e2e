"""Printable worksheet of a lesson and its quiz, and the teachers' answer key."""

from __future__ import annotations

from flask import Blueprint, render_template

from .content_model import CATEGORIES
from .learners import lesson_or_404
from .results import describe
from .teacher.auth import teacher_required

bp = Blueprint("print", __name__)


@bp.get("/lessons/<slug>/worksheet")
def worksheet(slug: str):
    lesson = lesson_or_404(slug)
    return render_template("worksheet.html", lesson=lesson, categories=CATEGORIES, answer_key=False)


@bp.get("/lessons/<slug>/answer-key")
@teacher_required
def answer_key(slug: str):
    """Keys, model answers and explanations: signed-in teachers only."""
    lesson = lesson_or_404(slug)
    return render_template("worksheet.html", lesson=lesson, categories=CATEGORIES, answer_key=True, describe=describe)
