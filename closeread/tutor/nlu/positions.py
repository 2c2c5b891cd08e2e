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
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_ORDS = r"(?P<ords>(?:" + _ORD_RE + r")(?:(?:\s*,\s*|\s*,?\s+and\s+|\s*&\s*)(?:the )?(?:" + _ORD_RE + r"))*)"
_WHERE = r"(?: (?:of|in|from|under|at the (?:end|start) of) (?:the )?(?P<where>[\w’' ?-]+?))"
_PLACE = re.compile(
    r"\b(?:the )?(?:very )?" + _ORDS + r"(?: (?P<count>two|three|four|five|[2-5]))?"
    r"(?P<unit>(?: (?:real|actual|proper|full|complete|main|whole))? " + _UNIT + r"s?)?"
    + _WHERE + r"?(?=$|[,;.!?]| and\b| or\b| plus\b| vs\b)")
_PARAGRAPH = re.compile(r"^(?:the )?(?P<ord>\w+) paragraph(?: (?:of|in) (?:the )?(?P<section>[\w’' ?-]+))?$")
_NEIGHBOUR = re.compile(
    r"\b(?:the )?(?:one|sentence|line|bit)? ?(?:right |just |directly |immediately )?(?P<dir>before|after|above|below)"
    r" (?:the )?(?P<ref>s\d{1,3}|[\w’' -]+?)(?=$|[,;.!?]| and\b| or\b)")
# "sentence three of this part", "line 2 in section 5": a number counted within a place, not a sentence id.
_NUMBER_IN = re.compile(r"\b(?:the )?(?:sentence|line|sentance|sentense) (?:number |no\.? |#)?(?P<n>\d{1,2}|one|two|"
                        r"three|four|five|six|seven|eight) (?:of|in|from) (?:the )?(?P<where>[\w’' ?-]+?)"
                        r"(?=$|[,;.!?]| and\b| or\b| plus\b| vs\b)")
# The part being read, however it is pointed at: "this part", "that section", "the same paragraph", "the section".
_THIS_PART = re.compile(r"(?:(?:this|that|the|the current|the same|this same|same) )?(?:part|section|paragraph|bit)")
_ORDINAL_ALONE = re.compile(r"(?:the )?(?:very )?(" + _ORD_RE + r")(?: one)?")
# "the one before the last (one)", "the sentence before last": the second to last, however the count goes.
_BEFORE_LAST = re.compile(r"\b(?:the )?(?P<unit>one|sentence|line|bit) (?:right |just )?before (?:the )?(?:very )?"
                          r"(?:last|final)(?: (?:one|sentence|line|bit))?\b(?! (?:section|part|paragraph|heading))")
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
# Page furniture: a short line with no full stop at the very end ("Post a Comment") is not "the last sentence".
_FURNITURE_WORDS = 4


