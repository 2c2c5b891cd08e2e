"""The lesson's glossary of hard words: loading, validation, look-up and marking in the article.

``lesson/<slug>/glossary.toml`` is optional teacher-editable content::

    [[term]]
    term = "annexation"
    definition = "When one country takes over land that belonged to another country."

    [[term]]
    term = "contradiction"
    definition = "Two statements that cannot both be true."
    aliases = ["contradicted", "contradict"]   # optional: other forms a learner may ask about

One glossary serves the article's popovers, the lesson page and the chat tutor's answers to "what
does X mean" (the lesson's own vocabulary, like "unsupported" or "tension", is in it too). Start-up
refuses a glossary whose term does not occur in the article or the lesson, whose definition is
longer than :data:`MAX_DEFINITION_WORDS` words or uses the term itself, that lists a term or an
alias twice, or that has an unknown key. Other code reads it through
``lesson.glossary``: :meth:`Glossary.lookup` answers "what does X mean", and
:meth:`Glossary.sentence_html` marks the first use of each term in the article
with a button that opens a popover (the HTML popover API: no script needed).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

MAX_DEFINITION_WORDS = 30
MAX_ALIAS_CHARS = 40
FUZZY_MIN = 88  # a learner's typo ("unsuported") still finds the entry
COGNATE_MIN = 80  # with the same first letters: "mercenaire" (French) finds "mercenaries"
_START = 5
_PHRASE_WORDS = 4


def _same_start(a: str, b: str) -> bool:
    return len(a) >= _START and a[:_START] == b[:_START]


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return "gloss-" + re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def _pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w-])", re.IGNORECASE)


def _forms(word: str) -> set[str]:
    """A word or phrase, lower-cased, with its singular if it looks plural ("mercenaries" -> "mercenary")."""
    word = " ".join(word.lower().replace("’", "'").strip(" ?!.,'\"“”‘").split())
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("es"):
        forms |= {word[:-2], word[:-1]}
    elif word.endswith("s"):
        forms.add(word[:-1])
    return forms


@dataclass
class Glossary:
    entries: list[GlossaryEntry] = field(default_factory=list)
    # sentence id -> [(start, end, entry)] for the first use of each term in the article
    _marks: dict[str, list[tuple[int, int, GlossaryEntry]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def lookup(self, word: str) -> GlossaryEntry | None:
        """The entry for a word or phrase, or one of its aliases, forgiving case, quotes, a plural 's' and a typo."""
        wanted = _forms(word)
        for entry in self.entries:
            if any(wanted & _forms(name) for name in (entry.term, *entry.aliases)):
                return entry
        from rapidfuzz import fuzz, process

        names = {name.lower(): entry for entry in self.entries for name in (entry.term, *entry.aliases)}
        inside = self._inside(word, names)
        if inside is not None:
            return inside
        best = process.extractOne(min(wanted, key=len), list(names), scorer=fuzz.ratio) if names else None
        if best and best[1] >= FUZZY_MIN and len(best[0]) >= 5:
            return names[best[0]]
        if best and best[1] >= COGNATE_MIN and len(best[0]) >= 6 and _same_start(min(wanted, key=len), best[0]):
            return names[best[0]]  # "mercenaire", "mercenario": a cognate shares the start and most letters
        return None

    @staticmethod
    def _inside(phrase: str, names: dict[str, GlossaryEntry]) -> GlossaryEntry | None:
        """'militant proxies': the word-list name that ends a longer phrase (its head word, or words), longest first;
        'claims about mali' or 'the law thing' end in another word and are not guessed at."""
        words = phrase.lower().replace("’", "'").strip(" ?!.,'\"").split()
        if not 1 < len(words) <= _PHRASE_WORDS:
            return None
        grams = {" ".join(words[i:]) for i in range(1, len(words))}
        forms = set().union(*(_forms(g) for g in grams))
        found = [name for name in names if name in forms and len(name) >= 4]
        return names[max(found, key=len)] if found else None

    def examples(self, n: int = 8) -> list[str]:
        """A few terms to offer: the lesson's own words (not in the article) first, then the article's hard words."""
        in_article = {entry.term for spans in self._marks.values() for _, _, entry in spans}
        ordered = sorted(self.entries, key=lambda e: e.term in in_article)
        return [e.term for e in ordered[:n]]

    def mark_article(self, sentences: list[tuple[str, str]]) -> None:
        """Find the first use of each term in the article's (id, text) sentences, in reading order."""
        self._marks = {}
        for entry in self.entries:
            pattern = _pattern(entry.term)
            for sid, text in sentences:
                found = pattern.search(text)
                if found:
                    self._marks.setdefault(sid, []).append((found.start(), found.end(), entry))
                    break
        for spans in self._marks.values():
            spans.sort(key=lambda span: span[0])

    def sentence_html(self, sid: str, text: str) -> Markup:
        """The sentence as escaped HTML, its marked terms as popover buttons."""
        out, pos = [], 0
        for start, end, entry in self._marks.get(sid, []):
            if start < pos:  # overlapping terms: keep the first
                continue
            out.append(escape(text[pos:start]))
            out.append(
                Markup(
                    '<button type="button" class="gloss" popovertarget="{a}">{w}</button>'
                    '<span class="gloss-pop" id="{a}" popover><strong>{t}</strong>: {d}</span>'
                ).format(a=entry.anchor, w=text[start:end], t=entry.term, d=entry.definition)
            )
            pos = end
        out.append(escape(text[pos:]))
        return Markup("").join(out)


