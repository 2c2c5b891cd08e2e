"""The tutor's understanding of typed input: a table of realistic messages and the intent each must give.

Sentence references run against the real article (it is verbatim and fixed); the
expected sentence is named by a piece of its text, so a reader can check the row.
Option contexts are built here, shaped like the real quiz's questions.
"""

import pytest

from closeread.content.sentences import parse_article
from closeread.questions.verdict import VERDICT_SCALES
from closeread.tutor.intents import Choice, Expect, parse, resolve_clarification, strip_lead_ins
from closeread.tutor.sentence_refs import SentenceIndex
from tests.helpers import ROOT

ARTICLE = parse_article((ROOT / "lesson" / "germany-mali" / "article.md").read_text(encoding="utf-8"))
INDEX = SentenceIndex(ARTICLE)


def sid(piece: str) -> str:
    """The id of the one sentence containing ``piece``."""
    hits = [s.id for s in ARTICLE.sentences if piece in s.text]
    assert len(hits) == 1, (piece, hits)
    return hits[0]


CHOICE = Expect("choice", (
    Choice("a", "French forces attacked a convoy of Russian mercenaries in Gao."),
    Choice("b", "Russian mercenaries attacked French forces in Gao."),
    Choice("c", "German troops attacked the convoy after the ambassador's warning."),
    Choice("d", "Malian forces attacked a Russian convoy with French help."),
))
STATEMENT = Expect("choice", tuple(Choice(k, v) for k, v in VERDICT_SCALES["statement"].items()), scale="statement")
SENTENCE = Expect("choice", tuple(Choice(k, v) for k, v in VERDICT_SCALES["sentence"].items()), scale="sentence")
MULTI = Expect("multi", (
    Choice("a", "That French forces attacked the convoy"),
    Choice("b", "That French officials confirmed ten deaths"),
    Choice("c", "That Russian media reported at least ten Russians killed"),
    Choice("d", "That Germany gave three reasons"),
))
CITE = Expect("sentences")
PAIR = Expect("sentences", exactly=2)
THINK = Expect("think")
TEXT = Expect("text")
NEXT = Expect("next")
END = Expect("end")

