"""Understand what a learner typed, given what the tutor is waiting for.

No network and no language model: anchored patterns for commands and verdict
synonyms, letters/numbers/ordinals for options, rapidfuzz for option text with
typos, and :mod:`sentence_refs` for naming sentences of the article.
``expect.options`` are in the order the learner sees them (shuffled per
attempt), so a letter, number or ordinal picks by position on screen: "b" is
the second option shown, whatever its id. The parser never guesses silently: when two readings fit it returns an
``ambiguous`` intent listing them, and the tutor asks which was meant.

Intent kinds:

* commands: ``help hint repeat skip why article section score restart quiz reveal retry``
* conversation: ``next yes no dont_know``
* answers: ``option`` (one option id), ``options`` (tuple of ids), ``sentences``
  (tuple of sentence ids), ``text`` (free text)
* problems: ``ambiguous`` (``candidates``), ``invalid`` (``note`` says why), ``unknown``
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..questions.expect import Choice, Expect
from .keywords import KeywordMatcher
from .phrases import (
    CLARIFY_LABELS,
    COMMANDS,
    CONVERSATION,
    NEGATIVE,
    STATED_ON_SENTENCE,
    VAGUE_SUPPORT,
    VERDICT_PATTERNS,
    VERDICT_PHRASES,
    rx,
)
from .sentence_refs import MAX_CANDIDATES, SentenceIndex
from .text import NUMBER_WORDS, ORDINALS, fold, trim

LETTERS = "abcdefgh"
# Option text: whole-text similarity, then the first words, then key words, then partial similarity.
WHOLE_TEXT_MIN, WHOLE_TEXT_MARGIN = 85, 5
PREFIX_MIN_CHARS, PREFIX_MIN = 8, 90
KEYWORD_MIN, KEYWORD_MARGIN = 0.6, 0.2
OPTION_FUZZY_MIN = 88
OPTION_FUZZY_MARGIN = 10
VERDICT_FUZZY_MIN = 85


@dataclass(frozen=True)
class Candidate:
    """One reading of an ambiguous message, with the intent it would be."""

    label: str
    kind: str
    value: object


@dataclass(frozen=True)
class Intent:
    kind: str
    value: object = None
    candidates: tuple[Candidate, ...] = ()
    note: str = ""


_LEAD_INS = re.compile(
    r"^(?:i think|i guess|i believe|i'd say|i would say|i reckon|i suppose|maybe|probably|perhaps|hmm+|um+|uh+|"
    r"er+m?|so|well|ok(?:ay)?|my answer is|my answer|the answer is|answer|i choose|i'll choose|i pick|i'll pick|"
    r"i'll go with|i go with|i'd go with|going with|i select|i'll say|i say|it's|it is|its|is it|it must be|"
    r"must be|that's|that is|definitely|surely|obviously|i'm going with|i'm going to say)\b[ ,:-]*"
)
_TRAILERS = re.compile(r"[ ,]*(?:i think|i guess|maybe|probably|please|pls|right|i believe|\?)$")


def strip_lead_ins(text: str) -> str:
    """'I think it's B' -> 'b'; 'maybe not stated?' -> 'not stated'."""
    previous = None
    text = trim(text)
    while previous != text:
        previous = text
        text = trim(_TRAILERS.sub("", _LEAD_INS.sub("", text)))
    return text


def command(text: str) -> Intent | None:
    """The command a message is, if it is one (whole message, anchored)."""
    t = trim(fold(text)) or fold(text).strip()
    for kind, pattern in COMMANDS:
        m = pattern.match(t)
        if m:
            if kind == "section":
                raw = m.group(1)
                n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, ORDINALS.get(raw))
                if n is None:
                    return None
                return Intent("section", n)
            return Intent(kind)
    return None


def conversation(text: str) -> Intent | None:
    t = strip_lead_ins(fold(text)) or trim(fold(text))
    for kind, pattern in CONVERSATION:
        if pattern.match(t):
            return Intent(kind)
    return None


def _letter_range(options: tuple[Choice, ...]) -> str:
    return f"A to {LETTERS[len(options) - 1].upper()}" if len(options) > 1 else "A"


def _option_by_position(options: tuple[Choice, ...], n: int) -> Choice | None:
    return options[n - 1] if 1 <= n <= len(options) else None


