"""What input the chat waits for: question types say it for their questions, the tutor for its other steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from .limits import WRITTEN_MIN_CHARS


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
    options: tuple[Choice, ...] = ()  # in the order the learner sees them: a letter or number picks by position
    scale: str | None = None  # verdict scale, when the options are a verdict
    exactly: int | None = None
    min_text: int = WRITTEN_MIN_CHARS
    extra: dict = field(default_factory=dict)
