"""Classes, join codes, joining, resuming, and renaming / merging / removing students."""

import re

import pytest

from closeread.teacher import classes
from tests.test_teacher_support import (
    PASSWORD_A,
    Student,
    add_teacher,
    create_class,
    database,
    key_answers,
    rows_by_name,
    sign_in,
    teacher_app,
)


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B English")
    return {"app": app, "teacher": teacher, "class_id": class_id, "code": code}


def count(app, sql, params=()):
    db = database(app)
    try:
        return db.execute(sql, list(params)).fetchone()[0]
    finally:
        db.close()


def member_id(app, name):
    return count(app, "SELECT id FROM class_members WHERE display_name = ?", [name])


# --- join codes ----------------------------------------------------------------------------------


def test_join_codes_use_only_unambiguous_characters(world):
    assert not set("0O1IL") & set(classes.ALPHABET)
    assert len(classes.ALPHABET) == 31
    codes = {create_class(world["teacher"], f"Class {i}")[1] for i in range(25)} | {world["code"]}
    assert len(codes) == 26
    assert all(re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}", c) for c in codes)


def test_codes_are_typed_forgivingly_but_checked(world):
    code = world["code"]
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    client = world["app"].test_client()
    assert client.post("/join", data={"code": typed, "name": "Ann"}).status_code == 302
    bad = world["app"].test_client().post("/join", data={"code": "ABC0O1", "name": "Bo"})
    assert bad.status_code == 422
    assert "Codes never contain 0, 1, O." in bad.get_data(as_text=True)
    short = world["app"].test_client().post("/join", data={"code": "ABC", "name": "Bo"})
    assert "The code has 6 characters." in short.get_data(as_text=True)
    unknown = world["app"].test_client().post("/join", data={"code": "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY",
                                                             "name": "Bo"})
    assert unknown.status_code == 422 and "No open class has this code." in unknown.get_data(as_text=True)


def test_join_link_prefills_the_code(world):
    client = world["app"].test_client()
    page = client.get(f"/join/{world['code'].lower()}").get_data(as_text=True)
    assert f'value="{world["code"]}"' in page
    missing = client.get("/join/ZZZZZ2")
    assert missing.status_code == 404 and "No open class has this code." in missing.get_data(as_text=True)


def test_join_card_and_class_page_show_code_and_link(world):
    card = world["teacher"].get(f"/teacher/classes/{world['class_id']}/card").get_data(as_text=True)
    assert world["code"] in card and f"http://localhost/join/{world['code']}" in card
    assert "data-print hidden" in card
    page = world["teacher"].get(f"/teacher/classes/{world['class_id']}").get_data(as_text=True)
    assert f'<p class="big-code">{world["code"]}</p>' in page


# --- joining and resuming ------------------------------------------------------------------------


def test_a_joined_student_is_a_student_learner_in_the_class(world):
    app = world["app"]
    ann = Student(app, world["code"], "  Ann   Lee ")
    with ann.client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    db = database(app)
    learner = db.execute("SELECT kind, display_name FROM learners WHERE id = ?", [learner_id]).fetchone()
    member = db.execute("SELECT class_id, display_name, resume_code FROM class_members WHERE learner_id = ?",
                        [learner_id]).fetchone()
    db.close()
    assert tuple(learner) == ("student", "Ann Lee")
    assert member[0] == world["class_id"] and member[1] == "Ann Lee"
    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{12}", member[2])
    page = ann.client.get("/my-class").get_data(as_text=True)
    assert "Ann Lee, you are in 9B English" in page
    shown = re.sub(r"<[^>]+>", "", page)  # the code is shown in groups of four, each in its own span
    assert f"{member[2][:4]}-{member[2][4:8]}-{member[2][8:]}" in shown
    # The quiz routes work unchanged for the student
    attempt = ann.attempt({"who-closed": "a"})
    assert count(app, "SELECT COUNT(*) FROM attempts WHERE id = ? AND learner_id = ?", [attempt, learner_id]) == 1


