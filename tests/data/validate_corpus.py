#!/usr/bin/env python3
"""Validate the CloseRead learner-message corpus (learner_messages.toml).

Usage: python3 tests/data/validate_corpus.py [corpus.toml] [quiz.toml] [tutor.toml]

Written with the corpus, by its writer, who never saw the parser; kept as it was, except that the
default paths are the repository's own.

Checks that the file parses, every step names a real question / skill / section, every
label has the right shape for its expect kind and is valid for that step (option ids from
the quiz file or the tutor's skill checks, verdict scale ids, sentence ids s1-s29, command
names and args), categories come from the fixed list and meet their minimum counts,
the total is at least 480, and no text repeats at the same step. Prints counts and exits
non-zero on any problem.
"""
import os
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUIZ_REL = Path("quizzes/germany-mali.toml")
TUTOR_REL = Path("lesson/germany-mali/tutor.toml")


def find_repo():
    """The CloseRead checkout: $CLOSEREAD_REPO, else the nearest folder (or its sibling 'main')
    above this script or the working directory that holds the quiz file."""
    env = os.environ.get("CLOSEREAD_REPO")
    if env:
        return Path(env)
    for start in (Path.cwd(), HERE):
        for d in (start, *start.parents):
            for cand in (d, d / "main"):
                if (cand / QUIZ_REL).is_file():
                    return cand
    sys.exit("cannot find the CloseRead repo; set CLOSEREAD_REPO or pass the quiz and tutor paths")


CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "learner_messages.toml"
QUIZ = Path(sys.argv[2]) if len(sys.argv) > 2 else find_repo() / QUIZ_REL
TUTOR = Path(sys.argv[3]) if len(sys.argv) > 3 else QUIZ.parent.parent / TUTOR_REL

SCALES = {"statement": ["stated", "not-stated", "contradicted"],
          "sentence": ["supported", "unsupported", "contradicted"]}
SENTENCES = {f"s{i}" for i in range(1, 30)}
COMMANDS = {"help", "hint", "repeat", "skip", "why", "article", "section", "score", "restart",
            "quiz", "reveal", "retry", "next", "yes", "no", "dont_know", "define", "change", "undo"}
EXPECTS = {"option", "options", "sentences", "command", "text", "clarify", "not-understood"}
MINIMA = {c: 20 for c in [
    "option-plain", "option-loose", "option-list", "verdict-natural", "negation", "position",
    "sentence-ref", "command", "command-in-answer", "term-question", "change-answer",
    "multilingual", "typo", "caps", "emoji", "rude", "off-topic", "explain-text", "ambiguous"]}
MINIMA.update({"multilingual": 15, "rude": 10, "off-topic": 10, "explain-text": 20})
KEYS = {"step", "text", "expect", "value", "category", "note", "arg"}
SKILLS = ("states", "unsupported", "contradiction")


def load_choices():
    """Map each step to the option ids a learner can pick there, plus question metadata."""
    quiz = tomllib.loads(QUIZ.read_text(encoding="utf-8"))
    tutor = tomllib.loads(TUTOR.read_text(encoding="utf-8"))
    questions = {q["id"]: q for q in quiz["question"]}
    order = [q["id"] for q in quiz["question"]]
    skills = {s["category"]: [o["id"] for o in s["check"]["option"]] for s in tutor["skill"]}
    return questions, order, skills


def option_ids(q):
    if q["type"] == "verdict":
        return SCALES[q["scale"]]
    return [o["id"] for o in q.get("option", [])]


