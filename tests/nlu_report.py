"""How well the chat tutor understands learner language: ``make nlu-report``.

Drives the real engine (:class:`closeread.tutor.engine.Tutor` with the real
lesson and its tutor.toml) through the learner-message corpus in
``tests/data/learner_messages.toml``. Each message is sent at its step (the
greeting, a skill check, a reading part, an open question, just after a
question's feedback, half-way through picking a pair, the summary); the state
for that step is reached through the engine's own API (messages and ticked
options), never by editing the state by hand. The turn is then classified:

* understood: the reading or the action is the expected one (for an expected
  "clarify", asking is understood; for "not-understood", saying so is);
* clarified: it asked which was meant, or asked to confirm, and stored nothing;
* not understood: it said it did not understand and stored nothing;
* misunderstood: it stored an answer or took an action the learner did not mean
  (storing anything for an expected clarify / not-understood / command counts);
* crash: the engine raised.

The corpus is split deterministically: every 4th message of each category is
held out (never looked at while tuning the parser); the rest is the tuning part.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tomllib
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from closeread.content.loader import load_content
from closeread.questions.order import file_order
from closeread.tutor.engine import Input, Progress, Turn, Tutor

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "learner_messages.toml"
# The lesson and quiz the corpus was labelled against (commit 15691ab), frozen: see its README.
CORPUS_LESSON = DATA / "corpus_lesson"
OUTCOMES = ("understood", "clarified", "not understood", "misunderstood", "crash")
HELD_OUT_EVERY = 4
# Commands that only show something: reading one of these where another command was meant is
# "not understood" rather than "misunderstood" only if it changes nothing (see classify).
SHOW_ONLY = {"help", "repeat", "article", "section", "score", "why", "define"}
# Corpus command names the engine spells differently.
COMMAND_ALIASES = {"dont-know": "dont_know", "idk": "dont_know", "continue": "next", "back": "undo"}


@dataclass(frozen=True)
class Row:
    n: int
    step: str
    text: str
    expect: str
    value: object
    category: str
    arg: object = None
    held_out: bool = False


@dataclass
class Result:
    row: Row
    outcome: str
    got: str
    detail: str = ""


def load_corpus(path: Path = CORPUS, round_: int | None = None) -> list[Row]:
    """The messages of a corpus file (``round_``: only those of that round, in a file that has rounds)."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    raw = next(v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict))
    if round_ is not None:
        raw = [item for item in raw if item.get("round") == round_]
    rows, seen = [], Counter()
    for n, item in enumerate(raw, 1):
        category = item.get("category", "")
        seen[category] += 1
        rows.append(Row(n, item["step"], item["text"], item["expect"], item.get("value"), category,
                        item.get("arg"), held_out=seen[category] % HELD_OUT_EVERY == 0))
    return rows


