"""Shared parts of the lesson editor's tests: an app with two teachers, an article, and page helpers."""

from __future__ import annotations

import json
import re

from closeread.db import connect
from tests.test_teacher_support import PASSWORD_A, PASSWORD_B, add_teacher, sign_in, teacher_app

# 15 sentences once "U.S." is merged back (the splitter breaks after it), with cues for the draft helper.
TITLE = "Town Says New Bridge Will Open Soon"
ARTICLE = """The town council voted on Monday to build a new bridge over the river.
The mayor, Ana Ruiz, said the work would start in May.

## What it costs

The bridge will cost 4 million euros, officials say. Some commentators believe it could cost twice as much.
The money comes from a U.S. Treasury fund for small towns. It is likely that the fund will pay half.

## Doubts

Traffic has doubled since the old bridge closed. The council said the old bridge was unsafe.
The old bridge reopened on Monday after an inspection. Residents were not asked.

We will explain why the vote was rushed. A spokesperson said "the plan is sound."
The work will start in May. Post a Comment"""


def app_with_teachers(tmp_path, **config):
    app = teacher_app(tmp_path, **config)
    add_teacher(app, "one@school.org", PASSWORD_A)
    add_teacher(app, "two@school.org", PASSWORD_B)
    return app


def signed_in(app, which: str = "one"):
    client = app.test_client()
    if which == "one":
        sign_in(client, "one@school.org", PASSWORD_A)
    else:
        sign_in(client, "two@school.org", PASSWORD_B)
    return client


def new_draft(client, title: str = TITLE, body: str = ARTICLE, **extra) -> int:
    response = client.post("/teacher/editor/new", data={"title": title, "body": body, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/teacher/editor/(\d+)$", response.headers["Location"]).group(1))


def row(app, draft_id: int) -> dict:
    """The draft as stored: the database after a POST, not what a page said."""
    db = connect(app.config["DATABASE"])
    try:
        rows = list(db.query("SELECT * FROM lesson_drafts WHERE id = ?", [draft_id]))
        if not rows:
            return {}
        out = rows[0]
        out["doc"] = json.loads(out["doc"])
        return out
    finally:
        db.close()


def texts(doc: dict) -> list[str]:
    return [s["text"] for b in doc["blocks"] for s in b.get("sentences", [])]


def sentence(doc: dict, sid: str) -> dict:
    n = int(sid[1:])
    return [s for b in doc["blocks"] for s in b.get("sentences", [])][n - 1]


def revision(app, draft_id: int) -> int:
    return row(app, draft_id)["revision"]
