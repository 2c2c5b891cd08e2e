"""Negation: what a learner rules out is never read as what they chose.

"not A", "not contradicted", "I don't think it's stated", "it's not
contradicted, just unsupported". :func:`split_contrast` separates "not X,
(but|just) Y" into the part ruled out and the part chosen; :func:`negated`
says whether a word is under a negation in its clause.
"""

from __future__ import annotations

import re

NEGATORS = r"(?:not|never|no|n't|isn't|wasn't|doesn't|don't|didn't|aren't|can't|cannot|won't|hardly|nor|neither)"
_NEG_BEFORE = re.compile(r"(?:\b(?:not|never|no|hardly|nor|neither|cannot|without|nothing|nobody|none|nowhere)\b|"
                         r"n't\b)(?:\s+\S+){0,4}\s*$")
_CONTRAST = re.compile(
    r"^(?P<neg>(?:it'?s |it is |that'?s |its |i'?d say |i think |i don'?t think |probably |maybe |definitely )?"
    r"(?:not|never|isn'?t|wasn'?t|doesn'?t|don'?t|no)\b.*?)"
    r"(?:\s*(?:[,;.-]|\.\.\.)\s*(?:(?:it'?s|its|it is|more like|rather|i'?d say|i think|but|just|only|instead)\b)?"
    r"|\s+(?:but|just|only|rather|instead|more like)\b)\s*(?P<pos>.+)$"
)
_NEGATED_MESSAGE = re.compile(
    r"^(?:i don'?t think|i doubt|i do not think|i'm not sure|i am not sure|not sure|no way|definitely not|"
    r"not|never|it'?s not|it is not|it isn'?t|its not|that'?s not|isn'?t|it can'?t be|can'?t be|it cannot be|"
    r"it wasn'?t|wasn'?t|not really|nah not|no not)\b"
)


def split_contrast(text: str) -> tuple[str, str] | None:
    """("not contradicted", "unsupported") for "it's not contradicted, just unsupported"; else None."""
    m = _CONTRAST.match(text)
    if not m:
        return None
    pos = m.group("pos").strip(" ,.;")
    if not pos or re.match(NEGATORS + r"\b", pos):
        return None
    return m.group("neg").strip(" ,.;"), pos


def negated_at(text: str, start: int) -> bool:
    """Whether the word starting at ``start`` is negated by a word shortly before it, in the same clause."""
    before = re.split(r"[,;.!?]|\bbut\b|\bjust\b|\bonly\b|\brather\b", text[:start])[-1]
    return bool(_NEG_BEFORE.search(before))


def starts_negated(text: str) -> bool:
    """"I don't think it's stated", "not A", "definitely not b"."""
    return bool(_NEGATED_MESSAGE.match(text))
