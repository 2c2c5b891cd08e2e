"""The form quiz on a phone (390×844), at normal and 200% text size."""

import pytest

from tests.browser.layout import assert_phone_friendly, zoom_text
from tests.browser.start import start_round_one

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def quiz_pages(page, base, lesson):
    """Visit every kind of quiz page; yield a label for each state."""
    page.goto(base + "/")
    yield "home"
    page.goto(base + f"/lessons/{lesson.slug}")
    yield "lesson"
    attempt_url = start_round_one(page)
    seen = set()
    for q in lesson.quiz.questions:
        if q.type in seen:
            continue
        seen.add(q.type)
        page.goto(f"{attempt_url}/questions/{q.number}")
        yield f"{q.type} question"
        page.click("button:text('Check my answer')")
        yield f"{q.type} question with an error"
    q = lesson.quiz.questions[0]
    page.goto(f"{attempt_url}/questions/{q.number}")
    page.click("button:has-text('hint')")
    yield "question with a hint"
    page.check(f"input[name=answer][value={q.key}]")
    page.click("button:text('Check my answer')")
    yield "feedback"
    page.goto(f"{attempt_url}/result")
    yield "progress"
    page.goto(base + f"/lessons/{lesson.slug}/worksheet")
    yield "worksheet"


@pytest.mark.parametrize("text_zoom", [100, 200])
def test_quiz_pages_fit_a_phone(browser, live_server, artifacts, text_zoom):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    for label in quiz_pages(page, live_server.url, lesson):
        if text_zoom != 100:
            zoom_text(page, text_zoom)
        assert_phone_friendly(page, f"{label} at {text_zoom}% text")
        name = label.replace(" ", "-")
        page.screenshot(path=str(artifacts / f"phone-{text_zoom}-{name}.png"), full_page=False)
    context.close()
