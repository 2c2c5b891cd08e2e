"""Item 5 (browser): a payload display name, class name or chat message never runs.

Students join a class through the real join form with names that would set
window.__xss or open a dialog; the teacher then opens every page that shows them.
The teacher's browser runs with the page's CSP switched off (Playwright's
bypass_csp), so only escaping stands between the payload and the script engine:
the test proves the escaping, and the CSP is a second wall on top.
"""

import pytest

from closeread.db import connect
from closeread.teacher import accounts, classes

pytestmark = pytest.mark.browser

TEACHER = ("browser.xss@school.example", "violet tram under seven lanterns")
# Short enough for the join form (40 characters).
NAMES = [
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=2>",
    "\"><script>window.__xss=3</script>",
    "<img src=x onerror=alert('name')>",
    "<details open ontoggle=alert(4)>",
    "' onmouseover='window.__xss=5",
]
# Too long for the form; written to the database directly, as an import might.
LONG_NAMES = [
    "<iframe srcdoc=\"<script>parent.__xss=6</script>\"></iframe>",
    "<a href=\"javascript:window.__xss=7\" id=\"xss-link\">click the payload link</a>",
]
CLASS_NAME = "<img src=x onerror=window.__xss=8> Year 9"
CHAT_PAYLOADS = ["<img src=x onerror=window.__xss=9>", "[tap me](javascript:window.__xss=10)",
                 "<script>alert('chat')</script>"]


def watch(page, dialogs):
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))


def sweep(page):
    """Hover across the page and click the payload link if it is a link: fire what could fire."""
    size = page.viewport_size
    for y in range(0, size["height"], 120):
        for x in range(0, size["width"], 240):
            page.mouse.move(x, y)
    links = page.locator("a#xss-link")
    if links.count():
        links.first.click()


def flag(page):
    return page.evaluate("() => window.__xss === undefined ? null : window.__xss")


def test_payload_names_never_run_in_the_teachers_browser(browser, live_server):
    app = live_server.app
    db = connect(app.config["DATABASE"])
    teacher_id = accounts.create_teacher(db, *TEACHER)
    class_id = classes.create_class(db, teacher_id, CLASS_NAME)
    code = next(iter(db.query("SELECT join_code FROM classes WHERE id = ?", [class_id])))["join_code"]
    db.close()
    dialogs: list[str] = []

    # Students join through the real form (CSRF on), each in their own browser.
    for name in NAMES:
        ctx = browser.new_context(bypass_csp=True)
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        watch(page, dialogs)
        page.goto(f"{live_server.url}/join/{code}")
        page.fill("input[name=name]", name)
        page.click("button:text('Join the class')")
        page.wait_for_url("**/my-class")
        sweep(page)
        assert flag(page) is None, name
        assert dialogs == []
        assert name in page.locator("h1").inner_text()  # shown, as text
        ctx.close()

    db = connect(app.config["DATABASE"])
    with db.atomic():
        rows = list(db.query("SELECT id, learner_id FROM class_members WHERE class_id = ? ORDER BY id", [class_id]))
        for row, name in zip(rows, LONG_NAMES, strict=False):
            db.execute("UPDATE class_members SET display_name = ? WHERE id = ?", [name, row["id"]])
            db.execute("UPDATE learners SET display_name = ? WHERE id = ?", [name, row["learner_id"]])
    db.close()
    shown = LONG_NAMES + NAMES[len(LONG_NAMES):]

    ctx = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    watch(page, dialogs)
    page.goto(f"{live_server.url}/teacher/sign-in")
    page.fill("input[name=email]", TEACHER[0])
    page.fill("input[name=password]", TEACHER[1])
    page.click("button:text('Sign in')")
    page.wait_for_url("**/teacher/")
    slug = next(iter(app.extensions["closeread.lessons"]))
    base = f"{live_server.url}/teacher/classes/{class_id}"
    visited = 0
    for path in ("/teacher/", f"{base}", f"{base}/card", f"{base}/lessons/{slug}", f"{base}/lessons/{slug}/live",
                 f"{base}/lessons/{slug}/print", f"{base}/lessons/{slug}/review"):
        page.goto(path if path.startswith("http") else live_server.url + path)
        page.wait_for_load_state("load")
        if path in (base, f"{base}/lessons/{slug}"):
            assert CLASS_NAME in page.locator("body").inner_text(), path  # shown, as text
        sweep(page)
        assert flag(page) is None, path
        visited += 1
    # The names are there, shown as text.
    page.goto(f"{base}/lessons/{slug}")
    body = page.locator("body").inner_text()
    for name in shown:
        assert name in body, name
    assert flag(page) is None
    assert dialogs == []
    assert visited == 7
    ctx.close()


def test_payload_chat_messages_never_run(browser, live_server):
    slug = next(iter(live_server.app.extensions["closeread.lessons"]))
    dialogs: list[str] = []
    ctx = browser.new_context(bypass_csp=True)
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    watch(page, dialogs)
    page.goto(f"{live_server.url}/lessons/{slug}")
    page.click("button:text('Learn with the chat tutor')")
    page.wait_for_url("**/chat/*")
    box = page.locator("textarea[name=message]")
    for payload in CHAT_PAYLOADS:
        count = page.locator(".msg").count()
        box.fill(payload)
        page.click("#chat-send")
        page.wait_for_function(f"() => document.querySelectorAll('.msg').length > {count}")
        sweep(page)
    page.reload()
    sweep(page)
    texts = page.locator(".msg").all_inner_texts()
    assert any(CHAT_PAYLOADS[0] in t for t in texts)
    assert flag(page) is None
    assert dialogs == []
    ctx.close()
