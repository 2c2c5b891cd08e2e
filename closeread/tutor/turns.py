"""The data of one chat turn: what the learner sent, what the tutor replies, what it asks the caller to store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Input:
    """One learner message: typed text, and/or sentences or options selected in the UI."""

    text: str = ""
    sentences: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


@dataclass
class Message:
    text: str  # Markdown
    tone: str | None = None  # right | partial | wrong
    quick_replies: list[dict] = field(default_factory=list)  # [{"label", "value"}]
    select: dict | None = None  # a request to select sentences or options
    highlight: list[str] = field(default_factory=list)  # sentence ids to highlight in the article
    focus: str | None = None  # a sentence id to scroll the article to

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "tone": self.tone,
            "quick_replies": self.quick_replies,
            "select": self.select,
            "highlight": self.highlight,
            "focus": self.focus,
        }


@dataclass
class Effect:
    kind: str  # seen | hint | answer | new_attempt
    question_id: str | None = None
    answer: object = None
    grade: object = None


@dataclass
class Progress:
    """What the database says about the attempt: {question id: {"score", "max"}}, {question id: hints used},
    the attempt's seed for the order of options (None: the quiz file's order), and the round ids a class
    assignment names for the learner (None: every round of the lesson)."""

    answered: dict[str, dict] = field(default_factory=dict)
    hints: dict[str, int] = field(default_factory=dict)
    seed: str | None = None
    rounds: list[str] | None = None


@dataclass
class Turn:
    state: dict
    messages: list[Message]
    effects: list[Effect]
    intent: object = None  # how the learner's message was read (None when nothing was typed)
    progress: Progress | None = None  # the attempt's progress as the turn leaves it (its answers and hints added)
