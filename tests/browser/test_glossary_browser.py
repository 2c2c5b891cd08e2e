"""The glossary in the article: opened by keyboard or tap through the popover API, no script, axe clean."""

import pytest

from tests.browser.a11y import assert_accessible

pytestmark = pytest.mark.browser


def test_a_hard_word_opens_by_keyboard_with_javascript_off(browser, live_server):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    entry = lesson.glossary.lookup("annexation")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    button = page.locator(f"#s10 button.gloss[popovertarget={entry.anchor}]")
    popover = page.locator(f"#{entry.anchor}")
    assert button.inner_text() == "annexation"
    assert not popover.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert popover.is_visible() and entry.definition in popover.inner_text()
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_glossary_popover_is_axe_clean_open_and_closed(browser, live_server, scheme):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    entry = lesson.glossary.lookup("diplomatic rift")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    assert page.locator("#s10").inner_text() == lesson.article.by_id["s10"].text  # closed: reads as published
    assert_accessible(page, "lesson page with the glossary")
    page.locator(f"button.gloss[popovertarget={entry.anchor}]").click()
    assert page.locator(f"#{entry.anchor}").is_visible()
    assert_accessible(page, "lesson page with a glossary popover open")
    context.close()


def test_a_tap_opens_the_meaning_on_a_phone(browser, live_server):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    entry = lesson.glossary.lookup("mercenaries")
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    page.locator(f"button.gloss[popovertarget={entry.anchor}]").tap()
    popover = page.locator(f"#{entry.anchor}")
    assert popover.is_visible()
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits the screen
    context.close()
