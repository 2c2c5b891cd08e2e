"""The teacher's live progress view follows two students answering, each in their own browser.

The teacher opens Live progress (polling every second); Ada and Ben join in two more
browser contexts and start the quiz. As Ada answers question 1 rightly and Ben wrongly,
the teacher's open page changes by itself: each student's current question and status,
the question's tally, and a polite announcement of the new answers. Checked with axe at
desktop size and on a 390×844 phone, where the tables scroll inside their own boxes.
"""

import re

import pytest

from closeread.teacher.live import round_of
from tests.browser.layout import assert_phone_friendly
from tests.browser.start import assign_in_browser, start_round_one
from tests.browser.test_teacher_browser import answer_in_browser, right_answer, wrong_answer
from tests.test_teacher_support import PASSWORD_A, add_teacher

pytestmark = pytest.mark.browser

EMAIL = "live.teacher@school.org"
PHONE = {"width": 390, "height": 844}
ROW_TEXT = r"""([table, name]) => {
  const row = [...document.querySelectorAll(`#${table} tbody tr`)].find((tr) => tr.cells[0].innerText.startsWith(name));
  return row ? [...row.cells].map((c) => c.innerText.trim().split(/\s+/).join(" ")) : null;
}"""


def join_and_start(browser, base, code, name):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/join/{code}")
    page.fill("input[name=name]", name)
    page.click("button:text('Join the class')")
    page.wait_for_url(re.compile(r"/my-class$"))
    page.click("text=Open the lesson")
    return context, page, start_round_one(page)


def wait_for_row(teacher, table, name, expected):
    teacher.wait_for_function(f"(args) => JSON.stringify(({ROW_TEXT})(args)) === JSON.stringify(args[2])",
                              arg=[table, name, expected], timeout=15_000)


