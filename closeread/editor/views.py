"""The lesson editor's pages for the article: new lesson, details, sentences, ledger, suggestions, undo.

Every page works with plain forms (post, redirect, get); ``static/editor.js``
adds autosave and click-to-pick. Every change is CSRF-checked (Flask-WTF, the
``X-CSRFToken`` header for the script), counted against the editing limit,
and saved over the revision the page was opened on: a stale tab gets a 409
naming the change that came in between, and its input stays in the form.
Only the draft's owner reaches any of it; anyone else gets 404.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from ..content.model import LEDGER_LABELS
from ..db import get_db
from ..errors import wants_json
from ..teacher.auth import teacher_required
from . import document, helper, store, textin, web
from .document import EditError
from .forms import DecisionForm, DetailsForm, LabelRestForm, LedgerForm, NewLessonForm, Revisioned, SplitForm
from .web import draft_or_404

bp = Blueprint("editor", __name__, url_prefix="/teacher/editor")


def _nav(draft: dict, active: str) -> dict:
    return {"draft": draft, "active": active, "doc": draft["doc"], "locked": web.locked(draft),
            "label_names": LEDGER_LABELS,
            "undo_action": store.last_action(get_db(), draft["id"]) if draft["can_undo"] else None}


# --- list and new ----------------------------------------------------------------------------------


@bp.get("")
@teacher_required
def index():
    return render_template("editor/index.html", drafts=store.for_teacher(get_db(), g.teacher["id"]))


def _parts(form: NewLessonForm) -> tuple[str, list[tuple[str, str]]]:
    upload = form.upload.data
    if upload and getattr(upload, "filename", ""):
        parts = textin.decode_upload(upload.filename, upload.read(textin.MAX_UPLOAD_BYTES + 1))
    else:
        parts = textin.parts_from_text(form.body.data or "")
    return textin.split_title(parts, form.title.data or "")


@bp.route("/new", methods=["GET", "POST"])
@teacher_required
def new():
    form = NewLessonForm()
    if request.method == "POST" and form.validate_on_submit():
        web.count_action()
        try:
            title, body = _parts(form)
            meta = {name: " ".join((getattr(form, name).data or "").split()) for name in ("source", "author", "date")}
            doc = document.new_document(title, body, meta)
            draft_id = store.create(get_db(), g.teacher["id"], doc, web.builtin_slugs())
        except EditError as exc:
            getattr(form, exc.field if exc.field in form else "body").errors.append(exc.message)
        except ValueError as exc:
            form.body.errors.append(str(exc))
        else:
            count = len(document.sentences_of(doc))
            flash(f"Your lesson is saved as a draft: {count} sentences. Check where the sentences break, then label "
                  "them.", "info")
            return redirect(url_for("editor.overview", draft_id=draft_id))
    status = 422 if request.method == "POST" else 200
    return render_template("editor/new.html", form=form, limits=document), status


# --- the article: sentences and their labels ----------------------------------------------------------


@bp.get("/<int:draft_id>")
@teacher_required
def overview(draft_id: int):
    draft = draft_or_404(draft_id)
    return _overview(draft)


def _overview(draft: dict, rest_form: LabelRestForm | None = None, status: int = 200):
    doc = draft["doc"]
    rows = document.ledger_view(doc)
    return render_template(
        "editor/overview.html", **_nav(draft, "overview"), rows=rows, pending=helper.counts(doc),
        unlabelled=sum(1 for r in rows if not r["labels"]),
        rest_form=rest_form or LabelRestForm(revision=draft["revision"], label="stated"),
    ), status


@bp.post("/<int:draft_id>/label-rest")
@teacher_required
def label_rest(draft_id: int):
    draft = draft_or_404(draft_id)
    form = LabelRestForm()
    if not form.validate_on_submit():
        return _overview(draft, form, 422)
    web.count_action()
    try:
        doc, count = document.label_unlabelled(draft["doc"], form.label.data)
        web.commit(draft, web.revision_of(form), doc, f"labelled {count} sentences “{form.label.data}”")
    except store.Conflict as exc:
        return _conflict(exc, lambda: _overview(draft, form, 409))
    return web.done(draft, f"Labelled {count} sentences “{form.label.data}”.",
                    url_for("editor.overview", draft_id=draft_id))


def _conflict(exc: store.Conflict, render):
    """A save over a stale revision: JSON for the script; the page again, with the teacher's input, for a form."""
    if wants_json():
        return web.conflict_json(exc)
    flash(exc.message + " Your input is still in the form: submit it again to save it over that change, or "
                        "reload the page to drop it.", "warning")
    return render()


def _split_choices(text: str) -> list[tuple[int, str]]:
    out = []
    for at in document.split_points(text):
        before, after = text[:at].split()[-3:], text[at:].split()[:2]
        out.append((at, f"…{' '.join(before)} | {' '.join(after)}…"))
    return out


