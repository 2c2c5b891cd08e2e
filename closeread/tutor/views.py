"""The chat tutor over HTTP: the chat page (works without JavaScript) and a JSON API.

Pages
    POST /lessons/<slug>/chat          start or resume a chat (form button on the lesson page)
    GET  /chat/<attempt_id>            the chat page: transcript, reply box, article panel
    POST /chat/<attempt_id>            send a message without JavaScript (post, redirect, get)
API (JSON, CSRF token in the X-CSRFToken header, described by GET /api/openapi.json)
    POST /api/chat/start               start or resume; body {"lesson", "attempt_id"?, "new"?}
    GET  /api/chat/attempts/<id>       the transcript and status (?after=<message id>)
    POST /api/chat/attempts/<id>/messages   send; body {"text", "sentences"?, "options"?, "rev"?}

The engine (:mod:`closeread.tutor.engine`) is pure; this module loads the state
and the attempt's progress, runs one turn inside one write transaction, stores
the replies and applies the effects: ``seen`` -> store.mark_seen, ``hint`` ->
store.use_hint, ``answer`` -> store.record_response (the same rows as the form
quiz), ``new_attempt`` -> a fresh attempt in chat mode.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, current_app, flash, jsonify, redirect, render_template, request, url_for
from markupsafe import escape

from . import store
from .content_loader import ContentError
from .content_model import Lesson
from .db import get_db
from .errors import MESSAGES
from .forms import EXPLAIN_MAX_CHARS, ActionForm
from .learners import current_learner_id, lesson_or_404, own_attempt_or_404
from .rendering import render_markdown
from .tutor import store as chat_store
from .tutor.content import load_all
from .tutor.engine import Input, Message, Turn, Tutor

bp = Blueprint("chat", __name__)
TUTORS = "closeread.tutors"
OPENAPI_PATH = Path(__file__).resolve().parent / "openapi.json"
MAX_MESSAGE_CHARS = EXPLAIN_MAX_CHARS  # a written answer may be this long
MAX_PICKS = 50


def init_app(app: Flask) -> None:
    """Load and validate the tutor content (a broken tutor.toml stops the app), register the routes."""
    lessons = app.extensions["closeread.lessons"]
    try:
        contents = load_all(app.config["CONTENT_ROOT"], lessons)
    except ContentError as exc:
        raise SystemExit(f"CloseRead cannot start: a content file is broken.\n{exc}") from exc
    app.extensions[TUTORS] = {slug: Tutor(lesson, contents[slug]) for slug, lesson in lessons.items()}
    app.register_blueprint(bp)


def tutor_for(lesson: Lesson) -> Tutor:
    return current_app.extensions[TUTORS][lesson.slug]


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return jsonify(error=MESSAGES.get(exc.status, "Error"), message=exc.message, status=exc.status), exc.status


# -- the conversation, shared by the page and the API ---------------------------------
def _apply(db, attempt_id: int, lesson: Lesson, turn: Turn) -> tuple[list[str], int | None]:
    """Apply the engine's effects. Returns (notes to add to the replies, a new attempt id)."""
    notes: list[str] = []
    new_attempt = None
    questions = lesson.quiz.by_id
    for effect in turn.effects:
        if effect.kind == "seen":
            store.mark_seen(db, attempt_id, effect.question_id)
        elif effect.kind == "hint":
            store.use_hint(db, attempt_id, questions[effect.question_id])
        elif effect.kind == "answer":
            q = questions[effect.question_id]
            row, created = store.record_response(db, attempt_id, q, effect.answer, effect.grade, lesson)
            if not created:
                notes.append(f"Question {q.number} was already answered in this attempt; the first answer "
                             f"({row['score']:g} of {row['max']}) is the one that counts.")
        elif effect.kind == "new_attempt":
            attempt = store.get_attempt(db, attempt_id)
            new_attempt = store.new_attempt(db, attempt["learner_id"], lesson.slug, mode="chat")
    return notes, new_attempt


def open_session(attempt: dict, lesson: Lesson) -> dict:
    """The attempt's conversation, started on first use and caught up with the form view."""
    db = get_db()
    tutor = tutor_for(lesson)
    session = chat_store.get_session(db, attempt["id"])
    if session is None:
        with db.atomic():
            turn = tutor.start(chat_store.progress(db, attempt["id"]))
            chat_store.create_session(db, attempt["id"], turn.state, turn.messages)
        return chat_store.get_session(db, attempt["id"])
    if not tutor.resume(session["state"], chat_store.progress(db, attempt["id"])).messages:
        return session  # nothing happened elsewhere: no write, no lock
    with db.atomic():  # catch up under the write lock, so two requests cannot both do it
        session = chat_store.get_session(db, attempt["id"])
        turn = tutor.resume(session["state"], chat_store.progress(db, attempt["id"]))
        if turn.messages:
            _apply(db, attempt["id"], lesson, turn)
            chat_store.save_turn(db, attempt["id"], session["rev"], turn.state, None, turn.messages)
    return chat_store.get_session(db, attempt["id"])


