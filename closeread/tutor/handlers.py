"""What the tutor does with each kind of intent (next, hint, skip, an option, sentences, text…).

A part of :class:`.engine._Run`: ``handle`` calls ``on_<kind>`` for the intent the learner's message was read as.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..questions.grading import AnswerError, grade_answer, normalise_answer
from ..questions.results import summarise
from . import script
from .intents import Candidate, Intent
from .turns import Effect, Input

if TYPE_CHECKING:
    from ..content.model import Question


class IntentHandlers:
    """``on_<kind>`` handlers. Mixed into ``_Run``, which holds ``t`` (the Tutor), ``state`` and ``progress``."""

    # -- greeting --------------------------------------------------------------
    def on_next(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase == "greeting":
            self.enter_skill(0)
        elif phase == "skill":
            self.finish_skill(None)
        elif phase == "reading":
            self.think_reply(None, None)
        elif phase in ("quiz", "practice"):
            q = self.question
            self.say(f"We're on {'this practice question' if phase == 'practice' else f'question {q.number}'} now. "
                     "Answer it, ask for a **hint**" + (", or **skip** it." if phase == "quiz" else "."))
        else:
            self.say("What would you like to do next?")

    def on_yes(self, intent: Intent) -> None:
        self.on_next(intent)

    def on_no(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase == "greeting":
            self.say("No problem. Say **start** when you're ready, or **quiz** to go straight to the questions.")
        elif phase in ("quiz", "practice", "skill") and self.expect().kind == "choice":
            self.say("Which option do you choose? " + self.help_line())
        else:
            self.say("OK. " + self.help_line())

    def on_quiz(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase in ("greeting", "skill", "reading"):
            self.enter_quiz()
        elif phase == "quiz":
            self.say("We're already in the quiz.")
        else:
            self.say("You've answered every question. " + script.HELP_BY_KIND["end"])

    def on_skip(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase == "greeting":
            self.ask_which((Candidate("Start the lesson", "next", None), Candidate("Go to the quiz", "quiz", None)))
        elif phase == "skill":
            self.finish_skill(None)
        elif phase == "reading":
            self.think_reply(None, None)
        elif phase == "quiz":
            q = self.question
            if self.next_question_after_skip() is None:
                self.say("This is the last question left, so there's nothing to skip to. Answer it, or ask for a "
                         "**hint**.")
                return
            self.state["deferred"].append(q.id)
            self.say(f"OK, I'll come back to question {q.number} later.")
            self.ask_next()
        elif phase == "practice":
            self.practice_next(skipped=True)
        else:
            self.say("There is nothing to skip. " + script.HELP_BY_KIND["end"])

    def next_question_after_skip(self) -> Question | None:
        q = self.question
        others = [x for x in self.t.questions if not self.answered(x.id) and x.id != q.id]
        return others[0] if others else None

    def on_hint(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase == "skill" and self.state["awaiting"] == "check":
            check = self.t.content.skills[self.state["index"]].check
            self.say("**Hint:** " + (check.hint or "Re-read the sentence, then ask which label fits best."))
        elif phase == "reading":
            think = self.t.content.stop_and_think(self.t.sections[self.state["index"]].number)
            self.say("**Hint:** " + (think.hint or "Read the part again, slowly, one sentence at a time."))
        elif phase == "quiz":
            q = self.question
            used = self.progress.hints.get(q.id, 0)
            if used >= len(q.hints):
                self.say("There are no more hints for this question. Have a go, or say **skip** to come back later.")
                return
            used += 1
            self.progress.hints[q.id] = used
            self.effects.append(Effect("hint", q.id))
            self.say(script.hint_text(q, used))
        elif phase == "practice":
            q = self.question
            used = min(len(q.hints), self.state["practice"]["hints"] + 1)
            self.state["practice"]["hints"] = used
            self.say(script.hint_text(q, used))
        else:
            self.say("There's no question open right now. " + self.help_line())

    def on_dont_know(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase in ("quiz", "practice", "skill", "reading"):
            msg = self.say("That's fine: not knowing yet is where close reading starts. Would a hint help?")
            msg.quick_replies = [{"label": "Hint", "value": "Hint"}] + (
                [{"label": "Skip", "value": "Skip"}] if phase != "practice" else [])
        else:
            self.on_next(intent)

    def on_why(self, intent: Intent) -> None:
        last = self.state.get("last")
        if last and last in self.t.by_id:
            q = self.t.by_id[last]
            self.say(script.why_text(self.t.lesson, q), highlight=list(q.evidence))
        elif self.state["phase"] in ("quiz", "practice"):
            self.say("Answer first; then say **why** and I'll explain.")
        else:
            self.say("I'll explain after you answer a quiz question. In the lesson, my feedback explains each "
                     "check.")

    # -- skills ----------------------------------------------------------------------
    def finish_skill(self, picked: str | None) -> None:
        skill = self.t.content.skills[self.state["index"]]
        if skill.check and self.state["awaiting"] == "check":
            text, tone = script.check_feedback(self.t.lesson, skill, picked)
            marks = [skill.check.quote_id] if skill.check.quote_id else []
            self.say(text, tone=tone or None, highlight=marks)
        self.enter_skill(self.state["index"] + 1)

    # -- reading ---------------------------------------------------------------------
    def think_reply(self, named: tuple[str, ...] | None, text: str | None) -> None:
        section = self.t.sections[self.state["index"]]
        think = self.t.content.stop_and_think(section.number)
        look = list(think.look_for)
        if named:
            hits = [sid for sid in named if sid in look]
            chosen = script.sentence_list(self.t.lesson, named)
            if hits:
                opening = f"Yes: {chosen} is the one I'd pick too."
            elif look:
                opening = f"You picked {chosen}. I'd look at {script.sentence_list(self.t.lesson, look)}."
            else:
                opening = f"You picked {chosen}."
            self.say(f"{opening} {think.reply}", highlight=list(dict.fromkeys([*named, *look])))
        elif text:
            self.say(f"Thanks for thinking it through. Here's what I noticed: {think.reply}", highlight=look)
        else:
            self.say(f"Here's what I noticed: {think.reply}", highlight=look)
        self.enter_reading(self.state["index"] + 1)

    def on_text(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase == "reading":
            self.think_reply(None, intent.value)
        elif phase in ("quiz", "practice") and self.question and self.expect().kind == "text":
            self.submit(self.question, intent.value)
        else:
            self.not_understood(Input(intent.value or ""))

    # -- answers -----------------------------------------------------------------------
    def on_option(self, intent: Intent) -> None:
        phase = self.state["phase"]
        if phase == "skill" and self.state["awaiting"] == "check":
            self.finish_skill(intent.value)
        elif phase in ("quiz", "practice") and self.question:
            q = self.question
            self.submit(q, q.kind.from_chat(q, intent.value))

    def on_options(self, intent: Intent) -> None:
        q = self.question
        if self.state["phase"] in ("quiz", "practice") and q and self.expect().kind == "multi":
            self.submit(q, q.kind.from_chat(q, intent.value))
        elif len(intent.value) == 1:
            self.on_option(Intent("option", intent.value[0]))
        else:
            self.say("Choose just one option.")

    def on_sentences(self, intent: Intent) -> None:
        phase = self.state["phase"]
        picked = tuple(intent.value)
        if phase == "reading":
            self.think_reply(picked, None)
            return
        q = self.question
        if phase not in ("quiz", "practice") or q is None or not q.selects_sentences:
            self.say("Sentences can't answer this one. " + self.help_line())
            return
        if self.expect().exactly == 2:  # a pair: the first sentence waits for the second
            if len(picked) == 1:
                self.state["picked"] = list(picked)
                self.say(f"Got {script.sentence_list(self.t.lesson, picked)}. Which is the other sentence?",
                         highlight=list(picked))
                return
            if len(picked) > 2:
                self.state["picked"] = []
                self.say(f"That's {len(picked)} sentences ({script.sentence_list(self.t.lesson, picked)}). Pick "
                         "exactly two.")
                return
        self.submit(q, q.kind.from_chat(q, picked))

    def submit(self, q: Question, answer: object) -> None:
        try:
            value = normalise_answer(q, answer)
            grade = grade_answer(q, value)
        except AnswerError as exc:
            self.say(str(exc))
            return
        practice = self.state["phase"] == "practice"
        if not practice:
            self.effects.append(Effect("answer", q.id, value, grade))
            self.progress.answered[q.id] = {"score": grade.score, "max": grade.max, "response": value}
        self.state["last"] = q.id
        text, tone = script.feedback_text(self.t.lesson, q, value, grade)
        picked = list(value) if q.selects_sentences else []
        self.say(text, tone=tone, highlight=list(dict.fromkeys([*q.evidence, *picked])))
        if practice:
            self.state["practice"]["right"] += int(grade.correct)
            self.practice_next()
        else:
            self.ask_next(answered_now=q.id)

    # -- the end: reveal, retry ------------------------------------------------------------
    def on_reveal(self, intent: Intent) -> None:
        if not summarise(self.t.lesson, self.progress.answered).finished:
            self.say("The reveal is for after the quiz: it labels every sentence, so it would give the answers "
                     "away. Finish the questions first.")
            return
        for text in script.reveal_texts(self.t.lesson, self.t.sections):
            self.say(text)

    def on_retry(self, intent: Intent) -> None:
        if self.state["phase"] not in ("end", "practice"):
            self.say("You can retry the questions you missed once you've finished the quiz.")
            return
        missed = self.missed()
        if not missed:
            self.say("There is nothing to retry: you got every question right.")
            return
        self.state.update(phase="practice", practice={"queue": missed, "right": 0, "done": 0, "hints": 0},
                          question=missed[0], picked=[])
        self.say(f"**Practice round:** the {len(missed)} question{'s' if len(missed) != 1 else ''} you missed. "
                 "Your score stays as it is; this is to learn.")
        self.show_question(self.question)

    def practice_next(self, skipped: bool = False) -> None:
        p = self.state["practice"]
        p["queue"].pop(0)
        p["done"] += 0 if skipped else 1
        p["hints"] = 0
        self.state["picked"] = []
        p["queue"] = [qid for qid in p["queue"] if qid in self.t.by_id]
        if p["queue"]:
            self.state["question"] = p["queue"][0]
            self.show_question(self.question)
            return
        self.say(f"**Practice done:** {p['right']} of {p['done']} right this time.")
        self.state.update(phase="end", question=None, practice=None)
        self.say("What next? " + script.HELP_BY_KIND["end"])
