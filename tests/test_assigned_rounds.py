"""Assigning some rounds of a lesson to a class, and what a class student sees and plays.

Everything goes through the real routes, as a teacher or a student would, on the real
germany-mali lesson (six rounds): the assign form and its validation, the student's lesson
page, round pages, questions, result and chat, the teacher's dashboard and live view. Also:
a class with no assignment sees no lesson, self-study still sees every built-in one, and an
upgrade keeps the lessons a class was already working on.
"""

import json
import re

import pytest

from closeread.content.loader import load_content
from closeread.content.sync import sync_content
from closeread.db import MIGRATION_SETS, connect
from closeread.learner import store
from closeread.teacher import accounts, classes
from tests.helpers import ROOT, QuizDriver, key_answer
from tests.test_teacher_support import (
    PASSWORD_A,
    add_teacher,
    assign_lesson,
    create_class,
    database,
    join,
    rows_by_name,
    sign_in,
    teacher_app,
)

SLUG = "germany-mali"


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path, CONTENT_ROOT=str(ROOT))
    add_teacher(app, "one@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "one@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B", assign=())
    lesson = app.extensions["closeread.lessons"][SLUG]
    return {"app": app, "teacher": teacher, "class_id": class_id, "code": code, "lesson": lesson}


def assign_url(world):
    return f"/teacher/classes/{world['class_id']}/assignments"


def stored_assignments(app):
    db = database(app)
    try:
        return [dict(r) for r in db.query("SELECT lesson, rounds FROM assignments ORDER BY id")]
    finally:
        db.close()


def answer_all(client, lesson, attempt_id, questions):
    driver = QuizDriver(client, lesson)
    for q in questions:
        response = driver.answer(attempt_id, q, key_answer(q))
        assert response.status_code == 302, (q.id, response.get_data(as_text=True)[:300])


# -- the teacher's form ---------------------------------------------------------------------------
def test_the_class_page_offers_a_box_for_every_round_of_every_lesson(world):
    page = world["teacher"].get(f"/teacher/classes/{world['class_id']}").get_data(as_text=True)
    assert "Nothing is assigned yet, so students of this class see no lesson" in page
    assert '<input checked id="scope-0" name="scope" type="radio" value="whole">' in page  # the default
    assert '<input id="scope-1" name="scope" type="radio" value="rounds">' in page
    for lesson in world["app"].extensions["closeread.lessons"].values():
        for r in lesson.rounds:
            box = re.search(rf'<input type="checkbox" name="rounds" id="rounds-{lesson.slug}-{r.id}" '
                            rf'value="{lesson.slug}:{r.id}">\s*<label for="rounds-{lesson.slug}-{r.id}">'
                            rf'Round {r.number}: ', page)
            assert box, (lesson.slug, r.id)


def test_assigning_rounds_one_and_two_stores_them_and_says_so(world):
    response = world["teacher"].post(assign_url(world), data={
        "lesson": SLUG, "zone": "UTC", "scope": "rounds", "rounds": [f"{SLUG}:says", f"{SLUG}:who-says"]},
        follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "to 9B, rounds 1 and 2 only, with no due date." in html
    assert stored_assignments(world["app"]) == [{"lesson": SLUG, "rounds": json.dumps(["says", "who-says"])}]
    assert "Only rounds 1 and 2:" in html and "Round 2: Who says so, and how sure?" in html


def test_ticking_every_round_is_the_whole_lesson(world):
    assign_lesson(world["teacher"], world["class_id"], SLUG, rounds=[r.id for r in world["lesson"].rounds])
    assert stored_assignments(world["app"]) == [{"lesson": SLUG, "rounds": None}]


@pytest.mark.parametrize(("data", "message"), [
    ({"scope": "rounds"}, "Tick at least one round of “Reading closely: Germany, Mali"),
    ({"scope": "rounds", "rounds": ["wrenfield-phones:states"]}, "You ticked rounds of another lesson."),
    ({"scope": "rounds", "rounds": [f"{SLUG}:says", f"{SLUG}:no-such-round"]}, "has no round “no-such-round”"),
    ({"scope": "whole", "rounds": [f"{SLUG}:says"]}, "You ticked rounds but chose the whole lesson."),
])
def test_a_bad_choice_of_rounds_re_renders_with_its_message_and_stores_nothing(world, data, message):
    response = world["teacher"].post(assign_url(world), data={"lesson": SLUG, "zone": "UTC", **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert 'id="rounds-errors" role="alert"' in html
    for value in data.get("rounds", []):  # what was ticked stays ticked
        assert re.search(rf'value="{re.escape(value)}" checked', html) or "no-such-round" in value
    assert stored_assignments(world["app"]) == []


# -- the student --------------------------------------------------------------------------------
@pytest.fixture
def two_rounds(world):
    assign_lesson(world["teacher"], world["class_id"], SLUG, rounds=["says", "who-says"])
    world["student"] = join(world["app"], world["code"], "Ann")
    return world


def test_the_student_sees_the_assigned_rounds_and_the_others_as_not_assigned(two_rounds):
    html = two_rounds["student"].get(f"/lessons/{SLUG}").get_data(as_text=True)
    assert "Your teacher assigned 2 of the 6 rounds: rounds 1 and 2." in html
    items = re.findall(r'<li class="round-item state-(\w+)">(.*?)</li>', html, re.S)
    assert [state for state, _ in items] == ["new", "new", "off", "off", "off", "off"]
    assert all("Not assigned by your teacher" in body for _, body in items[2:])
    assert not any("<button" in body or "<a " in body for _, body in items[2:])  # nothing to start there
    assert 'name="round" value="who-says"' in html and 'name="round" value="support"' not in html
    assert ">Start round 1<" in html


def test_the_student_plays_exactly_the_assigned_rounds_and_is_told_when_it_is_done(two_rounds):
    app, lesson, client = two_rounds["app"], two_rounds["lesson"], two_rounds["student"]
    attempt = QuizDriver(client, lesson).start()
    assert client.get(f"/attempts/{attempt}/rounds/support").status_code == 404  # round 3: not assigned
    outside = lesson.quiz.by_id[lesson.rounds[2].question_ids[0]]
    refused = client.post(f"/attempts/{attempt}/questions/{outside.number}", data=key_answer(outside))
    assert refused.status_code == 302
    note = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert f"Question {outside.number} is in a round your teacher has not assigned" in note
    teaching = client.get(f"/attempts/{attempt}/rounds/says").get_data(as_text=True)
    assert "Round 1 (assigned round 1 of 2) ·" in teaching
    first, second = lesson.rounds[:2]
    answer_all(client, lesson, attempt, [lesson.quiz.by_id[q] for q in first.question_ids])
    page = client.get(f"/attempts/{attempt}/questions/{lesson.quiz.by_id[first.question_ids[0]].number}")
    assert ">Round 1</a> · Question 1 of 7" in page.get_data(as_text=True)
    middle = client.get(f"/attempts/{attempt}/rounds/says/result").get_data(as_text=True)
    assert "your assignment is done" not in middle and "Next: round 2, Who says so" in middle
    answer_all(client, lesson, attempt, [lesson.quiz.by_id[q] for q in second.question_ids])
    done = client.get(f"/attempts/{attempt}/rounds/who-says/result").get_data(as_text=True)
    assert "That was the last round your teacher assigned: <strong>your assignment is done.</strong>" in done
    assert "Your assignment is done." in re.search(r'data-announce="([^"]*)"', done).group(1)
    assert "Last step: rate the article again" in done and "Next: round 3" not in done
    after = client.get(f"/attempts/{attempt}/trust/after")
    assert after.status_code == 200  # every assigned round is done: the second rating is open
    result = client.get(f"/attempts/{attempt}/result").get_data(as_text=True)
    assert "<h1>Your results</h1>" in result and "your assignment is done." in result
    assert "You answered 14 of 14 questions." in result
    assert len(re.findall(r'<li class="review-item', result)) == 14
    assert 'id="reveal"' not in result and "opens once every round of the lesson is done" in result
    lesson_page = client.get(f"/lessons/{SLUG}").get_data(as_text=True)
    assert "You have done every round your teacher assigned: this assignment is done." in lesson_page
    db = database(app)
    try:
        assert db.execute("SELECT COUNT(*) FROM responses WHERE attempt_id = ?", [attempt]).fetchone()[0] == 14
    finally:
        db.close()


def test_the_teacher_sees_the_student_finished_against_the_assigned_rounds(two_rounds):
    app, lesson, teacher, class_id = two_rounds["app"], two_rounds["lesson"], two_rounds["teacher"], \
        two_rounds["class_id"]
    ann = two_rounds["student"]
    ben = join(app, two_rounds["code"], "Ben")
    done = QuizDriver(ann, lesson).start()
    answer_all(ann, lesson, done, [lesson.quiz.by_id[q] for r in lesson.rounds[:2] for q in r.question_ids])
    working = QuizDriver(ben, lesson).start()
    answer_all(ben, lesson, working, [lesson.quiz.by_id[q] for q in lesson.rounds[0].question_ids])
    dashboard = teacher.get(f"/teacher/classes/{class_id}/lessons/{SLUG}").get_data(as_text=True)
    statuses = {name: cells[-1] for name, cells in rows_by_name(dashboard, "roster").items()}
    assert statuses == {"Ann": "Finished", "Ben": "In progress"}
    assert "This class was assigned rounds 1 and 2 of the lesson" in dashboard
    roster = teacher.get(f"/teacher/classes/{class_id}/lessons/{SLUG}/roster.csv").get_data(as_text=True)
    assert [line.rsplit(",", 1)[-1].strip() for line in roster.strip().splitlines()[1:]] == ["finished",
                                                                                           "in progress"]
    live = teacher.get(f"/teacher/classes/{class_id}/lessons/{SLUG}/progress").get_data(as_text=True)
    assert "2 of 2 students started, 1 finished." in " ".join(live.split())
    now = rows_by_name(live, "now-students")
    assert now["Ann"][1:] == ["Finished", "14 of 14"] and now["Ben"][2] == "7 of 14"
    tallies = list(rows_by_name(live, "now-questions"))  # the assigned rounds' questions only, under their rounds
    assert [t for t in tallies if t.startswith("Round: ")] == ["Round: Round 1: What the article says",
                                                               "Round: Round 2: Who says so, and how sure?"]
    assert len([t for t in tallies if re.match(r"Q\d+ ", t)]) == 14


def test_scores_on_the_dashboard_and_in_the_csv_are_out_of_the_assigned_rounds_points(world):
    """7 of 14 means half of the assigned rounds, not of the whole lesson; answers outside them do not count."""
    app, lesson, teacher, class_id = world["app"], world["lesson"], world["teacher"], world["class_id"]
    first, second, third = lesson.rounds[:3]
    assigned_points = sum(lesson.quiz.by_id[q].points for r in (first, second) for q in r.question_ids)
    round_one = sum(lesson.quiz.by_id[q].points for q in first.question_ids)
    assert assigned_points < lesson.quiz.total_points
    # The class began on the whole lesson: Ben answered a round 3 question before the teacher narrowed it.
    assign_lesson(teacher, class_id, SLUG)
    ann, ben = join(app, world["code"], "Ann"), join(app, world["code"], "Ben")
    ben_attempt = QuizDriver(ben, lesson).start()
    answer_all(ben, lesson, ben_attempt, [lesson.quiz.by_id[third.question_ids[0]]])
    assign_lesson(teacher, class_id, SLUG, rounds=[first.id, second.id])
    ann_attempt = QuizDriver(ann, lesson).start()
    answer_all(ann, lesson, ann_attempt, [lesson.quiz.by_id[q] for r in (first, second) for q in r.question_ids])
    answer_all(ben, lesson, ben_attempt, [lesson.quiz.by_id[q] for q in first.question_ids])

    dashboard = teacher.get(f"/teacher/classes/{class_id}/lessons/{SLUG}").get_data(as_text=True)
    rows = rows_by_name(dashboard, "roster")
    assert rows["Ann"][2] == f"{assigned_points} (100%)"
    assert rows["Ben"][2] == f"{round_one} ({round(100 * round_one / assigned_points)}%)"
    assert f"Scores are points out of {assigned_points}." in dashboard
    roster = teacher.get(f"/teacher/classes/{class_id}/lessons/{SLUG}/roster.csv").get_data(as_text=True)
    header, *lines = [line.split(",") for line in roster.strip().splitlines()]
    by_name = {cells[0]: dict(zip(header, cells, strict=True)) for cells in lines}
    assert by_name["Ann"]["max_score"] == by_name["Ben"]["max_score"] == str(assigned_points)
    assert by_name["Ann"]["counted_attempt_score"] == str(assigned_points)
    assert by_name["Ben"]["counted_attempt_score"] == str(round_one)
    # The same class on the whole lesson again: every answer counts, out of the lesson's points.
    assign_lesson(teacher, class_id, SLUG)
    whole = rows_by_name(teacher.get(f"/teacher/classes/{class_id}/lessons/{SLUG}").get_data(as_text=True), "roster")
    ben_whole = round_one + lesson.quiz.by_id[third.question_ids[0]].points
    assert whole["Ben"][2] == f"{ben_whole} ({round(100 * ben_whole / lesson.quiz.total_points)}%)"


def test_the_chat_follows_the_assigned_rounds(world):
    assign_lesson(world["teacher"], world["class_id"], SLUG, rounds=["support", "contradiction"])
    client, lesson = join(world["app"], world["code"], "Cy"), world["lesson"]
    start = client.post(f"/lessons/{SLUG}/chat")
    attempt = int(re.fullmatch(r"/chat/(\d+)", start.headers["Location"]).group(1))
    page = client.get(f"/chat/{attempt}").get_data(as_text=True)
    rev = re.search(r'name="rev" value="(\d+)"', page).group(1)
    client.post(f"/chat/{attempt}", data={"rev": rev, "quick": "Go to the quiz"})
    page = client.get(f"/chat/{attempt}").get_data(as_text=True)
    assert "15 questions of the 2 rounds your teacher assigned" in page
    assert "Round 3 (assigned round 1 of 2): What it backs up" in page
    first = lesson.quiz.by_id[lesson.rounds[2].question_ids[0]]
    assert f"Question {first.number} of {len(lesson.quiz.questions)}" in page
    assert "Round 1 of 6" not in page and "Round 1 (" not in page


def test_self_study_still_gets_every_round(world):
    html = world["app"].test_client().get(f"/lessons/{SLUG}").get_data(as_text=True)
    assert re.findall(r'<li class="round-item state-(\w+)">', html) == ["new"] * 6
    assert "Not assigned" not in html and "Your teacher assigned" not in html


# -- which lessons a class sees --------------------------------------------------------------------
def test_a_class_with_no_assignment_sees_no_lesson_and_is_told_why(world):
    student = join(world["app"], world["code"], "Dee")
    home = student.get("/").get_data(as_text=True)
    assert "Your teacher has not assigned a lesson yet." in home
    assert not re.search(r'href="/lessons/', home)
    assert "Your teacher has not assigned a lesson yet." in student.get("/my-class").get_data(as_text=True)
    for slug in world["app"].extensions["closeread.lessons"]:
        assert student.get(f"/lessons/{slug}").status_code == 404
        assert student.post(f"/lessons/{slug}/chat").status_code == 404
        assert student.get(f"/lessons/{slug}/worksheet?version=ABC123").status_code == 404
    self_study = world["app"].test_client().get("/").get_data(as_text=True)
    assert 'href="/lessons/germany-mali"' in self_study and 'href="/lessons/wrenfield-phones"' in self_study


def test_a_class_student_sees_the_due_date_and_rounds_of_each_assigned_lesson(world):
    assign_lesson(world["teacher"], world["class_id"], "wrenfield-phones", due="2030-05-17T09:30",
                  zone="Europe/Berlin")
    assign_lesson(world["teacher"], world["class_id"], SLUG, rounds=["lateral"])
    student = join(world["app"], world["code"], "Eve")
    home = student.get("/").get_data(as_text=True)
    assert re.findall(r'<h2><a href="/lessons/([\w-]+)">', home) == ["wrenfield-phones", SLUG]
    assert "Due <time datetime=\"2030-05-17T07:30:00+00:00\">Friday 17 May 2030, 09:30 (Europe/Berlin time)</time>." \
        in home
    assert "Your teacher assigned 1 round:" in home and "<li>Round 6: Check it elsewhere</li>" in home
    assert "Start self-study" not in home
    lesson_page = student.get("/lessons/wrenfield-phones").get_data(as_text=True)
    assert "Friday 17 May 2030, 09:30 (Europe/Berlin time)" in lesson_page


def test_an_upgrade_keeps_the_lessons_a_class_was_working_on(tmp_path):
    """Before this change a class with no assignment saw every lesson; the data migration assigns each such
    class the lessons its students have started, so an upgrade takes nothing away from a class at work."""
    db = connect(str(tmp_path / "old.sqlite"))
    for migration_set in MIGRATION_SETS:
        migration_set.apply(db, stop_before="m002_classes_keep_their_lessons")
    sync_content(db, load_content(ROOT))
    teacher_id = accounts.create_teacher(db, "old@school.org", PASSWORD_A)
    working = classes.create_class(db, teacher_id, "Working")
    idle = classes.create_class(db, teacher_id, "Idle")
    chosen = classes.create_class(db, teacher_id, "Chosen")
    for klass, name in ((working, "Ann"), (idle, "Ben"), (chosen, "Cy")):
        member = classes.join_class(db, klass, name)
        if klass != idle:
            store.new_attempt(db, member["learner_id"], SLUG)
    with db.atomic():
        db.execute("INSERT INTO assignments (class_id, lesson, teacher_id, created_at) VALUES (?, ?, ?, ?)",
                   [chosen, "wrenfield-phones", teacher_id, "2025-01-01T00:00:00+00:00"])
    for migration_set in MIGRATION_SETS:
        migration_set.apply(db)
    rows = [tuple(r) for r in db.execute("SELECT class_id, lesson, rounds, due_at FROM assignments ORDER BY id")]
    db.close()
    assert rows == [(chosen, "wrenfield-phones", None, None), (working, SLUG, None, None)]
