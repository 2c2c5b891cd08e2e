"""A teacher and two students run a class end to end in real browsers (three contexts).

The teacher signs in, creates a class and opens its dashboard; Ada joins from the
home page and answers one question of each type with the key; Ben joins with the
join link and gets the selection questions wrong. The teacher's open dashboard
picks both up by itself (polling), then shows the scores, the heatmap and the
item analysis. Expected scores come from the grader on the same answers.
"""

import re

import pytest

from closeread.questions.grading import grade_answer
from closeread.teacher.analytics import Answer, heatmap, whole
from tests.browser.start import assign_in_browser, start_round_one
from tests.test_teacher_support import PASSWORD_A, add_teacher

pytestmark = pytest.mark.browser

EMAIL = "teacher@school.org"


def chosen_questions(lesson):
    """The first question of each type, in quiz order."""
    by_type = {}
    for q in lesson.quiz.questions:
        by_type.setdefault(q.type, q)
    return sorted(by_type.values(), key=lambda q: q.number)


def right_answer(q):
    if q.type in ("choice", "verdict"):
        return q.key
    if q.type in ("multi", "cite"):
        return list(q.key)
    if q.type == "pair":
        return sorted(q.key[0])
    return q.model_answer


def wrong_answer(q, lesson):
    others = [s.id for s in lesson.article.sentences if s.id not in q.key_sentences]
    if q.type in ("choice", "verdict"):
        return next(o.id for o in q.options if o.id != q.key)
    if q.type == "multi":
        return [next(o.id for o in q.options if o.id not in q.key)]
    if q.type == "cite":
        return [next(iter(q.distractors), others[0])]
    if q.type == "pair":
        return sorted([sorted(q.key[0])[0], others[0]])
    return "I do not know what is wrong with this article."


def answer_in_browser(page, attempt_url, q, answer):
    page.goto(f"{attempt_url}/questions/{q.number}")
    if q.type == "explain":
        page.fill("textarea[name=answer]", answer)
    else:
        for value in [answer] if isinstance(answer, str) else answer:
            page.check(f"input[name=answer][value='{value}']")
    page.click("button:text('Check my answer')")
    page.wait_for_selector("#feedback")


def student_runs(browser, base, code, name, answers, lesson, via_link=False):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    if via_link:
        page.goto(f"{base}/join/{code}")
        assert page.input_value("input[name=code]") == code
    else:
        page.goto(base + "/")
        page.click("text=Join a class")
        page.fill("input[name=code]", code.lower())
    page.fill("input[name=name]", name)
    page.click("button:text('Join the class')")
    page.wait_for_url(re.compile(r"/my-class$"))
    resume = page.locator(".big-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", resume)
    page.click("text=Open the lesson")
    attempt_url = start_round_one(page)
    for q in chosen_questions(lesson):
        answer_in_browser(page, attempt_url, q, answers[q.id])
    return context, page


