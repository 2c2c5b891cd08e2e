"""The second built-in lesson (the fictional Wrenfield phone ban) run through the app end to end.

Content rules shared by every lesson are in test_content.py and test_content_rules.py; this module
checks what the issue asks of this lesson (fictional and marked so, its own kinds of flaws, the
question mix) and that the form quiz, the chat and the teacher's views work for it as for the first.
"""

import re
from collections import Counter

import pytest

from closeread.questions.grading import grade_answer
from tests.helpers import QuizDriver, as_shown, make_app
from tests.test_chat_api import Api, rows
from tests.test_chat_engine import typed_key

SLUG = "wrenfield-phones"


@pytest.fixture
def second(app):
    return app.extensions["closeread.lessons"][SLUG]


def test_home_lists_both_lessons_with_their_own_links(client, app):
    html = client.get("/").get_data(as_text=True)
    lessons = app.extensions["closeread.lessons"]
    assert set(lessons) == {"germany-mali", SLUG}
    for lesson in lessons.values():
        assert f'href="/lessons/{lesson.slug}"' in html
        assert f"{len(lesson.quiz.questions)} questions" in html
    assert html.count('<li class="card">') == 2
    assert "Fictional teaching material" in html


def test_the_story_is_marked_fictional_everywhere_a_learner_meets_it(second):
    assert second.summary.startswith("Fictional teaching material")
    assert second.teaching.lstrip().startswith("> **This story is made up.**")
    laterals = [e.lateral for e in second.ledger.values() if e.lateral]
    laterals += [q.lateral for q in second.quiz.questions if q.lateral]
    assert len(laterals) >= 5
    assert all(note.startswith("Fictional") for note in laterals), laterals


def test_the_article_is_a_short_news_piece_with_headline_caption_and_sections(second):
    words = sum(len(s.text.split()) for s in second.article.sentences)
    assert 300 <= words <= 500
    assert second.article.sentences[1].text.startswith("Photo caption:")
    assert 3 <= len(second.article.sections) - 1 <= 5


@pytest.mark.parametrize(
    ("label", "quote"),
    [
        ("overclaim", "Phone Ban Makes Wrenfield Students Smarter"),
        ("caption-mismatch", "Photo caption: Eighth graders"),
        ("no-base-rate", "has risen by 40 percent"),
        ("no-base-rate", "Nine out of ten students on the honor roll"),
        ("correlation-as-cause", "Clearly, taking phones away"),
        ("vague-attribution", "who asked not to be named"),
        ("out-of-context", "said Marta Quill"),
    ],
)
def test_each_flaw_is_in_the_ledger_on_its_sentence(second, label, quote):
    (sentence,) = [s for s in second.article.sentences if quote in s.text]
    assert label in second.ledger[sentence.id].labels


def test_one_contradiction_tensions_and_a_neither_question(second):
    pairs = {frozenset((a, b)) for a, e in second.ledger.items() for b in e.contradicts}
    assert pairs == {frozenset(("s11", "s16"))}
    tensions = {frozenset((a, b)) for a, e in second.ledger.items() for b in e.tension_with}
    assert frozenset(("s2", "s5")) in tensions and frozenset(("s14", "s20")) in tensions
    neither = second.quiz.by_id["contradiction-neither"]
    assert neither.option_by_id[neither.key].text.startswith("Neither")
    assert not any(frozenset(neither.evidence) == p for p in pairs | tensions)


def test_question_mix(second):
    questions = second.quiz.questions
    assert len(questions) >= 20
    assert set(Counter(q.type for q in questions)) == {"choice", "multi", "verdict", "cite", "pair", "explain"}
    assert set(Counter(q.category for q in questions)) == {"states", "unsupported", "contradiction", "source"}
    assert 1 <= sum(q.type == "explain" for q in questions) <= 2


def test_the_model_answer_gets_full_marks_and_a_wrong_conclusion_does_not(second):
    q = second.quiz.by_id["unsupported-explain-cause"]
    grade = grade_answer(q, q.model_answer)
    assert grade.score == q.points and not grade.rubric_missed and not grade.flags
    wrong = ("The scores went up right after the new reading teachers were hired, but the ban clearly caused it. "
             "The full year of results will only confirm what we know.")
    assert grade_answer(q, wrong).score < q.points


