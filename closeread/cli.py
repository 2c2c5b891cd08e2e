"""``flask check-content``: validate every content file without starting the app."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .content_loader import ContentError, load_content


@click.command("check-content")
@with_appcontext
def check_content_command() -> None:
    """Check lesson and quiz files; exit 1 listing every fault."""
    try:
        lessons = load_content(current_app.config["CONTENT_ROOT"])
    except ContentError as exc:
        raise click.ClickException(str(exc)) from exc
    for lesson in lessons.values():
        counts = {}
        for q in lesson.quiz.questions:
            counts[q.category] = counts.get(q.category, 0) + 1
        detail = ", ".join(f"{n} {c}" for c, n in counts.items())
        click.echo(
            f"{lesson.slug}: {len(lesson.article.sentences)} sentences, "
            f"{len(lesson.ledger)} ledger entries, {len(lesson.quiz.questions)} questions ({detail}). OK"
        )


def init_app(app: Flask) -> None:
    app.cli.add_command(check_content_command)