def load_glossary(path: Path, file: str, texts: list[str], problems: list) -> Glossary:
    """Read and validate a glossary file; a missing file is an empty glossary."""
    from .checker import ContentProblem  # the loader imports this module

    if not path.exists():
        return Glossary()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(ContentProblem(file, None, f"invalid TOML: {exc}"))
        return Glossary()
    raw = data.get("term")
    if not isinstance(raw, list) or not raw:
        problems.append(ContentProblem(file, None, "needs [[term]] entries"))
        return Glossary()
    entries: list[GlossaryEntry] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, 1):
        faults, entry = _check_entry(item, texts, seen)
        name = item.get("term") if isinstance(item, dict) and isinstance(item.get("term"), str) else None
        where = f"term {n} ({name})" if name else f"term {n}"
        problems.extend(ContentProblem(file, where, fault) for fault in faults)
        if entry and not faults:
            entries.append(entry)
    return Glossary(entries)


def _check_entry(item: object, texts: list[str], seen: set[str]) -> tuple[list[str], GlossaryEntry | None]:
    if not isinstance(item, dict):
        return ["must be a table with 'term' and 'definition'"], None
    unknown = sorted(set(item) - {"term", "definition", "aliases"})
    if unknown:
        return [f"unknown key '{unknown[0]}' (known: aliases, definition, term)"], None
    term, definition = item.get("term"), item.get("definition")
    if not isinstance(term, str) or not term.strip():
        return ["needs a 'term'"], None
    if not isinstance(definition, str) or not definition.strip():
        return ["needs a 'definition'"], None
    term, definition = term.strip(), " ".join(definition.split())
    faults = []
    if term.lower() in seen:
        faults.append("is listed twice")
    seen.add(term.lower())
    if not any(_pattern(term).search(text) for text in texts):
        faults.append(f'"{term}" does not occur in the article or the lesson')
    words = len(definition.split())
    if words > MAX_DEFINITION_WORDS:
        faults.append(f"definition has {words} words; keep it to {MAX_DEFINITION_WORDS} or fewer")
    if _pattern(term).search(definition):
        faults.append("definition uses the term itself; explain it in other words")
    aliases, alias_faults = _aliases(item.get("aliases", []), seen)
    return faults + alias_faults, GlossaryEntry(term, definition, aliases)


def _aliases(raw: object, seen: set[str]) -> tuple[tuple[str, ...], list[str]]:
    """Other forms of the term a learner may ask about ("contradicted" for "contradiction"); each names one entry."""
    if not isinstance(raw, list) or not all(isinstance(a, str) and a.strip() for a in raw):
        return (), ["'aliases' must be a list of words"]
    faults, out = [], []
    for alias in (" ".join(a.split()) for a in raw):
        if len(alias) > MAX_ALIAS_CHARS:
            faults.append(f'alias "{alias[:20]}…" is longer than {MAX_ALIAS_CHARS} characters')
        elif alias.lower() in seen:
            faults.append(f'alias "{alias}" is already a term or an alias')
        else:
            seen.add(alias.lower())
            out.append(alias)
    return tuple(out), faults
