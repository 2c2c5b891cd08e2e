"""The base of every form, and the one form every feature shares: a button that changes state."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField
from wtforms.csrf.core import CSRFTokenField


class Form(FlaskForm):
    """Every CloseRead form. The hidden CSRF field is rendered without an id: a page often holds
    two forms (answer and hint), and two ``id="csrf_token"`` would make the HTML invalid."""

    class Meta:
        def render_field(self, field, render_kw):
            if isinstance(field, CSRFTokenField):
                render_kw = {"id": False, **render_kw}
            return super().render_field(field, render_kw)


class ActionForm(Form):
    """A button that changes state: start, retry, hint. Only the CSRF token."""

    submit = SubmitField("Go")
