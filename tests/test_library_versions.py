"""Lesson versions: attempts stay on the version they started on; regrade after a key fix.

The content root is a copy of the mini fixture; "fixing the key" edits its quiz
file and starts a second app on the same database, as a redeploy would.
"""

import json
import re
import shutil

import pytest

from closeread.library import versions
from tests.helpers import FIXTURES, make_app
from tests.test_teacher_support import PASSWORD_A, Student, add_teacher, create_class, database, sign_in


def copy_mini(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def fix_key(root):
    """Version 2: question 1's key becomes "b" (the mayor) and the lesson gets a new title."""
    quiz = root / "quizzes" / "mini.toml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace('key = "a"\n', 'key = "b"\n', 1).replace(
        'prompt = "Who closed the bridge?"', 'prompt = "Who decided the bridge should close?"'), encoding="utf-8")
    meta = root / "lesson" / "mini" / "lesson.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("Mini lesson", "Mini lesson, revised"), encoding="utf-8")


def carry_cookies(old, new_app):
    """The same browser on the redeployed app (same secret key, same database)."""
    client = new_app.test_client()
    for cookie in old._cookies.values():
        client.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    return client


@pytest.fixture
def two_versions(tmp_path):
    root = copy_mini(tmp_path)
    app1 = make_app(tmp_path, root)
    v1 = app1.extensions["closeread.lessons"]["mini"].version
    learner = app1.test_client()
    form_attempt = int(re.search(r"/attempts/(\d+)/", learner.post("/lessons/mini/attempts").headers["Location"])[1])
    chat_attempt = int(re.search(r"/chat/(\d+)", learner.post("/lessons/mini/chat").headers["Location"])[1])
    fix_key(root)
    app2 = make_app(tmp_path, root)
    v2 = app2.extensions["closeread.lessons"]["mini"].version
    return {"app": app2, "client": carry_cookies(learner, app2), "v1": v1, "v2": v2,
            "form": form_attempt, "chat": chat_attempt}


def test_each_content_change_is_a_new_version_and_both_are_kept(two_versions):
    w = two_versions
    assert w["v1"] != w["v2"] and len(w["v1"]) == 64
    db = database(w["app"])
    listed = versions.listing(db, "mini")
    assert [v["version"] for v in listed] == [w["v1"], w["v2"]]
    assert versions.changed_questions(listed[0]["fingerprints"], listed[1]["fingerprints"]) == {"who-closed": "changed"}
    pinned = dict(db.execute("SELECT id, version FROM attempts").fetchall())
    assert pinned == {w["form"]: w["v1"], w["chat"]: w["v1"]}


def test_the_form_quiz_keeps_the_version_it_started_on(two_versions):
    w = two_versions
    client = w["client"]
    old = client.get(f"/attempts/{w['form']}/questions/1").get_data(as_text=True)
    assert "Who closed the bridge?" in old and "Who decided" not in old
    assert client.post(f"/attempts/{w['form']}/questions/1", data={"answer": "a"}).status_code == 302
    db = database(w["app"])
    score = db.execute("SELECT score FROM responses WHERE attempt_id = ?", [w["form"]]).fetchone()[0]
    assert score == 1  # graded with version 1's key
    new = int(re.search(r"/attempts/(\d+)/", client.post("/lessons/mini/attempts").headers["Location"])[1])
    assert "Who decided the bridge should close?" in client.get(f"/attempts/{new}/questions/1").get_data(as_text=True)
    assert client.post(f"/attempts/{new}/questions/1", data={"answer": "a"}).status_code == 302
    assert db.execute("SELECT score, version FROM responses JOIN attempts a ON a.id = attempt_id"
                      " WHERE attempt_id = ?", [new]).fetchone() == (0, w["v2"])
    result = client.get(f"/attempts/{w['form']}/result").get_data(as_text=True)
    assert "Who closed the bridge?" in result and "Who decided" not in result  # the result page too


def test_the_chat_keeps_the_version_it_started_on(two_versions):
    w = two_versions
    client = w["client"]
    old = client.get(f"/chat/{w['chat']}").get_data(as_text=True)
    assert "Mini lesson" in old and "Mini lesson, revised" not in old
    with w["app"].test_request_context():
        from flask import g

        from closeread.learner import store
        from closeread.library.catalog import lesson_for_attempt
        from closeread.tutor.service import tutor_for

        g.db = database(w["app"])
        lesson = lesson_for_attempt(store.get_attempt(g.db, w["chat"]))
        assert lesson.version == w["v1"] and lesson.quiz.by_id["who-closed"].key == "a"
        assert tutor_for(lesson).lesson is lesson  # the engine gets the pinned version's lesson
    body = client.post("/api/chat/start", json={"attempt_id": w["chat"]}).get_json()
    assert body["attempt_id"] == w["chat"]
    new = client.post("/api/chat/start", json={"lesson": "mini", "new": True}).get_json()
    assert "Mini lesson, revised" in client.get(f"/chat/{new['attempt_id']}").get_data(as_text=True)


def test_regrade_previews_then_changes_only_scores_and_logs_it(tmp_path):
    root = copy_mini(tmp_path)
    app1 = make_app(tmp_path, root)
    add_teacher(app1, "t@school.org", PASSWORD_A)
    teacher = app1.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B")
    ann, ben = Student(app1, code, "Ann"), Student(app1, code, "Ben")
    ann.attempt({"who-closed": "a"})
    ben.attempt({"who-closed": "b", "unsupported-multi": ["a"]})
    fix_key(root)
    app2 = make_app(tmp_path, root)
    teacher = carry_cookies(teacher, app2)
    db = database(app2)
    before = db.execute("SELECT id, response, score FROM responses ORDER BY id").fetchall()

    url = f"/teacher/classes/{class_id}/lessons/mini/regrade"
    html = teacher.get(url, query_string={"question": "who-closed"}).get_data(as_text=True)
    rows = re.findall(r'<tr><th scope="row">(\w+)</th>.*?<td>([^<]*)</td></tr>', html, re.S)
    assert rows == [("Ann", "-1"), ("Ben", "+1")]
    assert "2 score(s) would change" in html
    assert db.execute("SELECT id, response, score FROM responses ORDER BY id").fetchall() == before  # preview only

    response = teacher.post(url, data={"question": "who-closed"})
    assert response.status_code == 302
    after = db.execute("SELECT id, response, score FROM responses ORDER BY id").fetchall()
    assert [r[1] for r in after] == [r[1] for r in before]  # answers untouched
    scores = dict(db.execute("SELECT json_extract(response, '$'), score FROM responses WHERE question_id = ?",
                             ["who-closed"]).fetchall())
    assert scores == {"a": 0, "b": 1}
    log = db.execute("SELECT question_id, old_score, new_score, teacher_id, version, regraded_at FROM regrade_log"
                     " ORDER BY old_score").fetchall()
    assert [row[:4] for row in log] == [("who-closed", 0, 1, 1), ("who-closed", 1, 0, 1)]
    assert all(row[4] == app2.extensions["closeread.lessons"]["mini"].version and row[5] for row in log)
    page = teacher.get(url).get_data(as_text=True)
    assert "t@school.org" in page and page.count("who-closed") >= 2
    again = teacher.get(url, query_string={"question": "who-closed"}).get_data(as_text=True)
    assert "0 score(s) would change" in again  # applying twice changes nothing
    assert json.loads(after[0][1]) == "a"
