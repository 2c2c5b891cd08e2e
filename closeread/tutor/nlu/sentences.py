"""Sentences of the article named by id, quotation, paraphrase or position, one or several at a time."""

from __future__ import annotations

import re

from ..keywords import FILLER
from ..sentence_refs import MAX_CANDIDATES, SentenceIndex
from ..text import words
from .model import Candidate, Intent
from .positions import Positions

_PARTS = re.compile(r"\s*(?:,|;|\+|&|/|\band\b|\bplus\b|\bvs\.?|\bversus\b)\s*")
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40}
_NUMBER_WORD = re.compile(r"\b(?:(?P<tens>twenty|thirty|forty)(?:[- ](?P<unit>one|two|three|four|five|six|seven|eight|"
                          r"nine))?|(?P<teen>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                          r"nineteen)|(?P<small>two|three|four|five|six|seven|eight|nine))\b")
_NUMBERED = re.compile(r"\b(?:sentences?|numbers?|nos?\.?|s)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|"
                       r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                       r"thirty)")

_POSITIONS: dict[int, Positions] = {}


def positions_for(index: SentenceIndex) -> Positions:
    key = id(index)
    if key not in _POSITIONS:
        _POSITIONS[key] = Positions(index.article)
    return _POSITIONS[key]


def sentence_numbers(t: str) -> str:
    """'sentence sixteen and twenty-six' -> 'sentence 16 and 26', only when the message numbers sentences."""
    if not _NUMBERED.search(t):
        return t

    def number(m: re.Match) -> str:
        if m.group("tens"):
            return str(_TENS[m.group("tens")] + _UNITS.get(m.group("unit") or "", 0))
        return str(_TEENS.get(m.group("teen") or "") or _UNITS[m.group("small")])

    return _NUMBER_WORD.sub(number, t)


# "sentences 17 to 19", "s3-s5", "from 4 through 6": every sentence of the range, not its two ends.
_RANGE = re.compile(r"(?<!section )(?<!sections )(?<!part )(?<!parts )(?<!paragraph )"
                    r"\b(?:from )?(?:sentences? |lines? |nos?\.? )?s?(?P<a>\d{1,2})\s*"
                    r"(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b|\bup to\b)\s*"
                    r"(?:sentence |line )?s?(?P<b>\d{1,2})\b")
_LONGEST_RANGE = 12


def expand_ranges(t: str) -> str:
    """'sentences 17 to 19 plus 22' -> 's17, s18, s19 plus 22'; a backwards or very long range is left alone."""
    def spread(m: re.Match) -> str:
        a, b = int(m.group("a")), int(m.group("b"))
        if not 1 <= a < b or b - a > _LONGEST_RANGE:
            return m.group(0)
        return ", ".join(f"s{n}" for n in range(a, b + 1))

    return _RANGE.sub(spread, t)


def label(index: SentenceIndex, sid: str, width: int = 60) -> str:
    text = index.article.by_id[sid].text
    short = text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
    return f"{sid}: {short}"


# "s28 repeats s24", "s16 contradicts s26": two sentences named by id with a relation between them.
_RELATION = re.compile(r"s\d{1,2} (?:repeats|restates|copies|echoes|mirrors|matches|duplicates|contradicts|"
                       r"clashes with|conflicts with|(?:is|says) (?:the same as|the same thing as|like)|=+|vs\.?|"
                       r"(?:is|says) (?:(?:basically|just|pretty much|literally|kinda|really) )?"
                       r"(?:the same as|a copy of|a repeat of|like))"
                       r" s\d{1,2}(?: (?:again|all over again|twice|lol|haha))?|"
                       r"s\d{1,2} (?:is|says) (?:(?:basically|just|pretty much|literally|kinda) )?s\d{1,2} "
                       r"(?:again|all over again)")
# A quotation in quote marks inside a pointer ("where it says 'was said to include'"): the quoted words name it.
QUOTATION = re.compile(r"(?:^|(?<=\s))[\"'](?P<q>[^\"']{8,}?)(?:[\"'](?=[\s.,!?]|$)|$)")


_POINTER_WORDS = 6


