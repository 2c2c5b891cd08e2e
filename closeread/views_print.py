"""Printable worksheet of a lesson and its quiz (no answers)."""

from __future__ import annotations

from flask import Blueprint, render_template

from .content_model import CATEGORIES
from .learners import lesson_or_404

bp = Blueprint("print", __name__)


@bp.get("/lessons/<slug>/worksheet")
def worksheet(slug: str):
    lesson = lesson_or_404(slug)
    return render_template("worksheet.html", lesson=lesson, categories=CATEGORIES, answer_key=False)
