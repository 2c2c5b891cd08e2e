"""``choice``: the learner picks one option. All or nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import SingleOptionType
from .expect import Expect

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question


class ChoiceType(SingleOptionType):
    name = "choice"
    balanced_options = True
    chat_instructions = "Tap an option, or type its letter or a few of its words."

    def check_options(self, q: Question, raw: dict, check: Checker, item: str) -> None:
        self.check_option_texts(q, check, item)

    def expect(self, q: Question) -> Expect:
        return Expect("choice", self.choices(q))
