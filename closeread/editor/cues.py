"""The lesson editor's draft helper: ledger labels suggested from cues in the text.

A teacher building a lesson from their own article sees, next to each sentence, the labels these cues
suggest, with the cue highlighted; they accept or dismiss each one, and nothing is labelled without
them. Pure: plain ``(id, text)`` pairs in, :class:`Suggestion` objects out; no Flask, no database.

Six kinds of cue, each mapped to the label a teacher gives such a sentence (``KINDS``):

* **hedge**: words that mark a guess (“likely”, “could”, “suggest”, “said to”, “may”) → ``hedged``;
* **vague-attribution**: a source nobody could check (“some commentators”, “an official”, “reports
  suggest”, “was said to”, “concern among Western powers”) → ``vague-attribution``;
* **unsourced-number**: a figure (not a date) in a sentence that names no source for it →
  ``unsupported``;
* **unattributed-quote**: words in quotation marks with no named speaker → ``vague-attribution``;
* **unkept-promise**: “we will explain why” with no later sentence that gives a reason and says whose
  it is (or “we will look at X” with no later sentence about X) → ``structural``;
* **repetition**: a sentence that says again what an earlier one said (rapidfuzz's token-set ratio of
  their content words) → ``structural``.

Rules, not a language model: each cue is a phrase a teacher can see and a reason in one plain
sentence, and the same text always gets the same suggestions. The cue lists are general English
vocabularies of hedging and attribution, never phrases of one article; ``make cue-report`` measures
them against the two shipped lessons' ledgers (README, "Draft helper").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..content.model import LEDGER_LABELS

KINDS = {  # kind of cue -> the ledger label it suggests
    "hedge": "hedged",
    "vague-attribution": "vague-attribution",
    "unsourced-number": "unsupported",
    "unattributed-quote": "vague-attribution",
    "unkept-promise": "structural",
    "repetition": "structural",
}
assert set(KINDS.values()) <= set(LEDGER_LABELS), "every kind suggests a known ledger label"

REPEAT_MIN_RATIO = 90  # token-set ratio (0-100) of two sentences' content words
REPEAT_MIN_SHARED = 5  # content words both sentences share: a short sentence is never "a repeat" by accident


@dataclass(frozen=True)
class Suggestion:
    sentence: str  # sentence id, e.g. "s4"
    label: str  # a key of content.model.LEDGER_LABELS
    cue: str  # the exact text in the sentence that triggered it (text[start:end] == cue)
    start: int
    end: int
    kind: str  # a key of KINDS
    reason: str  # one plain sentence for the teacher


Pairs = Sequence[tuple[str, str]]

# -- vocabularies ------------------------------------------------------------------------------------------------
_APOS = "[’']"
_HEDGE = re.compile(
    r"""\b(?:
        (?:un)?likely | probably | possibly | perhaps | maybe | potentially | presumably | supposedly
      | seemingly | apparently | reportedly | allegedly | purportedly | arguably
      | could(?!\s+not\b|n[’']t) | might(?!\s+not\b|n[’']t)
      | suggest(?:s|ed|ing)?
      | (?:said|believed|thought|rumou?red|alleged|expected|understood|reported)\s+to
      | (?:seems?|seemed|appears?|appeared)\s+to
      | (?:the\s+)?possibility(?:\s+that)?
      | it\s+is\s+(?:possible|thought|believed|feared)
    )\b""",
    re.I | re.X,
)
_MAY = re.compile(r"\bmay\b(?!\s+not\b)")  # lower case only: "May" is also a month

_PEOPLE = (r"(?:commentators|critics|observers|analysts|experts|officials|sources|insiders|people|parents|residents"
           r"|students|teachers|scientists|researchers|economists|diplomats|witnesses|locals|voters|reports|studies"
           r"|media)")
_ONE_SOURCE = (r"(?:official|spokes(?:man|woman|person)|source|expert|insider|analyst|observer|diplomat|aide"
               r"|commentator|critic|witness)")
_VIEW = (r"(?:say|says|said|saying|believe[sd]?|warn(?:s|ed)?|claim(?:s|ed)?|suggest(?:s|ed)?|argue[sd]?|agree[sd]?"
         r"|think|thinks|fear(?:s|ed)?|worr(?:y|ies|ied)|insist(?:s|ed)?|report(?:s|ed)?)")
_WORDS = r"(?:[a-z-]+\s+)"  # (with re.I) a run of plain words: no digits, no punctuation between
_VAGUE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:who\s+asked\s+not\s+to\s+be\s+named|on\s+(?:the\s+)?condition\s+of\s+anonymity"
                r"|(?:people|sources)\s+(?:familiar\s+with|close\s+to)"
                r"|according\s+to\s+(?:some|many|reports|sources|experts|officials|critics|analysts|observers)"
                r"|reportedly|allegedly)\b", re.I),
     "“{cue}”: the source is kept unnamed, so a reader cannot check it."),
    (re.compile(rf"\b(?:some|many|several|most|certain|other|various|numerous|unnamed|anonymous)\s+{_WORDS}{{0,2}}?"
                rf"{_PEOPLE}\b", re.I),
     "“{cue}” does not say who: nobody a reader could check is named."),
    (re.compile(rf"\b(?:an?|one)\s+{_WORDS}{{0,3}}?{_ONE_SOURCE}\b(?!\s*,\s*(?-i:[A-Z][a-z]+\s+[A-Z]))", re.I),
     "“{cue}” is not named, so a reader cannot check who said it."),
    (re.compile(rf"\b{_PEOPLE}\s+{_WORDS}{{0,4}}?{_VIEW}\b", re.I),
     "“{cue}” gives a view to a group with no name: who exactly?"),
    (re.compile(r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:said|reported|believed|thought"
                r"|rumou?red|alleged|expected|understood|claimed)\b(?!\s+by\b)", re.I),
     "“{cue}” hides who says so: the sentence names no one."),
    (re.compile(rf"\b(?:concerns?|worr(?:y|ies)|fears|alarm|anger|criticism|distrust|unease|suspicion)\s+"
                rf"(?:among|from|in)\s+(?:the\s+)?{_WORDS}{{0,2}}?(?:powers|nations|countries|governments|capitals"
                rf"|community|leaders|allies|observers|experts|critics|officials|circles)\b", re.I),
     "“{cue}” gives a feeling to a group with no name: who exactly?"),
    (re.compile(rf"\b(?:the\s+West|the\s+international\s+community|Western\s+(?:powers|nations|governments|capitals"
                rf"|leaders|officials|countries))\s+{_WORDS}{{0,3}}?(?:concerned|worried|alarmed|fear(?:s|ed)?"
                rf"|believe[sd]?|says?|said|warn(?:s|ed)?|suspect(?:s|ed)?)\b", re.I),
     "“{cue}” gives a view to a group with no name: who exactly?"),
)

_SMALL = (r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
          r"|eighteen|nineteen")
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_FIGURE = (r"(?<![\w-])\d(?:[\d,.]*\d)?"
           rf"|\b(?:(?:{_TENS})(?:-(?:one|{_SMALL}))?|{_SMALL}|hundreds?|thousands?|millions?|billions?|dozens?)\b")
# A figure, with its "percent" or its "out of ten" so the whole measure is highlighted.
_NUMBER = re.compile(rf"(?:{_FIGURE})(?:\s*%|\s+(?:percent|per\s+cent)\b|\s+out\s+of\s+(?:{_FIGURE}))?", re.I)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b|(?<![\w-])(?:1[5-9]|20)\d\d(?:s)?\b")
_SOURCE_NOUN = re.compile(
    r"\baccording\s+to\b|\b(?:figures|data|statistics|numbers|estimates|records|results)\s+(?:from|by|released"
    r"|published|compiled)\b|\b(?:survey|poll|study|census|report|reports|records|database)\b",
    re.I,
)
# Lower case: "States" in "the United States" is a name, not a verb.
_SPEECH = re.compile(r"\b(?:says|said|saying|say|told|tells|stated|stating|announced|reported|estimated|estimates"
                     r"|wrote|writes|counted|explained|explains)\b")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|be)\s+$", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()“”\"—–]")

_QUOTE_OPEN, _QUOTE_CLOSE = "“", "”"
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they)\s+(?:said|says|added|adds|told|wrote|explained|asked)\b"
                              r"|\b(?:said|says|added|adds|wrote|explained|asked)\s+(?:he|she|they)\b", re.I)

_PROMISE = re.compile(
    rf"\b(?:we|I|this\s+(?:blog\s+)?(?:post|article|piece|story|report))"
    rf"(?:\s+will|{_APOS}ll|\s+shall|\s+(?:are|am|is)\s+going\s+to)?\s+(?:now\s+)?"
    r"(?P<verb>explains?|show|shows|reveals?|tells?\s+you|look\s+at|looks\s+at|discuss(?:es)?|covers?|examines?"
    r"|explores?|answers?|proves?|find\s+out)\b(?P<topic>[^.!?:;]*)"
    rf"|\b(?:here{_APOS}s|here\s+is|find\s+out|read\s+on\s+to\s+(?:find\s+out|learn|see))\s+(?:why|how|what)\b",
    re.I,
)
_TOPIC_VERBS = re.compile(r"look|discuss|cover|examine|explore", re.I)
_REASON = re.compile(r"\b(?:because|reasons?|due\s+to|owing\s+to|(?:that|this|which)\s+is\s+why|as\s+a\s+result"
                     r"|led\s+to|caused|explains?)\b", re.I)
_STOP_WORDS = (
    "a an the and or but of in on at to for with by from as is are was were be been being has have had it its this "
    "that these those there their which who whom will would can could may might also than then so such not no into "
    "over about after before while when what why how we our you your he she they his her them"
)
_STOP = frozenset(_STOP_WORDS.split())


# -- the kinds ---------------------------------------------------------------------------------------------------
def _suggest_at(sid: str, text: str, start: int, end: int, kind: str, reason: str) -> Suggestion:
    return Suggestion(sid, KINDS[kind], text[start:end], start, end, kind, reason)


def _hedges(sentences: Pairs) -> Iterator[Suggestion]:
    for sid, text in sentences:
        found = [m for m in (_HEDGE.search(text), _MAY.search(text)) if m]
        if found:
            m = min(found, key=lambda m: m.start())
            yield _suggest_at(sid, text, m.start(), m.end(), "hedge",
                              f"“{m.group(0)}” is a hedge: the writer guesses rather than reports.")


def _vague_attributions(sentences: Pairs) -> Iterator[Suggestion]:
    for sid, text in sentences:
        found = [(m, reason) for pattern, reason in _VAGUE if (m := pattern.search(text))]
        if found:
            m, reason = min(found, key=lambda f: f[0].start())
            yield _suggest_at(sid, text, m.start(), m.end(), "vague-attribution", reason.format(cue=m.group(0)))


def _numbers(text: str) -> list[re.Match[str]]:
    """Figures in the text, leaving out dates (years, "August 14") and names like "Su-24"."""
    dates = [(d.start(), d.end()) for d in _DATE.finditer(text)]
    return [m for m in _NUMBER.finditer(text) if not any(s <= m.start() < e for s, e in dates)]


def _speaker_verbs(text: str, numbers: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """Speech verbs that name a source: not passive ("was said to"), and not said by the people counted
    ("nine out of ten students say": the figure's source is whoever counted them, and that is not named)."""
    for verb in _SPEECH.finditer(text):
        before = text[: verb.start()]
        if _PASSIVE.search(before):
            continue
        if any(n.end() <= verb.start() and not _CLAUSE_BREAK.search(text[n.end(): verb.start()]) for n in numbers):
            continue
        yield verb


def has_source(text: str) -> bool:
    """Does the sentence say where its claim comes from ("according to", "figures from", "the office says")?"""
    return bool(_SOURCE_NOUN.search(text)) or any(_speaker_verbs(text, _numbers(text)))


def _unsourced_numbers(sentences: Pairs) -> Iterator[Suggestion]:
    for sid, text in sentences:
        numbers = _numbers(text)
        if numbers and not has_source(text):
            m = numbers[0]
            yield _suggest_at(sid, text, m.start(), m.end(), "unsourced-number",
                              f"“{m.group(0)}” is a figure, and the sentence does not say where it comes from.")


def _quote_spans(text: str, continues: bool) -> tuple[list[tuple[int, int]], bool]:
    """The quoted spans (with their marks) and whether a quotation is still open at the end.

    Curly marks say which way they face; straight ones alternate. ``continues``: the sentence starts
    inside a quotation opened in an earlier sentence.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = 0 if continues else None
    for i, ch in enumerate(text):
        closes = ch == _QUOTE_CLOSE or (ch == '"' and opened is not None)
        if closes and opened is not None:
            spans.append((opened, i + 1))
            opened = None
        elif ch == _QUOTE_OPEN or ch == '"':
            opened = i
    if opened is not None:
        spans.append((opened, len(text)))
    return spans, opened is not None


def _capitalised(text: str) -> Iterator[tuple[str, bool]]:
    """Each capitalised word but "I", and whether its place shows it is a name: not the first word of a
    clause, or followed by another capitalised word, or taking "’s"."""
    words = list(_WORD.finditer(text))
    for n, w in enumerate(words):
        word = w.group(0)
        if not word[0].isupper() or word == "I":
            continue
        clause_start = n == 0 or re.search(r"[:.!?]\s*$", text[words[n - 1].end(): w.start()])
        following = words[n + 1].group(0) if n + 1 < len(words) else ""
        yield word, not clause_start or bool(re.search(r"[’']s$", word)) or following[:1].isupper()


def _known_names(sentences: Pairs) -> set[str]:
    """Words the body capitalises where only a name would be ("Jane Ode" makes "Ode" a name). Not the
    headline: its title case capitalises every word."""
    return {word for _, text in sentences[1:] for word, named in _capitalised(text)
            if named and word.lower() not in _STOP}


def _names_someone(outside: str, known: set[str]) -> bool:
    """Does the text outside the quotation marks name someone: a capitalised word placed like a name,
    or a name the article uses elsewhere ("Ode was clear")."""
    return any(named or word in known for word, named in _capitalised(outside))


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _unattributed_quotes(sentences: Pairs) -> Iterator[Suggestion]:
    carried: bool | None = None  # a quotation still open from the sentence before: was its speaker named?
    named_before = False
    known = _known_names(sentences)
    for sid, text in sentences:
        spans, still_open = _quote_spans(text, carried is not None)
        outside = _outside(text, spans)
        named_here = _names_someone(outside, known)
        attributed = (named_here or bool(carried)
                      or (named_before and bool(_PRONOUN_SPEAKER.search(outside))))
        if spans and not attributed:
            start, end = spans[0]
            yield _suggest_at(sid, text, start, end, "unattributed-quote",
                              "These words are in quotation marks, but the sentence names no one who said them.")
        carried = attributed if still_open else None
        named_before = named_here


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")) if w not in _STOP and len(w) > 1]


def _promise_kept(verb: str, topic: str, later: Pairs) -> bool:
    if _TOPIC_VERBS.match(verb):
        wanted = set(_content_words(topic))
        return not wanted or any(len(wanted & set(_content_words(t))) * 2 >= len(wanted) for _, t in later)
    return any(_REASON.search(t) and has_source(t) for _, t in later)


def _unkept_promises(sentences: Pairs) -> Iterator[Suggestion]:
    for n, (sid, text) in enumerate(sentences):
        m = _PROMISE.search(text)
        if not m or _promise_kept(m.group("verb") or "explain", m.group("topic") or "", sentences[n + 1:]):
            continue
        end = m.end("topic") if m.group("topic") is not None else m.end()
        end = len(text[:end].rstrip(" ,"))
        if m.group("verb") and _TOPIC_VERBS.match(m.group("verb")):
            reason = "The text promises to come to this, but no later sentence does."
        else:
            reason = "The text promises an explanation, but no later sentence gives a reason and says whose it is."
        yield _suggest_at(sid, text, m.start(), end, "unkept-promise", reason)


def _repetitions(sentences: Pairs) -> Iterator[Suggestion]:
    """A body sentence that says again what an earlier body sentence said. The headline (the first
    sentence) is left out: a body that restates its headline is ordinary news writing."""
    body = [(sid, text, " ".join(words), set(words)) for sid, text in sentences[1:]
            for words in [_content_words(text)]]
    for n, (sid, text, words, mine) in enumerate(body):
        for other_id, _, other, theirs in body[:n]:
            if len(mine & theirs) < REPEAT_MIN_SHARED:
                continue
            if fuzz.token_set_ratio(words, other) >= REPEAT_MIN_RATIO:
                end = len(text.rstrip(".!?”\"’ "))
                yield _suggest_at(sid, text, 0, end, "repetition",
                                  f"It says again what {other_id} says: a repeat adds no new information.")
                break


DETECTORS: dict[str, Callable[[Pairs], Iterator[Suggestion]]] = {
    "hedge": _hedges,
    "vague-attribution": _vague_attributions,
    "unsourced-number": _unsourced_numbers,
    "unattributed-quote": _unattributed_quotes,
    "unkept-promise": _unkept_promises,
    "repetition": _repetitions,
}


def suggest(sentences: Sequence[tuple[str, str]]) -> list[Suggestion]:
    """Suggested labels for ``(id, text)`` sentences in article order: at most one per sentence and label
    (the cue that comes first in the sentence), in article order, then by where the cue starts."""
    sentences = list(sentences)
    order = {sid: n for n, (sid, _) in enumerate(sentences)}
    best: dict[tuple[str, str], Suggestion] = {}
    for detect in DETECTORS.values():
        for s in detect(sentences):
            held = best.get((s.sentence, s.label))
            if held is None or s.start < held.start:
                best[(s.sentence, s.label)] = s
    return sorted(best.values(), key=lambda s: (order[s.sentence], s.start, s.kind))
