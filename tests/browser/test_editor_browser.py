"""The lesson editor in Debian's chromium.

A teacher builds a 15-sentence lesson from paste to publish by keyboard only (Tab, typing, Space, Enter),
with axe reporting no serious or critical problem at each step; a student of the class it is assigned to
then completes it in the form quiz and in the chat. A second test takes phone (390×844) and desktop
screenshots of every editor screen into tests/artifacts/.
"""

from __future__ import annotations

import re

import pytest

from closeread.content.tutor import default_content
from closeread.db import connect
from closeread.library import snapshot, versions
from closeread.questions.order import LETTERS
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import LiveServer
from tests.browser.layout import assert_menu_one_row
from tests.browser.start import start_round_one
from tests.editor_support import ARTICLE, TITLE
from tests.helpers import as_shown
from tests.test_chat_engine import typed_key
from tests.test_teacher_support import PASSWORD_A, add_teacher, teacher_app

pytestmark = pytest.mark.browser
EMAIL = "one@school.org"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def editor_app(tmp_path):
    app = teacher_app(tmp_path, WTF_CSRF_ENABLED=True)
    add_teacher(app, EMAIL, PASSWORD_A)
    return app


@pytest.fixture
def server(editor_app):
    with LiveServer(editor_app) as live:
        yield live


