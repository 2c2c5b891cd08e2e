"""Flask-WTF forms of assignments, bundle import and regrades."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import DateTimeLocalField, HiddenField, RadioField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Optional

from ..forms import Form
from .assignments import zone_names


class AssignForm(Form):
    """Assign a lesson, the whole of it or some of its rounds, with an optional due date.

    A round is ticked as ``<lesson slug>:<round id>`` (round ids are unique within a lesson only), in one
    group of boxes per lesson: a plain form, no script. :attr:`round_ids` holds the chosen lesson's ticked
    round ids after validation, or None for the whole lesson (ticking every round is the whole lesson too).
    """

    lesson = SelectField("Lesson")  # an unknown choice is refused by SelectField ("Not a valid choice")
    due = DateTimeLocalField(
        "Due (optional)", format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"], validators=[Optional()]
    )
    zone = SelectField("Time zone of the due date")
    scope = RadioField("What to assign", choices=[("whole", "The whole lesson"),
                                                  ("rounds", "Only the rounds I tick below")], default="whole")
    rounds = SelectMultipleField("Rounds", choices=[], validate_choice=False)

    def __init__(self, *args, lessons=(), zone="UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.lessons = list(lessons)
        self.lesson.choices = [(lesson.slug, lesson.title) for lesson in self.lessons]
        self.zone.choices = [(z, z) for z in zone_names()]
        if not self.zone.data or self.zone.data == "None":
            self.zone.data = zone
        self.rounds.choices = [(f"{lesson.slug}:{r.id}", f"Round {r.number}: {r.title}")
                               for lesson in self.lessons for r in lesson.rounds]
        self.round_ids: list[str] | None = None

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        chosen = next((x for x in self.lessons if x.slug == self.lesson.data), None)
        if not ok or chosen is None:
            return False
        ticked = list(dict.fromkeys(self.rounds.data or []))
        if self.scope.data == "whole":
            if ticked:
                self.rounds.errors.append("You ticked rounds but chose the whole lesson. Choose “Only the rounds "
                                          "I tick below” to assign just those, or untick them.")
                return False
            return True
        if not ticked:
            self.rounds.errors.append(f"Tick at least one round of “{chosen.title}”, or choose the whole lesson.")
            return False
        others = [v for v in ticked if not v.startswith(chosen.slug + ":")]
        if others:
            self.rounds.errors.append(f"You ticked rounds of another lesson. Tick only rounds of “{chosen.title}”, "
                                      "the lesson you are assigning.")
            return False
        known = {r.id for r in chosen.rounds}
        ids = [v.split(":", 1)[1] for v in ticked]
        unknown = [rid for rid in ids if rid not in known]
        if unknown:
            self.rounds.errors.append(f"“{chosen.title}” has no round “{unknown[0]}”. Tick rounds from the list.")
            return False
        self.round_ids = None if set(ids) == known else [r.id for r in chosen.rounds if r.id in ids]
        return True


class ImportForm(Form):
    bundle = FileField("Lesson bundle (.zip)", validators=[FileRequired("Choose a .zip lesson bundle to upload.")])


class RegradeForm(Form):
    question = HiddenField(validators=[DataRequired()])
