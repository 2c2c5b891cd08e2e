"""Flask-WTF forms of the lesson editor. Every form carries the revision it was opened on."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms import Form as PlainForm
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from ..content.model import CATEGORIES, LEDGER_LABELS
from ..forms import Form
from ..questions.registry import QUESTION_TYPES
from ..questions.verdict import VERDICT_SCALES
from .document import FIELD_LIMITS, MAX_CHARS

TYPE_NAMES = {
    "choice": "Choice: one right option",
    "multi": "Several: tick all that apply",
    "verdict": "Verdict: stated, not stated or contradicted",
    "cite": "Cite: pick the sentences that show it",
    "pair": "Pair: two sentences that cannot both be true",
    "explain": "Explain: a written answer with a rubric",
}
OPTION_IDS = "abcdefgh"
MAX_RUBRIC = 6
MAX_PAIRS = 4
MAX_DISTRACTORS = 4
PROMPT_MAX, FEEDBACK_MAX, OPTION_MAX, HINT_MAX, WORDS_MAX = 1_000, 1_000, 300, 1_200, 300


def _limit(name: str) -> Length:
    return Length(max=FIELD_LIMITS[name], message=f"At most {FIELD_LIMITS[name]:,} characters.")


def _max(n: int) -> Length:
    return Length(max=n, message=f"At most {n:,} characters.")


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class Revisioned(Form):
    # No id: a page holds several forms of the same draft, each with its revision.
    revision = HiddenField(validators=[InputRequired(), Regexp(r"^\d{1,9}$")], render_kw={"id": False})


class NewLessonForm(Form):
    title = StringField("Title (the article's headline)", validators=[_limit("title")])
    body = TextAreaField("The article's text", validators=[Length(max=MAX_CHARS + 2_000, message=(
        f"The article is too long: a lesson takes at most {MAX_CHARS:,} characters. Cut it to the part you want "
        "to teach."))])
    upload = FileField("Or upload a file (.txt, .md or .html)")
    source = StringField("Source (optional): where it was published", validators=[_limit("source")])
    author = StringField("Author (optional)", validators=[_limit("author")])
    date = StringField("Date published (optional)", validators=[_limit("date")])


class DetailsForm(Revisioned):
    title = StringField("Title (the article's headline, sentence s1)", validators=[DataRequired(
        "Give the lesson a title."), _limit("title")])
    summary = TextAreaField("Summary (one or two sentences on the lesson page)", validators=[_limit("summary")])
    source = StringField("Source: where it was published", validators=[_limit("source")])
    author = StringField("Author", validators=[_limit("author")])
    date = StringField("Date published", validators=[_limit("date")])
    fictional = BooleanField("This article was made up for practice (learners are told so)")
    teaching = TextAreaField("Teaching before the questions (Markdown; empty: the standard text on claims, sources "
                             "and contradictions)", validators=[_limit("teaching")])
    slug = StringField("Address of the lesson (letters, digits, hyphens)", validators=[Optional(), Length(
        max=40), Regexp(r"^[a-z0-9][a-z0-9-]*$", message="Use lower-case letters, digits and hyphens.")])


class LedgerForm(Revisioned):
    labels = Checkboxes("Labels", choices=list(LEDGER_LABELS.items()))
    note = TextAreaField("Note for learners (why these labels)", validators=[_limit("note")])
    contradicts = StringField("Contradicts (ids of the sentences it cannot be true with)", validators=[_max(200)],
                              render_kw={"data-pick": ""})
    tension_with = StringField("In tension with (ids of sentences it looks odd next to)", validators=[_max(200)],
                               render_kw={"data-pick": ""})
    lateral = TextAreaField("Lateral-reading note (an outside fact to check)", validators=[_limit("lateral")])


class SplitForm(Revisioned):
    at = SelectField("Split after", coerce=int, validate_choice=True)


class LabelRestForm(Revisioned):
    label = SelectField("Label", choices=[(k, v) for k, v in LEDGER_LABELS.items() if k not in ("contradicted",
                                                                                            "tension")])


class DecisionForm(Revisioned):
    sentence = HiddenField(validators=[DataRequired(), Regexp(r"^s\d{1,4}$")])
    label = HiddenField(validators=[DataRequired(), Length(max=40)])
    kind = HiddenField(validators=[Length(max=60)])
    cue = HiddenField(validators=[Length(max=300)])
    decision = HiddenField(validators=[DataRequired(), Regexp(r"^(accept|dismiss)$")])


class NewQuestionForm(Revisioned):
    type = SelectField("Type", choices=[(t, TYPE_NAMES[t]) for t in QUESTION_TYPES])
    category = SelectField("Skill", choices=list(CATEGORIES.items()))


class OptionForm(PlainForm):
    text = StringField("Option", validators=[_max(OPTION_MAX)])
    feedback = TextAreaField("Feedback when chosen", validators=[_max(FEEDBACK_MAX)])
    keyed = BooleanField("Right answer")


class RubricForm(PlainForm):
    label = StringField("Point", validators=[_max(200)])
    any = StringField("Words it must use (comma-separated)", validators=[_max(WORDS_MAX)])
    conclusion = StringField("Conclusion it must assert (optional, comma-separated)", validators=[_max(WORDS_MAX)])
    weight = StringField("Weight (optional)", validators=[_max(10)])


class DistractorForm(PlainForm):
    sentence = StringField("Wrong pick (a sentence id)", validators=[_max(12)], render_kw={"data-pick": ""})
    feedback = TextAreaField("Why it is wrong (quote the article in \"…\")", validators=[_max(FEEDBACK_MAX)])


class QuestionForm(Revisioned):
    """Every field of every type; the page shows the ones of the question's type."""

    id = StringField("Question id", validators=[DataRequired("Give the question an id."), _max(40)])
    category = SelectField("Skill", choices=list(CATEGORIES.items()))
    points = IntegerField("Points", validators=[InputRequired("Give the points."), NumberRange(1, 10)])
    prompt = TextAreaField("Question", validators=[_max(PROMPT_MAX)])
    statement = TextAreaField("Statement to judge", validators=[_max(500)])
    scale = RadioField("Scale", choices=[("statement", "Is it stated in the article?"),
                                         ("sentence", "Is this sentence of the article supported?")],
                       validators=[Optional()])
    verdict_key = RadioField("Right verdict", choices=[], validate_choice=False, validators=[Optional()])
    verdict_feedback = FieldList(TextAreaField(validators=[_max(FEEDBACK_MAX)]), min_entries=3, max_entries=3)
    options = FieldList(FormField(OptionForm), min_entries=len(OPTION_IDS), max_entries=len(OPTION_IDS))
    evidence = StringField("Evidence: the sentences that show the answer (ids)", validators=[_max(300)])
    key_sentences = StringField("Right sentences (ids)", validators=[_max(300)])
    pairs = FieldList(StringField(validators=[_max(40)]), min_entries=MAX_PAIRS, max_entries=MAX_PAIRS)
    distractors = FieldList(FormField(DistractorForm), min_entries=MAX_DISTRACTORS, max_entries=MAX_DISTRACTORS)
    explanation = TextAreaField("Explanation shown after answering (quote the article in \"…\")",
                                validators=[_max(2_000)])
    hints = TextAreaField("Hints, one a line", validators=[_max(HINT_MAX)])
    lateral = TextAreaField("Lateral-reading note (optional)", validators=[_max(1_000)])
    model_answer = TextAreaField("Model answer (quote the article in \"…\")", validators=[_max(2_000)])
    rubric = FieldList(FormField(RubricForm), min_entries=MAX_RUBRIC, max_entries=MAX_RUBRIC)
    wrong_conclusions = TextAreaField("Wrong conclusions (optional, one a line)", validators=[_max(1_000)])


def scale_labels(scale: str) -> dict[str, str]:
    return VERDICT_SCALES.get(scale) or VERDICT_SCALES["statement"]
