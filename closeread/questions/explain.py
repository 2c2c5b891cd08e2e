"""``explain``: the learner writes a few sentences.

Provisional score: criteria of the rubric met / criteria, each met when the
answer contains one of its words or phrases (whole words, case-insensitive).
The response is flagged for a teacher to review.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wtforms import Field, TextAreaField
from wtforms.validators import DataRequired, Length

from ..content.model import Criterion
from .base import QuestionType
from .expect import Expect
from .grading import AnswerError, Grade, scaled
from .limits import WRITTEN_MAX_CHARS, WRITTEN_MIN_CHARS

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question
    from ..content.sentences import Article


def _matches(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


class ExplainType(QuestionType):
    name = "explain"
    provisional = True
    chat_instructions = "Write your answer in a sentence or two. Quote the article where you can."

    def load_key(self, q: Question, raw: dict, check: Checker, item: str) -> object:
        if raw.get("key") is not None:
            check.fail(item, "explain questions have a rubric, not a key")
        return None

    def load_extra(self, q: Question, raw: dict, check: Checker, item: str) -> None:
        q.model_answer = check.text(item, raw, "model_answer")
        check.quotes_article(item, q.model_answer, "model answer")
        for c in raw.get("rubric") or []:
            words = c.get("any") if isinstance(c, dict) else None
            label = c.get("label") if isinstance(c, dict) else None
            if not isinstance(label, str) or not isinstance(words, list) or not words:
                check.fail(item, "each rubric criterion needs a 'label' and a non-empty 'any' list")
                continue
            q.rubric.append(Criterion(label, tuple(str(w).lower() for w in words)))
        if len(q.rubric) < 2:
            check.fail(item, "an explain question needs at least two rubric criteria")

    def normalise(self, q: Question, answer: object) -> object:
        if not isinstance(answer, str) or not answer.strip():
            raise AnswerError("Write a short answer first.")
        return answer.strip()

    def grade(self, q: Question, answer: object) -> Grade:
        text = " ".join(answer.lower().replace("’", "'").split())
        met = [c.label for c in q.rubric if any(_matches(text, w) for w in c.any)]
        return Grade(scaled(q.points, len(met) / len(q.rubric)), q.points, needs_review=True, rubric_met=met)

    def keyed_ids(self, q: Question) -> set[str]:
        return set()

    def describe(self, q: Question, value: object, article: Article) -> list[str]:
        return [str(value)]

    def form_field(self, q: Question, article: Article) -> Field:
        return TextAreaField(
            "Your answer",
            validators=[
                DataRequired("Write a short answer first."),
                Length(min=WRITTEN_MIN_CHARS, max=WRITTEN_MAX_CHARS,
                       message="Write between %(min)d and %(max)d characters."),
            ],
        )

    def expect(self, q: Question) -> Expect:
        return Expect("text")
