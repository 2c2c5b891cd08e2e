"""Secret key, security headers and cookie settings."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, Response

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


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    # Flask's defaults exist (SameSite None), so fill in only what is unset.
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.after_request(add_security_headers)
