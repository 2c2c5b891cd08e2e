"""Flask-WTF forms. The answer form is built per question type."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .content_model import Question
from .sentences import Article

EXPLAIN_MAX_CHARS = 2000


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(FlaskForm):
    """A button that changes state: start, retry, hint. Only the CSRF token."""

    submit = SubmitField("Go")


class AnswerForm(FlaskForm):
    submit = SubmitField("Check my answer")

    def validate_answer(self, field) -> None:
        if getattr(self, "_pick_exactly", None) and len(field.data or []) != self._pick_exactly:
            raise ValidationError(f"Select exactly {self._pick_exactly} sentences.")


def answer_form(question: Question, article: Article, **kwargs) -> AnswerForm:
    """Build the answer form for one question, with the right field and messages."""
    label = "Your answer"
    if question.type in ("choice", "verdict"):
        choices = [
            SelectChoice(o.id, f"{o.id.upper()}. {o.text}" if question.type == "choice" else o.text)
            for o in question.options
        ]
        field = RadioField(label, choices=choices, validators=[InputRequired("Choose one of the options.")])
    elif question.type == "multi":
        field = MultiCheckboxField(
            label,
            choices=[SelectChoice(o.id, f"{o.id.upper()}. {o.text}") for o in question.options],
            validators=[DataRequired("Tick at least one option.")],
        )
    elif question.type in ("cite", "pair"):
        field = MultiCheckboxField(
            "Sentences of the article",
            choices=[SelectChoice(s.id, s.text) for s in article.sentences],
            validators=[DataRequired("Select at least one sentence of the article.")],
        )
    else:
        field = TextAreaField(
            label,
            validators=[
                DataRequired("Write a short answer first."),
                Length(min=10, max=EXPLAIN_MAX_CHARS, message="Write between 10 and %(max)d characters."),
            ],
        )
    form_class = type(f"AnswerForm_{question.type}", (AnswerForm,), {"answer": field})
    form = form_class(**kwargs)
    form._pick_exactly = 2 if question.type == "pair" else None
    return form
