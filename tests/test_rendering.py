"""Markdown rendering: block-by-block (so the cache keeps a chat message's fixed parts) gives
exactly the HTML of rendering the text whole, on every content text and on generated ones."""

import tomllib

import markdown
import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from closeread.rendering import _ATTRIBUTES, _TAGS, render_markdown
from tests.helpers import ROOT


def whole(text: str) -> str:
    """The reference: the whole text through Python-Markdown once, then nh3."""
    html = markdown.markdown(text, extensions=["smarty"], output_format="html")
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def content_texts():
    for path in sorted((ROOT / "lesson").rglob("*.md")):
        yield path.read_text(encoding="utf-8")
    for path in sorted([*(ROOT / "lesson").rglob("*.toml"), *(ROOT / "quizzes").glob("*.toml")]):
        yield from _strings(tomllib.loads(path.read_text(encoding="utf-8")))


def test_every_content_text_renders_as_it_would_whole():
    texts = [t for t in content_texts() if t.strip()]
    assert len(texts) > 500
    for text in texts:
        assert str(render_markdown(text)) == whole(text), text[:80]


BLOCKS = st.sampled_from([
    "**Not quite.** 0 of 1 point.", "Your answer: s5: There are \"several reasons\" -- it's 'odd'...",
    "- Tension. *Several* is vague.\n- Contradiction: s16 and s26.", "1. First\n2. Second",
    "> a quoted line\n> and another", "    indented code", "## A heading", "Plain text with a [link](https://example.org).",
    "* star item", "- item one", "continued line after an item", "Text & more <b>bold</b>", "***", "a\nb",
    "- **A.** France said \"no\"\n- **B.** It's the 'drone' -- s23.", "- # heading?\n- x", "- 1. nested\n- y",
    "+ plus item\n+ another", "- a\n* b", "- ***\n- z", "- > q\n- r", "-  two spaces\n- t", "- `code`\n- *em*",
    "- item\n  continued", "Which of these?", "- a  \n- b", "- <b>x</b>\n- ~~~",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(BLOCKS, min_size=1, max_size=6), st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n  \n"]),
                                                          min_size=6, max_size=6))
def test_generated_messages_render_as_they_would_whole(blocks, gaps):
    text = "".join(b + g for b, g in zip(blocks, gaps, strict=False))
    assert str(render_markdown(text)) == whole(text)


def test_the_fixed_parts_of_a_message_are_rendered_once():
    from closeread.rendering import _render

    feedback = "**Not quite.** 0 of 1 point.\n\nThe answer: the ambassador's \"immediately\" in s4."
    render_markdown("Your answer: A\n\n" + feedback)
    before = _render.cache_info()
    render_markdown("Your answer: C\n\n" + feedback)
    after = _render.cache_info()
    assert after.misses - before.misses == 1  # only the learner's own line is new


def test_a_shuffled_option_list_is_rendered_item_by_item():
    """Options come in a new order for each attempt: each option is rendered once, not each order."""
    from closeread.rendering import _render

    stem = "Which of these does the article **actually say**?"
    options = ["France left Gao.", "The convoy was \"armed\".", "A drone was shot down."]
    first = stem + "\n\n" + "\n".join(f"- **{'ABC'[i]}.** {o}" for i, o in enumerate(options))
    assert str(render_markdown(first)) == whole(first)
    before = _render.cache_info()
    again = stem + "\n\n" + "\n".join(f"- **{'ABC'[i]}.** {o}" for i, o in enumerate(reversed(options)))
    html = str(render_markdown(again))
    assert html == whole(again)
    assert html.index("A drone was shot down") < html.index("France left Gao")
    assert _render.cache_info().misses - before.misses == 2  # "**A.** A drone..." and "**C.** France...": new
