"""The form quiz in rounds, through the Flask client: trust before, teaching, questions, round result,
the next round, the lesson page's round map, resume, and trust after."""

import re

from markupsafe import escape

from tests.helpers import key_answer
from tests.test_quiz_flow import wrong_answer


def location(response):
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_start_asks_for_trust_then_opens_round_one(client, lesson, db):
    url = location(client.post(f"/lessons/{lesson.slug}/attempts"))
    assert re.search(r"/attempts/\d+/trust/before$", url)
    page = client.get(url).get_data(as_text=True)
    assert "How far do you trust this article?" in page
    assert "Germany has become the latest country" in page  # how the article begins, before reading it
    assert page.count('type="radio"') == 5
    bad = client.post(url, data={"rating": "7"})
    assert bad.status_code == 422 and "Not a valid choice" in bad.get_data(as_text=True)
    empty = client.post(url, data={})
    assert empty.status_code == 422
    assert "Choose a number from 1 to 5, or skip this question." in empty.get_data(as_text=True)
    attempt = int(re.search(r"/attempts/(\d+)/", url).group(1))
    onward = location(client.post(url, data={"rating": "4"}))
    assert onward.endswith(f"/attempts/{attempt}/rounds/says")
    # A repeated submit keeps the first rating.
    assert location(client.post(url, data={"rating": "1"})).endswith("/rounds/says")
    assert [tuple(r) for r in db.execute("SELECT moment, rating FROM trust_ratings")] == [("before", 4)]


def test_skipping_the_rating_is_a_plain_link_onward(client, lesson):
    url = location(client.post(f"/lessons/{lesson.slug}/attempts"))
    page = client.get(url).get_data(as_text=True)
    assert re.search(r'<a class="button" href="/attempts/\d+/rounds/says">Skip this question</a>', page)


def test_round_page_teaches_shows_its_part_and_starts_its_questions(client, quiz, lesson):
    attempt = quiz.start()
    rnd = lesson.rounds[1]
    page = client.get(f"/attempts/{attempt}/rounds/{rnd.id}").get_data(as_text=True)
    assert "<h1>Who says so, and how sure?</h1>" in page
    assert f"Round 2 of 6 · {len(rnd.question_ids)} questions · about" in page
    assert "vague attribution" in page
    shown = re.findall(r'<span class="sentence" id="(s\d+)">', page)
    assert shown == list(rnd.sentence_ids)
    first = lesson.quiz.by_id[rnd.question_ids[0]]
    assert f'href="/attempts/{attempt}/questions/{first.number}">Start the questions</a>' in page
    assert client.get(f"/attempts/{attempt}/rounds/no-such-round").status_code == 404


def test_a_round_ends_with_its_result_then_the_next_round(client, quiz, lesson):
    attempt = quiz.start()
    rnd, nxt = lesson.rounds[:2]
    questions = [lesson.quiz.by_id[qid] for qid in rnd.question_ids]
    for n, q in enumerate(questions[:-1]):
        page = client.get(location(quiz.answer(attempt, q))).get_data(as_text=True)
        following = questions[n + 1]
        assert f'href="/attempts/{attempt}/questions/{following.number}">Next question</a>' in page
        if n >= 1:
            assert f'<p class="streak">{n + 1} right in a row in this round</p>' in page
        else:
            assert 'class="streak"' not in page
    last = client.get(location(quiz.answer(attempt, questions[-1], wrong_answer(questions[-1])))).get_data(as_text=True)
    assert 'class="streak"' not in last
    assert f'href="/attempts/{attempt}/rounds/{rnd.id}/result">See the round&#39;s result</a>' in last

    result = client.get(f"/attempts/{attempt}/rounds/{rnd.id}/result").get_data(as_text=True)
    points = sum(q.points for q in questions)
    got = points - questions[-1].points
    assert "<h1>Round 1 done: What the article says</h1>" in result
    assert f'<p class="big">{got} <span>of {points} points</span></p>' in result
    assert f"Longest streak: <strong>{len(questions) - 1} right in a row</strong>" in result
    remembered = re.search(r'<section class="remember".*?</section>', result, re.S).group(0)
    assert re.findall(r"<li>(.*?)</li>", remembered) == [escape(p) for p in rnd.remember]
    assert 'class="celebrate" aria-hidden="true"' in result
    assert 'role="status" data-announce="Round 1 done. You scored' in result
    assert f'href="/attempts/{attempt}/rounds/{nxt.id}">Next: round 2, {nxt.title}</a>' in result
    assert ">Stop here for now</a>" in result
    # Resuming (this device, or another one with a resume code) opens round 2's teaching.
    assert location(client.get(f"/attempts/{attempt}")).endswith(f"/attempts/{attempt}/rounds/{nxt.id}")


