"""The editor's pure parts: the draft document, text from uploads, and the lesson files built from a draft."""

from __future__ import annotations

import pytest

from closeread.editor import build, document, textin
from closeread.editor.document import EditError
from closeread.library import snapshot
from tests.editor_support import ARTICLE, TITLE


def draft() -> dict:
    title, parts = textin.split_title(textin.parts_from_text(ARTICLE), TITLE)
    return document.new_document(title, parts, {"source": "Gazette"})


def ids_and_texts(doc):
    return [(s.id, s.text) for s in document.sentences_of(doc)]


def labelled(doc, label="stated"):
    return document.label_unlabelled(doc, label)[0]


def test_the_published_files_number_the_sentences_exactly_as_the_draft_does():
    doc = document.merge_with_next(draft(), "s6")  # "U.S." + "Treasury ..." back together
    doc = document.split_at(doc, "s9", document.by_id(doc)["s9"].text.index("said"))
    doc = labelled(document.set_ledger(doc, "s11", ["contradicted"], "", ["s2"], [], ""))
    q = document.blank_question("choice", "states", 1)
    q.update(prompt="Who voted?", evidence=[document.quote_of(doc, "s2")], hints=["The start."],
             explanation='It says "The town council voted on Monday".',
             option=[{"id": i, "text": t, "feedback": 'See "The town council voted on Monday".'}
                     for i, t in zip("abc", ("The council", "The mayor", "Nobody"), strict=True)])
    doc, _ = document.add_questions(doc, [q], status="approved")
    lesson = snapshot.load_from_files(build.lesson_files(doc, "bridge"), "bridge")
    assert [(s.id, s.text) for s in lesson.article.sentences] == ids_and_texts(doc)
    assert lesson.ledger["s11"].contradicts == ("s2",)
    assert lesson.provenance == "Source: Gazette."
    assert lesson.tutor is not None and not lesson.tutor.from_file  # the default script, no tutor.toml
    # Publishing again after a ledger change: the article, and so every id, is the same.
    again = document.set_ledger(doc, "s4", ["unsupported"], "Whose figure?", [], [], "")
    assert build.lesson_files(again, "bridge")["lesson/bridge/article.md"] == \
        build.lesson_files(doc, "bridge")["lesson/bridge/article.md"]


def test_partners_follow_a_merge_and_a_split_by_key():
    doc = document.set_ledger(draft(), "s10", ["tension"], "", [], ["s12"], "")
    doc = document.merge_with_next(doc, "s6")
    row = {r["id"]: r for r in document.ledger_view(doc)}
    assert row["s9"]["tension_with"] == ["s11"]  # both moved up one
    doc = document.merge_with_next(doc, "s10")  # the partner (s11) is merged into s10: it follows
    assert {r["id"]: r for r in document.ledger_view(doc)}["s9"]["tension_with"] == ["s10"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: document.merge_with_next(d, "s3"), "last sentence of its paragraph"),
    (lambda d: document.merge_with_next(d, "s1"), "The title is one sentence"),
    (lambda d: document.merge_with_next(d, "s2", locked=True), "keep their ids"),
    (lambda d: document.split_at(d, "s2", 2), "between two words"),
    (lambda d: document.set_ledger(d, "s2", ["stated"], "", ["s2"], [], ""), "its own partner"),
    (lambda d: document.set_ledger(d, "s2", ["nope"], "", [], [], ""), "Unknown label"),
    (lambda d: document.set_ledger(d, "s2", ["stated"], "x" * 1001, [], [], ""), "At most 1,000"),
    (lambda d: document.parse_ids("s2 s40", d, "evidence"), "There is no sentence s40"),
    (lambda d: document.label_unlabelled(d, "tension"), "needs no partner"),
    (lambda d: document.set_details(d, {"title": " "}), "Give the lesson a title"),
])
def test_changes_that_cannot_be_made_say_why(change, message):
    with pytest.raises(EditError) as caught:
        change(draft())
    assert message in caught.value.message


def test_limits_of_the_article():
    with pytest.raises(EditError, match="at most 300"):
        document.new_document("T", [("paragraph", "Yes. " * 300)])
    with pytest.raises(EditError, match="a lesson takes at most 20,000"):
        document.new_document("T", [("paragraph", "Word " * 4100 + ".")])
    assert len(document.sentences_of(document.new_document("T", [("paragraph", "Yes. " * 299)]))) == 300


def test_faults_of_one_question_are_the_loaders_named_by_field():
    doc = draft()
    q = document.blank_question("cite", "unsupported", 1)
    q.update(prompt="Which give no source?", key=["Nobody said this anywhere"], hints=["Who?"],
             evidence=[document.quote_of(doc, "s5")], explanation="No quote.")
    faults = build.question_faults(doc, q)
    assert 'key quote "Nobody said this anywhere" is not found verbatim in the article' in faults["key"][0]
    assert "explanation must quote the article" in faults["explanation"][0]
    assert set(faults) == {"key", "explanation"}


def test_html_is_reduced_to_text():
    parts = textin.parts_from_html("<h1>T</h1><div><p>One.<br>Two</p><ul><li>Three</li></ul><script>x()</script>"
                                   "<p>Four &amp; <i>five</i>.</p></div>")
    assert parts == [("title", "T"), ("paragraph", "One. Two"), ("paragraph", "Three"),
                     ("paragraph", "Four & five.")]
