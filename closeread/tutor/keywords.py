"""Weighted keyword matching of a short query against a few texts (sentences, options).

Filler words are dropped; each remaining query word matches a text word by a
tiny stem, a synonym, or (for longer words) fuzzy similarity, so typos still
match; rare words weigh more than common ones (IDF). A text's score is the
weighted share of the query words it contains, from 0 to 1.
"""

from __future__ import annotations

import math

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .text import stem, words

_FILLER_WORDS = """
a an the one ones bit bits part parts piece sentence sentences line lines about where which that this these
those it its it's is was are were be been being i i'm think mean meant maybe probably and or of in on
to from for at by with as some there they their them he she we you my me answer choose pick select go like
stuff something thing things claim quote quotes says say said saying talks talk talking mentions mention
mentioning just also really so please um uh hmm lol what who how when bout thats whats has have had do does
off out away around
did not no yes than then into onto very option options guy guys person people man men dude lady someone
somebody thingy whatever
"""
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
FILLER = frozenset(_FILLER_WORDS.split())
SYNONYMS = {
    "plane": ("jet", "bomber", "aircraft"),
    "airplane": ("jet", "bomber", "aircraft"),
    "aircraft": ("jet", "bomber"),
    "warplane": ("jet", "bomber"),
    "uav": ("drone",),
    # everyday names for what a text says formally
    "us": ("united",), "usa": ("united",), "america": ("united",), "american": ("united",),
    "americans": ("united",), "uk": ("britain", "british"), "date": _MONTHS, "day": _MONTHS, "when": _MONTHS,
    "killed": ("casualties", "deaths", "dead"), "deaths": ("killed", "casualties"), "dead": ("killed",),
    "died": ("killed",), "casualties": ("killed",), "soldiers": ("troops", "forces", "fighters"),
    "troops": ("forces", "soldiers", "personnel"), "army": ("military", "forces"), "military": ("army",),
    "russians": ("russian",), "french": ("france",), "france": ("french",), "germans": ("german", "germany"),
    "german": ("germany",), "germany": ("german",), "russia": ("russian", "moscow"), "moscow": ("russia",),
    "mercs": ("mercenaries",), "guns": ("armed",), "weapons": ("armed",), "cars": ("vehicles",),
    "trucks": ("vehicles",), "lorries": ("vehicles",), "headline": ("title",), "title": ("headline",),
    "comments": ("comment",), "author": ("byline",), "writer": ("author",),
}
FUZZY_MIN_LEN = 5
FUZZY_SCORE = 85


class KeywordMatcher:
    def __init__(self, texts: dict[str, str]):
        self.ids = list(texts)
        self.stems: dict[str, set[str]] = {}
        for key, text in texts.items():
            for w in words(text):
                self.stems.setdefault(stem(w), set()).add(key)

    def ids_for_word(self, word: str) -> set[str]:
        """Texts with the word (or a typo of it); only when none has it, texts with a synonym."""
        hits: set[str] = set(self.stems.get(stem(word), set()))
        if not hits:
            for target in SYNONYMS.get(word, ()):
                hits |= self.stems.get(stem(target), set())
        if len(word) >= FUZZY_MIN_LEN - 1:
            wanted = stem(word)
            for vocab, keys in self.stems.items():
                if len(vocab) < FUZZY_MIN_LEN - 1 or vocab[0] != wanted[0]:
                    continue
                # a typo: one letter wrong, missing, extra or two swapped ("syira", "drfits"), or close overall
                if OSA.distance(wanted, vocab) <= 1 or (len(word) >= FUZZY_MIN_LEN
                                                          and fuzz.ratio(wanted, vocab) >= FUZZY_SCORE):
                    hits |= keys
        return hits

    @staticmethod
    def query_words(query: str) -> list[str]:
        # numbers are positions, except a year ("the 2016 one")
        return list(dict.fromkeys(w for w in words(query) if w not in FILLER and not (w.isdigit() and len(w) != 4)))

    def scores(self, query: str) -> dict[str, float]:
        terms = self.query_words(query)
        if not terms:
            return {}
        n = len(self.ids)
        matches = {w: self.ids_for_word(w) for w in terms}
        weights = {w: math.log(1 + n / (len(keys) or 0.5)) for w, keys in matches.items()}
        total = sum(weights.values())
        out: dict[str, float] = {}
        for w, keys in matches.items():
            for key in keys:
                out[key] = out.get(key, 0.0) + weights[w] / total
        return out
