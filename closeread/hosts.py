"""Hosts and proxies: trusted hosts, a public base URL for links, ProxyFix and HSTS.

Settings (``instance/config.py`` or ``CLOSEREAD_<NAME>`` in the environment):

``PUBLIC_BASE_URL``  e.g. ``"https://closeread.school.org"``: join links and join cards
    are built from it instead of the request's Host header, which a client chooses.
``TRUSTED_HOSTS``    e.g. ``["closeread.school.org"]``: any other Host header gets 400
    (Flask's own check). When unset but ``PUBLIC_BASE_URL`` is set, its host is used.
    ``localhost`` is always added so the health check of deploy/ can reach ``/healthz``.
``PROXY_FIX``        the number of proxies in front of the app (usually ``1``), or a dict of
    Werkzeug ``ProxyFix`` arguments. Only then are ``X-Forwarded-For``/``-Proto``/``-Host``
    believed: the client address (for the limits) and HTTPS (for the CSRF Referer check).
    Never set it without a proxy that overwrites those headers, or clients can forge them.
``HSTS_MAX_AGE``     seconds of ``Strict-Transport-Security`` in production (default one year).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

HSTS_MAX_AGE = 365 * 24 * 3600
PROXY_FIX_KEYS = ("x_for", "x_proto", "x_host", "x_port", "x_prefix")


def proxy_fix_arguments(setting: object) -> dict[str, int] | None:
    """ProxyFix keyword arguments from the PROXY_FIX setting, or None to leave the app as it is."""
    if setting in (None, False, 0, "", "0"):
        return None
    if isinstance(setting, dict):
        unknown = set(setting) - set(PROXY_FIX_KEYS)
        if unknown:
            raise SystemExit(f"CloseRead cannot start: PROXY_FIX has unknown keys {sorted(unknown)}; "
                             f"use {', '.join(PROXY_FIX_KEYS)}.")
        return {k: int(v) for k, v in setting.items()}
    try:
        hops = int(setting)  # True counts as one proxy
    except (TypeError, ValueError) as exc:
        raise SystemExit("CloseRead cannot start: PROXY_FIX must be a number of proxies or a dict.") from exc
    return {"x_for": hops, "x_proto": hops, "x_host": hops, "x_port": hops}


def public_url(endpoint: str, **values) -> str:
    """An absolute URL for links people copy or print: from PUBLIC_BASE_URL when set."""
    base = (current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _trusted_hosts(app: Flask) -> list[str] | None:
    hosts = app.config.get("TRUSTED_HOSTS")
    base = app.config.get("PUBLIC_BASE_URL")
    if hosts is None and base:
        hosts = [urlsplit(base).hostname]
    if hosts is None:
        return None
    if isinstance(hosts, str):
        hosts = [h.strip() for h in hosts.split(",") if h.strip()]
    return [*hosts, "localhost"] if "localhost" not in hosts else list(hosts)


def init_app(app: Flask, production: bool) -> None:
    base = app.config.get("PUBLIC_BASE_URL")
    if base and urlsplit(base).scheme not in ("http", "https"):
        raise SystemExit("CloseRead cannot start: PUBLIC_BASE_URL must start with https:// (or http://).")
    app.config["TRUSTED_HOSTS"] = _trusted_hosts(app)
    fix = proxy_fix_arguments(app.config.get("PROXY_FIX"))
    if fix:
        app.wsgi_app = ProxyFix(app.wsgi_app, **fix)
    app.jinja_env.globals["public_url"] = public_url
    if production:
        max_age = int(app.config.get("HSTS_MAX_AGE", HSTS_MAX_AGE))

        @app.after_request
        def hsts(response: Response) -> Response:
            response.headers.setdefault("Strict-Transport-Security", f"max-age={max_age}")
            return response