# -- reaching each step through the engine ----------------------------------------------------------------
class World:
    """The real lesson and tutor, and the (state, progress) at each step, built once and copied."""

    def __init__(self):
        lessons = load_content(CORPUS_LESSON)
        self.lesson = next(iter(lessons.values()))
        self.content = self.lesson.tutor
        # The quiz file's order: the corpus's letters were written against it, so no shuffling.
        self.tutor = Tutor(self.lesson, self.content, order=file_order)
        self._cache: dict[str, tuple[dict, Progress]] = {}

    # a tiny driver that applies effects the way the web layer does
    def _send(self, state: dict, progress: Progress, text: str = "", options=(), sentences=()) -> dict:
        turn = self.tutor.respond(state, Input(text, tuple(sentences), tuple(options)), progress)
        apply_effects(turn, progress)
        return turn.state

    def at(self, step: str) -> tuple[dict, Progress]:
        if step not in self._cache:
            self._cache[step] = self._build(step)
        state, progress = self._cache[step]
        return copy.deepcopy(state), Progress(copy.deepcopy(progress.answered), dict(progress.hints))

    def _build(self, step: str) -> tuple[dict, Progress]:
        kind, _, arg = step.partition(":")
        progress = Progress()
        state = self.tutor.start(progress).state
        if kind == "greeting":
            return state, progress
        if kind in ("skill", "reading"):
            state = self._send(state, progress, "Start the lesson")
            for skill in self.content.skills:
                if kind == "skill" and skill.category == arg:
                    return state, progress
                state = self._send(state, progress, options=(skill.check.key,)) if skill.check else \
                    self._send(state, progress, "next")
            if kind == "skill":
                raise KeyError(f"no skill {arg!r}")
            for section in self.tutor.sections:
                if section.number == int(arg):
                    return state, progress
                state = self._send(state, progress, "next")
            raise KeyError(f"no reading part {arg!r}")
        if kind in ("question", "after", "picking"):
            return self._question_step(kind, arg, state, progress)
        if kind == "end":
            return self._end(state, progress)
        raise KeyError(f"unknown step {step!r}")

    def _open(self, qid: str, state: dict, progress: Progress) -> dict:
        """The quiz with question ``qid`` open: every question before it answered with its key."""
        for q in self.lesson.quiz.questions:
            if q.id == qid:
                break
            progress.answered[q.id] = {"score": q.points, "max": q.points, "response": key_of(q)}
        else:
            raise KeyError(f"no question {qid!r}")
        state = self._send(state, progress, "go to the quiz")
        assert state["question"] == qid, (qid, state["question"])
        return state

    def _question_step(self, kind: str, qid: str, state: dict, progress: Progress) -> tuple[dict, Progress]:
        state = self._open(qid, state, progress)
        q = self.lesson.quiz.by_id[qid]
        if kind == "after":  # answered (wrongly, so "why" and a change of mind are natural), feedback shown
            wrong = wrong_answer(q, self.lesson)
            if q.type in ("choice", "verdict"):
                state = self._send(state, progress, options=(wrong,))
            elif q.type == "multi":
                state = self._send(state, progress, options=tuple(wrong))
            elif q.type in ("cite", "pair"):
                state = self._send(state, progress, sentences=tuple(wrong))
            else:
                state = self._send(state, progress, wrong)
            assert qid in progress.answered and state["last"] == qid
        elif kind == "picking":  # a pair with its first sentence picked
            if q.type != "pair":
                raise KeyError(f"picking:{qid} needs a pair question")
            first = sorted(q.key[0])[0]
            state = self._send(state, progress, sentences=(first,))
            assert state["picked"] == [first], state["picked"]
        return state, progress

    def _end(self, state: dict, progress: Progress) -> tuple[dict, Progress]:
        questions = self.lesson.quiz.questions
        for q in questions[:-1]:
            progress.answered[q.id] = {"score": q.points, "max": q.points, "response": key_of(q)}
        state = self._send(state, progress, "go to the quiz")
        last = questions[-1]
        if last.type == "explain":
            state = self._send(state, progress, "I am not sure what to write here at all.")
        else:
            state = self._send(state, progress, options=(wrong_answer(last, self.lesson),))
        assert state["phase"] == "end", state["phase"]
        return state, progress


def key_of(q):
    if q.type in ("choice", "verdict"):
        return q.key
    if q.type == "pair":
        return sorted(q.key[0])
    if q.type in ("multi", "cite"):
        return list(q.key)
    return "key"


def wrong_answer(q, lesson):
    if q.type in ("choice", "verdict"):
        return next(o.id for o in q.options if o.id != q.key)
    if q.type == "multi":
        return [next(o.id for o in q.options if o.id not in q.key)]
    if q.type in ("cite", "pair"):
        outside = [s.id for s in lesson.article.sentences[1:] if s.id not in q.key_sentences]
        return outside[:2] if q.type == "pair" else outside[:1]
    return "I am really not sure what to say about it."


def apply_effects(turn: Turn, progress: Progress) -> None:
    for e in turn.effects:
        if e.kind == "answer":
            progress.answered[e.question_id] = {"score": e.grade.score, "max": e.grade.max, "response": e.answer}
        elif e.kind == "hint":
            progress.hints[e.question_id] = progress.hints.get(e.question_id, 0) + 1


# -- classifying one turn ----------------------------------------------------------------------------------------
def _norm_value(expect: str, value):
    if expect in ("options", "sentences") and isinstance(value, list | tuple):
        return frozenset(str(v) for v in value)
    if isinstance(value, str):
        return value.strip().lower()
    return value


def _command_name(value) -> str:
    name = str(value or "").strip().lower().replace(" ", "_")
    return COMMAND_ALIASES.get(name, COMMAND_ALIASES.get(name.replace("_", "-"), name))


