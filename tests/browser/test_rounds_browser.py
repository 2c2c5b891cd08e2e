"""Rounds in a browser, on a 390×844 phone and a 1366×768 desktop, by keyboard, checked with axe.

A learner opens the lesson (the start button is on the first screen), starts round 1 by keyboard,
rates the article, reads the round's short teaching (at most two phone screens), answers round 1
and sees the round's result with its celebration, announced politely and still with reduced motion.
Then the teacher's dashboard shows the class's trust shift. Screenshots go to tests/artifacts/.
"""

import re
import time

import pytest

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import LiveServer
from tests.browser.layout import horizontal_overflow
from tests.browser.test_teacher_browser import answer_in_browser, right_answer
from tests.test_teacher_support import (
    PASSWORD_A,
    Student,
    add_teacher,
    create_class,
    key_answers,
    sign_in,
    teacher_app,
)

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching ``selector`` has the focus (the keyboard path a learner takes)."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} was not reached by Tab")


@pytest.mark.parametrize("size", SIZES)
def test_round_one_by_keyboard(browser, live_server, artifacts, size):
    viewport = SIZES[size]
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    started = time.monotonic()

    # Start first: the start button and the first rounds of the map are on the first screen.
    page.goto(f"{live_server.url}/lessons/{lesson.slug}")
    start = page.get_by_role("button", name="Start round 1")
    assert start.bounding_box()["y"] + start.bounding_box()["height"] <= viewport["height"]
    assert page.locator(".round-map .round-item").count() == len(lesson.rounds)
    assert page.locator(".round-map .round-item").first.inner_text().count("about") == 1
    assert horizontal_overflow(page) == 0
    page.screenshot(path=str(artifacts / f"rounds-lesson-{size}.png"))
    assert_accessible(page, f"lesson page ({size})")

    # By keyboard: Tab to the start button, Enter; on the rating, arrows choose, Enter saves.
    tab_to(page, "button:text('Start round 1')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/trust/before$"))
    assert page.locator("h1").inner_text() == "How far do you trust this article?"
    page.screenshot(path=str(artifacts / f"rounds-trust-before-{size}.png"), full_page=True)
    assert_accessible(page, f"trust rating ({size})")
    tab_to(page, "input[name=rating] >> nth=0")
    page.keyboard.press("Space")  # the first point of the scale; arrows move within the group
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=rating]:checked").get_attribute("value") == "4"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/rounds/says$"))

    # The round's teaching fits in two phone screens; its article part follows.
    teaching = page.locator(".round-teaching").bounding_box()
    assert teaching["height"] <= 2 * SIZES["phone"]["height"], teaching
    page.screenshot(path=str(artifacts / f"rounds-teaching-{size}.png"))
    assert_accessible(page, f"round teaching ({size})")
    tab_to(page, "a:text('Start the questions')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/questions/1$"))
    attempt_url = page.url.rsplit("/questions/", 1)[0]

    questions = [lesson.quiz.by_id[qid] for qid in lesson.rounds[0].question_ids]
    for q in questions:
        answer_in_browser(page, attempt_url, q, right_answer(q))
    assert page.locator(".streak").inner_text() == f"{len(questions)} right in a row in this round"
    tab_to(page, "a:text(\"See the round's result\")")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/rounds/says/result$"))
    elapsed = time.monotonic() - started
    assert page.locator("h1").inner_text() == "Round 1 done: What the article says"
    assert page.locator(".streak").inner_text() == f"Longest streak: {len(questions)} right in a row"
    assert page.locator(".remember li").count() == len(lesson.rounds[0].remember)
    # The celebration runs once and the status region is filled for screen readers.
    page.wait_for_function("() => document.querySelector('[data-announce]').textContent.startsWith('Round 1 done.')")
    assert page.locator(".celebrate").evaluate("el => getComputedStyle(el.firstElementChild).animationName") == "pop"
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / f"rounds-result-{size}.png"))
    assert_accessible(page, f"round result ({size})")
    page.emulate_media(reduced_motion="reduce")
    assert page.locator(".celebrate").evaluate("el => getComputedStyle(el).display") == "none"
    next_link = page.get_by_role("link", name=f"Next: round 2, {lesson.rounds[1].title}")
    assert next_link.is_visible()
    # The scripted run of round 1 (server + browser) takes seconds; the reading is what takes the time.
    assert elapsed < 60, elapsed
    context.close()


@pytest.fixture
def mini_server(tmp_path):
    app = teacher_app(tmp_path)
    with LiveServer(app) as server:
        yield server


@pytest.mark.parametrize("size", SIZES)
def test_teacher_sees_the_class_trust_shift(browser, mini_server, artifacts, size):
    app = mini_server.app
    add_teacher(app, "shift@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "shift@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "10B")
    for name, before, after in (("Ada", 4, 2), ("Ben", 5, 3), ("Cy", 3, 3), ("Dee", 4, None)):
        student = Student(app, code, name)
        attempt = student.attempt(key_answers(app))
        student.client.post(f"/attempts/{attempt}/trust/before", data={"rating": before})
        if after:
            student.client.post(f"/attempts/{attempt}/trust/after", data={"rating": after})
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(mini_server.url + "/teacher/sign-in")
    page.fill("input[name=email]", "shift@school.org")
    page.fill("input[name=password]", PASSWORD_A)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/teacher/$"))
    page.goto(f"{mini_server.url}/teacher/classes/{class_id}/lessons/mini#trust")
    figures = " ".join(page.locator(".trust-figures").inner_text().split())
    assert "Mean before 4.0 (4 ratings)" in figures and "Mean after 2.7 (3 ratings)" in figures
    assert "Mean shift -1.3 (3 students rated both times: 2 lower, 1 the same, 0 higher)" in figures
    assert page.locator("#trust-table tbody tr").count() == 5
    assert horizontal_overflow(page) == 0
    page.locator("#trust").screenshot(path=str(artifacts / f"rounds-teacher-trust-{size}.png"))
    assert_accessible(page, f"dashboard with the trust shift ({size})")
    context.close()
