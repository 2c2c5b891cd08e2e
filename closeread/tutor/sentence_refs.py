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

import re
from dataclasses import dataclass, field

from ..content.sentences import Article
from .keywords import FILLER, KeywordMatcher
from .text import NUMBER_WORDS, fold, trim, words

TITLE_WORDS = frozenset({"headline", "title", "heading"})
MAX_CANDIDATES = 6
THRESHOLD = 0.5
FULL_COVERAGE = 0.99

_SEPARATORS = re.compile(r"\s*(?:,|;|\+|&|/|\band\b|\bplus\b|\bwith\b|\bvs\.?|\bversus\b)\s*")
_ID = re.compile(r"^(?:s|sentence|sent|#|no\.?|number|nr\.?)?\s*(\d{1,3})$")
_IDS_ANYWHERE = re.compile(r"(?:\b(?:s|sentences?|numbers?|no\.?)\s?|#|\b)(\d{1,3})\b")
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
        self.matcher = KeywordMatcher({s.id: s.text for s in self.sentences})
        self.title_ids = [s.id for s in self.sentences if s.section == 0]

    # -- one part of a reference --------------------------------------------
    def resolve_one(self, chunk: str) -> list[str]:
        """Sentence ids this part could mean: one id is a match, several are a tie, none is no match."""
        return self._resolve_one(chunk)[0]

    def _resolve_one(self, chunk: str) -> tuple[list[str], float]:
        """(candidate ids, how much of the part the best of them covers, 0..1)."""
        chunk = trim(fold(chunk))
        if not chunk:
            return [], 0.0
        m = _ID.match(chunk)
        if m:
            sid = f"s{int(m.group(1))}"
            return ([sid], 1.0) if sid in self.texts else ([], 0.0)
        quoted = _QUOTED.search(chunk)
        alone = quoted is not None and not set(words(_QUOTED.sub(" ", chunk))) - FILLER
        if quoted:
            chunk = quoted.group(1) or quoted.group(2)
        chunk_words = words(chunk)
        if alone and len(chunk_words) >= 2:  # a quotation and nothing else: its words, verbatim ("the 'was said' one")
            exact = [sid for sid, text in self.texts.items() if trim(chunk) in text]
            if exact:
                return exact, 1.0
        if TITLE_WORDS & set(chunk_words) and self.title_ids and len(set(chunk_words) - FILLER - TITLE_WORDS) == 0:
            return self.title_ids[:1], 1.0
        # A verbatim run of words that only one sentence contains.
        if len(chunk_words) >= 3:
            needle = trim(chunk)
            exact = [sid for sid, text in self.texts.items() if needle in text]
            if len(exact) == 1:
                return exact, 1.0
        scores = self.matcher.scores(chunk)
        if not scores:
            return [], 0.0
        best = max(scores.values())
        if best < THRESHOLD:
            return [], best
        tied = [s.id for s in self.sentences if scores.get(s.id, 0) >= best - 1e-9]
        return tied, best

    # -- a whole message -------------------------------------------------------
    def ids_only(self, text: str) -> list[str] | None:
        """If the message is nothing but sentence numbers, return them (``"s14 and 20"``)."""
        folded = fold(text)
        if _QUOTED.search(folded):  # "the 'was said' one and s19": a quotation names a sentence too
            return None
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
        chunks = [c for c in (c.strip(" \t.,;:!?()[]") for c in _SEPARATORS.split(fold(text)))
                  if c and (set(words(c)) - FILLER or _QUOTED.search(c))]  # a quotation is never filler
        if len(chunks) > 1:
            parts = [(c, self.resolve_one(c)) for c in chunks]
            if all(len(hits) == 1 for _, hits in parts):
                return Resolution(ids=list(dict.fromkeys(h[0] for _, h in parts)))
        whole, coverage = self._resolve_one(text)
        # Several parts ("the jet one and the convoy one") are one sentence only if one sentence has them all.
        if len(whole) == 1 and (len(chunks) < 2 or coverage >= FULL_COVERAGE):
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
