"""Markdown to safe HTML (Python-Markdown renders, nh3 sanitises), and the other template filters' text."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "a", "p", "em", "strong", "code", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "br", "hr", "abbr",
}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


_BLOCK_BREAK = re.compile(r"(\n(?:[ \t]*\n)+)")
# After a block with a line like this (a list, a quote, indented code), a list item or quote that follows a blank
# line may belong to it (a loose list, one quote): it stays with it. An indented block always does.
_CONTINUES = re.compile(r"^(?:(?:[-*+]|\d+[.)])[ \t]|>|[ \t])", re.MULTILINE)
_INDENTED = re.compile(r"[ \t]")
_OPENS = re.compile(r"(?:[-*+]|\d+[.)])[ \t]|>")
# A one-line bullet item whose text is plain inline Markdown (it opens no block of its own).
_ITEM = re.compile(r"[-*+] (?![ \t]|[-*+][ \t]|\d+[.)][ \t]|#|>|[-*_](?:[ \t]*[-*_]){2}[ \t]*$|```|~~~)\S")
# Markdown whose meaning can reach across blank lines: render such a text whole.
_WHOLE_ONLY = ("```", "~~~", "]:", "<")
_local = threading.local()


def _markdown_html(text: str) -> str:
    """Python-Markdown's HTML, from one parser per thread (building a parser costs more than a short text)."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=["smarty"], output_format="html")
    return md.reset().convert(text)


@lru_cache(maxsize=4096)
def _render(text: str, inline: bool) -> str:
    html = _markdown_html(text)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _blocks(text: str) -> list[str] | None:
    """The text's top-level blocks, or None when it must be rendered whole.

    A chat message is mostly fixed content (feedback, the key, the rubric) around a
    line or two that differ for each learner ("Your answer: ..."). Rendering block
    by block lets the cache keep the fixed parts, so a long feedback message is not
    parsed again for every learner. Blocks that continue the one before (list items,
    quotes, indented code) stay with it, so the HTML is the same as rendering whole.
    """
    if any(mark in text for mark in _WHOLE_ONLY):
        return None
    pieces = _BLOCK_BREAK.split(text.strip("\n"))  # block, blank lines, block, ...
    groups = [pieces[0]]
    for gap, part in zip(pieces[1::2], pieces[2::2], strict=True):
        if _INDENTED.match(part) or (_OPENS.match(part) and _CONTINUES.search(groups[-1])):
            groups[-1] += gap + part  # the blank lines kept as they were: indented code counts them
        else:
            groups.append(part)  # a paragraph after a list, or a list after a paragraph, is a block of its own
    return groups


def _tight_list_items(block: str) -> list[str] | None:
    """The items of a block that is one tight bullet list of one-line items, else None.

    A question's options are such a list, shuffled for each attempt: "- **A.** ..." is
    a different option in each order, so the list as a whole is rarely rendered twice,
    while each item is. An item that could open a block of its own (a nested list, a
    heading, a quote, a rule) is not split off.
    """
    lines = block.split("\n")
    marker = lines[0][:1]
    if marker not in "-*+" or not all(_ITEM.match(line) and line[0] == marker for line in lines):
        return None
    return [line[2:] for line in lines]


def render_markdown(text: str | None, inline: bool = False) -> Markup:
    """Render Markdown and strip anything that is not plain formatting.

    Content is trusted less than code: a teacher edits it by hand, so script,
    style, event attributes and ``javascript:`` URLs are removed by nh3.
    """
    if not text:
        return Markup("")
    blocks = None if inline else _blocks(text)
    if blocks is None or len(blocks) == 1:
        return Markup(_render(text, inline))  # noqa: S704 - sanitised by nh3 in _render
    return Markup("\n".join(_render_block(b) for b in blocks))  # noqa: S704 - each block sanitised by nh3


def _render_block(block: str) -> str:
    items = _tight_list_items(block)
    if items is None:
        return _render(block, False)
    return "<ul>\n" + "\n".join(f"<li>{_render(item, True)}</li>" for item in items) + "\n</ul>"


def duration(seconds: int | None) -> str:
    """Seconds as "42 s", "3 min 5 s" or "1 h 2 min" (the ``duration`` template filter)."""
    seconds = int(seconds or 0)
    minutes, secs = divmod(seconds, 60)
    if not minutes:
        return f"{secs} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min {secs} s"


def points(value) -> str:
    """A score without trailing zeros, or a dash when there is none (the ``points`` template filter)."""
    return "—" if value is None else f"{round(float(value), 2):g}"
