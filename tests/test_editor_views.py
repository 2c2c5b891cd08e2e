"""The lesson editor's pages through the test client: every POST is checked in the database afterwards."""

from __future__ import annotations

import io
import re

import pytest

from closeread.db import connect
from tests.editor_support import ARTICLE, TITLE, app_with_teachers, new_draft, row, sentence, signed_in, texts

QUOTE = '"The town council voted on Monday"'


@pytest.fixture
def app(tmp_path):
    return app_with_teachers(tmp_path)


@pytest.fixture
def one(app):
    return signed_in(app, "one")


def post(client, url, **data):
    return client.post(url, data=data)


def test_a_pasted_article_becomes_a_draft_with_sentences_and_source(app, one):
    draft_id = new_draft(one, source="Riverside Gazette", author="J. Doe", date="1 May 2024")
    stored = row(app, draft_id)
    doc = stored["doc"]
    assert stored["slug"] == "town-says-new-bridge-will-open-soon"
    assert texts(doc)[0] == TITLE
    assert texts(doc)[5:7] == ["The money comes from a U.S.", "Treasury fund for small towns."]  # the splitter's error
    assert len(texts(doc)) == 16
    assert (doc["source"], doc["author"], doc["date"]) == ("Riverside Gazette", "J. Doe", "1 May 2024")
    assert [b["text"] for b in doc["blocks"] if b["kind"] == "heading"] == ["What it costs", "Doubts"]
    assert all(not s["labels"] for b in doc["blocks"] for s in b["sentences"])  # nothing labelled by itself
    page = one.get(f"/teacher/editor/{draft_id}").get_data(as_text=True)
    assert "16 sentences, 0 labelled" in page and "Treasury fund for small towns." in page


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("article.html", b"<html><head><title>Page</title><script>alert(1)</script><style>p{}</style></head><body>"
     b"<nav>Home | About</nav><h1>Big News Today</h1><p>First <b>bold</b> claim here. Second claim&nbsp;there.</p>"
     b"<h2>More</h2><p onclick=\"x()\">Third one.</p><iframe src=//evil></iframe></body></html>",
     ["Big News Today", "First bold claim here.", "Second claim there.", "Third one."]),
    ("article.md", b"# Big News Today\n\nFirst [claim](http://x.example) *here*. Second ![img](x.png) claim.\n\n"
     b"## More\n\nThird one.", ["Big News Today", "First claim here.", "Second claim.", "Third one."]),
    ("article.txt", "# Big News Today\n\nFirst claim here. Second – claim,\nstill second.\n\nThird one.".encode(),
     ["Big News Today", "First claim here.", "Second – claim, still second.", "Third one."]),
])
def test_an_uploaded_file_keeps_only_its_text(app, one, name, data, expected):
    response = one.post("/teacher/editor/new", data={"title": "", "body": "", "upload": (io.BytesIO(data), name)},
                        content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:1500]
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert texts(row(app, draft_id)["doc"]) == expected


