"""Verdict answers in the learner's own words: stated / not stated / supported / unsupported / contradicted.

Three layers, most certain first:

1. whole-message phrases ("not stated", "it says so", "no evidence", "they can't both be true");
2. "not X, just Y": the part after the contrast is the answer, the part before is ruled out;
3. cue words anywhere in the message, each checked for a negation before it
   ("it doesn't back that up" is *unsupported*, "not contradicted" rules
   contradicted out). A negated cue is never read as the thing negated: it maps
   to its opposite only where the scale has exactly one (not supported ->
   unsupported, not stated -> not stated), and the tutor confirms that reading
   first where the opposite is only a guess ("not unsupported" -> "Did you mean
   Supported?"). Two negations in one clause, a doubt ("not sure it's stated")
   and a "no" followed by a "stated" reading are asked about, never stored.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .model import MEDIUM, Candidate, Expect, Intent, confirm
from .negation import negated_at, split_contrast


def _rx(*alternatives: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$")


_IT = r"(?:(?:it|this|that|the article|the text|the author|the writer|they|he|the post|the blog)(?:'s| is)? )?"
PATTERNS: dict[str, re.Pattern] = {
    "stated": _rx(r"(?:it'?s |it is |is |its )?(?:clearly |definitely )?stated(?: in the (?:article|text))?",
                  _IT + r"(?:does |do )?(?:literally |actually |clearly )?(?:says?|states?|mentions?|writes?)"
                  r"(?: (?:so|it|that|this|exactly that|that exactly|it directly|it clearly|it in the text))?",
                  r"says so", r"it does(?: say(?: so)?)?",
                  r"(?:it'?s|it is|its) (?:in the (?:article|text)|(?:in )?there)",
                  r"in the (?:article|text)", r"(?:right )?in there",
                  r"(?:yes|yeah|yep|yup)?,? ?(?:it'?s |its |it is )?(?:right |literally |clearly )?(?:there|in there|"
                  r"in (?:the )?(?:article|text|section \w+|part \w+|paragraph \w+|s\d+))"
                  r"(?: (?:in|at) (?:section|part|paragraph) \w+)?",
                  r"(?:section|part|paragraph|s)\s?\d+ says (?:so|it|that|this)",
                  r"(?:yes|yeah|yep|yup|true|correct|right)(?: it'?s stated)?",
                  r"it'?s true", r"said", r"(?:yes|yeah|yep|true)[ ,]+" + _IT +
                  r"(?:says?|states?|mentions?)(?: (?:so|it|that|this))?", r"it'?s written(?: there)?",
                  r"written in the (?:article|text)", r"word for word"),
    "not-stated": _rx(r"(?:it'?s |it is )?not stated(?: in the (?:article|text))?",
                      _IT + r"(?:doesn'?t|does not|dont|never|didn'?t|did not) (?:actually |really )?"
                      r"(?:says?|states?|mentions?|talks? about)(?: (?:it|so|that|this|anything like that))?",
                      r"not (?:said|mentioned|in the (?:article|text)|there|in there)",
                      r"(?:it )?(?:isn'?t|is not|wasn'?t) (?:stated|said|mentioned)(?: anywhere)?",
                      r"unstated", r"no mention(?: of (?:it|that|this))?", r"nothing about (?:it|that|this)",
                      _IT + r"says nothing(?: about (?:it|this|that))?", r"nowhere(?: in the (?:article|text))?",
                      r"not in (?:it|there|the text)", r"it'?s not in the (?:article|text)",
                      r"(?:i )?(?:can'?t|couldn'?t|could not|cannot) find (?:it|that|this)(?: anywhere)?",
                      r"(?:it'?s |its )?not there"),
    "supported": _rx(r"(?:it'?s |it is |its )?(?:well |properly |"
        r"fully )?supported", r"(?:it'?s |it is )?backed(?: up)?",
                     r"(?:there'?s|there is|it has|has|with|it gives|they give) (?:evidence|support|a source|proof)",
                     r"(?:it'?s |it is )?sourced", r"yes", r"yeah", r"yep", r"yup", r"true", r"it'?s true",
                     r"correct", r"right"),
    "unsupported": _rx(r"(?:it'?s |it is |its )?unsupported", r"(?:it'?s |it is |its )?not supported",
                       r"(?:no|zero|0|hardly any|barely any|not any|not much|little|lacks?|lack of|missing) "
                       r"(?:any |real |actual |solid )?(?:support|evidence|source|sources|proof|backing|backup)"
                       r"(?: at all| whatsoever| given| provided| for (?:it|that|this))?",
                       r"without (?:any )?(?:support|evidence|a source|sources|proof)(?: at all)?",
                       r"(?:it'?s |it is |its )?not backed(?: up)?",
                       r"(?:it'?s |it is |its )?(?:just |only )?asserted(?: without support)?",
                       r"(?:it'?s |it is |its )?(?:unsourced|not sourced)",
                       _IT + r"(?:doesn'?t|does not|never) (?:say|show|tell(?: us)?) (?:where|how|who|why)\b.*",
                       _IT + r"(?:doesn'?t|does not|dont|never) say(?: so)?",
                       r"not stated", r"(?:it'?s |its )?just a claim", r"made up",
                       r"(?:it'?s |it is |its )?(?:just )?(?:an )?opinion"),
    "contradicted": _rx(r"(?:it'?s |it is |its )?contradict(?:ed|s|ion|ory)?"
                        r"(?: by the article| elsewhere| itself| it| each other| later)?",
                        _IT + r"contradicts (?:it|itself|this|that)",
                        _IT + r"says the (?:opposite|reverse)", r"(?:the )?opposite",
                        r"(?:it )?denies (?:it|this|that)", r"denied", r"inconsistent", r"(?:it )?clashes"),
}
# Cue words found anywhere: (pattern, option it points to, whether a negation before it flips it).
CUES: list[tuple[re.Pattern, str, bool]] = [
    (re.compile(p), oid, neg) for p, oid, neg in (
        (r"\b(?:can'?t|cannot|could not|couldn'?t) both be (?:true|right)\b", "contradicted", False),
        (r"\bboth (?:can'?t|cannot) be (?:true|right)\b", "contradicted", False),
        (r"\bnot both (?:true|right)\b", "contradicted", False),
        (r"\b(?:doesn'?t|don'?t|do not|does not) (?:match|add up|line up|fit)\b", "contradicted", False),
        (r"\bcontradict\w*", "contradicted", True),
        (r"\b(?:the )?(?:opposite|reverse)\b", "contradicted", True),
        (r"\bclash\w*|\bconflict\w*|\binconsistent\b|\bmismatch\w*|\bgoes against\b|\bsays otherwise\b", "contradicted",
         True),
        (r"\bsays? (?:that )?(?:\w+ ){0,2}(?:didn'?t|did not|never|wasn'?t|weren'?t|hasn'?t|haven'?t|"
         r"released no|gave no|had no)\b", "contradicted", False),
        (r"\b(?:changes?|changing) (?:its|the|their) story\b|"
         r"\bsays? (?:something|sth|smth) (?:totally |completely |very |quite |really )?(?:else|different)\b|"
         r"\b(?:a |the )?(?:totally |completely |very )?different (?:story|version|thing|account)\b|"
         r"\bsays? (?:it )?differently\b|\bsays? otherwise\b",
         "contradicted", True),
        (r"\bunsupported\b|\bunsourced\b|\bunbacked\b|\bunproven\b|\bno backing\b", "unsupported", True),
        (r"\bnothing (?:backs|backing|supports|supporting|to back|to support|proves|proving)\b", "unsupported", False),
        (r"\b(?:doesn'?t|does not|never|didn'?t|did not|won'?t) (?:give|provide|name|list|include|offer|cite|show|"
         r"gives|provides|names|lists|includes|offers|cites|shows)"
         r"(?: us)? (?:a |an |the |any )?(?:year|date|name|number|source|sources|evidence|proof|reason|reasons)\b",
         "not-stated", False),
        (r"\bjust (?:a claim|claims? it|says? it|asserts?|an assertion)\b|\bmade up\b|\bassert(?:ed|s|ion)?\b",
         "unsupported", False),
        (r"\b(?:zero|hardly any|barely any|lacks?|lack of|missing) (?:any )?"
         r"(?:evidence|proof|sources?|support|backing)\b", "unsupported", False),
        (r"\b(?:supported|support|supports|backed|backing|backs?(?: (?:it|that|this|them))? up|evidence|proof|proves?|"
         r"sourced|sources?|cites?|citation|references?)\b", "supported", True),
        (r"\bnot stated\b|\bunstated\b|\b(?:only|just) (?:says|mentions|talks about|gives|names|has|shows)\b"
         r"(?! (?:it|so|that)\b)|"
         r"\bno (?:year|date|name|mention)\b", "not-stated", False),
        (r"\b(?:stated|states?|says?|said|mentions?|mentioned|written|writes)\b|\bin the (?:article|text)\b|"
         r"\b(?:right )?there in (?:section|part|paragraph) \w+|\bit'?s in (?:section|part|paragraph|s)\s?\d+",
         "stated", True),
    )
]
# What ruling an option out leaves, per scale, when exactly one other reading is natural.
OPPOSITE = {
    "statement": {"stated": "not-stated"},
    "sentence": {"supported": "unsupported", "stated": "unsupported", "unsupported": "supported"},
}
PHRASES = {
    "stated": ("stated", "stated in the article", "it says so"),
    "not-stated": ("not stated", "not stated in the article", "it doesn't say", "not mentioned"),
    "supported": ("supported", "backed up"),
    "unsupported": ("unsupported", "not supported", "no evidence", "asserted without support"),
    "contradicted": ("contradicted", "contradiction", "contradicted elsewhere", "contradicts itself"),
}
FUZZY_MIN = 85
SHORT = {
    "stated": "Stated", "not-stated": "Not stated", "supported": "Supported", "unsupported": "Unsupported",
    "contradicted": "Contradicted",
}
LABELS = {
    "stated": "Stated: the article says it (with or without evidence)",
    "not-stated": "Not stated: the article never says it",
    "contradicted": "Contradicted: the article says the opposite somewhere",
    "supported": "Supported: the article backs it up",
    "unsupported": "Unsupported: the article asserts it without support",
}
_NEGATIVE = _rx(r"no", r"nope", r"nah", r"false", r"wrong", r"incorrect", r"not true", r"untrue", r"it'?s false",
                r"that'?s false", r"it'?s not true", r"it'?s wrong", r"no it doesn'?t", r"not really")
_DOUBLE_NEGATIVE = re.compile(r"\bnot not\b|\b(?:not|never|don'?t|doesn'?t|isn'?t|wasn'?t|can'?t)\b"
                              r"(?:\s+[^\s,;.!?]+){0,4}?"
                              r"\s+(?:not (?:stated|supported|true|there|mentioned|said)|unsupported|unstated|"
                              r"unsourced|untrue|no (?:evidence|proof|source))\b")
_UNSURE_OF = re.compile(r"^(?:i'?m |i am )?(?:not (?:sure|certain|convinced)|unsure|don'?t know|no idea)"
                        r"(?: (?:if|whether|that))?\s+(?=\w)")
# The learner's own "say" or "call" under a negation ("i wouldn't say it's contradicted") is their verdict negated,
# not the article's saying: read as "not <verdict>".
_WOULD_NOT_SAY = re.compile(r"^(?:(?:i|id|i'd) )?(?:wouldn'?t|would not|won'?t|don'?t|do not|'d not|d not) "
                            r"(?:really |exactly |necessarily |quite )?(?:say|call)"
                            r"(?: (?:it'?s|its|it is|it was|that'?s|that is|it|that|this|them))?(?: (?:a|an))?"
                            r"\s+(?=\w)")
_OTHER = {"supported": "unsupported", "unsupported": "supported", "stated": "not-stated", "not-stated": "stated",
          "contradicted": "stated"}
_POSITIVE = ("stated", "supported")
_NEGATIVE_START = re.compile(r"^(?:no|nope|nah|wrong|false|incorrect|not true|untrue|nonsense)\b[ ,.!-]+\w")
_UNDECIDED = re.compile(r"\b(?:kinda|kind of|sort of|sorta|half|partly|partially)\b.*\b(?:not|no)\b|"
                        r"\byes and no\b|\bboth\b.*\band neither\b")
_BARE_YES = _rx(r"yes", r"yeah", r"yep", r"yup", r"true", r"correct", r"right", r"it'?s true")
_VAGUE_SUPPORT = _rx(r"(?:it'?s |it is )?(?:unsupported|not supported)", r"no (?:evidence|support|source|proof)")
_STATED_ON_SENTENCE = _rx(r"(?:it'?s |it is )?stated", r"it says (?:so|it)", r"in the article", r"it does say(?: so)?")


# "rule out stated", "anything but contradicted" (and a cross emoji next to a verdict, see normalise)
_RULE_OUT = re.compile(r"^(?:rule out|ruling out|cross out|eliminate|anything but|anything except)\s+(?P<x>.+)$")


class Verdicts:
    """Read a verdict answer against one question's options."""

    def __init__(self, expect: Expect):
        self.expect = expect
        self.by_id = {o.id: o for o in expect.options}
        self.ids = [o.id for o in expect.options]

    def ask(self, *option_ids: str) -> Intent:
        return Intent("ambiguous", candidates=tuple(
            Candidate(LABELS.get(oid, self.by_id[oid].text), "option", oid) for oid in option_ids if oid in self.by_id
        ))

    def confirm(self, oid: str, negated: tuple[str, ...] = ()) -> Intent:
        found = confirm(LABELS.get(oid, self.by_id[oid].text), "option", oid)
        return Intent(found.kind, candidates=found.candidates, confidence=MEDIUM, negated=negated)

    def read(self, t: str) -> Intent | None:
        t = _WOULD_NOT_SAY.sub("not ", t)  # "i wouldn't call it contradicted" is "not contradicted"
        if _DOUBLE_NEGATIVE.search(t):  # "it's not not stated": two negations are never stored as either
            return self._both_readings(t)
        unsure = _UNSURE_OF.match(t)
        if unsure:  # "not sure it's stated": a doubt about one reading is not a vote for its opposite
            return self._doubt(t[unsure.end():])
        ruled = _RULE_OUT.match(t)
        if ruled:
            return self._rule_out(ruled.group("x"))
        found = self.whole(t) or self.contrast(t) or self.cues(t) or self.fuzzy(t)
        if _NEGATIVE_START.match(t) and (found is None or found.kind == "option" and found.value in _POSITIVE):
            # "no, the french never confirmed it", "nope the article says they didn't": not what the statement
            # says, so one of the negative readings; ask which rather than store a "stated"
            return self._negatives(found.value if found else None)
        if found and found.kind == "option" and _UNDECIDED.search(t):
            other = _OTHER.get(found.value) if found.value != "contradicted" else None
            if other in self.by_id:  # "kinda supported but also not really": both, so ask
                return self.ask(found.value, other)
        return found

    def _rule_out(self, named: str) -> Intent | None:
        """'rule out stated', '❌ contradicted': the other verdicts are left; with one left it is the answer."""
        out = self.whole(named)
        if not out or out.kind != "option":
            return None
        left = [oid for oid in self.ids if oid != out.value]
        if len(left) == 1:
            return Intent("option", left[0], negated=(out.value,))
        return Intent("ambiguous", candidates=self.ask(*left).candidates, negated=(out.value,))

    def _doubt(self, rest: str) -> Intent | None:
        found = self.whole(rest) or self.cues(rest)
        if not found or found.kind != "option":
            return None
        other = _OTHER.get(found.value)
        return self.ask(found.value, other) if other in self.by_id else self.confirm(found.value)

    def _both_readings(self, t: str) -> Intent | None:
        """Two negations in one clause: another clause may still say it plainly ("not unsupported, it backs it
        up"); otherwise ask, never store either reading."""
        rest = ", ".join(c for c in re.split(r"\s*[,;.!?]\s*", t) if c and not _DOUBLE_NEGATIVE.search(c))
        if rest:
            found = self.whole(rest) or self.cues(rest)
            if found and found.kind == "option":
                return found
        pairs = [("stated", "not-stated"), ("supported", "unsupported")]
        for yes, no in pairs:
            if yes in self.by_id and no in self.by_id:
                return self.ask(yes, no)
        return None

    def _negatives(self, said: str | None = None) -> Intent | None:
        """Ask among the negative readings (and the positive one the learner also named, if any)."""
        negatives = [oid for oid in ("not-stated", "unsupported", "contradicted") if oid in self.by_id]
        return self.ask(*([said] if said else []), *negatives) if len(negatives) >= 2 else None

    def whole(self, t: str) -> Intent | None:
        hits = [oid for oid in self.ids if oid in PATTERNS and PATTERNS[oid].match(t)]
        if len(hits) == 1 and _BARE_YES.match(t):
            return self.confirm(hits[0])  # "yes" does not answer "stated, not stated or contradicted?"
        if len(hits) == 1:
            return Intent("option", hits[0])
        negatives = [oid for oid in ("not-stated", "unsupported", "contradicted") if oid in self.by_id]
        if _NEGATIVE.match(t) and len(negatives) >= 2:
            return self.ask(*negatives)
        if "stated" in self.by_id and _VAGUE_SUPPORT.match(t):
            return self.ask("stated", "not-stated")
        if "supported" in self.by_id and _STATED_ON_SENTENCE.match(t):
            return self.ask("supported", "unsupported")
        if len(hits) > 1:
            return self.ask(*hits)
        return None

    def contrast(self, t: str) -> Intent | None:
        split = split_contrast(t)
        if not split:
            return None
        ruled_out, chosen = split
        found = self.whole(chosen) or self.cues(chosen)
        if found and found.kind == "option":
            out = self.whole(ruled_out)
            if out and out.kind == "option" and out.value == found.value:
                return None
            return Intent("option", found.value, negated=self._ruled_out(ruled_out))
        return None

    def _ruled_out(self, text: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(oid for oid, negated in self.cue_hits(text) if negated))

    def cue_hits(self, t: str) -> list[tuple[str, bool]]:
        """(option, negated) for each cue in the message, leftmost first; overlapping cues count once."""
        hits, taken = [], []
        for pattern, oid, flips in CUES:
            for m in pattern.finditer(t):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                taken.append((m.start(), m.end()))
                hits.append((m.start(), oid, flips and negated_at(t, m.start())))
        return [(oid, neg) for _, oid, neg in sorted(hits)]

    def cues(self, t: str) -> Intent | None:
        hits = self.cue_hits(t)
        if not hits:
            return None
        scale = self.expect.scale or "statement"
        chosen: list[str] = []
        ruled_out: list[str] = []
        for oid, negated in hits:
            target = oid
            if not negated and oid == "stated" and "stated" not in self.by_id:
                target = None  # "it says ..." alone does not tell supported from unsupported
            if oid == "not-stated" and scale == "sentence":
                target = "unsupported"
            if negated:
                ruled_out.append(oid)
                target = OPPOSITE.get(scale, {}).get(oid) if oid != "supported" or scale == "sentence" else None
                if oid == "stated" and scale == "sentence":
                    target = "unsupported"
            if target and target in self.by_id:
                chosen.append(target)
        chosen = list(dict.fromkeys(chosen))
        if {"stated", "contradicted"} <= set(chosen):  # "they say opposite things": saying the opposite
            chosen.remove("stated")
        ruled = tuple(dict.fromkeys(r for r in ruled_out if r not in chosen))
        if len(chosen) == 1:
            oid = chosen[0]
            only_by_negation = all(neg for o, neg in hits if OPPOSITE.get(scale, {}).get(o) == oid or o == oid) \
                and not any(o == oid and not neg for o, neg in hits)
            # "it never says so" and "I don't think it's stated" *are* not stated; "not unsupported" is only a
            # guess at supported
            if only_by_negation and oid == "supported":
                return self.confirm(oid, ruled)
            return Intent("option", oid, negated=ruled)
        if len(chosen) > 1:
            return self.ask(*chosen)
        left = [oid for oid in self.ids if oid not in ruled_out]
        if ruled_out and 1 < len(left) < len(self.ids):
            return Intent("ambiguous", candidates=self.ask(*left).candidates, negated=ruled)
        return None

    def fuzzy(self, t: str) -> Intent | None:
        phrases = [(p, oid) for oid in self.ids for p in PHRASES.get(oid, ())]
        if len(t) < 5:
            return None
        best = process.extract(t, [p for p, _ in phrases], scorer=fuzz.ratio, limit=3)
        good = {phrases[i][1] for _, score, i in best if score >= FUZZY_MIN}
        if len(good) == 1:
            return Intent("option", good.pop())
        return None
