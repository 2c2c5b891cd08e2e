"""The lesson editor's draft questions, built from a teacher's claim ledger.

The teacher edits and approves each draft; nothing here is published as it is. Every draft is a
question table in exactly the shape of ``quizzes/<slug>.toml`` (quotes, not sentence ids, for
evidence and keys), so it goes through the same question-type registry and loader as a file a
teacher writes by hand. Each also carries a ``draft_reason`` for the teacher, which the editor strips
before saving. Pure: no Flask, no database.

The drafts:

* a ``verdict`` question for each labelled sentence whose verdict the ledger settles: on the
  ``sentence`` scale, ``contradicted`` when it has contradiction partners, ``unsupported`` for the
  labels of unsupported claims (vague attribution, hedges, circular reasoning ...), ``supported`` for a
  named, checkable source; on the ``statement`` scale, ``stated`` for a plain statement (to be reworded
  by the teacher, so that the learner has to find it);
* one ``cite`` question, "which sentences give no source for their claim?", keyed to the sentences
  labelled unsupported or vague-attribution, with the sentences that name their source as distractors;
* a ``pair`` question for each contradiction pair, its tension partners as distractors;
* one ``choice`` question on the first tension pair: a tension, not a contradiction.

The rules a hand-written file follows hold for drafts too: feedback and explanations quote the
article verbatim between straight double quotes (three words or more), no text names an option by a
letter, and no hint gives the keyed answer away. A sentence that cannot be quoted that way (fewer
than three words, or its words are in a longer sentence too) gets no question of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from ..content.checker import LETTER_REFERENCE

LedgerRow = tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...]]  # labels, note, contradicts, tension

# Labels of a claim the article asserts without support (the ``sentence`` scale's "unsupported").
UNSUPPORTED_LABELS = ("unsupported", "vague-attribution", "hedged", "non-sequitur", "circular", "overclaim",
                      "correlation-as-cause", "background")
NO_SOURCE_LABELS = ("unsupported", "vague-attribution")  # the cite question's key
QUOTE_MAX_WORDS = 25  # a sentence up to this long is quoted whole
QUOTE_MIN_WORDS = 5  # a shorter quote starts this long, and grows until one sentence holds it
CITE_DISTRACTORS = 3
PAIR_DISTRACTORS = 3

SENTENCE_PROMPT = ("Judge this sentence from the article: is it **supported** in the article, **asserted without "
                   "support**, or **contradicted** elsewhere in the article?")
STATEMENT_PROMPT = "Does the article **state** this, **not state** it, or **contradict** it?"
# (scale, key) -> feedback for each option, "{q}" the sentence's quote, "{note}" the ledger's note.
VERDICT_FEEDBACK = {
    ("sentence", "contradicted"): {
        "supported": 'Another sentence of the article says otherwise: "{other}". Both cannot be true.',
        "unsupported": 'It is unsupported, but worse: it cannot be true together with "{other}".',
        "contradicted": 'Right. "{q}" cannot be true together with "{other}". {note}',
    },
    ("sentence", "unsupported"): {
        "supported": 'What in the article backs up "{q}"? No named, checkable source is given for it.',
        "unsupported": 'Right. "{q}" comes with nothing a reader could check. {note}',
        "contradicted": 'No sentence of the article says the opposite of "{q}": it is unsupported instead.',
    },
    ("sentence", "supported"): {
        "supported": 'Right. "{q}" says where it comes from, and a reader could check it. {note}',
        "unsupported": 'Look again: "{q}" names its source, which a reader could check.',
        "contradicted": 'No sentence of the article says the opposite of "{q}".',
    },
    ("statement", "stated"): {
        "stated": 'Right. The article says it: "{q}". {note}',
        "not-stated": 'Look again: the article says "{q}".',
        "contradicted": 'Nothing in the article says the opposite. It says "{q}".',
    },
}
VERDICT_EXPLANATION = {
    "contradicted": '"{q}" cannot be true together with "{other}". {note}',
    "unsupported": 'The article gives nothing a reader could check for "{q}". {note}',
    "supported": '"{q}" says where it comes from, so a reader could check it. {note}',
    "stated": 'The article says it: "{q}". {note}',
}
VERDICT_HINTS = {
    "contradicted": ["Read the rest of the article for another account of the same thing.",
                     "Could both sentences be true at once?"],
    "unsupported": ["What would you need to believe this: a name, a document, a figure with its source?",
                    "Does the article give you anything you could check?"],
    "supported": ["Who is named as the source, and could you check what they said?"],
    "stated": ["Find the sentence of the article that says this.", "Does the article say it, or only hint at it?"],
}
TENSION_OPTIONS = [
    ("a", "A contradiction: these two sentences cannot both be true at the same time.", False),
    ("b", "Odd next to each other, yet both could be true: a tension.", True),
    ("c", "Nothing odd: the two sentences simply fit together.", False),
]


class _Quotes:
    """Verbatim quotes of the article's sentences, each found in exactly one sentence."""

    def __init__(self, sentences: Sequence[tuple[str, str]]):
        self.texts = dict(sentences)
        self.order = {sid: n for n, (sid, _) in enumerate(sentences)}
        self._plain = "\n".join(text for _, text in sentences)
        self._cache: dict[str, str | None] = {}

    def unique(self, fragment: str) -> bool:
        """Found once in the article (a quote never spans two sentences: it has no line break)."""
        return self._plain.count(fragment) == 1

    def quote(self, sid: str) -> str | None:
        """A quote of the sentence that only it holds and that the quoting rule can carry (three words or
        more, no straight double quote, no option letter): the whole sentence if it is short, else its
        opening clause, else the shortest opening run of words (from ``QUOTE_MIN_WORDS``) that is unique."""
        if sid not in self._cache:
            self._cache[sid] = next((c for c in self._candidates(sid) if self._quotable(c)), None)
        return self._cache[sid]

    def _quotable(self, fragment: str) -> bool:
        return (len(fragment.split()) >= 3 and '"' not in fragment and not LETTER_REFERENCE.search(fragment)
                and self.unique(fragment))

    def _candidates(self, sid: str) -> Iterator[str]:
        text = self.texts.get(sid, "")
        if not self.unique(text):  # the sentence is part of a longer one: no quote of it is its own
            return
        words = [m.span() for m in re.finditer(r"\S+", text)]
        if len(words) <= QUOTE_MAX_WORDS:
            yield text.rstrip(".!?")
        clause = re.search(r"[,;:]", text)
        if clause and len(text[: clause.start()].split()) >= QUOTE_MIN_WORDS:
            yield text[: clause.start()]
        for first in range(len(words)):
            for last in range(first + 2, len(words)):
                if last - first + 1 >= min(QUOTE_MIN_WORDS, len(words) - first):
                    yield text[words[first][0]: words[last][1]]

    def sort(self, ids: Sequence[str]) -> list[str]:
        return sorted(ids, key=lambda sid: self.order[sid])


