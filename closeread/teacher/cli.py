"""``flask --app app create-teacher``: make a teacher account from the command line."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from ..db import get_db
from . import accounts


@click.command("create-teacher")
@click.option("--email", prompt="Email", help="The teacher's email address (their sign-in name).")
@click.password_option(
    "--password", prompt="Password (12 or more characters)", help="Leave out to be prompted without echo."
)
@with_appcontext
def create_teacher_command(email: str, password: str) -> None:
    """Create a teacher account."""
    try:
        accounts.create_teacher(get_db(), email, password)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created the teacher account {accounts.normalise_email(email)}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(create_teacher_command)