S = "sentences"
# (context, what the learner typed, expected kind, expected value). For "ambiguous" and "confirm" the
# value is the set of candidate values the tutor must offer.
TABLE = [
    # -- one option, by letter, number, ordinal or its words ------------------------------
    (CHOICE, "b", "option", "b"),
    (CHOICE, "B", "option", "b"),
    (CHOICE, "I think it's B", "option", "b"),
    (CHOICE, "option B", "option", "b"),
    (CHOICE, "2", "option", "b"),
    (CHOICE, "the second one", "option", "b"),
    (CHOICE, "(c)", "option", "c"),
    (CHOICE, "is it c?", "option", "c"),
    (CHOICE, "maybe A", "option", "a"),
    (CHOICE, "my answer is d", "option", "d"),
    (CHOICE, "the last one", "option", "d"),
    (CHOICE, "B. Russian mercenaries attacked French forces in Gao.", "option", "b"),
    (CHOICE, "french forces attacked a convoy of russian mercenaries in gao", "option", "a"),
    (CHOICE, "french forcs atacked a convoy of rusian mercenaries", "option", "a"),
    (CHOICE, "German troops", "option", "c"),
    (CHOICE, "the malian one", "option", "d"),
    (CHOICE, "b or c", "ambiguous", {"b", "c"}),
    (CHOICE, "the german troops or the malian forces", "ambiguous", {"c", "d"}),
    (CHOICE, "e", "invalid", None),
    (CHOICE, "7", "invalid", None),
    (CHOICE, "not b", "ambiguous", {"a", "c", "d"}),  # ruled out: ask among the others
    (CHOICE, "banana", "unknown", None),
    (CHOICE, "I don't know", "dont_know", None),
    # -- verdicts: stated / not stated / contradicted ----------------------------------------
    (STATEMENT, "not stated", "option", "not-stated"),
    (STATEMENT, "it doesn't say", "option", "not-stated"),
    (STATEMENT, "I think it's not stated", "option", "not-stated"),
    (STATEMENT, "the article never says that", "option", "not-stated"),
    (STATEMENT, "Not stated", "option", "not-stated"),
    # "yes" or "true" does not answer "stated, not stated or contradicted?": the tutor confirms first
    (STATEMENT, "yes", "confirm", {"stated"}),
    (STATEMENT, "true", "confirm", {"stated"}),
    (STATEMENT, "it says so", "option", "stated"),
    (STATEMENT, "contradicted", "option", "contradicted"),
    (STATEMENT, "it says the opposite", "option", "contradicted"),
    (STATEMENT, "contradicetd", "option", "contradicted"),
    (STATEMENT, "b", "option", "not-stated"),
    (STATEMENT, "no", "ambiguous", {"not-stated", "contradicted"}),
    (STATEMENT, "false", "ambiguous", {"not-stated", "contradicted"}),
    (STATEMENT, "unsupported", "ambiguous", {"stated", "not-stated"}),
    (STATEMENT, "not stated or contradicted", "ambiguous", {"not-stated", "contradicted"}),
    # -- verdicts: supported / unsupported / contradicted --------------------------------------
    (SENTENCE, "unsupported", "option", "unsupported"),
    (SENTENCE, "no evidence", "option", "unsupported"),
    (SENTENCE, "it doesn't say where that comes from", "option", "unsupported"),
    (SENTENCE, "not stated", "option", "unsupported"),
    (SENTENCE, "it's just asserted", "option", "unsupported"),
    (SENTENCE, "supported", "option", "supported"),
    (SENTENCE, "it's backed up", "option", "supported"),
    (SENTENCE, "yes", "confirm", {"supported"}),
    (SENTENCE, "contradicted elsewhere", "option", "contradicted"),
    (SENTENCE, "no", "ambiguous", {"unsupported", "contradicted"}),
    (SENTENCE, "it's stated", "ambiguous", {"supported", "unsupported"}),
    # -- several options -------------------------------------------------------------------------
    (MULTI, "a and c", "options", ("a", "c")),
    (MULTI, "a, c", "options", ("a", "c")),
    (MULTI, "A C", "options", ("a", "c")),
    (MULTI, "1 and 3", "options", ("a", "c")),
    (MULTI, "options b, d", "options", ("b", "d")),
    (MULTI, "all of them", "options", ("a", "b", "c", "d")),
    (MULTI, "b", "options", ("b",)),
    (MULTI, "russian media reported at least ten russians killed", "options", ("c",)),
    (MULTI, "g", "invalid", None),
    # -- sentences, by id, quotation or paraphrase --------------------------------------------------
    (CITE, "s14", S, ("s14",)),
    (CITE, "sentence 14", S, ("s14",)),
    (CITE, "14", S, ("s14",)),
    (CITE, "s14 and s20", S, ("s14", "s20")),
    (CITE, "the fighter jet one", S, (sid("fighter jet"),)),
    (CITE, "the bit about Congo", S, (sid("Congo"),)),
    (CITE, "the part about the drone", S, (sid("drone"),)),
    (CITE, "I think it's the part about the drone", S, (sid("drone"),)),
    (CITE, '"several casualties on both sides"', S, (sid("several casualties"),)),
    (CITE, "the Russian media one", S, (sid("Russian media reports"),)),
    (CITE, "the one with the State Department official", S, (sid("State Department"),)),
    (CITE, "the headline", S, ("s1",)),
    (CITE, "the bit about Syria and Ukraine", S, (sid("Syria and Ukraine"),)),
    (CITE, "the fihgter jet", S, (sid("fighter jet"),)),
    (CITE, "the one about the convoy", "ambiguous", {(sid("On August 14"),), (sid("was said to include"),)}),
    (CITE, "the plane one", "ambiguous", {(sid("Su-24 bomber"),), (sid("fighter jet"),)}),
    (CITE, "the one about Russia", "invalid", None),
    (CITE, "s99", "invalid", None),
    (CITE, "banana", "unknown", None),
    (PAIR, "the fighter jet one and the drone one", S, (sid("fighter jet"), sid("drone"))),
    (PAIR, "s16 + s26", S, ("s16", "s26")),
    (PAIR, "the convoy attack and the fighter jet", S, (sid("On August 14"), sid("fighter jet"))),
    # -- stop and think: a sentence or any thought ---------------------------------------------------
    (THINK, "the bit about Congo", S, (sid("Congo"),)),
    (THINK, "nobody gives those reasons", "text", "nobody gives those reasons"),
    (THINK, "next", "next", None),
    # -- written answers -------------------------------------------------------------------------------
    (TEXT, "They call it a convoy, then a drone incident, then a fighter jet.", "text",
     "They call it a convoy, then a drone incident, then a fighter jet."),
    (TEXT, "hmm", "invalid", None),
    (TEXT, "idk", "dont_know", None),
    (TEXT, "hint", "hint", None),
    # -- commands, in any context ------------------------------------------------------------------------
    (NEXT, "help", "help", None),
    (CHOICE, "?", "help", None),
    (NEXT, "what can I say", "help", None),
    (CHOICE, "hint", "hint", None),
    (CHOICE, "can I have a hint", "hint", None),
    (CITE, "give me a hint please", "hint", None),
    (CHOICE, "repeat", "repeat", None),
    (CHOICE, "say that again", "repeat", None),
    (CHOICE, "skip", "skip", None),
    (CITE, "pass", "skip", None),
    (CHOICE, "why", "why", None),
    (CHOICE, "Why?", "why", None),
    (NEXT, "article", "article", None),
    (CHOICE, "show me the article", "article", None),
    (CITE, "show section 2", "section", 2),
    (NEXT, "section three", "section", 3),
    (CHOICE, "score", "score", None),
    (CHOICE, "progress", "score", None),
    (NEXT, "how am I doing", "score", None),
    (CHOICE, "restart", "restart", None),
    (NEXT, "start over", "restart", None),
    (NEXT, "skip to the quiz", "quiz", None),
    (END, "reveal", "reveal", None),
    (END, "show me the ledger", "reveal", None),
    (END, "retry the missed questions", "retry", None),
    # -- conversation --------------------------------------------------------------------------------------
    (NEXT, "ok", "yes", None),
    (NEXT, "let's go", "next", None),
    (NEXT, "Start the lesson", "next", None),
    (NEXT, "no thanks", "no", None),
    (NEXT, "blah blah", "unknown", None),
]


