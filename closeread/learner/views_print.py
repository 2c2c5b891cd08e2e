"""The printable worksheet of a lesson and its quiz (the teachers' answer key is in ``teacher.answer_key``).

Each printed worksheet is a *version*: its choice and multi options are shuffled
(:mod:`closeread.questions.order`) with the version's code as the seed, so
neighbours' sheets differ. The address without a version redirects to a new
one; the page states its code and, under each shuffled question, which
answer-key option each printed letter is (the answer key keeps the quiz file's
ids and order), and the same address prints the same order again.
"""

from __future__ import annotations

import re
import secrets

from flask import Blueprint, redirect, render_template, request, url_for

from ..content.model import CATEGORIES
from ..questions.order import order_statement, shown
from .learners import lesson_or_404

bp = Blueprint("print", __name__)

VERSION = re.compile(r"[0-9A-F]{6}")


def new_version() -> str:
    """Six hexadecimal digits: easy to read off paper (no O, I or L to mistake)."""
    return secrets.token_hex(3).upper()


@bp.get("/lessons/<slug>/worksheet")
def worksheet(slug: str):
    lesson = lesson_or_404(slug)
    version = request.args.get("version", "").strip().upper()
    if not VERSION.fullmatch(version):
        return redirect(url_for("print.worksheet", slug=slug, version=new_version()))
    questions = [shown(q, f"worksheet-{version}") for q in lesson.quiz.questions]
    return render_template(
        "learner/worksheet.html",
        lesson=lesson,
        questions=questions,
        version=version,
        order_statement=order_statement,
        categories=CATEGORIES,
        answer_key=False,
    )
