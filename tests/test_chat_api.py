"""The chat JSON API: every real request and response validated against closeread/openapi.json.

Scores land in the same tables as the form quiz, so an attempt moves freely
between the two views; errors are JSON with a message; POSTs need the CSRF
token in the X-CSRFToken header.
"""

import json
import re
from pathlib import Path

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_spec_validator import validate as validate_spec
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from closeread.content.rounds import round_of
from closeread.db import connect
from tests.helpers import FIXTURES, QuizDriver, as_shown, asked_order, key_answer, make_app
from tests.test_chat_engine import typed_key

SPEC_PATH = Path(__file__).resolve().parent.parent / "closeread" / "openapi.json"
SPEC = OpenAPI.from_file_path(str(SPEC_PATH))


class Api:
    """A test client whose every call is checked against the OpenAPI document."""

    def __init__(self, app, client=None, csrf_header="unchecked-while-csrf-is-off"):
        self.app = app
        self.client = client or app.test_client()
        self.csrf_header = csrf_header

    def call(self, method, url, body=None, headers=None, raw=None, expect=None, bad_request=False):
        """Validate the request too, unless the test sends a request the document forbids on purpose."""
        headers = dict(headers or {})
        if method == "POST" and "X-CSRFToken" not in headers and self.csrf_header:
            headers["X-CSRFToken"] = self.csrf_header
        kwargs = {"data": raw, "content_type": "text/plain"} if raw is not None else {"json": body}
        request = Request(EnvironBuilder(path=url, method=method, headers=headers, **kwargs).get_environ())
        response = self.client.open(url, method=method, headers=headers, **kwargs)
        if raw is None and not bad_request:
            SPEC.validate_request(WerkzeugOpenAPIRequest(request))
        SPEC.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
        if expect is not None:
            assert response.status_code == expect, response.get_data(as_text=True)[:500]
        return response

    def start(self, expect=None, **body):
        return self.call("POST", "/api/chat/start", body, expect=expect).get_json()

    def send(self, attempt_id, text=None, expect=200, **body):
        if text is not None:
            body["text"] = text
        return self.call("POST", f"/api/chat/attempts/{attempt_id}/messages", body, expect=expect).get_json()

    def transcript(self, attempt_id, after=None, expect=200, bad_request=False):
        url = f"/api/chat/attempts/{attempt_id}" + (f"?after={after}" if after is not None else "")
        return self.call("GET", url, expect=expect, bad_request=bad_request).get_json()


@pytest.fixture
def api(mini_app):
    return Api(mini_app)


@pytest.fixture
def mini(mini_app):
    return mini_app.extensions["closeread.lessons"]["mini"]


def rows(app, sql, params=()):
    db = connect(app.config["DATABASE"])
    try:
        return [dict(r) for r in db.query(sql, params)]
    finally:
        db.close()


def test_the_openapi_document_is_served_and_valid(api):
    response = api.call("GET", "/api/openapi.json", expect=200)
    served = response.get_json()
    validate_spec(served)
    assert served == json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    assert {"/api/chat/start", "/api/chat/attempts/{attempt_id}", "/api/chat/attempts/{attempt_id}/messages"} \
        <= set(served["paths"])


def test_the_validator_is_not_a_rubber_stamp(mini_app):
    """A response that breaks the schema is caught (so the checks above mean something)."""
    request = Request(EnvironBuilder(path="/api/chat/attempts/1", method="GET").get_environ())
    bad = mini_app.response_class(json.dumps({"attempt_id": "one"}), status=200, mimetype="application/json")
    with pytest.raises(Exception, match="(?i)invalid|fail"):
        SPEC.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(bad))


def test_start_creates_a_chat_attempt_then_resumes_it(api, mini):
    first = api.start(lesson="mini", expect=201)
    assert first["created"] and first["mode"] == "chat" and first["rev"] == 0
    assert [m["who"] for m in first["messages"]] == ["tutor"]
    assert mini.title in first["messages"][0]["html"]
    assert first["status"]["phase"] == "greeting"
    again = api.start(lesson="mini", expect=200)
    assert again["attempt_id"] == first["attempt_id"] and not again["created"]
    assert again["messages"] == first["messages"]
    fresh = api.start(lesson="mini", new=True, expect=201)
    assert fresh["attempt_id"] != first["attempt_id"]