@dataclass
class Observed:
    """What a turn did: the intent it acted on, answers stored, sentences picked, position changed."""

    intent_kind: str
    intent_value: object
    stored: list = field(default_factory=list)  # (question id, answer)
    picked: tuple = ()
    moved: bool = False
    asked: bool = False  # a pending clarify/confirm is open
    effects: tuple = ()
    said: str = ""
    before_picked: frozenset = frozenset()


def observe(before: dict, turn: Turn) -> Observed:
    intent = turn.intent
    after = turn.state
    pending = after.get("pending")
    moved = (before["phase"], before["index"], before["question"], before.get("awaiting")) != \
        (after["phase"], after["index"], after["question"], after.get("awaiting"))
    picked = tuple(after.get("picked") or ())
    return Observed(
        intent.kind if intent else "", intent.value if intent else None,
        [(e.question_id, e.answer) for e in turn.effects if e.kind == "answer"],
        picked if picked != tuple(before.get("picked") or ()) else (),
        moved,
        bool(pending) and pending.get("kind") in ("clarify", "confirm"),
        tuple(e.kind for e in turn.effects),
        "\n".join(m.text for m in turn.messages),
        frozenset(before.get("picked") or ()),
    )


ANSWER_KINDS = ("option", "options", "sentences", "text")


def _answer_matches(row: Row, obs: Observed, step_kind: str) -> bool:
    want = _norm_value(row.expect, row.value)
    if step_kind == "picking":  # the sentence named completes the pair begun with the first pick
        want = want | obs.before_picked
    if row.expect == "text":
        return obs.intent_kind == "text" and (bool(obs.stored) or step_kind in ("reading", "after", "end")
                                              or obs.moved)
    for _, answer in obs.stored:
        got = answer if not isinstance(answer, list) else list(answer)
        if row.expect == "option" and isinstance(got, list) and frozenset(got) == frozenset({want}):
            return True
        if _norm_value(row.expect, got) == want:
            return True
    if obs.stored:
        return False
    if obs.picked and row.expect == "sentences":
        return frozenset(obs.picked) >= want and bool(want)
    # no answer stored: a skill check or a reading part acts on the intent itself
    if row.expect == "option" and obs.intent_kind in ("option", "options"):
        value = obs.intent_value if obs.intent_kind == "option" else tuple(obs.intent_value or ())
        return value == row.value or value == (row.value,)
    if row.expect == "sentences" and obs.intent_kind == "sentences":
        return frozenset(obs.intent_value or ()) == want
    if row.expect == "options" and obs.intent_kind in ("options", "option"):
        got = obs.intent_value if obs.intent_kind == "options" else (obs.intent_value,)
        return frozenset(got or ()) == want
    return False


def _did_something(obs: Observed) -> bool:
    """Stored, picked, moved on, or took an effect (a hint, a new attempt)."""
    return bool(obs.stored or obs.picked or obs.moved or set(obs.effects) - {"seen"})


def _command_matches(row: Row, obs: Observed) -> bool:
    name = _command_name(row.value)
    kind = obs.intent_kind
    if kind == "confirm":  # the tutor confirms a command before acting: that is asking, not acting
        return False
    same = kind == name or {kind, name} <= {"yes", "next"} or (name == "no" and kind == "no")
    if not same:
        return False
    if row.arg is None:
        return True
    value = obs.intent_value
    if name == "define" and isinstance(value, str) and isinstance(row.arg, str):
        return _same_word(value, row.arg)
    if isinstance(value, str) and isinstance(row.arg, str):
        return value.strip().lower() == row.arg.strip().lower()
    return value == row.arg


def _same_word(asked: str, wanted: str) -> bool:
    """A word question is understood when it names the word the label names: the same glossary entry when the
    lesson has one ("mercenary" and "mercenaries", "non sequitur" and "non-sequitur" show the same definition),
    otherwise the same spelling."""
    glossary = world().lesson.glossary
    a, b = glossary.lookup(asked), glossary.lookup(wanted)
    if a is not None and b is not None:
        return a == b
    return asked.strip().lower() == wanted.strip().lower()


def _otherwise(asked: bool, not_understood: bool, obs: Observed) -> str:
    """What a turn that did not do the expected thing was."""
    if obs.stored or obs.picked:
        return "misunderstood"
    if asked and not _did_something(obs):
        return "clarified"
    if not_understood:
        return "not understood"
    return "misunderstood"


