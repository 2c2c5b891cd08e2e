"""Every figure on the teacher's pages against values worked out by hand.

The class (mini lesson: 9 points; states 2, unsupported 2, contradiction 4, source 1):

* Ann, attempt 1: everything right = 9 (her written answer scores 2 provisionally);
  attempt 2: only question 1, wrong ("b") = 0.
* Ben, one attempt: Q1 "b" 0, multi ["a"] 1 of 2, verdict "stated" 0,
  cite [s3, s4] 0 (one hit, one false pick), pair [s2, s5] 1 of 2; no written answer = 2.
* Cy joined and did nothing.
"""

import csv
import io
import re

import pytest

from tests.test_teacher_support import (
    PASSWORD_A,
    Student,
    add_teacher,
    create_class,
    database,
    key_answers,
    rows_by_name,
    sign_in,
    table,
    teacher_app,
)

BEN = {
    "who-closed": "b",
    "unsupported-multi": ["a"],
    "verdict-statement": "stated",
    "cite-vague": ["s3", "s4"],
    "pair-closed-open": ["s2", "s5"],
}


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "ann.teacher@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "ann.teacher@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B English")
    ann = Student(app, code, "Ann")
    ann_1 = ann.attempt(key_answers(app))
    ann_2 = ann.attempt({"who-closed": "b"})
    ben = Student(app, code, "Ben")
    ben_1 = ben.attempt(BEN)
    Student(app, code, "Cy")
    # Times are recorded from first view to answer; set them so the sums are known.
    db = database(app)
    with db.atomic():
        db.execute("UPDATE responses SET seconds = 10 WHERE attempt_id = ?", [ann_1])
        db.execute("UPDATE responses SET seconds = 5 WHERE attempt_id = ?", [ann_2])
        db.execute("UPDATE responses SET seconds = 20 WHERE attempt_id = ?", [ben_1])
    db.close()
    base = f"/teacher/classes/{class_id}/lessons/mini"
    return {"app": app, "teacher": teacher, "class_id": class_id, "code": code, "base": base,
            "attempts": {"ann": [ann_1, ann_2], "ben": [ben_1]}}


def page(world, suffix="", **params):
    response = world["teacher"].get(world["base"] + suffix, query_string=params)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


ROSTER_HEADER = ["Student", "Attempts", "First score", "Best score", "Last score",
                 "States", "Unsupported", "Contradiction", "Source", "Time spent", "Status"]


def test_roster_first_attempt(world):
    html = page(world)
    assert table(html, "roster")[0] == ROSTER_HEADER
    rows = rows_by_name(html, "roster")
    assert rows == {
        "Ann 1 to review": ["2", "9 (100%)", "9 (100%)", "0 (0%)", "100%", "100%", "100%", "100%",
                            "1 min 5 s", "Finished"],
        "Ben": ["1", "2 (22%)", "2 (22%)", "2 (22%)", "0%", "50%", "50%", "0%", "1 min 40 s", "In progress"],
        "Cy": ["0", "—", "—", "—", "—", "—", "—", "—", "—", "Not started"],
    }
    assert rows_by_name(html, "class-mastery") == {
        "What the article states": ["50%", "2"],  # (100 + 0) / 2
        "What it leaves unsupported": ["75%", "2"],  # (100 + 50) / 2
        "Where it contradicts itself": ["75%", "2"],  # (100 + 50) / 2
        "Evaluating the source": ["50%", "2"],  # (100 + 0) / 2
    }
    dist = rows_by_name(html, "score-distribution")
    assert dist["90–100%"] == ["1"] and dist["20–29%"] == ["1"]
    assert sum(int(v[0]) for v in dist.values()) == 2
    assert world["code"] in html
    assert "1 written answer awaits your review" in html


