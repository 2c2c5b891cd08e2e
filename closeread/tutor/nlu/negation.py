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
    r"(?:\s*(?:[,;.-]|\.\.\.)\s*(?:(?:it'?s|its|it is|more like|more of|rather|i'?d say|i think|but|just|only|instead)"
    r"\b)?"
    r"|\s+(?:but|just|only|rather|instead|more like)\b"
    r"|\s+(?P<its>it'?s|its|it is|that'?s)(?= (?:a |an |the |just |only )?\w))"
    r"\s*(?P<pos>.+)$"
)
# "no way it's contradicted", "not sure it's c": the negation is about the claim that follows, so "it's" does not
# start a separate answer there; it does after a negated answer ("not a contradiction it's a tension").
_SCOPE_ONLY = re.compile(r"^(?:\w+ )*?(?:not|no|never|don'?t|doesn'?t)\s+(?:way|sure|certain|really|convinced|think|"
                         r"know|believe|so sure|quite sure|say|mean|even sure)\b\W*$")
# "a tension, not a contradiction", "stated not contradicted", "a tension rather than a contradiction"
_CONTRAST_AFTER = re.compile(
    r"^(?P<pos>.+?)\s*(?:,|;|-|\.\.\.)?\s+(?:and )?(?:not|rather than|instead of|and not|but not)\s+(?P<neg>.{1,40})$"
)
# The part before a postposed "not" must say something itself: "it is not stated" is one negated clause.
_NO_CONTENT = re.compile(r"(?:^|\s)(?:it'?s|its|it|is|was|are|were|do|does|did|has|have|had|can|could|would|"
                         r"should|will|that'?s|that|this|they'?re|they|i'?m|i|i think|maybe|definitely|def|"
                         r"probably|so|just|really|certainly|clearly)$")
_NEGATED_MESSAGE = re.compile(
    r"^(?:i don'?t think|i doubt|i do not think|i'm not sure|i am not sure|not sure|no way|definitely not|"
    r"not|never|it'?s not|it is not|it isn'?t|its not|that'?s not|isn'?t|it can'?t be|can'?t be|it cannot be|"
    r"it wasn'?t|wasn'?t|not really|nah not|no not)\b"
)


def split_contrast(text: str) -> tuple[str, str] | None:
    """("not contradicted", "unsupported") for "it's not contradicted, just unsupported"; else None."""
    m = _CONTRAST.match(text)
    if not m:
        return _contrast_after(text)
    if m.group("its") and _SCOPE_ONLY.match(m.group("neg")):
        return None
    pos = m.group("pos").strip(" ,.;")
    if not pos or re.match(NEGATORS + r"\b", pos):
        return None
    return m.group("neg").strip(" ,.;"), pos


def _contrast_after(text: str) -> tuple[str, str] | None:
    """("not a contradiction", "a tension") for "a tension, not a contradiction"."""
    m = _CONTRAST_AFTER.match(text)
    if not m:
        return None
    pos, neg = m.group("pos").strip(" ,.;"), m.group("neg").strip(" ,.;")
    if not pos or _NO_CONTENT.search(pos) or re.search(NEGATORS + r"\b|n't\b", pos) or not neg:
        return None
    return "not " + neg, pos


def negated_at(text: str, start: int) -> bool:
    """Whether the word starting at ``start`` is negated by a word shortly before it, in the same clause."""
    before = re.split(r"[,;.!?]|\b(?:but|just|only|rather|so|because|since|which|therefore|thus|hence)\b",
                      text[:start])[-1]
    return bool(_NEG_BEFORE.search(before))


def starts_negated(text: str) -> bool:
    """"I don't think it's stated", "not A", "definitely not b"."""
    return bool(_NEGATED_MESSAGE.match(text))
