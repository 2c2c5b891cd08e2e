"""Several options at once, for a "tick all that apply" question.

Shorthand a learner types: "a and c", "ACD", "a cd", "a-d", "a to c", "1 3 4", "one three and four",
"first and third", "the first four", "all", "all except b", "a to d but not b", and options named by
their words: "everything except the gao one", "all of them but the two with the fighter jet". A list
is never stored in part: when one item names no option, nothing is stored.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..text import fold, trim
from .model import Choice, Intent, confirm
from .normalise import strip_lead_ins
from .options import (
    _NUMBERS,
    _ORDINAL_WORDS,
    LETTERS,
    WHOLE_TEXT_MIN,
    by_position,
    matcher_for,
    no_such,
    number_of,
    option_text,
)

_ALL = re.compile(r"^(?:all(?: of them| of the above| the options| of those| four| 4| three| of it| five| 5)?|"
                  r"every (?:one|option|single one)|everything|each one|all are right|they all are|all of em|"
                  r"the lot|all (?:are|of them are) (?:right|correct|true))$")
_EVERY = r"(?:all|every ?one|everything|every option|all of them|all options|all the options|all answers|the lot)"
_BUT = r"(?:except(?: for)?|but(?: not)?|apart from|besides|other than|minus|without|excluding|save|bar|not)"
_EXCEPT = re.compile(r"^" + _EVERY + r"(?: of them)?\s*(?:,\s*)?" + _BUT + r"\s+(?P<out>.+)$")
_MINUS = re.compile(r"^(?P<base>.+?)\s*,?\s*(?:but not|except(?: for)?|apart from|minus|without|excluding|"
                    r"and not|not)\s+(?P<out>.+)$")
_WITHOUT = re.compile(r"^(?:the )?(?:ones|options|answers|pairs|those) (?:without|that don'?t (?:have|mention|say)|"
                      r"not (?:about|with|mentioning)|that aren'?t about) (?P<out>.+)$")
_WITH = re.compile(r"^(?:the )?(?:(?P<count>two|three|both)(?: ones| options| answers| pairs)?|ones|options|answers|"
                   r"pairs) (?:with|about|"
                   r"that (?:have|mention|say)|mentioning) (?P<what>.+)$")
_RANGE = re.compile(r"^([a-h])\s*(?:-|–|to|through|thru|until|till)\s*([a-h])$")
_FIRST_N = re.compile(r"^(?:the )?(?P<end>first|top|last|bottom) (?P<n>two|three|four|five|six|[2-6])"
                      r"(?: ones?| options?| answers?)?$")
_RUN = re.compile(r"^[a-h]{2,8}$")
_NONE = re.compile(r"^(?:none|none of them|none of the above|nothing|neither)$")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\band\b|\bn\b|\bnd\b|\bor\b|\bnor\b|\balso\b|\bplus\b|\s)\s*")
_ONE_AFTER = re.compile(r"\b(first|second|third|fourth|fifth|sixth|last|[a-h]|\d) ones?\b")
_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_PLURAL = re.compile(r"\b(?:ones|options|answers|those|these|them|both|two|three|four|[2-4])\b")


def _letters(token: str) -> list[str] | None:
    """The letters of one token: 'c' -> [c], 'acd' -> [a, c, d] (a run of distinct letters)."""
    if re.fullmatch(r"[a-h]", token):
        return [token]
    if _RUN.match(token) and len(set(token)) == len(token):
        return list(token)
    return None


def _picks(tokens: list[str], options: tuple[Choice, ...]) -> list[str] | Intent | None:
    """Option ids for tokens that are all letters, numbers or ordinals; an Intent if one names no option."""
    picks = []
    for raw in tokens:
        x = raw.strip("()[]")
        letters = _letters(x)
        if letters:
            positions = [LETTERS.index(letter) + 1 for letter in letters]
        elif x.isdigit() or x in _NUMBERS:
            positions = [number_of(x)]
        elif x in _ORDINAL_WORDS:
            positions = [_ORDINAL_WORDS[x]]
        else:
            return None
        for n in positions:
            choice = by_position(options, n)
            if choice is None:
                return no_such(x, options)
            picks.append(choice.id)
    return list(dict.fromkeys(picks))


# "a and c... and d too", "b, oh and e as well": an added option keeps its place in the list.
_ADDED = re.compile(r"\b([a-h])\s+(?:too|as well|aswell|also|as well i think)\b")
_AFTERTHOUGHT = re.compile(r"(?:\s*(?:\.+|\boh\b|\bwait\b))+\s*(?=(?:and|plus|also|,)?\s*[a-h]\b)")


def _tidy(t: str) -> str:
    t = _AFTERTHOUGHT.sub(" and ", _ADDED.sub(r"\1", t))
    t = re.sub(r"^(?:just|only)\s+", "", t)
    t = re.sub(r"^(?:the )?(?:options?|answers?|letters?|numbers?)\s+", "", t)
    t = re.sub(r"\s+(?:ones?|options?)$", "", t)
    return _ONE_AFTER.sub(r"\1", t)  # "the first one and the third one": "one" is a number only on its own


def several(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """Shorthand for several options: 'a and c', 'ACD', 'a-d', 'all', 'all except b', 'first and third'."""
    m = _EXCEPT.match(re.sub(r"^(?:just|only)\s+", "", t))
    if m:  # before tidying: "everything except the jet ones" keeps its plural
        return _all_but(tuple(o.id for o in options), m.group("out"), options)
    m = _WITHOUT.match(t)
    if m:  # "the ones without the jet": every option but those the words name
        return _all_but(tuple(o.id for o in options), "ones " + m.group("out"), options)
    m = _WITH.match(t)
    if m:  # "the ones with the jet", "the two about 2016"
        found = named((m.group("count") or "") + " ones " + m.group("what"), options)
        return Intent("options", tuple(found)) if isinstance(found, list) else None
    t = _tidy(t)
    if _ALL.match(t):
        return Intent("options", tuple(o.id for o in options))
    if _NONE.match(t):
        return Intent("invalid", note="Choose at least one option: the ones that fit.")
    found = _range(t, options) or _first_n(t, options) or _listed(t, options)
    if found is not None:
        return found
    m = _MINUS.match(t)
    if m:  # "a to d but not b", "a-e except c"
        base = several(m.group("base"), options)
        if base and base.kind == "options" and len(base.value) >= 2:
            return _all_but(base.value, m.group("out"), options)
    return None


def _all_but(kept: tuple[str, ...], out: str, options: tuple[Choice, ...]) -> Intent | None:
    """The options in ``kept`` without those ``out`` names (by letter, number or their words)."""
    left = named(out, options)
    if isinstance(left, Intent) and left.kind == "invalid" and len(kept) < len(options):
        # "b, c and e but not f" with no option F: ruling out nothing loses nothing, but ask before storing
        letters = ", ".join(LETTERS[i].upper() for i, o in enumerate(options) if o.id in kept)
        return confirm(letters, "options", kept)
    if isinstance(left, Intent):
        return left if left.kind == "invalid" else None
    if not left:
        return None
    rest = tuple(i for i in kept if i not in left)
    return Intent("options", rest, negated=tuple(left)) if rest else None


def _range(t: str, options: tuple[Choice, ...]) -> Intent | None:
    m = _RANGE.match(t)
    if not m:
        return None
    lo, hi = sorted(LETTERS.index(g) for g in m.groups())
    if hi >= len(options):
        return no_such(LETTERS[hi], options)
    return Intent("options", tuple(o.id for o in options[lo: hi + 1]))


def _first_n(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """'the first four', 'the last two': a count from one end, never 'first' and 'four'."""
    m = _FIRST_N.match(t)
    if not m:
        return None
    n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS[m.group("n")]
    if n > len(options):
        return Intent("invalid", note=f"There are only {len(options)} options.")
    picked = options[:n] if m.group("end") in ("first", "top") else options[-n:]
    return Intent("options", tuple(o.id for o in picked))


def _listed(t: str, options: tuple[Choice, ...]) -> Intent | None:
    tokens = [x for x in _LIST_SPLIT.split(t) if x and x not in ("option", "options", "the", "ones")]
    if not tokens or any(x in ("to", "too", "for", "won") for x in tokens):
        return None
    found = _picks(tokens, options)
    if isinstance(found, list):
        return Intent("options", tuple(found))
    return found


def named(text: str, options: tuple[Choice, ...]) -> list[str] | Intent | None:
    """The options a phrase names: letters ('b and e'), or words ('the gao one', 'the two with the jet').

    Words name one option when they clearly fit one; a plural ('the jet ones', 'the two with the jet')
    names every option that has all the words, and a count must agree."""
    text = trim(text)
    found = several(text, options)
    if found is not None:
        return list(found.value) if found.kind == "options" else found
    count = next((n for w, n in _COUNTS.items() if re.search(rf"\b{w}\b", text)), None)
    plural = count is not None or bool(_PLURAL.search(text))
    if not plural:
        one = option_text(strip_lead_ins(text), options)
        return [one.value] if one and one.kind == "option" and one.confidence == "high" else None
    words = re.sub(r"\b(?:two|both|three|four|[2-4]|ones?|options?|answers?|those|these|them|with|the)\b", " ", text)
    matcher = matcher_for(options)
    terms = matcher.query_words(words)
    if not terms:
        return None
    hits = [o.id for o in options if all(o.id in matcher.ids_for_word(w) for w in terms)]
    if len(hits) < 2 or (count is not None and len(hits) != count):
        return None
    return hits


def _is_option_text(t: str, options: tuple[Choice, ...]) -> bool:
    """The message is (nearly) one option's own words, commas and all."""
    return any(fuzz.ratio(t, trim(fold(o.text))) >= WHOLE_TEXT_MIN for o in options)


def parse_multi(t: str, options: tuple[Choice, ...]) -> Intent | None:
    found = several(t, options)
    if found:
        return found
    single = option_text(t, options)
    parts = [p for p in re.split(r"\s*(?:,|;|\band\b|\balso\b|\bplus\b)\s*", t) if p]
    if len(parts) > 1 and not _is_option_text(t, options):
        each = [option_text(strip_lead_ins(p), options) for p in parts]
        if all(f and f.kind == "option" for f in each):
            return Intent("options", tuple(dict.fromkeys(f.value for f in each)))
        if any(f and f.kind == "option" for f in each) or (single and single.kind == "option"):
            # "the casualties one, the US one and the 2016 one": never store part of a list
            return Intent("invalid", note="I could not match every option you listed. Give their letters, like "
                                          "“a, c and d”, or tick them.")
    if single and single.kind == "option":
        return Intent("options", (single.value,))
    if single and single.kind == "confirm":
        c = single.candidates[0]
        return confirm(c.label, "options", (c.value,))
    return single
