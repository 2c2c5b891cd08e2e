"""Shuffled options in Debian's chromium: one question answered by clicking in the form quiz, the next by
typing a letter in the chat, in the same attempt. The letter on screen decides; the option id is stored."""

import re

import pytest

from closeread.db import connect, get_db
from closeread.learner.store import record_response
from closeread.questions.grading import grade_answer
from closeread.questions.order import LETTERS
from tests.browser.start import start_round_one
from tests.browser.test_chat_browser import last_tutor, tap, type_message
from tests.helpers import as_shown, key_answer

pytestmark = pytest.mark.browser


def stored(live_app, attempt):
    db = connect(live_app.config["DATABASE"])
    try:
        return {r["question_id"]: r["response"] for r in db.query(
            "SELECT question_id, response FROM responses WHERE attempt_id = ?", [attempt])}
    finally:
        db.close()


def test_a_shuffled_question_in_the_form_then_one_in_the_chat(live_server, live_app, page):
    lesson = live_app.extensions["closeread.lessons"]["germany-mali"]
    # Round 1 opens with a choice question; the next choice question of the round is the chat's.
    first, *between = [lesson.quiz.by_id[qid] for qid in lesson.rounds[0].question_ids]
    second = next(q for q in between if q.type == "choice")
    assert first.type == "choice" and first.number == 1
    page.goto(f"{live_server.url}/lessons/{lesson.slug}")
    start_round_one(page)
    attempt = int(re.search(r"/attempts/(\d+)/", page.url).group(1))

    # The form quiz: the options in this attempt's order, lettered A, B, C, D down the page.
    q = as_shown(live_app, attempt, first)
    on_screen = [" ".join(t.split()) for t in page.locator("fieldset.choices .choice").all_inner_texts()]
    assert on_screen == [f"{LETTERS[i].upper()}. {o.text}" for i, o in enumerate(q.options)]
    page.get_by_label(f"B. {q.options[1].text}", exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    page.locator("#feedback").wait_for()
    page.locator("#feedback details.more summary").first.click()  # "Your answer and the answer" is folded
    assert f"B. {q.options[1].text}" in page.locator("#feedback .answer-lines").first.inner_text()
    assert stored(live_app, attempt)[first.id] == f'"{q.options[1].id}"'

    # The questions between them answered (in another tab, say), so the chat's next question is `second`.
    with live_app.app_context():
        for q in between[: between.index(second)]:
            record_response(get_db(), attempt, q, key_answer(q)["answer"], grade_answer(q, key_answer(q)["answer"]),
                            lesson)

    # The chat continues the same attempt with the same order: typing "B" picks the second option shown.
    page.goto(f"{live_server.url}/lessons/{lesson.slug}")
    page.get_by_role("button", name="Learn with the chat tutor").click()
    page.wait_for_url(re.compile(rf".*/chat/{attempt}$"))
    page.locator("#chat-form:not([aria-busy=true])").wait_for()
    tap(page, "Go to the quiz")
    q2 = as_shown(live_app, attempt, second)
    asked = last_tutor(page).replace("’", "'")  # the chat's Markdown curls apostrophes
    assert f"Question {second.number} of" in asked
    assert [line.strip() for line in asked.splitlines() if re.match(r"\s*[A-D]\. ", line)] == \
        [f"{LETTERS[i].upper()}. {o.text}" for i, o in enumerate(q2.options)]
    type_message(page, "B")
    assert stored(live_app, attempt)[second.id] == f'"{q2.options[1].id}"'
    feedback = page.locator("#messages > li.msg-tutor").all_inner_texts()[-2].replace("’", "'")
    assert f"Your answer: B. {q2.options[1].text}" in " ".join(feedback.split())
