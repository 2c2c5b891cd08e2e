"""Rounds: the lesson in parts a class can finish in one period (``lesson/<slug>/rounds.toml``).

A round is content, like the quiz: a short teaching part (at most two phone screens), the part of
the article it works on, its 6 to 8 questions and what to remember when it is done. A teacher edits
``rounds.toml``; start-up validates it with the rest of the lesson and stops naming file, round and
fault. The file is optional: without it every lesson gets one round per skill (category), a skill
with more than 8 questions split into even parts, so any valid lesson (``tests/fixtures/mini``)
works in rounds.

Other code reads ``lesson.rounds`` and asks :func:`visible_rounds` which of them a learner sees
(a class can be assigned some rounds only). No Flask, no database.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

from .checker import ID_PATTERN, Checker, ContentProblem
from .model import CATEGORIES, Lesson, Question, Round

MIN_QUESTIONS = 6
MAX_QUESTIONS = 8
# Two phone screens (390×844) hold about 300 words of running text; the round's title, the
# "read this part" line and the start button take the rest.
MAX_TEACHING_WORDS = 220
MAX_REMEMBER = 4
WORDS_PER_MINUTE = 200
FIELDS = {"id", "title", "teaching", "questions", "article", "remember"}
_RANGE = re.compile(r"^s(\d+)(?:-s(\d+))?$")
_WORD = re.compile(r"[\w’'-]+")

DEFAULT_TEACHING = {
    "states": "Be exact about what the article **says**. A sentence can *report* that someone said something "
              "without the article saying it itself. Before you answer, find the exact words.",
    "unsupported": "A claim is **supported** when the article gives you something you could check: a named source, "
                   "a date, a document. Saying it again, or sounding sure, is not support.",
    "contradiction": "Two statements **contradict** each other when they cannot both be true. If an ordinary "
                     "explanation makes both true, it is only a *tension*.",
    "source": "Ask **who is behind** a text and whether you could look them up. Then check it elsewhere: "
              "read laterally.",
}
DEFAULT_REMEMBER = {
    "states": "Point to the words: what the article says, not what you expect it to say.",
    "unsupported": "Look for something you could check. No checkable source means: unsupported.",
    "contradiction": "Try hard to make both true before you call it a contradiction.",
    "source": "Who is behind it, and what do other sources say?",
}


def words(text: str) -> int:
    return len(_WORD.findall(text))


def visible_rounds(lesson: Lesson, assigned: list[str] | tuple[str, ...] | set[str] | None = None) -> list[Round]:
    """The rounds a learner sees: all of them, or only the ``assigned`` ids (in the lesson's order).

    Unknown ids are ignored, so an assignment made before a teacher renamed a round shows the rest.
    An assignment that names no known round shows them all rather than an empty lesson.
    """
    if assigned is None:
        return list(lesson.rounds)
    wanted = set(assigned)
    chosen = [r for r in lesson.rounds if r.id in wanted]
    return chosen or list(lesson.rounds)


def assigned_question_ids(lesson: Lesson, assigned: list[str] | None) -> set[str] | None:
    """The questions of the ``assigned`` rounds, or None when that is the whole lesson (or nothing is named)."""
    rounds = visible_rounds(lesson, assigned)
    if len(rounds) == len(lesson.rounds):
        return None
    return {qid for r in rounds for qid in r.question_ids}


def round_of(lesson: Lesson, question_id: str) -> Round | None:
    for r in lesson.rounds:
        if question_id in r.question_ids:
            return r
    return None


def round_questions(lesson: Lesson, rnd: Round) -> list[Question]:
    by_id = lesson.quiz.by_id
    return [by_id[qid] for qid in rnd.question_ids if qid in by_id]


def _question_words(q: Question) -> int:
    """What a learner reads for one question: prompt, statement, options, then the verdict's feedback."""
    text = [q.prompt, q.statement or "", q.explanation]
    text += [o.text for o in q.options]
    text += [o.feedback for o in q.options[:1]]  # the feedback of the option picked: about one option's worth
    return sum(words(t) for t in text)


def reading_words(lesson: Lesson, rnd: Round) -> dict[str, int]:
    """Words a learner reads in the round: teaching, article part, questions with their feedback."""
    by_id = lesson.article.by_id
    article = sum(words(by_id[sid].text) for sid in rnd.sentence_ids if sid in by_id)
    questions = sum(_question_words(q) for q in round_questions(lesson, rnd))
    remember = sum(words(t) for t in rnd.remember)
    return {"teaching": words(rnd.teaching) + remember, "article": article, "questions": questions}


def reading_minutes(lesson: Lesson, rnd: Round, wpm: int = WORDS_PER_MINUTE) -> int:
    """The round's reading time at ``wpm`` words a minute, rounded up to a whole minute."""
    return max(1, math.ceil(sum(reading_words(lesson, rnd).values()) / wpm))


# -- the default: one round per skill ---------------------------------------------------------------
def _chunks(items: list[Question], size: int) -> list[list[Question]]:
    parts = math.ceil(len(items) / size)
    base, extra = divmod(len(items), parts)
    out, start = [], 0
    for n in range(parts):
        end = start + base + (n < extra)
        out.append(items[start:end])
        start = end
    return out


def default_rounds(lesson: Lesson) -> list[Round]:
    """One round per skill, in the quiz's order of skills; a skill of more than 8 questions in even parts."""
    by_category: dict[str, list[Question]] = {}
    for q in lesson.quiz.questions:
        by_category.setdefault(q.category, []).append(q)
    rounds: list[Round] = []
    for category, questions in by_category.items():
        parts = _chunks(questions, MAX_QUESTIONS)
        for n, part in enumerate(parts, 1):
            title = CATEGORIES.get(category, category) + (f" (part {n})" if len(parts) > 1 else "")
            sections = {lesson.article.by_id[sid].section for q in part for sid in q.evidence}
            sentences = tuple(s.id for s in lesson.article.sentences if s.section in sections) or tuple(
                s.id for s in lesson.article.sentences)
            rounds.append(Round(
                id=category if len(parts) == 1 else f"{category}-{n}",
                number=len(rounds) + 1,
                title=title,
                teaching=DEFAULT_TEACHING.get(category, ""),
                question_ids=tuple(q.id for q in part),
                sentence_ids=sentences,
                remember=(DEFAULT_REMEMBER.get(category, "Point to the article's words."),),
            ))
    return rounds


# -- rounds.toml ------------------------------------------------------------------------------------
def _sentences(check: Checker, item: str, raw: object, lesson: Lesson) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        check.fail(item, "'article' must be a non-empty list of sentence ids or ranges, like [\"s1-s9\", \"s14\"]")
        return ()
    known = len(lesson.article.sentences)
    ids: list[str] = []
    for ref in raw:
        m = _RANGE.match(ref.strip())
        first, last = (int(m.group(1)), int(m.group(2) or m.group(1))) if m else (0, 0)
        if not m or not 1 <= first <= last <= known:
            check.fail(item, f"article part '{ref}' is not a sentence id or range between s1 and s{known}")
            continue
        ids += [f"s{n}" for n in range(first, last + 1)]
    return tuple(dict.fromkeys(ids))


def _questions(check: Checker, item: str, raw: object, lesson: Lesson, owner: dict[str, str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        check.fail(item, "'questions' must be a list of question ids")
        return ()
    if not MIN_QUESTIONS <= len(raw) <= MAX_QUESTIONS:
        check.fail(item, f"has {len(raw)} questions; a round holds {MIN_QUESTIONS} to {MAX_QUESTIONS}")
    for qid in raw:
        if qid not in lesson.quiz.by_id:
            check.fail(item, f"question '{qid}' is not in the quiz")
        elif qid in owner:
            check.fail(item, f"question '{qid}' is already in round '{owner[qid]}'")
        else:
            owner[qid] = item.removeprefix("round ")
    return tuple(dict.fromkeys(raw))


def _teaching(check: Checker, item: str, raw: dict, lesson: Lesson, part: tuple[str, ...]) -> str:
    """The teaching text; its sentence links must land in the article part the round page shows."""
    text = check.text(item, raw, "teaching") or ""
    if words(text) > MAX_TEACHING_WORDS:
        check.fail(item, f"teaching has {words(text)} words; at most {MAX_TEACHING_WORDS} fit on two phone screens")
    for sid in dict.fromkeys(re.findall(r"\]\(#(s\d+)\)", text)):
        if sid not in lesson.article.by_id:
            check.fail(item, f"teaching links to #{sid}, which is not a sentence")
        elif part and sid not in part:
            check.fail(item, f"teaching links to #{sid}, which is not in the round's article part")
    return text


def _remember(check: Checker, item: str, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and x.strip() for x in raw):
        check.fail(item, "'remember' must be a non-empty list of short sentences (what to remember)")
        return ()
    if len(raw) > MAX_REMEMBER:
        check.fail(item, f"'remember' has {len(raw)} points; keep it to {MAX_REMEMBER} at most")
    return tuple(x.strip() for x in raw)


def _round(check: Checker, n: int, raw: object, lesson: Lesson, seen: set[str], owner: dict) -> Round | None:
    if not isinstance(raw, dict):
        check.fail(f"round {n}", "must be a table")
        return None
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID_PATTERN.match(rid):
        check.fail(f"round {n}", "needs an 'id' of lower-case letters, digits and hyphens")
        return None
    item = f"round {rid}"
    if rid in seen:
        check.fail(item, "duplicate round id")
    seen.add(rid)
    for key in sorted(set(raw) - FIELDS):
        check.fail(item, f"unknown field '{key}' (known: {', '.join(sorted(FIELDS))})")
    part = _sentences(check, item, raw.get("article"), lesson)
    return Round(
        id=rid,
        number=n,
        title=check.text(item, raw, "title") or rid,
        teaching=_teaching(check, item, raw, lesson, part),
        question_ids=_questions(check, item, raw.get("questions"), lesson, owner),
        sentence_ids=part,
        remember=_remember(check, item, raw.get("remember")),
    )


def parse_rounds(data: dict, lesson: Lesson, check: Checker) -> list[Round]:
    """Read and validate the ``[[round]]`` tables: every quiz question in exactly one round."""
    entries = data.get("round")
    if not isinstance(entries, list) or not entries:
        check.fail(None, "needs [[round]] entries")
        return []
    for key in sorted(set(data) - {"round"}):
        check.fail(None, f"unknown top-level field '{key}'")
    seen: set[str] = set()
    owner: dict[str, str] = {}
    rounds = [r for n, raw in enumerate(entries, 1) if (r := _round(check, n, raw, lesson, seen, owner))]
    missing = [q.id for q in lesson.quiz.questions if q.id not in owner]
    if missing:
        check.fail(None, f"questions in no round: {', '.join(missing)}")
    return rounds


def load_rounds(root: Path, lesson: Lesson, problems: list[ContentProblem]) -> list[Round]:
    """``lesson/<slug>/rounds.toml`` if there is one, else :func:`default_rounds`."""
    rel = f"lesson/{lesson.slug}/rounds.toml"
    path = root / "lesson" / lesson.slug / "rounds.toml"
    if not path.exists():
        return default_rounds(lesson)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.append(ContentProblem(rel, None, f"invalid TOML: {exc}"))
        return default_rounds(lesson)
    return parse_rounds(data, lesson, Checker(rel, lesson.article, problems))
