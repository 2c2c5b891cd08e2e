"""Names people see (students, classes, teacher emails): cleaned, and checked for look-alikes.

``clean`` turns what was typed into the name that is stored, or raises
``NameProblem`` saying why it cannot be used:

1. NFKC normalisation (fullwidth letters, ligatures and the like become plain text);
2. whitespace of any kind collapses to single spaces;
3. control, format (zero-width, soft hyphen, bidi overrides), default-ignorable
   (fillers such as U+3164, variation selectors), private-use, unassigned and
   surrogate characters are refused, and so are symbols outside
   ASCII (U+FDFD, emoji): a name is letters, marks, digits, punctuation and spaces;
4. the length is counted in grapheme clusters (what a reader sees as one
   character, the ``regex`` module's ``\\X``), and a cluster may carry at most
   ``MAX_MARKS`` combining marks (no stacked accents).

``skeleton`` is the Unicode TR39 confusable skeleton: two names with the same
skeleton look alike (Latin "Alice" and "Аlice" with a Cyrillic A; "rn" and "m";
"l", "I" and "1"). The mapping is TR39's confusables.txt as shipped by the
``confusable_homoglyphs`` package; see ``_prototypes`` for how it is read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import regex
from confusable_homoglyphs.confusables import confusables_data

MAX_MARKS = 3
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_DIRECTION_MARKS = "\u200e\u200f"
_GRAPHEME = regex.compile(r"\X")
# Invisible in any font (zero-width joiners, fillers such as U+3164, variation selectors...).
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


class NameProblem(ValueError):
    """The name cannot be used; the message says why, for the person who typed it."""


def _describe(ch: str) -> str:
    fallback = "control character" if unicodedata.category(ch) == "Cc" else "unnamed character"
    return f"U+{ord(ch):04X} {unicodedata.name(ch, fallback)}"


def refused_character(text: str) -> str | None:
    """The first character a name may not contain, described, or None."""
    for ch in text:
        category = unicodedata.category(ch)
        if category in REFUSED_CATEGORIES or (category.startswith("S") and ord(ch) > 0x7F) or _IGNORABLE.match(ch):
            return _describe(ch)
    return None


def graphemes(text: str) -> list[str]:
    return _GRAPHEME.findall(text)


def clean(raw: str | None, limit: int, what: str = "name") -> str:
    """The name to store, or NameProblem. ``limit`` counts grapheme clusters."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = " ".join(text.split())
    if not text:
        raise NameProblem(f"Enter a {what}.")
    bad = refused_character(text)
    if bad:
        raise NameProblem(
            f"A {what} cannot contain invisible, control or special characters ({bad}). Type it again with "
            "letters, digits, spaces and punctuation only."
        )
    clusters = graphemes(text)
    if len(clusters) > limit:
        raise NameProblem(f"Use at most {limit} characters.")
    for cluster in clusters:
        if sum(1 for ch in cluster if unicodedata.category(ch).startswith("M")) > MAX_MARKS:
            raise NameProblem(f"A {what} cannot stack more than {MAX_MARKS} accents on one letter.")
    return text


# --- TR39 skeletons --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Each confusable character -> the string that stands for its whole look-alike group.

    confusables_data is TR39's confusables.txt (source -> prototype) stored both ways:
    a source lists just its prototype, a prototype lists all its sources. TR39
    prototypes are never sources themselves, so a character whose only entry
    leads to a group of several is a source of that group; a multi-character
    entry is always a prototype. For a pair that lists only each other the
    direction cannot be read, but for comparing skeletons any fixed choice of
    representative does, so the smaller of the two stands for both.
    """

    def strip(text: str) -> str:
        return text.strip(_DIRECTION_MARKS)

    table = {strip(k): [strip(e["c"]) for e in v] for k, v in confusables_data.items()}
    mapping: dict[str, str] = {}
    for char, entries in table.items():
        if len(char) != 1 or len(entries) != 1:
            continue  # a prototype (multi-character, or the centre of a group) maps to itself
        target = entries[0]
        back = table.get(target, [])
        if len(target) > 1 or len(back) > 1:
            mapping[char] = target
        elif back == [char]:
            mapping[char] = min(char, target)
    return mapping


def skeleton(text: str) -> str:
    """TR39 skeleton: NFD, default-ignorable characters removed, each character replaced by its prototype, NFD."""
    table = _prototypes()
    decomposed = _IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", "".join(table.get(ch, ch) for ch in decomposed))


def lookalike_keys(name: str) -> set[str]:
    """Keys under which two names count as the same: the skeleton as typed and of the case-folded name.

    Both are needed: case-folding alone would miss "AIice" (capital I) for "Alice",
    and the plain skeleton alone would tell "ALICE" from "alice".
    """
    folded = unicodedata.normalize("NFKC", name.casefold())
    return {skeleton(name), skeleton(folded), skeleton(skeleton(folded).casefold())}


def looks_like(a: str, b: str) -> bool:
    return bool(lookalike_keys(a) & lookalike_keys(b))


def first_lookalike(name: str, others: Iterable[tuple[object, str]]) -> tuple[object, str] | None:
    """The first (id, name) of ``others`` that looks like ``name``."""
    keys = lookalike_keys(name)
    for other_id, other in others:
        if keys & lookalike_keys(other):
            return other_id, other
    return None


def lookalike_groups(items: Iterable[tuple[object, str]]) -> list[list[tuple[object, str]]]:
    """Groups of two or more (id, name) pairs that look alike, for warning a teacher."""
    items = list(items)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, (_, name) in enumerate(items):
        for key in lookalike_keys(name):
            if key in seen:
                parent[root(i)] = root(seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[tuple[object, str]]] = {}
    for i, item in enumerate(items):
        groups.setdefault(root(i), []).append(item)
    return [g for g in groups.values() if len(g) > 1]
