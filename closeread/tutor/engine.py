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

The state is a :class:`~.state.State` (stored as its dict; older stored dicts are read too). Each phase has
one handler (:mod:`.phases`) that declares the intents it understands; the commands of
:mod:`.phases.common` work everywhere. This module is the plumbing: read the message, settle a pending
question ("which did you mean?", "did you mean …?", "start again?"), dispatch, collect replies.
"""

from __future__ import annotations

import functools

from ..content.model import Lesson, Question
from ..content.rounds import visible_rounds
from ..content.tutor import TutorContent, reading_sections
from ..questions.order import OptionOrder, shown
from ..questions.results import summarise
from . import flow, script
from .intents import LETTERS, Candidate, Expect, Intent, parse, resolve_clarification
from .intents import IntentKind as K
from .nlu import bare_term, strip_lead_ins
from .nlu.model import MOVE_ON
from .nlu.normalise import clean
from .phases import COMMON, PHASES, PhaseHandler
from .phases.common import restart
from .script import md_escape
from .sentence_refs import SentenceIndex
from .state import STATE_VERSION, State
from .turns import Effect, Input, Message, Progress, Turn

__all__ = ["STATE_VERSION", "Effect", "Input", "Message", "Progress", "Run", "State", "Turn", "Tutor"]

SHOWN_CACHE = 4096  # shown questions kept per lesson: a few hundred attempts' open questions
# Readings that are not a command: a word asked about ("annexation?") may stand in for them.
_NOT_COMMANDS = frozenset({K.SENTENCES, K.TEXT, K.UNKNOWN, K.INVALID, K.AMBIGUOUS, K.CONFIRM})


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


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
        return State().to_dict()

    def start(self, progress: Progress) -> Turn:
        run = Run(self, State(), progress)
        flow.greet(run)
        return run.finish()

    def respond(self, state: dict | State, inp: Input, progress: Progress) -> Turn:
        run = Run(self, state, progress)
        flow.reconcile(run)
        run.handle(inp)
        return run.finish()

    def resume(self, state: dict | State, progress: Progress) -> Turn:
        """Catch up with answers given in the other view; no messages if nothing changed."""
        run = Run(self, state, progress)
        flow.reconcile(run)
        return run.finish(quiet=True)

    def expect(self, state: dict | State, progress: Progress | None = None) -> Expect:
        return Run(self, state, progress or Progress()).expect()

    def status(self, state: dict | State, progress: Progress) -> dict:
        """What the UI needs besides the transcript: what input is expected, what to highlight, the score."""
        run = Run(self, state, progress)
        summary = run.summary()
        return {
            "phase": str(run.state.phase),
            "expect": run.expect().kind,
            "select": run.select_request(),
            "quick_replies": run.quick_replies(),
            "highlight": list(run.state.highlight),
            "question": run.state.question,
            "progress": {"answered": summary.answered, "questions": summary.questions,
                         "score": summary.score, "max": summary.max},
        }

    def echo(self, inp: Input, state: dict | State | None = None, progress: Progress | None = None) -> str:
        """How the learner's message reads in the transcript; ticked options by the letters shown (``state`` and
        ``progress`` are those before the turn)."""
        parts = []
        if inp.text.strip():
            parts.append(" ".join(inp.text.split()))
        if inp.sentences:
            parts.append("Selected " + ", ".join(inp.sentences))
        if inp.options:
            shown_ids = [c.id for c in Run(self, state, progress or Progress()).expect().options] if state else []
            parts.append("Ticked " + ", ".join(
                LETTERS[shown_ids.index(o)].upper() if o in shown_ids else o for o in inp.options))
        return " · ".join(parts) or "(empty message)"


class Run:
    """One turn: the state being changed, the replies and the effects collected so far."""

    def __init__(self, tutor: Tutor, state: dict | State, progress: Progress):
        self.t = tutor
        self.state = State.from_dict(state)
        self.progress = Progress(dict(progress.answered), dict(progress.hints), progress.seed, progress.rounds)
        # The rounds this learner works through: a class assignment of some rounds narrows them (and the
        # questions, the score and "finished" with them); otherwise the lesson's rounds.
        self.rounds = visible_rounds(tutor.lesson, progress.rounds) if progress.rounds else tutor.rounds
        self.assigned = len(self.rounds) < len(tutor.rounds)
        mine = {qid for r in self.rounds for qid in r.question_ids}
        self.questions = [q for q in tutor.questions if q.id in mine] if self.assigned else tutor.questions
        self.messages: list[Message] = []
        self.effects: list[Effect] = []
        self.intent: Intent | None = None
        self._expects: dict[tuple, Expect] = {}
        self._where = self._position()

    # -- plumbing --------------------------------------------------------------
    @property
    def phase(self) -> PhaseHandler:
        return PHASES[self.state.phase]

    def say(self, text: str, **kw) -> Message:
        msg = Message(text, **kw)
        self.messages.append(msg)
        return msg

    def _position(self) -> tuple:
        s = self.state
        return s.phase, s.index, s.awaiting, s.question

    def finish(self, quiet: bool = False) -> Turn:
        if self.messages:
            last = self.messages[-1]
            if not last.quick_replies:
                last.quick_replies = self.quick_replies()
            if last.select is None:
                last.select = self.select_request()
            marks = [sid for m in self.messages for sid in m.highlight]
            if marks or self._position() != self._where:
                self.state.highlight = list(dict.fromkeys(marks))
        return Turn(self.state.to_dict(), self.messages, self.effects, self.intent, self.progress)

    def shown(self, q: Question) -> Question:
        """The question as this attempt shows it (options in the attempt's order, letters by position)."""
        return self.t.shown(q.id, self.progress.seed)

    @property
    def question(self) -> Question | None:
        """The open question, as this attempt shows it."""
        qid = self.state.question
        q = self.t.by_id.get(qid) if qid else None
        return self.shown(q) if q else None

    def answered(self, qid: str) -> bool:
        return qid in self.progress.answered

    def summary(self):
        """The score over this learner's questions (the assigned rounds' only, with an assignment)."""
        return summarise(self.t.lesson, self.progress.answered, self.questions if self.assigned else None)

    def lesson_finished(self) -> bool:
        """Every question of the whole lesson answered: what the reveal waits for."""
        return summarise(self.t.lesson, self.progress.answered).finished

    # -- what the tutor is waiting for ----------------------------------------
    def expect(self) -> Expect:
        """What the tutor waits for now (asked several times a turn, so kept per position)."""
        key = self._position()
        if key not in self._expects:
            self._expects[key] = self.phase.expect(self)
        return self._expects[key]

    def select_request(self) -> dict | None:
        e = self.expect()
        n = len(self.t.lesson.article.sentences)
        if self.state.pending:
            return None
        if e.kind == "sentences":
            return {"kind": "sentences", "min": e.exactly or 1, "max": e.exactly or n,
                    "picked": list(self.state.picked)}
        if e.kind == "think":
            return {"kind": "sentences", "min": 1, "max": n, "optional": True, "picked": []}
        if e.kind == "multi":
            return {"kind": "options", "min": 1, "max": len(e.options),
                    "options": [{"id": c.id, "label": f"{LETTERS[i].upper()}. {c.text}"}
                                for i, c in enumerate(e.options)]}
        return None

    def quick_replies(self) -> list[dict]:
        pending = self.state.pending
        if pending and pending["kind"] == "confirm":
            labels = ["Yes", "No"]
        elif pending:
            labels = [c[0] for c in pending["candidates"]]
        else:
            labels = self.phase.quick_replies(self)
        return [{"label": label, "value": label} for label in labels]

    # -- reading the input -------------------------------------------------------
    def read(self, inp: Input) -> Intent:
        expect = self.expect()
        if inp.sentences:
            return self._read_sentences(inp, expect)
        if inp.options:
            return self._read_options(inp, expect)
        pending = self.state.pending
        if pending:
            candidates = tuple(Candidate(*c) for c in pending["candidates"])
            inner = Expect("confirm") if pending["kind"] == "restart" else expect
            return resolve_clarification(inp.text, candidates, inner, self.t.index)
        found = parse(inp.text, expect, self.t.index, tuple(self.state.picked))
        return self._just_shown(self._known_term(self._word_question(inp.text, found, expect)))

    def _just_shown(self, found: Intent) -> Intent:
        """'next question' just after feedback: the next question is already shown, so it is "next" (we're on it),
        not a skip of the question the learner has not looked at yet. Once a hint is taken it is a skip again."""
        q = self.question if found.kind == K.SKIP and found.value == MOVE_ON and self.state.last else None
        if q is not None and not self.progress.hints.get(q.id):
            return Intent("next")
        return found

    def _known_term(self, found: Intent) -> Intent:
        """'mercenary meaning?', 'what is a non sequitur': the word asked about, named as the lesson's word list
        names it (plural, hyphen or a slip of the keyboard aside), so what is recorded is the entry explained."""
        if found.kind != K.DEFINE or not found.value:
            return found
        entry = self.t.lesson.glossary.lookup(str(found.value))
        return Intent("define", entry.term) if entry is not None else found

    def _word_question(self, text: str, found: Intent, expect: Expect) -> Intent:
        """'annexation?' where no answer choice is open: a word of the lesson's word list asked about."""
        if expect.kind in ("choice", "multi", "text") or found.kind not in _NOT_COMMANDS:
            return found
        term = bare_term(strip_lead_ins(clean(text)) + "?")
        if term and self.t.lesson.glossary.lookup(term) is not None:
            return Intent("define", term)
        return found

    def _read_sentences(self, inp: Input, expect: Expect) -> Intent:
        unknown = [sid for sid in inp.sentences if sid not in self.t.lesson.article.by_id]
        if unknown:
            return Intent("invalid", note=f"There is no sentence {', '.join(unknown)} in the article.")
        if expect.kind in ("sentences", "think"):
            return Intent("sentences", tuple(dict.fromkeys((*self.state.picked, *inp.sentences))))
        return Intent("invalid", note="Sentences can't answer this one.")

    @staticmethod
    def _read_options(inp: Input, expect: Expect) -> Intent:
        ids = {c.id for c in expect.options}
        if expect.kind not in ("choice", "multi") or not set(inp.options) <= ids:
            return Intent("invalid", note="Those options don't belong to this question.")
        if expect.kind == "choice":
            if len(inp.options) != 1:
                return Intent("invalid", note="Choose just one option.")
            return Intent("option", inp.options[0])
        return Intent("options", tuple(dict.fromkeys(inp.options)))

    def handle(self, inp: Input) -> None:
        intent = self.intent = self.read(inp)
        pending, self.state.pending = self.state.pending, None
        if pending and self._settle(pending, intent):
            return
        self.dispatch(intent, inp)

    def _settle(self, pending: dict, intent: Intent) -> bool:
        """The answer to a pending "start again?" or "did you mean …?"; True when it is dealt with."""
        if pending["kind"] == "restart" and intent.kind == K.YES:
            restart(self)
            return True
        if pending["kind"] == "restart" and intent.kind == K.NO:
            self.say("OK, we'll carry on where we were.")
            self.phase.repeat(self)
            return True
        if pending["kind"] == "confirm" and intent.kind == K.NO:
            self.say("OK, not that one. " + self.help_line())
            return True
        return False

    def dispatch(self, intent: Intent, inp: Input) -> None:
        kind = intent.kind
        if kind == K.AMBIGUOUS:
            self.ask_which(intent.candidates)
        elif kind == K.CONFIRM:
            self.ask_confirm(intent.candidates[0])
        elif kind == K.INVALID:
            self.say(intent.note + " " + self.help_line())
        elif kind in COMMON:
            COMMON[kind](self, intent)
        elif kind in self.phase.handlers():
            self.phase.handlers()[kind](self, intent)
        elif kind in self.phase.not_now:
            self.say(self.phase.not_now[kind])
        else:
            self.not_understood(inp)

    def help_line(self) -> str:
        e = self.expect()
        return script.HELP_BY_KIND.get(script.help_key(e.kind, e.scale), "")

    def not_understood(self, inp: Input) -> None:
        said = md_escape(_short(inp.text, 80))
        self.say(f"Sorry, I didn't understand “{said}”. {self.help_line()} "
                 "Say **help** to see everything I understand.")

    def not_understood_here(self) -> None:
        self.say("That doesn't answer what I asked. " + self.help_line())

    def ask_which(self, candidates: tuple[Candidate, ...]) -> None:
        self.state.pending = {"kind": "clarify", "candidates": [[c.label, str(c.kind), c.value] for c in candidates]}
        lines = "\n".join(f"{i}. {md_escape(c.label)}" for i, c in enumerate(candidates, 1))
        marks = [c.value[-1] for c in candidates if c.kind == K.SENTENCES and c.value]
        self.say(f"Which did you mean?\n\n{lines}\n\nTap one or type its number.", highlight=marks)

    def ask_confirm(self, c: Candidate) -> None:
        """A medium-confidence reading: nothing is stored until the learner says yes."""
        self.state.pending = {"kind": "confirm", "candidates": [[c.label, str(c.kind), c.value]]}
        self.say(f"Did you mean {md_escape(c.label)}?")
