#!/usr/bin/env python3
"""Validate the CloseRead learner-message corpus (learner_messages.toml).

Usage: python3 tests/data/validate_corpus.py [corpus.toml] [quiz.toml] [tutor.toml]

Written with the corpus, by its writer, who never saw the parser; kept as it was, except that the
default paths are the repository's own and ``check`` is split into one function per field (same checks).

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


REQUIRED = ("step", "text", "expect", "value", "category")


def _step(m, questions, order, skills, fail):
    """(ok, step kind, question or None, option ids that can be picked there or None)."""
    step = m["step"]
    kind, _, rest = step.partition(":")
    q = choices = None
    if kind in ("question", "after", "picking"):
        q = questions.get(rest)
        if q is None:
            fail(f"unknown question id {rest!r}")
            return False, kind, None, None
        if kind == "question":
            choices = option_ids(q)
        if kind == "after" and rest == order[-1]:
            fail("after: the last question has no next question")
        if kind == "picking" and q["type"] != "pair":
            fail("picking: only for pair questions")
    elif kind == "skill":
        if rest not in skills:
            fail(f"unknown skill {rest!r}")
            return False, kind, None, None
        choices = skills[rest]
    elif kind == "reading":
        if rest not in {"1", "2", "3", "4", "5"}:
            fail(f"reading section must be 1-5, got {rest!r}")
    elif step not in ("greeting", "end"):
        fail(f"unknown step {step!r}")
        return False, kind, None, None
    return True, kind, q, choices


def _option(m, kind, qtype, choices, fail):
    if kind not in ("question", "skill") or qtype in ("multi", "cite", "pair", "explain"):
        fail("option only at a choice/verdict question or a skill check")
    elif m["value"] not in choices:
        fail(f"option {m['value']!r} not in {choices}")


def _options(m, kind, qtype, choices, fail):
    value = m["value"]
    if kind != "question" or qtype != "multi":
        fail("options only at a multi question")
    elif not isinstance(value, list) or len(set(value)) != len(value):
        fail("options value must be a list without repeats")
    elif any(v not in choices for v in value):
        fail(f"options {value} not all in {choices}")


def _sentences(m, kind, qtype, choices, fail):
    value = m["value"]
    ok_step = kind == "reading" or kind == "picking" or (kind == "question" and qtype in ("cite", "pair"))
    if not ok_step:
        fail("sentences only at cite/pair questions, picking or reading steps")
    if not isinstance(value, list) or not value or len(set(value)) != len(value):
        fail("sentences value must be a non-empty list without repeats")
    elif any(v not in SENTENCES for v in value):
        fail(f"sentence ids {value} not all in s1-s29")
    elif kind == "picking" and len(value) != 1:
        fail("picking: name exactly one more sentence")
    elif kind == "question" and qtype == "pair" and len(value) != 2:
        fail("pair: exactly two sentences")


def _command(m, kind, qtype, choices, fail):
    value, step = m["value"], m["step"]
    if value not in COMMANDS:
        fail(f"unknown command {value!r}")
    elif value == "section":
        if m.get("arg") not in (1, 2, 3, 4, 5):
            fail("section command needs arg 1-5")
    elif value == "define":
        if not isinstance(m.get("arg"), str) or not m["arg"].strip():
            fail("define command needs a term as arg")
    elif value == "change" and kind != "after":
        fail("change only after a graded answer (after:QID)")
    elif value == "undo" and kind != "picking":
        fail("undo only while picking")
    elif value in ("reveal", "retry") and step != "end":
        fail(f"{value} only at the end")


def _text(m, kind, qtype, choices, fail):
    if m["value"] != "":
        fail("text value must be empty")
    if not (kind == "reading" or (kind == "question" and qtype == "explain")):
        fail("text only at explain questions or reading steps")


def _clarify(m, kind, qtype, choices, fail):
    value = m["value"]
    if not isinstance(value, list) or len(set(value)) != len(value):
        fail("clarify value must be a list of distinct readings")
        return
    allowed = set(choices or []) | SENTENCES | COMMANDS
    bad = [v for v in value if v not in allowed]
    if bad:
        fail(f"clarify readings {bad} are not options/sentences/commands here")


def _not_understood(m, kind, qtype, choices, fail):
    if m["value"] != "":
        fail("not-understood value must be empty")


VALUE_CHECKS = {"option": _option, "options": _options, "sentences": _sentences, "command": _command,
                "text": _text, "clarify": _clarify, "not-understood": _not_understood}
CATEGORY_RULES = [  # (category, does this expect/value fit it, fault)
    ("term-question", lambda e, v: e == "command" and v == "define", "term-question must be a define command"),
    ("explain-text", lambda e, v: e == "text", "explain-text must expect text"),
    ("ambiguous", lambda e, v: e == "clarify", "ambiguous must expect clarify"),
    ("option-list", lambda e, v: e == "options", "option-list must expect options"),
    ("change-answer", lambda e, v: e == "command" and v in ("change", "why", "undo"),
     "change-answer must be change/why/undo"),
]


def _check_one(m, seen, questions, order, skills, fail):
    extra = set(m) - KEYS
    if extra:
        fail(f"unknown keys {sorted(extra)}")
    missing = [k for k in REQUIRED if k not in m]
    for k in missing:
        fail(f"missing {k}")
    if missing:
        return
    step, text, expect, value, cat = (m[k] for k in REQUIRED)
    if not isinstance(text, str) or not text.strip():
        fail("empty text")
    if (step, text) in seen:
        fail("duplicate text at this step")
    seen.add((step, text))
    if cat not in MINIMA:
        fail(f"unknown category {cat!r}")
    if expect not in EXPECTS:
        fail(f"unknown expect {expect!r}")
        return
    ok, kind, q, choices = _step(m, questions, order, skills, fail)
    if not ok:
        return
    if "arg" in m and not (expect == "command" and value in ("section", "define")):
        fail("arg only allowed for section/define commands")
    VALUE_CHECKS[expect](m, kind, q["type"] if q else None, choices, fail)
    for category, fits, fault in CATEGORY_RULES:
        if cat == category and not fits(expect, value):
            fail(fault)


def check(messages, questions, order, skills):
    errors = []
    seen = set()
    for i, m in enumerate(messages, 1):
        def fail(msg, i=i, m=m):
            errors.append(f"message {i} ({m.get('step')!r}: {m.get('text')!r}): {msg}")

        _check_one(m, seen, questions, order, skills, fail)
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
