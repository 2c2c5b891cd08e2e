"""Real-browser smoke test of the form quiz, with JavaScript on and off."""

import pytest

from closeread.content.rounds import round_of
from tests.browser.start import start_round_one

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
    assert page.locator("#teaching-heading").inner_text().startswith("The whole lesson")
    assert page.locator("#s4").inner_text().startswith("Germany’s ambassador to Mali")
    start_round_one(page)

    picked = {}
    for q in lesson.quiz.questions:
        picked.setdefault(q.type, q)
    for qtype in ("choice", "cite", "pair"):
        q = picked[qtype]
        page.goto(page.url.rsplit("/questions/", 1)[0] + f"/questions/{q.number}")
        rnd = round_of(lesson, q.id)
        assert page.locator("#progress-label").inner_text() == (
            f"Round {rnd.number} of 6 · Question {rnd.question_ids.index(q.id) + 1} of {len(rnd.question_ids)}")
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
    start_round_one(page, rate=4)
    for n, rnd in enumerate(lesson.rounds, 1):
        if n > 1:  # the round's short teaching, then its questions
            assert page.locator("h1").inner_text() == rnd.title
            page.get_by_role("link", name="Start the questions").click()
        for i, qid in enumerate(rnd.question_ids):
            q = lesson.quiz.by_id[qid]
            assert page.url.endswith(f"/questions/{q.number}")
            _answer_in_page(page, q)
            page.wait_for_selector("#feedback")
            last = i == len(rnd.question_ids) - 1
            page.get_by_role("link", name="See the round's result" if last else "Next question").click()
        assert page.locator("h1").inner_text() == f"Round {n} done: {rnd.title}"
        if n < len(lesson.rounds):
            page.get_by_role("link", name=f"Next: round {n + 1}, {lesson.rounds[n].title}").click()
    page.get_by_role("link", name="Last step: rate the article again").click()
    page.check("input[name=rating][value='2']")
    page.get_by_role("button", name="Save my rating").click()
    assert "before reading, 4: Mostly; after the rounds, 2: A little" in page.locator(".trust-line").inner_text()
    total = lesson.quiz.total_points
    assert page.locator("#total-heading").inner_text() == f"Score: {total} of {total} (100%)"
    assert page.locator("#reveal .reveal-sentence").count() == len(lesson.article.sentences)
    context.close()
