"""Wires the second trust pass into the app: one call from ``create_app``.

JSON guard (``json_guard.py``), storage faults (``storage_faults.py``), hosts and
proxies (``hosts.py``), per-client limits (``limits.py``), ``/healthz``
(``health.py``) and ``flask prune`` (``prune.py``).
"""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import SecurityError

from . import health, hosts, prune, storage_faults
from .errors import respond
from .json_guard import BadJSON, GuardedJSONProvider
from .limits import LimitReached


def init_app(app: Flask) -> None:
    app.json = GuardedJSONProvider(app)
    hosts.init_app(app, production=bool(app.config.get("PRODUCTION")))
    storage_faults.init_app(app)
    prune.init_app(app)
    app.register_blueprint(health.bp)

    @app.errorhandler(BadJSON)
    def bad_json(exc: BadJSON):
        return respond(400, exc.description or "The JSON could not be read.")

    @app.errorhandler(SecurityError)
    def untrusted_host(exc: SecurityError):
        # No URLs can be built for an untrusted host, so no page template: a short JSON answer.
        return jsonify(error="Bad request", message="This server does not answer for that host name.",
                       status=400), 400

    @app.errorhandler(LimitReached)
    def limit_reached(exc: LimitReached):
        return respond(429, exc.message, [("Retry-After", str(exc.retry_after))])
