"""No test-wiseness: options are shuffled per attempt, the same on every view and device.

Letters follow the order on screen (form quiz, chat, result page, worksheet);
answers are stored by option id; teachers' views (CSV, item analysis, answer
key) keep the quiz file's ids and order. Seeds named in these tests were
checked to give the orders asserted (the mini quiz's "who-closed" options are
a, b, c in the file):

* "ann-1": who-closed a, c, b; unsupported-multi d, b, c, a
* "ben-1": who-closed c, a, b; unsupported-multi d, c, b, a
"""

import csv
import io
import re
from collections import Counter

import pytest

from closeread.content.loader import load_content
from closeread.content.tutor import default_content
from closeread.questions.order import LETTERS, file_order, option_order, order_statement, shown
from closeread.tutor.engine import Input, Progress, Tutor
from tests.helpers import FIXTURES, ROOT, QuizDriver, as_shown, attempt_seed
from tests.test_teacher_support import (
    PASSWORD_A,
    Student,
    add_teacher,
    create_class,
    database,
    mini_lesson,
    sign_in,
    teacher_app,
)

ANN, BEN = "ann-1", "ben-1"


@pytest.fixture(scope="module")
def mini():
    return load_content(FIXTURES / "mini")["mini"]


@pytest.fixture(scope="module")
def germany_mali():
    return load_content(ROOT)["germany-mali"]


def ids(options):
    return [o.id for o in options]


def set_seed(app, attempt_id, seed):
    db = database(app)
    try:
        with db.atomic():
            db.execute("UPDATE attempts SET option_seed = ? WHERE id = ?", [seed, attempt_id])
    finally:
        db.close()


def radio_values(html):
    return re.findall(r'<input[^>]*name="answer"[^>]*value="([^"]+)"', html)


def labels(html):
    return [" ".join(x.split()) for x in re.findall(r'<label for="answer-\d+">([^<]+)</label>', html)]


# -- the order itself ---------------------------------------------------------------------------
def test_the_checked_seeds_give_the_orders_the_tests_rely_on(mini):
    who, multi, verdict = mini.quiz.questions[:3]
    assert ids(option_order(who, ANN)) == ["a", "c", "b"] and ids(option_order(multi, ANN)) == ["d", "b", "c", "a"]
    assert ids(option_order(who, BEN)) == ["c", "a", "b"] and ids(option_order(multi, BEN)) == ["d", "c", "b", "a"]
    assert verdict.type == "verdict"


def test_an_order_is_a_permutation_and_the_same_every_time(germany_mali):
    for q in germany_mali.quiz.questions:
        for seed in ("x", "y", "zz-9"):
            order = ids(option_order(q, seed))
            assert sorted(order) == sorted(ids(q.options)) and order == ids(option_order(q, seed))


def test_two_attempts_differ_over_the_quiz_and_verdict_scales_never_move(germany_mali):
    quiz = germany_mali.quiz.questions
    differ = [q.id for q in quiz if ids(option_order(q, ANN)) != ids(option_order(q, BEN))]
    assert len(differ) >= 10  # of the 13 choice and 1 multi questions
    for q in quiz:
        if q.type == "verdict":
            assert ids(option_order(q, ANN)) == ids(q.options) == ids(option_order(q, BEN))


def test_the_keyed_option_is_spread_over_every_position(germany_mali):
    """The point of shuffling: over many attempts the key is not where a test-wise learner would look."""
    choice = [q for q in germany_mali.quiz.questions if q.type == "choice"]
    for size in sorted({len(q.options) for q in choice}):
        group = [q for q in choice if len(q.options) == size]
        where = Counter(ids(option_order(q, f"attempt-{n}")).index(q.key) for n in range(300) for q in group)
        total = sum(where.values())
        assert set(where) == set(range(size)), (size, where)
        assert all(0.7 / size < count / total < 1.3 / size for count in where.values()), (size, where)


def test_no_seed_and_file_order_keep_the_quiz_file_order(mini):
    who = mini.quiz.questions[0]
    assert ids(shown(who, None).options) == ids(who.options) == ids(file_order(who, ANN).options)


def test_letters_follow_the_shown_order_but_teachers_see_option_ids(mini):
    who = mini.quiz.questions[0]
    officials = who.option_by_id["c"]
    assert who.kind.describe(shown(who, ANN), "c", mini.article) == ["B. Officials"]  # second on screen
    assert who.kind.describe(who, "c", mini.article) == ["C. Officials"]  # the file's question: by id
    assert who.kind.option_label(shown(who, BEN), officials) == "A. Officials"
    assert order_statement(shown(who, ANN)) == "A = a, B = c, C = b"


# -- the chat engine ----------------------------------------------------------------------------
def quiz_turn(mini, seed, text, order=shown):
    tutor = Tutor(mini, default_content(mini), order=order)
    progress = Progress(seed=seed)
    state = tutor.respond(tutor.start(progress).state, Input("quiz"), progress).state
    return tutor, state, tutor.respond(state, Input(text), progress)