def check(messages, questions, order, skills):
    errors = []
    seen = set()

    def err(i, m, msg):
        errors.append(f"message {i} ({m.get('step')!r}: {m.get('text')!r}): {msg}")

    for i, m in enumerate(messages, 1):
        extra = set(m) - KEYS
        if extra:
            err(i, m, f"unknown keys {sorted(extra)}")
        for k in ("step", "text", "expect", "value", "category"):
            if k not in m:
                err(i, m, f"missing {k}")
        if any(k not in m for k in ("step", "text", "expect", "value", "category")):
            continue
        step, text, expect, value, cat = m["step"], m["text"], m["expect"], m["value"], m["category"]
        if not isinstance(text, str) or not text.strip():
            err(i, m, "empty text")
        if (step, text) in seen:
            err(i, m, "duplicate text at this step")
        seen.add((step, text))
        if cat not in MINIMA:
            err(i, m, f"unknown category {cat!r}")
        if expect not in EXPECTS:
            err(i, m, f"unknown expect {expect!r}")
            continue

        # ---- the step and what can be picked there
        kind, _, rest = step.partition(":")
        q = None
        choices = None
        if kind in ("question", "after", "picking"):
            q = questions.get(rest)
            if q is None:
                err(i, m, f"unknown question id {rest!r}")
                continue
            if kind == "question":
                choices = option_ids(q)
            if kind == "after" and rest == order[-1]:
                err(i, m, "after: the last question has no next question")
            if kind == "picking" and q["type"] != "pair":
                err(i, m, "picking: only for pair questions")
        elif kind == "skill":
            if rest not in skills:
                err(i, m, f"unknown skill {rest!r}")
                continue
            choices = skills[rest]
        elif kind == "reading":
            if rest not in {"1", "2", "3", "4", "5"}:
                err(i, m, f"reading section must be 1-5, got {rest!r}")
        elif step not in ("greeting", "end"):
            err(i, m, f"unknown step {step!r}")
            continue
        qtype = q["type"] if q else None

        if "arg" in m and not (expect == "command" and value in ("section", "define")):
            err(i, m, "arg only allowed for section/define commands")

        # ---- value shape per expect kind
        if expect == "option":
            if kind not in ("question", "skill") or qtype in ("multi", "cite", "pair", "explain"):
                err(i, m, "option only at a choice/verdict question or a skill check")
            elif value not in choices:
                err(i, m, f"option {value!r} not in {choices}")
        elif expect == "options":
            if kind != "question" or qtype != "multi":
                err(i, m, "options only at a multi question")
            elif not isinstance(value, list) or len(set(value)) != len(value):
                err(i, m, "options value must be a list without repeats")
            elif any(v not in choices for v in value):
                err(i, m, f"options {value} not all in {choices}")
        elif expect == "sentences":
            ok_step = kind == "reading" or kind == "picking" or (kind == "question" and qtype in ("cite", "pair"))
            if not ok_step:
                err(i, m, "sentences only at cite/pair questions, picking or reading steps")
            if not isinstance(value, list) or not value or len(set(value)) != len(value):
                err(i, m, "sentences value must be a non-empty list without repeats")
            elif any(v not in SENTENCES for v in value):
                err(i, m, f"sentence ids {value} not all in s1-s29")
            elif kind == "picking" and len(value) != 1:
                err(i, m, "picking: name exactly one more sentence")
            elif kind == "question" and qtype == "pair" and len(value) != 2:
                err(i, m, "pair: exactly two sentences")
        elif expect == "command":
            if value not in COMMANDS:
                err(i, m, f"unknown command {value!r}")
            elif value == "section":
                if m.get("arg") not in (1, 2, 3, 4, 5):
                    err(i, m, "section command needs arg 1-5")
            elif value == "define":
                if not isinstance(m.get("arg"), str) or not m["arg"].strip():
                    err(i, m, "define command needs a term as arg")
            elif value == "change" and kind != "after":
                err(i, m, "change only after a graded answer (after:QID)")
            elif value == "undo" and kind != "picking":
                err(i, m, "undo only while picking")
            elif value in ("reveal", "retry") and step != "end":
                err(i, m, f"{value} only at the end")
        elif expect == "text":
            if value != "":
                err(i, m, "text value must be empty")
            if not (kind == "reading" or (kind == "question" and qtype == "explain")):
                err(i, m, "text only at explain questions or reading steps")
        elif expect == "clarify":
            if not isinstance(value, list) or len(set(value)) != len(value):
                err(i, m, "clarify value must be a list of distinct readings")
            else:
                allowed = set(choices or []) | SENTENCES | COMMANDS
                bad = [v for v in value if v not in allowed]
                if bad:
                    err(i, m, f"clarify readings {bad} are not options/sentences/commands here")
        elif expect == "not-understood":  # noqa: SIM102 - kept as its writer wrote it
            if value != "":
                err(i, m, "not-understood value must be empty")

        # ---- category/expect consistency
        if cat == "term-question" and not (expect == "command" and value == "define"):
            err(i, m, "term-question must be a define command")
        if cat == "explain-text" and expect != "text":
            err(i, m, "explain-text must expect text")
        if cat == "ambiguous" and expect != "clarify":
            err(i, m, "ambiguous must expect clarify")
        if cat == "option-list" and expect != "options":
            err(i, m, "option-list must expect options")
        if cat == "change-answer" and not (expect == "command" and value in ("change", "why", "undo")):
            err(i, m, "change-answer must be change/why/undo")
    return errors


def main():
    questions, order, skills = load_choices()
    data = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    messages = data.get("message")
    if not isinstance(messages, list) or not messages:
        print("no [[message]] tables found")
        return 1
    errors = check(messages, questions, order, skills)

    cats = Counter(m.get("category") for m in messages)
    exps = Counter(m.get("expect") for m in messages)
    steps = Counter(m.get("step") for m in messages)
    qsteps = {m["step"].split(":", 1)[1] for m in messages if m["step"].startswith("question:")}
    allq = {m["step"].split(":", 1)[1] for m in messages
            if m["step"].split(":", 1)[0] in ("question", "after", "picking")}
    types = {questions[q]["type"] for q in qsteps if q in questions}

    for c, n in MINIMA.items():
        if cats[c] < n:
            errors.append(f"category {c}: {cats[c]} < {n}")
    if len(messages) < 480:
        errors.append(f"total {len(messages)} < 480")
    if len(qsteps) < 25:
        errors.append(f"only {len(qsteps)} quiz questions used at question: steps")
    missing_types = {"choice", "verdict", "multi", "cite", "pair", "explain"} - types
    if missing_types:
        errors.append(f"question types not covered: {sorted(missing_types)}")
    for s in [f"skill:{k}" for k in SKILLS] + ["greeting", "end"]:
        if not steps[s]:
            errors.append(f"step {s} not covered")
    readings = sorted(s for s in steps if s.startswith("reading:"))
    if len(readings) < 3:
        errors.append("fewer than 3 reading steps covered")

    print(f"total messages: {len(messages)}")
    print("per category:")
    for c in MINIMA:
        print(f"  {c:20s} {cats[c]:4d}  (min {MINIMA[c]})")
    print("per expect:")
    for e in sorted(EXPECTS):
        print(f"  {e:20s} {exps[e]:4d}")
    print(f"distinct steps: {len(steps)}")
    print(f"quiz questions at question: steps: {len(qsteps)} of {len(questions)}; "
          f"referenced anywhere (question/after/picking): {len(allq)}")
    print(f"question types covered: {sorted(types)}")
    print(f"reading steps: {readings}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
