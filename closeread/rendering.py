"""Markdown to safe HTML (Python-Markdown renders, nh3 sanitises), and the other template filters' text."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "a", "p", "em", "strong", "code", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "br", "hr", "abbr",
}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


@lru_cache(maxsize=2048)
def render_markdown(text: str | None, inline: bool = False) -> Markup:
    """Render Markdown and strip anything that is not plain formatting.

    Content is trusted less than code: a teacher edits it by hand, so script,
    style, event attributes and ``javascript:`` URLs are removed by nh3.
    """
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=["smarty"], output_format="html")
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


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
