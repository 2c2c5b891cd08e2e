"""A lesson draft as data, and every change a teacher can make to it. No Flask, no database.

A draft is one JSON-able dict (stored whole in ``lesson_drafts.doc``)::

    title, summary, source, author, date, fictional, teaching   what the teacher wrote
    blocks      [{"kind": "title" | "heading" | "paragraph", "text" (headings), "sentences": [...]}]
    next_key    the next sentence key
    decisions   {suggestion key: "accepted" | "dismissed"}
    questions   [{"status": "draft" | "approved", "reason": str, "q": {question table}}]

Each sentence is ``{"k", "text", "labels", "note", "contradicts", "tension_with", "lateral"}``.
``k`` is a key that never changes while the sentence lives, so partners and
decisions survive a merge or split elsewhere; the id a teacher sees (``s1``…)
is its place in reading order, exactly as the loader numbers the published
article. Merging and splitting are refused once the lesson is published, so
the ids learners' answers name stay the same in every later version.
Questions are kept in the quiz file's own shape (quotes, not ids): a merge
keeps a quote valid, and the loader checks them all before publishing.

Every function here returns a changed copy or raises :class:`EditError` with a
message for the teacher and the form field it is about.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from ..content.model import CATEGORIES, LEDGER_LABELS
from ..content.sentences import sentence_number, split_sentences

MAX_CHARS = 20_000  # the article: title and body
MAX_SENTENCES = 300
MAX_QUESTIONS = 80
# Every text field's limit in characters; forms.py uses the same figures.
FIELD_LIMITS = {
    "title": 200, "summary": 500, "source": 200, "author": 200, "date": 40, "teaching": 12_000,
    "note": 1_000, "lateral": 1_000, "heading": 200,
}
LABELS_NEEDING_PARTNERS = {"contradicted": "contradicts", "tension": "tension_with"}


class EditError(Exception):
    """A change that cannot be made: ``message`` for the teacher, ``field`` the form field it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class SentenceRef:
    """A sentence where the teacher sees it: its id, place and data."""

    id: str
    number: int
    block: int  # index in doc["blocks"]
    index: int  # index in that block's sentences
    data: dict
    last_in_block: bool

    @property
    def key(self) -> int:
        return self.data["k"]

    @property
    def text(self) -> str:
        return self.data["text"]


# --- building a draft ------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Control characters out (tabs become spaces), line ends unified; nothing else changes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or ch >= " " and ch != "\x7f")


def _sentence(key: int, text: str) -> dict:
    return {"k": key, "text": text, "labels": [], "note": "", "contradicts": [], "tension_with": [], "lateral": ""}


def new_document(title: str, parts: list[tuple[str, str]], meta: dict | None = None) -> dict:
    """A draft from a title and the body's parts: ("heading", text) or ("paragraph", text), in order.

    Paragraphs are split with the project's splitter; raises EditError over the limits.
    """
    title = " ".join(clean_text(title).split())
    if not title:
        raise EditError("Give the lesson a title (the article's headline).", "title")
    doc = {"title": title, "summary": "", "source": "", "author": "", "date": "", "fictional": False,
           "teaching": "", "next_key": 1, "blocks": [], "decisions": {}, "questions": []}
    for name, value in (meta or {}).items():
        doc[name] = value
    doc["blocks"].append({"kind": "title", "sentences": [_sentence(0, title)]})
    for kind, text in parts:
        text = " ".join(clean_text(text).split())
        if not text:
            continue
        if kind == "heading":
            doc["blocks"].append({"kind": "heading", "text": text[: FIELD_LIMITS["heading"]], "sentences": []})
            continue
        sentences = []
        for piece in split_sentences(text):
            sentences.append(_sentence(doc["next_key"], piece))
            doc["next_key"] += 1
        doc["blocks"].append({"kind": "paragraph", "sentences": sentences})
    check_size(doc)
    if len(sentences_of(doc)) < 2:
        raise EditError("The article needs some text under its title: paste or upload its body.", "body")
    return doc


def check_size(doc: dict) -> None:
    chars = sum(len(s.text) for s in sentences_of(doc)) + sum(len(b.get("text", "")) for b in doc["blocks"])
    if chars > MAX_CHARS:
        raise EditError(f"The article is {chars:,} characters long; a lesson takes at most {MAX_CHARS:,}. "
                        "Cut it to the part you want to teach.", "body")
    count = len(sentences_of(doc))
    if count > MAX_SENTENCES:
        raise EditError(f"The article has {count} sentences; a lesson takes at most {MAX_SENTENCES}. "
                        "Cut it to the part you want to teach.", "body")


