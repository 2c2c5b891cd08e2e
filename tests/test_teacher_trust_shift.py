"""The class's trust shift on the teacher's dashboard: mean before, mean after, the shift and the
distribution, from the ratings of the counted attempts only; a skipped rating is left out."""

import re

from closeread.teacher.trust_shift import build
from tests.test_teacher_support import (
    PASSWORD_A,
    Student,
    add_teacher,
    create_class,
    key_answers,
    sign_in,
    table,
    teacher_app,
)


def test_figures_from_plain_rows():
    shift = build([(1, "before", 4), (1, "after", 2), (2, "before", 5), (2, "after", 5), (3, "before", 3),
                   (4, "after", 1)])
    assert shift.before == (4, 5, 3) and shift.after == (2, 5, 1)
    assert shift.mean_before == 4.0 and shift.mean_after == 2.7
    assert shift.pairs == ((4, 2), (5, 5)) and shift.mean_shift == -1.0  # (-2 + 0) / 2: only students with both
    assert (shift.lower, shift.same, shift.higher) == (1, 1, 0)
    assert [(p.rating, p.before, p.after) for p in shift.scale] == [(1, 0, 1), (2, 0, 1), (3, 1, 0), (4, 1, 0),
                                                                    (5, 1, 1)]
    assert shift.scale[4].share("after", 3) == 100 / 3


def test_nothing_rated_has_no_means():
    shift = build([])
    assert (shift.mean_before, shift.mean_after, shift.mean_shift) == (None, None, None)


def rate(student, attempt, moment, rating):
    response = student.client.post(f"/attempts/{attempt}/trust/{moment}", data={"rating": str(rating)})
    assert response.status_code == 302


def test_dashboard_shows_the_class_shift(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "8A")
    url = f"/teacher/classes/{class_id}/lessons/mini"
    assert "No student has rated the article yet." in teacher.get(url).get_data(as_text=True)

    ann = Student(app, code, "Ann")
    a1 = ann.attempt(key_answers(app))
    rate(ann, a1, "before", 5)
    rate(ann, a1, "after", 2)
    ann_retake = ann.attempt({"who-closed": "a"})
    rate(ann, ann_retake, "before", 1)  # a later attempt: not counted under "first attempt"
    ben = Student(app, code, "Ben")
    b1 = ben.attempt(key_answers(app))
    rate(ben, b1, "before", 4)
    rate(ben, b1, "after", 3)
    cy = Student(app, code, "Cy")
    cy.attempt({"who-closed": "a"})  # skipped the rating
    html = teacher.get(url).get_data(as_text=True)
    figures = " ".join(re.sub(r"<[^>]+>", " ", re.search(r'<dl class="trust-figures">(.*?)</dl>', html, re.S)
                              .group(1)).split())
    assert figures == ("Mean before 4.5 (2 ratings) Mean after 2.5 (2 ratings) Mean shift -2.0 (2 students rated "
                       "both times: 2 lower, 0 the same, 0 higher)")
    assert table(html, "trust-table") == [
        ["Rating", "Before", "After"],
        ["1: Not at all", "0", "0"],
        ["2: A little", "0", "1"],
        ["3: Somewhat", "0", "1"],
        ["4: Mostly", "1", "0"],
        ["5: Completely", "1", "0"],
    ]
    # Counting the last attempt instead takes Ann's retake (rated 1 before, not yet after).
    last = " ".join(teacher.get(url + "?count=last").get_data(as_text=True).split())
    figures = re.search(r"<dl class=\"trust-figures\">(.*?)</dl>", last).group(1)
    assert " ".join(re.sub(r"<[^>]+>", " ", figures).split()) == (
        "Mean before 2.5 (2 ratings) Mean after 3.0 (1 rating) Mean shift -1.0 (1 student rated both times: 1 lower, "
        "0 the same, 0 higher)")
