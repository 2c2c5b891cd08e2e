"""Question types by name. Adding a type: one module with its class, listed here, and its tests."""

from __future__ import annotations

from .base import QuestionType
from .choice import ChoiceType
from .cite import CiteType
from .explain import ExplainType
from .multi import MultiType
from .pair import PairType
from .verdict import VerdictType

TYPES: dict[str, QuestionType] = {
    t.name: t for t in (ChoiceType(), MultiType(), VerdictType(), CiteType(), PairType(), ExplainType())
}
QUESTION_TYPES = tuple(TYPES)  # in the order the README lists them


def question_type(name: str) -> QuestionType:
    return TYPES[name]
