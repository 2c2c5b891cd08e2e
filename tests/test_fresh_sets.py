"""The fresh held-out sets: independent writers' learner messages and graded explanations.

They were written after the parser and the pre-score had been tuned, by someone who
read neither, so they measure understanding on text nobody tuned on (README, "Fresh
held-out sets"). These tests keep them usable: every label still names a real
question, option, sentence or command of the frozen lesson they were written against,
and every graded answer names a real point of its question's rubric.
"""

import tomllib

import pytest

from tests.helpers import ROOT, corpus_validator

DATA = ROOT / "tests" / "data"
FROZEN = DATA / "corpus_lesson"


def _validator(monkeypatch, name: str):
    """The main corpus's own validator for a smaller set: its per-category minimums scaled down to 8 or less."""
    module = corpus_validator(monkeypatch, DATA / name)
    monkeypatch.setattr(module, "MINIMA", {c: min(8, n // 2) for c, n in module.MINIMA.items()})
    return module


@pytest.mark.parametrize(("name", "at_least"), [("learner_messages_fresh.toml", 300),
                                               ("learner_messages_fresh2.toml", 200),
                                               ("learner_messages_fresh3.toml", 300),
                                               ("learner_messages_fresh4.toml", 280),
                                               ("learner_messages_fresh5.toml", 240)])
def test_the_fresh_messages_are_consistent_with_the_frozen_lesson(monkeypatch, name, at_least):
    v = _validator(monkeypatch, name)
    questions, order, skills = v.load_choices()
    messages = tomllib.loads((DATA / name).read_text(encoding="utf-8"))["message"]
    assert len(messages) >= at_least
    problems = v.check(messages, questions, order, skills)
    assert [p for p in problems if not p.startswith("total ")] == []  # the 480 total is the main corpus's


def test_the_fresh_explanations_name_real_points_and_scores():
    rubric = tomllib.loads((DATA / "explanations.toml").read_text(encoding="utf-8"))["points"]
    answers = tomllib.loads((DATA / "explanations_fresh.toml").read_text(encoding="utf-8"))["answer"]
    per_question = {q: [a for a in answers if a["question"] == q] for q in rubric}
    assert all(len(a) >= 30 for a in per_question.values())
    for a in answers:
        assert a["question"] in rubric, a["text"][:40]
        assert set(a["covered"]) <= set(rubric[a["question"]]), a["text"][:40]
        assert 0 <= a["score"] <= 2 and (a["score"] * 2).is_integer(), a["text"][:40]
        assert a["why"].strip()