# --- reading a draft -------------------------------------------------------------------------------


def sentences_of(doc: dict) -> list[SentenceRef]:
    """Every sentence in reading order with the id the published article will give it."""
    out: list[SentenceRef] = []
    for b, block in enumerate(doc["blocks"]):
        items = block.get("sentences") or []
        for i, data in enumerate(items):
            n = len(out) + 1
            out.append(SentenceRef(f"s{n}", n, b, i, data, i == len(items) - 1))
    return out


def by_id(doc: dict) -> dict[str, SentenceRef]:
    return {s.id: s for s in sentences_of(doc)}


def id_of_key(doc: dict) -> dict[int, str]:
    return {s.key: s.id for s in sentences_of(doc)}


def sentence_or_error(doc: dict, sid: str) -> SentenceRef:
    ref = by_id(doc).get(sid)
    if ref is None:
        raise EditError(f"There is no sentence {sid} in this article.")
    return ref


def parse_ids(text: str, doc: dict, field: str, limit: int = MAX_SENTENCES) -> list[str]:
    """Sentence ids typed in a plain form ("s4, s7" or "4 7"), in the order given, checked."""
    known = by_id(doc)
    out: list[str] = []
    for token in re.split(r"[\s,;+&]+", text.strip()):
        if not token:
            continue
        sid = "s" + token[1:] if token[:1] in "sS" else "s" + token
        if not re.fullmatch(r"s\d+", sid):
            raise EditError(f"“{token[:20]}” is not a sentence id: write ids like s4, s12.", field)
        if sid not in known:
            raise EditError(f"There is no sentence {sid}: this article has s1 to s{len(known)}.", field)
        if sid not in out:
            out.append(sid)
    if len(out) > limit:
        raise EditError(f"Pick at most {limit} sentences here.", field)
    return out


def quote_of(doc: dict, sid: str) -> str:
    """How the lesson files name a sentence: its whole text (the loader checks it names exactly one)."""
    return sentence_or_error(doc, sid).text


def id_of_quote(doc: dict, quote: str) -> str | None:
    """The one sentence that contains ``quote`` verbatim, or None (missing or ambiguous)."""
    hits = [s.id for s in sentences_of(doc) if isinstance(quote, str) and quote and quote in s.text]
    return hits[0] if len(hits) == 1 else None


def published(doc_row: dict) -> bool:
    return bool(doc_row.get("published_version"))


# --- details ----------------------------------------------------------------------------------------


def set_details(doc: dict, values: dict) -> dict:
    """Title, summary, source information and teaching text. The title is also the headline (s1)."""
    out = copy.deepcopy(doc)
    for name in ("title", "summary", "source", "author", "date", "teaching"):
        if name not in values:
            continue
        value = clean_text(values[name] or "")
        value = value.strip() if name == "teaching" else " ".join(value.split())
        if len(value) > FIELD_LIMITS[name]:
            raise EditError(f"At most {FIELD_LIMITS[name]:,} characters.", name)
        out[name] = value
    if not out["title"]:
        raise EditError("Give the lesson a title (the article's headline).", "title")
    if "fictional" in values:
        out["fictional"] = bool(values["fictional"])
    out["blocks"][0]["sentences"][0]["text"] = out["title"]
    check_size(out)
    return out


# --- sentences: merge and split ---------------------------------------------------------------------


def _refuse_if_locked(locked: bool) -> None:
    if locked:
        raise EditError("This lesson is published, so its sentences keep their ids: learners' answers name them. "
                        "Labels, notes and questions can still change.")


def merge_with_next(doc: dict, sid: str, locked: bool = False) -> dict:
    """Join a sentence and the next one of its paragraph (the splitter broke "the U.S. Army" in two)."""
    _refuse_if_locked(locked)
    out = copy.deepcopy(doc)
    ref = sentence_or_error(out, sid)
    if ref.block == 0:
        raise EditError("The title is one sentence: there is nothing to merge it with.")
    if ref.last_in_block:
        raise EditError(f"{sid} is the last sentence of its paragraph: there is nothing after it to merge with.")
    items = out["blocks"][ref.block]["sentences"]
    first, second = items[ref.index], items.pop(ref.index + 1)
    first["text"] = f"{first['text']} {second['text']}"
    for name in ("labels", "contradicts", "tension_with"):
        first[name] = list(dict.fromkeys(first[name] + second[name]))
    first["note"] = " ".join(x for x in (first["note"], second["note"]) if x)[: FIELD_LIMITS["note"]]
    first["lateral"] = " ".join(x for x in (first["lateral"], second["lateral"]) if x)[: FIELD_LIMITS["lateral"]]
    _rekey_partners(out, second["k"], first["k"])
    return out