def test_live_view_follows_the_class(browser, live_app, live_server, artifacts):
    live_app.config["TEACHER_LIVE_POLL_SECONDS"] = 1
    add_teacher(live_app, EMAIL, PASSWORD_A)
    lesson = next(iter(live_app.extensions["closeread.lessons"].values()))
    q1, q2 = lesson.quiz.questions[:2]
    n = len(lesson.quiz.questions)
    base = live_server.url

    teacher_context = browser.new_context(viewport={"width": 1280, "height": 900})
    teacher = teacher_context.new_page()
    teacher.set_default_timeout(10_000)
    console = []
    teacher.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    teacher.goto(base + "/teacher/sign-in")
    teacher.fill("input[name=email]", EMAIL)
    teacher.fill("input[name=password]", PASSWORD_A)
    teacher.click("button:text('Sign in')")
    teacher.wait_for_url(re.compile(r"/teacher/$"))
    teacher.fill("input[name=name]", "10C Live")
    teacher.click("button:text('Create the class')")
    teacher.wait_for_url(re.compile(r"/teacher/classes/\d+$"))
    code = teacher.locator(".big-code").inner_text().strip()
    assign_in_browser(teacher, lesson.slug)  # a class sees only what is assigned
    teacher.get_by_role("link", name=lesson.title).first.click()  # the results link (the flash names it too)
    teacher.click("text=follow the class live")
    teacher.wait_for_url(re.compile(r"/progress\?count=first$"))
    progress_url = teacher.url
    assert "No student has joined this class yet." in teacher.inner_text("#now-students")
    assert teacher.is_visible("button.live-toggle")

    ada_context, ada, ada_attempt = join_and_start(browser, base, code, "Ada")
    ben_context, ben, ben_attempt = join_and_start(browser, base, code, "Ben")
    # The round of the question ("Round 1: …"); the question table groups by it.
    on_q1, on_q2 = f"Q1 {round_of(lesson, q1)}", f"Q2 {round_of(lesson, q2)}"
    wait_for_row(teacher, "now-students", "Ben", ["Ben", on_q1, "Working on it", f"0 of {n}"])
    assert teacher.evaluate(ROW_TEXT, ["now-students", "Ada"]) == ["Ada", on_q1, "Working on it", f"0 of {n}"]
    assert teacher.inner_text("#now-questions tbody tr.round-row >> nth=0") == f"Round: {round_of(lesson, q1)}"
    assert teacher.evaluate(ROW_TEXT, ["now-questions", "Q1"])[1:] == ["0", "0", "0", "0 of 2", "2"]

    # Ada answers Q1 rightly: her row, the tally and the announcement change without a reload.
    answer_in_browser(ada, ada_attempt, q1, right_answer(q1))
    wait_for_row(teacher, "now-students", "Ada", ["Ada", on_q1, "Answered: right", f"1 of {n}"])
    q1_row = teacher.evaluate(ROW_TEXT, ["now-questions", "Q1"])
    assert q1_row[1:] == ["1", "0", "0", "1 of 2", "1"]
    teacher.wait_for_function("() => document.querySelector('.live-announce').textContent.includes('Q1: 1 right')")
    teacher.screenshot(path=str(artifacts / "teacher-live-one-answer.png"), full_page=True)

    # Ben answers it wrongly and moves on to Q2.
    answer_in_browser(ben, ben_attempt, q1, wrong_answer(q1, lesson))
    teacher.wait_for_function(
        "() => document.querySelector('tr[data-tally=\"Q1\"]').getAttribute('data-wrong') === '1'", timeout=15_000)
    assert teacher.inner_text(".live-announce") == "New answers. Q1: 1 wrong."
    ben.goto(f"{ben_attempt}/questions/{q2.number}")
    wait_for_row(teacher, "now-students", "Ben", ["Ben", on_q2, "Working on it", f"1 of {n}"])
    assert teacher.evaluate(ROW_TEXT, ["now-questions", "Q1"])[1:] == ["1", "0", "1", "2 of 2", "0"]
    assert teacher.evaluate(ROW_TEXT, ["now-questions", "Q2"])[-1] == "1"
    assert re.search(r"2 of 2 students started\. 2 answers so far: 1 right, 0 partly right, 1 wrong\.",
                     " ".join(teacher.inner_text(".live-summary").split()))
    teacher.screenshot(path=str(artifacts / "teacher-live-desktop.png"), full_page=True)
    assert not console, console

    a11y = pytest.importorskip("tests.browser.a11y")
    a11y.assert_accessible(teacher, "live progress")

    # Pause stops the polling; the refresh link works without it.
    teacher.click("button.live-toggle")
    assert teacher.get_attribute("button.live-toggle", "aria-pressed") == "true"
    teacher.click("a.refresh-link")
    teacher.wait_for_selector("#now-questions")

    # On a phone: no sideways page scroll, big enough targets, still accessible.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                storage_state=teacher_context.storage_state())
    small = phone.new_page()
    small.goto(progress_url)
    assert_phone_friendly(small, "live progress on a phone")
    a11y.assert_accessible(small, "phone live progress")
    small.screenshot(path=str(artifacts / "teacher-live-phone.png"), full_page=True)
    small.evaluate("document.querySelector('.live-summary').scrollIntoView()")  # polling replaces the tables
    small.screenshot(path=str(artifacts / "teacher-live-phone-students.png"))
    # What a teacher looks for first shows without scrolling the table sideways: the student's
    # question and status, and the right / partly right / wrong counts.
    for table_id, last in (("now-students", 2), ("now-questions", 3)):
        inside = small.evaluate("([id, last]) => { const t = document.getElementById(id);"
                                " const box = t.parentElement.getBoundingClientRect();"
                                " return t.querySelector('thead tr').cells[last].getBoundingClientRect().right"
                                " <= box.right + 0.5; }", [table_id, last])
        assert inside, table_id
    # The question table scrolls inside its own box, which the keyboard can reach.
    box = small.locator("div.table-scroll:has(#now-questions)")
    assert box.get_attribute("tabindex") == "0"
    phone.close()
    for context in (ada_context, ben_context, teacher_context):
        context.close()
