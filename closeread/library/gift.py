"""A lesson's question bank as Moodle GIFT text. No Flask.

How each type maps (Moodle, "GIFT format"):

- ``choice`` and ``verdict``: multiple choice, one right answer (a verdict's statement is quoted in
  the question text, its options are the scale's labels); each option keeps its feedback.
- ``multi``: multiple answers; each keyed option is worth 100/k %, each other option -100/k %,
  and Moodle floors the total at 0: CloseRead's own ``max(0, right - wrong) / keyed``.
- ``explain``: an essay question; the rubric and the model answer go in a comment for the teacher
  (GIFT has no field for them).
- ``cite``: multiple answers over the article's sentences, weighted as ``multi`` (the same rule as
  CloseRead's cite grading), so the question works on its own.
- ``pair``: left out, with a note in the file. Its score is not a sum over the sentences picked
  (a keyed pair is full credit, one sentence of it half, two sentences keyed against the same one
  none), so no GIFT weighting gives the same score; a multiple-answer version would grade differently.

Moodle does not read points from GIFT (they are set in the quiz), so each question's points are
noted in a comment.
"""

from __future__ import annotations

from collections.abc import Callable

from ..content.model import Lesson, Question

_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """GIFT's special characters backslash-escaped; line breaks as ``\\n`` (a blank line would end the question)."""
    out = "".join("\\" + c if c in _SPECIAL else c for c in text.strip())
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _comment(text: str) -> list[str]:
    return [f"// {line}".rstrip() for line in text.strip().splitlines()]


def _weight(k: int) -> str:
    value = 100 / k
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _head(q: Question, text: str | None = None) -> str:
    return f"::{escape(q.id)}::[markdown]{escape(text if text is not None else q.prompt)}"


def _single(q: Question, lesson: Lesson) -> list[str]:
    text = q.prompt if not q.statement else f"{q.prompt}\n\n> {q.statement}"
    answers = [f"\t{'=' if o.id == q.key else '~'}{escape(o.text)}#{escape(o.feedback)}" for o in q.options]
    return [_head(q, text) + " {", *answers, "}"]


def _weighted(q: Question, choices: list[tuple[str, str, bool]]) -> list[str]:
    keyed = sum(1 for _, _, right in choices if right)
    w = _weight(keyed)
    answers = [f"\t~%{'' if right else '-'}{w}%{escape(text)}" + (f"#{escape(fb)}" if fb else "")
               for text, fb, right in choices]
    return [_head(q) + " {", *answers, "}"]


def _multi(q: Question, lesson: Lesson) -> list[str]:
    return _weighted(q, [(o.text, o.feedback, o.id in q.key) for o in q.options])


def _cite(q: Question, lesson: Lesson) -> list[str]:
    keyed = set(q.key)
    feedback = {sid: d.feedback for sid, d in q.distractors.items()} if isinstance(q.distractors, dict) else {}
    choices = [(f"{s.id}: {s.text}", feedback.get(s.id, ""), s.id in keyed) for s in lesson.article.sentences]
    return _comment("Sentences of the article, as numbered in CloseRead (s1 is the title).") + _weighted(q, choices)


def _essay(q: Question, lesson: Lesson) -> list[str]:
    notes = [f"Rubric: {c.label} (weight {c.weight:g})" for c in q.rubric]
    if q.model_answer:
        notes.append(f"Model answer: {q.model_answer}")
    return _comment("\n".join(notes)) + [_head(q) + " {}"]


def _left_out(q: Question, lesson: Lesson) -> list[str]:
    return _comment(
        f"Question {q.id} ({q.type}) is left out: {REASONS.get(q.type, 'GIFT has no question of this kind')}."
    )


REASONS = {
    "pair": "its score is not a sum over the sentences picked (a keyed pair earns full credit, one of its "
            "sentences half), so no GIFT weighting grades it as CloseRead does",
}
WRITERS: dict[str, Callable[[Question, Lesson], list[str]]] = {
    "choice": _single, "verdict": _single, "multi": _multi, "cite": _cite, "explain": _essay,
}


def to_gift(lesson: Lesson) -> str:
    lines = _comment(
        f"CloseRead lesson '{lesson.slug}': {lesson.title}\nVersion {lesson.version[:8] or 'unversioned'}. "
        "Points are set in the Moodle quiz; each question's CloseRead points are noted above it."
    )
    lines += [f"$CATEGORY: $course$/CloseRead/{lesson.slug}", ""]
    for q in lesson.quiz.questions:
        writer = WRITERS.get(q.kind.name, _left_out)
        if writer is not _left_out:
            lines += _comment(f"{q.id}: {q.points} point(s), skill {q.category}")
        lines += writer(q, lesson) + [""]
    return "\n".join(lines)
