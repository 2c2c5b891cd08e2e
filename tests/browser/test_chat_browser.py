"""The chat tutor in Debian's chromium: the whole lesson by chat, typing and clicking sentences,
a reload that resumes the conversation, and the chat as a plain form with JavaScript off."""

import re

import pytest

from closeread.db import connect
from closeread.tutor.intents import LETTERS
from tests.browser.a11y import assert_accessible
from tests.browser.layout import assert_phone_friendly, zoom_text
from tests.helpers import as_shown
from tests.test_chat_engine import typed_key

pytestmark = pytest.mark.browser



def wait_idle(page):
    """The script has finished the last exchange (selector waits: the CSP forbids eval in the page)."""
    page.locator("#chat-form:not([aria-busy=true])").wait_for()


def lesson_of(live_app):
    return next(iter(live_app.extensions["closeread.lessons"].values()))


def message_count(page) -> int:
    return page.locator("#messages > li").count()


def act(page, action):
    """Do something that sends a message; wait for the tutor's reply to be on screen."""
    before = message_count(page)
    action()
    page.locator(f"#messages > li:nth-child({before + 2})").wait_for()
    wait_idle(page)


def type_message(page, text):
    def go():
        box = page.get_by_label("Your message")
        box.fill(text)
        box.press("Enter")
    act(page, go)


def tap(page, label):
    act(page, lambda: page.locator("#quick-replies button", has_text=label).first.click())


def last_tutor(page) -> str:
    return page.locator("#messages > li.msg-tutor").last.inner_text()


def current_question(page, lesson):
    number = int(re.search(r"Question (\d+) of", last_tutor(page)).group(1))
    return lesson.quiz.questions[number - 1]


def pick(page, sid, keyboard=False):
    if keyboard:
        page.locator(f"#pick-{sid}").focus()
        page.keyboard.press("Space")
    else:
        page.locator(f"label[for=pick-{sid}]").click()
    assert page.locator(f"#pick-{sid}").is_checked()


def send_selection(page):
    act(page, lambda: page.get_by_role("button", name="Send the selected sentences").click())


def answer_in_browser(page, lesson, q, n):
    """Answer the key, varying how: tapping, typing, ticking, clicking and keyboard-selecting sentences."""
    ids = [o.id for o in q.options]
    if q.type == "choice":
        if n % 2:
            # Anchored: a button's text merely containing "d. " (the end of a sentence) is another option.
            tap(page, re.compile(rf"^{LETTERS[ids.index(q.key)].upper()}\. "))
        else:
            type_message(page, f"I think it's {LETTERS[ids.index(q.key)].upper()}")
    elif q.type == "verdict":
        type_message(page, typed_key(q))
    elif q.type == "multi":
        for oid in q.key:
            page.locator(f"#opt-{oid}").check()
        act(page, lambda: page.get_by_role("button", name="Send", exact=True).click())
    elif q.type == "cite":
        assert "selecting" in page.locator("#chat-article").get_attribute("class")
        for i, sid in enumerate(q.key):
            pick(page, sid, keyboard=bool(i % 2))
        assert page.locator("#selection-status").inner_text().startswith("Selected:")
        send_selection(page)
    elif q.type == "pair":
        first, second = sorted(q.key[0], key=lambda s: int(s[1:]))
        type_message(page, first)
        assert "Which is the other sentence?" in last_tutor(page)
        assert page.locator(f"#pick-{first}").is_checked()
        pick(page, second, keyboard=True)
        send_selection(page)
    else:
        type_message(page, typed_key(q))


def test_the_whole_lesson_by_chat_then_reload_and_resume(live_server, live_app, page, artifacts):
    lesson = lesson_of(live_app)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/lessons/{lesson.slug}")
    page.get_by_role("button", name="Learn with the chat tutor").click()
    page.wait_for_url(re.compile(r".*/chat/\d+$"))
    attempt = int(page.url.rsplit("/", 1)[1])
    assert page.locator("#transcript[aria-live=polite]").count() == 1
    assert_accessible(page, "the chat page (greeting)")

    # (1)-(2): greeting, then the three skills with their checks.
    tap(page, "Start the lesson")
    assert "Skill 1 of 3" in last_tutor(page)
    tutor = live_app.extensions["closeread.tutors"][lesson.slug]
    for i, skill in enumerate(tutor.content.skills):
        check = skill.check
        letter = LETTERS[[o.id for o in check.options].index(check.key)].upper()
        if i == 1:
            tap(page, f"{letter}. ")
        else:
            type_message(page, f"I think it's {letter}")
        assert page.locator("#messages > li.tone-right").count() == i + 1

    # (3): the article part by part: typing, tapping, clicking and keyboard-selecting sentences.
    parts = tutor.sections
    for n, part in enumerate(parts):
        assert "Stop and think" in last_tutor(page)
        assert "selecting" in page.locator("#chat-article").get_attribute("class")
        sid = part.sentences[-1].id
        if n == 0:
            type_message(page, "next")
        elif n == 1:
            pick(page, sid)
            send_selection(page)
        elif n == 2:
            pick(page, sid, keyboard=True)
            act(page, lambda: page.get_by_role("button", name="Send", exact=True).click())
        elif n == 3:
            tap(page, "Next")
        else:
            type_message(page, part.sentences[0].text[:40])
    assert re.search(r"Question 1 of \d+", last_tutor(page))

    # (4): the quiz, with a reload in the middle.
    reloaded = False
    n = 0
    while "Question" in last_tutor(page) and re.search(r"Question \d+ of", last_tutor(page)):
        q = as_shown(live_app, attempt, current_question(page, lesson))  # letters as this attempt shows them
        if q.selects_sentences and not reloaded:
            assert_accessible(page, "the chat page (selecting sentences)")
        answer_in_browser(page, lesson, q, n)
        n += 1
        if q.evidence:  # the sentences the feedback quotes light up in the article
            page.wait_for_selector(f"#cs-{q.evidence[0]}.evidence")
        if n == 6 and not reloaded:
            count, asked = message_count(page), last_tutor(page)
            page.reload()
            wait_idle(page)
            assert message_count(page) == count and last_tutor(page) == asked
            reloaded = True
        if "finished the quiz" in last_tutor(page):
            break
    assert reloaded and n == len(lesson.quiz.questions)

    # (5): the summary, the reveal; every answer in the same tables as the form quiz.
    total = lesson.quiz.total_points
    assert f"Your score: {total} of {total}" in last_tutor(page)
    page.screenshot(path=str(artifacts / "chat-finished.png"))
    tap(page, "Show the reveal")
    assert lesson.ledger[lesson.article.sentences[-1].id].note in last_tutor(page)
    db = connect(live_app.config["DATABASE"])
    try:
        stored = list(db.query("SELECT score FROM responses WHERE attempt_id = ?", [attempt]))
        mode = db.execute("SELECT mode FROM attempts WHERE id = ?", [attempt]).fetchone()[0]
    finally:
        db.close()
    assert len(stored) == len(lesson.quiz.questions) and sum(r["score"] for r in stored) == total
    assert mode == "chat"
    assert not errors, errors