def _quotation(t: str, index: SentenceIndex, already: tuple[str, ...]) -> Intent | None:
    """The one sentence a quotation in quote marks comes from, when the words around it only point at it ("where it
    says '…'", "the bit with '…' in it")."""
    if "'" not in t and '"' not in t:
        return None
    m = QUOTATION.search(t)
    if not m and t[0] not in "'\"":  # "'was said to include' by WHO 😂": the lead-in trim took the opening mark
        t = "'" + t
        m = QUOTATION.search(t)
    if not m or m.group(0).strip() == t.strip():
        return None
    rest = t[: m.start()] + " " + t[m.end():]
    if len(rest.split()) > _POINTER_WORDS or _PARTS.search(rest) or QUOTATION.search(rest):
        return None  # a list ("the 'was said' one and the commentators"), read sentence by sentence below
    hits = _containing(m.group("q").strip(), index)
    return Intent("sentences", tuple(dict.fromkeys((*already, hits[0])))) if len(hits) == 1 else None


def _quoted_list(t: str, index: SentenceIndex, already: tuple[str, ...]) -> Intent | None:
    """"'was said to include', 'some commentators' and 'could follow suit'": a list of quotations with nothing but
    commas and "and" between them names, for each quotation, the one sentence it is copied from. Never part of it:
    if one quotation fits no sentence or several, nothing is stored."""
    marks = sum(t.count(q) for q in "'\"")
    if marks < _LIST_MARKS:
        return None
    if marks % 2 and t[0] not in "'\"":  # the lead-in trim took the opening mark, or both outer marks
        t = "'" + t
    elif marks % 2 == 0 and t[0] not in "'\"" and t[-1] not in "'\"":
        t = f"'{t}'"
    found = list(QUOTATION.finditer(t))
    if len(found) < 2 or set(words(QUOTATION.sub(" ", t))) - FILLER - _LIST_WORDS:
        return None
    hits = [_copied_from(m.group("q").strip(" ,."), index) for m in found]
    if all(len(h) == 1 for h in hits):
        return Intent("sentences", tuple(dict.fromkeys((*already, *(h[0] for h in hits)))))
    missing = "; ".join(f"“{m.group('q').strip()}”" for m, h in zip(found, hits, strict=True) if len(h) != 1)
    return Intent("invalid", note=f"I couldn't tell which one sentence {missing} comes from. Quote a few more of its "
                                  "words, use its number (like s14), or select it in the article.")


def _containing(quoted: str, index: SentenceIndex) -> list[str]:
    """The sentences a quotation is copied from word for word."""
    return [sid for sid, text in index.texts.items() if quoted in text]


def _copied_from(quoted: str, index: SentenceIndex) -> list[str]:
    """The sentences a quotation is copied from word for word, or else the ones its words fit best."""
    return _containing(quoted, index) or index.resolve_one(f"'{quoted}'")


_LIST_WORDS = frozenset({"and", "also", "plus", "or"})
_LIST_MARKS = 2  # two quotations, with their outer marks perhaps trimmed


# "s27|s28": a position the rewrite could count two ways (with or without the page's closing line).
_TWO_WAYS = re.compile(r"\b(s\d{1,3})\|(s\d{1,3})\b")


def _either(t: str, m: re.Match, index: SentenceIndex, already: tuple[str, ...]) -> Intent:
    """Ask which of the two countings was meant, with the rest of the list kept; never store one on a guess."""
    readings = []
    for sid in m.groups():
        one = parse_sentences(t[:m.start()] + sid + t[m.end():], index, already)
        if one is None or one.kind != "sentences":
            return Intent("invalid", note="I couldn't tell which sentence you are counting to. Name it by number "
                                          "(like s14), or select it in the article.")
        others = [x for x in one.value if x != sid and x not in already]
        readings.append(Candidate(" and ".join([*others, label(index, sid)]), "sentences", one.value))
    return Intent("ambiguous", candidates=tuple(readings))