# The independent second reading's answer: the ban as the real reason, and a before/after comparison as the test.
BAN_IS_THE_REASON = (
    "The phone ban is probably the real reason the scores went up, because they rose right after it started. "
    "The school also hired new reading teachers, but that matters less. "
    "To be sure, compare the scores before and after the ban."
)
BEFORE_AND_AFTER_ONLY = (
    "The scores went up after the ban, but that is only a correlation. The school also hired two new reading "
    "teachers, so they could be the real reason, not the ban. To be sure, compare the scores before and after the ban."
)
TEACHERS_RATHER_THAN_BAN = (
    "The results rose after the ban, but that doesn't prove the ban caused it. The new reading teachers could be "
    "the real reason rather than the ban. We would need to compare with a school that didn't ban phones over a "
    "full year."
)


def test_the_ban_as_the_real_reason_or_a_before_and_after_test_does_not_get_full_marks(second):
    q = second.quiz.by_id["unsupported-explain-cause"]
    model = grade_answer(q, q.model_answer)
    assert (model.score, model.flags) == (2, [])
    wrong = grade_answer(q, BAN_IS_THE_REASON)
    assert wrong.score <= 1 and wrong.flags == ["wrong-conclusion"]
    before_after = grade_answer(q, BEFORE_AND_AFTER_ONLY)
    assert before_after.score < q.points
    assert before_after.rubric_missed == [q.rubric[2].label]  # a fair comparison is what it lacks
    assert grade_answer(q, TEACHERS_RATHER_THAN_BAN).score == q.points  # "the real reason" about the teachers


def test_a_whole_self_study_attempt_with_every_key_scores_full_marks(client, second, db):
    quiz = QuizDriver(client, second)
    page = client.get(f"/lessons/{SLUG}").get_data(as_text=True)
    assert "This story is made up." in page
    attempt = quiz.start()
    for q in second.quiz.questions:
        response = quiz.answer(attempt, q)
        assert response.status_code == 302, q.id
        feedback = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "Right" in feedback or "Provisional: your teacher will check" in feedback, q.id
    stored = list(db.query("SELECT * FROM responses WHERE attempt_id = ?", [attempt]))
    assert len(stored) == len(second.quiz.questions)
    assert sum(r["score"] for r in stored) == second.quiz.total_points
    result = client.get(f"/attempts/{attempt}/result").get_data(as_text=True)
    total = second.quiz.total_points
    assert f"Score: {total} of {total} (100%)" in result
    for sid in second.ledger:
        assert f'id="reveal-{sid}"' in result
    assert "Quote cut from its context" in result and "Correlation sold as a cause" in result


def test_a_chat_conversation_answers_the_first_questions(app, second):
    api = Api(app)
    attempt = api.start(lesson=SLUG, expect=201)["attempt_id"]
    greeting = api.transcript(attempt)["messages"]
    assert any("made up for practice" in m["html"] for m in greeting)
    status = api.send(attempt, "Go to the quiz")["status"]
    for n in range(3):
        q = second.quiz.by_id[status["question"]]
        assert q.number == n + 1
        status = api.send(attempt, typed_key(as_shown(app, attempt, q)))["status"]
    first = second.quiz.questions[:3]
    assert status["progress"]["answered"] == 3
    assert status["progress"]["score"] == sum(q.points for q in first)
    stored = rows(app, "SELECT question_id, score FROM responses WHERE attempt_id = ?", [attempt])
    assert {r["question_id"] for r in stored} == {q.id for q in first}


def test_the_worksheet_prints_the_second_lesson(client, second):
    page = client.get(f"/lessons/{SLUG}/worksheet", follow_redirects=True).get_data(as_text=True)
    assert second.quiz.questions[0].prompt.split("**")[0].strip()[:40] in page
    assert re.search(r"Version [0-9A-F]{6}", page)