def _note(note: str) -> str:
    """The ledger's note, safe inside feedback: straight double quotes made curly, and left out if it
    names a letter the way an option reference would."""
    note = " ".join(note.split())
    if LETTER_REFERENCE.search(note):
        return ""
    parts = note.split('"')
    return "".join(p + ("“" if n % 2 == 0 else "”") for n, p in enumerate(parts[:-1])) + parts[-1]


def _without_empty(table: dict) -> dict:
    """Leave out an empty list of distractors, as a hand-written file would."""
    return {k: v for k, v in table.items() if v != []}


def _verdict_key(labels: Sequence[str], contradicts: Sequence[str]) -> tuple[str, str] | None:
    """(scale, key) the ledger settles for a sentence, or None (only structural, tension, loaded ...)."""
    if "contradicted" in labels and contradicts:
        return "sentence", "contradicted"
    if any(label in UNSUPPORTED_LABELS for label in labels):
        return "sentence", "unsupported"
    if "supported" in labels:
        return "sentence", "supported"
    if "stated" in labels:
        return "statement", "stated"
    return None


def _verdict(sid: str, row: LedgerRow, quotes: _Quotes) -> dict | None:
    labels, note, contradicts, _ = row
    settled = _verdict_key(labels, contradicts)
    q = quotes.quote(sid)
    text = quotes.texts[sid]
    if settled is None or q is None or LETTER_REFERENCE.search(text):
        return None
    scale, key = settled
    partners = quotes.sort([p for p in contradicts if p in quotes.texts and quotes.quote(p)])
    if key == "contradicted" and not partners:
        return None
    other = quotes.quote(partners[0]) if partners else ""
    words = {"q": q, "note": _note(note), "other": other}
    feedback = VERDICT_FEEDBACK[(scale, key)]
    category = {"contradicted": "contradiction", "stated": "states"}.get(key, "unsupported")
    prompt = SENTENCE_PROMPT if scale == "sentence" else STATEMENT_PROMPT
    if key == "contradicted":
        prompt += " If more than one fits, choose the most precise."
    reason = f"{sid} is labelled {', '.join(labels)} in the ledger, which makes the answer “{key}”."
    if scale == "statement":
        reason += " Reword the statement in your own words, so that the learner has to find the sentence."
    return {
        "id": f"draft-verdict-{sid}",
        "category": category,
        "type": "verdict",
        "scale": scale,
        "statement": text,
        "prompt": prompt,
        "points": 1,
        "evidence": [q] + [quotes.quote(p) for p in partners],
        "explanation": VERDICT_EXPLANATION[key].format(**words).strip(),
        "hints": list(VERDICT_HINTS[key]),
        "key": key,
        "option": [{"id": oid, "feedback": text.format(**words).strip()} for oid, text in feedback.items()],
        "draft_reason": reason,
    }