def test_send_returns_the_message_and_the_replies_as_stored(api, mini):
    attempt = api.start(lesson="mini")["attempt_id"]
    out = api.send(attempt, "go to the quiz", rev=0)
    assert out["rev"] == 1 and out["new_attempt_id"] is None
    learner, *tutor = out["messages"]
    assert (learner["who"], learner["text"]) == ("learner", "go to the quiz")
    assert all(m["who"] == "tutor" for m in tutor) and "Question 1" in tutor[-1]["text"]
    assert out["status"]["question"] == mini.quiz.questions[0].id
    assert out["status"]["quick_replies"] == tutor[-1]["quick_replies"]
    again = api.transcript(attempt)
    assert [m["id"] for m in again["messages"]][-len(out["messages"]):] == [m["id"] for m in out["messages"]]
    later = api.transcript(attempt, after=learner["id"])
    assert [m["id"] for m in later["messages"]] == [m["id"] for m in tutor]


def test_learner_text_is_never_html(api):
    attempt = api.start(lesson="mini")["attempt_id"]
    out = api.send(attempt, "<img src=x onerror=alert(1)>")
    assert out["messages"][0]["html"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<img" not in out["messages"][1]["html"]


@pytest.mark.parametrize("which", ["mini_app", "app"])
def test_a_whole_quiz_by_chat_lands_in_the_form_quiz_tables(request, which):
    app = request.getfixturevalue(which)
    lesson = next(iter(app.extensions["closeread.lessons"].values()))
    api = Api(app)
    attempt = api.start(lesson=lesson.slug, expect=201)["attempt_id"]
    status = api.send(attempt, "Go to the quiz")["status"]
    while status["phase"] == "quiz":
        status = api.send(attempt, typed_key(as_shown(app, attempt, lesson.quiz.by_id[status["question"]])))["status"]
    assert status["phase"] == "end"
    assert status["progress"] == {"answered": len(lesson.quiz.questions), "questions": len(lesson.quiz.questions),
                                  "score": lesson.quiz.total_points, "max": lesson.quiz.total_points}
    stored = rows(app, "SELECT * FROM responses WHERE attempt_id = ?", [attempt])
    assert len(stored) == len(lesson.quiz.questions)
    assert sum(r["score"] for r in stored) == lesson.quiz.total_points
    for r in stored:  # the same shapes the form stores
        q = lesson.quiz.by_id[r["question_id"]]
        answer = json.loads(r["response"])
        if q.type in ("choice", "verdict"):
            assert answer == q.key
        elif q.type in ("multi", "cite"):
            assert set(answer) == set(q.key)
        elif q.type == "pair":
            assert frozenset(answer) in q.key
    (att,) = rows(app, "SELECT * FROM attempts WHERE id = ?", [attempt])
    assert att["mode"] == "chat" and att["finished_at"]
    result = api.client.get(f"/attempts/{attempt}/result").get_data(as_text=True)
    total = lesson.quiz.total_points
    assert f"Score: {total} of {total} (100%)" in result


def test_an_attempt_moves_between_the_form_and_the_chat(mini_app, mini):
    client = mini_app.test_client()
    quiz = QuizDriver(client, mini)
    attempt = quiz.start()
    q1, q2, q3, q4, q5 = asked_order(mini)[:5]  # round by round
    quiz.answer(attempt, q1)
    quiz.answer(attempt, q2)
    api = Api(mini_app, client)
    # Opening the chat without naming the attempt resumes this unfinished form attempt.
    opened = api.start(lesson="mini", expect=200)
    assert opened["attempt_id"] == attempt and opened["mode"] == "form"
    assert f"already answered 2 of {len(mini.quiz.questions)}" in opened["messages"][0]["text"]
    assert api.send(attempt, "Go to the quiz")["status"]["question"] == q3.id
    api.send(attempt, typed_key(as_shown(mini_app, attempt, q3)))
    # The form view continues after the chat's answer: q3 ended its round, so at the next round's teaching...
    assert client.get(f"/attempts/{attempt}").headers["Location"].endswith(f"/rounds/{round_of(mini, q4.id).id}")
    quiz.answer(attempt, q4)
    # ...and the chat catches up with the form's answer.
    caught_up = api.transcript(attempt)
    assert "answered in the other view" in caught_up["messages"][-2]["text"]
    assert caught_up["status"]["question"] == q5.id
    stored = rows(mini_app, "SELECT question_id FROM responses WHERE attempt_id = ? ORDER BY id", [attempt])
    assert [r["question_id"] for r in stored] == [q1.id, q2.id, q3.id, q4.id]


def test_an_answer_given_in_the_chat_shows_in_the_form_view(mini_app, mini):
    api = Api(mini_app)
    attempt = api.start(lesson="mini")["attempt_id"]
    api.send(attempt, "quiz")
    q = mini.quiz.questions[0]
    api.send(attempt, typed_key(as_shown(mini_app, attempt, q)))
    page = api.client.get(f"/attempts/{attempt}/questions/{q.number}").get_data(as_text=True)
    assert "Right:" in page
    again = api.client.post(f"/attempts/{attempt}/questions/{q.number}", data=key_answer(q))
    assert again.status_code == 302
    assert len(rows(mini_app, "SELECT * FROM responses WHERE attempt_id = ?", [attempt])) == 1


def test_each_turn_returns_the_status_a_fresh_read_of_the_attempt_gives(mini_app, mini):
    """A turn answers from the progress it worked on (its answer and hints added in memory, the form
    view's answers caught up first): what it returns must equal the status read back from the database."""
    client = mini_app.test_client()
    api = Api(mini_app, client)
    quiz = QuizDriver(client, mini)
    attempt = api.start(lesson="mini")["attempt_id"]
    q1, q2, q3 = asked_order(mini)[:3]
    turns = ["quiz", "hint", "hint", typed_key(as_shown(mini_app, attempt, q1)), "why", "score"]
    for text in turns:
        out = api.send(attempt, text)
        assert out["status"] == api.transcript(attempt)["status"], text
    quiz.answer(attempt, q2)  # answered in the form view
    out = api.send(attempt, "what's my score")
    fresh = api.transcript(attempt)["status"]
    assert out["status"] == fresh and fresh["progress"]["answered"] == 2
    assert out["status"]["question"] == q3.id


def _between_plan_and_lock(monkeypatch, action):
    """Run ``action`` after a turn is worked out and before it takes the write lock."""
    from closeread.tutor import service

    planned = service._plan_unlocked

    def plan_then_act(*args):
        plan = planned(*args)
        action()
        return plan

    monkeypatch.setattr(service, "_plan_unlocked", plan_then_act)


def test_an_answer_given_in_the_form_view_while_a_turn_is_worked_out_is_caught_up(monkeypatch, mini_app, mini):
    from closeread.learner import store
    from closeread.questions.grading import grade_answer

    api = Api(mini_app)
    attempt = api.start(lesson="mini")["attempt_id"]
    api.send(attempt, "quiz")
    q1, q2 = asked_order(mini)[:2]

    def answer_in_the_form_view():
        db = connect(mini_app.config["DATABASE"])
        try:
            store.record_response(db, attempt, q1, q1.key, grade_answer(q1, q1.key), mini)
        finally:
            db.conn.close()

    _between_plan_and_lock(monkeypatch, answer_in_the_form_view)
    out = api.send(attempt, "hint")  # planned as a hint on q1; under the lock q1 turns out answered
    texts = " ".join(m["text"] for m in out["messages"])
    assert "answered in the other view" in texts
    assert out["status"] == api.transcript(attempt)["status"]
    assert out["status"]["question"] == q2.id and out["status"]["progress"]["answered"] == 1
    (row,) = rows(mini_app, "SELECT question_id, score, hints_used FROM responses WHERE attempt_id = ?", [attempt])
    assert (row["question_id"], row["score"], row["hints_used"]) == (q1.id, q1.points, 0)


@pytest.mark.parametrize("rev", [None, "given"])
def test_a_turn_in_another_tab_while_a_turn_is_worked_out(monkeypatch, mini_app, rev):
    """Without a revision the turn is worked out again after the other one; with the old revision it is a 409."""
    client = mini_app.test_client()
    api = Api(mini_app, client)
    attempt = api.start(lesson="mini")["attempt_id"]
    first = api.send(attempt, "quiz")
    other_tab = mini_app.test_client()
    other_tab.set_cookie("session", client.get_cookie("session").value)
    other_tab_turns = []

    def turn_in_another_tab():
        if not other_tab_turns:  # once: the other tab's own turn runs through here too
            other_tab_turns.append(None)
            other_tab_turns[0] = other_tab.post(f"/api/chat/attempts/{attempt}/messages", json={"text": "hint"})

    _between_plan_and_lock(monkeypatch, turn_in_another_tab)
    body = {"rev": first["rev"]} if rev else {}
    out = api.send(attempt, "what's my score", expect=409 if rev else 200, **body)
    assert other_tab_turns[0].status_code == 200 and other_tab_turns[0].get_json()["rev"] == first["rev"] + 1
    learner_lines = [m["text"] for m in api.transcript(attempt)["messages"] if m["who"] == "learner"]
    if rev:
        assert "moved on" in out["message"] and learner_lines == ["quiz", "hint"]
    else:
        assert out["rev"] == first["rev"] + 2 and learner_lines == ["quiz", "hint", "what's my score"]
        assert out["status"] == api.transcript(attempt)["status"]


def test_hints_asked_in_the_chat_are_stored_with_the_answer(api, mini):
    attempt = api.start(lesson="mini")["attempt_id"]
    api.send(attempt, "quiz")
    q = mini.quiz.questions[0]
    api.send(attempt, "hint")
    api.send(attempt, typed_key(as_shown(api.app, attempt, q)))
    (row,) = rows(api.app, "SELECT hints_used, seconds FROM responses WHERE attempt_id = ?", [attempt])
    assert row["hints_used"] == 1 and row["seconds"] is not None


def test_restart_starts_a_new_attempt_and_keeps_the_old_one(api, mini):
    attempt = api.start(lesson="mini")["attempt_id"]
    api.send(attempt, "quiz")
    api.send(attempt, typed_key(mini.quiz.questions[0]))
    api.send(attempt, "restart")
    out = api.send(attempt, "yes")
    new = out["new_attempt_id"]
    assert new and new != attempt and out["links"]["page"] == f"/chat/{new}"
    fresh = api.transcript(new)
    assert fresh["mode"] == "chat" and fresh["status"]["phase"] == "greeting"
    assert [m["who"] for m in fresh["messages"]] == ["tutor"]
    assert len(rows(api.app, "SELECT * FROM responses WHERE attempt_id = ?", [attempt])) == 1


# -- errors: JSON with a message ----------------------------------------------------------------------------------
def test_a_stale_revision_is_a_409_and_changes_nothing(api):
    attempt = api.start(lesson="mini")["attempt_id"]
    api.send(attempt, "start", rev=0)
    before = api.transcript(attempt)
    body = api.send(attempt, "next", rev=0, expect=409)
    assert "moved on" in body["message"] and body["error"]
    assert api.transcript(attempt) == before


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        ({"text": ""}, "Type a message"),
        ({}, "Type a message"),
        ({"text": "x" * 2001}, "too long"),
        ({"text": 5}, "'text' must be a string"),
        ({"sentences": "s1"}, "'sentences' must be a list"),
        ({"text": "hi", "rev": "1"}, "'rev' must be a whole number"),
    ],
)
def test_bad_messages_are_422_with_a_message(api, body, fault):
    attempt = api.start(lesson="mini")["attempt_id"]
    response = api.client.post(f"/api/chat/attempts/{attempt}/messages", json=body)
    assert response.status_code == 422
    assert fault in response.get_json()["message"]
    request = Request(EnvironBuilder(path=f"/api/chat/attempts/{attempt}/messages", method="POST",
                                     json=body).get_environ())
    SPEC.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))


