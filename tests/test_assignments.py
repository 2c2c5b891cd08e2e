"""Assignments: due dates across time zones, statuses, what a class sees, who may assign what."""

import csv
import io
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from closeread.library import assignments
from tests.test_teacher_support import (
    PASSWORD_A,
    PASSWORD_B,
    Student,
    add_teacher,
    create_class,
    database,
    key_answers,
    rows_by_name,
    sign_in,
    teacher_app,
)


def local(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def test_a_due_date_is_the_same_moment_wherever_it_is_read():
    berlin = assignments.due_from_local(local("2026-03-29 09:00"), "Europe/Berlin")  # the day clocks go forward
    assert berlin.at == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # CEST, UTC+2
    winter = assignments.due_from_local(local("2026-03-28 09:00"), "Europe/Berlin")
    assert winter.at == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)  # CET, UTC+1
    new_york = assignments.due_from_local(local("2026-11-30 23:59"), "America/New_York")
    assert new_york.at == datetime(2026, 12, 1, 4, 59, tzinfo=UTC)
    assert new_york.label() == "2026-11-30 23:59 America/New_York (EST, UTC-0500)"
    kolkata = assignments.due_from_local(local("2026-12-01 09:00"), "Asia/Kolkata")
    assert kolkata.at == datetime(2026, 12, 1, 3, 30, tzinfo=UTC)
    with pytest.raises(assignments.AssignmentError, match="Unknown time zone 'Mars/Olympus'"):
        assignments.due_from_local(local("2026-12-01 09:00"), "Mars/Olympus")


def attempt(finished=None, answered=1):
    return SimpleNamespace(finished_at=finished, answered=answered)


def test_status_follows_the_due_moment_not_the_wall_clock():
    finished = "2026-12-01T04:00:00+00:00"  # 23:00 in New York on the 30th, 05:00 in Berlin on the 1st
    in_ny = assignments.due_from_local(local("2026-11-30 23:59"), "America/New_York")
    in_berlin = assignments.due_from_local(local("2026-11-30 23:59"), "Europe/Berlin")
    assert assignments.status([attempt(finished)], in_ny) == "finished"
    assert assignments.status([attempt(finished)], in_berlin) == "late"
    before = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    after = datetime(2026, 12, 2, tzinfo=UTC)
    assert assignments.status([], in_ny, now=before) == "not-started"
    assert assignments.status([attempt(answered=0)], in_ny, now=before) == "not-started"
    assert assignments.status([attempt()], in_ny, now=before) == "in-progress"
    assert assignments.status([attempt()], in_ny, now=after) == "late"
    assert assignments.status([], in_ny, now=after) == "late"
    assert assignments.status([attempt(finished)], None) == "finished"


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "one@school.org", PASSWORD_A)
    add_teacher(app, "two@school.org", PASSWORD_B)
    one = app.test_client()
    sign_in(one, "one@school.org", PASSWORD_A)
    class_id, code = create_class(one, "9B")
    return {"app": app, "one": one, "class_id": class_id, "code": code}


def test_assigning_with_a_past_due_date_is_allowed_and_says_so(world):
    one, class_id = world["one"], world["class_id"]
    ann = Student(world["app"], world["code"], "Ann")
    ann.attempt(key_answers(world["app"]))  # finished now, before the due date below was set
    Student(world["app"], world["code"], "Ben").attempt({"who-closed": "a"})
    Student(world["app"], world["code"], "Cy")
    due = datetime.now(UTC) - timedelta(days=1)
    form = {"lesson": "mini", "due": due.strftime("%Y-%m-%dT%H:%M"), "zone": "Asia/Tokyo"}
    page = one.post(f"/teacher/classes/{class_id}/assignments", data=form, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert "That due date is already in the past" in html and "Assigned “Mini lesson” to 9B, due" in html
    row = database(world["app"]).execute("SELECT due_at, due_zone FROM assignments").fetchone()
    assert row[1] == "Asia/Tokyo"
    assert datetime.fromisoformat(row[0]) == due.replace(second=0, microsecond=0, tzinfo=None).replace(
        tzinfo=assignments.ZoneInfo("Asia/Tokyo")).astimezone(UTC)
    dashboard = one.get(f"/teacher/classes/{class_id}/lessons/mini").get_data(as_text=True)
    statuses = {name: cells[-1] for name, cells in rows_by_name(dashboard, "roster").items()}
    assert statuses == {"Ann 1 to review": "Late", "Ben": "Late", "Cy": "Late"}  # Ann finished after the due date
    roster = list(csv.reader(io.StringIO(one.get(f"/teacher/classes/{class_id}/lessons/mini/roster.csv")
                                          .get_data(as_text=True)[1:])))
    assert [r[-2:] for r in roster[1:]] == [[row[0], "late"]] * 3


def test_an_invalid_assignment_re_renders_with_its_message(world):
    response = world["one"].post(f"/teacher/classes/{world['class_id']}/assignments",
                                 data={"lesson": "nope", "zone": "UTC"})
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)


def test_a_class_sees_only_its_assigned_lessons_and_self_study_sees_all(tmp_path):
    from tests.helpers import ROOT
    from tests.test_bundles import good_bundle

    app = teacher_app(tmp_path, CONTENT_ROOT=str(ROOT))
    add_teacher(app, "one@school.org", PASSWORD_A)
    add_teacher(app, "two@school.org", PASSWORD_B)
    one, two = app.test_client(), app.test_client()
    sign_in(one, "one@school.org", PASSWORD_A)
    sign_in(two, "two@school.org", PASSWORD_B)
    assert one.post("/teacher/lessons/import", data={"bundle": (io.BytesIO(good_bundle("extra")), "x.zip")},
                    content_type="multipart/form-data").status_code == 302
    class_id, code = create_class(one, "9B", assign=())
    other_class, _ = create_class(two, "9C", assign=())
    assert two.post(f"/teacher/classes/{other_class}/assignments", data={"lesson": "extra", "zone": "UTC"}
                    ).status_code == 422  # another teacher's lesson is not offered to them
    assert "extra" not in two.get(f"/teacher/classes/{other_class}").get_data(as_text=True)
    assert one.post(f"/teacher/classes/{class_id}/assignments", data={"lesson": "extra", "zone": "UTC"}
                    ).status_code == 302
    student = app.test_client()
    student.post("/join", data={"code": code, "name": "Ann"})
    home = student.get("/").get_data(as_text=True)
    assert 'href="/lessons/extra"' in home and 'href="/lessons/germany-mali"' not in home
    assert student.get("/lessons/germany-mali").status_code == 404
    assert student.get("/lessons/extra").status_code == 200
    self_study = app.test_client()
    home = self_study.get("/").get_data(as_text=True)
    assert 'href="/lessons/germany-mali"' in home and "/lessons/extra" not in home
    assert self_study.get("/lessons/extra").status_code == 404
    assert two.get(f"/teacher/classes/{other_class}/lessons/extra").status_code == 404
