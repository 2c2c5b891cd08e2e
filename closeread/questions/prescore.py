"""Honest provisional scores for written (``explain``) answers. Pure functions, no Flask.

A keyword count rewards a list of keywords, a pasted copy of the question and a
wrong conclusion that happens to use the right words. This scorer reads the
answer a little more like a teacher does:

1. **Copied prompt.** Runs of five or more words shared with the question's prompt
   are set aside. When they are most of the answer, it scores 0 and is flagged
   ``copied-prompt``.
2. **Keyword list.** An answer that uses rubric words but has almost no sentence
   structure around them (few function words such as "the", "is", "because" outside
   the rubric's own phrases) scores 0 and is flagged ``keyword-list``.
3. **Criteria.** A criterion is met when the answer mentions one of its ``any``
   words and, if it lists ``conclusion`` phrases, asserts one of them in a
   sentence about its ``any`` words (or in a general sentence that names no rubric
   word, such as "those two cannot both be true"). A conclusion phrase after a
   negation in the same clause ("they do **not** contradict", "there is **no**
   contradiction", "I don't think they contradict") is *denied*, not asserted; the
   negation carries over a list joined by "or" ("no need to google it **or** look for
   other news"). A conclusion said only as an appearance ("at first it **looks like** a
   contradiction") is a concession: it counts when nothing denies it, but a denial elsewhere
   ("... so there is no contradiction") is then the learner's conclusion.
4. **Wrong conclusion.** A criterion whose conclusion is denied and never
   asserted, or one of the question's ``wrong_conclusions`` *claimed* in a
   sentence, flags ``wrong-conclusion``: that sentence earns nothing, and the answer
   keeps at most a quarter of the points, for what it describes correctly, so it
   never gets more than partial credit, however much else it says.
   Claimed means stated plainly: not negated, its conclusion (the pattern's last
   part) not after a hedge in its clause ("it *might* be made up", "see *if* France
   did shoot it down", "*whether* it is reliable", "we can't tell *which* one is the real
   story"), and not in a question ("Is this proof?"). Doubt and checking are
   what the lesson teaches; only a claim is a wrong conclusion.

The score is the question's points times the weight of the criteria met over the
weight of all criteria, rounded *down* to a half point: a provisional score never
claims more than the rubric found. An answer without a flag that meets at least one
criterion earns at least that half point: one point made is not nothing.

Matching: whole words, case-insensitive, forgiving one typo in words of six letters
or more; a word ending in ``*`` matches any word that starts with it
(``contradict*``); ``a ... b`` in a wrong conclusion means "a" and "b" in one
sentence, in any order, ``jet/plane`` means either word, and a part written
``!drone*`` means the sentence must *not* mention it ("convoy ... jet ... tension*
... !drone*" flags "the convoy and the jet are only a tension", not "the drone is a
tension next to the convoy and the jet"). Learners' spellings
without an apostrophe ("dont", "cant", "its") and "cannot", "can not", "does not"
are read as "don't", "can't", "it's", "doesn't"; fillers ("really", "even") are ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from ..content.model import Criterion

# What each flag means, for the teacher's review queue...
FLAG_LABELS = {
    "copied-prompt": "copied the question",
    "keyword-list": "a list of keywords, not sentences",
    "wrong-conclusion": "a wrong conclusion",
}
# ...and what the learner is told.
FLAG_ADVICE = {
    "copied-prompt": "Your answer repeats the question. Answer it in your own words.",
    "keyword-list": "Your answer is a list of words. Write sentences that say how they fit together.",
    "wrong-conclusion": "One of your conclusions does not match the article. Compare it with the model answer.",
}

# Word runs of this length shared with the prompt count as copied...
COPY_RUN = 5
# ...and an answer whose words are at least this share copied is a copy.
COPY_SHARE = 0.6
# A keyword list: function words (outside rubric phrases) under this share of the words.
LIST_FUNCTION_SHARE = 0.2
# ...or at least this many pieces between punctuation, none longer than LIST_PIECE_WORDS words.
LIST_PIECES = 3
LIST_PIECE_WORDS = 3
# How many words before a conclusion phrase a negation still reaches (within its clause).
NEGATION_REACH = 6
# A wrong conclusion keeps at most this share of the points.
WRONG_CAP = 0.25
# Rubric words this long or longer also match with one typo ("contridiction", "convoi").
FUZZY_LENGTH = 6
# Scores are rounded down to this step, in points.
STEP = 0.5

CLAUSE = "|"  # a comma, a quotation mark, a bracket, a colon or a dash
SENTENCE = "."  # a full stop, ! ? ; or a new line
QUESTION = "?"  # kept before the SENTENCE mark of a question: a question claims nothing
NOT = "!"  # a wrong-conclusion part the sentence must not mention: "... !drone*"
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*\*?|[.!?;\n]|[,:\"()]|\s[-–—]+\s|\.\.\.")
_SPELLINGS = {
    w: w[:-1] + "'t"
    for w in ("dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont", "wouldnt",
              "couldnt", "shouldnt", "hasnt", "havent", "hadnt", "aint")
}
_SPELLINGS.update({"cannot": "can't", "its": "it's", "thats": "that's", "theres": "there's", "whats": "what's"})
_AUXILIARIES = frozenset(
    {"do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "should", "has", "have", "had"}
)
# (Words of certainty such as "clearly" and "definitely" are not fillers: "clearly caused" is a claim.)
_FILLERS = frozenset({"really", "actually", "even", "totally", "truly", "basically", "literally", "simply",
                      "honestly", "kinda"})
# Words that make what follows in their clause a possibility, a question or a plan to check, not a claim.
# "which" and "what" open an embedded question ("we can't tell which one is the real story"), which claims nothing.
HEDGES = frozenset({"might", "may", "could", "whether", "if", "maybe", "perhaps", "which", "what", "doubt", "unless",
                    "before"})
# Verbs that make what follows in their clause a source's claim ("the article claims...", "section 5 says...").
# Only a source reports: "the evidence suggests", "I've always said", "you said" are the learner's own voice.
REPORTING = frozenset({"claims", "claim", "claimed", "says", "said", "states", "stated", "reports", "reported",
                       "suggests", "suggested", "implies", "implied", "insists", "insisted", "argues", "pretends"})
SOURCES = frozenset({"article", "post", "blog", "author", "writer", "site", "website", "headline", "title", "story",
                     "text", "section", "paragraph", "report", "russia", "moscow", "france", "germany", "government",
                     "official", "officials", "ambassador", "media", "friend", "it", "they", "he", "she"})
# "as section 5 says...", "like the article says...": the learner sides with the source.
AGREEING = frozenset({"as", "like"})
# A claim that starts with one of these right after the verb has the verb in its subject ("everything the
# article says is trustworthy").
_CLAIM_STARTS = frozenset({"is", "are", "was", "were", "can", "could", "will", "would"})
# Words that make what follows in their clause how something looks, not what the learner concludes.
APPEARANCES = frozenset({"looks", "look", "looked", "seems", "seem", "seemed", "appears", "appear", "appeared",
                         "sounds", "sound"})
NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "neither", "nor", "without", "hardly"})
# Words that start a new clause: a negation before them does not reach past them.
CLAUSE_WORDS = frozenset(
    {"but", "and", "so", "because", "since", "while", "whereas", "although", "though", "however", "yet",
     "which", "who", "where", "whether", "or", "then", "also", "instead", "rather", "if", "bc"}
)
# ...except these: a negation carries over a list joined by them ("no need to google it or look for other news").
NEGATION_CARRIES = frozenset({"or", "nor"})
# Words that start a new sentence for scoping: contrasts usually change the subject.
CONTRAST_WORDS = frozenset({"but", "while", "whereas", "although", "though", "however"})
_FUNCTION = """a an the this that these those it it's they them their there there's here he she we you i
    i'm me my our your his her is are was were be been being am do does did has have had can could will would
    should may might must shall of in on at to from by with about for as into than then so because but
    and or if when while which who what where why how not no also only just very both each one same other
    says said say seems seem like make makes made get gets got go goes went what's that's"""
FUNCTION_WORDS = frozenset(_FUNCTION.split()) | frozenset(_SPELLINGS.values())


@dataclass
class PreScore:
    """What the scorer found; ``flags`` are codes of :data:`FLAG_LABELS`."""

    score: float
    met: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def _merge_not(words: list[str]) -> list[str]:
    """'does not' -> "doesn't", 'can not' -> "can't", so one form serves every spelling."""
    out: list[str] = []
    for w in words:
        if w == "not" and out and out[-1] in _AUXILIARIES:
            out[-1] = "can't" if out[-1] == "can" else out[-1] + "n't"
        else:
            out.append(w)
    return out


def tokens(text: str) -> list[str]:
    """Lower-case words of ``text``, with :data:`CLAUSE` and :data:`SENTENCE` marks."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    out = []
    for tok in _TOKEN.findall(text):
        if tok in (".", "!", "?", ";", "\n", "..."):
            out += [QUESTION, SENTENCE] if tok == "?" else [SENTENCE]
        elif not tok[0].isalnum():
            out.append(CLAUSE)
        elif tok not in _FILLERS:
            out.append(_SPELLINGS.get(tok, tok))
    return _merge_not(out)


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def _is_mark(word: str) -> bool:
    return word in (CLAUSE, SENTENCE, QUESTION)


