"""The question builder: add, draft from the ledger, edit with live checks, approve, remove.

A question is saved whatever its faults (nothing typed is lost) and shows them
field by field, from the loader's own checks (``build.question_faults``); only a
question with no fault can be approved, and only approved questions are
previewed and published.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from wtforms import FieldList, FormField

from ..content.model import CATEGORIES
from ..errors import wants_json
from ..questions.verdict import VERDICT_SCALES
from ..teacher.auth import teacher_required
from . import build, document, store, web
from .document import EditError
from .drafts import draft_questions
from .forms import OPTION_IDS, TYPE_NAMES, NewQuestionForm, QuestionForm, Revisioned
from .questionform import form_data, table_from_form
from .views import _conflict, _nav
from .web import draft_or_404

bp = Blueprint("editor_questions", __name__, url_prefix="/teacher/editor")


def _entry_or_404(draft: dict, qid: str) -> dict:
    try:
        return draft["doc"]["questions"][document.find_question(draft["doc"], qid)]
    except EditError:
        abort(404)


def _faults(draft: dict, q: dict, article=None) -> dict[str, list[str]]:
    others = [i for i in document.question_ids(draft["doc"]) if i != q.get("id")]
    return build.question_faults(draft["doc"], q, others, article)


def _list_page(draft: dict, add: NewQuestionForm | None = None, status: int = 200):
    article = build.article_of(draft["doc"])
    entries = [{**e, "faults": sum(len(v) for v in _faults(draft, e["q"], article).values())}
               for e in draft["doc"]["questions"]]
    return render_template(
        "editor/questions.html", **_nav(draft, "questions"), entries=entries, types=TYPE_NAMES,
        categories=CATEGORIES, add=add or NewQuestionForm(revision=draft["revision"]),
        action=Revisioned(revision=draft["revision"]),
    ), status


@bp.get("/<int:draft_id>/questions")
@teacher_required
def questions(draft_id: int):
    return _list_page(draft_or_404(draft_id))


@bp.post("/<int:draft_id>/questions/new")
@teacher_required
def add(draft_id: int):
    draft = draft_or_404(draft_id)
    form = NewQuestionForm()
    if not form.validate_on_submit():
        return _list_page(draft, form, 422)
    web.count_action()
    doc = draft["doc"]
    try:
        table = document.blank_question(form.type.data, form.category.data, len(doc["questions"]) + 1)
        doc, ids = document.add_questions(doc, [table])
        web.commit(draft, web.revision_of(form), doc, f"added question {ids[0]}")
    except EditError as exc:
        form.type.errors.append(exc.message)
        return _list_page(draft, form, 422)
    except store.Conflict as exc:
        return _conflict(exc, lambda: _list_page(draft, form, 409))
    return web.done(draft, f"Added question {ids[0]}: fill it in.", _builder_url(draft, ids[0]), id=ids[0])


@bp.post("/<int:draft_id>/questions/draft")
@teacher_required
def draft_from_ledger(draft_id: int):
    draft = draft_or_404(draft_id)
    form = Revisioned()
    target = url_for("editor_questions.questions", draft_id=draft_id)
    if not form.validate_on_submit():
        return _list_page(draft, status=422)
    web.count_action()
    doc = draft["doc"]
    pairs = [(s.id, s.text) for s in document.sentences_of(doc)]
    tables = draft_questions(pairs, document.ledger_map(doc))
    if not tables:
        flash("No questions to draft yet: label sentences first (a labelled sentence, a sentence with no source, "
              "a contradiction pair each give one).", "info")
        return redirect(target)
    room = document.MAX_QUESTIONS - len(doc["questions"])
    if room <= 0:
        flash(f"This lesson already has {len(doc['questions'])} questions, the most it can hold: remove some first.",
              "error")
        return redirect(target)
    try:
        doc, ids = document.add_questions(doc, tables[:room])
        web.commit(draft, web.revision_of(form), doc, f"drafted {len(ids)} questions from the ledger")
    except store.Conflict as exc:
        return _conflict(exc, lambda: _list_page(draft, status=409))
    more = f" ({len(tables) - len(ids)} more were left out: a lesson holds at most {document.MAX_QUESTIONS})" \
        if len(tables) > len(ids) else ""
    return web.done(draft, f"Drafted {len(ids)} questions from the ledger{more}. Check and edit each, then approve "
                           "it.", target)


def _builder_url(draft: dict, qid: str) -> str:
    return url_for("editor_questions.builder", draft_id=draft["id"], qid=qid)


def _builder_page(draft: dict, qid: str, form: QuestionForm | None = None, faults=None, status: int = 200):
    entry = _entry_or_404(draft, qid)
    q = entry["q"]
    if form is None:
        form = QuestionForm(data={**form_data(draft["doc"], q), "revision": draft["revision"]})
    form.revision.data = str(draft["revision"])
    scale = form.scale.data if form.scale.data in VERDICT_SCALES else "statement"
    form.verdict_key.choices = list(VERDICT_SCALES[scale].items())
    return render_template(
        "editor/question.html", **_nav(draft, "questions"), entry=entry, q=q, qtype=q.get("type"), form=form,
        faults=_faults(draft, q) if faults is None else faults, rows=document.ledger_view(draft["doc"]),
        type_name=TYPE_NAMES.get(q.get("type"), ""), option_ids=OPTION_IDS, scales=VERDICT_SCALES,
        action=Revisioned(revision=draft["revision"]),
    ), status


@bp.get("/<int:draft_id>/questions/<qid>")
@teacher_required
def builder(draft_id: int, qid: str):
    return _builder_page(draft_or_404(draft_id), qid)


@bp.post("/<int:draft_id>/questions/<qid>")
@teacher_required
def save(draft_id: int, qid: str):
    """Save the question as typed (faults and all), or say which sentence ids are wrong."""
    draft = draft_or_404(draft_id)
    entry = _entry_or_404(draft, qid)
    qtype = entry["q"].get("type")
    form = QuestionForm()
    if not form.validate_on_submit():
        return _form_faults(draft, qid, form, form_errors(form))
    web.count_action()
    try:
        table = table_from_form(draft["doc"], form, qtype)
        doc = document.replace_question(draft["doc"], qid, table)
        faults = _faults({**draft, "doc": doc}, table)
        if faults and entry["status"] == "approved":
            doc = document.set_status(doc, table["id"], "draft")
        web.commit(draft, web.revision_of(form), doc, f"question {table['id']}")
    except EditError as exc:
        return _form_faults(draft, qid, form, {fault_box(exc.field or "question"): [exc.message]})
    except store.Conflict as exc:
        return _conflict(exc, lambda: _builder_page(draft, qid, form, status=409))
    message = "Saved." + (f" {sum(len(v) for v in faults.values())} thing(s) to fix before it can be approved."
                          if faults else " No faults: it can be approved.")
    return web.done(draft, message, _builder_url(draft, table["id"]), faults=faults, id=table["id"],
                    url=_builder_url(draft, table["id"]))


BOXES = {"id", "category", "points", "prompt", "statement", "scale", "evidence", "explanation", "hints", "lateral",
         "model_answer", "wrong_conclusions", "key", "options", "rubric", "distractors"}


def fault_box(name: str) -> str:
    """Where the builder shows a fault of a form field (a row of a list shows it under the list)."""
    m = re.fullmatch(r"options-(\d+)-(text|feedback|keyed)", name)
    if m:
        return f"option-{OPTION_IDS[int(m.group(1))]}-{m.group(2)}" if m.group(2) != "keyed" else "key"
    if name == "key_sentences" or name.startswith(("pairs-", "verdict_key")):
        return "key"
    for prefix in ("distractors", "rubric", "verdict_feedback"):
        if name.startswith(prefix):
            return "options" if prefix == "verdict_feedback" else prefix
    return name if name in BOXES else "question"


def form_errors(form) -> dict[str, list[str]]:
    """Every field's WTForms errors (rows of lists included), by the box that shows them."""
    out: dict[str, list[str]] = {}

    def walk(fields) -> None:
        for field in fields:
            if isinstance(field, FieldList):
                walk(field.entries)
            elif isinstance(field, FormField):
                walk(field.form)
            else:
                for error in field.errors:
                    out.setdefault(fault_box(field.name), []).append(str(error))

    walk(form)
    return out


