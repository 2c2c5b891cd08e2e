"""The lesson editor with JavaScript off, in Debian's chromium: every step is a plain form.

A teacher pastes a short article, labels a sentence, adds a question and fills it in, approves it and
publishes the lesson; the published lesson is then in their lesson library. Nothing here can lean on
editor.js (no autosave, no click-to-pick): the page would not change without the form's own POST.
axe needs scripts to run, so the accessibility checks of these pages are in the keyboard journey with them on.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import LiveServer
from tests.test_teacher_support import PASSWORD_A, add_teacher, teacher_app

pytestmark = pytest.mark.browser
EMAIL = "plain@school.org"
TITLE = "Town Says New Bridge Will Open Soon"
ARTICLE = """The town council voted on Monday to build a new bridge over the river.
The mayor, Ana Ruiz, said the work would start in May. Residents were not asked."""
QUESTION = {
    "id": "who-voted", "prompt": "Who voted to build the new bridge?",
    "options-0-text": "The town council", "options-0-feedback": 'Yes: "The town council voted on Monday".',
    "options-1-text": "The mayor", "options-1-feedback": 'The mayor only "said the work would start" in May.',
    "options-2-text": "The residents", "options-2-feedback": 'No: "Residents were not asked."',
    "evidence": "s2", "explanation": 'The article says "The town council voted on Monday to build a new bridge".',
    "hints": "Look at the first sentence.",
}


@pytest.fixture
def server(tmp_path):
    app = teacher_app(tmp_path, WTF_CSRF_ENABLED=True)
    add_teacher(app, EMAIL, PASSWORD_A)
    with LiveServer(app) as live:
        yield live


def submit(page, name):
    """Press a form's button and wait for the page the server answers with (a redirect after a POST)."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_a_teacher_builds_and_publishes_a_lesson_with_javascript_off(browser, server, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{server.url}/teacher/sign-in")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD_A)
    submit(page, "Sign in")

    # Paste the article.
    page.goto(f"{server.url}/teacher/editor/new")
    page.get_by_label("Title (the article's headline)").fill(TITLE)
    page.get_by_label("The article's text").fill(ARTICLE)
    submit(page, "Create the draft")
    assert re.search(r"/teacher/editor/\d+$", page.url)
    draft_url = page.url
    assert "4 sentences, 0 labelled" in page.content()

    # Label s4 ("Residents were not asked.") on its page; the ledger form posts and the overview shows it.
    page.get_by_role("link", name="Edit sentence s4").click()
    page.wait_for_url(re.compile(r"/sentences/s4$"))
    page.get_by_label("Unsupported", exact=True).check()
    page.get_by_label("Note for learners (why these labels)").fill("Nobody says who checked.")
    submit(page, "Save the ledger of s4")
    assert page.locator("[data-save-status]").text_content() == ""  # no autosave ran: the form did it
    page.goto(draft_url)
    assert "4 sentences, 1 labelled" in page.content()
    page.locator("select[name=label]").select_option("stated")
    submit(page, "Label them")
    assert "4 sentences, 4 labelled" in page.content()

    # Add a multiple-choice question, fill it in, save, approve.
    page.goto(f"{draft_url}/questions")
    page.locator("select[name=type]").select_option("choice")
    page.locator("select[name=category]").select_option("states")
    submit(page, "Add the question")
    assert re.search(r"/questions/[\w-]+$", page.url)
    # No script ran: the sentences to pick from are plain text, not editor.js's toggle buttons.
    assert page.locator("[data-pick-sid]").count() == 4 and page.locator(".pick-button").count() == 0
    for name, value in QUESTION.items():
        page.locator(f"[name='{name}']").fill(value)
    page.locator("[name='options-0-keyed']").check()
    submit(page, "Save the question")
    page.wait_for_url(re.compile(r"/questions/who-voted$"))
    faults = page.locator("main .errors:not([hidden])").all_inner_texts()
    assert page.locator("[data-fault-count]").inner_text() == "No faults: it can be approved.", faults
    submit(page, "Approve question who-voted")
    page.wait_for_url(re.compile(r"/questions$"))
    assert page.locator(".chip-ok").count() == 1

    # Publish, then find the lesson in the library.
    page.goto(f"{draft_url}/publish")
    submit(page, f"Publish “{TITLE}”")
    assert "Published version" in page.content()
    page.screenshot(path=str(artifacts / "editor-nojs-published.png"), full_page=True)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lesson library").click()
    page.wait_for_url(re.compile(r"/teacher/lessons$"))
    assert page.locator(".card h3", has_text=TITLE).count() == 1
    context.close()