def send(attempt: dict, lesson: Lesson, inp: Input, rev: int | None) -> tuple[int, int | None, int]:
    """Run one turn. Returns (new revision, new attempt id or None, id of the last message before the turn)."""
    db = get_db()
    tutor = tutor_for(lesson)
    open_session(attempt, lesson)
    with db.atomic():
        session = chat_store.get_session(db, attempt["id"])
        if rev is not None and rev != session["rev"]:
            raise chat_store.StaleTurn(attempt["id"])
        before = db.execute("SELECT COALESCE(MAX(id), 0) FROM chat_messages WHERE attempt_id = ?",
                            [attempt["id"]]).fetchone()[0]
        turn = tutor.respond(session["state"], inp, chat_store.progress(db, attempt["id"]))
        notes, new_attempt = _apply(db, attempt["id"], lesson, turn)
        turn.messages[:0] = [Message(note) for note in notes]
        new_rev = chat_store.save_turn(db, attempt["id"], session["rev"], turn.state, tutor.echo(inp),
                                       turn.messages)
        if new_attempt is not None:
            fresh = tutor.start(chat_store.progress(db, new_attempt))
            chat_store.create_session(db, new_attempt, fresh.state, fresh.messages)
    return new_rev, new_attempt, before


def _message_json(m: dict) -> dict:
    html = render_markdown(m["text"]) if m["who"] == "tutor" else escape(m["text"])
    return {
        "id": m["id"],
        "who": m["who"],
        "text": m["text"],
        "html": str(html),
        "created_at": m["created_at"],
        "tone": m["tone"],
        "quick_replies": m["quick_replies"],
        "select": m["select"],
        "highlight": m["highlight"],
        "focus": m["focus"],
    }


def _status(attempt_id: int, lesson: Lesson, session: dict) -> dict:
    db = get_db()
    status = tutor_for(lesson).status(session["state"], chat_store.progress(db, attempt_id))
    last = chat_store.last_tutor_message(db, attempt_id)
    if last and last["quick_replies"]:
        status["quick_replies"] = last["quick_replies"]
    return status


def _links(attempt_id: int) -> dict:
    return {
        "page": url_for("chat.page", attempt_id=attempt_id),
        "messages": url_for("chat.api_send", attempt_id=attempt_id),
        "form": url_for("quiz.resume", attempt_id=attempt_id),
        "result": url_for("quiz.result", attempt_id=attempt_id),
    }


def _session_json(attempt: dict, lesson: Lesson, after: int = 0) -> dict:
    session = open_session(attempt, lesson)
    db = get_db()
    return {
        "attempt_id": attempt["id"],
        "lesson": lesson.slug,
        "mode": attempt["mode"],
        "rev": session["rev"],
        "messages": [_message_json(m) for m in chat_store.messages(db, attempt["id"], after)],
        "status": _status(attempt["id"], lesson, session),
        "links": _links(attempt["id"]),
    }


def _choose_attempt(learner_id: str, lesson: Lesson, new: bool) -> tuple[dict, bool]:
    """The latest unfinished attempt of this lesson (form or chat), unless a new one is asked for."""
    db = get_db()
    if not new:
        open_attempts = [a for a in store.attempts_for(db, learner_id, lesson.slug) if not a["finished_at"]]
        if open_attempts:
            return store.get_attempt(db, open_attempts[-1]["id"]), False
    attempt_id = store.new_attempt(db, learner_id, lesson.slug, mode="chat")
    return store.get_attempt(db, attempt_id), True


# -- pages -------------------------------------------------------------------------------
@bp.post("/lessons/<slug>/chat")
def start(slug: str):
    lesson = lesson_or_404(slug)
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("lesson.show", slug=slug))
    learner_id = current_learner_id(create=True)
    attempt, _ = _choose_attempt(learner_id, lesson, new=request.form.get("new") == "1")
    return redirect(url_for("chat.page", attempt_id=attempt["id"]))


@bp.get("/chat/<int:attempt_id>")
def page(attempt_id: int):
    attempt, lesson = own_attempt_or_404(attempt_id)
    session = open_session(attempt, lesson)
    db = get_db()
    transcript = chat_store.messages(db, attempt_id)
    status = _status(attempt_id, lesson, session)
    select = status["select"] or {}
    return render_template(
        "chat.html",
        lesson=lesson,
        attempt=attempt,
        session=session,
        transcript=transcript,
        status=status,
        selecting=select.get("kind") == "sentences",
        picked=set(select.get("picked") or []),
        highlight=set(status["highlight"]),
        form=ActionForm(),
        links=_links(attempt_id),
        max_chars=MAX_MESSAGE_CHARS,
    )


