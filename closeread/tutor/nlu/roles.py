"""Who did what to whom: "the french attacked the russian convoy" is option C, not A.

When several options use the same words in a different order ("Russian mercenaries attacked French
forces" / "French forces attacked a convoy of Russian mercenaries"), a bag of words cannot tell them
apart. Here the message is split at the verb it shares with the options, and each side is compared
with the same side of each option: the doer with the doer, the done-to with the done-to. A passive
("the russians were attacked by the french") is turned round first. Only one option may fit both
sides; a close call is confirmed, never stored.
"""

from __future__ import annotations

import re

from ..keywords import FILLER, SYNONYMS
from ..text import stem, words
from .model import Choice, Intent, confirm
from .options import candidate

_PASSIVE = re.compile(r"\b(?:was|were|got|get|gets|been|being|is|are)\s+(\w+)\s+by\b")
FULL, ENOUGH, MARGIN = 1.0, 0.5, 0.5


def _stems(ws: list[str]) -> set[str]:
    out = set()
    for w in ws:
        out.add(stem(w))
        out.update(stem(s) for s in SYNONYMS.get(w, ()))
    return out


def _content(ws: list[str]) -> list[str]:
    return [w for w in ws if w not in FILLER and not w.isdigit()]


def _cover(side: list[str], option_side: list[str]) -> float:
    """The share of the message side's content words found on the option's side."""
    wanted = _content(side)
    if not wanted:
        return 0.0
    have = _stems(option_side)
    return sum(stem(w) in have or bool(_stems([w]) & have) for w in wanted) / len(wanted)


def _pivot(message: list[str], texts: list[list[str]]) -> int | None:
    """The first word of the message shared by at least two options, with content words on both sides."""
    for i, w in enumerate(message):
        if w in FILLER or i == 0 or i == len(message) - 1:
            continue
        if sum(stem(w) in {stem(x) for x in t} for t in texts) >= 2 and _content(message[:i]) and _content(
                message[i + 1:]):
            return i
    return None


def by_roles(t: str, options: tuple[Choice, ...]) -> Intent | None:
    passive = _PASSIVE.search(t)
    message = words(t)
    texts = [words(o.text) for o in options]
    i = _pivot(message, texts)
    if i is None:
        return None
    left, right = message[:i], message[i + 1:]
    if passive and stem(passive.group(1)) == stem(message[i]):
        left, right = [w for w in right if w != "by"], left
    verb = stem(message[i])
    scores = []
    for text in texts:
        at = next((k for k, w in enumerate(text) if stem(w) == verb), None)
        if at is None:
            scores.append((0.0, 0.0))
            continue
        scores.append((_cover(left, text[:at]), _cover(right, text[at + 1:])))
    totals = [a + b for a, b in scores]
    best = max(totals)
    k = totals.index(best)
    runner_up = max((x for j, x in enumerate(totals) if j != k), default=0.0)
    if min(scores[k]) < ENOUGH or best - runner_up < MARGIN:
        return None
    if scores[k] == (FULL, FULL):
        return Intent("option", options[k].id)
    return confirm(candidate(options[k], options).label, "option", options[k].id)
