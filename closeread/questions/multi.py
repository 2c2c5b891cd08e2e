"""``multi``: the learner ticks all that apply. ``max(0, right - wrong) / keyed`` of the points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wtforms import Field
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from .base import MultiCheckboxField, OptionType, picked_ids
from .expect import Expect
from .grading import AnswerError, Grade

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question
    from ..content.sentences import Article


class MultiType(OptionType):
    name = "multi"
    chat_instructions = "Tick every option that fits and send, or type the letters (for example “a and c”)."

    def check_options(self, q: Question, raw: dict, check: Checker, item: str) -> None:
        self.check_option_texts(q, check, item)

    def read_key(self, q: Question, key: object, check: Checker, item: str) -> object:
        if not isinstance(key, list) or len(key) < 2:
            check.fail(item, "a multi key must list at least two option ids")
            return None
        option_ids = {o.id for o in q.options}
        bad = [k for k in key if k not in option_ids]
        if bad:
            check.fail(item, f"key refers to unknown option(s): {', '.join(map(str, bad))}")
            return None
        return list(dict.fromkeys(key))

    def normalise(self, q: Question, answer: object) -> object:
        picks = picked_ids(answer)
        unknown = [p for p in picks if p not in q.option_by_id]
        if unknown or not picks:
            raise AnswerError("Tick at least one of the options.")
        return sorted(picks)

    def grade(self, q: Question, answer: object) -> Grade:
        return self.grade_picks(q, answer, set(q.key))

    def from_chat(self, q: Question, value: object) -> object:
        return [value] if isinstance(value, str) else list(value)

    def keyed_ids(self, q: Question) -> set[str]:
        return set(q.key)

    def form_field(self, q: Question, article: Article) -> Field:
        return MultiCheckboxField(
            "Your answer",
            choices=[SelectChoice(o.id, self.option_label(q, o)) for o in q.options],
            validators=[DataRequired("Tick at least one option.")],
        )

    def expect(self, q: Question) -> Expect:
        return Expect("multi", self.choices(q))
