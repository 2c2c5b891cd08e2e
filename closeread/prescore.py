"""Honest provisional scores for written (``explain``) answers. Pure functions, no Flask.

A keyword count rewards a list of keywords, a pasted copy of the question and a
wrong conclusion that happens to use the right words. This scorer reads the
answer a little more like a teacher does:

1. **Copied prompt.** Word runs shared with the question's prompt are set aside.
   When they are most of the answer, it scores 0 and is flagged ``copied-prompt``.
2. **Keyword list.** An answer with almost no sentence structure (few function
   words such as "the", "is", "because") that is mostly rubric words scores 0 and
   is flagged ``keyword-list``.
3. **Criteria.** A rubric criterion is met when the answer mentions one of its
   ``any`` words (if it lists some) and asserts one of its ``conclusion`` phrases
   (if it lists some). A conclusion phrase preceded by a negation in the same
   clause ("they do **not** contradict", "there is **no** contradiction") is not
   asserted; it is *denied*.
4. **Wrong conclusion.** A criterion that is only ever denied, or one of the
   question's ``wrong_conclusions`` stated without negation (and not outweighed by
   the right conclusion), flags ``wrong-conclusion`` and caps the score below
   full credit.

Words are matched whole and case-insensitively; a word ending in ``*`` matches
any word that starts with it (``contradict*``). Learners' spellings without an
apostrophe ("dont", "cant") and "cannot"/"can not" are read as "don't"/"can't".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .content_model import Criterion

FLAG_LABELS = {
    "copied-prompt": "copies the question",
    "keyword-list": "a list of keywords, not sentences",
    "wrong-conclusion": "states a wrong conclusion",
}

# Share of the answer's words that come from the prompt above which it is a copy.
COPY_SHARE = 0.6
# Word runs of this length shared with the prompt count as copied.
COPY_RUN = 5
# A keyword list: function words under this share of the words...
LIST_FUNCTION_SHARE = 0.2
# ...and rubric words at least this share of the remaining words.
LIST_RUBRIC_SHARE = 0.5
# How many words before a conclusion phrase a negation still reaches.
NEGATION_REACH = 4
# The most a wrong conclusion can earn, as a share of the points.
WRONG_CAP = 0.5

BOUNDARY = "|"
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*\*?|[.,;:!?()\"\n]|\s[-–—]\s")
_CONTRACTIONS = {
    w: w[:-1] + "'t"
    for w in ("dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont", "wouldnt",
              "couldnt", "shouldnt", "hasnt", "havent", "hadnt", "aint")
}
_CONTRACTIONS["cannot"] = "can't"
NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "neither", "nor", "without", "hardly"})
# Words that end the reach of a negation: a new clause starts.
CLAUSE_WORDS = frozenset(
    {"but", "and", "so", "because", "since", "while", "whereas", "although", "though", "however", "yet",
     "which", "who", "where", "whether", "or", "then", "also", "instead", "rather"}
)
_FUNCTION = (
    """a an the this that these those it its it's they them their there there's here he she we you i i'm
    me my our your his her is are was were be been being am do does did has have had can could will would
    should may might must shall of in on at to from by with about for as into than then so because but
    and or if when while which who what where why how not no also only just very both each one same other
    says said say says seems seem like make makes made get gets got go goes went"""
)
FUNCTION_WORDS = frozenset(_FUNCTION.split()) | frozenset(_CONTRACTIONS.values())


@dataclass
class PreScore:
    """What the scorer found; ``flags`` are codes of :data:`FLAG_LABELS`."""

    score: float
    met: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def tokens(text: str) -> list[str]:
    """Lower-case words of ``text``; punctuation that ends a clause becomes ``|``."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\bcan not\b", "cannot", text)
    out = []
    for tok in _TOKEN.findall(text):
        if not tok[0].isalnum():
            out.append(BOUNDARY)
        else:
            out.append(_CONTRACTIONS.get(tok, tok))
    return out


def _is_negation(tok: str) -> bool:
    return tok in NEGATIONS or tok.endswith("n't")


def _phrase(cue: str) -> list[str]:
    return [t for t in tokens(cue) if t != BOUNDARY]


