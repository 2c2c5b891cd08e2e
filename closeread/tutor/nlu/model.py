"""The shapes the parser works with: what the tutor expects, and the intent a message is read as."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ...questions.expect import Choice, Expect
from ...questions.limits import WRITTEN_MIN_CHARS

MIN_EXPLAIN_CHARS = WRITTEN_MIN_CHARS
HIGH, MEDIUM = "high", "medium"
MOVE_ON = "move on"  # the value of a skip said as "next question" or "move on", not as "skip"

__all__ = ["HIGH", "MEDIUM", "MIN_EXPLAIN_CHARS", "MOVE_ON", "Candidate", "Choice", "Expect", "Intent", "IntentKind",
           "confirm"]


class IntentKind(StrEnum):
    """Every reading a message can have. A StrEnum: it compares equal to its string, and an unknown kind is an
    error at construction, not a silent miss at dispatch."""

    # commands
    HELP = "help"
    HINT = "hint"
    REPEAT = "repeat"
    SKIP = "skip"
    WHY = "why"
    ARTICLE = "article"
    SECTION = "section"
    SCORE = "score"
    RESTART = "restart"
    QUIZ = "quiz"
    REVEAL = "reveal"
    RETRY = "retry"
    DEFINE = "define"
    CHANGE = "change"
    UNDO = "undo"
    # conversation
    NEXT = "next"
    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"
    # answers
    OPTION = "option"
    OPTIONS = "options"
    SENTENCES = "sentences"
    TEXT = "text"
    # problems
    AMBIGUOUS = "ambiguous"
    CONFIRM = "confirm"
    INVALID = "invalid"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Candidate:
    """One reading of an unclear message, with the intent it would be."""

    label: str
    kind: IntentKind
    value: object

    def __post_init__(self):
        object.__setattr__(self, "kind", IntentKind(self.kind))


@dataclass(frozen=True)
class Intent:
    """How one message was read.

    ``kind`` is a command (``help hint repeat skip why article section score restart quiz reveal retry define
    change undo``), conversation (``next yes no dont_know``), an answer (``option options sentences text``)
    or a problem (``ambiguous``: ask which of ``candidates``; ``confirm``: ask "did you mean" the one
    candidate; ``invalid``: ``note`` says why; ``unknown``). ``negated`` lists options the learner ruled out.
    """

    kind: IntentKind
    value: object = None
    candidates: tuple[Candidate, ...] = ()
    note: str = ""
    confidence: str = HIGH
    negated: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "kind", IntentKind(self.kind))


def confirm(label: str, kind: str, value: object) -> Intent:
    """A medium-confidence reading: the tutor asks "Did you mean …?" before acting on it."""
    return Intent("confirm", candidates=(Candidate(label, kind, value),), confidence=MEDIUM)