def _sentence_forms(draft: dict, row: dict, ledger: LedgerForm | None = None, split: SplitForm | None = None):
    ledger = ledger or LedgerForm(revision=draft["revision"], labels=row["labels"], note=row["note"],
                                  contradicts=" ".join(row["contradicts"]), tension_with=" ".join(row["tension_with"]),
                                  lateral=row["lateral"])
    split = split or SplitForm(revision=draft["revision"])
    split.at.choices = _split_choices(row["text"])
    return ledger, split


def _sentence_page(draft: dict, sid: str, ledger=None, split=None, status: int = 200):
    doc = draft["doc"]
    rows = document.ledger_view(doc)
    index = next((n for n, r in enumerate(rows) if r["id"] == sid), None)
    if index is None:
        return render_template("error.html", message=f"There is no sentence {sid} in this draft.", status=404), 404
    row = rows[index]
    ledger, split = _sentence_forms(draft, row, ledger, split)
    for form in (ledger, split):
        form.revision.data = str(draft["revision"])
    return render_template(
        "editor/sentence.html", **_nav(draft, "overview"), row=row, rows=rows, ledger=ledger, split=split,
        suggestions=helper.pending(doc, sid), decision=DecisionForm(revision=draft["revision"]),
        previous=rows[index - 1]["id"] if index else None,
        next=rows[index + 1]["id"] if index + 1 < len(rows) else None,
    ), status


@bp.get("/<int:draft_id>/sentences/<sid>")
@teacher_required
def sentence(draft_id: int, sid: str):
    return _sentence_page(draft_or_404(draft_id), sid)


@bp.post("/<int:draft_id>/sentences/<sid>/ledger")
@teacher_required
def save_ledger(draft_id: int, sid: str):
    draft = draft_or_404(draft_id)
    form = LedgerForm()
    if not form.validate_on_submit():
        return _invalid(form, lambda: _sentence_page(draft, sid, ledger=form, status=422))
    web.count_action()
    try:
        doc = draft["doc"]
        contradicts = document.parse_ids(form.contradicts.data or "", doc, "contradicts", 20)
        tension = document.parse_ids(form.tension_with.data or "", doc, "tension_with", 20)
        doc = document.set_ledger(doc, sid, form.labels.data or [], form.note.data or "", contradicts, tension,
                                  form.lateral.data or "")
        web.commit(draft, web.revision_of(form), doc, f"the ledger of {sid}")
    except EditError as exc:
        getattr(form, exc.field if exc.field in form else "labels").errors.append(exc.message)
        return _invalid(form, lambda: _sentence_page(draft, sid, ledger=form, status=422))
    except store.Conflict as exc:
        form.revision.data = str(exc.revision)
        return _conflict(exc, lambda: _sentence_page(draft, sid, ledger=form, status=409))
    return web.done(draft, f"Saved the ledger of {sid}.", web.sentence_url(draft, sid))


def _invalid(form, render):
    """A form with faults: JSON naming each field's, or the page again with the messages under the fields."""
    if wants_json():
        faults = {name: list(field.errors) for name, field in form._fields.items() if field.errors}
        first = next(iter(faults.values()), ["Check the form."])[0]
        return web.refused(first, 422, faults=faults)
    return render()


@bp.post("/<int:draft_id>/sentences/<sid>/merge")
@teacher_required
def merge(draft_id: int, sid: str):
    draft = draft_or_404(draft_id)
    form = Revisioned()
    if not form.validate_on_submit():
        return _sentence_page(draft, sid, status=422)
    web.count_action()
    try:
        doc = document.merge_with_next(draft["doc"], sid, web.locked(draft))
        web.commit(draft, web.revision_of(form), doc, f"merged {sid} with the next sentence")
    except EditError as exc:
        flash(exc.message, "error")
        return _sentence_page(draft, sid, status=422)
    except store.Conflict as exc:
        return _conflict(exc, lambda: _sentence_page(draft, sid, status=409))
    return web.done(draft, f"Merged {sid} with the sentence after it. The sentences after it have moved up one "
                           "number.", web.sentence_url(draft, sid))


@bp.post("/<int:draft_id>/sentences/<sid>/split")
@teacher_required
def split(draft_id: int, sid: str):
    draft = draft_or_404(draft_id)
    row = document.by_id(draft["doc"]).get(sid)
    form = SplitForm()
    form.at.choices = _split_choices(row.text) if row else []
    if row is None or not form.validate_on_submit():
        return _sentence_page(draft, sid, split=form, status=422 if row else 404)
    web.count_action()
    try:
        doc = document.split_at(draft["doc"], sid, form.at.data, web.locked(draft))
        web.commit(draft, web.revision_of(form), doc, f"split {sid} in two")
    except EditError as exc:
        form.at.errors.append(exc.message)
        return _sentence_page(draft, sid, split=form, status=422)
    except store.Conflict as exc:
        return _conflict(exc, lambda: _sentence_page(draft, sid, split=form, status=409))
    return web.done(draft, f"Split {sid} in two. The sentences after it have moved down one number.",
                    web.sentence_url(draft, sid))


