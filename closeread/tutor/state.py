"""One conversation's state: where the learner is in the script. Stored as JSON in ``chat_sessions.state``.

The engine works on a :class:`State`; the store keeps its :meth:`~State.to_dict`. Stored states of every
earlier version are read by :meth:`State.from_dict` (a saved conversation must resume after an upgrade):

* version 1 (and states written before the version field existed): the same keys as today, some may be
  missing; a missing key takes its default, an unknown key is dropped.
* version 2: adds nothing to the stored keys; it is the version the ``State`` dataclass writes, so that a
  later change of shape can tell the two apart.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from enum import StrEnum

STATE_VERSION = 2


def _copy(value):
    """A stored value, copied so the caller's dict is never changed (only lists and dicts need it)."""
    if isinstance(value, list):
        return list(value)
    return copy.deepcopy(value) if isinstance(value, dict) else value


class Phase(StrEnum):
    GREETING = "greeting"
    SKILL = "skill"
    READING = "reading"
    QUIZ = "quiz"
    PRACTICE = "practice"
    END = "end"


@dataclass
class State:
    """Where one learner is.

    ``index`` which skill / which reading part; ``awaiting`` "check" or "next" (skills only); ``question`` the
    open quiz or practice question id; ``deferred`` skipped question ids, asked after the others; ``last`` the
    last graded question id (for "why"); ``picked`` sentences picked so far for a pair question; ``pending``
    ``{"kind": "clarify" | "confirm" | "restart", "candidates": [[label, kind, value], ...]}``; ``practice``
    ``{"queue", "right", "done", "hints"}`` during a retry; ``highlight`` sentence ids the latest reply refers to.
    """

    phase: Phase = Phase.GREETING
    index: int = 0
    awaiting: str | None = None
    question: str | None = None
    deferred: list[str] = field(default_factory=list)
    last: str | None = None
    picked: list[str] = field(default_factory=list)
    pending: dict | None = None
    practice: dict | None = None
    highlight: list[str] = field(default_factory=list)
    v: int = STATE_VERSION

    @classmethod
    def from_dict(cls, data: dict | State | None) -> State:
        """A state from its stored form, of this version or an earlier one."""
        if isinstance(data, State):
            return copy.deepcopy(data)
        data = dict(data or {})
        known = {f.name for f in fields(cls)} - {"v"}
        kept = {k: _copy(v) for k, v in data.items() if k in known and v is not None}
        state = cls(**kept)
        try:
            state.phase = Phase(state.phase)
        except ValueError:
            state.phase = Phase.GREETING  # a phase this version does not know: start the script again
        state.deferred = list(state.deferred or [])
        state.picked = list(state.picked or [])
        state.highlight = list(state.highlight or [])
        state.index = int(state.index or 0)
        return state

    def to_dict(self) -> dict:
        """The stored (JSON) form. Written out by hand: ``dataclasses.asdict`` deep-copies, and this runs every turn."""
        return {
            "v": STATE_VERSION, "phase": str(self.phase), "index": self.index, "awaiting": self.awaiting,
            "question": self.question, "deferred": list(self.deferred), "last": self.last, "picked": list(self.picked),
            "pending": copy.deepcopy(self.pending), "practice": copy.deepcopy(self.practice),
            "highlight": list(self.highlight),
        }
