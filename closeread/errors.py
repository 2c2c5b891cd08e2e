"""Error pages: JSON for API clients, HTML for people, never a traceback.

An expired or missing CSRF token must not cost a learner what they typed: the
HTML answer shows the submitted text back in a fresh form (new token, same
address) so one click sends it again; the JSON answer carries a fresh token so
the page's script can retry without clearing the message box.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed, NotFound

from .security import log_safe

MESSAGES = {
    400: "The request could not be understood.",
    403: "You do not have access to this page.",
    404: "There is nothing at this address.",
    405: "That action is not allowed here.",
    413: "What you sent is too large.",
    422: "Some answers need fixing.",
    429: "Too many tries. Wait a little and try again.",
    500: "Something went wrong on our side. Your earlier answers are safe.",
}
CSRF_MESSAGE = (
    "Your form expired or was sent from another page, so nothing was saved. "
    "Go back, reload the page and try again."
)
EXPIRED_MESSAGE = (
    "This page was open for a long time, so for your safety nothing was saved yet. "
    "What you wrote is below: check it and send it again."
)
# Headers of an HTTP error worth keeping on our own page (Retry-After on 429, Allow on 405).
KEPT_HEADERS = ("Retry-After", "Allow", "WWW-Authenticate")
MAX_KEPT_FIELDS = 50


def wants_json() -> bool:
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def respond(status: int, message: str, headers: list[tuple[str, str]] | None = None):
    """An error answer in the client's format: JSON {"error", "message", "status"} or the HTML page."""
    if wants_json():
        response = jsonify(error=MESSAGES.get(status, "Error"), message=message, status=status)
    else:
        response = render_template("error.html", status=status, message=message)
    return response, status, headers or []


def submitted_fields() -> list[dict]:
    """What the browser sent, minus the token, ready to show back in a fresh form."""
    fields: list[dict] = []
    for name in list(request.form.keys())[:MAX_KEPT_FIELDS]:
        if name == "csrf_token" or "password" in name.lower():  # never echo a password into a page
            continue
        values = [v for v in request.form.getlist(name) if isinstance(v, str)]
        long_text = len(values) == 1 and (len(values[0]) > 40 or " " in values[0] or "\n" in values[0])
        fields.append(
            {
                "name": name,
                "label": name.replace("_", " ").strip().capitalize() or "Field",
                "values": values,
                "text": long_text,
            }
        )
    return fields


def back_link() -> str | None:
    """The same address, when it is also a page one can open (GET)."""
    adapter = request.url_rule and request.url_rule.map.bind_to_environ(request.environ)
    if not adapter:
        return None
    try:
        adapter.match(request.path, method="GET")
    except (NotFound, MethodNotAllowed):
        return None
    except HTTPException:  # redirects and the like: the address is still fine
        return request.path
    return request.path


def _csrf_expired():
    if wants_json():
        response = jsonify(
            error=MESSAGES[400], message=CSRF_MESSAGE, status=400, reason="csrf", csrf_token=generate_csrf()
        )
        return response, 400
    is_form = request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data")
    fields = submitted_fields() if is_form else []
    action = request.full_path.rstrip("?")
    return (
        render_template(
            "form_expired.html",
            status=400,
            message=EXPIRED_MESSAGE if fields else CSRF_MESSAGE,
            fields=fields,
            action=action,
            back=back_link(),
        ),
        400,
    )


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return _csrf_expired()

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        message = MESSAGES.get(status) or exc.description or "Error"
        kept = [(k, v) for k, v in exc.get_headers() if k in KEPT_HEADERS]
        return respond(status, message, kept)

    @app.errorhandler(Exception)
    def unhandled(exc: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, log_safe(request.path))
        return respond(500, MESSAGES[500])

    @app.errorhandler(InternalServerError)
    def internal(exc: InternalServerError):
        return respond(500, MESSAGES[500])