def test_teacher_views_work_per_lesson(tmp_path):
    from tests.test_teacher_support import PASSWORD_A, add_teacher, create_class, join, rows_by_name, sign_in

    app = make_app(tmp_path)
    lessons = app.extensions["closeread.lessons"]
    second, first = lessons[SLUG], lessons["germany-mali"]
    add_teacher(app, "ann.teacher@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "ann.teacher@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "8A English")
    dee = QuizDriver(join(app, code, "Dee"), second)
    attempt = dee.start()
    for q in second.quiz.questions:
        assert dee.answer(attempt, q).status_code == 302
    eli = QuizDriver(join(app, code, "Eli"), first)
    eli.answer(eli.start(), first.quiz.questions[0])

    base = f"/teacher/classes/{class_id}/lessons"
    total = second.quiz.total_points
    roster = rows_by_name(teacher.get(f"{base}/{SLUG}").get_data(as_text=True), "roster")
    dee_row = next(row for name, row in roster.items() if name.startswith("Dee"))
    assert dee_row[1] == f"{total} (100%)"
    assert not any(name.startswith("Eli") and row[0] != "0" for name, row in roster.items())
    first_roster = rows_by_name(teacher.get(f"{base}/germany-mali").get_data(as_text=True), "roster")
    assert next(row for name, row in first_roster.items() if name.startswith("Dee"))[0] == "0"

    items = teacher.get(f"{base}/{SLUG}/items").get_data(as_text=True)
    assert "Pick them." in items  # the pair question's prompt, not the first lesson's
    heatmap = teacher.get(f"{base}/{SLUG}/heatmap").get_data(as_text=True)
    assert "Not one phone has been seen in a classroom" in heatmap
    assert '<p class="note provenance"><strong>Made up for practice.</strong>' in heatmap
    first_heatmap = teacher.get(f"{base}/germany-mali/heatmap").get_data(as_text=True)
    assert "This is a real blog post" in first_heatmap and "Made up for practice" not in first_heatmap
    assert teacher.get(f"{base}/{SLUG}/review").status_code == 200
    responses_csv = teacher.get(f"{base}/{SLUG}/responses.csv").get_data(as_text=True)
    assert {q.id for q in second.quiz.questions} <= set(re.findall(r"[a-z]+(?:-[a-z0-9]+)+", responses_csv))
    assert first.quiz.questions[0].id not in responses_csv
    roster_csv = teacher.get(f"{base}/{SLUG}/roster.csv").get_data(as_text=True)
    assert "Dee" in roster_csv


def section_of(lesson, sid):
    return next(sec for sec in lesson.article.sections if any(s.id == sid for s in sec.sentences))


def test_nameless_sources_key_every_view_handed_to_a_nameless_someone(second):
    """Independent second reading, W1: "some parents" inside Quill's quote (s19) and the unnamed survey (s10)
    are keyed; the writer's own unsourced claims (s9, s11, s12) and named sources get feedback, not silence."""
    q = second.quiz.by_id["source-nameless"]
    assert sorted(q.key, key=lambda s: int(s[1:])) == ["s1", "s10", "s13", "s17", "s19", "s21"]
    assert all("vague-attribution" in second.ledger[sid].labels for sid in q.key)
    assert {"s6", "s7", "s8", "s9", "s11", "s12", "s14", "s16", "s18"} <= set(q.distractors)
    assert "from no one at all" not in q.prompt and "simply states" in q.prompt
    assert grade_answer(q, list(q.key)).score == q.points
    unsourced = grade_answer(q, [*q.key, "s11"])
    assert unsourced.score < q.points
    assert "Not one phone has been seen in a classroom" in " ".join(f.text for f in unsourced.feedback)


def test_base_rates_ask_only_about_numbers_offered_for_the_ban_and_its_hint_is_true(second):
    """W2: the 23 phones (s16) are outside the prompt, and the first hint names the section every key is in."""
    q = second.quiz.by_id["unsupported-base-rates"]
    assert set(q.key) == {"s8", "s9", "s10"}
    assert "evidence that the ban worked" in q.prompt
    (heading,) = {section_of(second, sid).heading for sid in q.key}  # "2. The numbers"
    number, name = heading.split(". ", 1)
    assert f"section {number}, ‘{name}’" in q.hints[0]
    assert {"s11", "s16", "s15", "s3"} <= set(q.distractors)
    assert grade_answer(q, ["s8", "s9", "s10"]).score == q.points
