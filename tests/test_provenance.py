"""Where each lesson's article comes from, said wherever the article is shown.

The real blog post is "exactly as published"; the Wrenfield story is "made up for practice" on
the lesson page, the question page's article panel, the chat's article panel and the worksheet.
The words come from lesson.toml (``fictional``, ``provenance``), never from a line in article.md.
"""

import re

import pytest

from tests.helpers import QuizDriver

REAL, MADE_UP = "germany-mali", "wrenfield-phones"


def provenance_notes(html):
    """The text of every provenance note on a page, tags removed."""
    notes = re.findall(r'<p class="note provenance">(.*?)</p>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", n).split()) for n in notes]


def pages(client, lesson):
    """The four places a learner meets the article: name -> HTML before the site footer.

    The footer names both kinds of article on every page, so it is left out.
    """
    quiz = QuizDriver(client, lesson)
    attempt = quiz.start()
    quiz.answer(attempt, lesson.quiz.questions[0])  # the panel is shown next to the question
    def get(url):
        return client.get(url, follow_redirects=True).get_data(as_text=True).split('<footer class="site-footer"')[0]

    question = get(f"/attempts/{attempt}/questions/1")
    chat = client.post(f"/lessons/{lesson.slug}/chat")  # continues the attempt as a chat
    assert chat.status_code == 302
    return {
        "lesson": get(f"/lessons/{lesson.slug}"),
        "question": question,
        "chat": get(chat.headers["Location"]),
        "worksheet": get(f"/lessons/{lesson.slug}/worksheet"),
    }


def test_the_lesson_files_say_which_article_is_made_up(app):
    lessons = app.extensions["closeread.lessons"]
    assert lessons[MADE_UP].fictional and lessons[MADE_UP].article_label == "made up for practice"
    assert not lessons[REAL].fictional and lessons[REAL].article_label == "exactly as published"
    for lesson in lessons.values():
        assert not any("made up" in s.text.lower() for s in lesson.article.sentences), lesson.slug


@pytest.mark.parametrize("where", ["lesson", "question", "chat", "worksheet"])
def test_the_made_up_story_says_so_wherever_its_article_appears(client, app, where):
    lesson = app.extensions["closeread.lessons"][MADE_UP]
    html = pages(client, lesson)[where]
    (note,) = provenance_notes(html)
    assert note.startswith("Made up for practice.")
    assert lesson.provenance in note
    assert "exactly as published" not in html and "real blog post" not in html
    if where in ("lesson", "worksheet"):
        assert "The article, made up for practice</h2>" in html


@pytest.mark.parametrize("where", ["lesson", "question", "chat", "worksheet"])
def test_the_real_post_keeps_its_exactly_as_published_wording(client, app, where):
    html = pages(client, app.extensions["closeread.lessons"][REAL])[where]
    (note,) = provenance_notes(html)
    assert note.startswith("This is a real blog post, copied word for word, mistakes included.")
    assert "Made up for practice." not in html  # (its lesson shows made-up search results, so not "made up")
    if where in ("lesson", "worksheet"):
        assert "The article, exactly as published</h2>" in html
