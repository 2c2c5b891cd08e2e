"""The printable worksheet of a lesson and its quiz (the teachers' answer key is in ``teacher.answer_key``)."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..content.model import CATEGORIES
from .learners import lesson_or_404

bp = Blueprint("print", __name__)


@bp.get("/lessons/<slug>/worksheet")
def worksheet(slug: str):
    lesson = lesson_or_404(slug)
    return render_template("learner/worksheet.html", lesson=lesson, categories=CATEGORIES, answer_key=False)
