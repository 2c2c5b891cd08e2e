"""Teacher and class pages on a phone (390×844), at normal and 200% text size."""

import re

import pytest

from tests.browser.layout import assert_menu_one_row, assert_phone_friendly, header_item_tops, zoom_text
from tests.browser.start import assign_in_browser
from tests.test_teacher_support import PASSWORD_A, add_teacher

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("text_zoom", [100, 200])
def test_teacher_and_student_pages_fit_a_phone(browser, live_app, live_server, artifacts, text_zoom):
    email = f"phone{text_zoom}@school.org"
    add_teacher(live_app, email, PASSWORD_A)
    lesson = next(iter(live_app.extensions["closeread.lessons"].values()))
    base = live_server.url
    teacher_ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    teacher = teacher_ctx.new_page()
    student_ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    student = student_ctx.new_page()

    def check(page, label):
        if text_zoom != 100:
            zoom_text(page, text_zoom)
        assert_phone_friendly(page, f"{label} at {text_zoom}% text")
        page.screenshot(path=str(artifacts / f"phone-{text_zoom}-{label.replace(' ', '-')}.png"))

    teacher.goto(base + "/teacher/sign-in")
    check(teacher, "teacher sign-in")
    teacher.fill("input[name=email]", email)
    teacher.fill("input[name=password]", "wrong password here")
    teacher.click("button:text('Sign in')")
    check(teacher, "teacher sign-in with an error")
    teacher.fill("input[name=password]", PASSWORD_A)
    teacher.click("button:text('Sign in')")
    teacher.wait_for_url(re.compile(r"/teacher/$"))
    check(teacher, "teacher classes")
    teacher.locator(".site-header").screenshot(path=str(artifacts / f"phone-{text_zoom}-teacher-menu.png"))
    # The menu: short names on a phone, each link named by what it shows, on one row beside the brand.
    menu = teacher.get_by_role("navigation", name="Main")
    for name in ("classes", "library", "editor"):
        assert menu.get_by_role("link", name=name, exact=True).is_visible()
    assert menu.get_by_role("button", name="Sign out").is_visible()
    if text_zoom == 100:
        assert_menu_one_row(teacher, "the teacher's menu on a phone")
    else:  # twice the text: two rows at most, the brand and the menu
        assert len({round(t) for t in header_item_tops(teacher)}) <= 3, header_item_tops(teacher)
    teacher.fill("input[name=name]", "Phone class")
    teacher.click("button:text('Create the class')")
    teacher.wait_for_url(re.compile(r"/teacher/classes/\d+$"))
    class_url = teacher.url
    code = teacher.locator(".big-code").inner_text().strip()
    check(teacher, "teacher class")
    # Assign some rounds on the phone: first with none ticked (the form says so), then rounds 1 and 2.
    teacher.select_option("select[name=lesson]", lesson.slug)
    teacher.check("input[name=scope][value=rounds]")
    teacher.get_by_role("button", name="Assign", exact=True).click()
    assert "Tick at least one round" in teacher.inner_text("#rounds-errors")
    # The form comes back scrolled into view (its action ends in #assign-form), the message near its top.
    teacher.wait_for_function("() => Math.abs(document.querySelector('#assign-form').getBoundingClientRect().top) < 60")
    assert teacher.locator("#rounds-errors").bounding_box()["y"] < 2 * PHONE["height"]
    check(teacher, "assign rounds error")
    assign_in_browser(teacher, lesson.slug, rounds=[r.id for r in lesson.rounds[:2]])
    teacher.locator("#assignments").scroll_into_view_if_needed()
    check(teacher, "teacher class assigned rounds")

    student.goto(base + "/join")
    check(student, "join")
    student.fill("input[name=code]", code)
    student.fill("input[name=name]", "Pat")
    student.click("button:text('Join the class')")
    student.wait_for_url(re.compile(r"/my-class$"))
    check(student, "my class")
    # The resume code: inside its card, wrapping only between its groups of four.
    card = student.locator(".resume-box").bounding_box()
    groups = student.locator(".resume-box .code-group")
    shown = student.locator(".resume-box .big-code").inner_text()
    assert "-".join(g.strip("-") for g in groups.all_inner_texts()) == shown
    line = float(student.locator(".resume-box .big-code").evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    for box in (groups.nth(i).bounding_box() for i in range(groups.count())):
        assert box["x"] + box["width"] <= card["x"] + card["width"], "the resume code leaves its card"
        assert box["height"] < 2 * line, "a group of the resume code is broken over two lines"
    student.locator(".resume-box").screenshot(path=str(artifacts / f"phone-{text_zoom}-resume-code.png"))
    student.goto(f"{base}/lessons/{lesson.slug}")
    assert student.locator(".round-item.state-off").count() == len(lesson.rounds) - 2
    check(student, "lesson with assigned rounds")
    student.goto(base + "/resume")
    check(student, "resume")

    # The class page again, now with a student: the roster shows each resume code.
    teacher.goto(class_url)
    assert teacher.locator("table.students .code").count() == 1
    check(teacher, "teacher class with a student")

    teacher.goto(class_url + "/card")
    check(teacher, "join card")
    for suffix in ("", "/items", "/heatmap", "/review", "/print"):
        teacher.goto(f"{class_url}/lessons/{lesson.slug}{suffix}")
        check(teacher, "dashboard" + suffix.replace("/", " "))
        if text_zoom == 100:
            assert_menu_one_row(teacher, "the teacher's menu on the dashboard" + suffix)
    teacher_ctx.close()
    student_ctx.close()
