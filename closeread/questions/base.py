"""What every question type knows, and the shared parts of the option types and the sentence types.

One class per type (``choice.py`` … ``explain.py``), one instance of each in
:mod:`.registry`. A type's class validates its part of the content file (with
the loader's :class:`~closeread.content.checker.Checker`, so faults read the
same everywhere), normalises an answer from the form or the chat, grades it,
describes an answer or a key for people (result pages, CSV, the chat), builds
its form field and says what the chat waits for. No Flask here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from wtforms import Field, RadioField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..content.model import Distractor, Option
from ..content.sentences import sentence_number
from .expect import Choice, Expect
from .grading import AnswerError, Feedback, Grade, scaled
from .order import LETTERS

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question
    from ..content.sentences import Article


class QuestionType(ABC):
    name: ClassVar[str]
    selects_sentences: ClassVar[bool] = False  # answered by ticking sentences of the article
    provisional: ClassVar[bool] = False  # scored provisionally, then reviewed by a teacher
    shuffles_options: ClassVar[bool] = False  # options shown in a per-attempt order (questions/order.py)
    chat_instructions: ClassVar[str]  # how to answer in the chat
    balanced_options: ClassVar[bool] = False  # free-text options: the key must not stand out (content rules)

    # -- the content file --------------------------------------------------------------------
    def load(self, q: Question, raw: dict, check: Checker, item: str, misconceptions: dict) -> None:
        """Check and read what this type needs; the loader has read the common fields and the options."""
        self.check_options(q, raw, check, item)
        q.key = self.load_key(q, raw, check, item)
        self.load_distractors(q, raw, check, item, misconceptions)
        self.load_extra(q, raw, check, item)

    def check_options(self, q: Question, raw: dict, check: Checker, item: str) -> None:
        if q.options:
            check.fail(item, f"{self.name} questions do not take options")

    def load_key(self, q: Question, raw: dict, check: Checker, item: str) -> object:
        key = raw.get("key")
        if key is None:
            check.fail(item, "missing 'key'")
            return None
        return self.read_key(q, key, check, item)

    def read_key(self, q: Question, key: object, check: Checker, item: str) -> object:
        """The key in its loaded shape, or None after reporting why it is broken. Each keyed type overrides it."""
        return key

    def load_distractors(self, q: Question, raw: dict, check: Checker, item: str, misconceptions: dict) -> None:
        if raw.get("distractor"):
            check.fail(item, "only cite and pair questions take distractors")

    def load_extra(self, q: Question, raw: dict, check: Checker, item: str) -> None:
        """Fields only this type has (the rubric of a written answer); most types have none."""
        if "wrong_conclusions" in raw or "rubric" in raw:
            check.fail(item, "only explain questions take a rubric and 'wrong_conclusions'")

    # -- answers -----------------------------------------------------------------------------
    @abstractmethod
    def normalise(self, q: Question, answer: object) -> object:
        """Check the answer's shape and return it in canonical form; raise AnswerError if it is wrong."""

    @abstractmethod
    def grade(self, q: Question, answer: object) -> Grade:
        """Grade an answer already normalised."""

    def from_chat(self, q: Question, value: object) -> object:
        """The answer, from what the chat understood (an option id, option ids, sentence ids or text)."""
        return value

    @abstractmethod
    def keyed_ids(self, q: Question) -> set[str]:
        """The option or sentence ids in the key."""

    def key_sentences(self, q: Question) -> set[str]:
        return self.keyed_ids(q) if self.selects_sentences else set()

    def expected_sentences(self, q: Question, picks: set[str]) -> set[str]:
        """The keyed sentences a learner who picked ``picks`` should have picked (the heatmap's "missed")."""
        return set()

    def judged_sentences(self, q: Question, article: Article) -> set[str]:
        """Sentences the question is about beyond its evidence and key (a verdict on one sentence)."""
        return set()

    def keyed_texts(self, q: Question, article: Article) -> list[str]:
        """The words of the keyed answer, for the rule that no hint gives them away."""
        return [article.by_id[s].text for s in sorted(self.key_sentences(q)) if s in article.by_id]

    # -- people ------------------------------------------------------------------------------
    @abstractmethod
    def describe(self, q: Question, value: object, article: Article) -> list[str]:
        """Readable lines for an answer or a key (not None), for result pages, the chat and CSV."""

    @abstractmethod
    def form_field(self, q: Question, article: Article) -> Field:
        """The unbound WTForms field of the answer form."""

    @abstractmethod
    def expect(self, q: Question) -> Expect:
        """What the chat waits for while this question is open."""


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ExactCount:
    """A field validator: exactly ``n`` ticks."""

    def __init__(self, n: int):
        self.n = n

    def __call__(self, form, field) -> None:
        if len(field.data or []) != self.n:
            raise ValidationError(f"Select exactly {self.n} sentences.")


def picked_ids(answer: object) -> list[str]:
    """A list of distinct ids from one id or a list of them; AnswerError for anything else."""
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple)) or not all(isinstance(a, str) for a in answer):
        raise AnswerError("Select from the list.")
    return list(dict.fromkeys(answer))