def test_roster_last_attempt(world):
    html = page(world, count="last")
    ann = rows_by_name(html, "roster")["Ann 1 to review"]
    assert ann[:4] == ["2", "9 (100%)", "9 (100%)", "0 (0%)"]  # first/best/last never change
    assert ann[4:8] == ["0%", "—", "—", "—"]  # attempt 2 answered one "states" question, wrongly
    assert rows_by_name(html, "class-mastery") == {
        "What the article states": ["0%", "2"],
        "What it leaves unsupported": ["50%", "1"],
        "Where it contradicts itself": ["50%", "1"],
        "Evaluating the source": ["0%", "1"],
    }
    dist = rows_by_name(html, "score-distribution")
    assert dist["0–9%"] == ["1"] and dist["20–29%"] == ["1"] and dist["90–100%"] == ["0"]
    assert 'id="count-last" value="last" checked' in html


def test_best_attempt_and_unknown_rule(world):
    best = rows_by_name(page(world, count="best"), "roster")["Ann 1 to review"]
    assert best[4:8] == ["100%", "100%", "100%", "100%"]
    # An unknown rule falls back to the first attempt.
    odd = page(world, count="median")
    assert 'id="count-first" value="first" checked' in odd


def test_live_fragment_has_the_same_roster(world):
    response = world["teacher"].get(world["base"] + "/live", query_string={"count": "last"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "<html" not in html and "data-updated=" in html
    assert rows_by_name(html, "roster")["Ann 1 to review"][4] == "0%"


def test_dashboard_polls_with_a_static_script_and_a_pause_button(world):
    html = page(world)
    assert re.search(r'<script src="/static/teacher.js" defer></script>', html)
    assert 'data-live-url="' + world["base"] + '/live?count=first"' in html
    assert 'class="button live-toggle" aria-pressed="false"' in html
    assert "Updated at <time" in html


def csv_rows(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_roster_csv(world):
    rows = csv_rows(world["teacher"].get(world["base"] + "/roster.csv"))
    assert rows[0] == [
        "student", "attempts", "first_score", "best_score", "last_score", "max_score", "counted_attempt_score",
        "mastery_states_percent", "mastery_unsupported_percent", "mastery_contradiction_percent",
        "mastery_source_percent", "time_spent_seconds", "finished", "awaiting_review", "due_at", "status",
    ]
    assert rows[1:] == [  # no assignment, so no due date
        ["Ann", "2", "9", "9", "0", "9", "9", "100", "100", "100", "100", "65", "yes", "1", "", "finished"],
        ["Ben", "1", "2", "2", "2", "9", "2", "0", "50", "50", "0", "100", "no", "0", "", "in progress"],
        ["Cy", "0", "", "", "", "9", "", "", "", "", "", "0", "no", "0", "", "not started"],
    ]
    last = csv_rows(world["teacher"].get(world["base"] + "/roster.csv", query_string={"count": "last"}))
    assert last[1][6:11] == ["0", "0", "", "", ""]


def test_responses_csv(world):
    rows = csv_rows(world["teacher"].get(world["base"] + "/responses.csv"))
    header, body = rows[0], rows[1:]
    assert header == ["student", "attempt", "attempt_id", "question", "question_id", "category", "type", "answer",
                      "score", "max", "correct", "needs_review", "hints_used", "seconds", "misconceptions",
                      "answered_at", "version", "due_at", "status"]
    assert len(body) == 6 + 1 + 5  # one row per response
    ann_2 = world["attempts"]["ann"][1]
    assert body[6][:15] == ["Ann", "2", str(ann_2), "1", "who-closed", "states", "choice", "B. The mayor",
                            "0", "1", "0", "0", "0", "5", "quote-as-evidence"]
    ben = [r for r in body if r[0] == "Ben"]
    cite = next(r for r in ben if r[4] == "cite-vague")
    assert cite[7] == "s3: The mayor said the bridge was “unsafe.” | s4: Officials say repairs will cost millions."
    assert cite[8:11] == ["0", "1", "0"]
    pair = next(r for r in ben if r[4] == "pair-closed-open")
    assert pair[8:11] == ["1", "2", "0"] and pair[14] == "tension-as-contradiction"
    explain = next(r for r in body if r[4] == "explain-bridge")
    assert explain[8:12] == ["2", "2", "1", "1"]  # provisional full marks, flagged for review


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "=Class")
    names = ["=HYPERLINK(\"x\")", "+SUM(A1)", "-2+3", "@cmd", "Zoë 王"]
    for name in names:
        Student(app, code, name).attempt({"explain-bridge": "=1+1 it closed and then it reopened"})
    base = f"/teacher/classes/{class_id}/lessons/mini"
    roster = csv_rows(teacher.get(base + "/roster.csv"))
    assert sorted(r[0] for r in roster[1:]) == sorted(
        ["'=HYPERLINK(\"x\")", "'+SUM(A1)", "'-2+3", "'@cmd", "Zoë 王"]
    )
    responses = csv_rows(teacher.get(base + "/responses.csv"))
    assert {r[7] for r in responses[1:]} == {"'=1+1 it closed and then it reopened"}


def test_heatmap_page(world):
    html = page(world, "/heatmap")
    rows = table(html, "heat-table")
    assert rows[0] == ["Sentence", "Cited rightly", "Cited wrongly", "Missed where key", "Most often"]
    figures = {r[0].split()[0]: r[1:] for r in rows[1:]}
    assert figures == {
        "s1": ["0", "0", "0", "—"],
        "s2": ["2", "0", "0", "cited rightly"],  # Ann's and Ben's pairs
        "s3": ["0", "1", "0", "cited wrongly"],  # Ben's cite
        "s4": ["2", "0", "0", "cited rightly"],
        "s5": ["0", "1", "0", "cited wrongly"],  # Ben's pair
        "s6": ["1", "0", "1", "missed"],  # Ann found it, Ben missed it
        "s7": ["0", "0", "0", "—"],
    }
    s6 = re.search(r'<span class="sentence heat ([\w-]+)" id="heat-s6" data-sid="s6" tabindex="0" '
                   r'aria-describedby="tip-s6">', html)
    assert s6 and s6.group(1) == "heat-missed-2"
    assert ('id="tip-s6" role="tooltip">s6 “The bridge reopened on Monday after a short…”: '
            "cited rightly 1, cited wrongly 0, missed 1<") in html
    assert 'class="sentence heat heat-right-3" id="heat-s2"' in html


def test_item_page_with_two_students_shows_all_but_discrimination(world):
    html = page(world, "/items")
    summary = rows_by_name(html, "items-summary")
    assert table(html, "items-summary")[0] == ["Question", "Skill", "Answered", "Right", "Facility",
                                               "Most common wrong pick", "Discrimination", "Check?"]
    # Ann "a" (right), Ben "b" (wrong): from the first answer on, only discrimination waits for five.
    assert summary["Q1"] == ["What the article states", "2", "50%", "50%", "B. The mayor (1)", "needs 5", "—"]
    # Multi (key a, b): Ann a+b, Ben a alone (1 of 2): one fully right, facility 75%, nothing outside the key.
    assert summary["Q2"] == ["What it leaves unsupported", "2", "50%", "75%", "—", "needs 5", "—"]
    assert "Treats a quote as evidence for the claim" in rows_by_name(html, "misconceptions")
    # Q1 picks: Ann "a", Ben "b"; Ben's "b" is the most common wrong answer.
    assert "1 ×</strong> <span class=\"answer-line\">B. The mayor</span>" in html


def test_item_analysis_six_students(tmp_path):
    """Totals 4, 3, 2, 1, 1, 0; N = 2; the tie S4/S5 keeps member order, so the bottom third is S5, S6."""
    app = teacher_app(tmp_path)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "Stats")
    plan = {
        "S1": ("a", ["a", "b"], "not-stated"),  # 1 + 2 + 1 = 4
        "S2": ("a", ["a", "b"], "stated"),  # 1 + 2 + 0 = 3
        "S3": ("b", ["a"], "not-stated"),  # 0 + 1 + 1 = 2
        "S4": ("a", ["a", "c"], "stated"),  # 1 + 0 + 0 = 1
        "S5": ("b", ["c"], "not-stated"),  # 0 + 0 + 1 = 1
        "S6": ("c", ["d"], "stated"),  # 0 + 0 + 0 = 0
    }
    for name, (q1, q2, q3) in plan.items():
        Student(app, code, name).attempt({"who-closed": q1, "unsupported-multi": q2, "verdict-statement": q3})
    html = teacher.get(f"/teacher/classes/{class_id}/lessons/mini/items").get_data(as_text=True)
    summary = rows_by_name(html, "items-summary")
    # Q1 fractions 1,1,0,1,0,0: FI 50; DI ((1+1) - (0+0)) / 2
    # Right 3 of 6; "b" is picked twice, "c" once.
    assert summary["Q1"] == ["What the article states", "6", "50%", "50%", "B. The mayor (2)", "1.00", "—"]
    # Q2 fractions 1,1,.5,0,0,0: FI 2.5/6 = 41.7 -> 42; right 2 of 6 = 33; DI (2 - 0) / 2; "c" picked by S4, S5
    assert summary["Q2"] == ["What it leaves unsupported", "6", "33%", "42%", "C. That the mayor spoke (2)",
                             "1.00", "—"]
    # Q3 fractions 1,0,1,0,1,0: FI 50; DI ((1+0) - (1+0)) / 2 = 0 -> below 0.3, flagged; "stated" three times
    assert summary["Q3"][:4] == ["What the article states", "6", "50%", "50%"]
    assert summary["Q3"][4].endswith("(3)") and summary["Q3"][5:] == ["0.00", "Check this question"]
    assert summary["Q4"] == ["Evaluating the source", "0", "—", "—", "—", "needs 5", "—"]
    # quote-as-evidence: Q1 "b" twice + Q3 "stated" three times
    assert rows_by_name(html, "misconceptions") == {"Treats a quote as evidence for the claim": ["5"]}
    q2 = html[html.index('id="q-2"'):html.index('id="q-3"')]
    assert re.findall(r"<strong>(\d) ×</strong>", q2) == ["1", "1", "1"]
    assert "A. The cost of repairs</span><span class=\"answer-line\">C. That the mayor spoke" in q2


def test_charts_are_svg_without_script(world):
    for name in ("scores", "mastery"):
        response = world["teacher"].get(world["base"] + f"/charts/{name}.svg")
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        svg = response.get_data(as_text=True)
        assert "<script" not in svg and "javascript:" not in svg
        assert "<title>" in svg and "<desc>" in svg
        assert "script-src" not in response.headers["Content-Security-Policy"]
    scores = world["teacher"].get(world["base"] + "/charts/scores.svg").get_data(as_text=True)
    assert ("<desc>Bar chart of 2 students' scores, in tenths of the 9 points: "
            "1 in 20–29%; 1 in 90–100%.</desc>") in scores
    mastery = world["teacher"].get(world["base"] + "/charts/mastery.svg").get_data(as_text=True)
    assert "What the article states: 50%; What it leaves unsupported: 75%" in mastery
    html = page(world)
    assert re.search(re.escape(world["base"]) + r'/charts/scores\.svg\?count=first&amp;v=[^"]+"', html)
    assert 'alt="Score distribution: 1 in 20–29%; 1 in 90–100%."' in html


def test_print_view(world):
    html = page(world, "/print")
    assert rows_by_name(html, "roster")["Ben"][1] == "2 (22%)"
    assert "teacher.css" in html and "data-print hidden" in html


def review_page(world):
    return page(world, "/review")


def explain_response_id(world):
    db = database(world["app"])
    rid = db.execute(
        "SELECT id FROM responses WHERE question_id = 'explain-bridge' AND attempt_id = ?",
        [world["attempts"]["ann"][0]],
    ).fetchone()[0]
    db.close()
    return rid


def response_row(world, rid):
    db = database(world["app"])
    row = db.execute("SELECT score, correct, needs_review FROM responses WHERE id = ?", [rid]).fetchone()
    review = db.execute(
        "SELECT provisional_score, provisional_correct, final_score FROM reviews WHERE response_id = ?", [rid]
    ).fetchone()
    db.close()
    return tuple(row), tuple(review) if review else None


def test_review_queue_confirm_then_override_recomputes_the_figures(world):
    rid = explain_response_id(world)
    html = review_page(world)
    assert "Waiting for you (1)" in html
    assert "The bridge closed on Monday and reopened on Monday" in html
    assert "Rubric points found: Names the closure; Names the reopening" in html

    url = world["base"] + f"/review/{rid}"
    assert world["teacher"].post(url, data={"confirm": "y"}).status_code == 302
    assert response_row(world, rid) == ((2.0, 1, 0), (2.0, 1, 2.0))
    assert "Waiting for you (0)" in review_page(world)
    assert "1 to review" not in page(world)

    # Override to 1 of 2: Ann's first attempt is now 8; contradiction mastery 3 of 4 = 75%.
    assert world["teacher"].post(url, data={"override": "y", "score": "1"}).status_code == 302
    assert response_row(world, rid) == ((1.0, 0, 0), (2.0, 1, 1.0))
    html = page(world)
    ann = rows_by_name(html, "roster")["Ann"]
    assert ann[:2] == ["2", "8 (89%)"]
    assert ann[6] == "75%"
    # class contradiction mastery: (75 + 50) / 2 = 62.5, shown rounded half up
    assert rows_by_name(html, "class-mastery")["Where it contradicts itself"] == ["63%", "2"]
    reviewed = rows_by_name(review_page(world), "reviewed")["Ann"]
    assert reviewed[0] == "Q6" and reviewed[2:4] == ["2", "1 of 2"]

    # "Back to 2" confirms the provisional score kept in the review table.
    assert world["teacher"].post(url, data={"confirm": "y"}).status_code == 302
    assert response_row(world, rid) == ((2.0, 1, 0), (2.0, 1, 2.0))


def test_review_refuses_a_score_above_the_maximum(world):
    rid = explain_response_id(world)
    response = world["teacher"].post(world["base"] + f"/review/{rid}", data={"override": "y", "score": "3"})
    assert response.status_code == 302
    assert response_row(world, rid) == ((2.0, 1, 1), None)
    assert "Give a score from 0 to 2." in review_page(world)
    response = world["teacher"].post(world["base"] + f"/review/{rid}", data={"override": "y", "score": ""})
    assert response_row(world, rid) == ((2.0, 1, 1), None)
    assert "Type a score before saving it" in review_page(world)


def test_review_queue_shows_the_oldest_first_a_page_at_a_time(world, monkeypatch):
    from closeread.teacher import dashboard

    monkeypatch.setattr(dashboard, "REVIEW_PAGE", 1)
    Student(world["app"], world["code"], "Dee").attempt({"explain-bridge": "Dee says it closed, then it reopened."})
    html = review_page(world)
    assert "Waiting for you (2)" in html and "Review answers (2)" in html
    assert "Showing the 1 oldest." in html
    assert "The bridge closed on Monday and reopened on Monday" in html  # Ann's, the older one
    assert "Dee says" not in html


def test_review_queue_shows_the_pre_scores_flag_next_to_the_answer(world):
    Student(world["app"], world["code"], "Dee").attempt({"explain-bridge": "closed, reopened, monday, tuesday"})
    html = review_page(world)
    assert "Waiting for you (2)" in html
    assert html.count("Flagged:") == 1  # Dee's list, not Ann's sentence
    dee = html[html.index("Dee · Q"):]
    assert "closed, reopened, monday, tuesday" in dee
    assert "<strong>Flagged:</strong> a list of keywords, not sentences." in dee
