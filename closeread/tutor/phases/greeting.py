"""The greeting: start the lesson, or go straight to the quiz."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import flow
from ..intents import Candidate
from ..intents import IntentKind as K
from ..state import Phase
from .base import PhaseHandler, yes_is_next

if TYPE_CHECKING:
    from ..engine import Run
    from ..intents import Intent


class Greeting(PhaseHandler):
    phase = Phase.GREETING
    not_now = {K.REVEAL: "The reveal comes after the quiz.", K.RETRY: "There is nothing to retry yet."}

    def handlers(self):
        return {**yes_is_next(self.start), K.YES: self.yes, K.QUIZ: self.quiz, K.NO: self.no, K.SKIP: self.skip,
                K.DONT_KNOW: self.start}

    def quick_replies(self, run: Run) -> list[str]:
        return ["Start the lesson", "Go to the quiz"]

    def repeat(self, run: Run) -> None:
        flow.greet(run)

    def where(self, run: Run) -> str:
        return "We haven't started yet."

    def start(self, run: Run, intent: Intent) -> None:
        flow.enter_skill(run, 0)

    def yes(self, run: Run, intent: Intent) -> None:
        """A first greeting asks "Ready to start?", so yes starts; back in an attempt it asks "the lesson first, or
        carry on with the quiz?", which a yes does not answer."""
        if run.progress.answered:
            self.skip(run, intent)
        else:
            self.start(run, intent)

    def quiz(self, run: Run, intent: Intent) -> None:
        flow.enter_quiz(run)

    def no(self, run: Run, intent: Intent) -> None:
        run.say("No problem. Say **start** when you're ready, or **quiz** to go straight to the questions.")

    def skip(self, run: Run, intent: Intent) -> None:
        run.ask_which((Candidate("Start the lesson", "next", None), Candidate("Go to the quiz", "quiz", None)))
