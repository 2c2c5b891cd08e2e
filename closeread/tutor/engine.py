"""The conversation engine: (state, learner input, progress) -> (new state, replies, effects).

Pure: no Flask, no database. The caller loads the state and the attempt's
progress (answered questions and hints used, from the same tables the form
quiz uses), calls :meth:`Tutor.respond`, then stores the new state and the
replies and applies the effects (``seen``, ``hint``, ``answer``,
``new_attempt``). Which questions are done always comes from ``progress``, so
an attempt can move between the form view and the chat at any time.

The state is a small JSON-able dict::

    phase     greeting | skill | reading | quiz | end | practice
    index     which skill / which reading part
    awaiting  "check" or "next" (skills only)
    question  the open quiz or practice question id
    deferred  skipped question ids, asked after the others
    last      the last answered question id (for "why")
    picked    sentences picked so far for a pair question
    pending   {"kind": "clarify" | "restart", "candidates": [[label, kind, value], ...]}
    practice  {"queue": [...], "right": n, "done": n, "hints": n} during a retry
    highlight sentence ids the latest feedback refers to
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..content_model import Lesson, Question
from ..grading import AnswerError, grade_answer, normalise_answer
from ..results import summarise
from . import script
from .content import TutorContent, reading_sections
from .intents import (
    LETTERS,
    VERDICT_SHORT,
    Candidate,
    Choice,
    Expect,
    Intent,
    parse,
    resolve_clarification,
)
from .script import md_escape
from .sentence_refs import SentenceIndex

STATE_VERSION = 1
LABEL_WIDTH = 60
SKILL_TIPS = {
    "states": "Before answering, find the exact words: does the article say it, or only report that someone said it?",
    "unsupported": "For each claim, look for something you could check: a name, a date, a document, a source.",
    "contradiction": "Before calling it a contradiction, try hard to make both sentences true.",
    "source": "Ask who is speaking, and whether you could look them up.",
}


@dataclass
class Input:
    """One learner message: typed text, and/or sentences or options selected in the UI."""

    text: str = ""
    sentences: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


@dataclass
class Message:
    text: str  # Markdown
    tone: str | None = None  # right | partial | wrong
    quick_replies: list[dict] = field(default_factory=list)  # [{"label", "value"}]
    select: dict | None = None  # a request to select sentences or options
    highlight: list[str] = field(default_factory=list)  # sentence ids to highlight in the article
    focus: str | None = None  # a sentence id to scroll the article to

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "tone": self.tone,
            "quick_replies": self.quick_replies,
            "select": self.select,
            "highlight": self.highlight,
            "focus": self.focus,
        }


@dataclass
class Effect:
    kind: str  # seen | hint | answer | new_attempt
    question_id: str | None = None
    answer: object = None
    grade: object = None


@dataclass
class Progress:
    """What the database says about the attempt: {question id: response row}, {question id: hints used}."""

    answered: dict[str, dict] = field(default_factory=dict)
    hints: dict[str, int] = field(default_factory=dict)


@dataclass
class Turn:
    state: dict
    messages: list[Message]
    effects: list[Effect]
    intent: Intent | None = None  # how the learner's message was read (None when nothing was typed)


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


class Tutor:
    """The lesson script for one lesson. Holds no per-learner data."""

    def __init__(self, lesson: Lesson, content: TutorContent):
        self.lesson = lesson
        self.content = content
        self.index = SentenceIndex(lesson.article)
        self.sections = reading_sections(lesson)
        self.questions = lesson.quiz.questions
        self.by_id = lesson.quiz.by_id

    # -- public API ------------------------------------------------------------
    @staticmethod
    def new_state() -> dict:
        return {
            "v": STATE_VERSION, "phase": "greeting", "index": 0, "awaiting": None, "question": None,
            "deferred": [], "last": None, "picked": [], "pending": None, "practice": None, "highlight": [],
        }

    def start(self, progress: Progress) -> Turn:
        run = _Run(self, self.new_state(), progress)
        run.greet()
        return run.finish()

    def respond(self, state: dict, inp: Input, progress: Progress) -> Turn:
        run = _Run(self, state, progress)
        run.reconcile()
        run.handle(inp)
        return run.finish()

    def resume(self, state: dict, progress: Progress) -> Turn:
        """Catch up with answers given in the other view; no messages if nothing changed."""
        run = _Run(self, state, progress)
        run.reconcile()
        return run.finish(quiet=True)

    def expect(self, state: dict) -> Expect:
        return _Run(self, state, Progress()).expect()

    def status(self, state: dict, progress: Progress) -> dict:
        """What the UI needs besides the transcript: what input is expected, what to highlight, the score."""
        run = _Run(self, state, progress)
        summary = summarise(self.lesson, progress.answered)
        return {
            "phase": state["phase"],
            "expect": run.expect().kind,
            "select": run.select_request(),
            "quick_replies": run.quick_replies(),
            "highlight": list(state.get("highlight") or []),
            "question": state.get("question"),
            "progress": {"answered": summary.answered, "questions": summary.questions,
                         "score": summary.score, "max": summary.max},
        }

    def echo(self, inp: Input) -> str:
        """How the learner's message reads in the transcript."""
        parts = []
        if inp.text.strip():
            parts.append(" ".join(inp.text.split()))
        if inp.sentences:
            parts.append("Selected " + ", ".join(inp.sentences))
        if inp.options:
            parts.append("Ticked " + ", ".join(o.upper() if len(o) == 1 else o for o in inp.options))
        return " · ".join(parts) or "(empty message)"


