"""The answer form of the quiz, built per question by the question's type."""

from __future__ import annotations

from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..content.model import Question
from ..content.sentences import Article
from ..forms import Form
from .store import TRUST_SCALE


class AnswerForm(Form):
    submit = SubmitField("Check my answer")


def answer_form(question: Question, article: Article, **kwargs) -> AnswerForm:
    """Build the answer form for one question, with the right field and messages."""
    field = question.kind.form_field(question, article)
    form_class = type(f"AnswerForm_{question.type}", (AnswerForm,), {"answer": field})
    return form_class(**kwargs)


class TrustForm(Form):
    """How far the learner trusts the article, 1 to 5 (before reading, and again at the end)."""

    rating = RadioField(
        "How far do you trust this article?",
        choices=[SelectChoice(value, label) for value, label in TRUST_SCALE],
        coerce=int,
        validators=[InputRequired("Choose a number from 1 to 5, or skip this question.")],
    )
    submit = SubmitField("Save my rating")
