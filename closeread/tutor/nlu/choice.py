"""One option chosen from a few: by letter, number, its words, a verdict, or by ruling the others out.

Besides the option itself, a learner often adds a reason ("the congo one because congo isn't mali": the
reason is not read as an option), a conclusion ("i'd say tension so c"), a second thought ("c but
maybe a": two answers, so the tutor asks which), or answers a "Yes: …" / "No: …" option in its own
words ("no, they fit together").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..text import fold, stem, trim
from . import eliminate
from .model import Expect, Intent
from .negation import split_contrast, starts_negated
from .normalise import strip_lead_ins
from .options import candidate, option_text, positional, split_reason
from .roles import by_roles
from .sentences import QUOTATION
from .verdicts import Verdicts

RULE_OUT = "Tell me which option you choose, rather than one you rule out."
HAS_NEGATION = re.compile(r"\b(?:not|never|isn'?t|wasn'?t|no)\b|n't\b")
_SO = re.compile(r"^(?P<head>.+?)[ ,]+(?:so|therefore|which means|meaning|=>|->)\s+(?:it'?s |its |the answer is )?"
                 r"(?P<tail>[^ ]+(?: [^ ]+)?)$")
_SECOND_THOUGHT = re.compile(r"\s*,?\s*\bbut\b\s*(?:maybe|perhaps|possibly|also|then again|it could be|could be)?\s*|"
                             r"\s*,\s*(?:or )?(?:maybe|perhaps|possibly|could also be|might be)\s+")
_HEDGED_TAIL = re.compile(r"\s+(?:(?:could|might|may)\s+(?:also\s+)?(?:work|be (?:right|it|true|correct|the one))|"
                          r"(?:also\s+)?makes? sense|is (?:also )?(?:possible|plausible)|(?:also )?fits)"
                          r"(?: too| as well)?$|\s+too$|\s+as well$")


def one_option(t: str, expect: Expect) -> Intent | None:
    found = positional(t, expect.options)
    if found:
        return found
    if expect.scale:
        found = Verdicts(expect).read(t)
        if found:
            return found
    reason = split_reason(t)
    if reason:  # "the congo one because congo isn't mali": the answer comes before the reason
        found = one_option(reason[0], expect)
        if found and found.kind == "option" and found.confidence == "high":
            return found
    if HAS_NEGATION.search(t) and not expect.scale:
        return _negation_in_option(t, expect)  # "not the french one": never matched by the words it rules out
    found = option_text(t, expect.options)
    if (found is None or found.kind == "ambiguous") and not expect.scale:
        return by_roles(t, expect.options) or found  # "the french attacked the convoy": who did what to whom
    return found


_NEGATED = re.compile(r"\b(not|never|no|doesn'?t|don'?t|isn'?t|can'?t|didn'?t|won'?t)\s+(\w+)")


def _negation_in_option(t: str, expect: Expect) -> Intent | None:
    """'it never names the other countries': the negation is the option's own ("...never names one..."), so the
    message may name that option by its words; a negation no option has rules something out instead."""
    said = [(neg.replace("'", ""), stem(word)) for neg, word in _NEGATED.findall(t)]
    having = [o for o in expect.options
              if all(any(neg == a.replace("'", "") and stem(word) == stem(b) for a, b in _NEGATED.findall(fold(o.text)))
                     for neg, word in said)]
    if not said or not having:
        return None
    found = option_text(t, tuple(having)) if len(having) > 1 else Intent("option", having[0].id)
    return found if found and found.kind == "option" and found.confidence == "high" else None


def parse_choice(t: str, expect: Expect) -> Intent | None:
    lettered = re.match(r"[\(\[]?[a-h][.):\]]\s", t)  # "c. <words>": the letter and the words must agree
    close = [] if lettered else [c for c in expect.options if fuzz.ratio(t, trim(c.text.lower())) >= 85]
    if len(close) == 1:  # an option's own words, even if they contain "or" or "not"
        return Intent("option", close[0].id)
    found = _yes_no_in_words(t, expect) or _head_word(t, expect) or _quoted_option(t, expect)
    if found:
        return found
    if not expect.scale:
        found = _by_elimination(t, expect)
        if found:
            return found
    found = _either(t, expect) or _second_thought(t, expect)
    if found:
        return found
    return one_option(t, expect) or _conclusion(t, expect) or eliminate.several_at_once(t, expect.options)


def _quoted_option(t: str, expect: Expect) -> Intent | None:
    """"the one that says 'was said to'": words in quote marks found in one option's text name that option."""
    m = QUOTATION.search(t) if ("'" in t or '"' in t) and not expect.scale else None
    if not m:
        return None
    quoted = trim(m.group("q"))
    having = [o for o in expect.options if quoted in fold(o.text)]
    return Intent("option", having[0].id) if len(having) == 1 else None


