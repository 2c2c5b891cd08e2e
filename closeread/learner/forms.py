"""The answer form of the quiz, built per question by the question's type."""

from __future__ import annotations

from wtforms import SubmitField

from ..content.model import Question
from ..content.sentences import Article
from ..forms import Form


class AnswerForm(Form):
    submit = SubmitField("Check my answer")


def answer_form(question: Question, article: Article, **kwargs) -> AnswerForm:
    """Build the answer form for one question, with the right field and messages."""
    field = question.kind.form_field(question, article)
    form_class = type(f"AnswerForm_{question.type}", (AnswerForm,), {"answer": field})
    return form_class(**kwargs)