_LETTER = re.compile(r"^(?:option|answer|choice|letter)?\s*\(?([a-z])\)?$")
_LETTER_WITH_TEXT = re.compile(r"^\(?([a-h])[.):]\s+\S")
_NUMBER = re.compile(r"^(?:option|answer|choice|number|no\.?)?\s*#?(\d{1,2})$")
_ORDINAL = re.compile(r"^(?:the )?(\w+)(?: one| option| answer| choice)?$")
_TWO_LETTERS = re.compile(r"^(?:option |answer )?([a-h])\s*(?:or|and|,|/)\s*(?:option )?([a-h])$")
_NOT_LETTER = re.compile(r"^(?:not|definitely not|it's not|it isn't)\s+(?:option\s+)?\(?([a-h])\)?$")


def _positional(t: str, options: tuple[Choice, ...]) -> Intent | None:
    """Letters, numbers and ordinals: 'b', 'option B', '2', 'the second one'."""
    m = _LETTER.match(t) or _LETTER_WITH_TEXT.match(t)
    if m:
        idx = LETTERS.find(m.group(1))
        choice = _option_by_position(options, idx + 1) if idx >= 0 else None
        if choice:
            return Intent("option", choice.id)
        return Intent("invalid", note=f"There is no option {m.group(1).upper()}: the options are "
                                      f"{_letter_range(options)}.")
    m = _NUMBER.match(t)
    if m:
        choice = _option_by_position(options, int(m.group(1)))
        if choice:
            return Intent("option", choice.id)
        return Intent("invalid", note=f"There is no option {m.group(1)}: the options are 1 to {len(options)}.")
    m = _ORDINAL.match(t)
    if m and (m.group(1) in ORDINALS or m.group(1) == "last"):
        n = len(options) if m.group(1) == "last" else ORDINALS[m.group(1)]
        choice = _option_by_position(options, n)
        if choice:
            return Intent("option", choice.id)
    m = _TWO_LETTERS.match(t)
    if m:
        picks = [_option_by_position(options, LETTERS.index(g) + 1) for g in m.groups()]
        if all(picks) and picks[0] != picks[1]:
            return Intent("ambiguous", candidates=tuple(_option_candidate(c, options) for c in picks))
    m = _NOT_LETTER.match(t)
    if m:
        return Intent("invalid", note="Tell me which option you choose, rather than one you rule out.")
    return None


def _option_candidate(choice: Choice, options: tuple[Choice, ...]) -> Candidate:
    letter = LETTERS[options.index(choice)].upper()
    return Candidate(f"{letter}. {choice.label or choice.text}", "option", choice.id)


def _verdict(t: str, expect: Expect) -> Intent | None:
    ids = [o.id for o in expect.options]
    hits = [oid for oid in ids if oid in VERDICT_PATTERNS and VERDICT_PATTERNS[oid].match(t)]
    if len(hits) == 1:
        return Intent("option", hits[0])
    by_id = {o.id: o for o in expect.options}

    def ask(*option_ids: str) -> Intent:
        return Intent("ambiguous", candidates=tuple(
            Candidate(CLARIFY_LABELS.get(oid, by_id[oid].text), "option", oid) for oid in option_ids if oid in by_id
        ))

    negatives = [oid for oid in ("not-stated", "unsupported", "contradicted") if oid in by_id]
    if NEGATIVE.match(t) and len(negatives) >= 2:
        return ask(*negatives)
    if "stated" in by_id and VAGUE_SUPPORT.match(t):
        return ask("stated", "not-stated")
    if "supported" in by_id and STATED_ON_SENTENCE.match(t):
        return ask("supported", "unsupported")
    if len(hits) > 1:
        return ask(*hits)
    phrases = [(p, oid) for oid in ids for p in VERDICT_PHRASES.get(oid, ())]
    if len(t) >= 5:
        best = process.extract(t, [p for p, _ in phrases], scorer=fuzz.ratio, limit=3)
        good = {phrases[i][1] for _, score, i in best if score >= VERDICT_FUZZY_MIN}
        if len(good) == 1:
            return Intent("option", good.pop())
    return None


_YES_WORDS = {"yes", "yeah", "yep", "yup", "true"}
_NO_WORDS = {"no", "nope", "nah", "false"}


