"""The chat in Debian's chromium by free typing only (no quick-reply taps): the way a learner types,
with a term question, a hint asked inside a sentence, a negated answer, a doubtful answer confirmed,
and a change of mind after feedback, through the first ten questions."""

import re

import pytest

from closeread.db import connect
from closeread.tutor.intents import LETTERS
from tests.browser.test_chat_browser import current_question, last_tutor, lesson_of, message_count, type_message
from tests.helpers import as_shown

pytestmark = pytest.mark.browser

VERDICT_WORDS = {"stated": "yeah it literally says that", "not-stated": "nope, it never says that",
                 "contradicted": "they can't both be true, the article says the opposite",
                 "supported": "it's backed up", "unsupported": "no evidence for it at all"}


def letter(q, oid: str) -> str:
    return LETTERS[[o.id for o in q.options].index(oid)]


def stored(live_app, attempt: int) -> dict[str, dict]:
    db = connect(live_app.config["DATABASE"])
    try:
        rows = db.query('SELECT question_id, score, "max" FROM responses WHERE attempt_id = ?', [attempt])
        return {r["question_id"]: r for r in rows}
    finally:
        db.close()


def test_the_first_questions_by_free_typing_only(live_server, live_app, page):
    lesson = lesson_of(live_app)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/lessons/{lesson.slug}")
    page.get_by_role("button", name="Learn with the chat tutor").click()
    page.wait_for_url(re.compile(r".*/chat/\d+$"))
    attempt = int(page.url.rsplit("/", 1)[1])

    type_message(page, "hey! can we just do the quiz pls")
    assert re.search(r"Question 1 of \d+", last_tutor(page))

    # A term question: a definition from the lesson's glossary, and nothing stored.
    type_message(page, "wait what does unsupported mean??")
    assert lesson.glossary.lookup("unsupported").definition in last_tutor(page)
    assert stored(live_app, attempt) == {}

    # A hint asked for inside a sentence.
    type_message(page, "hmm not sure about this one, can i get a hint?")
    assert "Hint" in last_tutor(page) and stored(live_app, attempt) == {}
    type_message(page, "can you repeat the question")

    answered = 0
    for n in range(10):
        q = as_shown(live_app, attempt, current_question(page, lesson))
        before = message_count(page)
        if q.type == "choice" and n == 0:
            # A negated answer: the option ruled out is never stored; the one chosen is.
            wrong = next(o.id for o in q.options if o.id != q.key)
            type_message(page, f"definitely not {letter(q, wrong).upper()}, i'd say its {letter(q, q.key)}")
        elif q.type == "choice":
            # Doubt is confirmed before anything is stored.
            type_message(page, f"{letter(q, q.key)}?? idk")
            assert "Did you mean" in last_tutor(page) and q.id not in stored(live_app, attempt)
            type_message(page, "yep")
        elif q.type == "verdict":
            type_message(page, VERDICT_WORDS[q.key])
        elif q.type == "multi":
            letters = [letter(q, k).upper() for k in q.key]
            type_message(page, ", ".join(letters[:-1]) + " and " + letters[-1] + " 👍")
        elif q.type in ("cite", "pair"):
            type_message(page, " and ".join(sorted(q.key_sentences if q.type == "cite" else q.key[0])))
        else:
            type_message(page, q.model_answer)
        answered += 1
        assert message_count(page) > before
        row = stored(live_app, attempt)[q.id]
        assert row["score"] == row["max"], (q.id, last_tutor(page))
        if n == 1:
            # A change of mind after feedback: kindly refused, nothing changes.
            type_message(page, "oh wait i meant b")
            assert "final once its feedback is shown" in last_tutor(page)
            assert stored(live_app, attempt)[q.id]["score"] == row["score"]
            type_message(page, "ok whats the question again")
    assert len(stored(live_app, attempt)) == answered == 10
    assert page.locator("#quick-replies button").count() > 0  # offered, never tapped
    assert not errors, errors
