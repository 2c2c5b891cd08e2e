"""The chat page without JavaScript: a form that posts a message and re-renders the transcript (PRG)."""

import re

import pytest

from closeread.db import connect
from tests.helpers import as_shown, asked_order
from tests.test_chat_engine import typed_key
from tests.trust_routes import audit


@pytest.fixture
def client(mini_app):
    return mini_app.test_client()


@pytest.fixture
def mini(mini_app):
    return mini_app.extensions["closeread.lessons"]["mini"]


def start(client, **data):
    response = client.post("/lessons/mini/chat", data=data)
    assert response.status_code == 302
    match = re.fullmatch(r"/chat/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def page(client, attempt):
    response = client.get(f"/chat/{attempt}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def rev_of(html):
    return re.search(r'name="rev" value="(\d+)"', html).group(1)


def post(client, attempt, rev=None, **data):
    """Send like the browser does: read the page's revision, post, follow the redirect."""
    html = page(client, attempt)
    response = client.post(f"/chat/{attempt}", data={"rev": rev if rev is not None else rev_of(html), **data})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.endswith("#latest") or location.endswith("#chat-message"), location
    return client.get(location.split("#")[0]).get_data(as_text=True)


def stored(app, attempt):
    db = connect(app.config["DATABASE"])
    try:
        return {r["question_id"]: dict(r) for r in db.query("SELECT * FROM responses WHERE attempt_id = ?", [attempt])}
    finally:
        db.close()


def test_the_lesson_page_offers_the_chat_tutor(client):
    html = client.get("/lessons/mini").get_data(as_text=True)
    assert 'action="/lessons/mini/chat"' in html and "Learn with the chat tutor" in html


def test_the_chat_page_is_an_accessible_form_with_no_inline_code(client, mini):
    attempt = start(client)
    html = page(client, attempt)
    checks = audit(html)
    assert checks.inline_scripts == 0 and checks.style_attrs == 0 and not checks.event_attrs
    assert [s.get("src") for s in checks.scripts] == ["/static/closeread.js", "/static/chat.js"]
    assert re.search(r'id="transcript" role="log" aria-live="polite"', html)
    assert '<label for="chat-message">Your message</label>' in html
    assert f'<form id="chat-form" class="chat-form" method="post" action="/chat/{attempt}">' in html
    assert 'name="rev" value="0"' in html  # (the CSRF token is checked with CSRF on in test_chat_api)
    assert '<button type="submit" name="quick" value="Start the lesson"' in html
    for s in mini.article.sentences:  # every sentence can be selected, but not now
        assert re.search(rf'<input class="pick-box" type="checkbox" name="sentences" value="{s.id}" '
                         rf'id="pick-{s.id}" form="chat-form" disabled>', html)
    assert 'class="chat-article"' in html and "selecting" not in re.search(r'<aside class="([^"]*)"', html).group(1)


def test_a_quick_reply_and_a_typed_message_post_and_redirect(client, mini):
    attempt = start(client)
    html = post(client, attempt, quick="Go to the quiz")
    assert "<p>Go to the quiz</p>" in html and "<strong>Question 1 of" in html
    assert 'name="rev" value="1"' in html
    q = as_shown(client.application, attempt, mini.quiz.questions[0])
    html = post(client, attempt, message=typed_key(q))
    assert f"<p>{typed_key(q)}</p>".replace("'", "&#39;") in html and "<strong>Right.</strong>" in html
    for sid in q.evidence:
        assert re.search(rf'class="chat-sentence evidence" id="cs-{sid}"', html)


def test_a_quick_reply_wins_over_ticked_boxes(client, mini):
    attempt = start(client)
    post(client, attempt, quick="Go to the quiz")
    html = post(client, attempt, quick="Hint", message="ignored", options=["a"])
    assert "Hint 1 of" in html and not stored(client.application, attempt)


def test_sentences_and_options_are_selected_with_checkboxes(client, mini_app, mini):
    attempt = start(client)
    post(client, attempt, quick="Go to the quiz")
    for q in asked_order(mini):
        html = page(client, attempt)
        if q.type in ("cite", "pair"):
            assert re.search(r'<aside class="chat-article selecting"', html)
            assert re.search(r'name="sentences" value="s1" id="pick-s1" form="chat-form">', html)  # enabled
            picks = sorted(q.key[0]) if q.type == "pair" else list(q.key)
            post(client, attempt, sentences=picks)
        elif q.type == "multi":
            assert re.search(r'<fieldset id="option-picker" class="option-picker">', html)
            assert all(f'name="options" value="{o.id}"' in html for o in q.options)
            post(client, attempt, options=list(q.key))
        else:
            assert re.search(r'<fieldset id="option-picker" class="option-picker" hidden>', html)
            post(client, attempt, message=typed_key(as_shown(mini_app, attempt, q)))
    rows = stored(mini_app, attempt)
    assert len(rows) == len(mini.quiz.questions)
    assert sum(r["score"] for r in rows.values()) == mini.quiz.total_points
    total = mini.quiz.total_points
    assert f"finished the quiz.</strong> Your score: {total} of {total}" in page(client, attempt)


def last_tutor(html):
    """The text of the tutor's latest message on the page."""
    return re.findall(r'<li class="msg msg-tutor[^"]*"[^>]*>(.*?)</li>', html, re.S)[-1]


def test_the_whole_lesson_without_javascript(client, mini_app, mini):
    attempt = start(client)
    html = post(client, attempt, quick="Start the lesson")
    for n in (1, 2, 3):
        assert f"Skill {n} of 3" in last_tutor(html)
        html = post(client, attempt, message="skip")
    parts = [s for s in mini.article.sections if s.sentences]
    for part in parts:
        assert "Stop and think" in last_tutor(html)
        assert part.sentences[0].text[:20] in html
        html = post(client, attempt, quick="Next")
    assert "<strong>Question 1 of" in last_tutor(html)
    for q in asked_order(mini):
        html = post(client, attempt, message=typed_key(as_shown(mini_app, attempt, q)))
    assert "finished the quiz" in last_tutor(html)
    assert len(stored(mini_app, attempt)) == len(mini.quiz.questions)
    html = post(client, attempt, quick="Show the reveal")
    assert mini.ledger[mini.article.sentences[-1].id].note in last_tutor(html)


def test_a_stale_form_or_a_double_submit_is_not_applied_twice(client, mini_app, mini):
    attempt = start(client)
    post(client, attempt, quick="Go to the quiz")
    html = page(client, attempt)
    rev = rev_of(html)
    q = as_shown(mini_app, attempt, mini.quiz.questions[0])
    first = client.post(f"/chat/{attempt}", data={"rev": rev, "message": typed_key(q)})
    second = client.post(f"/chat/{attempt}", data={"rev": rev, "message": "b"})
    assert first.status_code == second.status_code == 302
    html = client.get(f"/chat/{attempt}").get_data(as_text=True)
    assert "moved on" in html
    assert list(stored(mini_app, attempt)) == [q.id]
    assert stored(mini_app, attempt)[q.id]["correct"] == 1


def test_an_empty_message_is_refused_with_a_message(client):
    attempt = start(client)
    html = post(client, attempt, message="   ")
    assert "Type a message, or select sentences or options" in html and 'name="rev" value="0"' in html


def test_restart_by_form_goes_to_the_new_attempt(client):
    attempt = start(client)
    post(client, attempt, message="restart")
    html = page(client, attempt)
    response = client.post(f"/chat/{attempt}", data={"rev": rev_of(html), "quick": "Yes, start again"})
    new = int(re.fullmatch(r"/chat/(\d+)#latest", response.headers["Location"]).group(1))
    assert new != attempt and "How this works" in page(client, new)


def test_start_resumes_the_latest_unfinished_attempt_unless_asked_for_a_new_one(client):
    first = start(client)
    assert start(client) == first
    assert start(client, new="1") != first


def test_someone_elses_chat_is_404(mini_app):
    owner = mini_app.test_client()
    attempt = start(owner)
    stranger = mini_app.test_client()
    assert stranger.get(f"/chat/{attempt}").status_code == 404
    assert stranger.post(f"/chat/{attempt}", data={"message": "hi"}).status_code == 404
