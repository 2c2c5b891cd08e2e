"""axe-core on every page of the form quiz, in every state a learner meets."""

import pytest

from tests.browser.a11y import assert_accessible
from tests.browser.start import start_round_one

pytestmark = pytest.mark.browser


def _goto_question(page, base, number):
    page.goto(base.rsplit("/questions/", 1)[0] + f"/questions/{number}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_pages_have_no_serious_axe_violations(browser, live_server, scheme):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert_accessible(page, "home")
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    assert_accessible(page, "lesson")
    base = start_round_one(page) + "/questions/1"
    by_type = {}
    for q in lesson.quiz.questions:
        by_type.setdefault(q.type, q)
    for qtype, q in by_type.items():
        _goto_question(page, base, q.number)
        assert_accessible(page, f"{qtype} question")
        page.click("button:text('Check my answer')")  # empty: the error state
        assert page.locator("[role=alert]").count() >= 1
        assert_accessible(page, f"{qtype} question with an error")
    # a hint, then feedback
    q = by_type["choice"]
    _goto_question(page, base, q.number)
    page.click("button:has-text('hint')")
    assert_accessible(page, "question with a hint")
    page.check(f"input[name=answer][value={q.key}]")
    page.click("button:text('Check my answer')")
    assert_accessible(page, "feedback")
    page.goto(base.rsplit("/questions/", 1)[0] + "/result")
    assert_accessible(page, "progress/result")
    page.goto(live_server.url + "/no-such-page")
    assert_accessible(page, "404 page")
    context.close()


def test_second_lesson_pages_have_no_serious_axe_violations(browser, live_server):
    lesson = live_server.app.extensions["closeread.lessons"]["wrenfield-phones"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    assert "made up" in page.inner_text("main")
    assert_accessible(page, "second lesson")
    base = start_round_one(page)
    q = lesson.quiz.by_id["contradiction-caption"]
    _goto_question(page, base, q.number)
    assert_accessible(page, "second lesson question")
    page.check(f"input[name=answer][value={q.key}]")
    page.click("button:text('Check my answer')")
    assert_accessible(page, "second lesson feedback")
    context.close()


def test_finished_result_page_with_reveal_is_accessible(browser, live_server, artifacts):
    from closeread.db import connect
    from closeread.learner import store
    from closeread.questions.grading import grade_answer
    from tests.helpers import key_answer

    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    start_round_one(page)
    attempt_id = int(page.url.split("/attempts/")[1].split("/")[0])
    db = connect(live_server.app.config["DATABASE"])
    for q in lesson.quiz.questions:  # set up a finished attempt quickly
        answer = key_answer(q)["answer"]
        store.record_response(db, attempt_id, q, answer, grade_answer(q, answer), lesson)
    db.close()
    page.goto(live_server.url + f"/attempts/{attempt_id}/result")
    assert page.locator("#reveal .reveal-sentence").count() == len(lesson.article.sentences)
    assert_accessible(page, "result with reveal")
    page.screenshot(path=str(artifacts / "result-reveal.png"), full_page=True)
    context.close()
