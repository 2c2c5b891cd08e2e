"""CloseRead: a media-literacy tutor built on one flawed news-style article."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from closeread import cli, db, errors, security, teacher, trust, views_chat, views_lesson, views_print, views_quiz
from closeread.content_loader import ContentError, load_content
from closeread.rendering import render_markdown

ROOT = Path(__file__).resolve().parent
csrf = CSRFProtect()


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "closeread.sqlite"),
        CONTENT_ROOT=str(ROOT),
        PERMANENT_SESSION_LIFETIME=timedelta(days=180),
        WTF_CSRF_TIME_LIMIT=12 * 3600,  # a full school day
        MAX_CONTENT_LENGTH=256 * 1024,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        # CLOSEREAD_DATABASE=..., CLOSEREAD_PRODUCTION=true ... override config.py (values parsed as JSON).
        app.config.from_prefixed_env("CLOSEREAD")
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = security.load_or_create_secret_key(app.instance_path)

    try:
        lessons = load_content(app.config["CONTENT_ROOT"])
    except ContentError as exc:
        raise SystemExit(f"CloseRead cannot start: a content file is broken.\n{exc}") from exc
    app.extensions["closeread.lessons"] = lessons

    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    trust.init_app(app)  # after security.init_app: needs PRODUCTION
    db.init_app(app)
    cli.init_app(app)
    app.register_blueprint(views_lesson.bp)
    app.register_blueprint(views_quiz.bp)
    app.register_blueprint(views_print.bp)
    teacher.init_app(app)
    views_chat.init_app(app)
    app.add_template_filter(render_markdown, "markdown")

    with app.app_context():
        db.init_db()
    return app
