"""The teacher side: accounts, classes, joining, dashboard, item analysis, heatmap, exports.

``init_app`` is the one call app.py makes.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import cli, dashboard, join, views  # noqa: F401  (dashboard adds routes to views.bp)
    from .auth import load_identity

    app.config.setdefault("TEACHER_SELF_REGISTRATION", False)
    app.config.setdefault("TEACHER_POLL_SECONDS", 15)  # how often an open dashboard refreshes its roster
    app.before_request(load_identity)
    app.register_blueprint(views.bp)
    app.register_blueprint(join.bp)
    cli.init_app(app)