def test_names_are_unique_in_a_class_ignoring_case(world):
    Student(world["app"], world["code"], "Ann")
    again = world["app"].test_client().post("/join", data={"code": world["code"], "name": "ANN"})
    assert again.status_code == 422
    assert "Someone in this class already uses that name." in again.get_data(as_text=True)
    empty = world["app"].test_client().post("/join", data={"code": world["code"], "name": "   "})
    assert empty.status_code == 422 and "Enter your name." in empty.get_data(as_text=True)
    long = world["app"].test_client().post("/join", data={"code": world["code"], "name": "x" * 41})
    assert long.status_code == 422 and "Use at most 40 characters." in long.get_data(as_text=True)


def test_joining_the_same_class_twice_keeps_one_identity(world):
    ann = Student(world["app"], world["code"], "Ann")
    response = ann.client.post("/join", data={"code": world["code"], "name": "Ann again"})
    assert response.status_code == 302 and response.headers["Location"] == "/my-class"
    assert count(world["app"], "SELECT COUNT(*) FROM class_members") == 1


def test_my_class_without_a_class_goes_to_join(world):
    response = world["app"].test_client().get("/my-class")
    assert response.status_code == 302 and response.headers["Location"] == "/join"


def test_resume_code_carries_on_from_another_device(world):
    app = world["app"]
    ann = Student(app, world["code"], "Ann")
    attempt = ann.attempt({"who-closed": "a"})
    code = count(app, "SELECT resume_code FROM class_members WHERE display_name = 'Ann'")
    phone = app.test_client()
    assert phone.get(f"/attempts/{attempt}").status_code == 404  # not yet Ann
    response = phone.post("/resume", data={"code": f"{code[:4].lower()} {code[4:]}"})
    assert response.status_code == 302 and response.headers["Location"] == "/my-class"
    assert "Ann, you are in 9B English" in phone.get("/my-class").get_data(as_text=True)
    assert phone.get(f"/attempts/{attempt}").status_code == 302  # Ann's attempt, resumed
    wrong = app.test_client().post("/resume", data={"code": "ABCD2345" if code != "ABCD2345" else "ABCD2346"})
    assert wrong.status_code == 422 and "No student has this resume code." in wrong.get_data(as_text=True)


def test_self_study_needs_no_class(world):
    client = world["app"].test_client()
    response = client.post("/lessons/mini/attempts")
    assert response.status_code == 302
    assert count(world["app"], "SELECT COUNT(*) FROM learners WHERE kind = 'self'") == 1
    assert count(world["app"], "SELECT COUNT(*) FROM class_members") == 0


# --- class settings ------------------------------------------------------------------------------


def test_rename_and_archive_a_class(world):
    teacher, cid, code = world["teacher"], world["class_id"], world["code"]
    assert teacher.post(f"/teacher/classes/{cid}/rename", data={"name": "  9B   Reading "}).status_code == 302
    assert "<h1>9B Reading" in teacher.get(f"/teacher/classes/{cid}").get_data(as_text=True)
    bad = teacher.post(f"/teacher/classes/{cid}/rename", data={"name": ""})
    assert bad.status_code == 422 and "Give the class a name." in bad.get_data(as_text=True)
    assert teacher.post(f"/teacher/classes/{cid}/archive").status_code == 302
    index = teacher.get("/teacher/").get_data(as_text=True)
    assert "Archived classes" in index
    closed = world["app"].test_client().post("/join", data={"code": code, "name": "Late"})
    assert closed.status_code == 422 and "No open class has this code." in closed.get_data(as_text=True)
    assert teacher.post(f"/teacher/classes/{cid}/unarchive").status_code == 302
    assert world["app"].test_client().post("/join", data={"code": code, "name": "Late"}).status_code == 302


def test_create_class_needs_a_name(world):
    response = world["teacher"].post("/teacher/classes", data={"name": " "})
    assert response.status_code == 422 and "Give the class a name." in response.get_data(as_text=True)


# --- students ------------------------------------------------------------------------------------


