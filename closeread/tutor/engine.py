"""The conversation engine: (state, learner input, progress) -> (new state, replies, effects).

Pure: no Flask, no database. The caller loads the state and the attempt's
progress (answered questions and hints used, from the same tables the form
quiz uses), calls :meth:`Tutor.respond`, then stores the new state and the
replies and applies the effects (``seen``, ``hint``, ``answer``,
``new_attempt``). Which questions are done always comes from ``progress``, so
an attempt can move between the form view and the chat at any time.

Options are shown in the attempt's order (``progress.seed``, see
:mod:`closeread.questions.order`): the open question, its Expect, buttons,
letters and feedback all come from the *shown* question, so "b" means the
second option on screen. ``Tutor(..., order=file_order)`` keeps the quiz
file's order (tests, the learner-message corpus).

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
import functools

from ..content.model import Lesson, Question
from ..content.rounds import visible_rounds
from ..content.tutor import TutorContent, reading_sections
from ..questions.order import OptionOrder, shown
from ..questions.results import summarise
from . import script
from .handlers import IntentHandlers
from .intents import (
    LETTERS,
    Candidate,
    Choice,
    Expect,
    Intent,
    parse,
    resolve_clarification,
)
from .script import md_escape
from .sentence_refs import SentenceIndex
from .steps import ScriptSteps
from .turns import Effect, Input, Message, Progress, Turn

__all__ = ["Effect", "Input", "Message", "Progress", "Turn", "Tutor"]

STATE_VERSION = 1
SHOWN_CACHE = 4096  # shown questions kept per lesson: a few hundred attempts' open questions


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def _one_line(text: str) -> str:
    """An option's full text on one line: quick-reply buttons wrap it, never cut it."""
    return " ".join(text.split())


class Tutor:
    """The lesson script for one lesson. Holds no per-learner data.

    ``order(question, seed)`` gives the question as an attempt shows it (options shuffled per attempt by
    default; :func:`~closeread.questions.order.file_order` keeps the quiz file's order).
    """

    def __init__(self, lesson: Lesson, content: TutorContent, order: OptionOrder = shown):
        self.lesson = lesson
        self.content = content
        self.order = order
        # The shown questions of recent attempts (a chat turn asks for its question several times).
        self.shown = functools.lru_cache(maxsize=SHOWN_CACHE)(self._shown)
        self.index = SentenceIndex(lesson.article)
        self.sections = reading_sections(lesson)
        self.questions = lesson.quiz.questions
        self.by_id = lesson.quiz.by_id
        self.rounds = visible_rounds(lesson)  # the chat asks the questions round by round, like the form quiz

    def _shown(self, question_id: str, seed: str | None) -> Question:
        return self.order(self.by_id[question_id], seed)

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

    def expect(self, state: dict, progress: Progress | None = None) -> Expect:
        return _Run(self, state, progress or Progress()).expect()

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

    def echo(self, inp: Input, state: dict | None = None, progress: Progress | None = None) -> str:
        """How the learner's message reads in the transcript; ticked options by the letters shown (``state`` and
        ``progress`` are those before the turn)."""
        parts = []
        if inp.text.strip():
            parts.append(" ".join(inp.text.split()))
        if inp.sentences:
            parts.append("Selected " + ", ".join(inp.sentences))
        if inp.options:
            shown_ids = [c.id for c in _Run(self, state, progress or Progress()).expect().options] if state else []
            parts.append("Ticked " + ", ".join(
                LETTERS[shown_ids.index(o)].upper() if o in shown_ids else o for o in inp.options))
        return " · ".join(parts) or "(empty message)"


class _Run(ScriptSteps, IntentHandlers):
    """One turn: the state being changed, the replies and the effects collected so far."""

    def __init__(self, tutor: Tutor, state: dict, progress: Progress):
        self.t = tutor
        self.state = copy.deepcopy(state)
        for key, value in Tutor.new_state().items():
            self.state.setdefault(key, copy.deepcopy(value))
        self.progress = Progress(dict(progress.answered), dict(progress.hints), progress.seed)
        self.messages: list[Message] = []
        self.effects: list[Effect] = []
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
        return Turn(self.state, self.messages, self.effects)

    def shown(self, q: Question) -> Question:
        """The question as this attempt shows it (options in the attempt's order, letters by position)."""
        return self.t.shown(q.id, self.progress.seed)

    @property
    def question(self) -> Question | None:
        """The open question, as this attempt shows it."""
        qid = self.state.get("question")
        q = self.t.by_id.get(qid) if qid else None
        return self.shown(q) if q else None

    def answered(self, qid: str) -> bool:
        return qid in self.progress.answered

    # -- what the tutor is waiting for ----------------------------------------
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
            return Expect("think")
        if phase in ("quiz", "practice") and self.question:
            q = self.question
            return q.kind.expect(q)
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
        if pending:
            return [{"label": c[0], "value": c[0]} for c in pending["candidates"]]
        e = self.expect()
        qr: list[str] = []
        if s["phase"] == "greeting":
            qr = ["Start the lesson", "Go to the quiz"]
        elif s["phase"] == "skill":
            qr = [f"{LETTERS[i].upper()}. {_one_line(c.text)}" for i, c in enumerate(e.options)] + ["Hint", "Skip"] \
                if e.kind == "choice" else ["Next"]
        elif s["phase"] == "reading":
            qr = ["Next", "Hint"]
        elif s["phase"] in ("quiz", "practice"):
            if e.kind == "choice":
                qr = [c.label if e.scale else f"{LETTERS[i].upper()}. {_one_line(c.text)}"
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
        intent = self.read(inp)
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
        if kind == "ambiguous":
            self.ask_which(intent.candidates)
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
