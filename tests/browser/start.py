"""Starting the form quiz in a browser: round 1's start button, the trust rating, the round's teaching."""

import re


def to_questions(page, rate=None):
    """From the trust page (just after a start button): rate or skip, then start the round's questions.

    Returns the attempt's URL (``…/attempts/<id>``).
    """
    page.wait_for_url(re.compile(r"/trust/before(\?round=[\w-]+)?$"))
    if rate is None:
        page.get_by_role("link", name="Skip this question").click()
    else:
        page.check(f"input[name=rating][value='{rate}']")
        page.get_by_role("button", name="Save my rating").click()
    page.wait_for_url(re.compile(r"/rounds/[\w-]+$"))
    page.get_by_role("link", name=re.compile(r"^(Start|Continue) the questions$")).click()
    page.wait_for_url(re.compile(r"/questions/\d+$"))
    return page.url.rsplit("/questions/", 1)[0]


def start_round_one(page, rate=None):
    """On the lesson page: start round 1 (a first or a new attempt) and go on to its first question."""
    page.get_by_role("button", name=re.compile(r"^Start (again from )?round 1$")).click()
    return to_questions(page, rate)


def assign_in_browser(teacher, slug, rounds=(), due=None, zone=None):
    """On a class page: assign the lesson with the form, as a teacher does before students start (a class
    sees only what is assigned): whole, or only the ``rounds`` ids ticked; optionally with a due date."""
    teacher.select_option("select[name=lesson]", slug)
    if due:
        teacher.fill("input[name=due]", due)
    if zone:
        teacher.select_option("select[name=zone]", zone)
    if rounds:
        teacher.check("input[name=scope][value=rounds]")
        for rid in rounds:
            teacher.check(f"#rounds-{slug}-{rid}")
    teacher.get_by_role("button", name="Assign", exact=True).click()
    teacher.wait_for_selector("text=Assigned “")
