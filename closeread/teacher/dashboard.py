"""Teacher dashboard blueprint, per class and lesson: dashboard, live roster, item analysis,
heatmap, review queue, CSV downloads, print view and charts. Same ``/teacher`` prefix as ``views``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for

from ..content.model import CATEGORIES, Lesson
from ..content.rounds import assigned_question_ids
from ..db import get_db
from ..library import assignments, by_version
from ..library.catalog import teacher_lesson_or_404
from ..questions.grading import AnswerError, grade_answer
from ..questions.prescore import FLAG_LABELS
from ..questions.results import describe
from . import analytics, charts, csv_export, queries, trust_shift
from . import live as live_model
from .analytics import COUNT_RULES, DEFAULT_RULE
from .auth import teacher_required
from .forms import ReviewForm
from .reviews import ReviewError, review_response
from .views import class_or_404

bp = Blueprint("dashboard", __name__, url_prefix="/teacher")
RULE_LABELS = {"first": "First attempt", "best": "Best attempt", "last": "Last attempt"}


@dataclass
class Dashboard:
    klass: dict
    lesson: Lesson
    rule: str
    rows: list[analytics.RosterRow]
    mastery: dict[str, float | None]
    distribution: list[tuple[str, int]]
    total_points: int
    pending_reviews: int
    updated_at: str
    due: assignments.Due | None = None  # the class's assignment of this lesson, if it has a due date
    statuses: dict[int, str] = field(default_factory=dict)  # member id -> assignments.STATUSES key
    rounds_label: str | None = None  # "rounds 1 and 2" when the class was assigned some rounds only

    @property
    def counted(self) -> dict[int, int]:
        """Counted attempt id -> class member id, in roster order."""
        return {r.counted.id: r.key for r in self.rows if r.counted is not None}

    @property
    def totals(self) -> dict[int, float]:
        return {r.key: r.counted.total for r in self.rows if r.counted is not None}


def _rule() -> str:
    rule = request.args.get("count", DEFAULT_RULE)
    return rule if rule in COUNT_RULES else DEFAULT_RULE


def _context(class_id: int, slug: str) -> tuple[dict, Lesson]:
    klass = class_or_404(class_id)
    return klass, teacher_lesson_or_404(slug, g.teacher["id"])


def build_dashboard(klass: dict, lesson: Lesson, rule: str) -> Dashboard:
    db = get_db()
    assigned = assignments.get(db, klass["id"], lesson.slug)
    required = assigned_question_ids(lesson, assignments.rounds_of(assigned))
    # Some rounds assigned: scores, mastery and the CSVs count those rounds' questions, out of their points.
    students = queries.students(db, klass["id"], lesson.slug, required)
    total_points = lesson.quiz.total_points if required is None else sum(
        q.points for q in lesson.quiz.questions if q.id in required)
    if required is not None:
        # An assignment of some rounds is finished when those rounds are: the roster, statuses and CSVs
        # count an attempt as finished at the moment it answered the last of their questions.
        done = queries.completed_at(db, klass["id"], lesson.slug, required)
        for student in students:
            for attempt in student.attempts:
                attempt.finished_at = done.get(attempt.id)
    rows = analytics.roster(students, rule)
    due = assignments.due_of(assigned) if assigned else None
    return Dashboard(
        klass=klass,
        lesson=lesson,
        rule=rule,
        rows=rows,
        mastery=analytics.class_mastery(rows),
        distribution=analytics.score_distribution(rows, total_points),
        total_points=total_points,
        pending_reviews=sum(r.needs_review for r in rows),
        updated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        due=due,
        statuses={s.key: assignments.status(s.attempts, due) for s in students},
        rounds_label=assignments.rounds_label(lesson, assignments.rounds_of(assigned)) if required else None,
    )


def _common(d: Dashboard) -> dict:
    return {
        "d": d,
        "klass": d.klass,
        "lesson": d.lesson,
        "rule": d.rule,
        "rules": RULE_LABELS,
        "categories": CATEGORIES,
        "statuses": assignments.STATUSES,
    }


@bp.get("/classes/<int:class_id>/lessons/<slug>")
@teacher_required
def dashboard(class_id: int, slug: str):
    klass, lesson = _context(class_id, slug)
    d = build_dashboard(klass, lesson, _rule())
    trust = trust_shift.build(queries.trust_ratings(get_db(), list(d.counted)))
    return render_template("teacher/dashboard.html", trust=trust, **_common(d))


@bp.get("/classes/<int:class_id>/lessons/<slug>/live")
@teacher_required
def live(class_id: int, slug: str):
    """The roster and class mastery as an HTML fragment, for static/teacher.js to poll."""
    klass, lesson = _context(class_id, slug)
    response = Response(
        render_template("teacher/_live.html", **_common(build_dashboard(klass, lesson, _rule()))),
        mimetype="text/html",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# --- live progress: where each student is, how each question is going -----------------------------

LIVE_POLL_SECONDS = 5  # TEACHER_LIVE_POLL_SECONDS in the config overrides it


def build_live(klass: dict, lesson: Lesson, required: set[str] | None = None) -> live_model.LiveView:
    """The live view; ``required``: the questions of the rounds the class was assigned (None: whole lesson)."""
    db = get_db()
    positions = queries.live_positions(db, klass["id"], lesson.slug)
    attempts = [p.attempt_id for p in positions if p.attempt_id is not None]
    return live_model.build(lesson, positions, queries.live_responses(db, attempts), required)


def _progress_context(class_id: int, slug: str) -> dict:
    klass, lesson = _context(class_id, slug)
    ids = assignments.rounds_of(assignments.get(get_db(), klass["id"], lesson.slug))
    required = assigned_question_ids(lesson, ids)
    return {
        "klass": klass,
        "lesson": lesson,
        "rule": _rule(),
        "now": build_live(klass, lesson, required),
        "rounds_label": assignments.rounds_label(lesson, ids) if required else None,
        "labels": live_model.OUTCOME_LABELS,
        "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


@bp.get("/classes/<int:class_id>/lessons/<slug>/progress")
@teacher_required
def progress(class_id: int, slug: str):
    """The live view during a lesson; works without JavaScript (a refresh link), polls with it."""
    poll = current_app.config.get("TEACHER_LIVE_POLL_SECONDS", LIVE_POLL_SECONDS)
    return render_template("teacher/progress.html", poll_seconds=poll, **_progress_context(class_id, slug))


@bp.get("/classes/<int:class_id>/lessons/<slug>/progress/live")
@teacher_required
def progress_live(class_id: int, slug: str):
    """The live view's tables as an HTML fragment, for static/teacher.js to poll."""
    response = Response(render_template("teacher/_progress.html", **_progress_context(class_id, slug)),
                        mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _with_items(class_id: int, slug: str):
    """The dashboard, the counted answers and their item analysis: what print and items share.

    Item analysis is per version (``?version=``, by default the one most counted attempts are on):
    a question's key and options are those of that version.
    """
    klass, lesson = _context(class_id, slug)
    d = build_dashboard(klass, lesson, _rule())
    view = by_version.choose(get_db(), lesson, d.counted, request.args.get("version"))
    d.lesson = view.lesson
    answers = queries.answers_for(get_db(), view.counted)
    return d, answers, analytics.item_analysis(view.lesson, answers, d.totals), view


@bp.get("/classes/<int:class_id>/lessons/<slug>/print")
@teacher_required
def print_view(class_id: int, slug: str):
    d, _, items, view = _with_items(class_id, slug)
    return render_template("teacher/print.html", items=items, view=view, **_common(d))


@bp.get("/classes/<int:class_id>/lessons/<slug>/items")
@teacher_required
def items(class_id: int, slug: str):
    d, answers, item_rows, view = _with_items(class_id, slug)
    return render_template(
        "teacher/items.html",
        view=view,
        items=item_rows,
        tags=analytics.misconception_totals(answers),
        misconceptions=d.lesson.quiz.misconceptions,
        describe=describe,
        min_answers=analytics.MIN_ANSWERS_FOR_INDICES,
        doubtful=analytics.DOUBTFUL_DISCRIMINATION,
        **_common(d),
    )


@bp.get("/classes/<int:class_id>/lessons/<slug>/heatmap")
@teacher_required
def heatmap(class_id: int, slug: str):
    klass, lesson = _context(class_id, slug)
    d = build_dashboard(klass, lesson, _rule())
    view = by_version.choose(get_db(), lesson, d.counted, request.args.get("version"))
    d.lesson = view.lesson
    answers = queries.answers_for(get_db(), view.counted)
    return render_template("teacher/heatmap.html", heat=analytics.heatmap(view.lesson, answers), view=view,
                           **_common(d))


# --- review queue --------------------------------------------------------------------------------


def _rubric_met(lesson: Lesson, row: dict) -> tuple[list[str], list[str]]:
    """The rubric points the pre-score found, and its flags in words (copied prompt, keyword list...)."""
    q = lesson.quiz.by_id.get(row["question_id"])
    if q is None:
        return [], []
    try:
        grade = grade_answer(q, json.loads(row["response"]))
    except AnswerError:
        return [], []
    return grade.rubric_met, [FLAG_LABELS[f] for f in grade.flags]


REVIEW_PAGE = 30


def _review_items(klass: dict, lesson: Lesson, reviewed: bool) -> list[dict]:
    out = []
    for row in queries.review_queue(get_db(), klass["id"], lesson.slug, reviewed=reviewed, limit=REVIEW_PAGE):
        row = dict(row)
        row["question"] = lesson.quiz.by_id.get(row["question_id"])
        row["answer"] = json.loads(row["response"])
        row["rubric_met"], row["flags"] = _rubric_met(lesson, row)
        out.append(row)
    return out


@bp.get("/classes/<int:class_id>/lessons/<slug>/review")
@teacher_required
def review(class_id: int, slug: str):
    klass, lesson = _context(class_id, slug)
    db = get_db()
    return render_template(
        "teacher/review.html",
        klass=klass,
        lesson=lesson,
        pending=_review_items(klass, lesson, False),
        reviewed=_review_items(klass, lesson, True),
        pending_count=queries.review_count(db, klass["id"], lesson.slug),
        reviewed_count=queries.review_count(db, klass["id"], lesson.slug, reviewed=True),
        form=ReviewForm(),
        rule=_rule(),
    )


@bp.post("/classes/<int:class_id>/lessons/<slug>/review/<int:response_id>")
@teacher_required
def review_one(class_id: int, slug: str, response_id: int):
    klass, lesson = _context(class_id, slug)
    row = queries.response_in_class(get_db(), response_id, klass["id"], lesson.slug)
    if row is None:
        abort(404)
    form = ReviewForm()
    back = url_for("dashboard.review", class_id=class_id, slug=slug)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(back)
    if form.override.data and form.score.data is None:
        flash("Type a score before saving it, or confirm the provisional score.", "error")
        return redirect(back)
    final = float(form.score.data) if form.override.data else None
    try:
        score = review_response(get_db(), row, g.teacher["id"], final)
    except ReviewError as exc:
        flash(str(exc), "error")
    else:
        flash(f"Saved: {score:g} of {row['max']} points.", "info")
    return redirect(back)


# --- downloads and charts ------------------------------------------------------------------------


def _csv(text: str, filename: str) -> Response:
    response = Response(text.encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _filename(klass: dict, lesson: Lesson, what: str) -> str:
    return f"class-{klass['id']}-{lesson.slug}-{what}.csv"


@bp.get("/classes/<int:class_id>/lessons/<slug>/responses.csv")
@teacher_required
def responses_csv(class_id: int, slug: str):
    klass, lesson = _context(class_id, slug)
    rows = queries.responses_export(get_db(), klass["id"], lesson.slug)
    d = build_dashboard(klass, lesson, _rule())
    text = csv_export.responses_csv(lesson, rows, by_version.lessons_for_rows(lesson, rows), d.due, d.statuses)
    return _csv(text, _filename(klass, lesson, "responses"))


@bp.get("/classes/<int:class_id>/lessons/<slug>/roster.csv")
@teacher_required
def roster_csv(class_id: int, slug: str):
    klass, lesson = _context(class_id, slug)
    d = build_dashboard(klass, lesson, _rule())
    text = csv_export.roster_csv(d.rows, d.total_points, d.due, d.statuses)
    return _csv(text, _filename(klass, lesson, f"roster-{d.rule}"))


SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def _svg(svg: str) -> Response:
    response = Response(svg, mimetype="image/svg+xml")
    # The SVG carries pygal's own <style>; it has no script (see charts.py).
    response.headers["Content-Security-Policy"] = SVG_CSP
    response.headers["Cache-Control"] = "no-store"
    return response


def score_chart_text(d: Dashboard) -> tuple[str, str]:
    counted = sum(n for _, n in d.distribution)
    parts = [f"{n} in {label}" for label, n in d.distribution if n]
    title = f"Score distribution ({RULE_LABELS[d.rule].lower()})"
    desc = (
        f"Bar chart of {counted} students' scores, in tenths of the {d.total_points} points: "
        + ("; ".join(parts) if parts else "no scores yet")
        + "."
    )
    return title, desc


def mastery_chart_text(d: Dashboard) -> tuple[str, str]:
    parts = [
        f"{label}: {'no answers' if d.mastery[c] is None else str(analytics.whole(d.mastery[c])) + '%'}"
        for c, label in CATEGORIES.items()
    ]
    return "Class mastery by skill", "Bar chart of the class's mean mastery per skill: " + "; ".join(parts) + "."


@bp.get("/classes/<int:class_id>/lessons/<slug>/charts/scores.svg")
@teacher_required
def scores_svg(class_id: int, slug: str):
    klass, lesson = _context(class_id, slug)
    d = build_dashboard(klass, lesson, _rule())
    return _svg(charts.score_distribution_svg(d.distribution, *score_chart_text(d)))


@bp.get("/classes/<int:class_id>/lessons/<slug>/charts/mastery.svg")
@teacher_required
def mastery_svg(class_id: int, slug: str):
    klass, lesson = _context(class_id, slug)
    d = build_dashboard(klass, lesson, _rule())
    return _svg(charts.mastery_svg(d.mastery, *mastery_chart_text(d)))
