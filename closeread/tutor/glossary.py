"""The glossary the tutor answers "what does unsupported mean" from.

Teacher-editable: ``[[term]]`` entries in ``lesson/<slug>/tutor.toml`` (``term``,
``definition``, optional ``aliases``) add to or replace the built-in entries
below, and are validated at start-up with the other tutor content, so a broken
entry stops the app naming the file, the term and the fault.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .text import fold, stem, trim

TERM_KEYS = {"term", "definition", "aliases"}
MATCH_MIN = 85


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()


DEFAULT_TERMS = (
    Term("stated", "**Stated**: the article itself says it, in its own words or by reporting it. Stated is not the "
         "same as true or supported: it only means the words are there.", ("state", "states", "says")),
    Term("not stated", "**Not stated**: the article never says it. Something can be likely, or even true, and still "
         "not be stated.", ("unstated", "not-stated")),
    Term("contradicted", "**Contradicted**: the article says the opposite somewhere, so the two statements cannot "
         "both be true.", ("contradiction", "contradict", "contradicts", "contradictory", "contradicting")),
    Term("supported", "**Supported**: the article backs the claim up with something you could check: a named "
         "source, a date, a document, a number with its origin.", ("support", "backed up", "supports")),
    Term("unsupported", "**Unsupported**: the article asserts it without support: no source you could check, only "
         "a vague one (\"reports suggest\", \"officials say\"), or none at all.", ("not supported", "unsourced")),
    Term("tension", "**Tension**: two statements that look odd together but could both be true with an ordinary "
         "explanation. Worth asking about, but not a contradiction.", ("tensions",)),
    Term("claim", "**Claim**: a statement the article presents as true, which a careful reader can check.",
         ("claims", "statement")),
    Term("evidence", "**Evidence**: what the article gives you to check a claim: a named source, a document, a "
         "date, a figure with its origin.", ("proof",)),
    Term("source", "**Source**: who or what a claim comes from. A checkable source has a name you could look up; "
         "\"reports\" or \"an official\" is vague.", ("sources", "sourced")),
    Term("vague attribution", "**Vague attribution**: a claim credited to someone you cannot identify or check "
         "(\"reports suggest\", \"a State Department official\").", ("vague", "attribution", "vague source")),
    Term("hedge", "**Hedge**: a careful word that stops short of a firm claim: \"likely\", \"suggest\", \"could\".",
         ("hedging", "hedged", "hedges")),
    Term("lateral reading", "**Reading laterally**: checking a story by leaving it and seeing what other, "
         "independent sources say about it.", ("read laterally", "reading laterally", "lateral")),
    Term("close reading", "**Close reading**: reading slowly and exactly, asking what each sentence really says, "
         "what backs it up and what clashes with it.", ("close read",)),
    Term("mercenaries", "**Mercenaries**: soldiers paid to fight for a country or group that is not their own.",
         ("mercenary",)),
    Term("ledger", "**The claim ledger**: the reveal at the end, listing every sentence of the article with its "
         "labels.", ("claim ledger", "reveal")),
)


class Glossary:
    def __init__(self, terms: tuple[Term, ...] | list[Term] = DEFAULT_TERMS):
        self.terms = list(terms)
        self._names: dict[str, Term] = {}
        for t in self.terms:
            for name in (t.term, *t.aliases):
                self._names[fold(name)] = t
                self._names.setdefault(stem(fold(name)), t)

    def lookup(self, asked: str) -> Term | None:
        """The entry for a term as the learner typed it: exactly, by an alias, by a stem or with a typo."""
        key = trim(fold(asked)).removeprefix("the ").removeprefix("a ").removeprefix("an ")
        if key in self._names:
            return self._names[key]
        if stem(key) in self._names:
            return self._names[stem(key)]
        best = process.extractOne(key, list(self._names), scorer=fuzz.ratio)
        if best and best[1] >= MATCH_MIN:
            return self._names[best[0]]
        return None

    def names(self) -> list[str]:
        return [t.term for t in self.terms]


def load_terms(raw_list: object, check) -> Glossary:
    """``[[term]]`` entries from tutor.toml on top of the built-in ones; faults go to ``check``."""
    if raw_list is None:
        return Glossary()
    if not isinstance(raw_list, list):
        check.fail(None, "'term' must be an array of tables ([[term]])")
        return Glossary()
    given: dict[str, Term] = {}
    for n, raw in enumerate(raw_list, 1):
        if not isinstance(raw, dict):
            check.fail(f"term {n}", "must be a table")
            continue
        name = raw.get("term")
        item = f"term {name!r}" if isinstance(name, str) else f"term {n}"
        for key in sorted(set(raw) - TERM_KEYS):
            check.fail(item, f"unknown key '{key}' (known: {', '.join(sorted(TERM_KEYS))})")
        if not isinstance(name, str) or not name.strip():
            check.fail(item, "needs a 'term'")
            continue
        definition = check.text(item, raw, "definition")
        aliases = raw.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            check.fail(item, "'aliases' must be a list of words")
            aliases = []
        if fold(name) in given:
            check.fail(item, "this term is already defined")
            continue
        if definition:
            given[fold(name)] = Term(name.strip(), definition, tuple(a.strip() for a in aliases))
    kept = [t for t in DEFAULT_TERMS if fold(t.term) not in given]
    return Glossary([*given.values(), *kept])
