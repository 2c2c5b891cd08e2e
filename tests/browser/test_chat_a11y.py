"""The chat tutor by keyboard alone, its live announcements, and axe in each state."""

import pytest

from tests.browser.a11y import assert_accessible
from tests.browser.test_keyboard_prefs import tab_to

pytestmark = pytest.mark.browser


def message_count(page):
    return page.locator("#transcript #messages > li").count()


def wait_for_reply(page, before):
    """Wait until the transcript holds more than ``before`` messages; return the first new one."""
    page.wait_for_function("(n) => document.querySelectorAll('#messages > li').length > n", arg=before)
    return page.locator("#transcript #messages > li").nth(before)


def send_by_keyboard(page, text):
    tab_to(page, "#chat-message")
    before = message_count(page)
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    return wait_for_reply(page, before)


def test_chat_by_keyboard_with_live_updates_and_axe_in_each_state(browser, live_server):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    tab_to(page, "button:text('Learn with the chat tutor')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#messages > li")
    live = page.locator("#transcript")
    assert live.get_attribute("aria-live") == "polite"
    assert_accessible(page, "chat greeting")

    # A new message is added inside the live region, so screen readers announce it.
    first_reply = send_by_keyboard(page, "help")
    assert first_reply.evaluate("(el) => el.closest('[aria-live=polite]') !== null")
    assert "restart" in live.inner_text().lower()

    # Input the tutor cannot read: a helpful reply, still inside the live region.
    send_by_keyboard(page, "purple elephants dancing")
    assert "understand" in live.inner_text().lower()
    assert_accessible(page, "chat after unclear input")

    # Skip to the quiz with the keyboard and answer the first question by typing its letter.
    send_by_keyboard(page, "quiz")
    page.wait_for_timeout(200)
    first = lesson.quiz.questions[0]
    if first.type == "choice":
        before = live.inner_text()
        send_by_keyboard(page, f"I think it's {first.key.upper()}")
        after = live.inner_text()
        assert len(after) > len(before)
        assert page.locator(".sentence.highlight, .sentence.evidence, .evidence").count() >= 1 or "Right" in after
    assert_accessible(page, "chat with feedback")

    # Quick replies are real buttons that the keyboard reaches.
    if page.locator("#quick-replies button").count():
        tab_to(page, "#quick-replies button")
        before = message_count(page)
        page.keyboard.press("Enter")
        wait_for_reply(page, before)
    assert_accessible(page, "chat after a quick reply")
    context.close()


def test_chat_without_javascript_is_accessible(browser, live_server):
    """The no-JavaScript chat markup, checked by axe (which itself needs JavaScript):
    the page's own script is blocked instead of turning JavaScript off."""
    context = browser.new_context()
    context.route("**/static/chat.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(live_server.url + "/lessons/germany-mali")
    page.click("button:text('Learn with the chat tutor')")
    page.wait_for_selector("#messages > li")
    assert_accessible(page, "chat without JavaScript")
    page.fill("#chat-message", "help")
    page.click("#chat-send")
    page.wait_for_load_state("load")
    assert "restart" in page.locator("#transcript").inner_text().lower()
    assert_accessible(page, "chat without JavaScript after a message")
    context.close()