def _rekey_partners(doc: dict, old: int, new: int) -> None:
    for s in sentences_of(doc):
        for name in ("contradicts", "tension_with"):
            keys = [new if k == old else k for k in s.data[name]]
            s.data[name] = [k for k in dict.fromkeys(keys) if k != s.key]


def split_points(text: str) -> list[int]:
    """Where a sentence may be split: after each space that has text on both sides."""
    return [m.end() for m in re.finditer(r"\s+", text) if m.start() > 0 and m.end() < len(text)]


def split_at(doc: dict, sid: str, at: int, locked: bool = False) -> dict:
    """Split a sentence in two at character ``at`` (a place from :func:`split_points`)."""
    _refuse_if_locked(locked)
    out = copy.deepcopy(doc)
    ref = sentence_or_error(out, sid)
    if ref.block == 0:
        raise EditError("The title stays one sentence.", "at")
    if at not in split_points(ref.text):
        raise EditError("Choose where to split from the list: between two words of the sentence.", "at")
    head, tail = ref.text[:at].strip(), ref.text[at:].strip()
    ref.data["text"] = head
    new = _sentence(out["next_key"], tail)
    out["next_key"] += 1
    out["blocks"][ref.block]["sentences"].insert(ref.index + 1, new)
    check_size(out)
    return out


# --- the ledger ----------------------------------------------------------------------------------------


def set_ledger(doc: dict, sid: str, labels: list[str], note: str, contradicts: list[str], tension_with: list[str],
               lateral: str) -> dict:
    """A sentence's labels, note, partners (by id) and lateral-reading note."""
    out = copy.deepcopy(doc)
    ref = sentence_or_error(out, sid)
    unknown = [lab for lab in labels if lab not in LEDGER_LABELS]
    if unknown:
        raise EditError(f"Unknown label {unknown[0]!r}.", "labels")
    keys = {s.id: s.key for s in sentences_of(out)}
    partners = {}
    for name, ids in (("contradicts", contradicts), ("tension_with", tension_with)):
        if sid in ids:
            raise EditError("A sentence cannot be its own partner: pick the other sentence.", name)
        missing = [i for i in ids if i not in keys]
        if missing:
            raise EditError(f"There is no sentence {missing[0]}.", name)
        partners[name] = [keys[i] for i in dict.fromkeys(ids)]
    for name, value in (("note", note), ("lateral", lateral)):
        if len(value) > FIELD_LIMITS[name]:
            raise EditError(f"At most {FIELD_LIMITS[name]:,} characters.", name)
    ref.data.update(labels=[lab for lab in LEDGER_LABELS if lab in labels], note=" ".join(clean_text(note).split()),
                    lateral=" ".join(clean_text(lateral).split()), **partners)
    return out


def label_unlabelled(doc: dict, label: str) -> tuple[dict, int]:
    """The teacher's choice: give every sentence with no label yet ``label``. Returns (draft, how many)."""
    if label not in LEDGER_LABELS or label in LABELS_NEEDING_PARTNERS:
        raise EditError("Choose a label that needs no partner sentence.", "label")
    out = copy.deepcopy(doc)
    count = 0
    for s in sentences_of(out):
        if not s.data["labels"]:
            s.data["labels"] = [label]
            count += 1
    return out, count


def ledger_view(doc: dict) -> list[dict]:
    """Each sentence with its ledger entry, partners as ids, for the pages and for drafts.py."""
    ids = id_of_key(doc)
    rows = []
    for s in sentences_of(doc):
        rows.append({"id": s.id, "text": s.text, "block": s.block, "labels": list(s.data["labels"]),
                     "note": s.data["note"], "lateral": s.data["lateral"],
                     "contradicts": [ids[k] for k in s.data["contradicts"] if k in ids],
                     "tension_with": [ids[k] for k in s.data["tension_with"] if k in ids],
                     "last_in_block": s.last_in_block, "ref": s})
    return rows