def test_typed_paraphrases_and_a_question_asked_back(live_server, live_app, page):
    """'not stated', 'the part about the drone' and an ambiguous 'no' in the real browser."""
    lesson = lesson_of(live_app)
    page.goto(f"{live_server.url}/lessons/{lesson.slug}")
    page.get_by_role("button", name="Learn with the chat tutor").click()
    page.wait_for_url(re.compile(r".*/chat/\d+$"))
    tap(page, "Go to the quiz")
    seen = set()
    while True:
        q = current_question(page, lesson)
        if q.id in seen:
            break
        seen.add(q.id)
        if q.type == "verdict" and q.scale == "statement" and q.key == "not-stated" and "ambiguous" not in seen:
            type_message(page, "no")
            assert "Which did you mean?" in last_tutor(page)
            tap(page, "Not stated")
            seen.add("ambiguous")
        else:
            type_message(page, "skip")
        if "last question left" in last_tutor(page):
            break
    type_message(page, "show section 4")
    drone = next(s for s in lesson.article.sentences if "drone" in s.text)
    assert drone.text in last_tutor(page)
    type_message(page, "help")
    assert "What I understand right now" in last_tutor(page)


def test_the_chat_works_as_a_form_without_javascript(browser, live_server, live_app):
    lesson = lesson_of(live_app)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/lessons/{lesson.slug}")
        page.get_by_role("button", name="Learn with the chat tutor").click()
        page.wait_for_url(re.compile(r".*/chat/\d+$"))
        page.locator("#quick-replies button", has_text="Go to the quiz").click()
        page.wait_for_url(re.compile(r".*/chat/\d+#latest$"))
        attempt = int(re.search(r"/chat/(\d+)", page.url).group(1))
        q = as_shown(live_app, attempt, lesson.quiz.questions[0])
        assert f"Question 1 of {len(lesson.quiz.questions)}" in page.locator("#messages > li").last.inner_text()
        page.get_by_label("Your message").fill(typed_key(q))
        page.get_by_role("button", name="Send", exact=True).click()
        page.wait_for_load_state()
        texts = page.locator("#messages > li").all_inner_texts()
        assert any(t.strip().endswith(typed_key(q)) for t in texts)
        assert any("Right." in t for t in texts)
    finally:
        context.close()


def test_the_chat_fits_a_phone_with_large_text(browser, live_server, live_app):
    """390x844 at 100% and 200% text: no sideways scrolling, every touch target 44px, also while selecting."""
    lesson = lesson_of(live_app)
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/lessons/{lesson.slug}")
        page.get_by_role("button", name="Learn with the chat tutor").tap()
        page.wait_for_url(re.compile(r".*/chat/\d+$"))

        def check(label):
            for percent in (100, 200):
                zoom_text(page, percent)
                assert_phone_friendly(page, f"{label} at {percent}%")
            zoom_text(page, 100)

        check("the greeting")
        tap(page, "Go to the quiz")
        check("a question with quick replies")
        # Round by round: a skip waits within its round, so answer on to the first sentence-picking question
        # (round 2 has one), at most a dozen questions in.
        attempt = int(re.search(r"/chat/(\d+)", page.url).group(1))
        for n in range(12):
            if "selecting" in page.locator("#chat-article").get_attribute("class"):
                break
            answer_in_browser(page, lesson, as_shown(live_app, attempt, current_question(page, lesson)), n)
        check("a question that selects sentences")
        # On a phone the article comes below the chat, not beside it.
        chat_box = page.locator(".chat-main").bounding_box()
        article_box = page.locator("#chat-article").bounding_box()
        assert article_box["y"] >= chat_box["y"] + chat_box["height"]
    finally:
        context.close()