@lru_cache(maxsize=4096)
def phrase(cue: str) -> tuple[str, ...]:
    """A cue as the words it matches (its ``*`` kept)."""
    return tuple(t for t in tokens(cue) if not _is_mark(t))


@lru_cache(maxsize=65536)
def _word_matches(word: str, pattern: str) -> bool:
    """Whole word, or prefix for ``word*``; from :data:`FUZZY_LENGTH` letters on, one typo is forgiven."""
    stem = pattern[:-1] if pattern.endswith("*") else pattern
    if word == stem or (stem != pattern and word.startswith(stem)):
        return True
    if len(stem) < FUZZY_LENGTH or not word.isalpha():
        return False
    if stem == pattern:
        return OSA.distance(word, stem, score_cutoff=1) <= 1
    return any(OSA.distance(word[:n], stem, score_cutoff=1) <= 1 for n in (len(stem) - 1, len(stem), len(stem) + 1))


def _find(words: Sequence[str], cue: Sequence[str]) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` where the phrase ``cue`` occurs in ``words``."""
    n, first = len(cue), cue[0]
    return [
        (i, i + n)
        for i in range(len(words) - n + 1)
        if _word_matches(words[i], first) and all(_word_matches(words[i + k], cue[k]) for k in range(1, n))
    ]


Shield = tuple[tuple[str, ...], ...]  # the rubric's own phrases that start with a negation ("no author")


def _negated(words: Sequence[str], start: int, shield: Shield = ()) -> bool:
    """True if a negation comes shortly before ``start`` within the same clause.

    A negation that begins a phrase of the rubric (``shield``: "no author" in "no author
    no date") negates nothing else.
    """
    j, reach = start - 1, start - NEGATION_REACH
    while j >= 0 and j >= reach:
        w = words[j]
        if w in NEGATION_CARRIES:  # "no need to google it or look for other news": the list is negated too
            reach = j - NEGATION_REACH
        elif _is_mark(w) or w in CLAUSE_WORDS:
            return False
        if _is_negation(w) and not any(j + len(p) <= start and _find(words[j : j + len(p)], p) for p in shield):
            return True
        j -= 1
    return False


def _spans(words: Sequence[str], cues: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of any cue; an occurrence inside a longer one is dropped."""
    return _spans_of(tuple(words), tuple(cues))


@lru_cache(maxsize=8192)
def _spans_of(words: tuple[str, ...], cues: tuple[str, ...]) -> list[tuple[int, int]]:
    found = {span for cue in cues for span in _find(words, phrase(cue))}
    return [s for s in found if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found)]


def claims(words: Sequence[str], cues: Iterable[str], shield: Shield = ()) -> tuple[bool, bool]:
    """(asserted, denied): is any cue stated plainly, is any cue stated under a negation.

    A cue that starts a clause itself ("who wrote it") is never negated by what comes before
    ("we don't know who wrote it").
    """
    asserted, denied, seeming = _claims(words, cues, shield)
    return asserted or seeming, denied


def _claims(words: Sequence[str], cues: Iterable[str], shield: Shield = ()) -> tuple[bool, bool, bool]:
    """(asserted, denied, seeming): as :func:`claims`, with a cue said only as an appearance ("at first it
    *looks like* a contradiction") counted apart: it is a concession, and a denial elsewhere outweighs it."""
    asserted = denied = seeming = False
    for start, _ in _spans(words, cues):
        if words[start] not in CLAUSE_WORDS and _negated(words, start, shield):
            denied = True
        elif _seeming(words, start):
            seeming = True
        else:
            asserted = True
    return asserted, denied, seeming


def _seeming(words: Sequence[str], start: int) -> bool:
    """True if an appearance word ("looks like", "seems", "at first") comes shortly before ``start`` in its clause."""
    before = list(reversed(words[max(0, start - NEGATION_REACH) : start]))
    stop = next((i for i, w in enumerate(before) if _is_mark(w) or w in CLAUSE_WORDS), len(before))
    near = before[:stop]
    return any(w in APPEARANCES for w in near) or any(
        w == "first" and i + 1 < len(near) and near[i + 1] in ("at", "glance") for i, w in enumerate(near))


def mentions(words: Sequence[str], cues: Iterable[str]) -> bool:
    return bool(_spans(words, cues))


def sentences(words: list[str]) -> list[list[str]]:
    """Split at sentence marks and at contrast words ("but", "while", ...)."""
    out: list[list[str]] = [[]]
    for w in words:
        if w == SENTENCE or w in CONTRAST_WORDS:
            out.append([])
        else:
            out[-1].append(w)
    return [s for s in out if any(not _is_mark(w) for w in s)]


@dataclass(frozen=True)
class Part:
    """One part of a wrong-conclusion pattern: its alternatives, and whether it must be absent."""
    alternatives: tuple[str, ...]
    absent: bool = False


def pattern_parts(pattern: str) -> list[Part]:
    """``"jet/plane ... tension* ... !drone*"`` -> parts ``jet|plane``, ``tension*`` and absent ``drone*``."""
    parts = []
    for raw in pattern.split("..."):
        raw = raw.strip()
        absent = raw.startswith(NOT)
        parts.append(Part(tuple(alt.strip() for alt in raw.removeprefix(NOT).split("/")), absent))
    return parts


def _hedged(words: Sequence[str], start: int) -> bool:
    """True if a hedge (:data:`HEDGES`) comes shortly before ``start`` within the same clause, or
    someone else's words report it ("the article claims the jet is what really happened").

    A list of alternatives stays inside the hedge: in "nobody knows whether the convoy or the
    jet is the real story" the "or" does not end the clause that "whether" opened.
    """
    before = [w for w in reversed(words[max(0, start - NEGATION_REACH) : start])]
    stop = next((i for i, w in enumerate(before) if _is_mark(w) or (w in CLAUSE_WORDS and w not in NEGATION_CARRIES)),
                len(before))
    near = before[: stop + 1]
    return any(w in HEDGES for w in near) or _reported(near, words[start])


def _reported(near: Sequence[str], first: str) -> bool:
    """Is the claim a source's, told by a reporting verb ("the article claims", "section 5 says")? ``near`` are the
    words before the claim, nearest first; ``first`` is the claim's first word."""
    if near and near[0] in REPORTING and first in _CLAIM_STARTS:
        return False
    for i, w in enumerate(near):
        if w not in REPORTING:
            continue
        subject = list(near[i + 1 : i + 3])
        if subject and subject[0].isdigit():  # "section 5 says"
            subject = subject[1:]
        if subject and subject[0] in SOURCES and not AGREEING & set(near[i + 1 :]):
            return True
    return False


def _claimed(words: Sequence[str], cues: Iterable[str], shield: Shield, hedges: bool) -> bool:
    """Is any cue stated plainly: not negated (and, with ``hedges``, not hedged)?"""
    return any(
        (words[start] in CLAUSE_WORDS or not _negated(words, start, shield)) and not (hedges and _hedged(words, start))
        for start, _ in _spans(words, cues)
    )


def states_wrong(sentence: Sequence[str], pattern: str, shield: Shield = ()) -> bool:
    """Does the sentence claim ``pattern``? Every part (one of its alternatives) in any order, not
    negated; no ``!`` part mentioned at all; the last part that must be there (the conclusion) not
    hedged; and the sentence not a question."""
    if QUESTION in sentence:
        return False
    parts = pattern_parts(pattern)
    last = max(i for i, p in enumerate(parts) if not p.absent)
    return all(
        not mentions(sentence, p.alternatives) if p.absent else _claimed(sentence, p.alternatives, shield, i == last)
        for i, p in enumerate(parts)
    )


def strip_copied(words: list[str], prompt: str) -> tuple[list[str], float]:
    """The answer without the word runs it shares with the prompt, and the share removed."""
    source = [w for w in tokens(prompt) if not _is_mark(w)]
    runs = {tuple(source[i : i + COPY_RUN]) for i in range(len(source) - COPY_RUN + 1)}
    plain = [i for i, w in enumerate(words) if not _is_mark(w)]
    copied: set[int] = set()
    for k in range(len(plain) - COPY_RUN + 1):
        idx = plain[k : k + COPY_RUN]
        if tuple(words[i] for i in idx) in runs:
            copied.update(idx)
    kept = [CLAUSE if i in copied else w for i, w in enumerate(words)]
    return kept, (len(copied) / len(plain) if plain else 0.0)


def _fragments(words: Sequence[str]) -> list[int]:
    """The length in words of each piece between punctuation marks."""
    sizes, n = [], 0
    for w in [*words, CLAUSE]:
        if _is_mark(w):
            if n:
                sizes.append(n)
            n = 0
        else:
            n += 1
    return sizes


def is_keyword_list(words: Sequence[str], rubric_cues: Iterable[str]) -> bool:
    """Rubric words with hardly any sentence around them: a list, not an explanation.

    Either few function words outside the rubric's own phrases ("convoy drone jet
    contradiction"), or at least three short pieces between commas or line breaks
    ("the convoy, the drone, the jet, a contradiction").
    """
    plain = [w for w in words if not _is_mark(w)]
    covered = {i for start, end in _spans(plain, rubric_cues) for i in range(start, end)}
    if not covered:
        return False
    function = sum(w in FUNCTION_WORDS for i, w in enumerate(plain) if i not in covered)
    sizes = _fragments(words)
    return function / len(plain) < LIST_FUNCTION_SHARE or (len(sizes) >= LIST_PIECES and max(sizes) <= LIST_PIECE_WORDS)


# A sentence about all the accounts at once does not say which of them a conclusion is about.
_EVERYTHING = ("descriptions", "versions", "accounts", "stories", "all of them", "all three", "everything",
               "the whole story", "story keeps", "keeps changing")


@dataclass
class _Reading:
    """One criterion read over the answer's sentences."""

    met: bool
    denied: bool


def _read(c: Criterion, parts: list[list[str]], rubric_words: list[str], shield: Shield) -> _Reading:
    mentioned = not c.any or any(mentions(s, c.any) for s in parts)
    if not c.conclusion:
        return _Reading(mentioned, False)
    asserted = denied = seeming = False
    for s in parts:
        if c.any and not mentions(s, c.any) and (mentions(s, rubric_words) or mentions(s, _EVERYTHING)):
            continue  # a sentence about something else, or about all of it at once ("the descriptions don't match")
        a, d, m = _claims(s, c.conclusion, shield)
        asserted, denied, seeming = asserted or a, denied or d, seeming or m
    # "at first it looks like a contradiction, but ... there is no contradiction": the denial is the conclusion
    asserted = asserted or (seeming and not denied)
    return _Reading(mentioned and asserted, denied and not asserted)


def floor_to_step(value: float) -> float:
    return math.floor(value / STEP + 1e-9) * STEP


def prescore(prompt: str, points: int, rubric: Sequence[Criterion], answer: str,
             wrong_conclusions: Iterable[str] = ()) -> PreScore:
    """Score ``answer`` out of ``points`` against ``rubric``; see the module docstring."""
    labels = [c.label for c in rubric]
    words, copied_share = strip_copied(tokens(answer), prompt)
    if copied_share >= COPY_SHARE:
        return PreScore(0.0, [], labels, ["copied-prompt"])
    rubric_cues = [w for c in rubric for w in (*c.any, *c.conclusion)]
    if is_keyword_list(words, rubric_cues):
        return PreScore(0.0, [], labels, ["keyword-list"])
    shield = tuple(p for cue in [*rubric_cues, *wrong_conclusions] for p in _negative_phrases(cue))
    parts = sentences(words)
    kept = [s for s in parts if not any(states_wrong(s, p, shield) for p in wrong_conclusions)]
    rubric_words = [w for c in rubric for w in c.any]
    readings = [_read(c, kept, rubric_words, shield) for c in rubric]
    met = [c for c, r in zip(rubric, readings, strict=True) if r.met]
    total = sum(c.weight for c in rubric)
    score = points * sum(c.weight for c in met) / total if total else 0.0
    flags = []
    if len(kept) < len(parts) or any(r.denied for r in readings):
        score = min(score, points * WRONG_CAP)
        flags.append("wrong-conclusion")
    score = floor_to_step(score)
    if met and not flags:
        score = max(score, min(STEP, points))
    met_labels = [c.label for c in met]
    return PreScore(score, met_labels, [x for x in labels if x not in met_labels], flags)


def _negative_phrases(cue: str) -> list[tuple[str, ...]]:
    alternatives = [alt for part in pattern_parts(cue) for alt in part.alternatives]
    return [p for p in map(phrase, alternatives) if p and _is_negation(p[0])]
