"""Command-line tools: ``flask check-content`` and ``flask backup PATH``."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .content.loader import ContentError, load_content
from .content.rules import check_rules, option_length_figure

BACKUP_PAGES_PER_STEP = 256  # copy in small steps so writers are never held up for long


@click.command("check-content")
@with_appcontext
def check_content_command() -> None:
    """Check lesson and quiz files; exit 1 listing every fault."""
    try:
        lessons = load_content(current_app.config["CONTENT_ROOT"])
    except ContentError as exc:
        raise click.ClickException(str(exc)) from exc
    problems = [p for lesson in lessons.values() for p in check_rules(lesson)]
    if problems:
        raise click.ClickException(str(ContentError(problems)))
    for lesson in lessons.values():
        counts = {}
        for q in lesson.quiz.questions:
            counts[q.category] = counts.get(q.category, 0) + 1
        detail = ", ".join(f"{n} {c}" for c, n in counts.items())
        click.echo(
            f"{lesson.slug}: {len(lesson.article.sentences)} sentences, "
            f"{len(lesson.ledger)} ledger entries, {len(lesson.quiz.questions)} questions ({detail}). OK"
        )
        click.echo(f"{lesson.slug}: coverage rules pass; {option_length_figure(lesson)}")


def backup_database(source: str | os.PathLike, target: str | os.PathLike) -> dict[str, int]:
    """Copy a live database with SQLite's online backup API; returns row counts of the copy.

    The copy is a consistent snapshot even while the app is writing: the
    backup API restarts a step if a writer changed pages it already copied.
    It is written beside the target and renamed into place only once it has
    passed ``PRAGMA integrity_check``, so a failed backup never leaves a
    half-written file under the target name.
    """
    target = Path(target)
    if not Path(source).exists():
        raise click.ClickException(f"There is no database at {source}.")
    if target.is_dir():
        raise click.ClickException(f"{target} is a folder; give the path of the backup file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=10)
    dst = sqlite3.connect(partial)
    try:
        src.execute("PRAGMA busy_timeout=10000")
        with dst:
            src.backup(dst, pages=BACKUP_PAGES_PER_STEP, sleep=0.005)
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        status = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if status != "ok":
            raise click.ClickException(f"The backup failed its integrity check: {status}")
        tables = [r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        counts = {t: dst.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        src.close()
        dst.close()
    os.replace(partial, target)
    return counts


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(path: str) -> None:
    """Back up the database to PATH while the app keeps running."""
    counts = backup_database(current_app.config["DATABASE"], path)
    detail = ", ".join(f"{counts[t]} {t}" for t in ("learners", "attempts", "responses") if t in counts)
    click.echo(f"Backed up {current_app.config['DATABASE']} to {path} ({detail}). integrity_check: ok")


def init_app(app: Flask) -> None:
    app.cli.add_command(check_content_command)
    app.cli.add_command(backup_command)
