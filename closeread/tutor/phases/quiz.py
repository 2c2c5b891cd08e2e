"""A quiz question is open (:class:`Quiz`), or a practice retry of a missed one (:class:`Practice`).

Answers are graded through the question's type; a quiz answer is stored (an ``answer`` effect) and is final
once its feedback is shown, a practice answer only gets feedback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...questions.expect import Expect
from ...questions.grading import AnswerError, grade_answer, normalise_answer
from .. import flow, script
from ..intents import LETTERS
from ..intents import IntentKind as K
from ..state import Phase
from ..turns import Effect
from .base import PhaseHandler, one_line

if TYPE_CHECKING:
    from ...content.model import Question
    from ..engine import Run
    from ..intents import Intent

NOT_YET = "The reveal is for after the quiz: it labels every sentence, so it would give the answers away. Finish " \
          "the questions first."


class Quiz(PhaseHandler):
    phase = Phase.QUIZ
    not_now = {K.REVEAL: NOT_YET, K.RETRY: "You can retry the questions you missed once you've finished the quiz."}

    def handlers(self):
        return {K.OPTION: self.option, K.OPTIONS: self.options, K.SENTENCES: self.sentences, K.TEXT: self.text,
                K.HINT: self.hint, K.SKIP: self.skip, K.DONT_KNOW: self.dont_know, K.NEXT: self.next,
                K.YES: self.next, K.NO: self.no, K.QUIZ: self.quiz}

    def expect(self, run: Run) -> Expect:
        q = run.question
        return q.kind.expect(q) if q else Expect("end")

    def quick_replies(self, run: Run) -> list[str]:
        e = self.expect(run)
        qr = []
        if e.kind == "choice":
            qr = [c.label if e.scale else f"{LETTERS[i].upper()}. {one_line(c.text)}" for i, c in enumerate(e.options)]
        qr += self.own_commands()
        if run.state.last:
            qr.append("Why?")
        return qr

    def own_commands(self) -> list[str]:
        return ["Hint", "Skip"]

    def repeat(self, run: Run) -> None:
        if run.question:
            flow.show_question(run, run.question)

    def where(self, run: Run) -> str:
        return f"You're on question {run.question.number}." if run.question else "You're in the quiz."

    # -- answers ---------------------------------------------------------------------------------------------
    def option(self, run: Run, intent: Intent) -> None:
        q = run.question
        if self.expect(run).kind not in ("choice", "multi"):
            run.not_understood_here()
            return
        self.submit(run, q, q.kind.from_chat(q, intent.value))

    def options(self, run: Run, intent: Intent) -> None:
        q = run.question
        kind = self.expect(run).kind
        if kind == "multi":
            self.submit(run, q, q.kind.from_chat(q, intent.value))
        elif kind == "choice" and len(intent.value) == 1:
            self.submit(run, q, q.kind.from_chat(q, intent.value[0]))
        elif kind == "choice":
            run.say("Choose just one option.")
        else:
            run.not_understood_here()

    def text(self, run: Run, intent: Intent) -> None:
        if self.expect(run).kind == "text":
            self.submit(run, run.question, intent.value)
        else:
            run.not_understood_here()

    def sentences(self, run: Run, intent: Intent) -> None:
        q = run.question
        picked = tuple(intent.value)
        if not q.selects_sentences:
            run.say("Sentences can't answer this one. " + run.help_line())
            return
        if self.expect(run).exactly == 2:  # a pair: the first sentence waits for the second
            if len(picked) == 1:
                run.state.picked = list(picked)
                run.say(f"Got {script.sentence_list(run.t.lesson, picked)}. Which is the other sentence? (Say "
                        "**undo** to pick again.)", highlight=list(picked))
                return
            if len(picked) > 2:
                run.state.picked = []
                run.say(f"That's {len(picked)} sentences ({script.sentence_list(run.t.lesson, picked)}). Pick "
                        "exactly two.")
                return
        self.submit(run, q, q.kind.from_chat(q, picked))

    def submit(self, run: Run, q: Question, answer: object) -> None:
        try:
            value = normalise_answer(q, answer)
            grade = grade_answer(q, value)
        except AnswerError as exc:
            run.say(str(exc))
            return
        self.record(run, q, value, grade)
        run.state.last = q.id
        text, tone = script.feedback_text(run.t.lesson, q, value, grade)
        picked = list(value) if q.selects_sentences else []
        run.say(text, tone=tone, highlight=list(dict.fromkeys([*q.evidence, *picked])))
        self.after(run, grade)

    def record(self, run: Run, q: Question, value: object, grade) -> None:
        run.effects.append(Effect("answer", q.id, value, grade))
        run.progress.answered[q.id] = {"score": grade.score, "max": grade.max}

    def after(self, run: Run, grade) -> None:
        flow.ask_next(run, answered_now=run.state.last)

    # -- commands ----------------------------------------------------------------------------------------------
    def hint(self, run: Run, intent: Intent) -> None:
        q = run.question
        used = run.progress.hints.get(q.id, 0)
        if used >= len(q.hints):
            run.say("There are no more hints for this question. Have a go, or say **skip** to come back later.")
            return
        used += 1
        run.progress.hints[q.id] = used
        run.effects.append(Effect("hint", q.id))
        run.say(script.hint_text(q, used))

    def skip(self, run: Run, intent: Intent) -> None:
        q = run.question
        others = [x for x in run.questions if not run.answered(x.id) and x.id != q.id]
        if not others:
            run.say("This is the last question left, so there's nothing to skip to. Answer it, or ask for a "
                    "**hint**.")
            return
        run.state.deferred.append(q.id)
        run.say(f"OK, I'll come back to question {q.number} later.")
        flow.ask_next(run)

    def dont_know(self, run: Run, intent: Intent) -> None:
        msg = run.say("That's fine: not knowing yet is where close reading starts. Would a hint help?")
        msg.quick_replies = [{"label": label, "value": label} for label in ["Hint", *self.own_commands()[1:]]]

    def next(self, run: Run, intent: Intent) -> None:
        run.say(f"We're on question {run.question.number} now. Answer it, ask for a **hint**, or **skip** it.")

    def no(self, run: Run, intent: Intent) -> None:
        if self.expect(run).kind == "choice":
            run.say("Which option do you choose? " + run.help_line())
        else:
            run.say("OK. " + run.help_line())

    def quiz(self, run: Run, intent: Intent) -> None:
        run.say("We're already in the quiz.")


class Practice(Quiz):
    """A retry of the missed questions: the same questions, with feedback, and the score stays as it was."""

    phase = Phase.PRACTICE
    not_now = {K.REVEAL: "Finish the practice round first, or say **skip** to move through it."}

    def handlers(self):
        return {**super().handlers(), K.RETRY: self.retry}

    def own_commands(self) -> list[str]:
        return ["Hint"]

    def where(self, run: Run) -> str:
        return "You're practising the questions you missed."

    def record(self, run: Run, q: Question, value: object, grade) -> None:
        """Practice answers are not stored: the score stays as it is."""

    def after(self, run: Run, grade) -> None:
        run.state.practice["right"] += int(grade.correct)
        flow.practice_next(run)

    def hint(self, run: Run, intent: Intent) -> None:
        q = run.question
        used = min(len(q.hints), run.state.practice["hints"] + 1)
        run.state.practice["hints"] = used
        run.say(script.hint_text(q, used))

    def skip(self, run: Run, intent: Intent) -> None:
        flow.practice_next(run, skipped=True)

    def next(self, run: Run, intent: Intent) -> None:
        run.say("We're on this practice question now. Answer it, or ask for a **hint**.")

    def quiz(self, run: Run, intent: Intent) -> None:
        run.say("You've answered every question. " + script.HELP_BY_KIND["end"])

    def retry(self, run: Run, intent: Intent) -> None:
        run.say("We're practising the questions you missed right now.")