def test_lesson_page_maps_the_rounds_with_progress_and_reading_time(client, quiz, lesson):
    fresh = client.get(f"/lessons/{lesson.slug}").get_data(as_text=True)
    items = re.findall(r'<li class="round-item state-(\w+)">', fresh)
    assert items == ["new"] * 6
    assert len(re.findall(r"\d questions · about \d+ min reading", fresh)) == 6
    assert '<input type="hidden" name="round" value="contradiction">' in fresh
    attempt = quiz.start()
    for qid in lesson.rounds[0].question_ids:
        quiz.answer(attempt, lesson.quiz.by_id[qid])
    quiz.answer(attempt, lesson.quiz.by_id[lesson.rounds[1].question_ids[0]])
    page = client.get(f"/lessons/{lesson.slug}").get_data(as_text=True)
    assert re.findall(r'<li class="round-item state-(\w+)">', page) == ["done", "started", "new", "new", "new", "new"]
    assert "1 of 7 answered" in text(page) and "Continue where you stopped" in page
    assert f'href="/attempts/{attempt}/rounds/says/result">Result of round 1</a>' in page
    assert f'href="/attempts/{attempt}/rounds/who-says">Continue round 2</a>' in page


def test_starting_at_a_chosen_round(client, lesson):
    url = location(client.post(f"/lessons/{lesson.slug}/attempts", data={"round": "contradiction"}))
    assert url.endswith("/trust/before?round=contradiction")
    assert location(client.post(url, data={"rating": "3"})).endswith("/rounds/contradiction")
    ignored = location(client.post(f"/lessons/{lesson.slug}/attempts", data={"round": "nope"}))
    assert ignored.endswith("/trust/before")


def test_trust_after_comes_when_every_round_is_done_and_shows_on_the_results(client, quiz, lesson, db):
    attempt = quiz.start()
    client.post(f"/attempts/{attempt}/trust/before", data={"rating": "4"})
    early = client.get(f"/attempts/{attempt}/trust/after")
    assert location(early).endswith(f"/attempts/{attempt}/rounds/says")
    for q in lesson.quiz.questions:
        quiz.answer(attempt, q, key_answer(q))
    last = lesson.rounds[-1]
    page = client.get(f"/attempts/{attempt}/rounds/{last.id}/result").get_data(as_text=True)
    assert f'href="/attempts/{attempt}/trust/after">Last step: rate the article again</a>' in page
    assert location(client.get(f"/attempts/{attempt}")).endswith("/trust/after")
    after = client.get(f"/attempts/{attempt}/trust/after").get_data(as_text=True)
    assert "At the start you rated it <strong>4: Mostly</strong>." in after
    assert location(client.post(f"/attempts/{attempt}/trust/after", data={"rating": "2"})).endswith(
        f"/attempts/{attempt}/result")
    result = client.get(f"/attempts/{attempt}/result").get_data(as_text=True)
    assert ("How far you trust the article: before reading, <strong>4: Mostly</strong>; after the rounds, "
            "<strong>2: A little</strong>.") in " ".join(result.split())
    assert location(client.get(f"/attempts/{attempt}")).endswith(f"/attempts/{attempt}/result")
    assert client.get(f"/attempts/{attempt}/trust/sometime").status_code == 404


def test_rounds_and_ratings_of_another_learner_are_404(app, client, quiz):
    attempt = quiz.start()
    stranger = app.test_client()
    assert stranger.get(f"/attempts/{attempt}/rounds/says").status_code == 404
    assert stranger.get(f"/attempts/{attempt}/rounds/says/result").status_code == 404
    assert stranger.post(f"/attempts/{attempt}/trust/before", data={"rating": "5"}).status_code == 404