def tab_to(page, selector, limit=250):
    """Press Tab until the element matching ``selector`` has the focus: the path a keyboard user takes."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} was not reached by Tab")


def press_on(page, selector, key="Enter"):
    """Tab to a control and press a key; Enter on a link or button waits for the page it loads."""
    tab_to(page, selector)
    if key != "Enter":
        page.keyboard.press(key)
        return
    with page.expect_navigation():
        page.keyboard.press(key)


def step(page, label, artifacts, name):
    page.wait_for_load_state("load")
    assert_accessible(page, label)
    page.screenshot(path=str(artifacts / f"editor-journey-{name}.png"), full_page=True)


def sign_in_by_keyboard(page, url):
    page.goto(f"{url}/teacher/sign-in")
    tab_to(page, "#email")
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD_A)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/teacher/$"))


def test_a_teacher_builds_a_lesson_by_keyboard_and_a_student_completes_it(browser, server, editor_app, artifacts):
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in_by_keyboard(page, server.url)

    # 1. Paste the article.
    press_on(page, "a[href='/teacher/editor']")
    page.wait_for_url(re.compile(r"/teacher/editor$"))
    press_on(page, "a[href='/teacher/editor/new']")
    page.wait_for_url(re.compile(r"/teacher/editor/new$"))
    step(page, "the new-lesson page", artifacts, "1-new")
    tab_to(page, "#title")
    page.keyboard.type(TITLE)
    tab_to(page, "#body")
    page.keyboard.insert_text(ARTICLE)  # a paste
    tab_to(page, "#source")
    page.keyboard.type("Riverside Gazette")
    press_on(page, "button[type=submit].primary")
    page.wait_for_url(re.compile(r"/teacher/editor/\d+$"))
    draft_url = page.url
    assert "16 sentences, 0 labelled" in page.content()
    step(page, "the article and its sentences", artifacts, "2-overview")

    # 2. The splitter broke "U.S. Treasury" in two: merge s6 with s7.
    press_on(page, "a[aria-label='Edit sentence s6']")
    page.wait_for_url(re.compile(r"/sentences/s6$"))
    step(page, "a sentence's page", artifacts, "3-sentence")
    press_on(page, "form[action$='/sentences/s6/merge'] button")
    page.wait_for_url(re.compile(r"/sentences/s6$"))
    assert "The money comes from a U.S. Treasury fund for small towns." in page.content()

    # 3. A suggestion accepted with the keyboard: s5's vague source.
    page.goto(f"{draft_url}/sentences/s5")
    step(page, "a sentence with a suggestion", artifacts, "4-suggestion")
    assert page.locator("mark", has_text="Some commentators").count() == 1
    press_on(page, "button[value=accept]")
    page.wait_for_url(re.compile(r"/sentences/s5$"))

    # 4. The ledger of s10 (the bridge reopened): contradicted by s2, picked by its id.
    page.goto(f"{draft_url}/sentences/s10")
    press_on(page, "input[value=contradicted]", "Space")
    tab_to(page, "#contradicts")
    page.keyboard.type("s2")
    tab_to(page, "#note")
    page.keyboard.type("It closed and reopened on the same Monday.")
    page.locator("[data-save-status]", has_text="Saved at").wait_for()  # the autosave
    step(page, "the ledger form after an autosave", artifacts, "5-ledger")
    press_on(page, "form[data-autosave] button[type=submit]")
    page.wait_for_url(re.compile(r"/sentences/s10$"))
    page.goto(f"{draft_url}/sentences/s2")
    press_on(page, "input[value=contradicted]", "Space")
    tab_to(page, "#contradicts")
    page.keyboard.type("s10")
    press_on(page, "form[data-autosave] button[type=submit]")
    page.wait_for_url(re.compile(r"/sentences/s2$"))

    # 5. Every other sentence "stated", the teacher's explicit choice.
    page.goto(draft_url)
    press_on(page, "form.label-rest button")
    page.wait_for_url(re.compile(r"/teacher/editor/\d+$"))
    assert "15 sentences, 15 labelled" in page.content()

    # 6. Questions drafted from the ledger; approve the pair question and the no-source question.
    press_on(page, "nav.editor-tabs a[href$='/questions']")
    press_on(page, "form[action$='/questions/draft'] button")
    page.wait_for_url(re.compile(r"/questions$"))
    step(page, "the drafted questions", artifacts, "6-questions")
    approved = 0
    for kind in ("pair", "cite"):
        link = page.locator(".question-card", has=page.locator(".chip", has_text=kind.capitalize())).first
        href = link.locator("h3 a").get_attribute("href")
        press_on(page, f"a[href='{href}']")
        page.wait_for_url(re.compile(r"/questions/[\w-]+$"))
        step(page, f"the {kind} question in the builder", artifacts, f"7-builder-{kind}")
        press_on(page, "button.primary[type=submit]:has-text('Approve')")
        page.wait_for_url(re.compile(r"/questions$"))
        approved += 1
    assert page.locator(".chip-ok").count() == approved

    # 7. Preview and publish.
    press_on(page, "nav.editor-tabs a[href$='/publish']")
    page.wait_for_url(re.compile(r"/publish$"))
    step(page, "preview and publish", artifacts, "8-publish")
    press_on(page, "form[action$='/publish'] button")
    page.wait_for_url(re.compile(r"/publish$"))
    assert "Published" in page.content()
    step(page, "after publishing", artifacts, "9-published")
    assert not errors, errors
    context.close()

    # The student: a class it is assigned to, then the form quiz and the chat.
    db = connect(editor_app.config["DATABASE"])
    slug, version = db.execute("SELECT slug, published_version FROM lesson_drafts").fetchone()
    db.close()
    _student_completes(browser, server, editor_app, slug, version, artifacts)


def _assign(editor_app, slug) -> str:
    from tests.test_teacher_support import create_class, sign_in

    client = editor_app.test_client()
    editor_app.config["WTF_CSRF_ENABLED"] = False
    try:
        sign_in(client, EMAIL, PASSWORD_A)
        class_id, code = create_class(client, "7B")
        assert client.post(f"/teacher/classes/{class_id}/assignments",
                           data={"lesson": slug, "due": "", "zone": "UTC"}).status_code == 302
    finally:
        editor_app.config["WTF_CSRF_ENABLED"] = True
    return code


def _student_completes(browser, server, editor_app, slug, version, artifacts):
    code = _assign(editor_app, slug)
    db = connect(editor_app.config["DATABASE"])
    lesson = snapshot.load_from_files(versions.files_of(db, slug, version), slug)
    db.close()
    context = browser.new_context(viewport=SIZES["phone"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{server.url}/join/{code}")
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name=re.compile("Join")).click()
    page.goto(f"{server.url}/lessons/{slug}")
    assert_accessible(page, "the published lesson's page")
    assert "Source: Riverside Gazette." in page.content()
    attempt_url = start_round_one(page)
    attempt = int(attempt_url.rsplit("/", 1)[1])
    answered = 0
    for _ in range(40):  # questions, round results and round teachings, until the results page
        if re.search(r"/questions/\d+$", page.url):
            number = int(page.url.rsplit("/", 1)[1])
            q = as_shown(editor_app, attempt, lesson.quiz.questions[number - 1])
            assert_accessible(page, f"question {number} of the published lesson")
            for sid in (q.key if q.type == "cite" else sorted(q.key[0]) if q.type == "pair" else []):
                page.locator(f"input[name=answer][value={sid}]").check()
            if q.type in ("choice", "verdict"):
                page.locator(f"input[name=answer][value='{q.key}']").check()
            page.get_by_role("button", name=re.compile("^Check")).click()
            answered += 1
            page.locator("main a.button.primary").first.click()
        elif page.locator("main a.button.primary", has_text=re.compile(r"^(Next: round|See your results|Start the "
                                                                        r"questions|Continue the questions)")).count():
            page.locator("main a.button.primary").first.click()
        elif page.locator("main a.button.primary", has_text="rate the article again").count():
            page.locator("main a.button.primary").first.click()
            page.get_by_role("link", name="Skip this question").click()
        else:
            break
        page.wait_for_load_state("load")
    assert answered == len(lesson.quiz.questions)
    page.screenshot(path=str(artifacts / "editor-journey-10-student-form.png"), full_page=True)
    _chat(page, server, editor_app, lesson, slug)
    context.close()


def _chat(page, server, editor_app, lesson, slug):
    page.goto(f"{server.url}/lessons/{slug}")
    page.get_by_role("button", name="Learn with the chat tutor").click()
    page.wait_for_url(re.compile(r".*/chat/\d+$"))
    attempt = int(page.url.rsplit("/", 1)[1])
    assert_accessible(page, "the chat on the published lesson")
    checks = [s.check for s in default_content(lesson).skills if s.check]
    for _ in range(60):
        text = page.locator("#messages > li.msg-tutor").last.inner_text()
        if "finished the quiz" in text:
            break
        match = re.search(r"Question (\d+) of", text)
        if match:
            q = as_shown(editor_app, attempt, lesson.quiz.questions[int(match.group(1)) - 1])
            message = typed_key(q)
        elif checks and page.locator("#quick-replies button", has_text=re.compile(r"^A\. ")).count():
            check = checks.pop(0)
            message = f"I think it's {LETTERS[[o.id for o in check.options].index(check.key)].upper()}"
        else:
            message = "next"
        before = page.locator("#messages > li").count()
        box = page.get_by_label("Your message")
        box.fill(message)
        box.press("Enter")
        page.locator(f"#messages > li:nth-child({before + 2})").wait_for()
        page.locator("#chat-form:not([aria-busy=true])").wait_for()
    assert "finished the quiz" in page.locator("#messages > li.msg-tutor").last.inner_text()
    page.screenshot(path=str(page_artifact(page)), full_page=False)


def page_artifact(page):
    from tests.browser.conftest import ARTIFACTS

    return ARTIFACTS / "editor-journey-11-student-chat.png"


SCREENS = [  # name, address, the page's first content: what a teacher came to the page for
    ("index", "/teacher/editor", "a[href='/teacher/editor/new']"), ("new", "/teacher/editor/new", "form.editor-form"),
    ("overview", "/teacher/editor/{id}", ".sentence-rows"),
    ("sentence", "/teacher/editor/{id}/sentences/s5", ".the-sentence"),
    ("suggestions", "/teacher/editor/{id}/suggestions", ".suggestion-list"),
    ("details", "/teacher/editor/{id}/details", "form.editor-form"),
    ("questions", "/teacher/editor/{id}/questions", ".question-list"),
    ("builder-choice", "/teacher/editor/{id}/questions/q1", "form.question-form"),
    ("builder-pair", "/teacher/editor/{id}/questions/q2", "form.question-form"),
    ("builder-explain", "/teacher/editor/{id}/questions/q3", "form.question-form"),
    ("publish", "/teacher/editor/{id}/publish", "#publish-faults"),
]


def _draft_for_screens(editor_app) -> int:
    from closeread.editor import document, store, textin

    db = connect(editor_app.config["DATABASE"])
    title, parts = textin.split_title(textin.parts_from_text(ARTICLE), TITLE)
    doc = document.new_document(title, parts, {"source": "Riverside Gazette", "author": "J. Doe"})
    doc = document.set_ledger(doc, "s11", ["contradicted"], "Closed and reopened.", ["s2"], [], "")
    tables = [document.blank_question(t, "states", n) for n, t in enumerate(("choice", "pair", "explain"), 1)]
    doc, _ = document.add_questions(doc, tables)
    draft_id = store.create(db, 1, doc, set())
    db.close()
    return draft_id


@pytest.mark.parametrize("size", SIZES)
def test_every_editor_screen_on_a_phone_and_a_desktop(browser, server, editor_app, artifacts, size):
    """Screenshots for people to look at, and axe on each screen at this size.

    On a phone the menu is one row and the editor's header is compact: each page's own content (the sentence
    list, the form) starts on the first screen, and the current tab is in view in the row of tabs."""
    draft_id = _draft_for_screens(editor_app)
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    sign_in_by_keyboard(page, server.url)
    height = SIZES[size]["height"]
    for name, path, first in SCREENS:
        page.goto(server.url + path.format(id=draft_id))
        assert page.locator("h1").count() == 1, name
        assert_accessible(page, f"editor {name} ({size})")
        page.screenshot(path=str(artifacts / f"editor-{name}-{size}.png"), full_page=True)
        page.screenshot(path=str(artifacts / f"editor-{name}-{size}-first-screen.png"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"] + 1, f"{name} scrolls sideways on a {size}: {width}px"
        top = page.locator(first).first.bounding_box()["y"]
        assert top < height - 100, f"editor {name} ({size}): its content starts at {top:.0f}px, below the first screen"
        assert_menu_one_row(page, f"the menu of editor {name} ({size})")
        if page.locator("nav.editor-tabs").count():  # the page's tab is marked, and in view
            current = page.locator("nav.editor-tabs [aria-current=page]")
            assert current.count() == 1, f"editor {name}: {current.count()} current tabs"
            box, row = current.bounding_box(), page.locator("nav.editor-tabs ul").bounding_box()
            assert row["x"] <= box["x"] and box["x"] + box["width"] <= row["x"] + row["width"] + 1, name
            if size == "phone":  # the tabs are one row
                tops = page.evaluate("[...document.querySelectorAll('nav.editor-tabs li')].map(li => li.offsetTop)")
                assert len(set(tops)) == 1, f"editor {name}: the tabs wrap ({tops})"
    context.close()
