"""A class works on assigned rounds and lessons on a 390×844 phone, checked with axe; the teacher follows.

1. The teacher (desktop) assigns rounds 1 and 2 of germany-mali with the form's boxes; a student joins on a
   phone, sees the round map (rounds 3-6 "not assigned"), and does round 1 from the start button to the
   round's result. No wall of text: the round's teaching is at most two phone screens, and every question's
   first answer control is within two screens of the top of its page. The scripted time is recorded in
   ``tests/artifacts/round1-phone-timing.json`` next to the reading time at 200 words a minute. The teacher's
   live view then shows the student's place, counted against the two assigned rounds.
2. The teacher assigns the second lesson (wrenfield-phones) with a due date; a student on a phone sees only
   it and does it from the assignment to the result, round by round through the pages' own buttons; the
   teacher's dashboard says "Finished".

Screenshots (``tests/artifacts/``, not committed) are named ``assigned-*``.
"""

import json
import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from closeread.content.rounds import WORDS_PER_MINUTE, reading_words
from tests.browser.a11y import assert_accessible
from tests.browser.start import assign_in_browser
from tests.browser.test_teacher_browser import right_answer
from tests.test_teacher_support import PASSWORD_A, add_teacher

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
EMAIL = "rounds.teacher@school.org"


def teacher_with_class(browser, base, name):
    context = browser.new_context(viewport=DESKTOP)
    teacher = context.new_page()
    teacher.set_default_timeout(10_000)
    teacher.goto(base + "/teacher/sign-in")
    teacher.fill("input[name=email]", EMAIL)
    teacher.fill("input[name=password]", PASSWORD_A)
    teacher.get_by_role("button", name="Sign in").click()
    teacher.wait_for_url(re.compile(r"/teacher/$"))
    teacher.fill("input[name=name]", name)
    teacher.get_by_role("button", name="Create the class").click()
    teacher.wait_for_url(re.compile(r"/teacher/classes/\d+$"))
    return context, teacher, teacher.url, teacher.locator(".big-code").inner_text().strip()


def phone_student(browser, base, code, name):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/join/{code}")
    page.fill("input[name=name]", name)
    page.get_by_role("button", name="Join the class").click()
    page.wait_for_url(re.compile(r"/my-class$"))
    return context, page


def answer_here(page, q):
    """Answer the question on the page with its key, by tapping, and check it."""
    answer = right_answer(q)
    if q.type == "explain":
        page.fill("textarea[name=answer]", answer)
    else:
        for value in [answer] if isinstance(answer, str) else answer:
            page.check(f"input[name=answer][value='{value}']")
    page.get_by_role("button", name="Check my answer").click()
    page.wait_for_selector("#feedback")


def question_on(page, lesson):
    return lesson.quiz.questions[int(re.search(r"/questions/(\d+)", page.url).group(1)) - 1]