@pytest.mark.parametrize(("data", "message"), [
    ({"title": "Long", "body": "Words go on. " * 1800}, "a lesson takes at most 20,000 characters"),
    ({"title": "Many", "body": "Yes. " * 320}, "a lesson takes at most 300"),
    ({"title": "", "body": "no title and no heading here."}, "Give the lesson a title"),
    ({"title": "Only a title", "body": ""}, "needs some text under its title"),
    ({"title": "x" * 201, "body": "Some text. More text."}, "At most 200 characters"),
    ({"title": "Upload", "body": "", "upload": (io.BytesIO(b"PK\x03\x04"), "article.docx")},
     "Upload a .txt, .md or .html file"),
    ({"title": "Upload", "body": "", "upload": (io.BytesIO(b"\xff\xfe\x00bad"), "article.txt")}, "not UTF-8"),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(app, one, data, message):
    response = one.post("/teacher/editor/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT COUNT(*) FROM lesson_drafts").fetchone()[0] == 0
    db.close()


def test_merge_and_split_renumber_the_sentences_and_keep_partners(app, one):
    draft_id = new_draft(one)
    base = f"/teacher/editor/{draft_id}"
    # s9 (traffic) in tension with s11 (reopened): partners are kept by key, so they follow the renumbering.
    assert post(one, f"{base}/sentences/s9/ledger", revision=1, labels=["unsupported", "tension"], note="No figures.",
                tension_with="s11", contradicts="", lateral="").status_code == 302
    assert post(one, f"{base}/sentences/s6/merge", revision=2).status_code == 302
    doc = row(app, draft_id)["doc"]
    assert texts(doc)[5] == "The money comes from a U.S. Treasury fund for small towns."
    assert len(texts(doc)) == 15
    page = one.get(f"{base}/sentences/s8").get_data(as_text=True)
    assert 'value="s10"' in page  # s9 became s8, and its partner s11 became s10
    # Split it back after "U.S.": the choices are the spaces between words.
    text = texts(doc)[5]
    at = text.index("Treasury")
    assert post(one, f"{base}/sentences/s6/split", revision=3, at=at).status_code == 302
    doc = row(app, draft_id)["doc"]
    assert texts(doc)[5:7] == ["The money comes from a U.S.", "Treasury fund for small towns."]
    assert sentence(doc, "s9")["labels"] == ["unsupported", "tension"]


def test_a_merge_or_split_that_cannot_be_made_says_why_and_changes_nothing(app, one):
    draft_id = new_draft(one)
    base = f"/teacher/editor/{draft_id}"
    response = post(one, f"{base}/sentences/s3/merge", revision=1)  # s3 ends its paragraph
    assert response.status_code == 422
    assert "last sentence of its paragraph" in response.get_data(as_text=True)
    response = post(one, f"{base}/sentences/s2/split", revision=1, at=3)  # not between two words
    assert response.status_code == 422
    response = post(one, f"{base}/sentences/s1/merge", revision=1)
    assert response.status_code == 422
    assert row(app, draft_id)["revision"] == 1


def test_the_ledger_saves_labels_notes_partners_and_refuses_bad_ids(app, one):
    draft_id = new_draft(one)
    url = f"/teacher/editor/{draft_id}/sentences/s11/ledger"
    response = post(one, url, revision=1, labels=["contradicted"], note="Closed and reopened the same day.",
                    contradicts="s2, 9", tension_with="", lateral="Check the council's minutes.")
    assert response.status_code == 302
    entry = sentence(row(app, draft_id)["doc"], "s11")
    assert entry["labels"] == ["contradicted"]
    assert entry["note"] == "Closed and reopened the same day."
    assert entry["lateral"] == "Check the council's minutes."
    assert len(entry["contradicts"]) == 2
    for data, message in [
        ({"contradicts": "s99"}, "There is no sentence s99"),
        ({"contradicts": "s11"}, "cannot be its own partner"),
        ({"contradicts": "banana"}, "is not a sentence id"),
        ({"note": "n" * 1001}, "At most 1,000 characters"),
        ({"labels": ["made-up"]}, "is not a valid choice"),
    ]:
        response = post(one, url, **{"revision": 2, "labels": ["stated"], "note": "", "contradicts": "",
                                     "tension_with": "", "lateral": "", **data})
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data
    assert row(app, draft_id)["revision"] == 2


def test_two_tabs_name_the_conflict_instead_of_overwriting(app, one):
    draft_id = new_draft(one)
    url = f"/teacher/editor/{draft_id}/sentences/s2/ledger"
    first = dict(revision=1, labels=["stated"], note="Tab one.", contradicts="", tension_with="", lateral="")
    assert post(one, url, **first).status_code == 302
    second = dict(first, note="Tab two, opened before tab one saved.")
    response = post(one, url, **second)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "changed in another tab or window" in page and "the ledger of s2" in page
    assert "Tab two, opened before tab one saved." in page  # the input is still in the form
    assert sentence(row(app, draft_id)["doc"], "s2")["note"] == "Tab one."
    # The script's autosave gets JSON with the revision to reload.
    response = one.post(url, data=second, headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert response.get_json()["revision"] == 2
    assert sentence(row(app, draft_id)["doc"], "s2")["note"] == "Tab one."
    # Submitting again from the re-rendered form (it now carries revision 2) is a deliberate save.
    assert post(one, url, **dict(second, revision=2)).status_code == 302
    assert sentence(row(app, draft_id)["doc"], "s2")["note"] == "Tab two, opened before tab one saved."


def test_undo_puts_back_the_last_change_as_a_new_revision(app, one):
    draft_id = new_draft(one)
    base = f"/teacher/editor/{draft_id}"
    assert post(one, f"{base}/sentences/s6/merge", revision=1).status_code == 302
    assert len(texts(row(app, draft_id)["doc"])) == 15
    page = one.get(base).get_data(as_text=True)
    assert "Undo: merged s6 with the next sentence" in page
    response = post(one, f"{base}/undo", revision=2, back=f"{base}/sentences/s6")
    assert response.status_code == 302 and response.headers["Location"].endswith("/sentences/s6")
    stored = row(app, draft_id)
    assert len(texts(stored["doc"])) == 16 and stored["revision"] == 3
    assert post(one, f"{base}/undo", revision=2).status_code == 302  # a stale undo is refused
    assert row(app, draft_id)["revision"] == 3
    assert post(one, f"{base}/undo", revision=3).status_code == 302  # nothing left to undo
    assert row(app, draft_id)["revision"] == 3


def test_suggestions_label_nothing_until_the_teacher_accepts(app, one):
    draft_id = new_draft(one)
    base = f"/teacher/editor/{draft_id}"
    page = one.get(f"{base}/suggestions").get_data(as_text=True)
    assert "<mark>Some commentators</mark>" in page  # the cue, highlighted
    assert "<mark>likely</mark>" in page
    doc = row(app, draft_id)["doc"]
    assert all(not s["labels"] for b in doc["blocks"] for s in b["sentences"])
    accept = dict(revision=1, sentence="s5", label="vague-attribution", kind="vague-attribution",
                  cue="Some commentators", decision="accept")
    assert post(one, f"{base}/suggestions", **accept).status_code == 302
    assert sentence(row(app, draft_id)["doc"], "s5")["labels"] == ["vague-attribution"]
    dismiss = dict(revision=2, sentence="s8", label="hedged", kind="hedge", cue="likely", decision="dismiss")
    assert post(one, f"{base}/suggestions", **dismiss).status_code == 302
    doc = row(app, draft_id)["doc"]
    assert sentence(doc, "s8")["labels"] == []
    assert "dismissed" in doc["decisions"].values()
    page = one.get(f"{base}/suggestions").get_data(as_text=True)
    assert "<mark>Some commentators</mark>" not in page and "<mark>likely</mark>" not in page


def test_labelling_the_rest_is_the_teachers_explicit_choice(app, one):
    draft_id = new_draft(one)
    response = post(one, f"/teacher/editor/{draft_id}/label-rest", revision=1, label="stated")
    assert response.status_code == 302
    doc = row(app, draft_id)["doc"]
    assert all(s["labels"] == ["stated"] for b in doc["blocks"] for s in b["sentences"])
    assert post(one, f"/teacher/editor/{draft_id}/label-rest", revision=2, label="contradicted").status_code == 422


def test_details_change_the_title_sentence_and_the_source(app, one):
    draft_id = new_draft(one)
    data = dict(revision=1, title="A New Headline", summary="About bridges.", source="Gazette", author="",
                date="2024", teaching="# Read it\n\nSee [this](#s3).", slug="bridge-lesson")
    assert post(one, f"/teacher/editor/{draft_id}/details", **data).status_code == 302
    stored = row(app, draft_id)
    assert texts(stored["doc"])[0] == "A New Headline" and stored["title"] == "A New Headline"
    assert stored["doc"]["source"] == "Gazette" and stored["slug"] == "bridge-lesson"
    response = post(one, f"/teacher/editor/{draft_id}/details", **dict(data, revision=2, title=""))
    assert response.status_code == 422 and "Give the lesson a title" in response.get_data(as_text=True)
    response = post(one, f"/teacher/editor/{draft_id}/details", **dict(data, revision=2, slug="Bad Slug"))
    assert response.status_code == 422


def test_another_teacher_gets_404_everywhere_and_a_stranger_the_sign_in(app, one):
    draft_id = new_draft(one)
    two = signed_in(app, "two")
    base = f"/teacher/editor/{draft_id}"
    for url in ["", "/sentences/s2", "/suggestions", "/details", "/questions", "/publish"]:
        assert two.get(base + url).status_code == 404, url
    for url in ["/sentences/s2/ledger", "/sentences/s6/merge", "/sentences/s6/split", "/suggestions", "/details",
                "/undo", "/label-rest", "/questions/new", "/questions/draft", "/preview", "/publish"]:
        assert two.post(base + url, data={"revision": 1}).status_code == 404, url
    assert row(app, draft_id)["revision"] == 1
    stranger = app.test_client()
    response = stranger.get(base)
    assert response.status_code == 302 and "/teacher/sign-in" in response.headers["Location"]
    assert two.get("/teacher/editor").get_data(as_text=True).count(TITLE) == 0


def test_editing_actions_are_rate_limited(tmp_path):
    app = app_with_teachers(tmp_path, EDITOR_ACTIONS_PER_MINUTE=3)
    one = signed_in(app)
    draft_id = new_draft(one)  # one action
    url = f"/teacher/editor/{draft_id}/sentences/s2/ledger"
    for n in (1, 2):
        data = dict(revision=n, labels=["stated"], note=f"Note {n}.", contradicts="", tension_with="", lateral="")
        assert post(one, url, **data).status_code == 302
    response = post(one, url, revision=3, labels=["stated"], note="Too many.", contradicts="", tension_with="",
                    lateral="")
    assert response.status_code == 429
    assert "Too many edits in a minute" in response.get_data(as_text=True)
    assert response.headers["Retry-After"]
    assert sentence(row(app, draft_id)["doc"], "s2")["note"] == "Note 2."


def test_every_change_needs_the_csrf_token(tmp_path):
    app = app_with_teachers(tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/teacher/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert client.post("/teacher/sign-in", data={"email": "one@school.org", "password": "maple syrup over granite",
                                                 "csrf_token": token}).status_code == 302
    page = client.get("/teacher/editor/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert client.post("/teacher/editor/new", data={"title": TITLE, "body": ARTICLE}).status_code == 400
    response = client.post("/teacher/editor/new", data={"title": TITLE, "body": ARTICLE, "csrf_token": token})
    assert response.status_code == 302
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    url = f"/teacher/editor/{draft_id}/sentences/s2/ledger"
    data = dict(revision=1, labels=["stated"], note="By script.", contradicts="", tension_with="", lateral="")
    assert client.post(url, data=data, headers={"Accept": "application/json"}).status_code == 400
    response = client.post(url, data=data, headers={"Accept": "application/json", "X-CSRFToken": token})
    assert response.status_code == 200 and response.get_json()["revision"] == 2
    for path in ["/sentences/s6/merge", "/undo", "/publish", "/preview", "/questions/new"]:
        assert client.post(f"/teacher/editor/{draft_id}{path}", data={"revision": 2}).status_code == 400, path
    assert row(app, draft_id)["revision"] == 2