def _clean_ids(values, what: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and 0 < len(v) <= 40 for v in values):
        raise ApiError(422, f"'{what}' must be a list of ids (strings).")
    if len(values) > MAX_PICKS:
        raise ApiError(422, f"Too many {what}: {MAX_PICKS} at most.")
    return tuple(dict.fromkeys(values))


def _input(text: object, sentences: object, options: object) -> Input:
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise ApiError(422, "'text' must be a string.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise ApiError(422, f"Your message is too long: {MAX_MESSAGE_CHARS} characters at most.")
    inp = Input(text.strip(), _clean_ids(sentences, "sentences"), _clean_ids(options, "options"))
    if not inp.text and not inp.sentences and not inp.options:
        raise ApiError(422, "Type a message, or select sentences or options, before sending.")
    return inp


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
            inp = _input(quick, None, None)
        else:
            inp = _input(request.form.get("message", ""), request.form.getlist("sentences") or None,
                         request.form.getlist("options") or None)
        rev_raw = request.form.get("rev", "")
        rev = int(rev_raw) if rev_raw.isdigit() else None
        _, new_attempt, _ = send(attempt, lesson, inp, rev)
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


# -- JSON API ---------------------------------------------------------------------------------
@bp.get("/api/openapi.json")
def openapi():
    return current_app.response_class(OPENAPI_PATH.read_text(encoding="utf-8"), mimetype="application/json")


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object in the request body (Content-Type: application/json).")
    return body


def _own_attempt_json(attempt_id: int) -> tuple[dict, Lesson]:
    attempt = store.get_attempt(get_db(), attempt_id)
    if attempt is None or attempt["learner_id"] != current_learner_id():
        raise ApiError(404, f"There is no attempt {attempt_id} of yours.")
    lesson = current_app.extensions["closeread.lessons"].get(attempt["lesson"])
    if lesson is None:
        raise ApiError(404, "That attempt's lesson no longer exists.")
    return attempt, lesson


@bp.post("/api/chat/start")
def api_start():
    body = _json_body()
    slug = body.get("lesson")
    attempt_id = body.get("attempt_id")
    new = body.get("new", False)
    if not isinstance(new, bool):
        raise ApiError(422, "'new' must be true or false.")
    if attempt_id is not None:
        if not isinstance(attempt_id, int) or isinstance(attempt_id, bool) or not 0 < attempt_id < 2**63:
            raise ApiError(422, "'attempt_id' must be a whole number (an attempt id).")
        attempt, lesson = _own_attempt_json(attempt_id)
        if slug is not None and slug != lesson.slug:
            raise ApiError(422, f"Attempt {attempt_id} is for the lesson '{lesson.slug}', not '{slug}'.")
        return jsonify(_session_json(attempt, lesson) | {"created": False}), 200
    if not isinstance(slug, str):
        raise ApiError(422, "Name the lesson: {\"lesson\": \"<slug>\"}.")
    lesson = current_app.extensions["closeread.lessons"].get(slug)
    if lesson is None:
        raise ApiError(404, f"There is no lesson '{slug}'.")
    learner_id = current_learner_id(create=True)
    attempt, created = _choose_attempt(learner_id, lesson, new)
    return jsonify(_session_json(attempt, lesson) | {"created": created}), 201 if created else 200


@bp.get("/api/chat/attempts/<int:attempt_id>")
def api_transcript(attempt_id: int):
    attempt, lesson = _own_attempt_json(attempt_id)
    after_raw = request.args.get("after", "0")
    if not after_raw.isdigit() or int(after_raw) >= 2**63:
        raise ApiError(422, "'after' must be a message id (a whole number).")
    return jsonify(_session_json(attempt, lesson, int(after_raw)))


@bp.post("/api/chat/attempts/<int:attempt_id>/messages")
def api_send(attempt_id: int):
    attempt, lesson = _own_attempt_json(attempt_id)
    body = _json_body()
    rev = body.get("rev")
    if rev is not None and (not isinstance(rev, int) or isinstance(rev, bool) or not 0 <= rev < 2**63):
        raise ApiError(422, "'rev' must be a whole number.")
    inp = _input(body.get("text"), body.get("sentences"), body.get("options"))
    try:
        new_rev, new_attempt, before = send(attempt, lesson, inp, rev)
    except chat_store.StaleTurn as exc:
        raise ApiError(409, "The conversation has moved on (perhaps in another tab). Reload to see the latest "
                            "messages.") from exc
    session = chat_store.get_session(get_db(), attempt_id)
    payload = {
        "attempt_id": attempt_id,
        "rev": new_rev,
        "messages": [_message_json(m) for m in chat_store.messages(get_db(), attempt_id, before)],
        "status": _status(attempt_id, lesson, session),
        "links": _links(new_attempt or attempt_id),
        "new_attempt_id": new_attempt,
    }
    return jsonify(payload)
