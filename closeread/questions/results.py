"""Turn stored responses into a learner-facing summary. Plain functions."""

from __future__ import annotations

from dataclasses import dataclass

from .content_model import CATEGORIES, VERDICT_SCALES, Lesson, Question


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


def summarise(lesson: Lesson, responses: dict[str, dict]) -> Summary:
    cats: dict[str, CategoryScore] = {
        c: CategoryScore(c, label, 0.0, 0, 0, 0) for c, label in CATEGORIES.items()
    }
    for q in lesson.quiz.questions:
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
        questions=len(lesson.quiz.questions),
        categories=categories,
    )


def describe(question: Question, value: object, lesson: Lesson) -> list[str]:
    """Human-readable lines for an answer or a key, for result pages and CSV."""
    if value is None:
        return []
    if question.type in ("choice", "multi"):
        ids = [value] if isinstance(value, str) else list(value)
        opts = question.option_by_id
        return [f"{i.upper()}. {opts[i].text}" for i in ids if i in opts]
    if question.type == "verdict":
        return [VERDICT_SCALES[question.scale or "statement"].get(str(value), str(value))]
    if question.type == "explain":
        return [str(value)]
    sentences = lesson.article.by_id
    if question.type == "pair" and value and not isinstance(value[0], str):
        return [" + ".join(f"{sid}: {sentences[sid].text}" for sid in sorted(pair, key=lambda s: int(s[1:])))
                for pair in value]
    return [f"{sid}: {sentences[sid].text}" for sid in value if sid in sentences]