def _word_matches(word: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


def _find(words: list[str], cue: list[str]) -> Iterable[tuple[int, int]]:
    """Spans ``(start, end)`` where the phrase ``cue`` occurs in ``words``."""
    n = len(cue)
    for i in range(len(words) - n + 1):
        if all(_word_matches(words[i + k], cue[k]) for k in range(n)):
            yield i, i + n


def _negated(words: list[str], start: int) -> bool:
    """True if a negation comes shortly before ``start`` within the same clause."""
    for j in range(start - 1, max(-1, start - 1 - NEGATION_REACH), -1):
        w = words[j]
        if w == BOUNDARY or w in CLAUSE_WORDS:
            return False
        if _is_negation(w):
            return True
    return False


def _spans(words: list[str], cues: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of any cue; an occurrence inside a longer one is dropped."""
    found = {span for cue in cues for span in _find(words, _phrase(cue))}
    return [s for s in found if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found)]


def claims(words: list[str], cues: Iterable[str]) -> tuple[bool, bool]:
    """(asserted, denied): is any cue stated plainly, is any cue stated under a negation."""
    asserted = denied = False
    for start, _ in _spans(words, cues):
        if _negated(words, start):
            denied = True
        else:
            asserted = True
    return asserted, denied


def mentions(words: list[str], cues: Iterable[str]) -> bool:
    return bool(_spans(words, cues))


def strip_copied(words: list[str], prompt: str) -> tuple[list[str], float]:
    """The answer without the word runs it shares with the prompt, and the share removed."""
    source = [w for w in tokens(prompt) if w != BOUNDARY]
    runs = {tuple(source[i : i + COPY_RUN]) for i in range(len(source) - COPY_RUN + 1)}
    plain = [i for i, w in enumerate(words) if w != BOUNDARY]
    copied: set[int] = set()
    for k in range(len(plain) - COPY_RUN + 1):
        idx = plain[k : k + COPY_RUN]
        if tuple(words[i] for i in idx) in runs:
            copied.update(idx)
    kept = [BOUNDARY if i in copied else w for i, w in enumerate(words)]
    return kept, (len(copied) / len(plain) if plain else 0.0)


def is_keyword_list(words: list[str], rubric_cues: Iterable[str]) -> bool:
    """Few function words and mostly rubric words: a list, not an explanation."""
    plain = [w for w in words if w != BOUNDARY]
    if len(plain) < 2:
        return False
    function = sum(w in FUNCTION_WORDS for w in plain)
    if function / len(plain) >= LIST_FUNCTION_SHARE:
        return False
    content = [w for w in plain if w not in FUNCTION_WORDS]
    cue_words = [c for cue in rubric_cues for c in _phrase(cue)]
    hits = sum(any(_word_matches(w, c) for c in cue_words) for w in content)
    return hits / len(content) >= LIST_RUBRIC_SHARE


def _criterion_state(words: list[str], c: Criterion) -> tuple[bool, bool]:
    """(met, denied) for one criterion."""
    mentioned = mentions(words, c.any) if c.any else True
    if not c.conclusion:
        return mentioned, False
    asserted, denied = claims(words, c.conclusion)
    return mentioned and asserted, denied and not asserted


def prescore(prompt: str, points: int, rubric: list[Criterion], answer: str,
             wrong_conclusions: Iterable[str] = ()) -> PreScore:
    """Score ``answer`` out of ``points`` against ``rubric``; see the module docstring."""
    labels = [c.label for c in rubric]
    words = tokens(answer)
    words, copied_share = strip_copied(words, prompt)
    if copied_share >= COPY_SHARE:
        return PreScore(0.0, [], labels, ["copied-prompt"])
    all_cues = [cue for c in rubric for cue in (*c.any, *c.conclusion)]
    if is_keyword_list(words, all_cues):
        return PreScore(0.0, [], labels, ["keyword-list"])
    met, missed, wrong = [], [], False
    for c in rubric:
        ok, denied = _criterion_state(words, c)
        (met if ok else missed).append(c.label)
        wrong = wrong or denied
    concluded = any(c.conclusion and c.label in met for c in rubric)
    if wrong_conclusions and not concluded:
        wrong = wrong or claims(words, wrong_conclusions)[0]
    fraction = len(met) / len(rubric) if rubric else 0.0
    flags = []
    if wrong:
        fraction = min(fraction, WRONG_CAP)
        flags.append("wrong-conclusion")
    return PreScore(round(points * fraction, 2), met, missed, flags)


# --- reading a rubric from content ---------------------------------------------------------------

RUBRIC_FIELDS = ("label", "any", "conclusion")


def _phrases(value: object, what: str, faults: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        faults.append(f"{what} must be a list of words or phrases")
        return ()
    for v in value:
        if not _phrase(v):
            faults.append(f'{what}: "{v}" has no word in it')
        elif not all(re.fullmatch(r"[^*]+\*?", part) for part in v.split()):
            faults.append(f'{what}: "{v}" may only use * at the end of a word')
    return tuple(v.strip().lower() for v in value)


def read_rubric(raw: dict) -> tuple[list[Criterion], tuple[str, ...], list[str]]:
    """The ``[[question.rubric]]`` criteria and ``wrong_conclusions`` of an explain question.

    Returns the criteria, the wrong-conclusion phrases and the faults found, each
    fault a sentence a teacher can act on.
    """
    faults: list[str] = []
    criteria: list[Criterion] = []
    entries = raw.get("rubric") or []
    if not isinstance(entries, list):
        entries = []
    for n, c in enumerate(entries, 1):
        if not isinstance(c, dict):
            faults.append(f"rubric criterion {n} must be a table")
            continue
        unknown = sorted(set(c) - set(RUBRIC_FIELDS))
        if unknown:
            known = ", ".join(RUBRIC_FIELDS)
            faults.append(f"rubric criterion {n} has unknown field(s) {', '.join(unknown)} (known: {known})")
        label = c.get("label")
        words = _phrases(c.get("any"), f"rubric criterion {n} 'any'", faults)
        conclusion = _phrases(c.get("conclusion"), f"rubric criterion {n} 'conclusion'", faults)
        if not isinstance(label, str) or not label.strip() or not (words or conclusion):
            faults.append(f"rubric criterion {n} needs a 'label' and a non-empty 'any' or 'conclusion' list")
            continue
        criteria.append(Criterion(label.strip(), words, conclusion))
    if len(criteria) < 2:
        faults.append("an explain question needs at least two rubric criteria")
    wrong = _phrases(raw.get("wrong_conclusions"), "'wrong_conclusions'", faults)
    return criteria, wrong, faults