def _form_faults(draft: dict, qid: str, form: QuestionForm, faults: dict[str, list[str]]):
    """Input that cannot be saved (a sentence id that does not exist, a field over its limit): nothing saved."""
    if wants_json():
        first = next(iter(faults.values()))[0]
        return jsonify(ok=False, message="Not saved: " + first, faults=faults, field=next(iter(faults))), 422
    flash("Not saved: fix the fields marked below.", "error")
    return _builder_page(draft, qid, form, faults, 422)


@bp.post("/<int:draft_id>/questions/<qid>/status")
@teacher_required
def set_status(draft_id: int, qid: str):
    draft = draft_or_404(draft_id)
    entry = _entry_or_404(draft, qid)
    form = Revisioned()
    approve = request.form.get("status") == "approved"
    if not form.validate_on_submit():
        return _builder_page(draft, qid, status=422)
    faults = _faults(draft, entry["q"])
    if approve and faults:
        flash(f"Question {qid} cannot be approved yet: fix the {sum(len(v) for v in faults.values())} fault(s) "
              "marked below.", "error")
        return _builder_page(draft, qid, status=422)
    web.count_action()
    try:
        doc = document.set_status(draft["doc"], qid, "approved" if approve else "draft")
        web.commit(draft, web.revision_of(form), doc, f"{'approved' if approve else 'unapproved'} question {qid}")
    except store.Conflict as exc:
        return _conflict(exc, lambda: _builder_page(draft, qid, status=409))
    message = f"Approved question {qid}: it is in the preview and the published lesson." if approve else \
        f"Question {qid} is a draft again: it is left out of the preview and the published lesson."
    return web.done(draft, message, url_for("editor_questions.questions", draft_id=draft_id))


@bp.post("/<int:draft_id>/questions/<qid>/remove")
@teacher_required
def remove(draft_id: int, qid: str):
    draft = draft_or_404(draft_id)
    _entry_or_404(draft, qid)
    form = Revisioned()
    if not form.validate_on_submit():
        return _builder_page(draft, qid, status=422)
    web.count_action()
    try:
        web.commit(draft, web.revision_of(form), document.remove_question(draft["doc"], qid),
                   f"removed question {qid}")
    except store.Conflict as exc:
        return _conflict(exc, lambda: _builder_page(draft, qid, status=409))
    return web.done(draft, f"Removed question {qid}. Undo brings it back.",
                    url_for("editor_questions.questions", draft_id=draft_id))