def _option_text(t: str, options: tuple[Choice, ...]) -> Intent | None:
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

    def pick(scores: list[float], minimum: float, margin: float) -> Intent | None:
        best = max(scores)
        if best < minimum:
            return None
        close = [o for o, score in zip(options, scores, strict=True) if score >= best - margin]
        if len(close) == 1:
            return Intent("option", close[0].id)
        return Intent("ambiguous", candidates=tuple(_option_candidate(c, options) for c in close))

    whole = pick([fuzz.ratio(t, text) for text in texts], WHOLE_TEXT_MIN, WHOLE_TEXT_MARGIN)
    if whole and whole.kind == "option":
        return whole
    if len(t) >= PREFIX_MIN_CHARS:
        prefix = [o for o, text in zip(options, texts, strict=True) if fuzz.ratio(t, text[: len(t)]) >= PREFIX_MIN]
        if len(prefix) == 1:
            return Intent("option", prefix[0].id)
    matcher = KeywordMatcher({o.id: o.text for o in options})
    scores = matcher.scores(t)
    if scores:
        found = pick([scores.get(o.id, 0.0) for o in options], KEYWORD_MIN, KEYWORD_MARGIN)
        if found:
            return found
    if whole or not matcher.query_words(t):
        return whole
    return pick([fuzz.WRatio(t, text) for text in texts], OPTION_FUZZY_MIN, OPTION_FUZZY_MARGIN)


def _one_option(t: str, expect: Expect) -> Intent | None:
    return (
        _positional(t, expect.options)
        or (_verdict(t, expect) if expect.scale else None)
        or _option_text(t, expect.options)
    )


def parse_choice(text: str, expect: Expect) -> Intent | None:
    t = strip_lead_ins(fold(text))
    if not t:
        return None
    close_to_text = [c for c in expect.options if fuzz.ratio(t, trim(fold(c.text))) >= WHOLE_TEXT_MIN]
    if len(close_to_text) == 1:  # an option's own words, even if they contain "or"
        return Intent("option", close_to_text[0].id)
    if re.search(r"\bor\b", t):
        # "the council or the mayor": two answers at once, so ask which.
        parts = [_one_option(strip_lead_ins(p), expect) for p in re.split(r"\s*\bor\b\s*", t) if p.strip()]
        ids = list(dict.fromkeys(p.value for p in parts if p is not None and p.kind == "option"))
        if len(ids) >= 2 and len(ids) == len(parts):
            by_id = {c.id: c for c in expect.options}
            return Intent("ambiguous", candidates=tuple(_option_candidate(by_id[i], expect.options) for i in ids))
    return _one_option(t, expect)


_ALL = rx(r"all( of them| of the above| the options| of those)?", r"every (one|option)", r"everything")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\band\b|\bor\b|\s)\s*")


def parse_multi(text: str, expect: Expect) -> Intent | None:
    t = strip_lead_ins(fold(text))
    t = re.sub(r"^(?:options?|answers?|letters?|numbers?)\s+", "", t)
    if not t:
        return None
    if _ALL.match(t):
        return Intent("options", tuple(o.id for o in expect.options))
    tokens = [x for x in _LIST_SPLIT.split(t) if x and x != "option"]
    if tokens and all(re.fullmatch(r"\(?[a-h]\)?|\d{1,2}", x) for x in tokens):
        picks = []
        for x in tokens:
            x = x.strip("()")
            n = int(x) if x.isdigit() else LETTERS.index(x) + 1
            choice = _option_by_position(expect.options, n)
            if choice is None:
                return Intent("invalid", note=f"There is no option {x.upper()}: the options are "
                                              f"{_letter_range(expect.options)}.")
            picks.append(choice.id)
        return Intent("options", tuple(dict.fromkeys(picks)))
    single = _option_text(t, expect.options)
    if single and single.kind == "option":
        return Intent("options", (single.value,))
    parts = [p for p in re.split(r"\s*(?:,|;|\band\b)\s*", t) if p]
    if len(parts) > 1:
        found = [_option_text(strip_lead_ins(p), expect.options) for p in parts]
        if all(f and f.kind == "option" for f in found):
            return Intent("options", tuple(dict.fromkeys(f.value for f in found)))
    return single