def test_unknown_sentence_ids_get_an_explanation_not_an_error(api):
    attempt = api.start(lesson="mini")["attempt_id"]
    out = api.send(attempt, sentences=["s999"])
    assert "There is no sentence s999" in out["messages"][-1]["text"]


def test_not_json_is_a_400_json_error(api):
    response = api.call("POST", "/api/chat/start", raw="lesson=mini", expect=400)
    assert "JSON" in response.get_json()["message"]


@pytest.mark.parametrize(
    ("body", "status", "fault"),
    [
        ({"lesson": "nope"}, 404, "There is no lesson"),
        ({}, 422, "Name the lesson"),
        ({"lesson": "mini", "new": "yes"}, 422, "'new' must be true or false"),
        ({"attempt_id": "7"}, 422, "'attempt_id' must be a whole number"),
        ({"attempt_id": 2**70}, 422, "'attempt_id' must be a whole number"),
        ({"attempt_id": 424242}, 404, "no attempt 424242"),
    ],
)
def test_start_errors(api, body, status, fault):
    response = api.call("POST", "/api/chat/start", body, expect=status, bad_request=status == 422)
    assert fault in response.get_json()["message"]


def test_another_learners_attempt_is_404(mini_app):
    mine = Api(mini_app)
    attempt = mine.start(lesson="mini")["attempt_id"]
    other = Api(mini_app)
    assert other.transcript(attempt, expect=404)["message"]
    assert other.send(attempt, "hello", expect=404)["message"]
    assert other.call("POST", "/api/chat/start", {"attempt_id": attempt}, expect=404)
    assert other.client.get(f"/chat/{attempt}").status_code == 404