def _bare_number(t: str, index: SentenceIndex, already: tuple[str, ...], section: int | None) -> Intent | None:
    """'4' while reading part 3: sentence s4 lies elsewhere and there is a section 4, so ask which was meant."""
    if section is None or not t or not t.strip(" .!?").isdigit():
        return None
    n = int(t.strip(" .!?"))
    sections = positions_for(index).sections
    sid = f"s{n}"
    if n not in sections or sid in sections.get(section, []) or sid not in index.texts:
        return None
    return Intent("ambiguous", candidates=(Candidate(label(index, sid), "sentences", (*already, sid)),
                                           Candidate(f"Section {n}", "section", n)))


def parse_sentences(t: str, index: SentenceIndex, already: tuple[str, ...] = (), section: int | None = None
                    ) -> Intent | None:
    """Sentences named in ``t`` (cleaned, lead-ins stripped). ``already``: picked in an earlier message."""
    bare = _bare_number(t, index, already, section)
    if bare or not t:
        return bare
    t = positions_for(index).rewrite(t, index.resolve_one, section)
    two_ways = _TWO_WAYS.search(t)
    if two_ways:
        return _either(t, two_ways, index, already)
    quoted = _quoted_list(t, index, already) or _quotation(t, index, already)
    if quoted:
        return quoted
    if re.search(r"\bor\b", t):  # "s16 or s17?": two answers at once, so ask which
        parts = [index.resolve(p) for p in re.split(r"\s*\bor\b\s*", t) if p.strip()]
        ids = [p.ids[0] for p in parts if p.ok and len(p.ids) == 1]
        if len(ids) >= 2 and len(ids) == len(parts):
            return Intent("ambiguous", candidates=tuple(
                Candidate(label(index, sid), "sentences", (*already, sid)) for sid in dict.fromkeys(ids)))
    explicit = re.findall(r"\bs(\d{1,2})\b", t)
    if _RELATION.fullmatch(t) and all(f"s{n}" in index.texts for n in explicit):
        return Intent("sentences", tuple(dict.fromkeys((*already, *(f"s{n}" for n in explicit)))))
    if explicit and not index.resolve(t).ok:
        ids = [f"s{n}" for n in explicit if f"s{n}" in index.texts]
        rest = [c for c in _PARTS.split(re.sub(r"\bs\d{1,2}\b", ",", t)) if set(words(c)) - FILLER]
        describes = all(set(index.resolve_one(c)) & set(ids) for c in rest)
        if len(ids) == len(explicit) and describes:  # "s16 + s26, convoy vs jet": the words describe the ids
            return Intent("sentences", tuple(dict.fromkeys((*already, *ids))))
    res = index.resolve(t)
    parts = [p for p in _PARTS.split(t) if set(words(p)) - FILLER]
    if res.ok and len(parts) > len(res.ids) and not index.ids_only(t) and \
            any(not set(index.resolve_one(p)) & set(res.ids) for p in parts):
        # "the first two sentences of section 5 and the one before ...": never store part of a list
        return Intent("invalid", note=f"I found {', '.join(res.ids)}, but not every sentence you named. Name them "
                                      "by number (like s14), or select them in the article.")
    if res.ok:
        return Intent("sentences", tuple(dict.fromkeys((*already, *res.ids))))
    if res.ambiguous:
        if len(res.ambiguous) > MAX_CANDIDATES:
            return Intent("invalid", note=(
                f"“{res.ambiguous_text}” fits {len(res.ambiguous)} sentences. Add a few more of its words, "
                "use its number (like s14), or select it in the article."
            ))
        base = tuple(dict.fromkeys((*already, *res.ids)))
        return Intent("ambiguous", candidates=tuple(
            Candidate(label(index, sid), "sentences", (*base, sid)) for sid in res.ambiguous
        ))
    if res.unmatched and not res.ids and index.ids_only(t) is not None:
        last = index.sentences[-1].id
        return Intent("invalid", note=f"There is no sentence {', '.join(res.unmatched)}: the article has s1 to {last}.")
    if res.ids and res.unmatched:
        found = ", ".join(res.ids)
        missing = "; ".join(f"“{u}”" for u in res.unmatched)
        return Intent("invalid", note=f"I found {found}, but no sentence matches {missing}.")
    return None