class Positions:
    """Sentence positions in one article: by section, first/last, and neighbours."""

    def __init__(self, article: Article):
        self.sentences = article.sentences
        self.furniture = _furniture(article)
        # The line before the first heading is the title: "the first sentence" of the article may mean it or not.
        self.title = {x.id for s in article.sections if s.number == 0 and not s.heading for x in s.sentences}
        self.sections = {s.number: [x.id for x in s.sentences] for s in article.sections if s.sentences}
        self.paragraphs: dict[int, list[list[str]]] = {}
        for s in article.sections:
            by_paragraph: dict[int, list[str]] = {}
            for x in s.sentences:
                by_paragraph.setdefault(x.paragraph, []).append(x.id)
            self.paragraphs[s.number] = list(by_paragraph.values())
        self.headings = {}
        for s in article.sections:
            heading = fold(re.sub(r"^\d+\.\s*", "", s.heading or "")).strip(" ?")
            if heading:
                self.headings[heading] = s.number
                self.headings[heading.removeprefix("the ")] = s.number
        self.headings.update({"intro": 1, "beginning": None, "start": None, "end": None, "article": None,
                              "text": None, "post": None, "whole article": None, "whole thing": None})

    def paragraph(self, where: str, current: int | None) -> list[str] | None:
        """The sentence ids of 'the second paragraph' (of the part being read, or of a named section)."""
        m = _PARAGRAPH.match(where.strip(" '’?"))
        if not m or m.group("ord") not in _ORD:
            return None
        section = current
        if m.group("section"):
            ok, section = self.section(m.group("section"))
            if not ok:
                return None
        paragraphs = self.paragraphs.get(section) if section is not None else None
        n = _ORD[m.group("ord")]
        if not paragraphs or abs(n) > len(paragraphs) or n == 0:
            return None
        return paragraphs[n - 1 if n > 0 else n]

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

    def nth(self, ordinal: str, section: int | None, ids: list[str] | None = None) -> str | None:
        if ids is None:
            ids = self.sections[section] if section is not None else [s.id for s in self.sentences]
        n = _ORD[ordinal] if ordinal in _ORD else _WORD_NUMBERS.get(ordinal) or int(ordinal)
        if n > 0:
            return ids[n - 1] if n <= len(ids) else None
        real = [i for i in ids if i not in self.furniture] or ids  # counted from the end: real sentences only
        return real[n] if -n <= len(real) else None

    def where(self, where: str | None, current: int | None) -> list[str] | None:
        """The sentence ids a place names: a section, a paragraph, the part being read, or the whole article."""
        if where and _THIS_PART.fullmatch(where.strip()):
            if current is None:
                return None  # "that section" with no part being read names no place
            where = None
        if not where:
            return self.sections.get(current) if current is not None else [s.id for s in self.sentences]
        paragraph = self.paragraph(where, current)
        if paragraph is not None:
            return paragraph
        ok, section = self.section(where)
        if not ok:
            return None
        return self.sections[section] if section is not None else [s.id for s in self.sentences]

    def rewrite(self, text: str, resolve_one, current: int | None = None) -> str:
        """Replace position phrases with sentence ids; ``resolve_one(chunk)`` finds a sentence by its words.

        ``current``: the section being read, which "the third sentence" or "this part" refers to."""
        def numbered(m: re.Match) -> str:
            ids = self.where(m.group("where"), current)
            found = self.nth(m.group("n"), None, ids) if ids else None
            return found or m.group(0)

        def place(m: re.Match) -> str:
            if not (m.group("unit") or m.group("where") or (m.group("count") and current is not None)):
                return m.group(0)  # "the first" alone is not a place ("the first two" is, in the part being read)
            ords = [o for o in re.split(r"\s*,\s*|\s*,?\s+and\s+(?:the )?|\s*&\s*(?:the )?", m.group("ords")) if o]
            ids = self.where(m.group("where"), current)
            if ids is None or any(o not in _ORD for o in ords):
                return m.group(0)
            count = _COUNT.get(m.group("count") or "", 1)
            if count > 1 and len(ords) == 1:  # "the first two sentences", "the last three"
                start = _ORD[ords[0]]
                real = [i for i in ids if i not in self.furniture] or ids
                picked = ids[:count] if start > 0 else real[-count:]
                return " and ".join(picked) if len(picked) == count else m.group(0)
            found = [self._counted(o, ids, m.group("unit") or "") for o in ords]
            return " and ".join(found) if all(found) else m.group(0)

        def neighbour(m: re.Match) -> str:
            hit = self._one_sentence(m.group("ref").strip(), resolve_one, current)
            ids = [s.id for s in self.sentences]
            if hit is None:
                return m.group(0)
            i = ids.index(hit) + (-1 if m.group("dir") in ("before", "above") else 1)
            return ids[i] if 0 <= i < len(ids) else m.group(0)

        text = _BEFORE_LAST.sub(lambda m: f"the second to last {m.group('unit')}", text)
        alone = _ORDINAL_ALONE.fullmatch(text.strip(" .!?"))
        if alone and current is not None:  # "second to last", "the last": in the part being read
            return self._counted(alone.group(1), self.sections.get(current, []), "") or text
        text = _NUMBER_IN.sub(numbered, text)
        text = _PLACE.sub(place, text)
        return _NEIGHBOUR.sub(neighbour, _whole_neighbour_ref(text))

    def _counted(self, ordinal: str, ids: list[str], unit: str) -> str | None:
        """The sentence an ordinal names in ``ids``; "s27|s28" when the count hangs on the page's closing line.

        Counting from the end of a place that ends in page furniture ("Post a Comment") has two readings:
        "second to last" is s27 without that line and s28 with it; the tutor asks rather than guesses. "The last
        sentence" and "the last one" are the last real sentence; "the last line" is asked about too. Counting
        from the start of the article, "the first sentence" is the title or the text's first sentence: asked too
        ("the first line" is the title line, as "the last line" may be the page's closing line)."""
        found = self.nth(ordinal, None, ids)
        n = _ORD.get(ordinal, 0)
        if n == 1 and found in self.title and len(ids) > 1 and " line" not in unit:
            return f"{found}|{ids[1]}"  # "the first sentence": the title, or the text's first? ("first line": title)
        if not found or n >= 0 or not ids or ids[-1] not in self.furniture or (n == -1 and " line" not in unit):
            return found
        literal = ids[n] if -n <= len(ids) else None
        return f"{found}|{literal}" if literal and literal != found else found

    def _one_sentence(self, ref: str, resolve_one, current: int | None) -> str | None:
        """The one sentence a neighbour's reference names: an id, or words (in the part being read, if tied)."""
        ref = re.sub(r"^(?:the )?(?:one|sentence|bit|line|part)s? (?:about|on|with|that says|mentioning) ", "", ref)
        ref = re.sub(r"\s+(?:one|sentence|bit|line)$", "", ref)
        if re.fullmatch(r"s\d{1,3}", ref):
            return ref if any(s.id == ref for s in self.sentences) else None
        hits = resolve_one(ref)
        if len(hits) > 1 and current is not None:
            hits = [h for h in hits if h in self.sections.get(current, [])]
        return hits[0] if len(hits) == 1 else None


def _furniture(article: Article) -> set[str]:
    """Trailing lines of the page that are not sentences: short, with no full stop ("Post a Comment")."""
    out: set[str] = set()
    for sentence in reversed(article.sentences):
        text = sentence.text.strip()
        if len(text.split()) > _FURNITURE_WORDS or text.endswith((".", "!", "?", "\"", "”")):
            break
        out.add(sentence.id)
    return out


def _whole_neighbour_ref(text: str) -> str:
    """'the one after the syria and ukraine one': "and" inside the reference joins words, not two sentences."""
    return re.sub(r"\b(before|after|above|below) (?:the )?(?:one (?:about|on|with) )?([\w’'-]+) and ([\w’'-]+)"
                  r"(?= one\b| sentence\b| bit\b|$)", r"\1 \2 \3", text)
