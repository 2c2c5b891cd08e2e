"""The chat tutor's pages. They work without JavaScript (post, redirect, get); ``static/chat.js`` enhances them.

    POST /lessons/<slug>/chat          start or resume a chat (form button on the lesson page)
    GET  /chat/<attempt_id>            the chat page: transcript, reply box, article panel
    POST /chat/<attempt_id>            send a message without JavaScript

The JSON API is in :mod:`.api`; both go through :mod:`.service`.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from ..db import get_db
from ..forms import ActionForm
from ..learner.learners import current_learner_id, lesson_or_404, own_attempt_or_404
from . import service
from . import store as chat_store
from .api import MAX_MESSAGE_CHARS, ApiError, links, read_input

bp = Blueprint("chat", __name__)


@bp.post("/lessons/<slug>/chat")
def start(slug: str):
    lesson = lesson_or_404(slug)
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("lesson.show", slug=slug))
    learner_id = current_learner_id(create=True)
    attempt, _ = service.choose_attempt(learner_id, lesson, new=request.form.get("new") == "1")
    return redirect(url_for("chat.page", attempt_id=attempt["id"]))


@bp.get("/chat/<int:attempt_id>")
def page(attempt_id: int):
    attempt, lesson = own_attempt_or_404(attempt_id)
    session = service.open_session(attempt, lesson)
    transcript = chat_store.messages(get_db(), attempt_id)
    status = service.status(attempt, lesson, session)
    select = status["select"] or {}
    return render_template(
        "tutor/chat.html",
        lesson=lesson,
        attempt=attempt,
        session=session,
        transcript=transcript,
        status=status,
        selecting=select.get("kind") == "sentences",
        picked=set(select.get("picked") or []),
        highlight=set(status["highlight"]),
        form=ActionForm(),
        links=links(attempt_id),
        max_chars=MAX_MESSAGE_CHARS,
    )


@bp.post("/chat/<int:attempt_id>")
def post_message(attempt_id: int):
    """The chat without JavaScript: a plain form post, then a redirect back to the page."""
    attempt, lesson = own_attempt_or_404(attempt_id)
    form = ActionForm()
    target = url_for("chat.page", attempt_id=attempt_id)
    if not form.validate_on_submit():
        flash("Your message could not be sent. Reload the page and try again.", "error")
        return redirect(target)
    quick = request.form.get("quick")
    try:
        if quick:  # a quick-reply button sends just its own words
            inp = read_input(quick, None, None)
        else:
            inp = read_input(request.form.get("message", ""), request.form.getlist("sentences") or None,
                             request.form.getlist("options") or None)
        rev_raw = request.form.get("rev", "")
        rev = int(rev_raw) if rev_raw.isdigit() else None
        new_attempt = service.send(attempt, lesson, inp, rev).new_attempt
    except ApiError as exc:
        flash(exc.message, "error")
        return redirect(target + "#chat-message")
    except chat_store.StaleTurn:
        flash("The conversation had moved on (perhaps in another tab), so that message was not sent. Here is "
              "the latest.", "info")
        return redirect(target + "#latest")
    if new_attempt is not None:
        return redirect(url_for("chat.page", attempt_id=new_attempt) + "#latest")
    return redirect(target + "#latest")
