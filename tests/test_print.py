"""The printable worksheet: everything a student needs on paper, and no answers."""


def test_worksheet_has_teaching_article_and_every_question(client, lesson):
    response = client.get(f"/lessons/{lesson.slug}/worksheet")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Part 1: The skills" in html and "Part 2: The article" in html and "Part 3: Questions" in html
    for s in lesson.article.sentences:
        assert f"[{s.id}]" in html
    assert html.count('class="ws-question"') == len(lesson.quiz.questions)


def test_worksheet_gives_no_answers(client, lesson):
    html = client.get(f"/lessons/{lesson.slug}/worksheet").get_data(as_text=True)
    assert 'class="key"' not in html
    assert "Answer:" not in html
    for q in lesson.quiz.questions:
        if q.model_answer:
            assert q.model_answer[:40] not in html


def test_lesson_page_links_to_the_worksheet(client, lesson):
    html = client.get(f"/lessons/{lesson.slug}").get_data(as_text=True)
    assert f'href="/lessons/{lesson.slug}/worksheet"' in html
