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

import functools
import re

from rapidfuzz import fuzz

from ..keywords import KeywordMatcher
from ..text import NUMBER_WORDS, ORDINALS, fold, trim
from .model import Candidate, Choice, Intent, confirm

LETTERS = "abcdefgh"
WHOLE_TEXT_MIN, WHOLE_TEXT_MARGIN = 85, 5
PREFIX_MIN_CHARS, PREFIX_MIN = 8, 90
KEYWORD_MIN, KEYWORD_MARGIN = 0.6, 0.2
FUZZY_MIN, FUZZY_MARGIN = 88, 10

_ORDINAL_WORDS = {**ORDINALS, "last": -1, "final": -1, "bottom": -1, "top": 1, "7th": 7, "8th": 8, "eigth": 8,
                  "secnd": 2, "seccond": 2,
                  "seconds": 2, "secound": 2, "penultimate": -2,
                  "thrid": 3, "forth": 4, "fouth": 4, "frist": 1, "fist": 1}
_NUMBERS = {**NUMBER_WORDS, "won": 1, "too": 2, "to": 2, "for": 4, "tree": 3}
_OPTION_WORD = r"(?:options?|opt|answers?|ans|choices?|letters?|numbers?|nr|no\.?|#)"
# A lone "y" or "n" is yes or no, not a letter past the options ("option y" still is).
_LETTER = re.compile(r"^(?:(?:just|only) )?(?:(?:" + _OPTION_WORD + r"\s*)(?:is\s+)?[\(\[]?([a-z])[\)\]]?|"
                     r"(?:is\s+)?[\(\[]?([a-mo-xz])[\)\]]?)$")
_LETTER_WITH_TEXT = re.compile(r"^[\(\[]?([a-h])(?:[.):\]-]|,(?= ))\s*(\S.*)$")
_LETTER_BECAUSE = re.compile(r"^(?:" + _OPTION_WORD + r"\s*)?[\(\[]?([a-h])[\)\]]?[ ,.:;-]+"
                             r"(?:because|since|as|cause|as the|coz|bc|the article|it says|french|german)\b")
_NUMBER = re.compile(r"^(?:" + _OPTION_WORD + r"\s*)?(?:number\s*)?#?(\d{1,2}|[a-z]+)(?: one| option)?$")
_ORDINAL = re.compile(r"^(?:the\s+)?(?:very\s+)?(\w+)(?:\s+(?:one|option|answer|choice|choise|opt|button|btn|box))?"
                      r"(?:\s+(?:one|on the list|in the list|down))?$")
# "b its a tension", "c the french one": a letter, then words that must agree with it (no punctuation between).
_LETTER_THEN_WORDS = re.compile(r"^[\(\[]?([a-h])[\)\]]?\s+(?!(?:or|and|to|through|thru|n|nd|&|-|–)\b)(\S.*)$")
_DOUBT = re.compile(r"\b(?:not|no|never|wrong|false|incorrect|could|maybe|might|also|too|either|neither|nor|"
                    r"isn'?t|wasn'?t|doesn'?t|can'?t|or|and)\b|n't\b|\?")
_REASON_START = re.compile(r"^(?:it'?s|its|it is|they|the article|it says|because|since|as|cause|coz|bc|cos)\b")
_TWO = re.compile(r"^(?:option |answer )?([a-h])\s*(?:or|and|,|/|&)\s*(?:option )?([a-h])$")
_NOT_LETTER = re.compile(r"^(?:not|definitely not|it's not|it isn't|its not|it is not|def not|not option|"
                         r"anything but|but not)\s+(?:option\s+)?[\(\[]?([a-h])[\)\]]?$")


@functools.lru_cache(maxsize=512)  # a question's options are the same every turn: index their words once
def matcher_for(options: tuple[Choice, ...]) -> KeywordMatcher:
    return KeywordMatcher({o.id: o.text for o in options})


def letter_range(options: tuple[Choice, ...]) -> str:
    return f"A to {LETTERS[len(options) - 1].upper()}" if len(options) > 1 else "A"