def test_the_chat_reads_a_letter_as_the_option_shown_in_that_place(mini):
    _, _, turn = quiz_turn(mini, ANN, "b")
    (answer,) = [e for e in turn.effects if e.kind == "answer"]
    assert answer.question_id == "who-closed" and answer.answer == "c"  # "B" on screen is option c
    assert "Your answer: B. Officials" in turn.messages[0].text
    assert "The answer: A. The council" in turn.messages[0].text


def test_the_chat_lists_and_offers_options_in_the_shown_order(mini):
    tutor = Tutor(mini, default_content(mini))
    progress = Progress(seed=BEN)
    turn = tutor.respond(tutor.start(progress).state, Input("quiz"), progress)
    assert "- **A.** Officials\n- **B.** The council\n- **C.** The mayor" in turn.messages[-1].text
    assert [r["label"] for r in turn.messages[-1].quick_replies][:3] == \
        ["A. Officials", "B. The council", "C. The mayor"]
    assert [c.id for c in tutor.expect(turn.state, progress).options] == ["c", "a", "b"]


def test_ticked_options_echo_with_the_letters_on_screen(mini):
    tutor, state, turn = quiz_turn(mini, ANN, "a")  # answer who-closed; then round 1's verdict question
    progress = Progress(answered={"who-closed": {"score": 1, "max": 1, "response": "a"}}, seed=ANN)
    turn = tutor.respond(turn.state, Input("it doesn't say"), progress)  # the multi question opens round 2
    progress.answered["verdict-statement"] = {"score": 1, "max": 1, "response": "not-stated"}
    assert turn.state["question"] == "unsupported-multi"
    select = tutor.status(turn.state, progress)["select"]
    assert [o["label"] for o in select["options"]] == [
        "A. That the bridge is old", "B. The traffic figure", "C. That the mayor spoke", "D. The cost of repairs"]
    assert tutor.echo(Input(options=("a", "b")), turn.state, progress) == "Ticked D, B"


def test_an_identity_order_for_tests_and_the_learner_message_corpus(mini):
    _, _, turn = quiz_turn(mini, ANN, "b", order=file_order)
    (answer,) = [e for e in turn.effects if e.kind == "answer"]
    assert answer.answer == "b"


