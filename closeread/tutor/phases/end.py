"""The summary after the quiz: the reveal, a practice retry of the missed questions, or a new attempt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...questions.expect import Expect
from .. import flow, script
from ..intents import IntentKind as K
from ..state import Phase
from .base import PhaseHandler

if TYPE_CHECKING:
    from ..engine import Run
    from ..intents import Intent


class End(PhaseHandler):
    phase = Phase.END

    def handlers(self):
        return {K.REVEAL: self.reveal, K.RETRY: self.retry, K.NEXT: self.next, K.YES: self.next, K.NO: self.no,
                K.DONT_KNOW: self.next, K.QUIZ: self.quiz, K.SKIP: self.skip, K.HINT: self.hint}

    def expect(self, run: Run) -> Expect:
        return Expect("end")

    def quick_replies(self, run: Run) -> list[str]:
        reveal = ["Show the reveal"] if run.lesson_finished() else []
        return [*reveal, *(["Retry the missed questions"] if flow.missed(run) else []), "Start a new attempt"]

    def commands(self) -> list[str]:
        return super().commands()[-2:]  # reveal, retry: the others here only say what comes next

    def repeat(self, run: Run) -> None:
        flow.show_summary(run)

    def where(self, run: Run) -> str:
        return "You've done the rounds your teacher assigned." if run.assigned else "You've finished the quiz."

    def reveal(self, run: Run, intent: Intent) -> None:
        if not run.lesson_finished():
            if run.assigned and run.summary().finished:
                run.say("The reveal labels every sentence of the article, so it would give away the rounds your "
                        "teacher has not assigned yet. It opens once every round of the lesson is done.")
                return
            run.say("The reveal is for after the quiz: it labels every sentence, so it would give the answers "
                    "away. Finish the questions first.")
            return
        for text in script.reveal_texts(run.t.lesson, run.t.sections):
            run.say(text)

    def retry(self, run: Run, intent: Intent) -> None:
        missed = flow.missed(run)
        if not missed:
            run.say("There is nothing to retry: you got every question right.")
            return
        s = run.state
        s.phase, s.question, s.picked = Phase.PRACTICE, missed[0], []
        s.practice = {"queue": missed, "right": 0, "done": 0, "hints": 0}
        run.say(f"**Practice round:** the {len(missed)} question{'s' if len(missed) != 1 else ''} you missed. "
                "Your score stays as it is; this is to learn.")
        flow.show_question(run, run.question)

    def next(self, run: Run, intent: Intent) -> None:
        run.say("What would you like to do next? " + script.HELP_BY_KIND["end"])

    def no(self, run: Run, intent: Intent) -> None:
        run.say("OK. " + script.HELP_BY_KIND["end"])

    def quiz(self, run: Run, intent: Intent) -> None:
        run.say("You've answered every question. " + script.HELP_BY_KIND["end"])

    def skip(self, run: Run, intent: Intent) -> None:
        run.say("There is nothing to skip. " + script.HELP_BY_KIND["end"])

    def hint(self, run: Run, intent: Intent) -> None:
        run.say("There's no question open right now. " + script.HELP_BY_KIND["end"])
