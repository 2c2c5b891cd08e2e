"""Load lesson, quiz and tutor files from disk and validate them in one pass.

Every fault is collected as a :class:`ContentProblem` naming the file, the
item (question id or ledger entry) and the fault, so that a teacher who edits
a TOML file by hand sees all their mistakes at once. :func:`load_content`
raises :class:`ContentError` if there is any problem: the app never serves a
half-loaded lesson. What each question type needs (options, key, rubric) is
checked by its class in :mod:`closeread.questions`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..questions.registry import QUESTION_TYPES, question_type
from .checker import ID_PATTERN, QUOTED_SPAN, Checker, ContentError, ContentProblem
from .glossary import load_glossary
from .model import CATEGORIES, LEDGER_LABELS, LedgerEntry, Lesson, Option, Question, Quiz
from .rounds import load_rounds
from .sentences import Article, parse_article
from .tutor import load_tutor_content

__all__ = ["QUOTED_SPAN", "ContentError", "ContentProblem", "load_content", "load_lesson", "question_problems"]

_SENTENCE_LINK = re.compile(r"\]\(#(s\d+)\)")


def _read_toml(path: Path, file: str, problems: list[ContentProblem]) -> dict | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        problems.append(ContentProblem(file, None, "file is missing"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(ContentProblem(file, None, f"invalid TOML: {exc}"))
    return None


def _read_text(path: Path, file: str, problems: list[ContentProblem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(ContentProblem(file, None, "file is missing"))
    except UnicodeDecodeError as exc:
        problems.append(ContentProblem(file, None, f"not valid UTF-8: {exc}"))
    return None


def _load_ledger(data: dict, check: Checker) -> dict[str, LedgerEntry]:
    ledger: dict[str, LedgerEntry] = {}
    entries = data.get("sentence")
    if not isinstance(entries, list) or not entries:
        check.fail(None, "needs [[sentence]] entries")
        return ledger
    for n, raw in enumerate(entries, 1):
        item = f"sentence entry {n}"
        if not isinstance(raw, dict):
            check.fail(item, "must be a table")
            continue
        sid = check.resolve(item, raw.get("quote"))
        if sid:
            item = f"sentence entry {n} ({sid})"
        labels = raw.get("labels")
        if not isinstance(labels, list) or not labels:
            check.fail(item, "'labels' must be a non-empty list")
            labels = []
        for label in labels:
            if label not in LEDGER_LABELS:
                known = ", ".join(LEDGER_LABELS)
                check.fail(item, f"unknown label '{label}' (known: {known})")
        note = check.text(item, raw, "note")
        contradicts = tuple(
            check.resolve_all(item, raw["contradicts"], "contradicts") if "contradicts" in raw else []
        )
        tension = tuple(
            check.resolve_all(item, raw["tension_with"], "tension_with") if "tension_with" in raw else []
        )
        if "contradicted" in labels and not contradicts and "contradicts" not in raw:
            check.fail(item, "label 'contradicted' needs 'contradicts' naming where")
        if "tension" in labels and not tension and "tension_with" not in raw:
            check.fail(item, "label 'tension' needs 'tension_with' naming where")
        if sid is None:
            continue
        if sid in ledger:
            check.fail(item, f"sentence {sid} already has a ledger entry")
            continue
        ledger[sid] = LedgerEntry(
            sentence_id=sid,
            labels=tuple(labels),
            note=note or "",
            contradicts=contradicts,
            tension_with=tension,
            lateral=check.text(item, raw, "lateral", required=False),
        )
    assert check.article is not None
    missing = [s.id for s in check.article.sentences if s.id not in ledger]
    if missing:
        check.fail(None, f"sentences with no ledger entry: {', '.join(missing)}")
    return ledger


def _load_options(raw: dict, check: Checker, item: str, misconceptions: dict) -> list[Option]:
    options: list[Option] = []
    for n, opt in enumerate(raw.get("option") or [], 1):
        if not isinstance(opt, dict):
            check.fail(item, f"option {n} must be a table")
            continue
        oid = opt.get("id")
        if not isinstance(oid, str) or not oid:
            check.fail(item, f"option {n} needs an 'id'")
            continue
        feedback = check.text(item, opt, "feedback")
        check.quotes_article(item, feedback, f"feedback of option '{oid}'")
        check.letter_free(item, feedback, f"feedback of option '{oid}'")
        tag = opt.get("misconception")
        if tag is not None and tag not in misconceptions:
            check.fail(item, f"option '{oid}' uses undefined misconception '{tag}'")
        text = opt.get("text")
        options.append(Option(oid, text if isinstance(text, str) else "", feedback or "", tag))
    ids = [o.id for o in options]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        check.fail(item, f"duplicate option id '{dup}'")
    return options


def _question_id(raw: dict, n: int, check: Checker, seen: set) -> str | None:
    qid = raw.get("id")
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        check.fail(f"question {n}", "needs an 'id' of lower-case letters, digits and hyphens")
        return None
    if qid in seen:
        check.fail(f"question {qid}", "duplicate question id")
    seen.add(qid)
    return qid


def _points_and_hints(raw: dict, check: Checker, item: str) -> tuple[int, list[str]]:
    points = raw.get("points", 1)
    if not isinstance(points, int) or isinstance(points, bool) or points < 1:
        check.fail(item, "'points' must be a positive whole number")
        points = 1
    hints = raw.get("hints")
    if not isinstance(hints, list) or not hints or not all(isinstance(h, str) and h.strip() for h in hints):
        check.fail(item, "'hints' must be a non-empty list of strings")
        hints = []
    return points, hints


def _letter_free(raw: dict, hints: list[str], check: Checker, item: str) -> None:
    """Options are shuffled per learner, so no text of a question may name one by its letter."""
    for what in ("prompt", "explanation", "statement", "lateral"):
        value = raw.get(what)
        check.letter_free(item, value if isinstance(value, str) else None, what)
    for n, hint in enumerate(hints, 1):
        check.letter_free(item, hint, f"hint {n}")


def _load_question(raw: dict, n: int, check: Checker, misconceptions: dict, seen: set) -> Question | None:
    """The fields every question has; its type's class checks and reads the rest."""
    qid = _question_id(raw, n, check, seen)
    if qid is None:
        return None
    item = f"question {qid}"
    category, qtype = raw.get("category"), raw.get("type")
    if category not in CATEGORIES:
        check.fail(item, f"unknown category {category!r} (known: {', '.join(CATEGORIES)})")
    if qtype not in QUESTION_TYPES:
        check.fail(item, f"unknown type {qtype!r} (known: {', '.join(QUESTION_TYPES)})")
        return None
    points, hints = _points_and_hints(raw, check, item)
    explanation = check.text(item, raw, "explanation")
    check.quotes_article(item, explanation, "explanation")
    _letter_free(raw, hints, check, item)
    q = Question(
        id=qid,
        category=category,
        type=qtype,
        prompt=check.text(item, raw, "prompt") or "",
        points=points,
        evidence=check.resolve_all(item, raw.get("evidence"), "evidence quote"),
        explanation=explanation or "",
        hints=hints,
        lateral=check.text(item, raw, "lateral", required=False),
        statement=check.text(item, raw, "statement", required=False),
    )
    q.options = _load_options(raw, check, item, misconceptions)
    question_type(qtype).load(q, raw, check, item, misconceptions)
    return q


