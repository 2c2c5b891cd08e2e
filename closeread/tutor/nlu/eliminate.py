"""Options ruled out: "not A", "not c or d", "not b, not c... d", "not b and not e, the rest are right".

A learner often answers by elimination. What they rule out is never read as
what they chose: each clause of the message is either a rule-out (it starts
with a negation: "not", "can't be", "it's not", "I don't think") or a choice
(a letter, a number, an ordinal, or a few words that clearly name one option).
Reasons ("mercenaries don't always work in secret") are neither and are left
alone. Then, for one option: the one chosen; or, when nothing is chosen and
exactly one option is left, that one; when several are left, the tutor asks
which. For several options: the ones chosen, or "the rest" / "the others".
"""

from __future__ import annotations

import re

from .model import Candidate, Choice, Intent
from .normalise import strip_lead_ins
from .options import LETTERS, candidate, option_text, positional
from .several import named, several

_CLAUSES = re.compile(r"\s*(?:[,;!?]|\.{2,}|\.(?=\s|$)|\s-\s|\bbut\b|\bso\b|\bbecause\b|\bcoz\b|\bsince\b)\s*")
_NEGATOR = re.compile(
    r"^(?:(?:i )?(?:really )?(?:don'?t|do not) think(?: it'?s| its| it is)?|(?:it )?(?:can'?t|cannot|couldn'?t) be|"
    r"(?:it'?s|its|it is|that'?s|definitely|def|certainly|surely|probably) not|(?:it )?isn'?t|not|never|neither|"
    r"no(?! idea)|"
    r"nope|anything but|rule out|ruling out|cross out|eliminate)\b[ ,:]*(?:(?:option|answer|letter)s?\s+)?"
)
# "no" or "nope" followed by a clause with its own verb states something; "no b" / "nope, not c" rules out.
_A_STATEMENT = re.compile(r"^(?:no|nope)\s+(?!(?:not|option|answer|letter)\b)\w+(?:\s+\w+)*\s+"
                          r"(?:is|are|was|were|has|have|had|does|do|did|says?|said|gets?|got|named|mentioned|given|"
                          r"shown)\b")
_REST = re.compile(r"\b(?:the )?(?:rest|others|other ones|everything else|all the others|all others|remaining ones?)\b")
# "a, b, and d": the word that joins a list item to the one before it.
_JOINED = re.compile(r"^(?:and|or|also|plus|oh and|and also)\s+")
_LETTER = re.compile(r"(?:^|\s)[a-h](?:$|\s)")
_SHORT_CHOICE = 5  # a choice clause named by words must be this short: longer ones are reasons


def _ruled(rest: str, options: tuple[Choice, ...]) -> list[str]:
    """The options a negated clause rules out: 'c or d', 'a and not c', 'the french one'."""
    rest = re.sub(r"\b(?:not|nor|neither|either)\b", " ", rest).strip()
    found = several(rest, options)
    if found and found.kind == "options":
        return list(found.value)
    listed = named(rest, options)  # "not the jet ones": every option the words name
    if isinstance(listed, list) and len(listed) > 1:
        return listed
    one = positional(rest, options) or option_text(rest, options)
    return [one.value] if one and one.kind == "option" and one.confidence == "high" else []


def _chosen(clause: str, options: tuple[Choice, ...]) -> list[str]:
    t = _JOINED.sub("", strip_lead_ins(clause))
    if not t:
        return []
    found = positional(t, options)
    if found and found.kind == "option":
        return [found.value]
    found = several(t, options)
    if found and found.kind == "options" and re.fullmatch(r"[a-h\s,&/+]+|[a-h]+(?: and [a-h])*|"
                                                          r"[a-h]\s*(?:-|–|to|through|thru)\s*[a-h]", t):
        return list(found.value)
    if len(t.split()) <= _SHORT_CHOICE:
        found = option_text(t, options)
        if found and found.kind == "option" and found.confidence == "high":
            return [found.value]
    return []