def _no_source_cite(ledger: Mapping[str, LedgerRow], quotes: _Quotes) -> dict | None:
    keyed = quotes.sort([sid for sid, (labels, *_) in ledger.items()
                         if sid in quotes.texts and quotes.quote(sid)
                         and any(label in NO_SOURCE_LABELS for label in labels)])
    if not keyed:
        return None
    sourced = quotes.sort([sid for sid, (labels, *_) in ledger.items() if sid in quotes.texts and sid not in keyed
                           and "supported" in labels and quotes.quote(sid)])[:CITE_DISTRACTORS]
    examples = " and ".join(f'"{quotes.quote(sid)}"' for sid in keyed[:2])
    cite = {
        "id": "draft-cite-no-source",
        "category": "unsupported",
        "type": "cite",
        "prompt": "Which sentences give **no source** for their claim? Tick every one.",
        "points": 1,
        "evidence": [quotes.quote(sid) for sid in keyed],
        "explanation": f"A source is something a reader could check: a named person, a document, a figure with its "
                       f"origin. These sentences give none, for example {examples}.",
        "hints": ["For each sentence ask: who says so, and could I check it?",
                  "A group with no name (officials, experts, reports) is not a source you can check."],
        "key": [quotes.quote(sid) for sid in keyed],
        "distractor": [{"quote": quotes.quote(sid),
                        "feedback": f'This one names its source: "{quotes.quote(sid)}". A reader could check it.'}
                       for sid in sourced],
        "draft_reason": f"The ledger labels {', '.join(keyed)} unsupported or vague-attribution"
                        + (f"; these name a checkable source: {', '.join(sourced)}." if sourced else "."),
    }
    return _without_empty(cite)


def _pairs(ledger: Mapping[str, LedgerRow], quotes: _Quotes, which: int) -> list[tuple[str, str]]:
    """Contradiction (``which`` = 2) or tension (3) pairs, each once, in article order, both quotable."""
    found: set[tuple[str, str]] = set()
    for sid, row in ledger.items():
        for other in row[which]:
            ends = (sid, other)
            if sid != other and all(end in quotes.texts and quotes.quote(end) for end in ends):
                a, b = quotes.sort(ends)
                found.add((a, b))
    return sorted(found, key=lambda p: (quotes.order[p[0]], quotes.order[p[1]]))


