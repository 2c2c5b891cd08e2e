"""Score one answer to one question. Plain functions, no Flask.

Partial credit rules (also documented in the README), each in its type's module:

* ``choice`` and ``verdict``: all or nothing.
* ``multi``: ``max(0, right picks - wrong picks) / keyed options``.
* ``cite``: the same rule over sentences: ``max(0, hits - false picks) / keyed sentences``.
* ``pair``: exactly two sentences; full credit for a keyed pair, half credit
  when one of the two belongs to a keyed pair, order never matters.
* ``explain``: provisional, ``criteria met / criteria`` of the rubric, each
  criterion met when the answer contains one of its words or phrases; the
  response is flagged for teacher review.

Scores are points scaled by that fraction, rounded to two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.model import Question


class AnswerError(ValueError):
    """The answer does not have the shape the question needs."""


@dataclass
class Feedback:
    text: str
    right: bool
    ref: str | None = None  # the option id or sentence id it is about


@dataclass
class Grade:
    score: float
    max: int
    feedback: list[Feedback] = field(default_factory=list)
    misconceptions: list[str] = field(default_factory=list)
    needs_review: bool = False
    rubric_met: list[str] = field(default_factory=list)
    rubric_missed: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # explain: codes of prescore.FLAG_LABELS

    @property
    def correct(self) -> bool:
        return self.score >= self.max

    @property
    def fraction(self) -> float:
        return self.score / self.max if self.max else 0.0


def scaled(points: int, fraction: float) -> float:
    return round(points * max(0.0, min(1.0, fraction)), 2)


def normalise_answer(question: Question, answer: object) -> object:
    """Check the answer's shape and return it in canonical form."""
    return question.kind.normalise(question, answer)


def grade_answer(question: Question, answer: object) -> Grade:
    """Grade an answer; raises AnswerError if its shape is wrong."""
    kind = question.kind
    return kind.grade(question, kind.normalise(question, answer))
