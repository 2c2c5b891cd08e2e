"""Secret key, security headers, cookie settings and production checks.

Production is selected by ``CLOSEREAD_ENV=production`` in the environment or
``PRODUCTION = True`` in ``instance/config.py``. In production the session
cookie is ``__Host-session`` (Secure, path /, no domain), and the app refuses
to start with a default or weak secret key or with debug on.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from werkzeug.routing import IntegerConverter

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

MIN_KEY_LENGTH = 32
MIN_KEY_DISTINCT = 10
# zxcvbn's estimate of the guesses needed (its patterns: sequences, repeats, keyboard walks, words).
# 10^30 is about 100 bits; secrets.token_hex(16) scores about 10^32, "0123456789" repeated about 10^4.
MIN_KEY_GUESSES_LOG10 = 30
ZXCVBN_MAX_LENGTH = 72
# Keys copied from tutorials and templates; never acceptable in production.
KNOWN_WEAK_KEYS = frozenset(
    {"dev", "development", "secret", "secret-key", "secret_key", "secretkey", "changeme", "change-me",
     "change_me", "default", "test", "testing", "password", "your-secret-key", "replace-me", "insecure"}
)
HOST_COOKIE_NAME = "__Host-session"


def load_or_create_secret_key(instance_path: str) -> str:
    """Read ``instance/secret_key``, creating it (mode 0600) on first run."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    os.chmod(path, 0o600)
    return key


def is_production(app: Flask) -> bool:
    """Production when ``PRODUCTION`` is set in config or ``CLOSEREAD_ENV=production``."""
    if "PRODUCTION" in app.config:
        return bool(app.config["PRODUCTION"])
    return os.environ.get("CLOSEREAD_ENV", "").strip().lower() == "production"


def weak_key_problem(key: object) -> str | None:
    """Why ``key`` is not fit for production, or None when it is."""
    if isinstance(key, bytes):
        key = key.decode("latin-1")
    if not isinstance(key, str) or not key:
        return "SECRET_KEY is not set"
    if key.strip().lower() in KNOWN_WEAK_KEYS:
        return "SECRET_KEY is a well-known default"
    if len(key) < MIN_KEY_LENGTH:
        return f"SECRET_KEY is shorter than {MIN_KEY_LENGTH} characters"
    if len(set(key)) < MIN_KEY_DISTINCT:
        return "SECRET_KEY has too few different characters to be random"
    from zxcvbn import zxcvbn  # its word lists take about 18 MB: loaded only when a production key is checked

    guesses_log10 = zxcvbn(key[:ZXCVBN_MAX_LENGTH], max_length=ZXCVBN_MAX_LENGTH)["guesses_log10"]
    if guesses_log10 < MIN_KEY_GUESSES_LOG10:
        return (f"SECRET_KEY is too predictable (about 10^{guesses_log10:.0f} guesses; sequences, repeats and "
                f"words do not count as random; 10^{MIN_KEY_GUESSES_LOG10} at least)")
    return None


def check_production(app: Flask) -> None:
    """Refuse to start a production app that is not safe to expose."""
    problems = []
    key_problem = weak_key_problem(app.config.get("SECRET_KEY"))
    if key_problem:
        problems.append(f"{key_problem}; delete it from the config to use the generated instance/secret_key")
    if app.debug or app.config.get("DEBUG"):
        problems.append("debug is on; unset FLASK_DEBUG and DEBUG")
    if app.config.get("TESTING"):
        problems.append("TESTING is on")
    if app.config.get("WTF_CSRF_ENABLED") is False:
        problems.append("CSRF protection is off (WTF_CSRF_ENABLED = False)")
    if problems:
        raise SystemExit("CloseRead refuses to start in production:\n" + "\n".join(f"  - {p}" for p in problems))


# Directives every response keeps, whatever policy a route sets for itself.
BASELINE_DIRECTIVES = {
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def _parse_csp(policy: str) -> dict[str, str]:
    directives: dict[str, str] = {}
    for part in policy.split(";"):
        words = part.split(None, 1)
        if words:
            directives.setdefault(words[0].lower(), words[1].strip() if len(words) > 1 else "")
    return directives


def enforce_csp(policy: str | None, mimetype: str | None) -> str:
    """A route may narrow the policy (an SVG chart uses ``default-src 'none'``), never widen it.

    HTML always gets the app's policy. Another type keeps its own policy only if
    its default-src is 'self' or 'none'; inline style is tolerated only for SVG
    images (pygal's <style>), and the baseline directives are put back in any case.
    """
    if not policy or mimetype == "text/html":
        return CSP
    directives = _parse_csp(policy)
    if directives.get("default-src") not in ("'self'", "'none'"):
        return CSP
    for name, value in directives.items():
        if "unsafe-" in value and not (name == "style-src" and mimetype == "image/svg+xml"
                                       and value == "'unsafe-inline'"):
            return CSP
    directives.update(BASELINE_DIRECTIVES)
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Content-Security-Policy"] = enforce_csp(
        response.headers.get("Content-Security-Policy"), response.mimetype
    )
    return response


_UNSAFE_LOG_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def log_safe(value: object, limit: int = 200) -> str:
    """Text fit for one log line: control characters (CR, LF, ESC...) escaped, length capped.

    Log injection works by smuggling a newline and a forged entry into a logged
    field; escaping every control character keeps each event on its own line.
    """
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNSAFE_LOG_CHARS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                 else f"\\u{ord(m.group()):04x}", text)


class SQLiteIntConverter(IntegerConverter):
    """``<int:...>`` limited to SQLite's 64-bit integers: a larger id is a 404, not an OverflowError."""

    def __init__(self, map, fixed_digits=0, min=None, max=2**63 - 1, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed-cookie session, re-signed to push a permanent session's expiry on only
    when a page is loaded (GET), or when the request changed the session.

    A learner's session is permanent (180 days, renewed as they use the app). By default Flask
    signs and sends the cookie again on every response; for a chat turn that is about a tenth
    of the work. The page the chat runs in was loaded with a GET, which renewed it already.
    """

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        if session.modified:
            return True
        return bool(session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"] and request.method == "GET")


def init_app(app: Flask) -> None:
    # Before any blueprint is registered, so that every <int:...> rule uses it.
    app.url_map.converters["int"] = SQLiteIntConverter
    app.session_interface = SessionCookie()
    # Flask's defaults exist (SameSite None), so fill in only what is unset.
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    production = is_production(app)
    app.config["PRODUCTION"] = production
    if production:
        check_production(app)
        # The __Host- prefix makes the browser insist on Secure, path / and no Domain.
        app.config.update(
            SESSION_COOKIE_NAME=HOST_COOKIE_NAME,
            SESSION_COOKIE_SECURE=True,
            SESSION_COOKIE_PATH="/",
            SESSION_COOKIE_DOMAIN=None,
            PREFERRED_URL_SCHEME="https",
        )
    app.after_request(add_security_headers)
