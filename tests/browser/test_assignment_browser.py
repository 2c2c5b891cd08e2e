"""A teacher assigns a lesson with a due date; a student sees only it and finishes it; the teacher sees it on time.

Three real browsers' worth of steps in one: the teacher imports a second lesson
(a bundle, uploaded through the library page) that is not assigned, assigns the
germany-mali lesson due tomorrow in Europe/Berlin, a student joins, sees that one
lesson only, and answers every question; the dashboard then says "Finished".
"""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.start import start_round_one
from tests.helpers import key_answer
from tests.test_bundles import good_bundle
from tests.test_teacher_support import PASSWORD_A, add_teacher

pytestmark = pytest.mark.browser

EMAIL = "teacher@school.org"


def test_assign_with_a_due_date_and_finish_on_time(browser, live_app, live_server, tmp_path):
    add_teacher(live_app, EMAIL, PASSWORD_A)
    lesson = live_app.extensions["closeread.lessons"]["germany-mali"]
    base = live_server.url
    teacher = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    teacher.set_default_timeout(10_000)
    teacher.goto(base + "/teacher/sign-in")
    teacher.fill("input[name=email]", EMAIL)
    teacher.fill("input[name=password]", PASSWORD_A)
    teacher.click("button:text('Sign in')")
    teacher.wait_for_url(re.compile(r"/teacher/$"))

    bundle = tmp_path / "other.zip"
    bundle.write_bytes(good_bundle("other-lesson"))
    teacher.click("text=Lesson library")
    teacher.set_input_files("input[name=bundle]", str(bundle))
    teacher.click("button:text('Import')")
    teacher.wait_for_selector("text=Imported")

    teacher.goto(base + "/teacher/")
    teacher.fill("input[name=name]", "9B Due")
    teacher.click("button:text('Create the class')")
    teacher.wait_for_url(re.compile(r"/teacher/classes/\d+$"))
    class_url = teacher.url
    code = teacher.locator(".big-code").inner_text().strip()
    due_local = (datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(days=1)).replace(second=0, microsecond=0)
    teacher.select_option("select[name=lesson]", "germany-mali")
    teacher.fill("input[name=due]", due_local.strftime("%Y-%m-%dT%H:%M"))
    teacher.select_option("select[name=zone]", "Europe/Berlin")
    teacher.click("button:text('Assign')")
    teacher.wait_for_selector("#assignments")
    assert "Assigned" in teacher.inner_text("main") and "Europe/Berlin" in teacher.inner_text("#assignments")
    assert "already in the past" not in teacher.inner_text("main")

    student = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    student.set_default_timeout(10_000)
    student.goto(f"{base}/join/{code}")
    student.fill("input[name=name]", "Ada")
    student.click("button:text('Join the class')")
    student.wait_for_url(re.compile(r"/my-class$"))
    student.goto(base + "/")
    links = student.locator("main a[href^='/lessons/']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert set(links) == {"/lessons/germany-mali"}
    assert student.goto(base + "/lessons/other-lesson").status == 404
    student.goto(base + "/lessons/germany-mali")
    attempt_url = start_round_one(student)
    for q in lesson.quiz.questions:
        student.goto(f"{attempt_url}/questions/{q.number}")
        answer = key_answer(q)["answer"]
        if q.type == "explain":
            student.fill("textarea[name=answer]", answer)
        else:
            for value in [answer] if isinstance(answer, str) else answer:
                student.check(f"input[name=answer][value='{value}']")
        student.click("button:text('Check my answer')")
        student.wait_for_selector("#feedback")
    student.goto(attempt_url + "/result")
    assert "result" in student.url

    teacher.goto(class_url + "/lessons/germany-mali")
    row = teacher.locator("#roster tbody tr").first
    assert row.locator("th").inner_text().startswith("Ada")
    assert row.locator("td").last.inner_text().strip() == "Finished"
    assert "Due " in teacher.inner_text("main") and "Europe/Berlin" in teacher.inner_text("main")
    assert datetime.now(UTC) < due_local.astimezone(UTC)
