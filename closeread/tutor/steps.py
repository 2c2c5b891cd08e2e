"""The tutor's script, step by step (greeting, skills, reading, quiz, summary), and the commands that work
at any step (help, repeat, article, section, score, restart). A part of :class:`.engine._Run`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..learner import rounds
from ..questions.results import summarise
from . import script
from .turns import Effect

if TYPE_CHECKING:
    from ..content.model import Question
    from .intents import Intent

SKILL_TIPS = {
    "states": "Before answering, find the exact words: does the article say it, or only report that someone said it?",
    "unsupported": "For each claim, look for something you could check: a name, a date, a document, a source.",
    "contradiction": "Before calling it a contradiction, try hard to make both sentences true.",
    "source": "Ask who is speaking, and whether you could look them up.",
}


class ScriptSteps:
    """Moves through the lesson. Mixed into ``_Run``, which holds ``t`` (the Tutor), ``state`` and ``progress``."""

    # -- global commands ----------------------------------------------------------
    def any_help(self, intent: Intent) -> None:
        in_question = self.state["phase"] in ("quiz", "practice") and self.question is not None
        e = self.expect()
        self.say(script.help_text(script.help_key(e.kind, e.scale), in_question))

    def any_repeat(self, intent: Intent) -> None:
        self.repeat()

    def any_article(self, intent: Intent) -> None:
        msg = self.say(script.article_outline(self.t.sections))
        msg.quick_replies = [{"label": f"Show section {s.number}", "value": f"show section {s.number}"}
                             for s in self.t.sections if s.number] + [{"label": "Repeat", "value": "repeat"}]

    def any_section(self, intent: Intent) -> None:
        sections = {s.number: s for s in self.t.sections}
        section = sections.get(intent.value)
        if section is None:
            known = ", ".join(str(n) for n in sections if n)
            self.say(f"There is no section {intent.value}. The sections are {known}.")
            return
        pos = self.t.sections.index(section) + 1
        self.say(script.section_text(section, pos, len(self.t.sections)) + "\n\nSay **repeat** to go back to "
                 "where we were.", focus=section.sentences[0].id)

    def any_score(self, intent: Intent) -> None:
        phase = self.state["phase"]
        where = {
            "greeting": "We haven't started yet.",
            "skill": f"You're in the lesson: skill {self.state['index'] + 1} of {len(self.t.content.skills)}.",
            "reading": f"You're reading the article: part {self.state['index'] + 1} of {len(self.t.sections)}.",
            "quiz": f"You're on question {self.question.number}." if self.question else "You're in the quiz.",
            "practice": "You're practising the questions you missed.",
            "end": "You've finished the quiz.",
        }[phase]
        self.say(script.progress_text(summarise(self.t.lesson, self.progress.answered), where))

    def any_restart(self, intent: Intent) -> None:
        self.state["pending"] = {"kind": "restart", "candidates": [["Yes, start again", "yes", None],
                                                                   ["No, carry on", "no", None]]}
        self.say("Start again from the very beginning, with a new attempt and a fresh score? Your answers so far "
                 "stay saved.")

    def restart(self) -> None:
        self.effects.append(Effect("new_attempt"))
        self.say("Starting a new attempt…")

    # -- the script, step by step ------------------------------------------------------
    def greet(self) -> None:
        total = len(self.t.questions)
        self.say(script.greeting(self.t.lesson, self.t.content.greeting, len(self.progress.answered), total))

    def repeat(self) -> None:
        """Say the current prompt again, without side effects."""
        s = self.state
        if s["phase"] == "greeting":
            self.greet()
        elif s["phase"] == "skill":
            self.show_skill(with_teaching=s["awaiting"] != "check")
        elif s["phase"] == "reading":
            self.show_section()
        elif s["phase"] in ("quiz", "practice") and self.question:
            self.show_question(self.question)
        else:
            self.show_summary()

    def enter_skill(self, index: int) -> None:
        skills = self.t.content.skills
        if index >= len(skills):
            self.enter_reading(0)
            return
        self.state.update(phase="skill", index=index, awaiting="check" if skills[index].check else "next")
        self.show_skill(with_teaching=True)

    def show_skill(self, with_teaching: bool) -> None:
        skills = self.t.content.skills
        skill = skills[self.state["index"]]
        parts = [script.skill_text(skill, self.state["index"] + 1, len(skills))] if with_teaching else []
        marks = []
        if skill.check:
            parts.append(script.check_text(self.t.lesson, skill))
            marks = [skill.check.quote_id] if skill.check.quote_id else []
        else:
            parts.append("Say **next** when you're ready.")
        self.say("\n\n".join(parts), highlight=marks)

    def enter_reading(self, index: int) -> None:
        if index >= len(self.t.sections):
            self.enter_quiz()
            return
        self.state.update(phase="reading", index=index, awaiting=None)
        if index == 0:
            self.say("**Now let's read the article**, part by part. After each part I'll ask you to stop and think. "
                     "That's practice too; the quiz comes after.")
        self.show_section()

    def show_section(self) -> None:
        section = self.t.sections[self.state["index"]]
        think = self.t.content.stop_and_think(section.number)
        self.say(script.section_text(section, self.state["index"] + 1, len(self.t.sections)),
                 focus=section.sentences[0].id)
        self.say(think.prompt)

    def enter_quiz(self) -> None:
        self.state.update(phase="quiz", index=0, awaiting=None, question=None, picked=[])
        quiz = self.t.lesson.quiz
        left = [q for q in self.t.questions if not self.answered(q.id)]
        if len(left) == len(self.t.questions):
            self.say(f"**The quiz.** {len(self.t.questions)} questions worth {quiz.total_points} points. This time "
                     "your answers count, and the first answer to each question is the one that counts. Hints are "
                     "free. Say **skip** to come back to a question later.")
        elif left:
            self.say(f"**Back to the quiz.** {len(left)} of {len(self.t.questions)} questions left.")
        self.ask_next(entering=True)

    def next_question(self) -> Question | None:
        """Round by round (``closeread/learner/rounds.py``); a skipped question waits until the end of its round."""
        deferred = [qid for qid in self.state["deferred"] if not self.answered(qid)]
        return rounds.next_question(self.t.lesson, self.t.rounds, self.progress.answered, deferred)

    def ask_next(self, answered_now: str | None = None, entering: bool = False) -> None:
        q = self.next_question()
        if answered_now is not None or entering:
            for text in rounds.chat_between(self.t.lesson, self.t.rounds, self.progress.answered, answered_now, q):
                self.say(text)
        self.state["picked"] = []
        if q is None:
            self.state["question"] = None
            self.state["deferred"] = []
            self.enter_summary()
            return
        if q.id in self.state["deferred"]:
            self.state["deferred"].remove(q.id)
        self.state.update(phase="quiz", question=q.id)
        self.effects.append(Effect("seen", q.id))
        self.show_question(q)

    def show_question(self, q: Question) -> None:
        q = self.shown(q)
        practice = self.state["phase"] == "practice"
        text = script.question_text(q, len(self.t.questions), practice=practice)
        picked = self.state.get("picked") or []
        if picked:
            text += f"\n\nSo far you picked {script.sentence_list(self.t.lesson, picked)}."
        self.say(text, highlight=list(picked))

    def missed(self) -> list[str]:
        return [q.id for q in self.t.questions
                if q.id in self.progress.answered
                and self.progress.answered[q.id]["score"] < self.progress.answered[q.id]["max"]]

    def enter_summary(self) -> None:
        self.state.update(phase="end", question=None, practice=None, picked=[], awaiting=None)
        self.show_summary()

    def show_summary(self) -> None:
        summary = summarise(self.t.lesson, self.progress.answered)
        if not summary.finished:
            self.say(script.progress_text(summary, "The quiz isn't finished yet."))
            return
        weakest = summary.weakest
        tip = SKILL_TIPS.get(weakest.category) if weakest else None
        self.say(script.summary_text(summary, len(self.missed()), tip))

    def reconcile(self) -> None:
        """Catch up with progress made in the form view (or another tab)."""
        s = self.state
        # The content can change under a saved conversation (a teacher edits tutor.toml or the quiz).
        if s["phase"] == "skill" and s["index"] >= len(self.t.content.skills):
            self.enter_reading(0)
        elif s["phase"] == "reading" and s["index"] >= len(self.t.sections):
            self.enter_quiz()
        elif s["phase"] == "practice" and self.question is None:
            self.enter_summary()
        if s["phase"] == "quiz":
            q = self.question
            if q is None or self.answered(q.id):
                if q is not None:
                    self.say(f"Question {q.number} has been answered in the other view, so let's move on.")
                    s["last"] = q.id
                self.ask_next()
        elif s["phase"] == "end" and not summarise(self.t.lesson, self.progress.answered).finished:
            self.say("Some questions are still open.")
            self.enter_quiz()
