"""``explain``: the learner writes a few sentences.

Provisional score: the rubric as read by :mod:`.prescore` (conclusions,
negation, copied prompts, keyword lists, wrong conclusions). The response is
always flagged for a teacher to review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wtforms import Field, TextAreaField
from wtforms.validators import DataRequired, Length

from .base import QuestionType
from .expect import Expect
from .grading import AnswerError, Grade
from .limits import WRITTEN_MAX_CHARS, WRITTEN_MIN_CHARS
from .prescore import prescore
from .rubric import read_rubric

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question
    from ..content.sentences import Article


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
        q.rubric, q.wrong_conclusions, faults = read_rubric(raw)
        for fault in faults:
            check.fail(item, fault)

    def normalise(self, q: Question, answer: object) -> object:
        if not isinstance(answer, str) or not answer.strip():
            raise AnswerError("Write a short answer first.")
        return answer.strip()

    def grade(self, q: Question, answer: object) -> Grade:
        pre = prescore(q.prompt, q.points, q.rubric, answer, q.wrong_conclusions)
        return Grade(pre.score, q.points, needs_review=True, rubric_met=pre.met, rubric_missed=pre.missed,
                     flags=pre.flags)

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
