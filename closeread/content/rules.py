"""Editorial coverage rules for a loaded lesson, run by ``flask check-content``.

The loader (start-up) checks that content is well formed; these rules check
that it teaches what its own answer key says, so a teacher who edits the
ledger or the quiz learns what the change left uncovered:

* every sentence with a ledger label other than ``stated`` is linked from the
  lesson (``[text](#sN)``) and named by at least one question (evidence, key
  or judged statement);
* every contradiction and tension pair in the ledger has a question that
  names both sentences;
* no hint contains the text of the keyed answer;
* at least one contradiction question's keyed option starts with "Neither"
  (two sentences that simply fit together), and its evidence is not a ledger
  contradiction or tension pair;
* the keyed option is the longest option (ties count) in at most a third of
  the quiz's ``choice`` questions, so length never gives the answer away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checker import ContentProblem
from .model import Lesson, Question

NEITHER = "neither"
_LINK = re.compile(r"\]\(#(s\d+)\)")


@dataclass(frozen=True)
class OptionLengthFigure:
    keyed_longest: int
    choice_items: int

    @property
    def too_many(self) -> bool:
        return self.keyed_longest * 3 > self.choice_items

    def __str__(self) -> str:
        return f"keyed option is the longest in {self.keyed_longest} of {self.choice_items} choice questions"


def _files(lesson: Lesson) -> tuple[str, str, str]:
    base = f"lesson/{lesson.slug}"
    return f"{base}/lesson.md", f"{base}/ledger.toml", f"quizzes/{lesson.slug}.toml"


def asked_sentences(lesson: Lesson, q: Question) -> set[str]:
    """The sentences a question is about: its evidence, keyed sentences and judged statement."""
    return set(q.evidence) | q.key_sentences | q.kind.judged_sentences(q, lesson.article)


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def keyed_texts(lesson: Lesson, q: Question) -> list[str]:
    """The text of the keyed answer: keyed option texts, or keyed sentences' text."""
    return q.kind.keyed_texts(q, lesson.article)


def option_length_figure(lesson: Lesson) -> OptionLengthFigure:
    choice = [q for q in lesson.quiz.questions if q.kind.balanced_options and q.key in q.option_by_id]
    longest = 0
    for q in choice:
        keyed = len(q.option_by_id[q.key].text)
        if all(keyed >= len(o.text) for o in q.options if o.id != q.key):
            longest += 1
    return OptionLengthFigure(longest, len(choice))


def _coverage(lesson: Lesson, asked: dict[str, set[str]]) -> list[ContentProblem]:
    lesson_md, _, quiz_file = _files(lesson)
    taught = set(_LINK.findall(lesson.teaching))
    named = set().union(*asked.values()) if asked else set()
    problems = []
    for s in lesson.article.sentences:
        entry = lesson.ledger.get(s.id)
        labels = [label for label in (entry.labels if entry else ()) if label != "stated"]
        if not labels:
            continue
        what = f"{s.id} ({', '.join(labels)})"
        if s.id not in taught:
            problems.append(ContentProblem(lesson_md, None, f"{what} is not taught: link to it with [text](#{s.id})"))
        if s.id not in named:
            problems.append(ContentProblem(quiz_file, None, f"{what} is not asked by any question"))
    return problems


def _pairs(lesson: Lesson, asked: dict[str, set[str]]) -> list[ContentProblem]:
    _, ledger_file, _ = _files(lesson)
    problems, seen = [], set()
    for sid, entry in lesson.ledger.items():
        for kind, others in (("contradiction", entry.contradicts), ("tension", entry.tension_with)):
            for other in others:
                pair = frozenset((sid, other))
                if (kind, pair) in seen:
                    continue
                seen.add((kind, pair))
                if not any(pair <= named for named in asked.values()):
                    fault = f"{kind} {sid}–{other} has no question that names both sentences"
                    problems.append(ContentProblem(ledger_file, sid, fault))
    return problems


def _hints(lesson: Lesson) -> list[ContentProblem]:
    _, _, quiz_file = _files(lesson)
    problems = []
    for q in lesson.quiz.questions:
        answers = [_normal(t) for t in keyed_texts(lesson, q) if t.strip()]
        for n, hint in enumerate(q.hints, 1):
            if any(a in _normal(hint) for a in answers):
                fault = f"hint {n} contains the keyed answer's text"
                problems.append(ContentProblem(quiz_file, f"question {q.id}", fault))
    return problems


def _neither(lesson: Lesson) -> list[ContentProblem]:
    _, _, quiz_file = _files(lesson)
    related = {frozenset((sid, o)) for sid, e in lesson.ledger.items() for o in e.contradicts + e.tension_with}
    found = False
    problems = []
    for q in lesson.quiz.questions:
        if q.category != "contradiction" or not q.kind.balanced_options or q.key not in q.option_by_id:
            continue
        if not q.option_by_id[q.key].text.strip().lower().startswith(NEITHER):
            continue
        found = True
        clash = [p for p in related if p <= set(q.evidence)]
        if clash:
            pair = "–".join(sorted(next(iter(clash)), key=lambda s: int(s[1:])))
            problems.append(
                ContentProblem(quiz_file, f"question {q.id}", f"keyed 'Neither' but the ledger relates {pair}")
            )
    if not found:
        problems.append(
            ContentProblem(
                quiz_file,
                None,
                "no question's right answer is 'neither a contradiction nor a tension' "
                "(a contradiction choice question whose keyed option starts with 'Neither')",
            )
        )
    return problems


def check_rules(lesson: Lesson) -> list[ContentProblem]:
    """Every coverage and balance problem of one loaded lesson (empty when it passes)."""
    asked = {q.id: asked_sentences(lesson, q) for q in lesson.quiz.questions}
    problems = _coverage(lesson, asked) + _pairs(lesson, asked) + _hints(lesson) + _neither(lesson)
    figure = option_length_figure(lesson)
    if figure.too_many:
        _, _, quiz_file = _files(lesson)
        problems.append(ContentProblem(quiz_file, None, f"{figure} (at most a third allowed)"))
    return problems