def test_the_table_is_big_enough_and_covers_every_kind():
    assert len(TABLE) >= 60
    kinds = {row[2] for row in TABLE}
    assert {"option", "options", "sentences", "text", "ambiguous", "invalid", "unknown", "dont_know", "help", "hint",
            "repeat", "skip", "why", "article", "section", "score", "restart", "yes", "no", "next"} <= kinds


@pytest.mark.parametrize(("expect", "text", "kind", "value"), TABLE, ids=[f"{r[0].kind}:{r[1]}" for r in TABLE])
def test_intent_table(expect, text, kind, value):
    intent = parse(text, expect, INDEX)
    assert intent.kind == kind, (text, intent)
    if kind in ("ambiguous", "confirm"):
        assert {c.value for c in intent.candidates} == value
        assert all(c.label for c in intent.candidates)
    elif kind == "invalid":
        assert intent.note  # it always says why
    elif value is not None:
        assert intent.value == value


@pytest.mark.parametrize(
    ("typed", "left"),
    [("I think it's B", "b"), ("maybe not stated?", "not stated"), ("my answer is: the drone one", "the drone one"),
     ("b, I think", "b"), ("well, um, it's c", "c")],
)
def test_lead_ins_and_trailers_are_stripped(typed, left):
    assert strip_lead_ins(typed.lower()) == left


def test_a_clarification_is_answered_by_number_label_or_a_fresh_answer():
    asked = parse("no", STATEMENT, INDEX)
    assert asked.kind == "ambiguous"
    by_number = resolve_clarification("2", asked.candidates, STATEMENT, INDEX)
    assert (by_number.kind, by_number.value) == ("option", "contradicted")
    by_label = resolve_clarification(asked.candidates[0].label, asked.candidates, STATEMENT, INDEX)
    assert (by_label.kind, by_label.value) == ("option", "not-stated")
    fresh = resolve_clarification("it doesn't say", asked.candidates, STATEMENT, INDEX)
    assert (fresh.kind, fresh.value) == ("option", "not-stated")
    other = resolve_clarification("hint", asked.candidates, STATEMENT, INDEX)
    assert other.kind == "hint"  # something else entirely: the question is dropped, not guessed


def test_a_sentence_clarification_keeps_the_sentence_already_found():
    asked = parse("the fighter jet one and the convoy one", PAIR, INDEX)
    assert asked.kind == "ambiguous"
    jet = sid("fighter jet")
    assert all(c.value[0] == jet and len(c.value) == 2 for c in asked.candidates)
    chosen = resolve_clarification("s16", asked.candidates, PAIR, INDEX)
    assert chosen.kind == "sentences" and set(chosen.value) == {jet, "s16"}