def ledger_map(doc: dict) -> dict[str, tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...]]]:
    """{sentence id: (labels, note, contradiction ids, tension ids)}: what drafts.py reads."""
    return {r["id"]: (tuple(r["labels"]), r["note"], tuple(r["contradicts"]), tuple(r["tension_with"]))
            for r in ledger_view(doc)}


# --- suggestions -----------------------------------------------------------------------------------------


def suggestion_key(sentence_key: int, label: str, kind: str, cue: str) -> str:
    """A decision's key: stable while the sentence lives, whatever its id becomes."""
    return f"{sentence_key}|{label}|{kind}|{cue}"[:300]


def decide(doc: dict, sid: str, label: str, kind: str, cue: str, accept: bool) -> dict:
    """Accept (the label is added to the sentence) or dismiss one suggestion of the draft helper."""
    if label not in LEDGER_LABELS:
        raise EditError(f"Unknown label {label!r}.")
    out = copy.deepcopy(doc)
    ref = sentence_or_error(out, sid)
    out["decisions"][suggestion_key(ref.key, label, kind, cue)] = "accepted" if accept else "dismissed"
    if accept and label not in ref.data["labels"]:
        ref.data["labels"] = [lab for lab in LEDGER_LABELS if lab in {*ref.data["labels"], label}]
    return out


# --- questions ------------------------------------------------------------------------------------------


def question_ids(doc: dict) -> list[str]:
    return [entry["q"].get("id", "") for entry in doc["questions"]]


def find_question(doc: dict, qid: str) -> int:
    for n, entry in enumerate(doc["questions"]):
        if entry["q"].get("id") == qid:
            return n
    raise EditError(f"There is no question {qid!r} in this draft.")


def free_id(doc: dict, wanted: str) -> str:
    taken = set(question_ids(doc))
    base = re.sub(r"[^a-z0-9-]+", "-", wanted.lower()).strip("-")[:40] or "q"
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def add_questions(doc: dict, tables: list[dict], status: str = "draft") -> tuple[dict, list[str]]:
    """Add question tables (a new blank one, or drafts from the ledger); ids are made unique."""
    out = copy.deepcopy(doc)
    if len(out["questions"]) + len(tables) > MAX_QUESTIONS:
        raise EditError(f"A lesson holds at most {MAX_QUESTIONS} questions.")
    ids = []
    for table in tables:
        q = {k: v for k, v in copy.deepcopy(table).items() if k != "draft_reason"}
        q["id"] = free_id(out, str(q.get("id") or f"q{len(out['questions']) + 1}"))
        out["questions"].append({"status": status, "reason": str(table.get("draft_reason") or ""), "q": q})
        ids.append(q["id"])
    return out, ids


def replace_question(doc: dict, qid: str, table: dict) -> dict:
    """The teacher's edit of one question; an approved question stays approved only if it stays valid."""
    out = copy.deepcopy(doc)
    n = find_question(out, qid)
    new_id = table.get("id")
    if new_id != qid and new_id in question_ids(out):
        raise EditError(f"Another question already has the id {new_id!r}.", "id")
    out["questions"][n]["q"] = table
    return out


def set_status(doc: dict, qid: str, status: str) -> dict:
    out = copy.deepcopy(doc)
    out["questions"][find_question(out, qid)]["status"] = status
    return out


def remove_question(doc: dict, qid: str) -> dict:
    out = copy.deepcopy(doc)
    out["questions"].pop(find_question(out, qid))
    return out


def blank_question(qtype: str, category: str, number: int) -> dict:
    """A new question of a type, with the fields its type needs, for the teacher to fill in."""
    if category not in CATEGORIES:
        raise EditError("Choose a skill.", "category")
    q: dict = {"id": f"q{number}", "category": category, "type": qtype, "prompt": "", "points": 1,
               "evidence": [], "explanation": "", "hints": []}
    if qtype in ("choice", "multi"):
        q["option"] = [{"id": i, "text": "", "feedback": ""} for i in "abc"]
        q["key"] = "a" if qtype == "choice" else ["a", "b"]
    elif qtype == "verdict":
        q.update(scale="statement", statement="", key="stated",
                 option=[{"id": i, "feedback": ""} for i in ("stated", "not-stated", "contradicted")])
    elif qtype == "cite":
        q["key"] = []
    elif qtype == "pair":
        q.update(key=[], points=2)
    elif qtype == "explain":
        q.update(points=2, model_answer="", rubric=[])
    else:
        raise EditError("Choose a question type.", "type")
    return q


def sort_ids(ids: list[str]) -> list[str]:
    return sorted(ids, key=sentence_number)