def test_teacher_and_two_students_run_a_class(browser, live_app, live_server, artifacts):
    live_app.config["TEACHER_POLL_SECONDS"] = 1
    add_teacher(live_app, EMAIL, PASSWORD_A)
    lesson = next(iter(live_app.extensions["closeread.lessons"].values()))
    questions = chosen_questions(lesson)
    ada_answers = {q.id: right_answer(q) for q in questions}
    ben_answers = {q.id: wrong_answer(q, lesson) for q in questions}
    ada_score = round(sum(grade_answer(q, ada_answers[q.id]).score for q in questions), 2)
    ben_score = round(sum(grade_answer(q, ben_answers[q.id]).score for q in questions), 2)
    total = lesson.quiz.total_points
    base = live_server.url

    teacher_context = browser.new_context(viewport={"width": 1280, "height": 900})
    teacher = teacher_context.new_page()
    teacher.set_default_timeout(10_000)
    csp_problems = []
    teacher.on("console", lambda m: csp_problems.append(m.text) if "Content Security Policy" in m.text else None)

    # The teacher signs in from the home page and creates a class.
    teacher.goto(base + "/")
    teacher.click("text=For teachers")
    teacher.wait_for_url(re.compile(r"/teacher/sign-in"))
    teacher.fill("input[name=email]", EMAIL)
    teacher.fill("input[name=password]", PASSWORD_A)
    teacher.click("button:text('Sign in')")
    teacher.wait_for_url(re.compile(r"/teacher/$"))
    teacher.fill("input[name=name]", "9B Browser")
    teacher.click("button:text('Create the class')")
    teacher.wait_for_url(re.compile(r"/teacher/classes/\d+$"))
    code = teacher.locator(".big-code").inner_text().strip()
    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}", code)
    assign_in_browser(teacher, lesson.slug)  # a class sees only what is assigned
    teacher.screenshot(path=str(artifacts / "teacher-class.png"), full_page=True)
    teacher.get_by_role("link", name=lesson.title).first.click()  # the results link (the flash names it too)
    teacher.wait_for_selector("#roster")
    assert "No student has joined this class yet." in teacher.inner_text("#roster")
    assert teacher.is_visible("button.live-toggle")

    # Two students, two more browser contexts.
    ada_context, ada = student_runs(browser, base, code, "Ada", ada_answers, lesson)
    ada.screenshot(path=str(artifacts / "student-after-answers.png"), full_page=True)
    ben_context, _ = student_runs(browser, base, code, "Ben", ben_answers, lesson, via_link=True)

    # The open dashboard updates itself, without a reload, until it shows Ben's finished answers.
    ben_cell = f"{ben_score:g} ({whole(100 * ben_score / total)}%)"
    teacher.wait_for_function(
        """([name, text]) => [...document.querySelectorAll('#roster tbody tr')].some(
             (tr) => tr.querySelector('th').innerText.startsWith(name) && tr.cells[2].innerText.trim() === text)""",
        arg=["Ben", ben_cell],
        timeout=15_000,
    )
    rows = {}
    for row in teacher.locator("#roster tbody tr").all():
        cells = [c.inner_text().strip() for c in row.locator("th, td").all()]
        rows[cells[0].split()[0]] = cells[1:]
    assert set(rows) == {"Ada", "Ben"}
    assert rows["Ada"][0] == "1"
    assert rows["Ada"][1] == f"{ada_score:g} ({whole(100 * ada_score / total)}%)"
    assert rows["Ben"][1] == ben_cell
    assert ada_score > ben_score
    assert "Updated at" in teacher.inner_text(".live-bar")
    teacher.screenshot(path=str(artifacts / "teacher-dashboard.png"), full_page=True)

    # Charts load as images (the SVG's own CSP lets pygal's styles apply).
    # The roster refreshes itself (polling), which may replace the images: one check in the page looks at
    # whatever images are there now, never at a node a refresh replaced.
    assert teacher.locator(".charts img").count() >= 2
    teacher.wait_for_function(
        "() => [...document.querySelectorAll('.charts img')].every("
        "el => { el.scrollIntoView({block: 'nearest'}); return el.complete && el.naturalWidth > 0; })",
        timeout=15_000)

    # Pause stops the polling; the button says so.
    teacher.click("button.live-toggle")
    assert teacher.get_attribute("button.live-toggle", "aria-pressed") == "true"
    assert "Updates paused." in teacher.inner_text(".live-status")

    # Heatmap: Ada's right picks and Ben's wrong ones; focus shows the counts.
    teacher.click("text=Article heatmap")
    teacher.wait_for_selector("#heat-table")
    answers = [
        Answer(student, q.id, grade_answer(q, given[q.id]).score, q.points, given[q.id])
        for student, given in ((1, ada_answers), (2, ben_answers))
        for q in questions
    ]
    expected = heatmap(lesson, answers)
    table = {}
    for row in teacher.locator("#heat-table tbody tr").all():
        cells = [c.inner_text().strip() for c in row.locator("th, td").all()]
        table[cells[0].split()[0]] = cells[1:4]
    assert table == {sid: [str(h.right), str(h.wrong), str(h.missed)] for sid, h in expected.items()}
    assert sum(h.total for h in expected.values()) > 0
    for sid, h in expected.items():
        assert h.css in teacher.get_attribute(f"#heat-{sid}", "class").split(), sid
    cite = next(q for q in questions if q.type == "cite")
    wrong_sid = ben_answers[cite.id][0]
    teacher.locator(f"#heat-{wrong_sid}").scroll_into_view_if_needed()
    teacher.focus(f"#heat-{wrong_sid}")
    tip = teacher.locator(f"#tip-{wrong_sid}")
    assert tip.is_visible()
    assert re.search(r"cited wrongly [1-9]", tip.inner_text())
    teacher.screenshot(path=str(artifacts / "teacher-heatmap-focus.png"))  # the window, with the counts panel
    teacher.screenshot(path=str(artifacts / "teacher-heatmap.png"), full_page=True)

    # Item analysis lists every question with its counts.
    teacher.click("text=Questions")
    teacher.wait_for_selector("#items-summary")
    first = teacher.locator("#items-summary tbody tr").first.inner_text()
    assert "needs 5" in first  # two students: the indices wait for five
    teacher.screenshot(path=str(artifacts / "teacher-items.png"), clip={"x": 0, "y": 0, "width": 1280, "height": 2200},
                       full_page=True)

    # The written answers wait for review; confirming one clears it.
    teacher.click("text=Review answers")
    pending = teacher.locator(".review-queue > li").count()
    assert pending == 2
    teacher.locator(".review-queue > li").first.locator("button[name=confirm]").click()
    teacher.wait_for_selector("text=Waiting for you (1)")
    teacher.screenshot(path=str(artifacts / "teacher-review.png"), full_page=True)

    assert not csp_problems, csp_problems

    # axe-core finds no serious or critical problem on the teacher and student pages.
    a11y = pytest.importorskip("tests.browser.a11y")
    for path in ("/teacher/", teacher.url.split("/lessons/")[0], teacher.url.split("/lessons/")[0] + "/card"):
        teacher.goto(path if path.startswith("http") else base + path)
        a11y.assert_accessible(teacher, path)
    dashboard = teacher.url.split("/card")[0] + f"/lessons/{lesson.slug}"
    for suffix in ("", "/items", "/heatmap", "/review", "/print"):
        teacher.goto(dashboard + suffix)
        a11y.assert_accessible(teacher, suffix or "dashboard")
    # On a phone the pages fit the width (wide tables scroll inside their own box) and stay accessible.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, storage_state=teacher_context.storage_state())
    small = phone.new_page()
    for suffix in ("", "/heatmap", "/items", "/review"):
        small.goto(dashboard + suffix)
        assert small.evaluate("document.documentElement.scrollWidth") <= 390, suffix
        a11y.assert_accessible(small, "phone " + (suffix or "dashboard"))
        if not suffix:
            small.screenshot(path=str(artifacts / "teacher-dashboard-phone.png"), full_page=True)
    phone.close()
    ada.goto(base + "/my-class")
    a11y.assert_accessible(ada, "my class")
    for path in ("/join", "/resume"):
        ada.goto(base + path)
        a11y.assert_accessible(ada, path)
    for context in (ada_context, ben_context, teacher_context):
        context.close()
