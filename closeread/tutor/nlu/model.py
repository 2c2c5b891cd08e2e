"""The shapes the parser works with: what the tutor expects, and the intent a message is read as."""

from __future__ import annotations

from dataclasses import dataclass, field

MIN_EXPLAIN_CHARS = 10
HIGH, MEDIUM = "high", "medium"


@dataclass(frozen=True)
class Candidate:
    """One reading of an unclear message, with the intent it would be."""

    label: str
    kind: str
    value: object


@dataclass(frozen=True)
class Intent:
    """How one message was read.

    ``kind`` is a command (``help hint repeat skip why article section score restart quiz reveal retry define
    change undo``), conversation (``next yes no dont_know``), an answer (``option options sentences text``)
    or a problem (``ambiguous``: ask which of ``candidates``; ``confirm``: ask "did you mean" the one
    candidate; ``invalid``: ``note`` says why; ``unknown``). ``negated`` lists options the learner ruled out.
    """

    kind: str
    value: object = None
    candidates: tuple[Candidate, ...] = ()
    note: str = ""
    confidence: str = HIGH
    negated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    label: str = ""  # short label for buttons; defaults to the text


@dataclass
class Expect:
    """What the tutor is waiting for. ``kind`` is one of:

    ``next`` (teaching: carry on), ``choice`` (one option), ``multi`` (one or
    more options), ``sentences`` (sentences of the article; ``exactly`` for
    pairs), ``text`` (a written answer), ``think`` (a stop-and-think reply:
    sentences or any text), ``confirm`` (yes or no), ``end`` (the summary).
    """

    kind: str
    options: tuple[Choice, ...] = ()
    scale: str | None = None  # verdict scale, when the options are a verdict
    exactly: int | None = None
    min_text: int = MIN_EXPLAIN_CHARS
    extra: dict = field(default_factory=dict)


def confirm(label: str, kind: str, value: object) -> Intent:
    """A medium-confidence reading: the tutor asks "Did you mean …?" before acting on it."""
    return Intent("confirm", candidates=(Candidate(label, kind, value),), confidence=MEDIUM)
