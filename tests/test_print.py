"""The printable worksheet: everything a student needs on paper, and no answers."""


def test_worksheet_has_teaching_article_and_every_question(client, lesson):
    response = client.get(f"/lessons/{lesson.slug}/worksheet", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Part 1: The skills" in html and "Part 2: The article" in html and "Part 3: Questions" in html
    for s in lesson.article.sentences:
        assert f"[{s.id}]" in html
    assert html.count('class="ws-question"') == len(lesson.quiz.questions)


def test_worksheet_gives_no_answers(client, lesson):
    html = client.get(f"/lessons/{lesson.slug}/worksheet", follow_redirects=True).get_data(as_text=True)
    assert 'class="key"' not in html
    assert "Answer:" not in html
    for q in lesson.quiz.questions:
        if q.model_answer:
            assert q.model_answer[:40] not in html


def test_lesson_page_links_to_the_worksheet(client, lesson):
    html = client.get(f"/lessons/{lesson.slug}").get_data(as_text=True)
    assert f'href="/lessons/{lesson.slug}/worksheet"' in html


def test_answer_key_is_for_teachers_only(tmp_path):
    from tests.test_teacher_support import PASSWORD_A, add_teacher, sign_in, teacher_app

    app = teacher_app(tmp_path)
    lesson = app.extensions["closeread.lessons"]["mini"]
    anonymous = app.test_client()
    response = anonymous.get("/lessons/mini/answer-key")
    assert response.status_code == 302 and "/teacher/sign-in" in response.headers["Location"]
    student = app.test_client()
    student.post("/lessons/mini/attempts")  # a learner session, no teacher
    assert student.get("/lessons/mini/answer-key").status_code == 302

    add_teacher(app, "a@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "a@school.org", PASSWORD_A)
    html = teacher.get("/lessons/mini/answer-key").get_data(as_text=True)
    assert html.count('class="key"') == len(lesson.quiz.questions)
    for q in lesson.quiz.questions:
        if q.type == "choice":
            assert f"{q.key.upper()}. {q.option_by_id[q.key].text}" in html
        if q.type == "explain":
            assert "closed the old bridge on Monday" in html and "Names the closure" in html


def test_teacher_dashboard_links_to_the_answer_key(tmp_path):
    from tests.test_teacher_support import PASSWORD_A, add_teacher, create_class, sign_in, teacher_app

    app = teacher_app(tmp_path)
    add_teacher(app, "a@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "a@school.org", PASSWORD_A)
    class_id, _ = create_class(teacher, "Key class")
    html = teacher.get(f"/teacher/classes/{class_id}/lessons/mini").get_data(as_text=True)
    assert 'href="/lessons/mini/answer-key"' in html and 'href="/lessons/mini/worksheet"' in html
