"""``flask --app app export-lesson SLUG FILE`` and ``flask --app app import-lesson FILE --teacher EMAIL``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .. import keys
from ..content.checker import ContentError
from ..db import get_db
from ..teacher import accounts
from . import bundles, imports, versions


@click.command("export-lesson")
@click.argument("slug")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def export_lesson_command(slug: str, file: str) -> None:
    """Write the lesson SLUG (the version served now) as a bundle .zip to FILE."""
    db = get_db()
    version = versions.current(db, slug)
    data = imports.export_bundle(db, slug, version) if version else None
    if data is None:
        raise click.ClickException(f"There is no lesson '{slug}'.")
    Path(file).write_bytes(data)
    click.echo(f"Exported {slug} (version {versions.short(version)}) to {file} ({len(data):,} bytes).")


@click.command("import-lesson")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--teacher", "email", required=True, help="Email of the teacher who will own the lesson.")
@with_appcontext
def import_lesson_command(file: str, email: str) -> None:
    """Import a lesson bundle .zip as the given teacher's lesson."""
    db = get_db()
    row = db.execute("SELECT id FROM teachers WHERE email = ?", [accounts.normalise_email(email)]).fetchone()
    if row is None:
        raise click.ClickException(f"There is no teacher account {email}.")
    size = Path(file).stat().st_size
    if size > bundles.MAX_TOTAL_BYTES:
        raise click.ClickException(f"{file} is {size:,} bytes; a bundle is at most {bundles.MAX_TOTAL_BYTES:,}.")
    try:
        builtin = set(current_app.extensions[keys.LESSONS])
        lesson, new = imports.import_bundle(db, Path(file).read_bytes(), row[0], builtin)
    except ContentError as exc:
        raise click.ClickException(f"The bundle was not imported. {exc}") from exc
    click.echo(f"{'Imported' if new else 'Updated'} {lesson.slug}: {lesson.title} (version "
               f"{versions.short(lesson.version)}), owned by {email}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(export_lesson_command)
    app.cli.add_command(import_lesson_command)
