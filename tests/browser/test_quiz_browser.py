"""Real-browser smoke test of the form quiz, with JavaScript on and off."""

import pytest

pytestmark = pytest.mark.browser


def _answer_in_page(page, q):
    """Answer with the key by clicking what a learner clicks."""
    if q.type in ("choice", "verdict"):
        page.check(f"input[name=answer][value={q.key}]")
    elif q.type == "multi":
        for option in q.key:
            page.check(f"input[name=answer][value={option}]")
    elif q.type == "cite":
        for sid in q.key:
            page.click(f"label:has(> .sid:text-is('{sid}'))")
    elif q.type == "pair":
        for sid in sorted(q.key[0]):
            page.click(f"label:has(> .sid:text-is('{sid}'))")
    else:
        page.fill("textarea[name=answer]", q.model_answer)
    page.click("button:text('Check my answer')")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_read_lesson_answer_three_types_and_see_results(browser, live_server, javascript, artifacts):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/")
    page.click(f"text={lesson.title}")
    assert page.locator("#teaching-heading").inner_text().startswith("Part 1")
    assert page.locator("#s4").inner_text().startswith("Germany’s ambassador to Mali")
    page.click("text=Start the quiz")

    picked = {}
    for q in lesson.quiz.questions:
        picked.setdefault(q.type, q)
    for qtype in ("choice", "cite", "pair"):
        q = picked[qtype]
        page.goto(page.url.rsplit("/questions/", 1)[0] + f"/questions/{q.number}")
        assert page.locator("#progress-label").inner_text() == f"Question {q.number} of {len(lesson.quiz.questions)}"
        _answer_in_page(page, q)
        heading = page.locator("#feedback-heading").inner_text()
        assert heading.startswith("Right"), (q.id, heading)
        assert page.locator(".article-panel .sentence.evidence").count() >= 1
    page.screenshot(path=str(artifacts / f"quiz-feedback-{'js' if javascript else 'nojs'}.png"), full_page=True)
    page.click("text=Progress so far")
    assert "Score:" in page.locator("#total-heading").inner_text()
    answered = sum(q.points for q in picked.values() if q.type in ("choice", "cite", "pair"))
    assert page.locator("#total-heading").inner_text().startswith(f"Score: {answered} of {lesson.quiz.total_points}")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_self_study_journey_every_question_to_the_reveal(browser, live_server, javascript):
    """The whole self-study journey: every question answered in the browser, then the reveal."""
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    page.click("text=Start the quiz")
    for q in lesson.quiz.questions:
        assert page.url.endswith(f"/questions/{q.number}")
        _answer_in_page(page, q)
        page.wait_for_selector("#feedback")
        link = "Next question" if q.number < len(lesson.quiz.questions) else "See your results"
        page.click(f"a:text('{link}')")
    total = lesson.quiz.total_points
    assert page.locator("#total-heading").inner_text() == f"Score: {total} of {total} (100%)"
    assert page.locator("#reveal .reveal-sentence").count() == len(lesson.article.sentences)
    context.close()
