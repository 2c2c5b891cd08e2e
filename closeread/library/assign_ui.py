"""What the class page shows about assignments: the form and the list. Used by ``teacher.views``."""

from __future__ import annotations

from flask import g

from ..db import get_db
from . import assignments, catalog
from .forms import AssignForm


def last_zone(class_id: int) -> str:
    """The zone of this class's latest dated assignment: teachers usually stay in one zone."""
    row = get_db().execute(
        "SELECT due_zone FROM assignments WHERE class_id = ? AND due_zone IS NOT NULL ORDER BY id DESC LIMIT 1",
        [class_id],
    ).fetchone()
    return row[0] if row else "UTC"


def class_extras(klass: dict, assign_form: AssignForm | None = None) -> dict:
    offered = catalog.lessons_for_teacher(g.teacher["id"])
    by_slug = {lesson.slug: lesson for lesson in offered}
    rows = []
    for a in assignments.for_class(get_db(), klass["id"]):
        due = assignments.due_of(a)
        lesson = by_slug.get(a["lesson"])
        ids = assignments.rounds_of(a)
        rounds = [r for r in lesson.rounds if r.id in ids] if lesson is not None and ids else []
        rows.append({**a, "title": lesson.title if lesson else a["lesson"], "due": due, "round_list": rounds,
                     "what": assignments.rounds_label(lesson, ids) if lesson is not None else "the whole lesson"})
    return {
        "lessons": offered,
        "assigned": rows,
        "assign_form": assign_form or AssignForm(lessons=offered, zone=last_zone(klass["id"]), formdata=None),
    }
