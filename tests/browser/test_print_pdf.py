"""The worksheet and the answer key rendered to PDF by chromium, and their text checked."""

import io

import pytest
from pypdf import PdfReader

from tests.test_teacher_support import PASSWORD_A, add_teacher

pytestmark = pytest.mark.browser


def pdf_text(page) -> str:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def squash(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def test_student_worksheet_prints_without_answers(browser, live_server, artifacts):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    page = browser.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}/worksheet")
    text, pages = pdf_text(page)
    flat = squash(text)
    assert pages >= 4
    assert "Worksheet:" in flat and "Name:" in flat
    assert "Part 3: Questions" in flat
    assert squash("[s16] On August 14, a convoy of Russian mercenaries") in flat
    assert "Answer:" not in flat
    assert "Back to the lesson" not in flat  # screen-only controls are not printed
    assert "For teachers" not in flat  # nor the site navigation
    page.goto(live_server.url + f"/lessons/{lesson.slug}/answer-key")
    assert "/teacher/sign-in" in page.url  # a student cannot open the answer key
    page.close()


def test_teacher_answer_key_prints_with_answers(browser, live_server):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    add_teacher(live_server.app, "key@school.org", PASSWORD_A)
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/teacher/sign-in")
    page.fill("input[name=email]", "key@school.org")
    page.fill("input[name=password]", PASSWORD_A)
    page.click("button:text('Sign in')")
    page.goto(live_server.url + f"/lessons/{lesson.slug}/answer-key")
    text, _ = pdf_text(page)
    flat = squash(text)
    assert "Answer key:" in flat
    assert flat.count("Answer:") == len(lesson.quiz.questions)
    first = lesson.quiz.questions[0]
    assert squash(first.option_by_id[first.key].text)[:40] in flat
    context.close()
