"""The glossary: validated at start-up, looked up by other code, shown in the article without script."""

import re
import shutil

import pyphen
import pytest

from closeread.content.glossary import MAX_DEFINITION_WORDS
from closeread.content.loader import ContentError, load_content
from tests.helpers import FIXTURES, ROOT

_DICT = pyphen.Pyphen(lang="en_US")


def _grade(text: str) -> float:
    """Flesch–Kincaid grade level, syllables counted with pyphen's hyphenation dictionary."""
    words = re.findall(r"[A-Za-z’'-]+", text)
    sentences = max(1, len(re.findall(r"[.!?](?:\s|$)", text)))
    syllables = sum(len(_DICT.positions(w.strip("’'-"))) + 1 for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


@pytest.fixture(scope="module")
def lesson():
    return load_content(ROOT)["germany-mali"]


def test_the_issue_words_are_explained_in_plain_short_words(lesson):
    g = lesson.glossary
    for word in ("annexation", "mercenaries", "counter-terrorism", "proxies", "diplomatic rift"):
        assert g.lookup(word), word
    for entry in g.entries:
        assert len(entry.definition.split()) <= MAX_DEFINITION_WORDS, entry.term
        assert _grade(entry.definition) <= 8.5, (entry.term, round(_grade(entry.definition), 1))
    mean = sum(_grade(e.definition) for e in g.entries) / len(g.entries)
    assert mean <= 7.0, round(mean, 1)


def test_lookup_forgives_case_quotes_and_plurals(lesson):
    g = lesson.glossary
    assert g.lookup("Mercenary").term == "mercenaries"
    assert g.lookup("“Annexation”").term == "annexation"
    assert g.lookup("proxy").term == "proxies"
    assert g.lookup("special forces?").term == "special forces"
    assert g.lookup("bicycle") is None


def test_the_lesson_vocabulary_is_in_the_same_glossary_with_its_other_forms(lesson):
    g = lesson.glossary
    assert g.lookup("contradicted").term == "contradiction"
    assert g.lookup("not stated").term == g.lookup("stated").term == "states"
    assert g.lookup("unsuported").term == "unsupported"  # a learner's typo
    assert g.lookup("tensions").term == "tension"
    assert g.lookup("what") is None and g.lookup("flibbertigibbet") is None
    html = "".join(str(g.sentence_html(s.id, s.text)) for s in lesson.article.sentences)
    offered = g.examples(8)
    assert "unsupported" in offered and "contradiction" in offered
    assert not any(f'popovertarget="{g.lookup(t).anchor}"' in html for t in offered)  # lesson words first


def test_every_term_is_marked_once_at_its_first_use_in_the_article(lesson):
    html = "".join(str(lesson.glossary.sentence_html(s.id, s.text)) for s in lesson.article.sentences)
    marked = re.findall(r'popovertarget="(gloss-[a-z0-9-]+)"', html)
    assert len(marked) == len(set(marked))
    article_text = " ".join(s.text for b in lesson.article.blocks if b.kind == "paragraph" for s in b.sentences)
    in_article = [e for e in lesson.glossary.entries if re.search(rf"(?i)\b{re.escape(e.term)}\b", article_text)]
    assert {e.anchor for e in in_article} <= set(marked)
    first = lesson.glossary.sentence_html("s10", lesson.article.by_id["s10"].text)
    assert '<button type="button" class="gloss" popovertarget="gloss-annexation">annexation</button>' in first
    assert 'id="gloss-annexation" popover>' in first


def test_sentence_html_escapes_the_text():
    from closeread.content.glossary import Glossary, GlossaryEntry

    g = Glossary([GlossaryEntry("convoy", "A group of <b>vehicles</b>.")])
    g.mark_article([("s1", "A <script>convoy</script> & more")])
    html = str(g.sentence_html("s1", "A <script>convoy</script> & more"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html
    assert "&lt;b&gt;vehicles" in html


def test_lesson_page_shows_the_glossary_with_no_inline_script(client, lesson):
    html = client.get(f"/lessons/{lesson.slug}").get_data(as_text=True)
    assert 'popovertarget="gloss-mercenaries"' in html
    assert "<dt>diplomatic rift</dt>" in html
    assert "<script>" not in html and " onclick=" not in html


BROKEN = [
    ("term 1 (Martians)", '"Martians" does not occur in the article or the lesson',
     'term = "mercenaries"', 'term = "Martians"'),
    ("term 1 (mercenaries)", "definition uses the term itself; explain it in other words",
     'definition = "Soldiers who fight', 'definition = "Mercenaries are soldiers who fight'),
    ("term 2 (mercenaries)", "is listed twice", 'term = "ambassador"', 'term = "mercenaries"'),
    ("term 2 (ambassador)", 'alias "mercenaries" is already a term or an alias', 'term = "ambassador"',
     'term = "ambassador"\naliases = ["mercenaries"]'),
    ("term 2 (ambassador)", "unknown key 'colour' (known: aliases, definition, term)", 'term = "ambassador"',
     'term = "ambassador"\ncolour = "red"'),
    ("term 1 (mercenaries)", f"definition has 33 words; keep it to {MAX_DEFINITION_WORDS} or fewer",
     'definition = "Soldiers who fight', 'definition = "' + "very " * 17 + 'Soldiers who fight'),
]


@pytest.mark.parametrize(("item", "fault", "old", "new"), BROKEN)
def test_a_broken_glossary_stops_start_up_naming_file_term_and_fault(tmp_path, item, fault, old, new):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "lesson", root / "lesson")
    shutil.copytree(ROOT / "quizzes", root / "quizzes")
    path = root / "lesson" / "germany-mali" / "glossary.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(root)
    assert f"lesson/germany-mali/glossary.toml [{item}]: {fault}" in [str(p) for p in info.value.problems]


def test_no_glossary_file_means_an_empty_glossary():
    lesson = load_content(FIXTURES / "mini")["mini"]
    assert not lesson.glossary and lesson.glossary.lookup("bridge") is None
