"""The in-memory shape of a lesson and its quiz, once loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .glossary import Glossary
from .sentences import Article

if TYPE_CHECKING:
    from ..questions.base import QuestionType
    from .tutor import TutorContent

CATEGORIES = {
    "states": "What the article states",
    "unsupported": "What it leaves unsupported",
    "contradiction": "Where it contradicts itself",
    "source": "Evaluating the source",
}
LEDGER_LABELS = {
    "stated": "Stated",
    "supported": "Supported (named, checkable source)",
    "unsupported": "Unsupported",
    "vague-attribution": "Vague attribution",
    "contradicted": "Contradicted elsewhere",
    "tension": "Tension",
    "non-sequitur": "Non-sequitur",
    "circular": "Circular reasoning",
    "hedged": "Hedged (a guess, not a report)",
    "background": "True background, unsourced here",
    "drift": "Drift",
    "loaded": "Loaded wording",
    "structural": "Structural red flag",
    "overclaim": "Claims more than its evidence shows",
    "caption-mismatch": "Caption that doesn't match the text",
    "no-base-rate": "Number without a base rate",
    "out-of-context": "Quote cut from its context",
    "correlation-as-cause": "Correlation sold as a cause",
}


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str
    misconception: str | None = None


@dataclass(frozen=True)
class Distractor:
    sentence_id: str
    feedback: str
    misconception: str | None = None


@dataclass(frozen=True)
class Criterion:
    label: str
    any: tuple[str, ...]
    conclusion: tuple[str, ...] = ()  # phrases the answer must assert, not negate
    weight: float = 1.0  # share of the question's points, relative to the other criteria


@dataclass
class Question:
    id: str
    category: str
    type: str
    prompt: str
    points: int
    evidence: list[str]  # sentence ids, resolved from the quotes
    explanation: str
    hints: list[str]
    number: int = 0  # 1-based position in the quiz
    lateral: str | None = None
    statement: str | None = None
    scale: str | None = None
    options: list[Option] = field(default_factory=list)
    # the shape is the type's: see closeread/questions/<type>.py
    key: object = None
    distractors: dict[str, Distractor] = field(default_factory=dict)
    rubric: list[Criterion] = field(default_factory=list)
    model_answer: str | None = None
    wrong_conclusions: tuple[str, ...] = ()  # explain: phrases of a wrong conclusion
    # True on a copy whose options are in one attempt's order (closeread/questions/order.py):
    # option letters then follow positions; on the quiz file's question they are the option ids.
    shown: bool = False

    @property
    def option_by_id(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    @cached_property
    def kind(self) -> QuestionType:
        """The class of this question's type (``closeread.questions``): it grades, describes, builds the form."""
        from ..questions.registry import question_type  # the registry imports this module

        return question_type(self.type)

    @property
    def selects_sentences(self) -> bool:
        return self.kind.selects_sentences

    @property
    def key_sentences(self) -> set[str]:
        if self.key is None:  # a broken key (already reported by the loader)
            return set()
        return self.kind.key_sentences(self)


@dataclass
class Quiz:
    slug: str
    title: str
    misconceptions: dict[str, str]
    questions: list[Question]

    @cached_property
    def by_id(self) -> dict[str, Question]:
        """Built once: a quiz's questions are fixed once it is loaded (a change makes a new Quiz)."""
        return {q.id: q for q in self.questions}

    @property
    def total_points(self) -> int:
        return sum(q.points for q in self.questions)


@dataclass(frozen=True)
class LedgerEntry:
    sentence_id: str
    labels: tuple[str, ...]
    note: str
    contradicts: tuple[str, ...] = ()
    tension_with: tuple[str, ...] = ()
    lateral: str | None = None


@dataclass(frozen=True)
class Round:
    """One part of the lesson a class finishes in a period (``closeread/content/rounds.py``)."""

    id: str
    number: int  # 1-based position in the lesson
    title: str
    teaching: str  # Markdown, at most two phone screens
    question_ids: tuple[str, ...]  # in the order they are asked
    sentence_ids: tuple[str, ...]  # the part of the article it works on
    remember: tuple[str, ...]  # what to remember, shown on the round's result


@dataclass
class Lesson:
    slug: str
    title: str
    summary: str
    reading_minutes: int
    article: Article
    teaching: str  # Markdown
    ledger: dict[str, LedgerEntry]
    quiz: Quiz
    tutor: TutorContent | None = None  # lesson/<slug>/tutor.toml, or the built-in default
    glossary: Glossary = field(default_factory=Glossary)  # hard words; lesson.glossary.lookup("annexation")
    rounds: list[Round] = field(default_factory=list)  # lesson/<slug>/rounds.toml, or one per skill
    fictional: bool = False  # lesson.toml: the article was made up for practice
    provenance: str = ""  # lesson.toml: where the article comes from, shown wherever it is shown

    @property
    def article_label(self) -> str:
        """What the article is, in the headings that show it: never 'as published' for a made-up story."""
        return "made up for practice" if self.fictional else "exactly as published"
    version: str = ""  # content hash of the lesson's files (closeread/library/snapshot.py); "" = not versioned
