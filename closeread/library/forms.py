"""Flask-WTF forms of assignments, bundle import and regrades."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import DateTimeLocalField, HiddenField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Optional

from ..forms import Form
from .assignments import zone_names


class AssignForm(Form):
    lesson = SelectField("Lesson")  # an unknown choice is refused by SelectField ("Not a valid choice")
    due = DateTimeLocalField(
        "Due (optional)", format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"], validators=[Optional()]
    )
    zone = SelectField("Time zone of the due date")
    rounds = SelectMultipleField("Rounds (none ticked: the whole lesson)", choices=[], validate_choice=False)

    def __init__(self, *args, lessons=(), zone="UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.lesson.choices = [(lesson.slug, lesson.title) for lesson in lessons]
        self.zone.choices = [(z, z) for z in zone_names()]
        if not self.zone.data or self.zone.data == "None":
            self.zone.data = zone
        round_choices = []
        for lesson in lessons:
            for r in getattr(lesson, "rounds", None) or []:  # lessons with rounds offer them
                round_choices.append((getattr(r, "id", str(r)), f"{lesson.title}: {getattr(r, 'title', r)}"))
        self.rounds.choices = round_choices


class ImportForm(Form):
    bundle = FileField("Lesson bundle (.zip)", validators=[FileRequired("Choose a .zip lesson bundle to upload.")])


class RegradeForm(Form):
    question = HiddenField(validators=[DataRequired()])
