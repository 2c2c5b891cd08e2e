"""``cite``: the learner ticks the sentences that show something. ``max(0, hits - false picks) / keyed``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import SentenceType
from .grading import Grade, scaled

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question


class CiteType(SentenceType):
    name = "cite"
    chat_instructions = ("Select the sentence or sentences in the article and send, or type them: a number like "
                         "s14, or a few of their words.")

    def read_key(self, q: Question, key: object, check: Checker, item: str) -> object:
        return list(dict.fromkeys(check.resolve_all(item, key, "key quote")))

    def grade(self, q: Question, answer: object) -> Grade:
        keyed = set(q.key)
        hits = [p for p in answer if p in keyed]
        misses = [p for p in answer if p not in keyed]
        grade = Grade(scaled(q.points, (len(hits) - len(misses)) / len(keyed)), q.points)
        self.distractor_feedback(q, grade, misses)
        return grade

    def keyed_ids(self, q: Question) -> set[str]:
        return set(q.key)

    def expected_sentences(self, q: Question, picks: set[str]) -> set[str]:
        return self.keyed_ids(q)
