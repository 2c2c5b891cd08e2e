"""What every phase handler has: the intents it understands, what it waits for, its quick replies.

A phase lists its handlers in :meth:`PhaseHandler.handlers` (an :class:`IntentKind` -> function map, no
look-up by name), and "help" is written from exactly that list plus the commands that work everywhere
(:mod:`.common`). ``not_now`` holds commands the tutor recognises in this phase but cannot do yet
("reveal" before the quiz is finished): it says why, and help does not offer them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING

from ...questions.expect import Expect
from ..intents import IntentKind as K
from ..state import Phase

if TYPE_CHECKING:
    from ..engine import Run
    from ..intents import Intent

Handler = Callable[["Run", "Intent"], None]

# One help line per command a phase may understand, in the order help lists them.
COMMAND_HELP = {
    K.NEXT: "**next** (or “ok”, “ready”): carry on",
    K.QUIZ: "**quiz**: go straight to the quiz",
    K.HINT: "**hint**: a hint (hints don't cost points)",
    K.SKIP: "**skip**: come back to this later",
    K.DONT_KNOW: "“I don't know”: I'll offer a hint",
    K.REVEAL: "**reveal**: every sentence of the article, labelled",
    K.RETRY: "**retry**: practise the questions you missed",
}


class PhaseHandler(ABC):
    phase: Phase
    not_now: dict[K, str] = {}

    @abstractmethod
    def handlers(self) -> dict[K, Handler]:
        """What this phase understands: intent kind -> what it does."""

    def expect(self, run: Run) -> Expect:
        return Expect("next")

    def quick_replies(self, run: Run) -> list[str]:
        return ["Next"]

    @abstractmethod
    def repeat(self, run: Run) -> None:
        """Say the current prompt again, without side effects."""

    def where(self, run: Run) -> str:
        return ""

    def commands(self) -> list[str]:
        """The help lines of the commands this phase understands."""
        own = self.handlers()
        return [line for kind, line in COMMAND_HELP.items() if kind in own]


def one_line(text: str) -> str:
    """An option's full text on one line: quick-reply buttons wrap it, never cut it."""
    return " ".join(text.split())


def yes_is_next(handler: Handler) -> dict[K, Handler]:
    """In teaching steps "yes", "ok" and "next" all mean carry on."""
    return {K.NEXT: handler, K.YES: handler}