# --- suggestions ------------------------------------------------------------------------------------------


@bp.get("/<int:draft_id>/suggestions")
@teacher_required
def suggestions(draft_id: int):
    draft = draft_or_404(draft_id)
    return render_template("editor/suggestions.html", **_nav(draft, "suggestions"),
                           suggestions=helper.pending(draft["doc"]), decision=DecisionForm(revision=draft["revision"]))


@bp.post("/<int:draft_id>/suggestions")
@teacher_required
def decide(draft_id: int):
    draft = draft_or_404(draft_id)
    form = DecisionForm()
    back = request.form.get("back") == "sentence"
    sid = form.sentence.data or ""
    target = web.sentence_url(draft, sid) if back else url_for("editor.suggestions", draft_id=draft_id)
    if not form.validate_on_submit():
        flash("That suggestion could not be read. Reload the page and try again.", "error")
        return redirect(target)
    web.count_action()
    accept = form.decision.data == "accept"
    try:
        doc = document.decide(draft["doc"], sid, form.label.data, form.kind.data or "", form.cue.data or "", accept)
        verb = "accepted" if accept else "dismissed"
        web.commit(draft, web.revision_of(form), doc, f"{verb} “{form.label.data}” for {sid}")
    except EditError as exc:
        flash(exc.message, "error")
        return redirect(target)
    except store.Conflict as exc:
        if wants_json():
            return web.conflict_json(exc)
        flash(exc.message + " Here is the latest; decide again if the suggestion is still there.", "warning")
        return redirect(target)
    message = f"Labelled {sid} “{form.label.data}”." if accept else f"Dismissed the suggestion for {sid}."
    return web.done(draft, message, target)


# --- details and undo ------------------------------------------------------------------------------------


def _details_page(draft: dict, form: DetailsForm | None = None, status: int = 200):
    doc = draft["doc"]
    if form is None:
        form = DetailsForm(revision=draft["revision"], **{k: doc[k] for k in (
            "title", "summary", "source", "author", "date", "fictional", "teaching")}, slug=draft["slug"])
    form.revision.data = str(draft["revision"])
    return render_template("editor/details.html", **_nav(draft, "details"), form=form), status


@bp.get("/<int:draft_id>/details")
@teacher_required
def details(draft_id: int):
    return _details_page(draft_or_404(draft_id))


@bp.post("/<int:draft_id>/details")
@teacher_required
def save_details(draft_id: int):
    draft = draft_or_404(draft_id)
    form = DetailsForm()
    if not form.validate_on_submit():
        return _invalid(form, lambda: _details_page(draft, form, 422))
    web.count_action()
    try:
        doc = document.set_details(draft["doc"], {name: getattr(form, name).data for name in (
            "title", "summary", "source", "author", "date", "fictional", "teaching")})
        if form.slug.data and form.slug.data != draft["slug"] and web.locked(draft):
            raise EditError("A published lesson keeps its address.", "slug")
        web.commit(draft, web.revision_of(form), doc, "the lesson's details")
        _change_slug(draft, form.slug.data)
    except EditError as exc:
        getattr(form, exc.field if exc.field in form else "title").errors.append(exc.message)
        return _invalid(form, lambda: _details_page(draft, form, 422))
    except store.Conflict as exc:
        return _conflict(exc, lambda: _details_page(draft, form, 409))
    return web.done(draft, "Saved the lesson's details.", url_for("editor.details", draft_id=draft_id))


def _change_slug(draft: dict, slug: str | None) -> None:
    if not slug or slug == draft["slug"]:
        return
    if not store.rename(get_db(), draft["id"], slug, web.builtin_slugs()):
        raise EditError(f"The address '{slug}' is taken: choose another. The other details were saved.", "slug")
    draft["slug"] = slug


@bp.post("/<int:draft_id>/undo")
@teacher_required
def undo(draft_id: int):
    draft = draft_or_404(draft_id)
    form = Revisioned()
    back = request.form.get("back") or ""
    target = back if back.startswith(f"/teacher/editor/{draft_id}") else url_for("editor.overview", draft_id=draft_id)
    if not form.validate_on_submit():
        flash("The undo could not be read. Reload the page and try again.", "error")
        return redirect(target)
    web.count_action()
    try:
        revision, action = store.undo(get_db(), draft_id, web.revision_of(form))
    except store.NothingToUndo:
        flash("There is nothing to undo.", "info")
        return redirect(target)
    except store.Conflict as exc:
        if wants_json():
            return web.conflict_json(exc)
        flash(exc.message + " Nothing was undone: look at the latest, then undo again if you still want to.",
              "warning")
        return redirect(target)
    draft["revision"] = revision
    return web.done(draft, f"Undone: {action}.", target)