def _load_quiz(data: dict, slug: str, check: Checker) -> Quiz:
    if data.get("slug") != slug:
        check.fail(None, f"'slug' must be '{slug}' to match the lesson folder")
    misconceptions = data.get("misconceptions") or {}
    if not isinstance(misconceptions, dict) or not all(isinstance(v, str) for v in misconceptions.values()):
        check.fail(None, "[misconceptions] must map tags to descriptions")
        misconceptions = {}
    raw_questions = data.get("question")
    if not isinstance(raw_questions, list) or not raw_questions:
        check.fail(None, "needs [[question]] entries")
        raw_questions = []
    seen: set[str] = set()
    questions = []
    for n, raw in enumerate(raw_questions, 1):
        q = _load_question(raw, n, check, misconceptions, seen) if isinstance(raw, dict) else None
        if q:
            q.number = len(questions) + 1
            questions.append(q)
    return Quiz(slug, check.text(None, data, "title") or slug, dict(misconceptions), questions)


def _provenance(meta: dict, check: Checker) -> tuple[bool, str]:
    """``fictional`` and ``provenance`` of lesson.toml: every lesson says where its article comes from.

    The pages that show an article take its heading and note from these, so a story made up
    for practice is never called "exactly as published".
    """
    fictional = meta.get("fictional")
    if not isinstance(fictional, bool):
        check.fail(None, "'fictional' must be true (an article made up for practice) or false (a real one)")
        fictional = True
    return fictional, check.text(None, meta, "provenance") or ""


SENTENCE_BREAKS = ("rule", "lines")


