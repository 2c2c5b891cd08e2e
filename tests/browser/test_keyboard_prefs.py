"""Keyboard-only use of the form quiz, visible focus, and the user's display preferences."""

import pytest

from tests.browser.start import to_questions
from tests.helpers import as_shown

pytestmark = pytest.mark.browser

FOCUS_STYLE_JS = """() => {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  return {tag: el.tagName, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth)};
}"""


def tab_to(page, selector, limit=120):
    """Press Tab until the element matching selector has focus, checking focus is visible on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE_JS)
        if focus["tag"] != "BODY":
            assert focus["outline"] != "none" and focus["width"] >= 2, f"focus not visible on {focus}"
        if page.locator(selector).first.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def test_quiz_by_keyboard_alone(browser, live_server):
    lesson = live_server.app.extensions["closeread.lessons"]["germany-mali"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + f"/lessons/{lesson.slug}")
    tab_to(page, "button:text('Start round 1')")
    page.keyboard.press("Enter")
    attempt_url = to_questions(page)

    choice = next(q for q in lesson.quiz.questions if q.type == "choice")
    page.goto(f"{attempt_url}/questions/{choice.number}")
    tab_to(page, "input[name=answer]")
    attempt_id = int(attempt_url.rsplit("/", 1)[1])
    keys = [o.id for o in as_shown(live_server.app, attempt_id, choice).options]  # this attempt's order
    page.keyboard.press("Space")  # Tab only focuses the first radio; Space checks it, arrows move on
    for _ in range(keys.index(choice.key)):
        page.keyboard.press("ArrowDown")
    assert page.is_checked(f"input[value={choice.key}]")
    tab_to(page, "button:text('Check my answer')")
    page.keyboard.press("Enter")
    assert page.locator("#feedback-heading").inner_text().startswith("Right")

    cite = next(q for q in lesson.quiz.questions if q.type == "cite")
    page.goto(f"{attempt_url}/questions/{cite.number}")
    for sid in cite.key:
        tab_to(page, f"input[name=answer][value={sid}]")
        page.keyboard.press("Space")
    tab_to(page, "button:text('Check my answer')")
    page.keyboard.press("Enter")
    assert page.locator("#feedback-heading").inner_text().startswith("Right")

    explain = next(q for q in lesson.quiz.questions if q.type == "explain")
    page.goto(f"{attempt_url}/questions/{explain.number}")
    tab_to(page, "button:has-text('hint')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#hints ol li")
    assert page.locator("#hints ol li").count() == 1
    tab_to(page, "textarea[name=answer]")
    page.keyboard.type(explain.model_answer)
    tab_to(page, "button:text('Check my answer')")
    page.keyboard.press("Enter")
    assert "Provisional: your teacher will check" in page.locator("#feedback-heading").inner_text()
    context.close()


def computed_on_lesson_page(browser, live_server, script, **context_options):
    """Evaluate ``script`` on the lesson page in a context with the given media preferences."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(live_server.url + "/lessons/germany-mali")
    value = page.evaluate(script)
    context.close()
    return value


def test_dark_scheme_is_honoured(browser, live_server):
    script = "getComputedStyle(document.documentElement).backgroundColor"
    colours = {s: computed_on_lesson_page(browser, live_server, script, color_scheme=s) for s in ("light", "dark")}
    assert colours["light"] != colours["dark"]
    luminance = [sum(int(x) for x in c[c.index("(") + 1 : c.index(")")].split(",")[:3]) for c in colours.values()]
    assert luminance[0] > luminance[1]  # light is lighter than dark


def test_reduced_motion_is_honoured(browser, live_server):
    script = "getComputedStyle(document.documentElement).scrollBehavior"
    motions = ("no-preference", "reduce")
    behaviours = {m: computed_on_lesson_page(browser, live_server, script, reduced_motion=m) for m in motions}
    assert behaviours == {"no-preference": "smooth", "reduce": "auto"}
