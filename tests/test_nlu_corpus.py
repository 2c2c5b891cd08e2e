"""The learner-message corpus: consistent with the quiz content, and understood well enough.

The corpus (tests/data/learner_messages.toml) was written by someone who never
saw the parser, labelled with what each learner meant. Its own validator checks
it against the real quiz and tutor content, so a content change that makes a
label stale fails here, naming the message.
"""

import importlib.util
import sys
import tomllib

from tests.helpers import ROOT

DATA = ROOT / "tests" / "data"


def _validator(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["validate_corpus.py"])  # its default paths: this repository's content
    spec = importlib.util.spec_from_file_location("validate_corpus", DATA / "validate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_is_consistent_with_the_quiz_and_tutor_content(monkeypatch):
    v = _validator(monkeypatch)
    questions, order, skills = v.load_choices()
    messages = tomllib.loads((DATA / "learner_messages.toml").read_text(encoding="utf-8"))["message"]
    assert len(messages) >= 480
    assert v.check(messages, questions, order, skills) == []
