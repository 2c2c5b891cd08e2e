"""Find the article sentence(s) a learner means from what they typed.

Learners name sentences the way people do: by id ("s14", "sentence 14",
"14"), by quoting a few words ("'several casualties on both sides'"), or by
paraphrase ("the fighter jet one", "the bit about Congo", "the part about the
drone"). The paraphrase match is a weighted keyword match: filler words are
dropped, each remaining word matches a sentence word by a tiny stem or, for
longer words, by fuzzy similarity (typos), and rare words weigh more than
common ones (IDF), so "the Russian media one" picks the one sentence about
Russian media, not any of the many that say "Russian". When several sentences
fit equally well the caller gets all of them and asks which one was meant.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..sentences import Article
from .text import NUMBER_WORDS, fold, stem, trim, words

_FILLER_WORDS = """
    a an the one ones bit bits part parts piece sentence sentences line lines about where which that this these
    those it its it's is was are were be been being i i'm think mean meant guess maybe probably and or of in on
    to from for at by with as some there they their them he she we you my me answer choose pick select go like
    stuff something thing things claim quote quotes says say said saying talks talk talking mentions mention
    mentioning just also really so please um uh hmm lol what who how when bout thats whats has have had do does
    did not no yes than then into onto very
"""
FILLER = frozenset(_FILLER_WORDS.split())
SYNONYMS = {
    "plane": ("jet", "bomber", "aircraft"),
    "airplane": ("jet", "bomber", "aircraft"),
    "aircraft": ("jet", "bomber"),
    "warplane": ("jet", "bomber"),
    "uav": ("drone",),
}
TITLE_WORDS = frozenset({"headline", "title", "heading"})
MAX_CANDIDATES = 6
THRESHOLD = 0.5
FUZZY_MIN_LEN = 5
FUZZY_SCORE = 85

_SEPARATORS = re.compile(r"\s*(?:,|;|\+|&|/|\band\b|\bplus\b|\bwith\b|\bvs\.?|\bversus\b)\s*")
_ID = re.compile(r"^(?:s|sentence|sent|#|no\.?|number|nr\.?)?\s*(\d{1,3})$")
_IDS_ANYWHERE = re.compile(r"(?:\bs\s?|\bsentences?\s*|#|\bnumbers?\s*)?\b(\d{1,3})\b")
_QUOTED = re.compile(r"\"([^\"]{3,})\"|'([^']{3,})'")


@dataclass
class Resolution:
    """What a reference resolved to. ``ok`` when every part named one sentence."""

    ids: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)  # candidates for the one unclear part
    ambiguous_text: str = ""
    unmatched: list[str] = field(default_factory=list)  # parts that named no sentence

    @property
    def ok(self) -> bool:
        return bool(self.ids) and not self.ambiguous and not self.unmatched


class SentenceIndex:
    """Precomputed word index over one article's sentences."""

    def __init__(self, article: Article):
        self.article = article
        self.sentences = article.sentences
        self.texts = {s.id: fold(s.text) for s in self.sentences}
        self.stems: dict[str, set[str]] = {}
        for s in self.sentences:
            for w in words(s.text):
                self.stems.setdefault(stem(w), set()).add(s.id)
        self.title_ids = [s.id for s in self.sentences if s.section == 0]

    # -- matching one word -------------------------------------------------
    def _sentences_for_word(self, word: str) -> set[str]:
        hits: set[str] = set()
        targets = (word, *SYNONYMS.get(word, ()))
        for target in targets:
            hits |= self.stems.get(stem(target), set())
        if len(word) >= FUZZY_MIN_LEN:
            for vocab, sids in self.stems.items():
                if len(vocab) >= FUZZY_MIN_LEN - 1 and fuzz.ratio(stem(word), vocab) >= FUZZY_SCORE:
                    hits |= sids
        return hits

    # -- one part of a reference --------------------------------------------
    def resolve_one(self, chunk: str) -> list[str]:
        """Sentence ids this part could mean: one id is a match, several are a tie, none is no match."""
        chunk = trim(fold(chunk))
        if not chunk:
            return []
        m = _ID.match(chunk)
        if m:
            sid = f"s{int(m.group(1))}"
            return [sid] if sid in self.texts else []
        quoted = _QUOTED.search(chunk)
        if quoted:
            chunk = quoted.group(1) or quoted.group(2)
        chunk_words = words(chunk)
        if TITLE_WORDS & set(chunk_words) and self.title_ids and len(set(chunk_words) - FILLER - TITLE_WORDS) == 0:
            return self.title_ids[:1]
        # A verbatim run of words that only one sentence contains.
        if len(chunk_words) >= 3:
            needle = trim(chunk)
            exact = [sid for sid, text in self.texts.items() if needle in text]
            if len(exact) == 1:
                return exact
        query = [w for w in chunk_words if w not in FILLER and not w.isdigit()]
        if not query:
            return []
        n = len(self.sentences)
        matches = {w: self._sentences_for_word(w) for w in dict.fromkeys(query)}
        weights = {w: math.log(1 + n / (len(sids) or 0.5)) for w, sids in matches.items()}
        total = sum(weights.values())
        scores: dict[str, float] = {}
        for w, sids in matches.items():
            for sid in sids:
                scores[sid] = scores.get(sid, 0.0) + weights[w] / total
        if not scores:
            return []
        best = max(scores.values())
        if best < THRESHOLD:
            return []
        tied = [s.id for s in self.sentences if scores.get(s.id, 0) >= best - 1e-9]
        return tied

    # -- a whole message -------------------------------------------------------
    def ids_only(self, text: str) -> list[str] | None:
        """If the message is nothing but sentence numbers, return them (``"s14 and 20"``)."""
        folded = fold(text)
        found = [f"s{int(m.group(1))}" for m in _IDS_ANYWHERE.finditer(folded)]
        rest = _IDS_ANYWHERE.sub(" ", folded)
        rest_words = [w for w in words(_SEPARATORS.sub(" ", rest)) if w not in FILLER and w not in NUMBER_WORDS]
        if found and not rest_words:
            return list(dict.fromkeys(found))
        return None

    def resolve(self, text: str) -> Resolution:
        ids = self.ids_only(text)
        if ids is not None:
            known = [i for i in ids if i in self.texts]
            return Resolution(ids=known, unmatched=[i for i in ids if i not in self.texts])
        chunks = [c for c in (trim(c) for c in _SEPARATORS.split(fold(text))) if c and set(words(c)) - FILLER]
        if len(chunks) > 1:
            parts = [(c, self.resolve_one(c)) for c in chunks]
            if all(len(hits) == 1 for _, hits in parts):
                return Resolution(ids=list(dict.fromkeys(h[0] for _, h in parts)))
        whole = self.resolve_one(text)
        if len(whole) == 1:
            return Resolution(ids=whole)
        if len(chunks) > 1:
            result = Resolution()
            for chunk, hits in parts:
                if len(hits) == 1:
                    result.ids.append(hits[0])
                elif not hits:
                    result.unmatched.append(chunk)
                elif not result.ambiguous:
                    result.ambiguous, result.ambiguous_text = hits, chunk
                else:
                    result.unmatched.append(chunk)
            result.ids = list(dict.fromkeys(result.ids))
            return result
        if whole:
            return Resolution(ambiguous=whole, ambiguous_text=trim(fold(text)))
        return Resolution(unmatched=[trim(fold(text))])