def read(t: str, options: tuple[Choice, ...]) -> tuple[list[str], list[str], bool] | None:
    """(chosen, ruled out, "the rest" said) for a message that rules something out, else None."""
    chosen: list[str] = []
    ruled: list[str] = []
    rest = False
    for clause in (c for c in _CLAUSES.split(t) if c and c.strip()):
        clause = strip_lead_ins(clause.strip())
        m = _NEGATOR.match(clause)
        if m and _A_STATEMENT.match(clause):
            continue  # "no other country is named": a reason, not a rule-out
        if m:
            out = _ruled(clause[m.end():], options)
            ruled += out
            if not out and re.search(r"\bnot\b", clause):
                return None  # "not really sure": not a rule-out we can read
        elif _REST.search(clause):
            rest = True
        else:
            picked = _chosen(clause, options)
            if not picked and _LETTER.search(clause):
                return None  # "a, b, c, and d but not e": a clause with a letter that is not read loses an option
            chosen += picked
    if not ruled:
        return None
    return list(dict.fromkeys(chosen)), list(dict.fromkeys(ruled)), rest


def one(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """One option, by elimination or by the choice that follows the rule-out."""
    found = read(t, options)
    if found is None:
        return None
    chosen, ruled, _ = found
    chosen = [c for c in chosen if c not in ruled]
    if len(chosen) == 1:
        return Intent("option", chosen[0], negated=tuple(ruled))
    left = chosen or [o.id for o in options if o.id not in ruled]
    if len(left) == 1:
        return Intent("option", left[0], negated=tuple(ruled))
    if not left:
        return Intent("invalid", note="That rules out every option. Which one do you choose?")
    by_id = {o.id: o for o in options}
    return Intent("ambiguous", candidates=tuple(candidate(by_id[i], options) for i in left), negated=tuple(ruled))


def many(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """Several options: the ones chosen, or all but the ones ruled out when the learner says "the rest"."""
    found = read(t, options)
    if found is None:
        return None
    chosen, ruled, rest = found
    if rest:
        chosen = [o.id for o in options if o.id not in ruled]
    chosen = [c for c in chosen if c not in ruled]
    if chosen:
        return Intent("options", tuple(chosen), negated=tuple(ruled))
    left = tuple(o.id for o in options if o.id not in ruled)
    only_ruled = all(_NEGATOR.match(strip_lead_ins(c.strip())) for c in _CLAUSES.split(t) if c and c.strip())
    # "not e": perhaps every other one, but only the learner can say
    if left and len(left) < len(options) and only_ruled:
        letters = ", ".join(LETTERS[i].upper() for i, o in enumerate(options) if o.id in left)
        return Intent("confirm", candidates=(Candidate(f"All the others: {letters}", "options", left),),
                      confidence="medium", negated=tuple(ruled))
    return None


def yes_no_option(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """A bare "no" to options that start "Yes: …": it rules that one out (and "yes" picks it)."""
    word = {"no": "no", "nope": "no", "nah": "no", "yes": "yes", "yeah": "yes", "yep": "yes"}.get(t)
    if word is None:
        return None
    starts = {o.id: o.text.lower().split(" ")[0].strip(",:;.") for o in options}
    yes = [oid for oid, w in starts.items() if w == "yes"]
    if word == "yes":
        return Intent("option", yes[0]) if len(yes) == 1 else None
    if len(yes) != 1:
        return None
    left = [o for o in options if o.id != yes[0]]
    if len(left) == 1:
        return Intent("option", left[0].id)
    return Intent("ambiguous", candidates=tuple(candidate(o, options) for o in left), negated=(yes[0],))


def several_at_once(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """'a b or d', 'between a and d', 'd? b?': two or more letters for a one-answer question, so ask which."""
    t = re.sub(r"^(?:between|either|maybe|it'?s)\s+", "", re.sub(r"[?!]", " ", t)).strip()
    if not re.fullmatch(r"(?:\(?[a-h]\)?(?:\s*(?:,|/|&|\bor\b|\band\b|\s)\s*)?){2,8}", t):
        return None
    letters = list(dict.fromkeys(re.findall(r"\b[a-h]\b", t)))
    if len(letters) < 2 or any(LETTERS.index(x) >= len(options) for x in letters):
        return None
    return Intent("ambiguous", candidates=tuple(
        Candidate(candidate(options[LETTERS.index(x)], options).label, "option", options[LETTERS.index(x)].id)
        for x in letters))