def _sentence_label(index: SentenceIndex, sid: str, width: int = 60) -> str:
    text = index.article.by_id[sid].text
    short = text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
    return f"{sid}: {short}"


def parse_sentences(text: str, index: SentenceIndex, already: tuple[str, ...] = ()) -> Intent | None:
    """Sentences named by id, quotation or paraphrase. ``already``: picked in an earlier message."""
    t = strip_lead_ins(fold(text))
    if not t:
        return None
    res = index.resolve(t)
    if res.ok:
        return Intent("sentences", tuple(dict.fromkeys((*already, *res.ids))))
    if res.ambiguous:
        if len(res.ambiguous) > MAX_CANDIDATES:
            return Intent("invalid", note=(
                f"“{res.ambiguous_text}” fits {len(res.ambiguous)} sentences. Add a few more of its words, "
                "use its number (like s14), or select it in the article."
            ))
        base = tuple(dict.fromkeys((*already, *res.ids)))
        return Intent("ambiguous", candidates=tuple(
            Candidate(_sentence_label(index, sid), "sentences", (*base, sid)) for sid in res.ambiguous
        ))
    if res.unmatched and not res.ids and index.ids_only(t) is not None:
        last = index.sentences[-1].id
        return Intent("invalid", note=f"There is no sentence {', '.join(res.unmatched)}: the article has s1 to {last}.")
    if res.ids and res.unmatched:
        found = ", ".join(res.ids)
        missing = "; ".join(f"“{u}”" for u in res.unmatched)
        return Intent("invalid", note=f"I found {found}, but no sentence matches {missing}.")
    return None


def parse(text: str, expect: Expect, index: SentenceIndex | None = None, already: tuple[str, ...] = ()) -> Intent:
    """Read one message. Commands win; then the answer the tutor is waiting for; then yes/no/next."""
    folded = fold(text)
    if not folded:
        return Intent("unknown")
    found = command(folded)
    if found:
        return found
    kind = expect.kind
    if kind in ("choice", "multi"):
        found = parse_choice(folded, expect) if kind == "choice" else parse_multi(folded, expect)
        if found:
            return found
    elif kind in ("sentences", "think") and index is not None:
        found = parse_sentences(folded, index, already)
        if found:
            return found
    chat = conversation(folded)
    if kind == "text":
        if chat and chat.kind == "dont_know":
            return chat
        if len(folded) >= expect.min_text:
            return Intent("text", " ".join(text.split()))
        return Intent("invalid", note=f"Write a sentence or two (at least {expect.min_text} characters).")
    if chat:
        return chat
    if kind == "think" and len(trim(folded)) >= 2:
        return Intent("text", " ".join(text.split()))
    return Intent("unknown")


def resolve_clarification(text: str, candidates: tuple[Candidate, ...], expect: Expect,
                          index: SentenceIndex | None = None) -> Intent:
    """Read the answer to "which did you mean?": a number, the label, or a fresh answer."""
    t = strip_lead_ins(fold(text))
    m = re.fullmatch(r"(?:number |option )?#?(\d)", t) or _ORDINAL.fullmatch(t)
    if m:
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else ORDINALS.get(raw, NUMBER_WORDS.get(raw, 0))
        if 1 <= n <= len(candidates):
            c = candidates[n - 1]
            return Intent(c.kind, c.value)
    labels = [fold(c.label) for c in candidates]
    if t in labels:
        c = candidates[labels.index(t)]
        return Intent(c.kind, c.value)
    fresh = parse(text, expect, index)
    for c in candidates:
        if fresh.kind == c.kind and fresh.value == c.value:
            return fresh
        if c.kind == "sentences" and fresh.kind == "sentences" and set(fresh.value) <= set(c.value) \
                and c.value[-1] in fresh.value:
            return Intent(c.kind, c.value)
    if fresh.kind in ("unknown", "invalid") and len(t) >= 3:
        scored = process.extract(t, labels, scorer=fuzz.WRatio, limit=2)
        if scored and scored[0][1] >= OPTION_FUZZY_MIN and (len(scored) == 1 or scored[1][1] < scored[0][1] - 5):
            c = candidates[scored[0][2]]
            return Intent(c.kind, c.value)
    return fresh
