"""Options named by letter, number, ordinal or their own words, one at a time or several at once.

Loose forms a learner types: "b", "B!!", "(c)", "option two", "answer number 2",
"the 2nd one", "second option", "the last one", "c because ...", "b. Russian
mercenaries ..." (the letter and its text must agree); for several options
"ACD", "a-d", "a to c", "all except b", "first and third". Option text is
matched exactly, with typos, by its first words or by its key words; a match
that rests only on loose similarity is a medium-confidence reading, which the
tutor confirms before storing.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..keywords import KeywordMatcher
from ..text import NUMBER_WORDS, ORDINALS, fold, trim
from .model import Candidate, Choice, Intent, confirm
from .normalise import strip_lead_ins

LETTERS = "abcdefgh"
WHOLE_TEXT_MIN, WHOLE_TEXT_MARGIN = 85, 5
PREFIX_MIN_CHARS, PREFIX_MIN = 8, 90
KEYWORD_MIN, KEYWORD_MARGIN = 0.6, 0.2
FUZZY_MIN, FUZZY_MARGIN = 88, 10

_ORDINAL_WORDS = {**ORDINALS, "last": -1, "final": -1, "bottom": -1, "top": 1, "7th": 7, "8th": 8, "eigth": 8,
                  "secnd": 2, "seccond": 2, "thrid": 3, "forth": 4, "fouth": 4, "frist": 1, "fist": 1}
_NUMBERS = {**NUMBER_WORDS, "won": 1, "too": 2, "to": 2, "for": 4, "tree": 3}
_OPTION_WORD = r"(?:options?|opt|answers?|ans|choices?|letters?|numbers?|nr|no\.?|#)"
_LETTER = re.compile(r"^(?:(?:just|only) )?(?:" + _OPTION_WORD + r"\s*)?(?:is\s+)?[\(\[]?([a-z])[\)\]]?$")
_LETTER_WITH_TEXT = re.compile(r"^[\(\[]?([a-h])[.):\]-]\s*(\S.*)$")
_LETTER_BECAUSE = re.compile(r"^(?:" + _OPTION_WORD + r"\s*)?[\(\[]?([a-h])[\)\]]?[ ,.:;-]+"
                             r"(?:because|since|as|cause|as the|coz|bc|the article|it says|french|german)\b")
_NUMBER = re.compile(r"^(?:" + _OPTION_WORD + r"\s*)?(?:number\s*)?#?(\d{1,2}|[a-z]+)(?: one| option)?$")
_ORDINAL = re.compile(r"^(?:the\s+)?(?:very\s+)?(\w+)(?:\s+(?:one|option|answer|choice|choise|opt))?"
                      r"(?:\s+(?:one|on the list|in the list|down))?$")
_TWO = re.compile(r"^(?:option |answer )?([a-h])\s*(?:or|and|,|/|&)\s*(?:option )?([a-h])$")
_NOT_LETTER = re.compile(r"^(?:not|definitely not|it's not|it isn't|its not|it is not|def not|not option|"
                         r"anything but|but not)\s+(?:option\s+)?[\(\[]?([a-h])[\)\]]?$")


def letter_range(options: tuple[Choice, ...]) -> str:
    return f"A to {LETTERS[len(options) - 1].upper()}" if len(options) > 1 else "A"


def by_position(options: tuple[Choice, ...], n: int) -> Choice | None:
    if n == -1:
        return options[-1] if options else None
    return options[n - 1] if 1 <= n <= len(options) else None


def candidate(choice: Choice, options: tuple[Choice, ...]) -> Candidate:
    letter = LETTERS[options.index(choice)].upper()
    return Candidate(f"{letter}. {choice.label or choice.text}", "option", choice.id)


def no_such(raw: str, options: tuple[Choice, ...]) -> Intent:
    if raw.isdigit():
        return Intent("invalid", note=f"There is no option {raw}: the options are 1 to {len(options)}.")
    return Intent("invalid", note=f"There is no option {raw.upper()}: the options are {letter_range(options)}.")


def number_of(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def positional(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """Letters, numbers and ordinals: 'b', 'option B', '2', 'option two', 'the second one', 'the last one'."""
    m = _LETTER.match(t) or _LETTER_BECAUSE.match(t)
    if m:
        idx = LETTERS.find(m.group(1))
        choice = by_position(options, idx + 1) if idx >= 0 else None
        return Intent("option", choice.id) if choice else no_such(m.group(1), options)
    m = _LETTER_WITH_TEXT.match(t)
    if m:
        return _letter_with_text(m.group(1), m.group(2), options)
    m = _NUMBER.match(t)
    if m and (m.group(1).isdigit() or (m.group(1) in _NUMBERS and t != m.group(1))):
        n = number_of(m.group(1))
        choice = by_position(options, n)
        return Intent("option", choice.id) if choice else no_such(str(n), options)
    m = _ORDINAL.match(t)
    if m and m.group(1) in _ORDINAL_WORDS:
        choice = by_position(options, _ORDINAL_WORDS[m.group(1)])
        if choice:
            return Intent("option", choice.id)
        return Intent("invalid", note=f"There are only {len(options)} options.")
    m = _TWO.match(t)
    if m:
        picks = [by_position(options, LETTERS.index(g) + 1) for g in m.groups()]
        if all(picks) and picks[0] != picks[1]:
            return Intent("ambiguous", candidates=tuple(candidate(c, options) for c in picks))
    m = _NOT_LETTER.match(t)
    if m:
        return Intent("invalid", note="Tell me which option you choose, rather than one you rule out.",
                      negated=(m.group(1),))
    return None


def _letter_with_text(letter: str, rest: str, options: tuple[Choice, ...]) -> Intent:
    """'b. Russian mercenaries attacked ...': the letter, unless its words clearly name another option."""
    choice = by_position(options, LETTERS.index(letter) + 1)
    if choice is None:
        return no_such(letter, options)
    by_text = option_text(trim(rest), options)
    if by_text and by_text.kind == "option" and by_text.value != choice.id and by_text.confidence == "high":
        other = next(o for o in options if o.id == by_text.value)
        return Intent("ambiguous", candidates=(candidate(choice, options), candidate(other, options)))
    return Intent("option", choice.id)


_YES_WORDS = {"yes", "yeah", "yep", "yup", "true"}
_NO_WORDS = {"no", "nope", "nah", "false"}


def option_text(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """Match an option by its text: exactly, with typos, by its first words, or by its key words."""
    texts = [trim(fold(o.text)) for o in options]
    exact = [o for o, text in zip(options, texts, strict=True) if t == text or t == trim(fold(o.label or ""))]
    if len(exact) == 1:
        return Intent("option", exact[0].id)
    for words_, start in ((_YES_WORDS, "yes"), (_NO_WORDS, "no")):
        if t in words_:
            starting = [o for o, text in zip(options, texts, strict=True) if text.split(" ")[0].strip(",:;.") == start]
            if len(starting) == 1:
                return Intent("option", starting[0].id)
    if len(t) < 3:
        return None
    return _by_similarity(t, options, texts)


def _pick(options: tuple[Choice, ...], scores: list[float], minimum: float, margin: float) -> Intent | None:
    best = max(scores)
    if best < minimum:
        return None
    close = [o for o, score in zip(options, scores, strict=True) if score >= best - margin]
    if len(close) == 1:
        return Intent("option", close[0].id)
    return Intent("ambiguous", candidates=tuple(candidate(c, options) for c in close))


def _by_similarity(t: str, options: tuple[Choice, ...], texts: list[str]) -> Intent | None:
    """Whole-text similarity, then the first words, then key words; loose similarity only as a confirm."""
    whole = _pick(options, [fuzz.ratio(t, text) for text in texts], WHOLE_TEXT_MIN, WHOLE_TEXT_MARGIN)
    if whole and whole.kind == "option":
        return whole
    if len(t) >= PREFIX_MIN_CHARS:
        prefix = [o for o, text in zip(options, texts, strict=True) if fuzz.ratio(t, text[: len(t)]) >= PREFIX_MIN]
        if len(prefix) == 1:
            return Intent("option", prefix[0].id)
    matcher = KeywordMatcher({o.id: o.text for o in options})
    scores = matcher.scores(t)
    if scores:
        found = _pick(options, [scores.get(o.id, 0.0) for o in options], KEYWORD_MIN, KEYWORD_MARGIN)
        if found:
            return found
    if whole or not matcher.query_words(t):
        return whole
    loose = _pick(options, [fuzz.WRatio(t, text) for text in texts], FUZZY_MIN, FUZZY_MARGIN)
    if loose and loose.kind == "option":
        choice = next(o for o in options if o.id == loose.value)
        return confirm(candidate(choice, options).label, "option", choice.id)
    return loose


# -- several options ---------------------------------------------------------------------------------------------
_ALL = re.compile(r"^(?:all(?: of them| of the above| the options| of those| four| 4| three| of it)?|"
    r"every (?:one|option)|"
                  r"everything|each one|all are right|they all are|all of em|the lot)$")
_EXCEPT = re.compile(r"^(?:all|every ?one|everything|every option|all of them|all options|all the options|"
                     r"all answers)(?: of them)?\s*(?:,\s*)?(?:except(?: for)?|but(?: not)?|apart from|besides|"
                     r"other than|minus|without|excluding|save)\s+(.+)$")
_RANGE = re.compile(r"^([a-h])\s*(?:-|–|to|through|thru|until|till)\s*([a-h])$")
_RUN = re.compile(r"^[a-h]{2,8}$")
_NONE = re.compile(r"^(?:none|none of them|none of the above|nothing|neither)$")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\band\b|\bn\b|\bnd\b|\bor\b|\balso\b|\bplus\b|\s)\s*")


def _picks(tokens: list[str], options: tuple[Choice, ...]) -> list[str] | Intent | None:
    """Option ids for tokens that are all letters, numbers or ordinals; an Intent if one names no option."""
    picks = []
    for raw in tokens:
        x = raw.strip("()[]")
        if re.fullmatch(r"[a-h]", x):
            n = LETTERS.index(x) + 1
        elif x.isdigit() or x in _NUMBERS:
            n = number_of(x)
        elif x in _ORDINAL_WORDS:
            n = _ORDINAL_WORDS[x]
        else:
            return None
        choice = by_position(options, n)
        if choice is None:
            return no_such(x, options)
        picks.append(choice.id)
    return list(dict.fromkeys(picks))


def several(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """Shorthand for several options: 'a and c', 'ACD', 'a-d', 'all', 'all except b', 'first and third'."""
    t = re.sub(r"^(?:just|only)\s+", "", t)
    t = re.sub(r"^(?:the )?(?:options?|answers?|letters?|numbers?)\s+", "", t)
    t = re.sub(r"\s+(?:ones?|options?)$", "", t)
    if _ALL.match(t):
        return Intent("options", tuple(o.id for o in options))
    if _NONE.match(t):
        return Intent("invalid", note="Choose at least one option: the ones that fit.")
    m = _EXCEPT.match(t)
    if m:
        left = several(m.group(1), options)
        if left and left.kind == "options":
            kept = tuple(o.id for o in options if o.id not in left.value)
            if kept:
                return Intent("options", kept, negated=tuple(left.value))
        return left if left and left.kind == "invalid" else None
    m = _RANGE.match(t)
    if m:
        lo, hi = sorted(LETTERS.index(g) for g in m.groups())
        if hi >= len(options):
            return no_such(LETTERS[hi], options)
        return Intent("options", tuple(o.id for o in options[lo: hi + 1]))
    if _RUN.match(t) and len(set(t)) == len(t):
        found = _picks(list(t), options)
        if isinstance(found, list):
            return Intent("options", tuple(found))
        return found
    tokens = [x for x in _LIST_SPLIT.split(t) if x and x not in ("option", "options", "the", "one", "ones")]
    if len(tokens) > 0 and all(x not in ("to", "too", "for", "won") for x in tokens):
        found = _picks(tokens, options)
        if isinstance(found, list):
            return Intent("options", tuple(found))
        if found is not None:
            return found
    return None


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
