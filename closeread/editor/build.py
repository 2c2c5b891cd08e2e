"""A draft's lesson files, exactly as a bundle carries them, and their faults. No Flask.

``lesson_files`` writes ``article.md`` (one sentence a line, ``sentence_breaks =
"lines"``), ``lesson.md``, ``lesson.toml``, ``ledger.toml`` and
``quizzes/<slug>.toml``. There is no ``tutor.toml``: the chat tutor's script is
generated from the lesson's sections and labels (``content/tutor.py``), and
rounds default to one per skill. ``faults`` loads those files with the same
loader as ``lesson/`` and the imports, so the editor names exactly the faults
``check-content`` would, each tied to the sentence or question it is about.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import tomli_w

from ..content.checker import ContentError, ContentProblem
from ..content.loader import question_problems
from ..content.model import LEDGER_LABELS, Lesson
from ..content.rules import check_rules
from ..content.sentences import Article, parse_article
from ..content.tutor import DEFAULT_TEACH
from ..library import snapshot
from . import document

WORDS_PER_MINUTE = 200
_LOADED: OrderedDict[str, Lesson] = OrderedDict()  # content hash -> the loaded lesson, newest last
_LOADED_KEPT = 8
_LOCK = threading.Lock()
# Fields a question table may leave out when empty: the loader names the missing required ones.
_DROP_WHEN_EMPTY = (None, "", [])


@dataclass(frozen=True)
class Fault:
    """One thing that stops publishing: where (a sentence, a question, the details) and what."""

    where: str  # "sentence" | "question" | "details" | "article"
    item: str | None  # a sentence id or a question id
    message: str


def article_md(doc: dict) -> str:
    lines = [f"# {doc['title']}"]
    for block in doc["blocks"][1:]:
        lines.append("")
        if block["kind"] == "heading":
            lines.append(f"## {block['text']}")
        else:
            lines.extend(s["text"] for s in block["sentences"])
    return "\n".join(lines) + "\n"


def article_of(doc: dict) -> Article:
    return parse_article(article_md(doc), one_per_line=True)


def provenance(doc: dict) -> str:
    """The source information learners see wherever the article is shown."""
    parts = []
    if doc.get("source"):
        parts.append(f"Source: {doc['source']}.")
    if doc.get("author"):
        parts.append(f"By {doc['author']}.")
    if doc.get("date"):
        parts.append(f"Published {doc['date']}.")
    if not parts:
        parts.append("An article your teacher chose; no source was given.")
    return " ".join(parts)


def default_teaching(doc: dict) -> str:
    return "\n\n".join([f"# Reading “{doc['title']}” closely", *DEFAULT_TEACH.values()])


def reading_minutes(doc: dict) -> int:
    words = sum(len(s.text.split()) for s in document.sentences_of(doc))
    return max(1, round(words / WORDS_PER_MINUTE)) + len(approved(doc))


def approved(doc: dict) -> list[dict]:
    return [entry["q"] for entry in doc["questions"] if entry["status"] == "approved"]


def clean_question(q: dict) -> dict:
    """The question table as the quiz file holds it: empty optional fields left out."""
    out = {}
    for name, value in q.items():
        if value in _DROP_WHEN_EMPTY:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = [{k: v for k, v in item.items() if v not in _DROP_WHEN_EMPTY} for item in value]
        out[name] = value
    return out


def _ledger_entry(doc: dict, row: dict) -> dict:
    entry = {"quote": row["text"], "labels": row["labels"],
             "note": row["note"] or " ".join(LEDGER_LABELS[lab] + "." for lab in row["labels"]) or "No note."}
    for name in ("contradicts", "tension_with"):
        if row[name]:
            entry[name] = [document.quote_of(doc, sid) for sid in row[name]]
    if row["lateral"]:
        entry["lateral"] = row["lateral"]
    return entry


def lesson_files(doc: dict, slug: str, questions: list[dict] | None = None) -> dict[str, str]:
    """{relative path: text} of the lesson, with the approved questions (or ``questions``)."""
    meta = {"title": doc["title"], "summary": doc["summary"] or f"A close reading of “{doc['title']}”.",
            "reading_minutes": reading_minutes(doc), "fictional": bool(doc["fictional"]),
            "provenance": provenance(doc), "sentence_breaks": "lines"}
    ledger = {"sentence": [_ledger_entry(doc, row) for row in document.ledger_view(doc)]}
    quiz = {"slug": slug, "title": doc["title"],
            "question": [clean_question(q) for q in (approved(doc) if questions is None else questions)]}
    return {
        snapshot.lesson_path(slug, "article.md"): article_md(doc),
        snapshot.lesson_path(slug, "lesson.md"): (doc["teaching"] or default_teaching(doc)) + "\n",
        snapshot.lesson_path(slug, "lesson.toml"): tomli_w.dumps(meta),
        snapshot.lesson_path(slug, "ledger.toml"): tomli_w.dumps(ledger),
        snapshot.quiz_path(slug): tomli_w.dumps(quiz),
    }


# --- faults -------------------------------------------------------------------------------------------

_ENTRY = re.compile(r"^sentence entry \d+ \((s\d+)\)$")
_QUESTION = re.compile(r"^question (\S+)$")


def _place(problem: ContentProblem) -> Fault:
    item = problem.item or ""
    if problem.file.endswith("ledger.toml"):
        m = _ENTRY.match(item)
        return Fault("sentence", m.group(1) if m else None, problem.fault)
    if problem.file.startswith("quizzes/"):
        m = _QUESTION.match(item)
        return Fault("question", m.group(1) if m else None, problem.fault)
    if problem.file.endswith("article.md"):
        return Fault("article", None, problem.fault)
    return Fault("details", None, problem.fault)


def _shape_faults(doc: dict) -> list[Fault]:
    """What the files cannot say as the draft has it: a sentence that reads back differently."""
    faults = []
    written = [s.text for s in article_of(doc).sentences]
    for n, s in enumerate(document.sentences_of(doc)):
        if n >= len(written) or written[n] != s.text:
            faults.append(Fault("sentence", s.id, "this sentence does not read back as written (does it start with "
                                                  "'#'?): edit its words"))
            break
    for s in document.sentences_of(doc):
        if not s.data["labels"]:
            faults.append(Fault("sentence", s.id, "has no label yet: every sentence needs at least one"))
    return faults


def draft_faults(doc: dict) -> list[Fault]:
    """What stops publishing before the loader is asked: unlabelled sentences, no approved question."""
    faults = _shape_faults(doc)
    if not approved(doc):
        faults.append(Fault("question", None, "approve at least one question: a lesson needs a quiz"))
    return faults


def placed(exc: ContentError) -> list[Fault]:
    return [p if isinstance(p, Fault) else _place(p) for p in exc.problems]


def lesson_faults(doc: dict, slug: str) -> tuple[Lesson | None, list[Fault]]:
    """Load the draft's files as a published lesson would be loaded: the lesson, or every fault."""
    faults = draft_faults(doc)
    if faults:
        return None, faults
    try:
        return load(lesson_files(doc, slug), slug), []
    except ContentError as exc:
        return None, placed(exc)


