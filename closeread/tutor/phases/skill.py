"""A skill: its teaching, then (usually) a practice check question, which is not scored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...questions.expect import Choice, Expect
from .. import flow
from ..intents import LETTERS
from ..intents import IntentKind as K
from ..state import Phase
from .base import PhaseHandler, one_line, yes_is_next

if TYPE_CHECKING:
    from ..engine import Run
    from ..intents import Intent


class Skill(PhaseHandler):
    phase = Phase.SKILL
    not_now = {K.REVEAL: "The reveal comes after the quiz.", K.RETRY: "There is nothing to retry yet."}

    def handlers(self):
        return {**yes_is_next(self.carry_on), K.SKIP: self.carry_on, K.QUIZ: self.quiz, K.NO: self.no,
                K.HINT: self.hint, K.DONT_KNOW: self.dont_know, K.OPTION: self.option, K.OPTIONS: self.options}

    def expect(self, run: Run) -> Expect:
        skill = run.t.content.skills[run.state.index]
        if run.state.awaiting == "check" and skill.check:
            return Expect("choice", tuple(Choice(o.id, o.text) for o in skill.check.options))
        return Expect("next")

    def quick_replies(self, run: Run) -> list[str]:
        e = self.expect(run)
        if e.kind != "choice":
            return ["Next"]
        return [f"{LETTERS[i].upper()}. {one_line(c.text)}" for i, c in enumerate(e.options)] + ["Hint", "Skip"]

    def repeat(self, run: Run) -> None:
        flow.show_skill(run, with_teaching=run.state.awaiting != "check")

    def where(self, run: Run) -> str:
        return f"You're in the lesson: skill {run.state.index + 1} of {len(run.t.content.skills)}."

    def carry_on(self, run: Run, intent: Intent) -> None:
        flow.finish_skill(run, None)

    def quiz(self, run: Run, intent: Intent) -> None:
        flow.enter_quiz(run)

    def no(self, run: Run, intent: Intent) -> None:
        if self.expect(run).kind == "choice":
            run.say("Which option do you choose? " + run.help_line())
        else:
            run.say("OK. " + run.help_line())

    def hint(self, run: Run, intent: Intent) -> None:
        check = run.t.content.skills[run.state.index].check
        if run.state.awaiting != "check" or check is None:
            run.say("There's no question open right now. Say **next** to carry on.")
            return
        run.say("**Hint:** " + (check.hint or "Re-read the sentence, then ask which label fits best."))

    def dont_know(self, run: Run, intent: Intent) -> None:
        msg = run.say("That's fine: not knowing yet is where close reading starts. Would a hint help?")
        msg.quick_replies = [{"label": "Hint", "value": "Hint"}, {"label": "Skip", "value": "Skip"}]

    def option(self, run: Run, intent: Intent) -> None:
        if run.state.awaiting == "check":
            flow.finish_skill(run, intent.value)
        else:
            run.not_understood_here()

    def options(self, run: Run, intent: Intent) -> None:
        if len(intent.value) == 1:
            self.option(run, intent.__class__("option", intent.value[0]))
        else:
            run.say("Choose just one option.")
