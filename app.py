"""CloseRead: a media-literacy tutor built on one flawed news-style article."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from closeread import cli, db, errors, keys, security, trust
from closeread.content.loader import ContentError, load_content
from closeread.editor import views as editor_views
from closeread.editor import views_publish as editor_publish
from closeread.editor import views_questions as editor_questions
from closeread.learner import join, views_lesson, views_print, views_quiz, views_rounds
from closeread.library import cli as library_cli
from closeread.library import views as library_views
from closeread.library.snapshot import stamp_versions
from closeread.rendering import duration, points, render_markdown
from closeread.teacher import answer_key, dashboard
from closeread.teacher import cli as teacher_cli
from closeread.teacher import views as teacher_views
from closeread.teacher.analytics import whole
from closeread.teacher.auth import load_identity
from closeread.tutor import api as chat_api
from closeread.tutor import views as chat_views
from closeread.tutor.service import build_tutors

ROOT = Path(__file__).resolve().parent
csrf = CSRFProtect()

BLUEPRINTS = [
    views_lesson.bp, views_quiz.bp, views_rounds.bp, views_print.bp, join.bp,  # learner
    chat_views.bp, chat_api.bp,  # tutor
    teacher_views.bp, dashboard.bp, answer_key.bp,  # teacher
    library_views.bp,  # assignments, bundles, regrades, GIFT
    editor_views.bp, editor_questions.bp, editor_publish.bp,  # the lesson editor
]
FILTERS = {"markdown": render_markdown, "whole": whole, "duration": duration, "points": points}


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
        TEACHER_SELF_REGISTRATION=False,
        TEACHER_POLL_SECONDS=15,  # how often an open dashboard refreshes its roster
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
        lessons = load_content(app.config["CONTENT_ROOT"])  # lessons, quizzes and tutor.toml files
    except ContentError as exc:
        raise SystemExit(f"CloseRead cannot start: a content file is broken.\n{exc}") from exc
    app.extensions[keys.LESSONS] = lessons
    app.extensions[keys.LESSON_FILES] = stamp_versions(app.config["CONTENT_ROOT"], lessons)
    app.extensions[keys.TUTORS] = build_tutors(lessons)

    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    trust.init_app(app)  # after security.init_app: needs PRODUCTION
    db.init_app(app)
    cli.init_app(app)
    teacher_cli.init_app(app)
    library_cli.init_app(app)
    app.before_request(load_identity)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    for name, function in FILTERS.items():
        app.add_template_filter(function, name)

    with app.app_context():
        db.init_db()
    return app