def classify(row: Row, obs: Observed, step_kind: str) -> str:
    kind = obs.intent_kind
    asked = obs.asked or kind in ("ambiguous", "confirm")
    not_understood = kind in ("unknown", "invalid") and not _did_something(obs)
    if row.expect in ANSWER_KINDS:
        understood = _answer_matches(row, obs, step_kind)
    elif row.expect == "command":
        understood = _command_matches(row, obs)
    elif row.expect == "clarify":
        understood = asked and not _did_something(obs)
    elif row.expect == "not-understood":
        understood = not_understood
        if not understood and not (asked and not _did_something(obs)) and kind in SHOW_ONLY \
                and not _did_something(obs):
            return "not understood"
    else:
        raise ValueError(f"row {row.n}: unknown expect {row.expect!r}")
    return "understood" if understood else _otherwise(asked, not_understood, obs)


def describe(obs: Observed) -> str:
    bits = [obs.intent_kind + (f"={obs.intent_value!r}" if obs.intent_value not in (None, "", ()) else "")]
    if obs.stored:
        bits.append(f"stored {obs.stored}")
    if obs.picked:
        bits.append(f"picked {list(obs.picked)}")
    if obs.moved:
        bits.append("moved")
    return "; ".join(bits)


@cache
def world() -> World:
    return World()


def run_row(row: Row) -> Result:
    w = world()
    step_kind = row.step.partition(":")[0]
    try:
        state, progress = w.at(row.step)
        turn = w.tutor.respond(state, Input(row.text), progress)
        obs = observe(state, turn)
    except Exception as exc:  # noqa: BLE001 - a crash is one of the outcomes being measured
        return Result(row, "crash", type(exc).__name__, traceback.format_exc(limit=3))
    return Result(row, classify(row, obs, step_kind), describe(obs), obs.said[:200])


def run(rows: list[Row]) -> list[Result]:
    return [run_row(r) for r in rows]


# -- the table ---------------------------------------------------------------------------------------------------
def summarise(results: list[Result]) -> dict[str, Counter]:
    table: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        table[r.row.category][r.outcome] += 1
        table["TOTAL"][r.outcome] += 1
    return table


def rate(counter: Counter, outcome: str) -> float:
    total = sum(counter.values())
    return 100.0 * counter[outcome] / total if total else 0.0


def format_table(results: list[Result], title: str) -> str:
    table = summarise(results)
    head = ["category", "n", *OUTCOMES, "understood %"]
    lines = [f"**{title}**", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cat in sorted(k for k in table if k != "TOTAL") + ["TOTAL"]:
        c = table[cat]
        n = sum(c.values())
        name = f"**{cat}**" if cat == "TOTAL" else cat
        lines.append("| " + " | ".join([name, str(n), *(str(c[o]) for o in OUTCOMES), f"{rate(c, 'understood'):.1f}"])
                     + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("all", "tuning", "held-out"), default="tuning",
                        help="which part of the corpus to list failures for")
    parser.add_argument("--failures", action="store_true", help="list every message not understood")
    parser.add_argument("--category", help="only this category")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="another file of learner messages (the fresh set, the probes)")
    parser.add_argument("--round", type=int, help="only the messages of this round (probe file)")
    args = parser.parse_args(argv)
    rows = load_corpus(args.corpus, args.round)
    if args.category:
        rows = [r for r in rows if r.category == args.category]
    results = run(rows)
    tuning = [r for r in results if not r.row.held_out]
    held = [r for r in results if r.row.held_out]
    print(format_table(results, f"Whole corpus ({len(results)} messages)"))
    print()
    print(format_table(tuning, f"Tuning part ({len(tuning)} messages)"))
    print()
    print(format_table(held, f"Held-out part ({len(held)} messages)"))
    if args.failures:
        chosen = {"all": results, "tuning": tuning, "held-out": held}[args.part]
        print()
        for r in chosen:
            if r.outcome != "understood":
                want = f"{r.row.expect}={r.row.value!r}" + (f" arg={r.row.arg!r}" if r.row.arg is not None else "")
                print(f"[{r.outcome}] #{r.row.n} {r.row.category} @{r.row.step}: {r.row.text!r} -> {r.got} "
                      f"(want {want})")
                if r.outcome == "crash":
                    print(r.detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
