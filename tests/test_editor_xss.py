"""The 68-payload XSS corpus through every field of the lesson editor, and through every learner and teacher
view of the lesson it publishes: 0 scripts but the app's own, 0 event attributes, 0 script URLs, 0 inline
styles (the page audit of tests/test_trust_xss.py), and each payload shown back as text where it is shown."""

from __future__ import annotations

import re

import pytest

from closeread.editor.document import clean_text
from tests.editor_support import app_with_teachers, row, signed_in
from tests.helpers import key_answer
from tests.test_teacher_support import create_class, join
from tests.test_trust_xss import Audit, squash
from tests.xss_support import PAYLOADS, _quote_safe

INTRO = "The town council voted on Monday to build a new bridge. The mayor said the work would start in May."
QUOTE = '"The town council voted on Monday"'


def groups(items, size):
    return [items[i: i + size] for i in range(0, len(items), size)]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    app = app_with_teachers(tmp_path_factory.mktemp("editor-xss"), EDITOR_ACTIONS_PER_MINUTE=100_000)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return {"app": app, "teacher": signed_in(app), "audit": Audit()}


def new(client, **data):
    return client.post("/teacher/editor/new", data={"title": "", "body": "", **data})


def test_payload_titles_and_bodies_in_the_editor_list_and_pages(world):
    teacher, check = world["teacher"], world["audit"]
    shown = []
    for n, payload in enumerate(PAYLOADS):
        response = new(teacher, title=payload, body=f"Body {n}. {payload}", source=payload, author=payload,
                       date=payload[:40])
        if response.status_code == 302:
            stored = squash(clean_text(payload))  # control characters are dropped from titles and text
            shown.append(stored)
            check.page(f"overview of title {n}", teacher.get(response.headers["Location"]), [stored])
        else:  # a title of only spaces or control characters: the form says so
            check.html(f"title {n} refused", response.get_data(as_text=True))
    assert len(shown) > 60
    check.page("editor index", teacher.get("/teacher/editor"), shown)
    assert check.problems == []


def _draft(world) -> int:
    teacher = world["teacher"]
    body = INTRO + "\n\n" + "\n\n".join(f"P{n}: {p}" for n, p in enumerate(PAYLOADS))
    response = new(teacher, title="Payload article", body=body, source="Gazette")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _rev(world, draft_id):
    return row(world["app"], draft_id)["revision"]


