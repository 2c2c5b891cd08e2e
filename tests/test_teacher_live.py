"""The teacher's live progress view against a class built by hand through the real routes.

Mini lesson (6 questions: Q1 choice key "a", Q2 multi key a+b, Q3 verdict, Q4 cite,
Q5 pair, Q6 written). The class:

* Ann: Q1 right, Q2 "a" only (1 of 2: partly right), then opens Q3 and works on it;
* Ben: Q1 "b" (wrong) and stays on its feedback;
* Cy: joined, nothing yet;
* Dee: everything right (her written answer is provisional: to review); finished;
* Eve: a first attempt all right, then a retake with Q1 wrong: only the retake counts.
"""

import re
import sqlite3

import pytest

from tests.test_teacher_support import (
    PASSWORD_A,
    Student,
    add_teacher,
    create_class,
    database,
    key_answers,
    mini_lesson,
    rows_by_name,
    sign_in,
    table,
    teacher_app,
)

STUDENTS_HEADER = ["Student", "Question and round", "Status", "Answered"]
QUESTIONS_HEADER = ["Question", "Right", "Partly right", "Wrong", "Answered", "On it now"]
# The mini lesson has no rounds.toml: one default round per skill, in the order the skills first come.
STATES = "Round 1: What the article states"
UNSUPPORTED = "Round 2: What it leaves unsupported"
SOURCE = "Round 3: Evaluating the source"
CONTRADICTS = "Round 4: Where it contradicts itself"


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B Live")
    ann = Student(app, code, "Ann")
    ann_attempt = ann.attempt({"who-closed": "a", "unsupported-multi": ["a"]})
    assert ann.client.get(f"/attempts/{ann_attempt}/questions/3").status_code == 200
    Student(app, code, "Ben").attempt({"who-closed": "b"})
    Student(app, code, "Cy")
    Student(app, code, "Dee").attempt(key_answers(app))
    eve = Student(app, code, "Eve")
    eve.attempt(key_answers(app))
    eve.attempt({"who-closed": "c"})
    return {"app": app, "teacher": teacher, "ann": ann, "ann_attempt": ann_attempt,
            "base": f"/teacher/classes/{class_id}/lessons/mini/progress"}


def view(world, suffix=""):
    response = world["teacher"].get(world["base"] + suffix)
    assert response.status_code == 200
    return response, response.get_data(as_text=True)


def tallies(html):
    """Question number -> [round, on it now, right, partly right, wrong, answered]."""
    out, current = {}, None
    for row in table(html, "now-questions")[1:]:
        if len(row) == 1:
            current = row[0].removeprefix("Round: ")
        else:
            right, partly, wrong, answered, on_it = row[1:]
            out[row[0].split()[0]] = [current, on_it, right, partly, wrong, answered]
    return out


def test_each_student_current_round_and_question(world):
    _, html = view(world)
    assert table(html, "now-students")[0] == STUDENTS_HEADER
    assert rows_by_name(html, "now-students") == {
        "Ann": [f"Q3 {STATES}", "Working on it", "2 of 6"],
        "Ben": [f"Q1 {STATES}", "Answered: wrong", "1 of 6"],
        "Cy": ["—", "Not started", "0 of 6"],
        "Dee": [f"Q6 {CONTRADICTS}", "Finished", "6 of 6"],
        "Eve": [f"Q1 {STATES}", "Answered: wrong", "1 of 6"],
    }


def test_tally_per_question(world):
    _, html = view(world)
    assert table(html, "now-questions")[0] == QUESTIONS_HEADER
    assert tallies(html) == {
        "Q1": [STATES, "0", "2", "0", "2", "4 of 5"],  # Ann, Dee right; Ben, Eve's retake wrong
        "Q2": [UNSUPPORTED, "0", "1", "1", "0", "2 of 5"],  # Dee right, Ann partly
        "Q3": [STATES, "1", "1", "0", "0", "1 of 5"],  # Ann is on it
        "Q4": [SOURCE, "0", "1", "0", "0", "1 of 5"],
        "Q5": [CONTRADICTS, "0", "1", "0", "0", "1 of 5"],
        "Q6": [CONTRADICTS, "0", "1", "0", "0", "1 of 5 1 to review"],
    }
    # Each round's questions come together, rounds in the lesson's order.
    order = [row[0].split()[0] for row in table(html, "now-questions")[1:]]
    assert order == [f"Round: {STATES}".split()[0], "Q1", "Q3", "Round:", "Q2", "Round:", "Q4", "Round:", "Q5", "Q6"]
    rounds = [row[0] for row in table(html, "now-questions") if len(row) == 1]
    assert rounds == [f"Round: {STATES}", f"Round: {UNSUPPORTED}", f"Round: {SOURCE}", f"Round: {CONTRADICTS}"]
    summary = re.search(r'<p class="live-summary">(.*?)</p>', html, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", "", summary).split()) == (
        "4 of 5 students started, 1 finished. 10 answers so far: 7 right, 1 partly right, 2 wrong."
    )
    # The bar: 2 of 5 right from 0 to 40 %, 2 of 5 wrong from 40 to 80 %.
    q1 = html[html.index('data-tally="Q1"'):html.index('data-tally="Q2"')]
    assert 'data-right="2" data-partly="0" data-wrong="2"' in q1
    assert '<rect class="bar-right" x="0.00" y="0" width="40.00"' in q1
    assert '<rect class="bar-wrong" x="40.00" y="0" width="40.00"' in q1
    assert "bar-partly" not in q1


