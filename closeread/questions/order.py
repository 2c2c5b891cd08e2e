"""The order one attempt shows a question's options in: shuffled per attempt, the same on every device.

Why: options always came in the quiz file's order, and in most choice items
the keyed option was the longest, so a test-wise learner could score without
reading. Each attempt has a random ``option_seed`` (``attempts`` table, set
when the attempt is made); a question's options are sorted by SHA-256 of
(seed, question id, option id). That is an unbiased random order for each
attempt and question, and it is *derived*, not stored: resuming on another
device, in the form quiz or in the chat, gives the same order without a write.
It does not use :mod:`random` either, whose ``shuffle`` may change between
Python versions (an attempt must read the same after an upgrade).

* Verdict questions keep their scale's order (stated / not stated /
  contradicted is a scale, not a list): a type says so with
  ``QuestionType.shuffles_options``.
* The letters a learner sees (A, B, C…) follow the displayed order: a
  :func:`shown` question has ``shown = True`` and labels options by position.
* Answers are stored by option id, so scores, CSV files, item analysis and the
  answer key (which use the quiz file's question, ``shown = False``) keep the
  file's ids and order.
* An attempt without a seed (made before shuffling existed) keeps the file's
  order, so nothing moves under a learner half-way through.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.model import Option, Question

LETTERS = "abcdefgh"  # option letters by position; the content allows at most eight options

# How a caller turns a quiz-file question and an attempt's seed into the question the learner sees.
OptionOrder = Callable[["Question", "str | None"], "Question"]


def new_seed() -> str:
    """A fresh attempt's seed: random, not secret (knowing it tells nothing about the key)."""
    return secrets.token_hex(8)


def _rank(seed: str, question_id: str, option_id: str) -> bytes:
    return hashlib.sha256(f"{seed}\x1f{question_id}\x1f{option_id}".encode()).digest()


@functools.lru_cache(maxsize=4096)
def _positions(seed: str, question_id: str, option_ids: tuple[str, ...]) -> tuple[int, ...]:
    """Where each shown option stands in the file (cached: every chat turn and page view asks again)."""
    return tuple(sorted(range(len(option_ids)), key=lambda i: _rank(seed, question_id, option_ids[i])))


def option_order(q: Question, seed: str | None) -> list[Option]:
    """The options in the order the attempt with ``seed`` shows them."""
    if not seed or len(q.options) < 2 or not q.kind.shuffles_options:
        return list(q.options)
    return [q.options[i] for i in _positions(seed, q.id, tuple(o.id for o in q.options))]


def _view(q: Question, options: list[Option]) -> Question:
    view = copy.copy(q)  # shallow: the question's other fields are shared, and never changed after loading
    view.options = options
    view.shown = True
    return view


def shown(q: Question, seed: str | None) -> Question:
    """The question as the attempt with ``seed`` shows it: its options in that order, lettered by position."""
    return _view(q, option_order(q, seed))


def file_order(q: Question, seed: str | None = None) -> Question:
    """The question with the quiz file's order, lettered by position (tests, the learner-message corpus)."""
    return _view(q, list(q.options))


def order_statement(q: Question) -> str:
    """How a shown question's letters map to the quiz file's option ids, e.g. "A = c, B = a, C = d, D = b"."""
    return ", ".join(f"{LETTERS[i].upper()} = {o.id}" for i, o in enumerate(q.options))
