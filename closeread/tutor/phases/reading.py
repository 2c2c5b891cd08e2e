"""Reading the article part by part, with a stop-and-think prompt after each part (practice, not scored)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...questions.expect import Expect
from .. import flow, script
from ..intents import IntentKind as K
from ..state import Phase
from .base import PhaseHandler, yes_is_next

if TYPE_CHECKING:
    from ..engine import Run
    from ..intents import Intent


class Reading(PhaseHandler):
    phase = Phase.READING
    not_now = {K.REVEAL: "The reveal comes after the quiz.", K.RETRY: "There is nothing to retry yet."}

    def handlers(self):
        return {**yes_is_next(self.carry_on), K.SKIP: self.carry_on, K.QUIZ: self.quiz, K.NO: self.no,
                K.HINT: self.hint, K.DONT_KNOW: self.dont_know, K.SENTENCES: self.sentences, K.TEXT: self.text}

    def expect(self, run: Run) -> Expect:
        return Expect("think", extra={"section": run.t.sections[run.state.index].number})

    def quick_replies(self, run: Run) -> list[str]:
        return ["Next", "Hint"]

    def repeat(self, run: Run) -> None:
        flow.show_section(run)

    def where(self, run: Run) -> str:
        return f"You're reading the article: part {run.state.index + 1} of {len(run.t.sections)}."

    def carry_on(self, run: Run, intent: Intent) -> None:
        self.reply(run, None, None)

    def quiz(self, run: Run, intent: Intent) -> None:
        flow.enter_quiz(run)

    def no(self, run: Run, intent: Intent) -> None:
        run.say("OK. " + run.help_line())

    def hint(self, run: Run, intent: Intent) -> None:
        think = run.t.content.stop_and_think(run.t.sections[run.state.index].number)
        run.say("**Hint:** " + (think.hint or "Read the part again, slowly, one sentence at a time."))

    def dont_know(self, run: Run, intent: Intent) -> None:
        msg = run.say("That's fine: not knowing yet is where close reading starts. Would a hint help?")
        msg.quick_replies = [{"label": "Hint", "value": "Hint"}, {"label": "Skip", "value": "Skip"}]

    def sentences(self, run: Run, intent: Intent) -> None:
        self.reply(run, tuple(intent.value), None)

    def text(self, run: Run, intent: Intent) -> None:
        self.reply(run, None, intent.value)

    def reply(self, run: Run, named: tuple[str, ...] | None, text: str | None) -> None:
        """What the tutor noticed in this part, after the learner's pick or thought; then the next part."""
        section = run.t.sections[run.state.index]
        think = run.t.content.stop_and_think(section.number)
        look = list(think.look_for)
        if named:
            hits = [sid for sid in named if sid in look]
            chosen = script.sentence_list(run.t.lesson, named)
            if hits:
                opening = f"Yes: {chosen} is the one I'd pick too."
            elif look:
                opening = f"You picked {chosen}. I'd look at {script.sentence_list(run.t.lesson, look)}."
            else:
                opening = f"You picked {chosen}."
            run.say(f"{opening} {think.reply}", highlight=list(dict.fromkeys([*named, *look])))
        elif text:
            run.say(f"Thanks for thinking it through. Here's what I noticed: {think.reply}", highlight=look)
        else:
            run.say(f"Here's what I noticed: {think.reply}", highlight=look)
        flow.enter_reading(run, run.state.index + 1)