def test_the_view_follows_posted_answers(world):
    ann, attempt = world["ann"], world["ann_attempt"]
    lesson = mini_lesson(world["app"])
    verdict = lesson.quiz.by_id["verdict-statement"]
    response = ann.client.post(f"/attempts/{attempt}/questions/3", data={"answer": verdict.key})
    assert response.status_code == 302
    _, html = view(world, "/live")
    assert rows_by_name(html, "now-students")["Ann"] == [f"Q3 {STATES}", "Answered: right", "3 of 6"]
    assert tallies(html)["Q3"] == [STATES, "0", "2", "0", "0", "2 of 5"]
    # A repeated submit does not count twice.
    ann.client.post(f"/attempts/{attempt}/questions/3", data={"answer": "stated"})
    _, again = view(world, "/live")
    assert tallies(again)["Q3"] == tallies(html)["Q3"]
    # Opening the next question moves her on; going back to an earlier one does not.
    ann.client.get(f"/attempts/{attempt}/questions/4")
    ann.client.get(f"/attempts/{attempt}/questions/1")
    _, html = view(world, "/live")
    assert rows_by_name(html, "now-students")["Ann"] == [f"Q4 {SOURCE}", "Working on it", "3 of 6"]
    assert tallies(html)["Q4"][1] == "1"


def test_fragment_is_the_tables_only_and_never_cached(world):
    response, html = view(world, "/live")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "text/html"
    assert "<html" not in html and "<h1" not in html
    assert table(html, "now-students")[0] == STUDENTS_HEADER


def test_page_works_without_javascript(world):
    _, html = view(world)
    assert re.search(r'<a href="[^"]*/lessons/mini/progress\?count=first" class="refresh-link">Refresh</a>', html)
    assert 'data-live-url="' + world["base"] + '/live"' in html
    assert 'class="visually-hidden live-announce" role="status" aria-live="polite"' in html
    assert '<caption id="now-students-caption">' in html and '<caption id="now-questions-caption">' in html
    assert 'aria-current="page">Live progress<' in html


def test_last_answer_stands_in_when_no_view_was_recorded(world):
    db = database(world["app"])
    with db.atomic():
        db.execute("DELETE FROM question_progress WHERE attempt_id IN"
                   " (SELECT a.id FROM attempts a JOIN class_members m ON m.learner_id = a.learner_id"
                   "  WHERE m.display_name = 'Dee')")
    db.close()
    _, html = view(world)
    assert rows_by_name(html, "now-students")["Dee"][0] == f"Q6 {CONTRADICTS}"


def test_dashboard_links_to_the_live_view(world):
    html = world["teacher"].get(world["base"].rsplit("/progress", 1)[0]).get_data(as_text=True)
    assert 'href="' + world["base"] + '?count=first">follow the class live</a>' in html


def test_queries_use_indexes(world):
    from closeread.teacher import queries

    db = database(world["app"])
    recorded = []
    db.conn.set_trace_callback(recorded.append)
    positions = queries.live_positions(db, 1, "mini")
    queries.live_responses(db, [p.attempt_id for p in positions if p.attempt_id])
    db.conn.set_trace_callback(None)
    plain = sqlite3.connect(world["app"].config["DATABASE"])
    statements = [s for s in recorded if s.lstrip().upper().startswith("SELECT")]
    assert len(statements) == 2
    for sql in statements:
        for step in [row[3] for row in plain.execute("EXPLAIN QUERY PLAN " + sql)]:
            scan = re.match(r"SCAN (\w+)", step)
            assert not (scan and "USING" not in step and scan.group(1) in
                        ("responses", "attempts", "class_members", "question_progress")), (sql, step)
    plain.close()
    db.close()
