"""Load lesson and quiz files from disk and validate them in one pass.

Every fault is collected as a :class:`ContentProblem` naming the file, the
item (question id or ledger entry) and the fault, so that a teacher who edits
a TOML file by hand sees all their mistakes at once. :func:`load_content`
raises :class:`ContentError` if there is any problem: the app never serves a
half-loaded lesson.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .content_model import (
    CATEGORIES,
    LEDGER_LABELS,
    QUESTION_TYPES,
    VERDICT_SCALES,
    Distractor,
    LedgerEntry,
    Lesson,
    Option,
    Question,
    Quiz,
)
from .prescore import read_rubric
from .sentences import Article, parse_article

# A straight-double-quoted span of three or more words in feedback text:
# by the content rules it must be a verbatim quotation from the article.
QUOTED_SPAN = re.compile(r'"([^"\n]+)"')
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SENTENCE_LINK = re.compile(r"\]\(#(s\d+)\)")


@dataclass(frozen=True)
class ContentProblem:
    file: str
    item: str | None
    fault: str

    def __str__(self) -> str:
        where = f" [{self.item}]" if self.item else ""
        return f"{self.file}{where}: {self.fault}"


class ContentError(Exception):
    """Raised when any content file is broken; ``problems`` lists every fault."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} content problem(s):\n{lines}")


