"""The question-type registry: one class per type, and what each says to the form, the chat and the reports."""

import importlib
from pathlib import Path

import pytest
from wtforms import RadioField, TextAreaField

import closeread.questions
from closeread.content.loader import load_content
from closeread.questions.base import MultiCheckboxField, QuestionType
from closeread.questions.registry import QUESTION_TYPES, TYPES, question_type
from closeread.questions.results import describe
from tests.helpers import FIXTURES

README_ORDER = ("choice", "multi", "verdict", "cite", "pair", "explain")


@pytest.fixture(scope="module")
def lesson():
    return load_content(FIXTURES / "mini")["mini"]


def by_type(lesson, name):
    return next(q for q in lesson.quiz.questions if q.type == name)


def test_every_type_is_one_module_with_one_class_in_the_registry():
    assert QUESTION_TYPES == README_ORDER
    folder = Path(closeread.questions.__file__).parent
    for name in QUESTION_TYPES:
        assert (folder / f"{name}.py").exists(), name
        module = importlib.import_module(f"closeread.questions.{name}")
        classes = [v for v in vars(module).values()
                   if isinstance(v, type) and issubclass(v, QuestionType) and v.__module__ == module.__name__]
        assert [c.name for c in classes] == [name]
        assert isinstance(TYPES[name], classes[0])


def test_a_question_knows_its_type(lesson):
    for q in lesson.quiz.questions:
        assert q.kind is question_type(q.type)


@pytest.mark.parametrize(("name", "field", "expect", "exactly"), [
    ("choice", RadioField, "choice", None),
    ("verdict", RadioField, "choice", None),
    ("multi", MultiCheckboxField, "multi", None),
    ("cite", MultiCheckboxField, "sentences", None),
    ("pair", MultiCheckboxField, "sentences", 2),
    ("explain", TextAreaField, "text", None),
])
def test_each_type_builds_its_form_field_and_says_what_the_chat_expects(lesson, name, field, expect, exactly):
    q = by_type(lesson, name)
    unbound = q.kind.form_field(q, lesson.article)
    assert unbound.field_class is field
    e = q.kind.expect(q)
    assert e.kind == expect and e.exactly == exactly
    assert (e.scale == q.scale) if name == "verdict" else e.scale is None
    assert q.kind.chat_instructions


def test_verdict_choices_carry_short_labels_for_the_chat(lesson):
    q = by_type(lesson, "verdict")
    labels = {c.id: c.label for c in q.kind.expect(q).options}
    assert labels == {"stated": "Stated", "not-stated": "Not stated", "contradicted": "Contradicted"}


def test_the_chat_answer_takes_the_type_shape(lesson):
    multi, pair, choice = by_type(lesson, "multi"), by_type(lesson, "pair"), by_type(lesson, "choice")
    assert multi.kind.from_chat(multi, "a") == ["a"]
    assert multi.kind.from_chat(multi, ("a", "b")) == ["a", "b"]
    assert pair.kind.from_chat(pair, ("s3", "s1")) == ["s3", "s1"]
    assert choice.kind.from_chat(choice, "b") == "b"


def test_keys_are_described_for_people(lesson):
    pair = by_type(lesson, "pair")
    (line,) = describe(pair, pair.key, lesson)
    first, second = line.split(" + ")
    ids = [first.split(":")[0], second.split(":")[0]]
    assert ids == sorted(ids, key=lambda sid: lesson.article.by_id[sid].number)
    choice = by_type(lesson, "choice")
    assert describe(choice, choice.key, lesson) == [f"A. {choice.option_by_id['a'].text}"]
    assert describe(choice, None, lesson) == []


def test_the_heatmap_expects_the_keyed_pair_closest_to_the_picks(lesson):
    pair = by_type(lesson, "pair")
    (keyed,) = pair.key
    one = sorted(keyed)[0]
    assert pair.kind.expected_sentences(pair, {one, "s999"}) == set(keyed)
    cite = by_type(lesson, "cite")
    assert cite.kind.expected_sentences(cite, set()) == cite.key_sentences
    assert by_type(lesson, "choice").kind.expected_sentences(by_type(lesson, "choice"), {"s1"}) == set()


def test_only_the_written_type_is_provisional(lesson):
    assert [name for name in QUESTION_TYPES if TYPES[name].provisional] == ["explain"]
    assert [name for name in QUESTION_TYPES if TYPES[name].selects_sentences] == ["cite", "pair"]
