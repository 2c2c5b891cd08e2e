"""Helpers shared by the test modules."""

import re
from pathlib import Path

from app import create_app
from closeread.db import connect
from closeread.questions.order import shown

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_app(tmp_path, content_root=ROOT, **config):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-for-the-test-suite-only-0123456789",
            "DATABASE": str(tmp_path / "test.sqlite"),
            "CONTENT_ROOT": str(content_root),
            "WTF_CSRF_ENABLED": False,
            **config,
        }
    )


def attempt_seed(app, attempt_id):
    """The attempt's seed for the order of its options, as stored."""
    db = connect(app.config["DATABASE"])
    try:
        return db.execute("SELECT option_seed FROM attempts WHERE id = ?", [attempt_id]).fetchone()[0]
    finally:
        db.close()


def as_shown(app, attempt_id, question):
    """The question with its options in the order this attempt shows them (letters follow that order)."""
    return shown(question, attempt_seed(app, attempt_id))


def key_answer(question):
    """The form data that answers a question with its key."""
    if question.type in ("choice", "verdict"):
        return {"answer": question.key}
    if question.type in ("multi", "cite"):
        return {"answer": list(question.key)}
    if question.type == "pair":
        return {"answer": sorted(question.key[0])}
    return {"answer": question.model_answer}  # an explain question's key is its model answer


class QuizDriver:
    """Starts attempts and answers questions through the real routes."""

    def __init__(self, client, lesson):
        self.client = client
        self.lesson = lesson

    def start(self):
        """A new attempt; starting leads to the trust rating before reading (the questions open by number)."""
        response = self.client.post(f"/lessons/{self.lesson.slug}/attempts")
        assert response.status_code == 302
        match = re.search(r"/attempts/(\d+)/trust/before$", response.headers["Location"])
        assert match, response.headers["Location"]
        return int(match.group(1))

    def answer(self, attempt_id, question, data=None):
        url = f"/attempts/{attempt_id}/questions/{question.number}"
        self.client.get(url)
        return self.client.post(url, data=data if data is not None else key_answer(question))


def asked_order(lesson):
    """The questions in the order the form quiz and the chat ask them: round by round."""
    return [lesson.quiz.by_id[qid] for r in lesson.rounds for qid in r.question_ids]


def asked_before(lesson, question):
    """The questions asked before ``question``: answer them all and it is the next one."""
    order = asked_order(lesson)
    return order[: order.index(question)]


def corpus_validator(monkeypatch, corpus: Path):
    """tests/data/validate_corpus.py loaded as a module, set to check ``corpus`` against the frozen lesson
    the learner-message corpora were labelled on (tests/data/corpus_lesson; its README says why)."""
    import importlib.util
    import sys

    data = ROOT / "tests" / "data"
    frozen = data / "corpus_lesson"
    monkeypatch.setattr(sys, "argv", ["validate_corpus.py", str(corpus),
                                      str(frozen / "quizzes" / "germany-mali.toml"),
                                      str(frozen / "lesson" / "germany-mali" / "tutor.toml")])
    spec = importlib.util.spec_from_file_location(f"validate_corpus_{corpus.stem}", data / "validate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