class _Checker:
    """Collects problems for one file while building the model."""

    def __init__(self, file: str, article: Article | None, problems: list[ContentProblem]):
        self.file = file
        self.article = article
        self.problems = problems

    def fail(self, item: str | None, fault: str) -> None:
        self.problems.append(ContentProblem(self.file, item, fault))

    def resolve(self, item: str | None, quote: object, what: str = "quote") -> str | None:
        """Return the id of the one sentence that contains ``quote`` verbatim."""
        if not isinstance(quote, str) or not quote.strip():
            self.fail(item, f"{what} must be a non-empty string")
            return None
        assert self.article is not None
        hits = [s.id for s in self.article.sentences if quote in s.text]
        if not hits:
            self.fail(item, f'{what} "{quote}" is not found verbatim in the article')
            return None
        if len(hits) > 1:
            self.fail(item, f'{what} "{quote}" is ambiguous: it is in sentences {", ".join(hits)}')
            return None
        return hits[0]

    def resolve_all(self, item: str | None, quotes: object, what: str) -> list[str]:
        if not isinstance(quotes, list) or not quotes:
            self.fail(item, f"{what} must be a non-empty list of quotes")
            return []
        ids = [self.resolve(item, q, what) for q in quotes]
        return [i for i in ids if i]

    def text(self, item: str | None, data: dict, key: str, required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(item, f"missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(item, f"'{key}' must be a non-empty string")
            return None
        return value.strip()

    def quotes_article(self, item: str | None, text: str | None, what: str) -> None:
        """Enforce the quoting rule on feedback-like text."""
        if not text or self.article is None:
            return
        plain = " ".join(s.text for s in self.article.sentences)
        spans = [s for s in QUOTED_SPAN.findall(text) if len(s.split()) >= 3]
        for span in spans:
            if span not in plain:
                self.fail(item, f'{what} quotes "{span}", which is not verbatim in the article')
        if not spans:
            self.fail(item, f"{what} must quote the article (a \"...\" span of 3+ words)")


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


def _load_ledger(data: dict, check: _Checker) -> dict[str, LedgerEntry]:
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


def _load_options(raw: dict, check: _Checker, item: str, misconceptions: dict) -> list[Option]:
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
        tag = opt.get("misconception")
        if tag is not None and tag not in misconceptions:
            check.fail(item, f"option '{oid}' uses undefined misconception '{tag}'")
        text = opt.get("text")
        options.append(Option(oid, text if isinstance(text, str) else "", feedback or "", tag))
    ids = [o.id for o in options]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        check.fail(item, f"duplicate option id '{dup}'")
    return options


def _load_key(q: Question, raw: dict, check: _Checker, item: str) -> object:
    key = raw.get("key")
    option_ids = {o.id for o in q.options}
    if q.type == "explain":
        if key is not None:
            check.fail(item, "explain questions have a rubric, not a key")
        return None
    if key is None:
        check.fail(item, "missing 'key'")
        return None
    if q.type in ("choice", "verdict"):
        if not isinstance(key, str) or key not in option_ids:
            check.fail(item, f"key {key!r} is not one of the options ({', '.join(sorted(option_ids))})")
            return None
        return key
    if q.type == "multi":
        if not isinstance(key, list) or len(key) < 2:
            check.fail(item, "a multi key must list at least two option ids")
            return None
        bad = [k for k in key if k not in option_ids]
        if bad:
            check.fail(item, f"key refers to unknown option(s): {', '.join(map(str, bad))}")
            return None
        return list(dict.fromkeys(key))
    if q.type == "cite":
        return list(dict.fromkeys(check.resolve_all(item, key, "key quote")))
    # pair
    pairs: list[frozenset[str]] = []
    if not isinstance(key, list) or not key:
        check.fail(item, "a pair key must be a list of [quote, quote] pairs")
        return None
    for pair in key:
        if not isinstance(pair, list) or len(pair) != 2:
            check.fail(item, "each pair in the key must have exactly two quotes")
            continue
        ids = [check.resolve(item, quote, "key quote") for quote in pair]
        if all(ids):
            if ids[0] == ids[1]:
                check.fail(item, f"pair key names the same sentence {ids[0]} twice")
                continue
            pairs.append(frozenset(ids))
    return pairs


def _load_question(raw: dict, n: int, check: _Checker, misconceptions: dict, seen: set) -> Question | None:
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.match(qid):
        check.fail(f"question {n}", "needs an 'id' of lower-case letters, digits and hyphens")
        return None
    item = f"question {qid}"
    if qid in seen:
        check.fail(item, "duplicate question id")
    seen.add(qid)
    category, qtype = raw.get("category"), raw.get("type")
    if category not in CATEGORIES:
        check.fail(item, f"unknown category {category!r} (known: {', '.join(CATEGORIES)})")
    if qtype not in QUESTION_TYPES:
        check.fail(item, f"unknown type {qtype!r} (known: {', '.join(QUESTION_TYPES)})")
        return None
    points = raw.get("points", 1)
    if not isinstance(points, int) or isinstance(points, bool) or points < 1:
        check.fail(item, "'points' must be a positive whole number")
        points = 1
    hints = raw.get("hints")
    if not isinstance(hints, list) or not hints or not all(isinstance(h, str) and h.strip() for h in hints):
        check.fail(item, "'hints' must be a non-empty list of strings")
        hints = []
    explanation = check.text(item, raw, "explanation")
    check.quotes_article(item, explanation, "explanation")
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
    if qtype in ("choice", "multi") and len(q.options) < 3:
        check.fail(item, f"a {qtype} question needs at least three options")
    if qtype in ("choice", "multi"):
        for o in q.options:
            if not o.text:
                check.fail(item, f"option '{o.id}' needs 'text'")
    if qtype == "verdict":
        scale = raw.get("scale")
        if scale not in VERDICT_SCALES:
            check.fail(item, f"verdict needs scale 'statement' or 'sentence', not {scale!r}")
        else:
            q.scale = scale
            labels = VERDICT_SCALES[scale]
            if {o.id for o in q.options} != set(labels):
                check.fail(item, f"verdict options must be exactly: {', '.join(labels)}")
            q.options = [Option(o.id, o.text or labels.get(o.id, o.id), o.feedback, o.misconception) for o in q.options]
            if not q.statement:
                check.fail(item, "verdict needs a 'statement' to judge")
            elif scale == "sentence":
                check.resolve(item, q.statement, "statement")
    elif qtype not in ("choice", "multi") and q.options:
        check.fail(item, f"{qtype} questions do not take options")
    q.key = _load_key(q, raw, check, item)
    for n_d, d in enumerate(raw.get("distractor") or [], 1):
        if q.type not in ("cite", "pair"):
            check.fail(item, "only cite and pair questions take distractors")
            break
        sid = check.resolve(item, d.get("quote"), f"distractor {n_d} quote")
        feedback = check.text(item, d, "feedback")
        check.quotes_article(item, feedback, f"feedback of distractor {n_d}")
        tag = d.get("misconception")
        if tag is not None and tag not in misconceptions:
            check.fail(item, f"distractor {n_d} uses undefined misconception '{tag}'")
        if sid and sid in q.key_sentences:
            check.fail(item, f"distractor {n_d} ({sid}) is part of the key")
        elif sid:
            q.distractors[sid] = Distractor(sid, feedback or "", tag)
    if qtype == "explain":
        q.model_answer = check.text(item, raw, "model_answer")
        check.quotes_article(item, q.model_answer, "model answer")
        q.rubric, q.wrong_conclusions, faults = read_rubric(raw)
        for fault in faults:
            check.fail(item, fault)
    elif "wrong_conclusions" in raw or "rubric" in raw:
        check.fail(item, "only explain questions take a rubric and 'wrong_conclusions'")
    return q


def _load_quiz(data: dict, slug: str, check: _Checker) -> Quiz:
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
    article = parse_article(article_md)
    if not article.sentences:
        problems.append(ContentProblem(f"{rel}/article.md", None, "the article has no sentences"))
        return None
    if teaching is not None:
        for sid in _SENTENCE_LINK.findall(teaching):
            if sid not in article.by_id:
                problems.append(ContentProblem(f"{rel}/lesson.md", None, f"link to #{sid}, which is not a sentence"))
    meta_check = _Checker(f"{rel}/lesson.toml", article, problems)
    ledger = _load_ledger(ledger_data, _Checker(f"{rel}/ledger.toml", article, problems)) if ledger_data else {}
    quiz = _load_quiz(quiz_data, slug, _Checker(quiz_file, article, problems)) if quiz_data else None
    if meta is None or quiz is None or teaching is None:
        return None
    minutes = meta.get("reading_minutes", 15)
    return Lesson(
        slug=slug,
        title=meta_check.text(None, meta, "title") or slug,
        summary=meta_check.text(None, meta, "summary") or "",
        reading_minutes=minutes if isinstance(minutes, int) else 15,
        article=article,
        teaching=teaching,
        ledger=ledger,
        quiz=quiz,
    )


def load_content(root: str | Path) -> dict[str, Lesson]:
    """Load every lesson under ``root/lesson``; raise ContentError on any fault."""
    root = Path(root)
    problems: list[ContentProblem] = []
    lessons: dict[str, Lesson] = {}
    folders = sorted(p for p in (root / "lesson").glob("*") if p.is_dir())
    if not folders:
        problems.append(ContentProblem("lesson/", None, "no lesson folders found"))
    for folder in folders:
        if not _ID.match(folder.name):
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