def test_a_bad_after_parameter_is_422(api):
    attempt = api.start(lesson="mini")["attempt_id"]
    assert "'after'" in api.transcript(attempt, after="x", expect=422, bad_request=True)["message"]


# -- CSRF: the X-CSRFToken header ----------------------------------------------------------------------------------
@pytest.fixture
def csrf_app(tmp_path):
    return make_app(tmp_path, FIXTURES / "mini", WTF_CSRF_ENABLED=True)


def test_json_posts_need_the_csrf_header(csrf_app):
    api = Api(csrf_app, csrf_header=None)
    refused = api.call("POST", "/api/chat/start", {"lesson": "mini"}, expect=400, bad_request=True).get_json()
    assert refused["reason"] == "csrf" and refused["csrf_token"]
    forged = api.call("POST", "/api/chat/start", {"lesson": "mini"}, {"X-CSRFToken": "forged"}, expect=400)
    assert forged.get_json()["reason"] == "csrf"
    assert rows(csrf_app, "SELECT * FROM attempts") == []
    # The lesson page's chat button is a form with the token; the chat page carries it for the script.
    page = api.client.get("/lessons/mini").get_data(as_text=True)
    token = re.search(r'action="/lessons/mini/chat"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"',
                      page).group(1)
    started = api.client.post("/lessons/mini/chat", data={"csrf_token": token})
    attempt = int(started.headers["Location"].rsplit("/", 1)[1])
    chat_page = api.client.get(started.headers["Location"]).get_data(as_text=True)
    header_token = re.search(r'data-csrf="([^"]+)"', chat_page).group(1)
    out = api.call("POST", f"/api/chat/attempts/{attempt}/messages", {"text": "quiz"},
                   {"X-CSRFToken": header_token}, expect=200).get_json()
    assert out["status"]["phase"] == "quiz"
    # The fresh token handed back with a refusal works too (what chat.js retries with).
    retry = api.call("POST", f"/api/chat/attempts/{attempt}/messages", {"text": "hint"},
                     {"X-CSRFToken": refused["csrf_token"]}, expect=200)
    assert "Hint 1" in retry.get_json()["messages"][-1]["text"]
