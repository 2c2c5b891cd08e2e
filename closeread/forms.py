"""The one form every feature shares: a button that changes state (start, retry, hint, sign out)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField


class ActionForm(FlaskForm):
    """A button that changes state: start, retry, hint. Only the CSRF token."""

    submit = SubmitField("Go")
