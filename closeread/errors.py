"""Error pages: JSON for API clients, HTML for people, never a traceback."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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


def wants_json() -> bool:
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _respond(status: int, message: str):
    if wants_json():
        return jsonify(error=MESSAGES.get(status, "Error"), message=message, status=status), status
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return _respond(
            400,
            "Your form expired or was sent from another page, so nothing was saved. "
            "Go back, reload the page and try again.",
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        message = MESSAGES.get(status) or exc.description or "Error"
        return _respond(status, message)

    @app.errorhandler(Exception)
    def unhandled(exc: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return _respond(500, MESSAGES[500])

    @app.errorhandler(InternalServerError)
    def internal(exc: InternalServerError):
        return _respond(500, MESSAGES[500])
