"""Issue 12, parts 3-6 in Debian's chromium, on a phone (390×844, touch) and a desktop (1366×768):
the article drawer, feedback first, the sentence-picking bar, the chat's options and scrolling.

Each test leaves screenshots in tests/artifacts/ (named ui-<size>-<what>.png).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible
from tests.browser.layout import assert_phone_friendly
from tests.browser.start import start_round_one

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
SIZES = {"phone": PHONE, "desktop": DESKTOP}


def lesson_of(app):
    return app.extensions["closeread.lessons"]["germany-mali"]


def open_page(browser, size, javascript=True):
    touch = size == "phone"
    context = browser.new_context(viewport=SIZES[size], has_touch=touch, is_mobile=touch,
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def start_quiz(page, base, lesson):
    page.goto(f"{base}/lessons/{lesson.slug}")
    return start_round_one(page)


def first(lesson, kind, statement=None):
    return next(q for q in lesson.quiz.questions
                if q.type == kind and (statement is None or bool(q.statement) == statement))


def in_viewport(page, selector) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
             return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


def inside(page, inner, outer) -> bool:
    """The first element matching inner is visible inside the box of outer (a scrolling panel)."""
    return page.evaluate(
        """([i, o]) => { const a = document.querySelector(i).getBoundingClientRect();
             const b = document.querySelector(o).getBoundingClientRect();
             return a.top >= b.top && a.bottom <= b.bottom && a.top >= 0 && a.bottom <= window.innerHeight; }""",
        [inner, outer])


def header_on_one_row(page) -> bool:
    return page.evaluate(
        """() => { const items = [document.querySelector('.brand'),
                     ...document.querySelectorAll('.site-header nav li')].filter(e => e.offsetParent);
             const tops = items.map(e => e.getBoundingClientRect().top);
             return Math.max(...tops) - Math.min(...tops) < 12; }""")


def shoot(page, artifacts, size, what):
    page.screenshot(path=str(artifacts / f"ui-{size}-{what}.png"))


def test_phone_article_drawer_keeps_the_typed_answer_and_opens_at_the_evidence(browser, live_server, artifacts):
    lesson = lesson_of(live_server.app)
    context, page = open_page(browser, "phone")
    try:
        attempt = start_quiz(page, live_server.url, lesson)
        assert header_on_one_row(page), "the phone menu takes more than one row"
        explain = first(lesson, "explain")
        page.goto(f"{attempt}/questions/{explain.number}")
        box = page.get_by_label(re.compile("answer", re.I)).first
        box.fill("The article says the Germans asked Mali to stop, but")
        toggle = page.locator("a.article-toggle")
        assert in_viewport(page, "a.article-toggle"), "the Article button is not on screen"
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.tap()
        panel = page.locator("#article-panel")
        assert "drawer-open" in panel.get_attribute("class")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert in_viewport(page, "#article-panel .drawer-close")
        assert page.evaluate("document.activeElement.id") == "article-panel"
        shoot(page, artifacts, "phone", "article-drawer-open")
        assert_accessible(page, "the article drawer on a phone")
        page.keyboard.press("Escape")
        assert "drawer-open" not in panel.get_attribute("class")
        assert page.evaluate("document.activeElement.className") == "article-toggle"
        assert box.input_value() == "The article says the Germans asked Mali to stop, but"

        # After an answer the drawer opens at the highlighted evidence; so does "Sentence sN in the article".
        q = first(lesson, "verdict", statement=True)
        page.goto(f"{attempt}/questions/{q.number}")
        page.check(f"input[name=answer][value={q.key}]")
        page.click("button:text('Check my answer')")
        page.wait_for_selector("#feedback")
        page.locator("a.article-toggle").tap()
        evidence = f"#article-panel [data-sid={q.evidence[0]}]"
        assert inside(page, evidence, "#article-panel"), "the evidence sentence is not in view in the drawer"
        shoot(page, artifacts, "phone", "article-drawer-at-evidence")
        page.get_by_role("button", name="Close the article").tap()
        page.get_by_text("What the article says").tap()
        last = q.evidence[-1]
        page.get_by_role("link", name=f"Sentence {last} in the article").tap()
        assert inside(page, f"#article-panel [data-sid={last}]", "#article-panel")
        assert "shown" in page.locator(f"#article-panel [data-sid={last}]").get_attribute("class")
    finally:
        context.close()


def test_the_drawer_opens_by_keyboard(browser, live_server):
    lesson = lesson_of(live_server.app)
    context, page = open_page(browser, "phone")
    try:
        attempt = start_quiz(page, live_server.url, lesson)
        page.goto(f"{attempt}/questions/{first(lesson, 'choice').number}")
        page.locator("a.article-toggle").focus()
        page.keyboard.press("Enter")
        assert "drawer-open" in page.locator("#article-panel").get_attribute("class")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Close"
        page.keyboard.press("Enter")
        assert "drawer-open" not in page.locator("#article-panel").get_attribute("class")
    finally:
        context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_feedback_comes_first_and_keeps_the_statement_in_view(browser, live_server, artifacts, size):
    lesson = lesson_of(live_server.app)
    context, page = open_page(browser, size)
    try:
        attempt = start_quiz(page, live_server.url, lesson)
        q = first(lesson, "verdict", statement=True)
        page.goto(f"{attempt}/questions/{q.number}")
        page.check(f"input[name=answer][value={q.key}]")
        page.keyboard.press("Enter")  # submit by keyboard
        page.wait_for_url(re.compile(r".*#question$"))
        page.wait_for_selector("#feedback")
        # The statement that was judged is still on screen, with the verdict.
        assert in_viewport(page, ".statement"), "the page jumped past the statement"
        assert page.locator("#feedback-heading").inner_text().startswith("Right")
        # The verdict and "why" first; the rest folded.
        headings = page.locator("#feedback > h2, #feedback > h3, #feedback > details > summary").all_inner_texts()
        assert headings[:2] == [page.locator("#feedback-heading").inner_text(), "Why"]
        assert page.locator("#feedback details.more").count() >= 2
        assert page.locator("#feedback details.more[open]").count() == 0
        assert page.locator(".evidence-quote").first.is_hidden()
        # Focus is on the feedback (for screen readers) with a calm ring in the result's colour.
        page.locator("#feedback:focus").wait_for()
        assert in_viewport(page, ".statement")
        ring = page.evaluate("""() => { const cs = getComputedStyle(document.activeElement);
            return {outline: cs.outlineStyle, shadow: cs.boxShadow}; }""")
        assert ring["outline"] == "none" and ring["shadow"] != "none"
        right_bg = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--right-bg').trim()")
        assert _rgb(right_bg) in ring["shadow"], ring
        if size == "desktop":
            # The article panel beside the feedback shows the highlighted evidence.
            assert inside(page, "#article-panel .article-text .sentence.evidence", "#article-panel")
            assert page.locator("a.article-toggle").is_hidden()
        shoot(page, artifacts, size, "feedback")
        if size == "phone":
            assert_phone_friendly(page, "feedback on a phone")
        assert_accessible(page, f"feedback ({size})")
        page.get_by_text("Your answer and the answer").click()
        assert page.locator("#feedback details.more").first.get_attribute("open") is not None
    finally:
        context.close()


def _rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_picking_sentences_has_a_sticky_count_and_check_bar(browser, live_server, artifacts, size):
    lesson = lesson_of(live_server.app)
    context, page = open_page(browser, size)
    try:
        attempt = start_quiz(page, live_server.url, lesson)
        q = first(lesson, "cite")
        page.goto(f"{attempt}/questions/{q.number}")
        bar = page.locator(".pick-bar")
        assert in_viewport(page, ".pick-bar"), "the Check bar is not on screen before scrolling"
        assert bar.inner_text().replace("\n", " ").startswith("0 selected · Check my answer")
        picks = sorted(q.key, key=lambda s: int(s[1:]))[:3]
        for sid in picks:  # by keyboard
            page.locator(f"input.pick-box[value={sid}]").focus()
            page.keyboard.press("Space")
        assert bar.inner_text().replace("\n", " ").startswith("3 selected · Check my answer")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        assert in_viewport(page, ".pick-bar"), "the Check bar scrolled away"
        if size == "desktop":
            head = page.locator(".question-head").bounding_box()
            form = page.locator("#answer-form").bounding_box()
            assert head["x"] + head["width"] <= form["x"], "the question is not in the column beside the article"
            assert in_viewport(page, ".question-head .prompt"), "the question scrolled away while picking"
        else:
            assert_phone_friendly(page, "a sentence-picking question on a phone")
        shoot(page, artifacts, size, "question-cite")
        assert_accessible(page, f"sentence picking ({size})")
        page.locator(".pick-bar button").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("#feedback")
    finally:
        context.close()


def test_picking_sentences_works_without_javascript(browser, live_server):
    lesson = lesson_of(live_server.app)
    context, page = open_page(browser, "phone", javascript=False)
    try:
        attempt = start_quiz(page, live_server.url, lesson)
        q = first(lesson, "cite")
        page.goto(f"{attempt}/questions/{q.number}")
        for sid in q.key:
            page.locator(f"label[for={page.locator(f'input.pick-box[value={sid}]').get_attribute('id')}]").click()
        page.click("button:text('Check my answer')")
        page.wait_for_selector("#feedback")
        assert page.locator("#feedback-heading").inner_text().startswith("Right")
        # The Article button is a plain link to the article further down.
        page.locator("a.article-toggle").click()
        assert page.url.endswith("#article-panel")
        expect(page.locator("#panel-heading")).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_question_pages_on_both_sizes(browser, live_server, artifacts, size):
    lesson = lesson_of(live_server.app)
    context, page = open_page(browser, size)
    try:
        attempt = start_quiz(page, live_server.url, lesson)
        page.goto(f"{attempt}/questions/{first(lesson, 'choice').number}")
        assert header_on_one_row(page)
        shoot(page, artifacts, size, "question-choice")
        assert_accessible(page, f"a choice question ({size})")
    finally:
        context.close()


def wait_idle(page):
    page.locator("#chat-form:not([aria-busy=true])").wait_for()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_chat_options_wrap_in_full_and_the_reply_stays_in_view(browser, live_server, artifacts, size):
    lesson = lesson_of(live_server.app)
    tutor = live_server.app.extensions["closeread.tutors"][lesson.slug]
    check = tutor.content.skills[0].check
    context, page = open_page(browser, size)
    try:
        page.goto(f"{live_server.url}/lessons/{lesson.slug}")
        page.get_by_role("button", name="Learn with the chat tutor").click()
        page.wait_for_url(re.compile(r".*/chat/\d+$"))
        wait_idle(page)
        assert header_on_one_row(page) or size == "desktop"
        count = page.locator("#messages > li").count()
        start = page.locator("#quick-replies button", has_text="Start the lesson")
        start.tap() if size == "phone" else start.click()
        page.locator(f"#messages > li:nth-child({count + 2})").wait_for()
        wait_idle(page)
        # Every option is on a button in full, wrapped, not cut.
        buttons = page.locator("#quick-replies button.quick")
        labels = buttons.all_inner_texts()
        for option in check.options:
            assert any(" ".join(option.text.split()) in " ".join(label.split()) for label in labels), option.text
        assert not any("…" in label for label in labels)
        cut = page.evaluate("""() => [...document.querySelectorAll('#quick-replies button')]
            .filter(b => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > window.innerWidth)
            .map(b => b.textContent)""")
        assert not cut, cut
        # No keyboard pop-up on a touch screen; the typing box keeps focus on a desktop.
        active = page.evaluate("document.activeElement.id || document.activeElement.className")
        if size == "phone":
            assert active != "chat-message"
        # The newest tutor message: its top is inside the conversation box, on screen.
        newest = f"#messages > li.msg-tutor:nth-child({count + 2})"
        assert inside(page, newest, "#transcript") or _top_visible(page, newest, "#transcript")
        shoot(page, artifacts, size, "chat-options")
        if size == "phone":
            assert_phone_friendly(page, "the chat with options on a phone")
            page.locator("a.article-toggle").tap()
            assert "drawer-open" in page.locator("#chat-article").get_attribute("class")
            assert inside(page, "#chat-article .chat-sentence.evidence", "#chat-article")
            shoot(page, artifacts, size, "chat-article-drawer")
            assert_accessible(page, "the chat's article drawer")
            page.keyboard.press("Escape")
        else:
            box = page.get_by_label("Your message")
            box.fill("hint")
            count = page.locator("#messages > li").count()
            box.press("Enter")
            page.locator(f"#messages > li:nth-child({count + 2})").wait_for()
            wait_idle(page)
            assert page.evaluate("document.activeElement.id") == "chat-message"
        assert_accessible(page, f"the chat with options ({size})")
    finally:
        context.close()


def _top_visible(page, inner, outer) -> bool:
    return page.evaluate(
        """([i, o]) => { const a = document.querySelector(i).getBoundingClientRect();
             const b = document.querySelector(o).getBoundingClientRect();
             return a.top >= b.top && a.top < b.bottom - 40 && a.top >= 0 && a.top < window.innerHeight - 40; }""",
        [inner, outer])
