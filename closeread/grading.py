"""Score one answer to one question. Plain functions, no Flask.

Partial credit rules (also documented in the README):

* ``choice`` and ``verdict``: all or nothing.
* ``multi``: ``max(0, right picks - wrong picks) / keyed options``.
* ``cite``: the same rule over sentences: ``max(0, hits - false picks) / keyed sentences``.
* ``pair``: exactly two sentences; full credit for a keyed pair, half credit
  when one of the two belongs to a keyed pair, order never matters.
* ``explain``: provisional, ``criteria met / criteria`` of the rubric as read
  by :mod:`closeread.prescore` (conclusions, negation, copied prompts, keyword
  lists, wrong conclusions); the response is flagged for teacher review.

Scores are points scaled by that fraction, rounded to two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .content_model import Question
from .prescore import prescore


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


def normalise_answer(question: Question, answer: object) -> object:
    """Check the answer's shape and return it in canonical form."""
    if question.type in ("choice", "verdict"):
        if not isinstance(answer, str) or answer not in question.option_by_id:
            raise AnswerError("Choose one of the options.")
        return answer
    if question.type == "explain":
        if not isinstance(answer, str) or not answer.strip():
            raise AnswerError("Write a short answer first.")
        return answer.strip()
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
        raise AnswerError("Select from the list.")
    picks = list(dict.fromkeys(answer))
    if question.type == "multi":
        unknown = [p for p in picks if p not in question.option_by_id]
        if unknown or not picks:
            raise AnswerError("Tick at least one of the options.")
        return sorted(picks)
    # cite / pair: sentence ids; the caller validates them against the article
    if question.type == "pair" and len(picks) != 2:
        raise AnswerError("Select exactly two sentences.")
    if not picks:
        raise AnswerError("Select at least one sentence.")
    return sorted(picks, key=lambda s: int(s[1:]) if s[1:].isdigit() else 0)


def _scaled(points: int, fraction: float) -> float:
    return round(points * max(0.0, min(1.0, fraction)), 2)


def _grade_options(q: Question, picks: list[str], keyed: set[str]) -> Grade:
    right = [p for p in picks if p in keyed]
    wrong = [p for p in picks if p not in keyed]
    grade = Grade(_scaled(q.points, (len(right) - len(wrong)) / len(keyed)), q.points)
    for p in picks:
        opt = q.option_by_id[p]
        grade.feedback.append(Feedback(opt.feedback, p in keyed, p))
        if p not in keyed and opt.misconception:
            grade.misconceptions.append(opt.misconception)
    return grade


def _sentence_feedback(q: Question, grade: Grade, picks: list[str]) -> None:
    for p in picks:
        d = q.distractors.get(p)
        if d:
            grade.feedback.append(Feedback(d.feedback, False, p))
            if d.misconception:
                grade.misconceptions.append(d.misconception)


def grade_answer(question: Question, answer: object) -> Grade:
    """Grade an answer; raises AnswerError if its shape is wrong."""
    q = question
    answer = normalise_answer(q, answer)
    if q.type in ("choice", "verdict"):
        return _grade_options(q, [answer], {q.key})
    if q.type == "multi":
        return _grade_options(q, answer, set(q.key))
    if q.type == "cite":
        keyed = set(q.key)
        hits = [p for p in answer if p in keyed]
        misses = [p for p in answer if p not in keyed]
        grade = Grade(_scaled(q.points, (len(hits) - len(misses)) / len(keyed)), q.points)
        _sentence_feedback(q, grade, misses)
        return grade
    if q.type == "pair":
        chosen = frozenset(answer)
        best = max(len(chosen & pair) for pair in q.key)
        grade = Grade(_scaled(q.points, best / 2), q.points)
        _sentence_feedback(q, grade, sorted(chosen - q.key_sentences))
        return grade
    # explain: the honest pre-score (closeread/prescore.py), always for the teacher to check
    pre = prescore(q.prompt, q.points, q.rubric, answer, q.wrong_conclusions)
    return Grade(pre.score, q.points, needs_review=True, rubric_met=pre.met, rubric_missed=pre.missed, flags=pre.flags)