def _sentence_breaks(meta: dict | None, file: str, problems: list[ContentProblem]) -> bool:
    """``sentence_breaks`` of lesson.toml: "rule" (the default) or "lines" (one sentence a line)."""
    value = (meta or {}).get("sentence_breaks", "rule")
    if value not in SENTENCE_BREAKS:
        problems.append(ContentProblem(file, None, f"'sentence_breaks' must be \"rule\" or \"lines\", not {value!r}"))
    return value == "lines"


def question_problems(raw: dict, article: Article, file: str = "question") -> list[ContentProblem]:
    """The faults of one question table, checked exactly as the loader checks a quiz file's.

    The editor's question builder calls this on every change, so a teacher sees
    the faults ``check-content`` would name, field by field, before publishing.
    """
    problems: list[ContentProblem] = []
    _load_question(raw, 1, Checker(file, article, problems), {}, set())
    return problems


def load_lesson(root: Path, slug: str, problems: list[ContentProblem]) -> Lesson | None:
    base = root / "lesson" / slug
    rel = f"lesson/{slug}"
    article_md = _read_text(base / "article.md", f"{rel}/article.md", problems)
    teaching = _read_text(base / "lesson.md", f"{rel}/lesson.md", problems)
    meta = _read_toml(base / "lesson.toml", f"{rel}/lesson.toml", problems)
    ledger_data = _read_toml(base / "ledger.toml", f"{rel}/ledger.toml", problems)
    quiz_file = f"quizzes/{slug}.toml"
    quiz_data = _read_toml(root / quiz_file, quiz_file, problems)
    if article_md is None:
        return None
    article = parse_article(article_md, one_per_line=_sentence_breaks(meta, f"{rel}/lesson.toml", problems))
    if not article.sentences:
        problems.append(ContentProblem(f"{rel}/article.md", None, "the article has no sentences"))
        return None
    if teaching is not None:
        for sid in _SENTENCE_LINK.findall(teaching):
            if sid not in article.by_id:
                problems.append(ContentProblem(f"{rel}/lesson.md", None, f"link to #{sid}, which is not a sentence"))
    meta_check = Checker(f"{rel}/lesson.toml", article, problems)
    ledger = _load_ledger(ledger_data, Checker(f"{rel}/ledger.toml", article, problems)) if ledger_data else {}
    quiz = _load_quiz(quiz_data, slug, Checker(quiz_file, article, problems)) if quiz_data else None
    glossary = load_glossary(base / "glossary.toml", f"{rel}/glossary.toml", [article_md, teaching or ""], problems)
    glossary.mark_article([(s.id, s.text) for b in article.blocks if b.kind == "paragraph" for s in b.sentences])
    if meta is None or quiz is None or teaching is None:
        return None
    fictional, provenance = _provenance(meta, meta_check)
    minutes = meta.get("reading_minutes", 15)
    lesson = Lesson(
        slug=slug,
        title=meta_check.text(None, meta, "title") or slug,
        summary=meta_check.text(None, meta, "summary") or "",
        reading_minutes=minutes if isinstance(minutes, int) else 15,
        article=article,
        teaching=teaching,
        ledger=ledger,
        quiz=quiz,
        glossary=glossary,
        fictional=fictional,
        provenance=provenance,
    )
    lesson.tutor = load_tutor_content(root, lesson, problems)
    lesson.rounds = load_rounds(root, lesson, problems)
    return lesson


def load_content(root: str | Path) -> dict[str, Lesson]:
    """Load every lesson under ``root/lesson``; raise ContentError on any fault."""
    root = Path(root)
    problems: list[ContentProblem] = []
    lessons: dict[str, Lesson] = {}
    folders = sorted(p for p in (root / "lesson").glob("*") if p.is_dir())
    if not folders:
        problems.append(ContentProblem("lesson/", None, "no lesson folders found"))
    for folder in folders:
        if not ID_PATTERN.match(folder.name):
            problems.append(ContentProblem(f"lesson/{folder.name}", None, "folder name must be a kebab-case slug"))
            continue
        lesson = load_lesson(root, folder.name, problems)
        if lesson:
            lessons[lesson.slug] = lesson
    for quiz_path in sorted((root / "quizzes").glob("*.toml")):
        if quiz_path.stem not in {f.name for f in folders}:
            problems.append(ContentProblem(f"quizzes/{quiz_path.name}", None, "no lesson folder of that name"))
    if problems:
        raise ContentError(problems)
    return lessons
