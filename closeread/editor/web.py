"""What every editor view shares: the owner's draft or 404, the rate limit, saving with the revision check,
and answering a plain form (flash and redirect) or the autosave script (JSON) alike."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, g, jsonify, redirect, url_for

from .. import limits
from ..db import get_db
from ..errors import wants_json
from ..library.catalog import builtin
from . import store
from .document import sentences_of

BUCKET = "editor-action"
ACTIONS_PER_MINUTE = 120  # an autosave every half second, all minute long, and more
WINDOW = timedelta(minutes=1)


def draft_or_404(draft_id: int) -> dict:
    """The draft if the signed-in teacher owns it: anyone else gets 404, never a hint that it exists."""
    draft = store.get(get_db(), draft_id, g.teacher["id"])
    if draft is None:
        abort(404)
    return draft


def count_action() -> None:
    """Editing actions per teacher: at most ACTIONS_PER_MINUTE (config EDITOR_ACTIONS_PER_MINUTE), then 429."""
    limit = int(current_app.config.get("EDITOR_ACTIONS_PER_MINUTE", ACTIONS_PER_MINUTE))
    key = limits.digest("editor", str(g.teacher["id"]))
    moment = limits.now()
    wait = limits.window_wait(limits.times(get_db(), BUCKET, key, moment - WINDOW), limit, WINDOW, moment)
    if wait is not None:
        raise limits.LimitReached(
            f"Too many edits in a minute. Wait {limits.minutes_text(wait)}; everything saved so far is kept.", wait)
    limits.add(get_db(), BUCKET, key, moment)


def revision_of(form) -> int:
    return int(form.revision.data)


def commit(draft: dict, base: int, doc: dict, action: str) -> int:
    """Save a changed draft over revision ``base``; raises store.Conflict."""
    revision = store.save(get_db(), draft["id"], base, doc, action)
    draft.update(doc=doc, revision=revision, can_undo=True, title=doc["title"])
    return revision


def done(draft: dict, message: str, target: str, **extra):
    """The change is saved: JSON for the script, or a flash message and a redirect (post, redirect, get)."""
    if wants_json():
        return jsonify(ok=True, revision=draft["revision"], message=message, undo=store.last_action(
            get_db(), draft["id"]), **extra)
    flash(message, "info")
    return redirect(target)


def refused(message: str, status: int, field: str | None = None, **extra):
    """A change that was not made, as JSON; a page view re-renders its form instead."""
    return jsonify(ok=False, message=message, field=field, **extra), status


def conflict_json(exc: store.Conflict):
    return refused(exc.message + " Reload the page to see the latest, then make your change again.", 409,
                   revision=exc.revision)


def builtin_slugs() -> set[str]:
    return set(builtin())


def locked(draft: dict) -> bool:
    return bool(draft["published_version"])


def sentence_url(draft: dict, sid: str) -> str:
    return url_for("editor.sentence", draft_id=draft["id"], sid=sid)


def sentence_count(draft: dict) -> int:
    return len(sentences_of(draft["doc"]))