class OptionType(QuestionType):
    """Types answered by picking options: choice, multi, verdict. Choice and multi shuffle them per attempt."""

    shuffles_options = True

    def option_letter(self, q: Question, option: Option) -> str:
        """A learner's letter follows the displayed position; a teacher's view (the file's question) the id."""
        return LETTERS[q.options.index(option)].upper() if q.shown else option.id.upper()

    def keyed_texts(self, q: Question, article: Article) -> list[str]:
        return [q.option_by_id[k].text for k in sorted(self.keyed_ids(q)) if k in q.option_by_id]

    def option_label(self, q: Question, option: Option) -> str:
        return f"{self.option_letter(q, option)}. {option.text}"

    def choices(self, q: Question) -> tuple[Choice, ...]:
        return tuple(Choice(o.id, o.text) for o in q.options)

    def check_option_texts(self, q: Question, check: Checker, item: str) -> None:
        if len(q.options) < 3:
            check.fail(item, f"a {self.name} question needs at least three options")
        if len(q.options) > len(LETTERS):
            check.fail(item, f"a {self.name} question has at most {len(LETTERS)} options (A to {LETTERS[-1].upper()})")
        for o in q.options:
            if not o.text:
                check.fail(item, f"option '{o.id}' needs 'text'")
            elif self.shuffles_options:
                check.order_free(item, o.text, f"option '{o.id}'")

    def describe(self, q: Question, value: object, article: Article) -> list[str]:
        ids = [value] if isinstance(value, str) else list(value)
        opts = q.option_by_id
        return [self.option_label(q, opts[i]) for i in ids if i in opts]

    def grade_picks(self, q: Question, picks: list[str], keyed: set[str]) -> Grade:
        """``max(0, right - wrong) / keyed`` of the points, with each picked option's feedback."""
        right = [p for p in picks if p in keyed]
        wrong = [p for p in picks if p not in keyed]
        grade = Grade(scaled(q.points, (len(right) - len(wrong)) / len(keyed)), q.points)
        for p in picks:
            opt = q.option_by_id[p]
            grade.feedback.append(Feedback(opt.feedback, p in keyed, p))
            if p not in keyed and opt.misconception:
                grade.misconceptions.append(opt.misconception)
        return grade


class SingleOptionType(OptionType):
    """One option is right: choice and verdict, all or nothing."""

    def read_key(self, q: Question, key: object, check: Checker, item: str) -> object:
        option_ids = {o.id for o in q.options}
        if not isinstance(key, str) or key not in option_ids:
            check.fail(item, f"key {key!r} is not one of the options ({', '.join(sorted(option_ids))})")
            return None
        return key

    def normalise(self, q: Question, answer: object) -> object:
        if not isinstance(answer, str) or answer not in q.option_by_id:
            raise AnswerError("Choose one of the options.")
        return answer

    def grade(self, q: Question, answer: object) -> Grade:
        return self.grade_picks(q, [answer], {q.key})

    def keyed_ids(self, q: Question) -> set[str]:
        return {q.key}

    def form_field(self, q: Question, article: Article) -> Field:
        choices = [SelectChoice(o.id, self.option_label(q, o)) for o in q.options]
        return RadioField("Your answer", choices=choices, validators=[InputRequired("Choose one of the options.")])


class SentenceType(QuestionType):
    """Types answered by ticking sentences of the article: cite and pair. They may explain wrong picks."""

    selects_sentences = True
    exactly: ClassVar[int | None] = None  # how many sentences an answer has, if fixed

    def load_distractors(self, q: Question, raw: dict, check: Checker, item: str, misconceptions: dict) -> None:
        for n, d in enumerate(raw.get("distractor") or [], 1):
            sid = check.resolve(item, d.get("quote"), f"distractor {n} quote")
            feedback = check.text(item, d, "feedback")
            check.quotes_article(item, feedback, f"feedback of distractor {n}")
            tag = d.get("misconception")
            if tag is not None and tag not in misconceptions:
                check.fail(item, f"distractor {n} uses undefined misconception '{tag}'")
            if sid and sid in q.key_sentences:
                check.fail(item, f"distractor {n} ({sid}) is part of the key")
            elif sid:
                q.distractors[sid] = Distractor(sid, feedback or "", tag)

    def normalise(self, q: Question, answer: object) -> object:
        """Sentence ids in reading order; the caller checks that they are sentences of the article."""
        picks = picked_ids(answer)
        if self.exactly and len(picks) != self.exactly:
            raise AnswerError("Select exactly two sentences.")
        if not picks:
            raise AnswerError("Select at least one sentence.")
        return sorted(picks, key=sentence_number)

    def from_chat(self, q: Question, value: object) -> object:
        return list(value)

    def distractor_feedback(self, q: Question, grade: Grade, picks: list[str]) -> None:
        for p in picks:
            d = q.distractors.get(p)
            if d:
                grade.feedback.append(Feedback(d.feedback, False, p))
                if d.misconception:
                    grade.misconceptions.append(d.misconception)

    def describe(self, q: Question, value: object, article: Article) -> list[str]:
        sentences = article.by_id
        return [f"{sid}: {sentences[sid].text}" for sid in value if sid in sentences]

    def form_field(self, q: Question, article: Article) -> Field:
        validators = [DataRequired("Select at least one sentence of the article.")]
        if self.exactly:
            validators.append(ExactCount(self.exactly))
        return MultiCheckboxField(
            "Sentences of the article",
            choices=[SelectChoice(s.id, s.text) for s in article.sentences],
            validators=validators,
        )

    def expect(self, q: Question) -> Expect:
        return Expect("sentences", exactly=self.exactly)