def load(files: dict[str, str], slug: str) -> Lesson:
    """The loader's lesson for these files, kept per worker by content hash (the same files load the same).

    The publish page and the preview ask for the same draft again and again while nothing changed.
    Raises ContentError, which is not kept.
    """
    key = snapshot.content_hash(files)
    with _LOCK:
        if key in _LOADED:
            _LOADED.move_to_end(key)
            return _LOADED[key]
    lesson = snapshot.load_from_files(files, slug)
    with _LOCK:
        _LOADED[key] = lesson
        while len(_LOADED) > _LOADED_KEPT:
            _LOADED.popitem(last=False)
    return lesson


def advice(lesson: Lesson) -> list[str]:
    """The coverage rules of ``check-content`` (they never stop a lesson from being served)."""
    return [p.fault if not p.item else f"{p.item}: {p.fault}" for p in check_rules(lesson)]


# --- one question, field by field -------------------------------------------------------------------------

# Which form field a loader fault is about. First match wins; "question" is the whole question.
FIELD_PATTERNS = [
    (re.compile(r"'id'|question id"), "id"),
    (re.compile(r"category"), "category"),
    (re.compile(r"'points'"), "points"),
    (re.compile(r"^'hints'|^hint \d"), "hints"),
    (re.compile(r"^feedback of option '([a-z0-9-]+)'"), "option-{0}-feedback"),
    (re.compile(r"^option '([a-z0-9-]+)' (needs 'text'|refers)"), "option-{0}-text"),
    (re.compile(r"^option"), "options"),
    (re.compile(r"options|duplicate option"), "options"),
    (re.compile(r"^feedback of distractor|^distractor"), "distractors"),
    (re.compile(r"explanation"), "explanation"),
    (re.compile(r"'prompt'|^prompt"), "prompt"),
    (re.compile(r"^'lateral'|^lateral"), "lateral"),
    (re.compile(r"scale"), "scale"),
    (re.compile(r"statement"), "statement"),
    (re.compile(r"evidence"), "evidence"),
    (re.compile(r"model answer|model_answer"), "model_answer"),
    (re.compile(r"wrong_conclusions"), "wrong_conclusions"),
    (re.compile(r"rubric"), "rubric"),
    (re.compile(r"key|pair"), "key"),
]


def field_of(fault: str) -> str:
    for pattern, field in FIELD_PATTERNS:
        m = pattern.search(fault)
        if m:
            return field.format(*m.groups())
    return "question"


_UNNAMED_FEEDBACK = ("missing 'feedback'", "'feedback' must be a non-empty string")


def _empty_feedback(q: dict) -> dict[str, list[str]]:
    """The loader says "missing 'feedback'" without saying whose: the builder names the option or row."""
    out: dict[str, list[str]] = {}
    for option in q.get("option") or []:
        if isinstance(option, dict) and not str(option.get("feedback") or "").strip():
            out[f"option-{option.get('id')}-feedback"] = ["write the feedback shown when this option is chosen"]
    if any(isinstance(d, dict) and not str(d.get("feedback") or "").strip() for d in q.get("distractor") or []):
        out["distractors"] = ["every wrong pick needs its feedback"]
    return out


def question_faults(doc: dict, q: dict, others: list[str] | None = None,
                    article: Article | None = None) -> dict[str, list[str]]:
    """{form field: [faults]} of one question, from the loader's own checks on the draft's article.

    ``article``: the draft's article already parsed, when many questions are checked at once.
    """
    out = _empty_feedback(q)
    for problem in question_problems(clean_question(q), article or article_of(doc)):
        if problem.fault not in _UNNAMED_FEEDBACK:
            out.setdefault(field_of(problem.fault), []).append(problem.fault)
    if others and q.get("id") in others:
        out.setdefault("id", []).append("another question of this lesson has this id")
    return out
