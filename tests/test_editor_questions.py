"""The question builder and publishing: faults named by field, approval, preview, versions, assignment, bundle."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from closeread.db import connect
from tests.editor_support import app_with_teachers, new_draft, row, signed_in
from tests.test_teacher_support import create_class, join

GOOD_CHOICE = {
    "id": "who-voted", "category": "states", "points": "1", "prompt": "Who voted to build the new bridge?",
    "options-0-text": "The town council", "options-0-keyed": "y",
    "options-0-feedback": 'Yes: "The town council voted on Monday".',
    "options-1-text": "The mayor", "options-1-feedback": 'The mayor only "said the work would start" in May.',
    "options-2-text": "The residents", "options-2-feedback": 'No: "Residents were not asked."',
    "evidence": "s2", "explanation": 'The article says "The town council voted on Monday to build a new bridge".',
    "hints": "Look at the first paragraph.",
}


@pytest.fixture
def app(tmp_path):
    return app_with_teachers(tmp_path)


@pytest.fixture
def one(app):
    return signed_in(app, "one")


def question(app, draft_id, qid):
    return next(e for e in row(app, draft_id)["doc"]["questions"] if e["q"]["id"] == qid)


def add(client, draft_id, qtype, revision, category="states"):
    response = client.post(f"/teacher/editor/{draft_id}/questions/new",
                           data={"revision": revision, "type": qtype, "category": category})
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    return response.headers["Location"].rsplit("/", 1)[1]


def save(client, draft_id, qid, data, json=False):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(f"/teacher/editor/{draft_id}/questions/{qid}", data=data, headers=headers)


def ready_to_publish(app, client, draft_id):
    """Label every sentence, add and approve one good question; returns the revision."""
    base = f"/teacher/editor/{draft_id}"
    revision = row(app, draft_id)["revision"]
    assert client.post(f"{base}/label-rest", data={"revision": revision, "label": "stated"}).status_code == 302
    qid = add(client, draft_id, "choice", revision + 1)
    assert save(client, draft_id, qid, {**GOOD_CHOICE, "revision": revision + 2}).status_code == 302
    response = client.post(f"{base}/questions/who-voted/status", data={"revision": revision + 3, "status": "approved"})
    assert response.status_code == 302
    return revision + 4


def test_each_type_starts_blank_and_faults_are_named_by_field(app, one):
    draft_id = new_draft(one)
    for n, qtype in enumerate(["choice", "multi", "verdict", "cite", "pair", "explain"]):
        qid = add(one, draft_id, qtype, 1 + n)
        page = one.get(f"/teacher/editor/{draft_id}/questions/{qid}")
        assert page.status_code == 200, qtype
        assert 'data-faults-for="prompt"' in page.get_data(as_text=True)
    stored = row(app, draft_id)["doc"]["questions"]
    assert [e["q"]["type"] for e in stored] == ["choice", "multi", "verdict", "cite", "pair", "explain"]
    assert all(e["status"] == "draft" for e in stored)
    # A choice question saved with faults: saved as typed, each fault under its field.
    data = {**GOOD_CHOICE, "revision": 7, "id": "q1", "explanation": "No quote here.",
            "options-1-feedback": "Names option B."}
    response = save(one, draft_id, "q1", data, json=True)
    assert response.status_code == 200
    faults = response.get_json()["faults"]
    assert "explanation must quote the article" in faults["explanation"][0]
    assert any("refers to an option by its letter" in f for f in faults["option-b-feedback"])
    assert question(app, draft_id, "q1")["q"]["explanation"] == "No quote here."


def test_faults_match_the_loader_for_keys_and_sentences(app, one):
    draft_id = new_draft(one)
    qid = add(one, draft_id, "pair", 1, "contradiction")
    data = {"revision": 2, "id": qid, "category": "contradiction", "points": "2", "prompt": "Which two clash?",
            "pairs-0": "s2 s2", "evidence": "", "explanation": "x", "hints": "Dates."}
    response = save(one, draft_id, qid, data, json=True)
    assert response.status_code == 422  # "s2 s2" is one sentence: nothing saved
    assert response.get_json()["faults"]["key"] == ["A pair is two different sentences, like “s4 s9”."]
    assert question(app, draft_id, qid)["q"]["key"] == []
    response = save(one, draft_id, qid, {**data, "pairs-0": "s2 s99"}, json=True)
    assert response.status_code == 422 and "There is no sentence s99" in response.get_json()["message"]
    response = save(one, draft_id, qid, {**data, "pairs-0": "s11 s2"}, json=True)
    assert response.status_code == 200
    stored = question(app, draft_id, qid)["q"]
    assert stored["key"] == [["The town council voted on Monday to build a new bridge over the river.",
                              "The old bridge reopened on Monday after an inspection."]]
    assert stored["evidence"] == stored["key"][0]  # empty evidence: the key's sentences
    assert "explanation must quote the article" in response.get_json()["faults"]["explanation"][0]
    response = save(one, draft_id, qid, {**data, "revision": 3, "points": "zero"}, json=True)
    assert response.status_code == 422 and "points" in response.get_json()["faults"]


def test_approval_needs_a_question_without_faults(app, one):
    draft_id = new_draft(one)
    qid = add(one, draft_id, "choice", 1)
    url = f"/teacher/editor/{draft_id}/questions/{qid}/status"
    response = one.post(url, data={"revision": 2, "status": "approved"})
    assert response.status_code == 422 and "cannot be approved yet" in response.get_data(as_text=True)
    assert question(app, draft_id, qid)["status"] == "draft"
    assert save(one, draft_id, qid, {**GOOD_CHOICE, "revision": 2}).status_code == 302
    assert one.post(f"/teacher/editor/{draft_id}/questions/who-voted/status",
                    data={"revision": 3, "status": "approved"}).status_code == 302
    assert question(app, draft_id, "who-voted")["status"] == "approved"
    # Breaking an approved question makes it a draft again (it would not load).
    assert save(one, draft_id, "who-voted", {**GOOD_CHOICE, "revision": 4, "explanation": "x"}).status_code == 302
    assert question(app, draft_id, "who-voted")["status"] == "draft"
    assert one.post(f"/teacher/editor/{draft_id}/questions/who-voted/remove", data={"revision": 5}).status_code == 302
    assert row(app, draft_id)["doc"]["questions"] == []


def test_drafts_from_the_ledger_come_in_as_drafts(app, one):
    draft_id = new_draft(one)
    base = f"/teacher/editor/{draft_id}"
    ledger = [("s5", ["vague-attribution"], ""), ("s9", ["unsupported"], ""), ("s2", ["stated", "contradicted"], "s11"),
              ("s11", ["contradicted"], "s2")]
    for n, (sid, labels, partner) in enumerate(ledger, 1):
        assert one.post(f"{base}/sentences/{sid}/ledger", data={
            "revision": n, "labels": labels, "note": "Why.", "contradicts": partner, "tension_with": "",
            "lateral": ""}).status_code == 302
    response = one.post(f"{base}/questions/draft", data={"revision": 5})
    assert response.status_code == 302
    entries = row(app, draft_id)["doc"]["questions"]
    assert {e["q"]["type"] for e in entries} >= {"verdict", "cite", "pair"}
    assert all(e["status"] == "draft" and e["reason"] for e in entries)
    assert all("draft_reason" not in e["q"] for e in entries)
    for e in entries:  # every draft opens in the builder with the loader's verdict on it
        assert one.get(f"{base}/questions/{e['q']['id']}").status_code == 200


def test_publish_lists_the_faults_then_publishes_a_version_that_can_be_assigned_and_exported(app, one):
    draft_id = new_draft(one, source="Riverside Gazette")
    base = f"/teacher/editor/{draft_id}"
    page = one.get(f"{base}/publish").get_data(as_text=True)
    assert "has no label yet" in page and "approve at least one question" in page
    assert one.post(f"{base}/publish", data={"revision": 1}).status_code == 422
    revision = ready_to_publish(app, one, draft_id)
    response = one.post(f"{base}/publish", data={"revision": revision})
    assert response.status_code == 302
    stored = row(app, draft_id)
    slug = stored["slug"]
    db = connect(app.config["DATABASE"])
    imported = list(db.query("SELECT * FROM imported_lessons WHERE slug = ?", [slug]))
    assert imported and imported[0]["version"] == stored["published_version"]
    files = db.execute("SELECT files FROM lesson_versions WHERE lesson = ?", [slug]).fetchone()[0]
    assert "tutor.toml" not in files and 'sentence_breaks = \\"lines\\"' in files
    db.close()
    lesson_page = one.get(f"/lessons/{slug}").get_data(as_text=True)
    assert "Source: Riverside Gazette." in lesson_page
    # Assign it to a class; a student of that class sees it.
    class_id, code = create_class(one, "7B")
    assert one.post(f"/teacher/classes/{class_id}/assignments",
                    data={"lesson": slug, "due": "", "zone": "UTC"}).status_code == 302
    student = join(app, code, "Ada")
    assert slug in student.get("/").get_data(as_text=True)
    assert student.get(f"/lessons/{slug}").status_code == 200
    bundle = one.get(f"/teacher/lessons/{slug}/bundle.zip")
    assert bundle.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(bundle.data)).namelist()
    assert f"quizzes/{slug}.toml" in names and f"lesson/{slug}/ledger.toml" in names
    # Published: sentences keep their ids; a change to the ledger publishes a second version.
    response = one.post(f"{base}/sentences/s6/merge", data={"revision": revision})
    assert response.status_code == 422 and "keep their ids" in response.get_data(as_text=True)
    assert one.post(f"{base}/sentences/s4/ledger", data={"revision": revision, "labels": ["unsupported"], "note": "",
                                                          "contradicts": "", "tension_with": "",
                                                          "lateral": ""}).status_code == 302
    assert one.post(f"{base}/publish", data={"revision": revision + 1}).status_code == 302
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT COUNT(*) FROM lesson_versions WHERE lesson = ?", [slug]).fetchone()[0] == 2
    db.close()
    assert row(app, draft_id)["published_version"] != stored["published_version"]


def test_another_teachers_lesson_address_is_refused_at_publish(app, one):
    draft_id = new_draft(one)
    db = connect(app.config["DATABASE"])
    slug = row(app, draft_id)["slug"]
    with db.atomic():
        db.execute("INSERT INTO imported_lessons (slug, teacher_id, version, title, imported_at) VALUES (?, 2, 'v',"
                   " 't', 'now')", [slug])
    db.close()
    revision = ready_to_publish(app, one, draft_id)
    response = one.post(f"/teacher/editor/{draft_id}/publish", data={"revision": revision})
    assert response.status_code == 422
    assert "lesson already has the address" in response.get_data(as_text=True)
    assert row(app, draft_id)["published_version"] is None


def test_preview_as_a_learner_in_the_form_quiz_and_the_chat(app, one):
    draft_id = new_draft(one)
    revision = ready_to_publish(app, one, draft_id)
    response = one.post(f"/teacher/editor/{draft_id}/preview", data={"revision": revision, "mode": "form"})
    assert response.status_code == 302
    trust = response.headers["Location"]
    assert re.search(r"/attempts/\d+/trust/before", trust)
    assert one.get(trust).status_code == 200
    attempt = int(re.search(r"/attempts/(\d+)/", trust).group(1))
    assert one.get(f"/attempts/{attempt}/questions/1").status_code == 200
    assert one.get(f"/lessons/preview-{draft_id}").status_code == 200
    response = one.post(f"/teacher/editor/{draft_id}/preview", data={"revision": revision, "mode": "chat"})
    assert response.status_code == 302 and "/chat/" in response.headers["Location"]
    assert one.get(response.headers["Location"]).status_code == 200
    # The preview is nobody else's, and it is never in the library.
    assert signed_in(app, "two").get(f"/lessons/preview-{draft_id}").status_code == 404
    assert app.test_client().get(f"/lessons/preview-{draft_id}").status_code == 404
    assert f"preview-{draft_id}" not in one.get("/teacher/lessons").get_data(as_text=True)
    assert row(app, draft_id)["published_version"] is None
