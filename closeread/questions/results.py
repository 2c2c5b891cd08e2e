"""Turn stored responses into a learner-facing summary. Plain functions."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import CATEGORIES, Lesson, Question


@dataclass
class CategoryScore:
    category: str
    label: str
    score: float
    max: int
    answered: int
    questions: int

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max) if self.max else 0


@dataclass
class Summary:
    score: float
    max: int
    answered: int
    questions: int
    categories: list[CategoryScore]

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max) if self.max else 0

    @property
    def finished(self) -> bool:
        return self.answered >= self.questions

    @property
    def weakest(self) -> CategoryScore | None:
        answered = [c for c in self.categories if c.answered]
        return min(answered, key=lambda c: (c.score / c.max if c.max else 1, c.category)) if answered else None


def summarise(lesson: Lesson, responses: dict[str, dict], questions: list[Question] | None = None) -> Summary:
    """The score by skill over the lesson's questions, or over ``questions`` only (the rounds a class was assigned)."""
    questions = lesson.quiz.questions if questions is None else questions
    cats: dict[str, CategoryScore] = {
        c: CategoryScore(c, label, 0.0, 0, 0, 0) for c, label in CATEGORIES.items()
    }
    for q in questions:
        cat = cats[q.category]
        cat.questions += 1
        cat.max += q.points
        row = responses.get(q.id)
        if row:
            cat.answered += 1
            cat.score += row["score"]
    categories = [c for c in cats.values() if c.questions]
    return Summary(
        score=round(sum(c.score for c in categories), 2),
        max=sum(c.max for c in categories),
        answered=sum(c.answered for c in categories),
        questions=len(questions),
        categories=categories,
    )


def describe(question: Question, value: object, lesson: Lesson) -> list[str]:
    """Human-readable lines for an answer or a key, for result pages, the chat and CSV."""
    if value is None:
        return []
    return question.kind.describe(question, value, lesson.article)