class _Run:
    """One turn: the state being changed, the replies and the effects collected so far."""

    def __init__(self, tutor: Tutor, state: dict, progress: Progress):
        self.t = tutor
        self.state = copy.deepcopy(state)
        for key, value in Tutor.new_state().items():
            self.state.setdefault(key, copy.deepcopy(value))
        self.progress = Progress(dict(progress.answered), dict(progress.hints))
        self.messages: list[Message] = []
        self.effects: list[Effect] = []
        self.intent: Intent | None = None
        self._where = self._position()

    # -- plumbing --------------------------------------------------------------
    def say(self, text: str, **kw) -> Message:
        msg = Message(text, **kw)
        self.messages.append(msg)
        return msg

    def _position(self) -> tuple:
        s = self.state
        return s["phase"], s["index"], s["awaiting"], s["question"]

    def finish(self, quiet: bool = False) -> Turn:
        if self.messages:
            last = self.messages[-1]
            if not last.quick_replies:
                last.quick_replies = self.quick_replies()
            if last.select is None:
                last.select = self.select_request()
            marks = [sid for m in self.messages for sid in m.highlight]
            if marks or self._position() != self._where:
                self.state["highlight"] = list(dict.fromkeys(marks))
        elif not quiet:
            self.state["highlight"] = self.state.get("highlight") or []
        return Turn(self.state, self.messages, self.effects, self.intent)

    @property
    def question(self) -> Question | None:
        qid = self.state.get("question")
        return self.t.by_id.get(qid) if qid else None

    def answered(self, qid: str) -> bool:
        return qid in self.progress.answered

    # -- what the tutor is waiting for ----------------------------------------
    def choices_for(self, q: Question) -> tuple[Choice, ...]:
        if q.type == "verdict":
            return tuple(Choice(o.id, o.text, VERDICT_SHORT.get(o.id, o.text)) for o in q.options)
        return tuple(Choice(o.id, o.text) for o in q.options)

    def expect(self) -> Expect:
        s = self.state
        phase = s["phase"]
        if phase == "greeting":
            return Expect("next")
        if phase == "skill":
            skill = self.t.content.skills[s["index"]]
            if s["awaiting"] == "check" and skill.check:
                return Expect("choice", tuple(Choice(o.id, o.text) for o in skill.check.options))
            return Expect("next")
        if phase == "reading":
            return Expect("think", extra={"section": self.t.sections[s["index"]].number})
        if phase in ("quiz", "practice") and self.question:
            q = self.question
            if q.type in ("choice", "verdict"):
                return Expect("choice", self.choices_for(q), scale=q.scale if q.type == "verdict" else None)
            if q.type == "multi":
                return Expect("multi", self.choices_for(q))
            if q.type in ("cite", "pair"):
                return Expect("sentences", exactly=2 if q.type == "pair" else None)
            return Expect("text")
        return Expect("end")

    def select_request(self) -> dict | None:
        e = self.expect()
        n = len(self.t.lesson.article.sentences)
        if self.state.get("pending"):
            return None
        if e.kind == "sentences":
            return {"kind": "sentences", "min": e.exactly or 1, "max": e.exactly or n,
                    "picked": list(self.state.get("picked") or [])}
        if e.kind == "think":
            return {"kind": "sentences", "min": 1, "max": n, "optional": True, "picked": []}
        if e.kind == "multi":
            return {"kind": "options", "min": 1, "max": len(e.options),
                    "options": [{"id": c.id, "label": f"{LETTERS[i].upper()}. {c.text}"}
                                for i, c in enumerate(e.options)]}
        return None

    def quick_replies(self) -> list[dict]:
        s = self.state
        pending = s.get("pending")
        if pending and pending["kind"] == "confirm":
            return [{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"}]
        if pending:
            return [{"label": c[0], "value": c[0]} for c in pending["candidates"]]
        e = self.expect()
        qr: list[str] = []
        if s["phase"] == "greeting":
            qr = ["Start the lesson", "Go to the quiz"]
        elif s["phase"] == "skill":
            qr = [f"{LETTERS[i].upper()}. {_short(c.text)}" for i, c in enumerate(e.options)] + ["Hint", "Skip"] \
                if e.kind == "choice" else ["Next"]
        elif s["phase"] == "reading":
            qr = ["Next", "Hint"]
        elif s["phase"] in ("quiz", "practice"):
            if e.kind == "choice":
                qr = [c.label if e.scale else f"{LETTERS[i].upper()}. {_short(c.text)}"
                      for i, c in enumerate(e.options)]
            qr += ["Hint", "Skip"] if s["phase"] == "quiz" else ["Hint"]
            if s.get("last"):
                qr.append("Why?")
        else:
            qr = ["Show the reveal"]
            if self.missed():
                qr.append("Retry the missed questions")
            qr.append("Start a new attempt")
        return [{"label": label, "value": label} for label in qr]

    # -- reading the input -------------------------------------------------------
    def read(self, inp: Input) -> Intent:
        expect = self.expect()
        pending = self.state.get("pending")
        if inp.sentences:
            unknown = [sid for sid in inp.sentences if sid not in self.t.lesson.article.by_id]
            if unknown:
                return Intent("invalid", note=f"There is no sentence {', '.join(unknown)} in the article.")
            if expect.kind in ("sentences", "think"):
                return Intent("sentences", tuple(dict.fromkeys((*self.state.get("picked", []), *inp.sentences))))
            return Intent("invalid", note="Sentences can't answer this one.")
        if inp.options:
            ids = {c.id for c in expect.options}
            if expect.kind not in ("choice", "multi") or not set(inp.options) <= ids:
                return Intent("invalid", note="Those options don't belong to this question.")
            if expect.kind == "choice":
                if len(inp.options) != 1:
                    return Intent("invalid", note="Choose just one option.")
                return Intent("option", inp.options[0])
            return Intent("options", tuple(dict.fromkeys(inp.options)))
        if pending:
            candidates = tuple(Candidate(*c) for c in pending["candidates"])
            inner = Expect("confirm") if pending["kind"] == "restart" else expect
            return resolve_clarification(inp.text, candidates, inner, self.t.index)
        return parse(inp.text, expect, self.t.index, tuple(self.state.get("picked") or ()))

    def handle(self, inp: Input) -> None:
        intent = self.intent = self.read(inp)
        pending = self.state.get("pending")
        self.state["pending"] = None
        kind = intent.kind
        if pending and pending["kind"] == "restart":
            if kind in ("restart_yes", "yes"):
                self.restart()
                return
            if kind == "no":
                self.say("OK, we'll carry on where we were.")
                self.repeat()
                return
        if pending and pending["kind"] == "confirm" and kind == "no":
            self.say("OK, not that one. " + self.help_line())
            return
        if kind == "ambiguous":
            self.ask_which(intent.candidates)
            return
        if kind == "confirm":
            self.ask_confirm(intent.candidates[0])
            return
        if kind == "invalid":
            self.say(intent.note + " " + self.help_line())
            return
        handler = getattr(self, f"on_{kind}", None)
        global_handler = getattr(self, f"any_{kind}", None)
        if global_handler:
            global_handler(intent)
        elif handler:
            handler(intent)
        else:
            self.not_understood(inp)

    def help_line(self) -> str:
        e = self.expect()
        return script.HELP_BY_KIND.get(script.help_key(e.kind, e.scale), "")

    def not_understood(self, inp: Input) -> None:
        said = md_escape(_short(inp.text, 80))
        self.say(f"Sorry, I didn't understand “{said}”. {self.help_line()} "
                 "Say **help** to see everything I understand.")

    def ask_which(self, candidates: tuple[Candidate, ...]) -> None:
        self.state["pending"] = {"kind": "clarify", "candidates": [[c.label, c.kind, c.value] for c in candidates]}
        lines = "\n".join(f"{i}. {md_escape(c.label)}" for i, c in enumerate(candidates, 1))
        marks = [c.value[-1] for c in candidates if c.kind == "sentences" and c.value]
        self.say(f"Which did you mean?\n\n{lines}\n\nTap one or type its number.", highlight=marks)

    def ask_confirm(self, c: Candidate) -> None:
        """A medium-confidence reading: nothing is stored until the learner says yes."""
        self.state["pending"] = {"kind": "confirm", "candidates": [[c.label, c.kind, c.value]]}
        self.say(f"Did you mean {md_escape(c.label)}?")

    # -- global commands ----------------------------------------------------------
    def any_define(self, intent: Intent) -> None:
        term = self.t.content.glossary.lookup(str(intent.value or ""))
        if term is None:
            known = ", ".join(f"**{n}**" for n in self.t.content.glossary.names()[:8])
            self.say(f"I don't have “{md_escape(str(intent.value))}” in my glossary. I can explain {known}.")
            return
        self.say(term.definition + " " + self.help_line())

    def any_undo(self, intent: Intent) -> None:
        if self.state.get("picked"):
            self.state["picked"] = []
            self.say("OK, I've cleared your pick. Which two sentences? " + self.help_line())
        elif self.state.get("last"):
            self.answer_is_final()
        else:
            self.say("There's nothing to undo yet. " + self.help_line())

    def any_change(self, intent: Intent) -> None:
        if self.state.get("picked"):
            self.state["picked"] = []
            if intent.value:
                self.handle(Input(str(intent.value)))
            else:
                self.say("OK, I've cleared your pick. Which two sentences? " + self.help_line())
        elif self.state.get("last"):
            self.answer_is_final()
        elif intent.value:
            self.handle(Input(str(intent.value)))
        else:
            self.say("There's no answer to change yet. " + self.help_line())

    def answer_is_final(self) -> None:
        q = self.t.by_id.get(self.state["last"])
        which = f"question {q.number}" if q else "that question"
        msg = self.say(f"Your answer to {which} is final once its feedback is shown, so that every score means what "
                       "it says. Say **why** for the explanation; at the end you can **retry** the questions you "
                       "missed, for practice.")
        msg.quick_replies = [{"label": "Why?", "value": "why"}, {"label": "Repeat", "value": "repeat"}]

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
        self.ask_next()

    def next_question(self) -> Question | None:
        deferred = [qid for qid in self.state["deferred"] if not self.answered(qid)]
        main = [q for q in self.t.questions if not self.answered(q.id) and q.id not in deferred]
        if main:
            return main[0]
        return self.t.by_id[deferred[0]] if deferred else None

    def ask_next(self) -> None:
        q = self.next_question()
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
        elif phase in ("quiz", "practice") and self.question and self.question.type == "explain":
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
            self.submit(q, [intent.value] if q.type == "multi" else intent.value)

    def on_options(self, intent: Intent) -> None:
        q = self.question
        if self.state["phase"] in ("quiz", "practice") and q and q.type == "multi":
            self.submit(q, list(intent.value))
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
        if q.type == "pair":
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
        self.submit(q, list(picked))

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
            self.ask_next()

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
