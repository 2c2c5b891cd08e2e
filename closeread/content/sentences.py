"""Split a lesson article into blocks and sentences with stable ids.

The article is kept verbatim in Markdown where the only markup is ``#`` for
the title and ``##`` for section headings. Everything else is paragraphs.

Sentence ids are ``s1``, ``s2``, ... in reading order. The title counts as a
sentence (it makes a claim) and so does a trailing boilerplate line such as
"Post a Comment"; section headings do not. Because the article never changes
(it is the verbatim subject of the lesson), position-based ids are stable, and
content files cite evidence by exact quotation rather than by id anyway.

A lesson built in the editor sets ``sentence_breaks = "lines"`` in its
``lesson.toml``: its ``article.md`` then holds one sentence per line (the title
is one sentence), so the sentences a teacher merged or split where the rule went
wrong ("the U.S. Army") read back exactly as the teacher left them.

Why a regular expression and not an NLP sentence splitter: the boundary rule
must be deterministic and reviewable, and the article has no abbreviations.
The rule: a sentence ends at ``.``, ``?`` or ``!`` (optionally followed by a
closing quote) when whitespace and an upper-case letter or opening quote
follow. ``tests/test_sentences.py`` pins the result for the seed article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BOUNDARY = re.compile(r"""(?<=[.?!])(?:["”’])?(?=\s+["“‘]?[A-Z0-9])""")
_HEADING = re.compile(r"^(#{1,2})\s+(.*)$")


def sentence_id(number: int) -> str:
    return f"s{number}"


def sentence_number(sid: str) -> int:
    """The number in an id from outside (a form, the chat, a stored answer); 0 if it is not ``s<n>``.

    Code that holds a :class:`Sentence` uses ``Sentence.number`` instead.
    """
    digits = sid[1:]
    return int(digits) if digits.isdigit() else 0


@dataclass(frozen=True)
class Sentence:
    id: str
    number: int  # 1-based, in reading order; the id is "s" + number
    text: str
    section: int  # 0 for the title, then 1.. for each "##" section
    paragraph: int  # paragraph number, counted over the whole article
    start: int  # offset of the sentence in Article.plain
    end: int


@dataclass
class Block:
    kind: str  # "title", "heading" or "paragraph"
    text: str
    section: int
    sentences: list[Sentence] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # a paragraph's lines as written


@dataclass
class Section:
    number: int
    heading: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]


@dataclass
class Article:
    title: str
    blocks: list[Block]
    sentences: list[Sentence]
    plain: str  # every sentence joined by "\n": what quotes are searched in

    @property
    def by_id(self) -> dict[str, Sentence]:
        return {s.id: s for s in self.sentences}

    @property
    def sections(self) -> list[Section]:
        """Sections in order; section 0 holds the title."""
        out: list[Section] = []
        for block in self.blocks:
            if not out or block.kind == "heading":
                out.append(Section(block.section, block.text if block.kind == "heading" else ""))
            out[-1].blocks.append(block)
        return out


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph of prose into sentences, keeping every character."""
    text = " ".join(paragraph.split())
    if not text:
        return []
    parts, last = [], 0
    for m in _BOUNDARY.finditer(text):
        parts.append(text[last : m.end()].strip())
        last = m.end()
    parts.append(text[last:].strip())
    return [p for p in parts if p]


def _block_sentences(block: Block, one_per_line: bool) -> list[str]:
    if not one_per_line:
        return split_sentences(block.text)
    if block.kind == "title":
        return [" ".join(block.text.split())] if block.text.strip() else []
    return [" ".join(line.split()) for line in block.lines]


def parse_article(markdown_text: str, one_per_line: bool = False) -> Article:
    """Parse the article's Markdown into blocks and numbered sentences.

    ``one_per_line``: each line of a paragraph is one sentence, as the editor writes
    it (``sentence_breaks = "lines"``); otherwise the rule above splits paragraphs.
    """
    blocks: list[Block] = []
    paragraph_lines: list[str] = []
    section = 0
    title = ""

    def flush() -> None:
        if paragraph_lines:
            blocks.append(Block("paragraph", " ".join(paragraph_lines), section, lines=list(paragraph_lines)))
            paragraph_lines.clear()

    for line in markdown_text.splitlines():
        m = _HEADING.match(line)
        if m:
            flush()
            if len(m.group(1)) == 1:
                title = m.group(2).strip()
                blocks.append(Block("title", title, 0))
            else:
                section += 1
                blocks.append(Block("heading", m.group(2).strip(), section))
        elif line.strip():
            paragraph_lines.append(line.strip())
        else:
            flush()
    flush()

    sentences: list[Sentence] = []
    plain_parts: list[str] = []
    offset = 0
    paragraph_no = 0
    for block in blocks:
        if block.kind == "heading":
            continue
        paragraph_no += 1
        for text in _block_sentences(block, one_per_line):
            s = Sentence(
                id=sentence_id(len(sentences) + 1),
                number=len(sentences) + 1,
                text=text,
                section=block.section,
                paragraph=paragraph_no,
                start=offset,
                end=offset + len(text),
            )
            block.sentences.append(s)
            sentences.append(s)
            plain_parts.append(text)
            offset += len(text) + 1
    return Article(title=title, blocks=blocks, sentences=sentences, plain="\n".join(plain_parts))