def fits_the_phone(page) -> bool:
    """No sideways scrolling on the phone. With ``is_mobile`` the layout viewport widens to wide content,
    so the page's width is compared with the phone's, not with ``window.innerWidth``."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def first_control_top(page) -> float:
    """Page y of the first answer control (a choice, a sentence box or the text box)."""
    return page.evaluate("""() => {
      const el = document.querySelector('#answer-form input[name=answer], #answer-form textarea[name=answer]');
      const boxed = el.type === 'checkbox' || el.type === 'radio';
      const target = boxed && el.labels.length ? el.labels[0] : el;
      return target.getBoundingClientRect().top + window.scrollY;
    }""")


def test_a_class_does_round_one_of_two_assigned_rounds_on_a_phone(browser, live_app, live_server, artifacts):
    live_app.config["TEACHER_LIVE_POLL_SECONDS"] = 1
    add_teacher(live_app, EMAIL, PASSWORD_A)
    lesson = live_app.extensions["closeread.lessons"]["germany-mali"]
    first, second = lesson.rounds[:2]
    base = live_server.url
    teacher_ctx, teacher, class_url, code = teacher_with_class(browser, base, "9B Rounds")

    # The teacher ticks rounds 1 and 2 in the plain form.
    teacher.select_option("select[name=lesson]", lesson.slug)
    teacher.check("input[name=scope][value=rounds]")
    teacher.check(f"#rounds-{lesson.slug}-{first.id}")
    teacher.check(f"#rounds-{lesson.slug}-{second.id}")
    teacher.locator("#assign-form").screenshot(path=str(artifacts / "assigned-form-desktop.png"))
    assert_accessible(teacher, "class page with the assign form")
    teacher.get_by_role("button", name="Assign", exact=True).click()
    teacher.wait_for_selector("text=Assigned “")
    assert "rounds 1 and 2 only" in teacher.inner_text(".flash, main")
    assert "Only rounds 1 and 2:" in teacher.inner_text("#assignments")

    student_ctx, page = phone_student(browser, base, code, "Ada")
    page.get_by_role("link", name=re.compile(r"^Open the lesson")).click()
    page.wait_for_url(re.compile(rf"/lessons/{lesson.slug}$"))
    started = time.monotonic()

    # The round map: the start button on the first screen, rounds 3-6 marked as not assigned.
    start = page.get_by_role("button", name="Start round 1")
    box = start.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert page.locator(".round-item.state-off").count() == 4
    assert "Your teacher assigned 2 of the 6 rounds" in page.inner_text(".assigned-lead")
    assert fits_the_phone(page)
    page.screenshot(path=str(artifacts / "assigned-round-map-phone.png"))
    page.locator("#start").screenshot(path=str(artifacts / "assigned-round-map-section-phone.png"))
    assert_accessible(page, "lesson page with assigned rounds (phone)")
    start.click()

    page.wait_for_url(re.compile(r"/trust/before$"))
    page.check("input[name=rating][value='3']")
    page.get_by_role("button", name="Save my rating").click()
    page.wait_for_url(re.compile(rf"/rounds/{first.id}$"))

    # The round's teaching: at most two phone screens before the article part and the questions.
    teaching = page.locator(".round-teaching").bounding_box()
    assert teaching["height"] <= 2 * PHONE["height"], teaching
    assert "Round 1 (assigned round 1 of 2)" in page.inner_text(".round-kicker")
    skip = page.get_by_role("link", name="Skip the article part")
    assert skip.bounding_box()["y"] <= 2 * PHONE["height"]  # the way past the article part is near the top
    page.screenshot(path=str(artifacts / "assigned-round-teaching-phone.png"))
    assert_accessible(page, "round teaching (phone)")
    page.get_by_role("link", name="Start the questions").click()
    page.wait_for_url(re.compile(r"/questions/\d+$"))

    for n, qid in enumerate(first.question_ids, 1):
        q = question_on(page, lesson)
        assert q.id == qid
        assert f"Round 1 · Question {n} of {len(first.question_ids)}" in page.inner_text(".progress-line")
        top = first_control_top(page)
        assert top <= 2 * PHONE["height"], (q.id, top)  # no wall of text before the first answer
        if n == 1:
            page.screenshot(path=str(artifacts / "assigned-question-phone.png"))
            assert_accessible(page, "question (phone)")
            toggle = page.locator("a.article-toggle")
            toggle.click()
            page.wait_for_selector(".drawer-open")
            page.screenshot(path=str(artifacts / "assigned-article-drawer-phone.png"))
            assert_accessible(page, "article drawer (phone)")
            page.locator(".drawer-close").click()
            page.wait_for_selector(".drawer-open", state="detached")
        answer_here(page, q)
        if n == 1:
            page.screenshot(path=str(artifacts / "assigned-feedback-phone.png"))
        page.locator(".next a.button.primary").click()

    page.wait_for_url(re.compile(rf"/rounds/{first.id}/result$"))
    elapsed = time.monotonic() - started
    assert page.locator("h1").inner_text() == "Round 1 done: What the article says"
    page.wait_for_function("() => document.querySelector('[data-announce]').textContent.startsWith('Round 1 done.')")
    page.wait_for_timeout(400)  # the celebration's dots have risen
    page.screenshot(path=str(artifacts / "assigned-round-result-phone.png"), full_page=True)
    assert_accessible(page, "round result (phone)")
    assert "your assignment is done" not in page.inner_text("main")
    assert page.get_by_role("link", name=f"Next: round 2, {second.title}").is_visible()
    assert page.locator(".round-map .state-off").count() == 4

    words = sum(reading_words(lesson, first).values())
    timing = {"round": first.title, "viewport": PHONE, "questions": len(first.question_ids),
              "scripted_seconds": round(elapsed, 2), "words_read": words,
              "reading_minutes_at_200_wpm": round(words / WORDS_PER_MINUTE, 1),
              "total_minutes": round(words / WORDS_PER_MINUTE + elapsed / 60, 1)}
    (artifacts / "round1-phone-timing.json").write_text(json.dumps(timing, indent=2) + "\n")
    assert elapsed < 60, timing  # the machine's share is seconds; the reading is what takes the time
    assert timing["total_minutes"] <= 12, timing

    # The same student on a desktop (the session carries over): the round map, a question, the result.
    attempt_url = page.url.rsplit("/rounds/", 1)[0]
    desk = browser.new_context(viewport=DESKTOP, storage_state=student_ctx.storage_state()).new_page()
    desk.goto(f"{base}/lessons/{lesson.slug}")
    assert desk.locator(".round-item.state-done").count() == 1 and desk.locator(".state-off").count() == 4
    desk.screenshot(path=str(artifacts / "assigned-round-map-desktop.png"))
    assert_accessible(desk, "lesson page with assigned rounds (desktop)")
    desk.goto(f"{attempt_url}/rounds/{second.id}")
    desk.screenshot(path=str(artifacts / "assigned-round-teaching-desktop.png"))
    desk.goto(f"{attempt_url}/questions/{lesson.quiz.by_id[second.question_ids[0]].number}")
    desk.screenshot(path=str(artifacts / "assigned-question-desktop.png"))
    desk.goto(f"{attempt_url}/rounds/{first.id}/result")
    desk.screenshot(path=str(artifacts / "assigned-round-result-desktop.png"), full_page=True)
    desk.context.close()

    # The teacher's live view: Ada's place, counted against the 14 questions of the two assigned rounds.
    teacher.goto(class_url + f"/lessons/{lesson.slug}/progress")
    assert "This class was assigned rounds 1 and 2" in teacher.inner_text(".assigned-scope")
    row = [c.strip() for c in teacher.locator("#now-students tbody tr").first.locator("th, td").all_inner_texts()]
    assert row[0] == "Ada" and row[-1] == "7 of 14", row
    assert teacher.locator("#now-questions tbody tr.round-row").count() == 2
    teacher.screenshot(path=str(artifacts / "assigned-live-desktop.png"), full_page=True)
    assert_accessible(teacher, "live view with assigned rounds")
    phone_teacher = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                        storage_state=teacher_ctx.storage_state()).new_page()
    phone_teacher.goto(class_url + f"/lessons/{lesson.slug}/progress")
    assert fits_the_phone(phone_teacher)  # the tables scroll inside their own boxes
    phone_teacher.screenshot(path=str(artifacts / "assigned-live-phone.png"), full_page=True)
    phone_teacher.goto(class_url)
    phone_teacher.locator("#assign-form").screenshot(path=str(artifacts / "assigned-form-phone.png"))
    assert fits_the_phone(phone_teacher)
    phone_teacher.context.close()
    student_ctx.close()
    teacher_ctx.close()


def test_a_student_does_the_second_lesson_from_an_assignment_on_a_phone(browser, live_app, live_server, artifacts):
    add_teacher(live_app, EMAIL, PASSWORD_A)
    lesson = live_app.extensions["closeread.lessons"]["wrenfield-phones"]
    base = live_server.url
    teacher_ctx, teacher, class_url, code = teacher_with_class(browser, base, "9C Phones")
    due = (datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(days=1)).replace(second=0, microsecond=0)
    assign_in_browser(teacher, lesson.slug, due=due.strftime("%Y-%m-%dT%H:%M"), zone="Europe/Berlin")

    student_ctx, page = phone_student(browser, base, code, "Bea")
    page.goto(base + "/")
    links = page.locator("main a[href^='/lessons/']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert set(links) == {f"/lessons/{lesson.slug}"}
    assert "Due " in page.inner_text(".due-line") and "Europe/Berlin time" in page.inner_text(".due-line")
    card = page.get_by_role("link", name=re.compile(r"^Open the lesson")).bounding_box()
    assert card["y"] + card["height"] <= PHONE["height"], card  # the student's lesson is on the first screen
    assert fits_the_phone(page)
    page.screenshot(path=str(artifacts / "assigned-second-lesson-home-phone.png"), full_page=True)
    assert_accessible(page, "home of a class student (phone)")
    assert page.goto(base + "/lessons/germany-mali").status == 404

    page.goto(f"{base}/lessons/{lesson.slug}")
    assert_accessible(page, "second lesson's page (phone)")
    page.get_by_role("button", name="Start round 1").click()
    page.wait_for_url(re.compile(r"/trust/before$"))
    page.get_by_role("link", name="Skip this question").click()

    seen_types, rounds_done = set(), []
    for _ in range(4 * len(lesson.quiz.questions)):  # every page of the lesson, by its own buttons
        url = page.url
        assert fits_the_phone(page), url
        if re.search(r"/rounds/[\w-]+$", url):
            assert page.locator(".round-teaching").bounding_box()["height"] <= 2 * PHONE["height"]
            page.get_by_role("link", name=re.compile(r"^(Start|Continue) the questions$")).click()
        elif "/questions/" in url:
            q = question_on(page, lesson)
            if q.type not in seen_types:
                seen_types.add(q.type)
                assert_accessible(page, f"{q.type} question of the second lesson (phone)")
            answer_here(page, q)
            page.locator(".next a.button.primary").click()
        elif re.search(r"/rounds/[\w-]+/result$", url):
            rounds_done.append(page.locator("h1").inner_text())
            if len(rounds_done) == 1:
                assert_accessible(page, "second lesson's round result (phone)")
            page.locator(".next-step a.button.primary").click()
        elif url.endswith("/trust/after"):
            assert_accessible(page, "second rating (phone)")
            page.check("input[name=rating][value='2']")
            page.get_by_role("button", name="Save my rating").click()
        elif url.endswith("/result"):
            break
        page.wait_for_load_state("load")
    assert page.url.endswith("/result"), page.url
    assert rounds_done == [f"Round {r.number} done: {r.title}" for r in lesson.rounds]
    assert seen_types == {q.type for q in lesson.quiz.questions}
    assert page.locator("h1").inner_text() == "Your results"
    assert f"You answered {len(lesson.quiz.questions)} of {len(lesson.quiz.questions)} questions." in \
        page.inner_text(".score-card")
    assert page.locator("#reveal").is_visible()
    assert fits_the_phone(page)
    page.screenshot(path=str(artifacts / "assigned-second-lesson-result-phone.png"))
    assert_accessible(page, "second lesson's result (phone)")

    teacher.goto(class_url + f"/lessons/{lesson.slug}")
    row = teacher.locator("#roster tbody tr").first
    assert row.locator("th").inner_text().startswith("Bea")
    assert row.locator("td").last.inner_text().strip() == "Finished"
    student_ctx.close()
    teacher_ctx.close()