def test_payloads_through_every_editor_field_then_every_view_of_the_published_lesson(world):
    app, teacher, check = world["app"], world["teacher"], world["audit"]
    draft_id = _draft(world)
    base = f"/teacher/editor/{draft_id}"
    check.page("overview", teacher.get(base), [squash(clean_text(f"P{n}: {p}")) for n, p in enumerate(PAYLOADS)][:5])
    check.page("suggestions", teacher.get(f"{base}/suggestions"))
    # Details: every payload in every text field, one save each.
    for n, payload in enumerate(PAYLOADS):
        data = {"revision": _rev(world, draft_id), "title": f"Payload article {payload}"[:200], "summary": payload,
                "source": payload, "author": payload, "date": payload[:40], "teaching": f"# Read\n\n{payload}",
                "slug": ""}
        response = teacher.post(f"{base}/details", data=data)
        if response.status_code != 302:
            check.html(f"details {n} refused", response.get_data(as_text=True))
        check.page(f"details {n}", teacher.get(f"{base}/details"))
    # The ledger: notes, laterals and partner fields (refused: the message echoes the text).
    sentences = len(row(app, draft_id)["doc"]["blocks"][1]["sentences"]) + 1
    for n, payload in enumerate(PAYLOADS):
        sid = f"s{2 + n % (sentences - 1)}"
        for partners in (payload, ""):
            response = teacher.post(f"{base}/sentences/{sid}/ledger", data={
                "revision": _rev(world, draft_id), "labels": ["stated"], "note": payload, "lateral": payload,
                "contradicts": partners, "tension_with": ""})
            if response.status_code != 302:
                check.html(f"ledger {n} refused", response.get_data(as_text=True))
        check.page(f"sentence {sid}", teacher.get(f"{base}/sentences/{sid}"))
        response = teacher.post(f"{base}/suggestions", data={
            "revision": _rev(world, draft_id), "sentence": sid, "label": "hedged", "kind": payload, "cue": payload,
            "decision": "dismiss"})
        assert response.status_code == 302
    # Questions of every type with payloads in every field; choice questions carry them to learners.
    for qtype in ("multi", "verdict", "cite", "pair", "explain"):
        response = teacher.post(f"{base}/questions/new", data={"revision": _rev(world, draft_id), "type": qtype,
                                                                "category": "states"})
        qid = response.headers["Location"].rsplit("/", 1)[1]
        every = " ".join(PAYLOADS)
        data = {"revision": _rev(world, draft_id), "id": qid, "category": "states", "points": "1",
                "prompt": every[:1000], "statement": every[:500], "scale": "statement", "explanation": every[:2000],
                "hints": "\n".join(PAYLOADS)[:1200], "lateral": every[:1000], "model_answer": every[:2000],
                "wrong_conclusions": "\n".join(PAYLOADS)[:1000], "evidence": "s2", "key_sentences": "s2",
                "pairs-0": "s2 s3", "verdict_feedback-0": every[:1000], "distractors-0-sentence": "s3",
                "distractors-0-feedback": every[:1000]}
        for n, payload in enumerate(PAYLOADS[:8]):
            data[f"options-{n}-text"] = payload
            data[f"options-{n}-feedback"] = payload
        for n, payload in enumerate(PAYLOADS[:6]):
            data[f"rubric-{n}-label"] = payload
            data[f"rubric-{n}-any"] = payload[:300]
        response = teacher.post(f"{base}/questions/{qid}", data=data)
        assert response.status_code in (302, 422), qtype
        check.page(f"builder {qtype}", teacher.get(f"{base}/questions/{qid}"))
        json_answer = teacher.post(f"{base}/questions/{qid}", data={**data, "revision": _rev(world, draft_id)},
                                   headers={"Accept": "application/json"})
        assert json_answer.mimetype == "application/json"
        teacher.post(f"{base}/questions/{qid}/remove", data={"revision": _rev(world, draft_id)})
    approved = []
    for n, group in enumerate(groups(PAYLOADS, 6)):
        response = teacher.post(f"{base}/questions/new", data={"revision": _rev(world, draft_id), "type": "choice",
                                                                "category": "states"})
        qid = response.headers["Location"].rsplit("/", 1)[1]
        safe = " ".join(_quote_safe(p) for p in group)
        data = {"revision": _rev(world, draft_id), "id": f"payload-{n}", "category": "states", "points": "1",
                "prompt": "Who voted? " + " ".join(group), "evidence": "s2",
                "explanation": f"The article says {QUOTE}. {safe}", "hints": "\n".join(group),
                "lateral": " ".join(group)}
        for m, payload in enumerate((group + ["Nobody", "Everybody"])[:3]):
            data[f"options-{m}-text"] = f"{m} {payload}"
            data[f"options-{m}-feedback"] = f"It says {QUOTE}. {_quote_safe(payload)}"
        data["options-0-keyed"] = "y"
        assert teacher.post(f"{base}/questions/{qid}", data=data).status_code == 302
        check.page(f"builder payload-{n}", teacher.get(f"{base}/questions/payload-{n}"))
        response = teacher.post(f"{base}/questions/payload-{n}/status", data={"revision": _rev(world, draft_id),
                                                                             "status": "approved"})
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
        approved.append(f"payload-{n}")
    check.page("questions", teacher.get(f"{base}/questions"))
    teacher.post(f"{base}/label-rest", data={"revision": _rev(world, draft_id), "label": "stated"})
    check.page("publish page", teacher.get(f"{base}/publish"))
    preview = teacher.post(f"{base}/preview", data={"revision": _rev(world, draft_id), "mode": "chat"})
    assert preview.status_code == 302, preview.get_data(as_text=True)[-3000:]
    check.page("preview chat", teacher.get(preview.headers["Location"]))
    published = teacher.post(f"{base}/publish", data={"revision": _rev(world, draft_id)})
    assert published.status_code == 302, published.get_data(as_text=True)[-3000:]
    slug = row(app, draft_id)["slug"]
    assert check.problems == []
    _learner_and_teacher_views(world, slug, draft_id, approved)


def _learner_and_teacher_views(world, slug, draft_id, approved):
    app, teacher, check = world["app"], world["teacher"], world["audit"]
    check.page("library", teacher.get("/teacher/lessons"))
    check.page("answer key", teacher.get(f"/lessons/{slug}/answer-key"))
    check.page("publish page after", teacher.get(f"/teacher/editor/{draft_id}/publish"))
    class_id, code = create_class(teacher, "Payload readers")
    assert teacher.post(f"/teacher/classes/{class_id}/assignments",
                        data={"lesson": slug, "due": "", "zone": "UTC"}).status_code == 302
    check.page("class page", teacher.get(f"/teacher/classes/{class_id}"))
    student = join(app, code, "Kim")
    check.page("student home", student.get("/"))
    check.page("lesson page", student.get(f"/lessons/{slug}"))
    check.page("worksheet", student.get(f"/lessons/{slug}/worksheet", follow_redirects=True))
    start = student.post(f"/lessons/{slug}/attempts")
    attempt = int(re.search(r"/attempts/(\d+)/", start.headers["Location"]).group(1))
    check.page("trust before", student.get(start.headers["Location"]))
    lesson = app.extensions.get("closeread.versions", {})
    lesson = next(v for (s, _), v in lesson.items() if s == slug)
    for q in lesson.quiz.questions:
        url = f"/attempts/{attempt}/questions/{q.number}"
        for _ in q.hints:
            student.post(f"{url}/hint")
        check.page(f"question {q.id}", student.get(url))
        assert student.post(url, data=key_answer(q)).status_code == 302
        check.page(f"feedback {q.id}", student.get(url))
    check.page("result", student.get(f"/attempts/{attempt}/result"))
    chat = student.post(f"/lessons/{slug}/chat", data={"new": "1"})
    assert chat.status_code == 302
    check.page("chat", student.get(chat.headers["Location"]))
    lesson_base = f"/teacher/classes/{class_id}/lessons/{slug}"
    for suffix in ("", "/live", "/print", "/items", "/heatmap", "/review", "/progress", "/regrade"):
        check.page(f"dashboard{suffix}", teacher.get(lesson_base + suffix))
    assert sorted(q.id for q in lesson.quiz.questions) == sorted(approved)
    assert check.problems == []