def _either(t: str, expect: Expect) -> Intent | None:
    """'b or c': two answers, so ask which."""
    if not re.search(r"\bor\b", t):
        return None
    parts = [one_option(strip_lead_ins(p), expect) for p in re.split(r"\s*\bor\b\s*", t) if p.strip()]
    ids = list(dict.fromkeys(p.value for p in parts if p is not None and p.kind == "option"))
    if len(ids) >= 2 and len(ids) == len(parts):
        return _ask(ids, expect)
    return None


def _second_thought(t: str, expect: Expect) -> Intent | None:
    """'c but maybe a', 'i think c but b could work too': two answers, so ask which."""
    parts = [p for p in _SECOND_THOUGHT.split(t, maxsplit=1) if p.strip()]
    if len(parts) != 2:
        return None
    first = one_option(strip_lead_ins(parts[0]), expect)
    second = one_option(strip_lead_ins(_HEDGED_TAIL.sub("", parts[1])), expect)
    if first and second and first.kind == second.kind == "option" and first.value != second.value:
        return _ask([first.value, second.value], expect)
    return None


def _conclusion(t: str, expect: Expect) -> Intent | None:
    """'i'd say tension so c': the letter after "so" is the answer, unless the words before name another."""
    m = _SO.match(t)
    if not m:
        return None
    tail = positional(strip_lead_ins(m.group("tail")), expect.options)
    if not tail or tail.kind != "option":
        return None
    head = one_option(strip_lead_ins(m.group("head")), expect)
    if head and head.kind == "option" and head.confidence == "high" and head.value != tail.value:
        return _ask([tail.value, head.value], expect)
    return tail


def _ask(ids: list[str], expect: Expect) -> Intent:
    by_id = {c.id: c for c in expect.options}
    if expect.scale:
        return Verdicts(expect).ask(*ids)
    return Intent("ambiguous", candidates=tuple(candidate(by_id[i], expect.options) for i in ids))


def _yes_no_in_words(t: str, expect: Expect) -> Intent | None:
    """'no, they fit together' to options that start "Yes: …" and "No: …": the one that starts that way,
    when the words after it name that option too ("no idea" names none, so it is not "No: …")."""
    m = re.match(r"^(yes|yeah|yep|no|nope|nah)\b[ ,:;.!-]*(.*)$", t)
    if not m or not m.group(2):
        return None
    word = "yes" if m.group(1) in ("yes", "yeah", "yep") else "no"
    starting = [o for o in expect.options if o.text.lower().split(" ")[0].strip(",:;.") == word]
    if len(starting) != 1:
        return None
    rest = option_text(trim(m.group(2)), expect.options)
    if rest and rest.kind == "option" and rest.value == starting[0].id and rest.confidence == "high":
        return Intent("option", starting[0].id)
    return None


_HEAD = re.compile(r"^([a-z]{4,})[.:] ")
_HEAD_WORDS = 12
_HEAD_TYPO = 85


def _head_word(t: str, expect: Expect) -> Intent | None:
    """'nobody gave them', 'NOBODY lol the writer just says it': a message that starts with the one word an option
    opens with ("Nobody. The article states them …"), in a short message whose other words name no other option
    (when they do, "nobody from mali explained it", the tutor asks which was meant)."""
    words = t.split()
    if expect.scale or not words or len(words) > _HEAD_WORDS or len(words[0]) < 4:
        return None
    first = words[0].strip(",.!:;")
    heads = {o.id: m.group(1) for o in expect.options if (m := _HEAD.match(fold(o.text)))}
    having = [i for i, head in heads.items()
              if first == head or (len(first) >= 5 and fuzz.ratio(first, head) >= _HEAD_TYPO)]
    after = words[1] if len(words) > 1 else ""
    if len(having) != 1 or list(heads.values()).count(heads[having[0]]) > 1 or _NOT_AN_ANSWER.match(after):
        return None  # "nobody knows": no answer
    rest = trim(" ".join(words[1:]))
    other = option_text(rest, expect.options) if len(rest) >= 3 else None
    if other and other.kind == "option" and other.value != having[0] and other.confidence == "high":
        return _ask([having[0], other.value], expect)
    return Intent("option", having[0])


_NOT_AN_ANSWER = re.compile(r"know|knows|cares|idea|clue")


def _by_elimination(t: str, expect: Expect) -> Intent | None:
    """'not a, its b', 'not c or d', 'no' to a 'Yes: …' option; a rule-out we cannot read is never an answer."""
    found = eliminate.yes_no_option(t, expect.options)
    if found:
        return found
    split = split_contrast(t)
    if split:
        chosen = one_option(strip_lead_ins(split[1]), expect)
        if chosen and chosen.kind == "option":
            return chosen
    if HAS_NEGATION.search(t) or re.match(r"^(?:can'?t|cannot) be\b|^(?:anything|any|everything) (?:but|except)\b|"
                                          r"\b(?:rule out|cross out|eliminate)\b", t):
        found = eliminate.one(t, expect.options)
        if found:
            return found
    if starts_negated(t):
        return Intent("invalid", note=RULE_OUT)
    return None
