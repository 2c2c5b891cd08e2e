"""An article's text from what a teacher pastes or uploads (.txt, .md, .html). No Flask.

The result is always plain text in parts: ("title" | "heading" | "paragraph", text).
Nothing of the input's markup survives: HTML goes through BeautifulSoup (the
standard library's parser, no network, no entity expansion beyond HTML's own),
which drops scripts, styles, forms and embedded objects with their content and
keeps only the text of headings and text blocks. Markdown is turned into HTML
by Python-Markdown first and then reduced the same way, so links, emphasis and
images leave only their words. What is shown later is escaped by Jinja anyway;
this is about giving the teacher clean sentences, not about trusting the input.
"""

from __future__ import annotations

import re

import markdown

from .document import EditError, clean_text

UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_UPLOAD_BYTES = 200_000  # under the app's request limit; an article of 20,000 characters fits many times
# Elements whose content is never article text.
DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "form", "button",
        "select", "textarea", "input", "canvas", "audio", "video", "head", "nav", "aside", "footer", "header")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TEXT_BLOCKS = ("p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "caption", "td", "th", "address")
SEPARATED = HEADINGS + TEXT_BLOCKS + ("div", "section", "article", "main", "tr", "ul", "ol", "table")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def _squash(text: str) -> str:
    return " ".join(text.split())


def parts_from_html(html: str) -> list[tuple[str, str]]:
    """Headings and text blocks of an HTML page, in order; a bare text page is split at blank lines."""
    from bs4 import BeautifulSoup, Comment  # loaded on the first HTML upload, not by every worker at start

    soup = BeautifulSoup(html, "html.parser")
    page_title = _squash(soup.title.get_text(" ")) if soup.title else ""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for element in soup.find_all(DROP):
        element.decompose()
    for element in soup.find_all("br"):
        element.replace_with(" ")
    for element in soup.find_all(SEPARATED):
        element.insert_after(" ")  # words of two blocks never run together; inline tags add no space
    parts: list[tuple[str, str]] = []
    wanted = HEADINGS + TEXT_BLOCKS
    for element in soup.find_all(wanted):
        if element.find_parent(wanted):
            continue  # its words are in the block around it
        text = _squash(element.get_text(""))
        if not text:
            continue
        if element.name == "h1":
            parts.append(("title", text))
        elif element.name in HEADINGS:
            parts.append(("heading", text))
        else:
            parts.append(("paragraph", text))
    if not parts:
        parts = parts_from_text(soup.get_text("\n"))
    if page_title and not any(kind == "title" for kind, _ in parts):
        parts.insert(0, ("title", page_title))
    return parts


def parts_from_text(text: str) -> list[tuple[str, str]]:
    """Plain text: paragraphs at blank lines; a line "# Title" or "## Heading" is kept as one."""
    parts: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.append(("paragraph", _squash(" ".join(paragraph))))
            paragraph.clear()

    for line in clean_text(text).split("\n"):
        m = _MD_HEADING.match(line.strip())
        if m:
            flush()
            parts.append(("title" if len(m.group(1)) == 1 else "heading", _squash(m.group(2))))
        elif line.strip():
            paragraph.append(line.strip())
        else:
            flush()
    flush()
    return parts


def parts_from_markdown(text: str) -> list[tuple[str, str]]:
    return parts_from_html(markdown.markdown(clean_text(text), output_format="html"))


def decode_upload(filename: str, data: bytes) -> list[tuple[str, str]]:
    """The parts of an uploaded file, by its suffix; EditError for anything else."""
    name = (filename or "").lower()
    suffix = next((s for s in UPLOAD_SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        raise EditError("Upload a .txt, .md or .html file.", "upload")
    if len(data) > MAX_UPLOAD_BYTES:
        raise EditError(f"That file is {len(data):,} bytes; upload at most {MAX_UPLOAD_BYTES:,} bytes "
                        "(an article of 20,000 characters is far less).", "upload")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if suffix in (".html", ".htm"):
            text = data.decode("latin-1")  # old pages without a charset; every byte reads as something
        else:
            raise EditError("That file is not UTF-8 text: save it as UTF-8 and upload it again.", "upload") from None
    if suffix in (".html", ".htm"):
        return parts_from_html(text)
    if suffix in (".md", ".markdown"):
        return parts_from_markdown(text)
    return parts_from_text(text)


def split_title(parts: list[tuple[str, str]], title: str) -> tuple[str, list[tuple[str, str]]]:
    """The title the teacher typed, or else the text's first title; any other title is a heading."""
    title = _squash(title)
    found = next((text for kind, text in parts if kind == "title"), "")
    title = title or found
    body: list[tuple[str, str]] = []
    used = False
    for kind, text in parts:
        if kind == "title" and text == title and not used:
            used = True
            continue
        body.append(("heading" if kind == "title" else kind, text))
    return title, body
