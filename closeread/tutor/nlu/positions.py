"""Sentences named by position: "the last sentence of section 3", "the very last line",
"the first sentence of the background", "the one before Post a Comment", "the 2nd sentence in part 4".

:func:`rewrite` replaces each such phrase with the sentence's id ("s19"), so the
sentence matcher then treats a mixed reference ("s16 and the last line of
section 5") like any list of ids.
"""

from __future__ import annotations

import re

from ...content.sentences import Article
from ..text import NUMBER_WORDS, ORDINALS, fold

_ORD = {**ORDINALS, "last": -1, "final": -1, "closing": -1, "opening": 1, "1st": 1, "second to last": -2,
        "second last": -2, "penultimate": -2, "next to last": -2}
_ORD_RE = "|".join(sorted((re.escape(k) for k in _ORD), key=len, reverse=True))
_UNIT = r"(?:sentence|line|bit|part|one|claim|statement|sentance|sentense|setence)"
_SECTION_WORD = r"(?:section|part|paragraph|heading|sec)"
_PLACE = re.compile(
    r"\b(?:the )?(?:very )?(?P<ord>" + _ORD_RE + r") " + _UNIT +
    r"(?: (?:of|in|from|under|at the (?:end|start) of) (?:the )?(?P<where>[\w’' ?-]+?))?"
    r"(?=$|[,;.!?]| and\b| or\b| plus\b)")
_NEIGHBOUR = re.compile(
    r"\b(?:the )?(?:one|sentence|line|bit)? ?(?:right |just |directly |immediately )?(?P<dir>before|after|above|below)"
    r" (?:the )?(?P<ref>s\d{1,3}|[\w’' -]+?)(?=$|[,;.!?]| and\b| or\b)")


class Positions:
    """Sentence positions in one article: by section, first/last, and neighbours."""

    def __init__(self, article: Article):
        self.sentences = article.sentences
        self.sections = {s.number: [x.id for x in s.sentences] for s in article.sections if s.sentences}
        self.headings = {}
        for s in article.sections:
            heading = fold(re.sub(r"^\d+\.\s*", "", s.heading or "")).strip(" ?")
            if heading:
                self.headings[heading] = s.number
                self.headings[heading.removeprefix("the ")] = s.number
        self.headings.update({"intro": 1, "beginning": None, "start": None, "end": None, "article": None,
                              "text": None, "post": None, "whole article": None, "whole thing": None})

    def section(self, where: str) -> tuple[bool, int | None]:
        """(recognised, section number or None for the whole article)."""
        where = where.strip(" '’?").removeprefix("the ")
        if not where or where in ("article", "text", "post", "blog", "whole article", "whole thing", "page"):
            return True, None
        m = re.fullmatch(_SECTION_WORD + r" (\d+|[a-z]+)", where) or re.fullmatch(r"(\w+) " + _SECTION_WORD, where)
        if m:
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, ORDINALS.get(raw))
            if n in self.sections:
                return True, n
            if raw == "last":
                return True, max(self.sections)
            return False, None
        for heading, number in self.headings.items():
            if where == heading or where.removesuffix(" section") == heading or where.removesuffix(" part") == heading:
                return True, number
        return False, None

    def nth(self, ordinal: str, section: int | None) -> str | None:
        ids = self.sections[section] if section is not None else [s.id for s in self.sentences]
        n = _ORD[ordinal]
        if n > 0:
            return ids[n - 1] if n <= len(ids) else None
        return ids[n] if -n <= len(ids) else None

    def rewrite(self, text: str, resolve_one, current: int | None = None) -> str:
        """Replace position phrases with sentence ids; ``resolve_one(chunk)`` finds a sentence by its words.

        ``current``: the section being read, which "the third sentence" or "this part" refers to."""
        def place(m: re.Match) -> str:
            where = m.group("where")
            if where and re.fullmatch(r"(?:this|the current) (?:part|section|paragraph|bit)", where.strip()):
                where = None
            ok, section = self.section(where) if where else (True, current)
            if not ok:
                return m.group(0)
            sid = self.nth(m.group("ord"), section)
            return sid or m.group(0)

        def neighbour(m: re.Match) -> str:
            ref = m.group("ref").strip()
            hits = [ref] if re.fullmatch(r"s\d{1,3}", ref) else resolve_one(ref)
            ids = [s.id for s in self.sentences]
            if len(hits) != 1 or hits[0] not in ids:
                return m.group(0)
            i = ids.index(hits[0]) + (-1 if m.group("dir") in ("before", "above") else 1)
            return ids[i] if 0 <= i < len(ids) else m.group(0)

        return _NEIGHBOUR.sub(neighbour, _PLACE.sub(place, text))
