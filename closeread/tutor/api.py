"""The chat tutor's JSON API, described by ``closeread/openapi.json`` (served at GET /api/openapi.json).

    POST /api/chat/start               start or resume; body {"lesson", "attempt_id"?, "new"?}
    GET  /api/chat/attempts/<id>       the transcript and status (?after=<message id>)
    POST /api/chat/attempts/<id>/messages   send; body {"text", "sentences"?, "options"?, "rev"?}

CSRF token in the X-CSRFToken header. Errors are ``{"error", "message", "status"}``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, jsonify, request, url_for
from markupsafe import escape

from ..content.model import Lesson
from ..db import get_db
from ..errors import MESSAGES
from ..learner import store
from ..learner.learners import current_learner_id
from ..library.catalog import lesson_version, lessons_for_learner
from ..questions.limits import WRITTEN_MAX_CHARS
from ..rendering import render_markdown
from . import service
from . import store as chat_store
from .engine import Input

bp = Blueprint("chat_api", __name__)
OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.json"
MAX_MESSAGE_CHARS = WRITTEN_MAX_CHARS  # a written answer may be this long
MAX_PICKS = 50


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    return jsonify(error=MESSAGES.get(exc.status, "Error"), message=exc.message, status=exc.status), exc.status


# -- reading a message (the page's form posts use these too) -----------------------------
def _clean_ids(values, what: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and 0 < len(v) <= 40 for v in values):
        raise ApiError(422, f"'{what}' must be a list of ids (strings).")
    if len(values) > MAX_PICKS:
        raise ApiError(422, f"Too many {what}: {MAX_PICKS} at most.")
    return tuple(dict.fromkeys(values))


def read_input(text: object, sentences: object, options: object) -> Input:
    """The learner's message as the engine's Input; ApiError (422) when it is malformed or empty."""
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


# -- the JSON shapes -------------------------------------------------------------------------
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


def links(attempt_id: int) -> dict:
    return {
        "page": url_for("chat.page", attempt_id=attempt_id),
        "messages": url_for("chat_api.api_send", attempt_id=attempt_id),
        "form": url_for("quiz.resume", attempt_id=attempt_id),
        "result": url_for("quiz.result", attempt_id=attempt_id),
    }


def _session_json(attempt: dict, lesson: Lesson, after: int = 0) -> dict:
    session = service.open_session(attempt, lesson)
    db = get_db()
    return {
        "attempt_id": attempt["id"],
        "lesson": lesson.slug,
        "mode": attempt["mode"],
        "rev": session["rev"],
        "messages": [_message_json(m) for m in chat_store.messages(db, attempt["id"], after)],
        "status": service.status(attempt, lesson, session),
        "links": links(attempt["id"]),
    }


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object in the request body (Content-Type: application/json).")
    return body


def _own_attempt_json(attempt_id: int) -> tuple[dict, Lesson]:
    attempt = store.get_attempt(get_db(), attempt_id)
    if attempt is None or attempt["learner_id"] != current_learner_id():
        raise ApiError(404, f"There is no attempt {attempt_id} of yours.")
    lesson = lesson_version(attempt["lesson"], attempt.get("version"))  # the version the attempt is pinned to
    if lesson is None:
        raise ApiError(404, "That attempt's lesson no longer exists.")
    return attempt, lesson


# -- routes ------------------------------------------------------------------------------------
@bp.get("/api/openapi.json")
def openapi():
    return current_app.response_class(OPENAPI_PATH.read_text(encoding="utf-8"), mimetype="application/json")


def _whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


@bp.post("/api/chat/start")
def api_start():
    body = _json_body()
    slug = body.get("lesson")
    attempt_id = body.get("attempt_id")
    new = body.get("new", False)
    if not isinstance(new, bool):
        raise ApiError(422, "'new' must be true or false.")
    if attempt_id is not None:
        if not _whole_number(attempt_id) or attempt_id == 0:
            raise ApiError(422, "'attempt_id' must be a whole number (an attempt id).")
        attempt, lesson = _own_attempt_json(attempt_id)
        if slug is not None and slug != lesson.slug:
            raise ApiError(422, f"Attempt {attempt_id} is for the lesson '{lesson.slug}', not '{slug}'.")
        return jsonify(_session_json(attempt, lesson) | {"created": False}), 200
    if not isinstance(slug, str):
        raise ApiError(422, "Name the lesson: {\"lesson\": \"<slug>\"}.")
    lesson = next((x for x in lessons_for_learner(current_learner_id()) if x.slug == slug), None)
    if lesson is None:
        raise ApiError(404, f"There is no lesson '{slug}'.")
    learner_id = current_learner_id(create=True)
    attempt, created = service.choose_attempt(learner_id, lesson, new)
    lesson = service.attempt_lesson(attempt)  # an open attempt keeps the version it started on
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
    if rev is not None and not _whole_number(rev):
        raise ApiError(422, "'rev' must be a whole number.")
    inp = read_input(body.get("text"), body.get("sentences"), body.get("options"))
    try:
        sent = service.send(attempt, lesson, inp, rev)
    except chat_store.StaleTurn as exc:
        raise ApiError(409, "The conversation has moved on (perhaps in another tab). Reload to see the latest "
                            "messages.") from exc
    replies = chat_store.messages(get_db(), attempt_id, sent.before)
    payload = {
        "attempt_id": attempt_id,
        "rev": sent.rev,
        "messages": [_message_json(m) for m in replies],
        "status": service.status(attempt, lesson, {"state": sent.state}, sent.progress, replies),
        "links": links(sent.new_attempt or attempt_id),
        "new_attempt_id": sent.new_attempt,
    }
    return jsonify(payload)