def by_position(options: tuple[Choice, ...], n: int) -> Choice | None:
    if n < 0:
        return options[n] if -n <= len(options) else None
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
        letter = next(g for g in m.groups() if g)
        idx = LETTERS.find(letter)
        choice = by_position(options, idx + 1) if idx >= 0 else None
        return Intent("option", choice.id) if choice else no_such(letter, options)
    m = _LETTER_WITH_TEXT.match(t)
    if m:
        return _letter_with_text(m.group(1), m.group(2), options)
    m = _LETTER_THEN_WORDS.match(t)
    if m and not _DOUBT.search(m.group(2)):
        return _letter_then_words(m.group(1), m.group(2), options)
    m = _NUMBER.match(t)
    if m and (m.group(1).isdigit() or (m.group(1) in _NUMBERS and (t != m.group(1) or m.group(1) in NUMBER_WORDS))):
        n = number_of(m.group(1))
        choice = by_position(options, n)
        return Intent("option", choice.id) if choice else no_such(str(n), options)
    m = _ORDINAL.match(_BEFORE_LAST.sub("penultimate", t))
    if (m and m.group(1) in _MIDDLE_WORDS or _IN_THE_MIDDLE.match(t)) and len(options) >= 3:
        return _middle(options)
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
    if m:  # "anything but a": ask among the others, never store what was ruled out
        left = [o for i, o in enumerate(options) if LETTERS[i] != m.group(1)]
        if len(left) == 1:
            return Intent("option", left[0].id, negated=(m.group(1),))
        return Intent("ambiguous", candidates=tuple(candidate(o, options) for o in left), negated=(m.group(1),))
    return None


# "2nd to last", "second from last", "next to last": the option before the last one.
_BEFORE_LAST = re.compile(r"^(?:the )?(?:(?:second|2nd|next) (?:to |from )?(?:the )?(?:last|bottom)|"
                          r"one before (?:the )?last)(?= |$)")
_MIDDLE_WORDS = frozenset({"middle", "centre", "center", "mid"})
_IN_THE_MIDDLE = re.compile(r"^(?:the )?(?:one|option|answer|choice|button) in the (?:middle|centre|center)$")


def _middle(options: tuple[Choice, ...]) -> Intent:
    """'the middle one': the one in the middle of an odd number of options; of an even number, ask between the
    two in the middle."""
    half = len(options) // 2
    if len(options) % 2:
        return Intent("option", options[half].id)
    return Intent("ambiguous", candidates=tuple(candidate(c, options) for c in options[half - 1:half + 1]))


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


def _letter_then_words(letter: str, rest: str, options: tuple[Choice, ...]) -> Intent | None:
    """The letter when the words after it name the same option or start a reason; ask when they name another."""
    choice = by_position(options, LETTERS.index(letter) + 1)
    if choice is None:
        return None
    by_text = option_text(trim(rest), options)
    if by_text and by_text.kind == "option" and by_text.confidence == "high":
        if by_text.value == choice.id:
            return Intent("option", choice.id)
        if letter == "a":  # "a drone strike on the convoy": the article "a", not option A
            return None
        other = next(o for o in options if o.id == by_text.value)
        return Intent("ambiguous", candidates=(candidate(choice, options), candidate(other, options)))
    if _REASON_START.match(rest):
        return Intent("option", choice.id)
    if letter == "a":  # "a russian attack": the article "a", whatever the words lean to
        return None
    scores = matcher_for(options).scores(rest)  # "d nobody gives them": the words lean to D and to no other
    best = max(scores.values(), default=0.0)
    if best > 0 and scores.get(choice.id, 0.0) == best and sum(v == best for v in scores.values()) == 1:
        return Intent("option", choice.id)
    return None


_REASON = re.compile(r"\s*,?\s*\b(?:because|since|cause|cuz|coz|cos|bc|given that|seeing as)\b")


def split_reason(t: str) -> tuple[str, str] | None:
    """('the congo one', 'congo isn't mali') for 'the congo one because congo isn't mali'."""
    m = _REASON.search(t)
    if not m or m.start() == 0:
        return None
    return trim(t[: m.start()]), trim(t[m.end():])


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
    matcher = matcher_for(options)
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