# -- the form quiz, the result page and resuming on another device ------------------------------
@pytest.fixture
def school(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B")
    return {"app": app, "teacher": teacher, "class_id": class_id, "code": code}


def test_the_form_quiz_shows_the_attempts_order_on_reload_and_on_another_device(school):
    app = school["app"]
    ann = Student(app, school["code"], "Ann")
    attempt = ann.driver.start()
    who, multi = mini_lesson(app).quiz.questions[:2]
    seed = attempt_seed(app, attempt)
    assert seed  # every new attempt has its own seed
    pages = {n: ann.client.get(f"/attempts/{attempt}/questions/{n}").get_data(as_text=True) for n in (1, 2)}
    assert radio_values(pages[1]) == ids(option_order(who, seed))
    assert labels(pages[1]) == [f"{LETTERS[i].upper()}. {o.text}" for i, o in enumerate(option_order(who, seed))]
    again = ann.client.get(f"/attempts/{attempt}/questions/1").get_data(as_text=True)
    assert radio_values(again) == radio_values(pages[1])
    code = database(app).execute("SELECT resume_code FROM class_members WHERE display_name = 'Ann'").fetchone()[0]
    phone = app.test_client()
    assert phone.post("/resume", data={"code": code}).status_code == 302
    on_phone = phone.get(f"/attempts/{attempt}/questions/2").get_data(as_text=True)
    assert radio_values(on_phone) == radio_values(pages[2]) == ids(option_order(multi, seed))


def test_the_form_quiz_stores_the_id_of_the_option_clicked_and_teachers_see_ids(school):
    app = school["app"]
    ann = Student(app, school["code"], "Ann")
    attempt = ann.driver.start()
    set_seed(app, attempt, ANN)
    page = ann.client.get(f"/attempts/{attempt}/questions/1").get_data(as_text=True)
    clicked = radio_values(page)[1]  # the learner clicks the second option, labelled B
    assert labels(page)[1] == "B. Officials" and clicked == "c"
    assert ann.client.post(f"/attempts/{attempt}/questions/1", data={"answer": clicked}).status_code == 302
    row = database(app).execute("SELECT response FROM responses WHERE attempt_id = ?", [attempt]).fetchone()
    assert row[0] == '"c"'
    feedback = ann.client.get(f"/attempts/{attempt}/questions/1").get_data(as_text=True)
    assert "<li>B. Officials</li>" in feedback and "<li>A. The council</li>" in feedback
    result = ann.client.get(f"/attempts/{attempt}/result").get_data(as_text=True)
    assert "<p>B. Officials</p>" in result

    base = f"/teacher/classes/{school['class_id']}/lessons/mini"
    text = school["teacher"].get(base + "/responses.csv").get_data(as_text=True)
    (line,) = [r for r in csv.reader(io.StringIO(text[1:])) if r[4] == "who-closed"]
    assert line[7] == "C. Officials"  # by option id, as before shuffling
    items = school["teacher"].get(base + "/items").get_data(as_text=True)
    rows = re.findall(r'<th scope="row">((?:A|B|C)\. [^<]+)</th>', items)
    assert rows[:3] == ["A. The council", "B. The mayor", "C. Officials"]  # the quiz file's order


def test_an_attempt_from_before_shuffling_keeps_the_file_order(school):
    app = school["app"]
    ann = Student(app, school["code"], "Ann")
    attempt = ann.driver.start()
    set_seed(app, attempt, None)  # as the migration leaves attempts that were already there
    page = ann.client.get(f"/attempts/{attempt}/questions/1").get_data(as_text=True)
    assert radio_values(page) == ["a", "b", "c"]


# -- the chat through HTTP ------------------------------------------------------------------------
def test_the_chat_stores_the_id_of_the_letter_typed(mini_app):
    client = mini_app.test_client()
    start = client.post("/api/chat/start", json={"lesson": "mini"}, headers={"X-CSRFToken": "off"})
    attempt = start.get_json()["attempt_id"]
    set_seed(mini_app, attempt, BEN)
    out = client.post(f"/api/chat/attempts/{attempt}/messages", json={"text": "quiz"}).get_json()
    assert [r["label"] for r in out["status"]["quick_replies"]][:3] == ["A. Officials", "B. The council",
                                                                         "C. The mayor"]
    out = client.post(f"/api/chat/attempts/{attempt}/messages", json={"text": "b"}).get_json()
    assert "<strong>Right.</strong>" in out["messages"][1]["html"]
    row = database(mini_app).execute("SELECT response FROM responses WHERE attempt_id = ?", [attempt]).fetchone()
    assert row[0] == '"a"'  # "B" was the council, option a
    client.post(f"/api/chat/attempts/{attempt}/messages", json={"text": "it doesn't say"})  # round 1's verdict
    out = client.post(f"/api/chat/attempts/{attempt}/messages", json={"options": ["a", "b"]}).get_json()
    assert out["messages"][0]["text"] == "Ticked D, C"  # options a and b are 4th and 3rd for this attempt


def test_the_same_attempt_reads_the_same_in_the_form_and_the_chat(mini_app):
    client = mini_app.test_client()
    attempt = QuizDriver(client, mini_app.extensions["closeread.lessons"]["mini"]).start()
    form = client.get(f"/attempts/{attempt}/questions/1").get_data(as_text=True)
    client.post("/api/chat/start", json={"lesson": "mini"})
    out = client.post(f"/api/chat/attempts/{attempt}/messages", json={"text": "quiz"}).get_json()
    shown_q = as_shown(mini_app, attempt, mini_app.extensions["closeread.lessons"]["mini"].quiz.questions[0])
    assert [r["label"] for r in out["status"]["quick_replies"]][:3] == labels(form) == \
        [f"{LETTERS[i].upper()}. {o.text}" for i, o in enumerate(shown_q.options)]


# -- the worksheet ---------------------------------------------------------------------------------
def test_a_printed_worksheet_is_a_version_that_states_its_order(mini_app):
    client = mini_app.test_client()
    first = client.get("/lessons/mini/worksheet")
    assert first.status_code == 302
    version = re.fullmatch(r"/lessons/mini/worksheet\?version=([0-9A-F]{6})", first.headers["Location"]).group(1)
    html = client.get(first.headers["Location"]).get_data(as_text=True)
    assert f'<span class="ws-version">Version {version}</span>' in html
    lesson = mini_app.extensions["closeread.lessons"]["mini"]
    for q in lesson.quiz.questions:
        if q.kind.shuffles_options:
            printed = shown(q, f"worksheet-{version}")
            items = "".join(f'<li><span class="box" aria-hidden="true">☐</span> {LETTERS[i].upper()}. {o.text}</li>'
                            for i, o in enumerate(printed.options))
            assert items in html
            assert f"Version {version}, answer-key letters: {order_statement(printed).upper()}." in html
    assert client.get(first.headers["Location"]).get_data(as_text=True) == html  # the same version prints the same
    assert client.get("/lessons/mini/worksheet?version=<b>").status_code == 302


def test_worksheet_versions_differ(mini_app):
    """Checked: version 000001 prints who-closed as c, a, b and version 000002 as b, a, c."""
    client = mini_app.test_client()
    first_options = re.compile(r'<ul class="ws-options">\s*<li><span class="box" aria-hidden="true">☐</span> '
                               r'([^<]+)</li>')
    one = client.get("/lessons/mini/worksheet?version=000001").get_data(as_text=True)
    two = client.get("/lessons/mini/worksheet?version=000002").get_data(as_text=True)
    assert first_options.search(one).group(1) == "A. Officials"
    assert first_options.search(two).group(1) == "A. The mayor"