def _pair(a: str, b: str, ledger: Mapping[str, LedgerRow], quotes: _Quotes) -> dict:
    qa, qb = quotes.quote(a), quotes.quote(b)
    tensions = [t for sid in (a, b) for t in ledger.get(sid, ((), "", (), ()))[3]]
    distractors = [t for t in dict.fromkeys(quotes.sort([t for t in tensions if t in quotes.texts]))
                   if t not in (a, b) and quotes.quote(t)][:PAIR_DISTRACTORS]
    note = _note(ledger.get(a, ((), "", (), ()))[1])
    return _without_empty({
        "id": f"draft-pair-{a}-{b}",
        "category": "contradiction",
        "type": "pair",
        "prompt": f"One sentence says: “{qa} …”. Which other sentence of the article **cannot be true** at the "
                  "same time? Pick **the two sentences**.",
        "points": 2,
        "evidence": [qa, qb],
        "explanation": f'"{qa}" and "{qb}" cannot both be true. {note}'.strip(),
        "hints": ["Follow what the first sentence is about through the rest of the article.",
                  "Try hard to make both true; if you cannot, they contradict each other."],
        "key": [[qa, qb]],
        "distractor": [{"quote": quotes.quote(t),
                        "feedback": f'Odd, but "{quotes.quote(t)}" could still be true at the same time: a tension, '
                                    "not a contradiction."}
                       for t in distractors],
        "draft_reason": f"The ledger says {a} and {b} contradict each other"
                        + (f"; only in tension with them: {', '.join(distractors)}." if distractors else "."),
    })


def _tension(a: str, b: str, ledger: Mapping[str, LedgerRow], quotes: _Quotes) -> dict:
    qa, qb = quotes.quote(a), quotes.quote(b)
    both = f'"{qa}" and "{qb}"'
    feedback = {
        "a": f"Test it: is there an ordinary way for both to be true? There is, so {both} are only in tension.",
        "b": f"Right. {both} sit oddly together, but both could be true: a tension, worth asking about.",
        "c": f"Look again: {both} sit oddly together, even though both could be true.",
    }
    return {
        "id": f"draft-tension-{a}-{b}",
        "category": "contradiction",
        "type": "choice",
        "prompt": f"Read “{qa} …” and “{qb} …”. **What is the most careful thing to say** about these two "
                  "sentences?",
        "points": 1,
        "evidence": [qa, qb],
        "explanation": f"Two sentences contradict each other only when both cannot be true. {both} can both be "
                       f"true, so they are in tension. {_note(ledger.get(a, ((), '', (), ()))[1])}".strip(),
        "hints": ["Look for an ordinary explanation that would make both sentences true.",
                  "If you find one, how strong is the clash?"],
        "key": next(oid for oid, _, keyed in TENSION_OPTIONS if keyed),
        "option": [{"id": oid, "text": text, "feedback": feedback[oid]} for oid, text, _ in TENSION_OPTIONS],
        "draft_reason": f"The ledger marks {a} and {b} as a tension: a question on tension against contradiction.",
    }


def draft_questions(sentences: Sequence[tuple[str, str]], ledger: Mapping[str, LedgerRow]) -> list[dict]:
    """Draft question tables for ``sentences`` ((id, text) in article order) from ``ledger`` (sentence id ->
    (labels, note, contradiction partner ids, tension partner ids)). Each has a unique ``id``, a ``category``
    and a ``draft_reason``; ledger rows of unknown sentences are left out."""
    sentences = list(sentences)
    quotes = _Quotes(sentences)
    drafts: list[dict] = []
    for sid in quotes.sort([sid for sid in ledger if sid in quotes.texts]):
        verdict = _verdict(sid, ledger[sid], quotes)
        if verdict:
            drafts.append(verdict)
    cite = _no_source_cite(ledger, quotes)
    if cite:
        drafts.append(cite)
    contradictions = _pairs(ledger, quotes, 2)
    drafts.extend(_pair(a, b, ledger, quotes) for a, b in contradictions)
    tensions = [p for p in _pairs(ledger, quotes, 3) if p not in contradictions]
    if tensions:
        drafts.append(_tension(*tensions[0], ledger, quotes))
    return drafts
