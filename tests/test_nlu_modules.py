"""The understanding modules one by one, on learner language written for these tests (not from the corpus)."""

import pytest

from closeread.content.sentences import parse_article
from closeread.questions.verdict import VERDICT_SCALES
from closeread.tutor.nlu import Choice, Expect, parse, resolve_clarification
from closeread.tutor.nlu.multilingual import to_english
from closeread.tutor.nlu.negation import split_contrast
from closeread.tutor.nlu.normalise import clean, fix_typos
from closeread.tutor.nlu.positions import Positions
from closeread.tutor.nlu.terms import term_question
from closeread.tutor.sentence_refs import SentenceIndex
from tests.helpers import ROOT

ARTICLE = parse_article((ROOT / "lesson" / "germany-mali" / "article.md").read_text(encoding="utf-8"))
INDEX = SentenceIndex(ARTICLE)
FOUR = Expect("choice", (
    Choice("a", "The mayor opened the bridge."), Choice("b", "The council paid for the bridge."),
    Choice("c", "Engineers tested the bridge for a year."), Choice("d", "Nobody used the bridge."),
))
MULTI = Expect("multi", FOUR.options)
STATEMENT = Expect("choice", tuple(Choice(k, v) for k, v in VERDICT_SCALES["statement"].items()), scale="statement")
SENTENCE = Expect("choice", tuple(Choice(k, v) for k, v in VERDICT_SCALES["sentence"].items()), scale="sentence")


@pytest.mark.parametrize(("typed", "read"), [
    ("B!!! 😀", "b!"), ("pleeease", "please"), ("wat r u", "what are you"), ("’b’", "'b'"),
])
def test_normalise_folds_emoji_repeats_and_chat_spellings(typed, read):
    assert clean(typed) == read


def test_typos_are_fixed_only_in_short_messages_and_never_real_words():
    assert fix_typos("gimme a hnit") == "gimme a hint"
    assert fix_typos("the ship sank") == "the ship sank"
    long = "i think the writer never really says where the hnit of evidence comes from at all"
    assert fix_typos(long) == long


@pytest.mark.parametrize(("typed", "english"), [
    ("jawohl", "yes"), ("nein danke", "no"), ("keine ahnung", "i don't know"), ("opción d", "option d"),
    ("la respuesta es a", "option a"), ("je choisis b", "option b"), ("weiter", "next"),
])
def test_other_languages_become_english(typed, english):
    assert to_english(clean(typed)) == english


@pytest.mark.parametrize(("typed", "term"), [
    ("what does hedge mean", "hedge"), ("what's a claim?", "claim"), ("define lateral reading", "lateral reading"),
    ("meaning of tension", "tension"), ("wdym supported", "supported"), ("what is the question", None),
    ("what's my score", None), ("b", None),
])
def test_term_questions(typed, term):
    assert term_question(clean(typed)) == term


def test_a_contrast_separates_what_is_ruled_out_from_what_is_chosen():
    assert split_contrast("not supported, rather contradicted") == ("not supported", "contradicted")
    assert split_contrast("not supported") is None


@pytest.mark.parametrize(("expect", "typed", "kind", "value"), [
    # options: loose forms
    (FOUR, "option three", "option", "c"), (FOUR, "the 4th", "option", "d"), (FOUR, "ANSWER: A", "option", "a"),
    (FOUR, "d 🙂", "option", "d"), (FOUR, "b because the council paid", "option", "b"),
    (FOUR, "the bottom one", "option", "d"), (FOUR, "la b", "option", "b"),
    # negation is never the thing negated
    (FOUR, "not c", "ambiguous", None), (FOUR, "definitely not the mayor one", "ambiguous", None),
    (FOUR, "not a, not b... d", "option", "d"), (FOUR, "not a or b or c", "option", "d"),
    (FOUR, "can't be b, the council never paid", "ambiguous", None),
    (MULTI, "not b and not c, the others are right", "options", ("a", "d")),
    (FOUR, "not a, its b", "option", "b"),
    (STATEMENT, "it is not contradicted, just not stated", "option", "not-stated"),
    (SENTENCE, "no way it's contradicted", "ambiguous", None),
    (SENTENCE, "there's no evidence given for it at all", "option", "unsupported"),
    (SENTENCE, "those two sentences cannot both be true", "option", "contradicted"),
    (SENTENCE, "they never back it up", "option", "unsupported"),
    # several
    (MULTI, "ABD", "options", ("a", "b", "d")), (MULTI, "b to d", "options", ("b", "c", "d")),
    (MULTI, "everything but c", "options", ("a", "b", "d")), (MULTI, "first and last", "options", ("a", "d")),
    # term questions and commands inside messages
    (STATEMENT, "what does stated mean?", "define", "stated"), (FOUR, "ugh no idea... clue?", "hint", None),
    (FOUR, "could you show me the question again", "repeat", None), (FOUR, "how many points do i have", "score", None),
    (FOUR, "oops i meant b", "change", "b"), (FOUR, "no hint please, it's a", "option", "a"),
    # doubt is confirmed, not stored
    (FOUR, "c?? no idea", "confirm", None),
])
def test_parse_reads_learner_language(expect, typed, kind, value):
    intent = parse(typed, expect, INDEX)
    assert intent.kind == kind, (typed, intent)
    if value is not None:
        assert intent.value == value


def test_ruling_out_asks_among_what_is_left_and_never_offers_what_was_ruled_out():
    intent = parse("not c", FOUR, INDEX)
    assert {c.value for c in intent.candidates} == {"a", "b", "d"} and intent.negated == ("c",)
    intent = parse("definitely not the mayor one", FOUR, INDEX)
    assert "a" not in {c.value for c in intent.candidates}


def test_positions_name_sentences_by_place():
    p = Positions(ARTICLE)
    assert p.rewrite("the last sentence of the incident", INDEX.resolve_one) == "s19"
    assert p.rewrite("the first line of section 4", INDEX.resolve_one) == "s20"
    assert p.rewrite("the second sentence", INDEX.resolve_one, current=2) == "s11"
    assert parse("the opening sentence of the reactions and s26", Expect("sentences"), INDEX).value == ("s20", "s26")


def test_part_of_a_list_of_sentences_is_never_stored():
    intent = parse("s16 and the bit about bananas", Expect("sentences"), INDEX)
    assert intent.kind == "invalid"


def test_a_confirmation_is_answered_yes_or_no():
    asked = parse("c?? no idea", FOUR, INDEX)
    assert resolve_clarification("yes", asked.candidates, FOUR, INDEX).value == "c"
    assert resolve_clarification("nope", asked.candidates, FOUR, INDEX).kind == "no"