def test_rename_a_student(world):
    app, teacher, cid = world["app"], world["teacher"], world["class_id"]
    Student(app, world["code"], "Ann")
    Student(app, world["code"], "Ben")
    mid = member_id(app, "Ann")
    teacher.post(f"/teacher/classes/{cid}/students/{mid}/rename", data={"name": "Annie"})
    assert count(app, "SELECT display_name FROM class_members WHERE id = ?", [mid]) == "Annie"
    assert count(app, "SELECT COUNT(*) FROM learners WHERE display_name = 'Annie'") == 1
    teacher.post(f"/teacher/classes/{cid}/students/{mid}/rename", data={"name": "ben"})
    assert count(app, "SELECT display_name FROM class_members WHERE id = ?", [mid]) == "Annie"
    page = teacher.get(f"/teacher/classes/{cid}").get_data(as_text=True)
    assert "Annie was not renamed: Someone else in this class already uses that name." in page


def test_merge_two_entries_of_one_student(world):
    app, teacher, cid = world["app"], world["teacher"], world["class_id"]
    ann = Student(app, world["code"], "Ann")
    ann.attempt(key_answers(app))
    twin = Student(app, world["code"], "Ann on the laptop")
    twin.attempt({"who-closed": "b"})
    source, target = member_id(app, "Ann on the laptop"), member_id(app, "Ann")
    response = teacher.post(f"/teacher/classes/{cid}/students/{source}/merge", data={"target": target})
    assert response.status_code == 302
    assert count(app, "SELECT COUNT(*) FROM class_members") == 1
    assert count(app, "SELECT COUNT(*) FROM learners") == 1
    roster = rows_by_name(teacher.get(f"/teacher/classes/{cid}/lessons/mini").get_data(as_text=True), "roster")
    assert roster["Ann 1 to review"][:4] == ["2", "9 (100%)", "9 (100%)", "0 (0%)"]
    # The merged-away browser starts afresh instead of failing
    assert twin.client.get("/my-class").headers["Location"] == "/join"
    assert twin.client.post("/lessons/mini/attempts").status_code == 302


def test_merge_refuses_itself_and_other_classes(world):
    app, teacher, cid = world["app"], world["teacher"], world["class_id"]
    Student(app, world["code"], "Ann")
    Student(app, world["code"], "Ben")
    other_cid, other_code = create_class(teacher, "Other")
    Student(app, other_code, "Zed")
    ann = member_id(app, "Ann")
    teacher.post(f"/teacher/classes/{cid}/students/{ann}/merge", data={"target": ann})
    teacher.post(f"/teacher/classes/{cid}/students/{ann}/merge", data={"target": member_id(app, "Zed")})
    assert count(app, "SELECT COUNT(*) FROM class_members") == 3


def test_remove_a_student_deletes_all_their_data(world):
    app, teacher, cid = world["app"], world["teacher"], world["class_id"]
    ann = Student(app, world["code"], "Ann")
    ann.attempt(key_answers(app))
    ann.attempt({"who-closed": "a"})
    ben = Student(app, world["code"], "Ben")
    ben.attempt({"who-closed": "b"})
    rid = count(app, "SELECT id FROM responses WHERE question_id = 'explain-bridge'")
    teacher.post(f"/teacher/classes/{cid}/lessons/mini/review/{rid}", data={"override": "y", "score": "1"})
    assert count(app, "SELECT COUNT(*) FROM reviews") == 1
    mid = member_id(app, "Ann")
    confirm = teacher.get(f"/teacher/classes/{cid}/students/{mid}/remove")
    assert confirm.status_code == 200 and "Remove Ann from 9B English?" in confirm.get_data(as_text=True)
    assert count(app, "SELECT COUNT(*) FROM class_members") == 2  # a GET changes nothing
    assert teacher.post(f"/teacher/classes/{cid}/students/{mid}/remove").status_code == 302
    assert count(app, "SELECT COUNT(*) FROM reviews") == 0
    assert count(app, "SELECT COUNT(*) FROM attempts") == 1  # Ben's
    assert count(app, "SELECT COUNT(*) FROM responses") == 1
    assert count(app, "SELECT COUNT(*) FROM question_progress") == 1
    assert count(app, "SELECT COUNT(*) FROM learners WHERE display_name = 'Ann'") == 0
    assert count(app, "SELECT COUNT(*) FROM class_members") == 1
    # Ann's browser no longer reaches anything of hers, and carries on as a new self-study learner
    assert ann.client.get("/my-class").status_code == 302
    assert ann.client.post("/lessons/mini/attempts").status_code == 302
