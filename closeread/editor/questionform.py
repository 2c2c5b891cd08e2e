"""The question builder's form and the quiz file's question table, each from the other.

The form names sentences by id (typed in a plain form, or picked by clicking
with JavaScript); the table names them by quote, as the quiz file does, so the
loader checks the question exactly as ``check-content`` would. Options are
written with ids a, b, c… in the order shown, whatever ids a drafted question had.
"""

from __future__ import annotations

from .document import EditError, id_of_quote, parse_ids, quote_of, sort_ids
from .forms import MAX_DISTRACTORS, MAX_PAIRS, MAX_RUBRIC, OPTION_IDS, QuestionForm, scale_labels


def _ids_text(doc: dict, quotes: object) -> str:
    if not isinstance(quotes, list):
        return ""
    ids = [id_of_quote(doc, q) or f"“{q}”" for q in quotes if isinstance(q, str)]
    return " ".join(ids)


def _options_data(q: dict) -> list[dict]:
    key = q.get("key")
    keyed = {k for k in key if isinstance(k, str)} if isinstance(key, list) else {key}
    rows = [{"text": o.get("text", ""), "feedback": o.get("feedback", ""), "keyed": o.get("id") in keyed}
            for o in (q.get("option") or [])[: len(OPTION_IDS)] if isinstance(o, dict)]
    return rows + [{"text": "", "feedback": "", "keyed": False}] * (len(OPTION_IDS) - len(rows))


def _rubric_data(q: dict) -> list[dict]:
    rows = []
    for c in (q.get("rubric") or [])[:MAX_RUBRIC]:
        if isinstance(c, dict):
            rows.append({"label": c.get("label", ""), "any": ", ".join(c.get("any") or []),
                         "conclusion": ", ".join(c.get("conclusion") or []),
                         "weight": "" if c.get("weight") is None else str(c.get("weight"))})
    return rows + [{"label": "", "any": "", "conclusion": "", "weight": ""}] * (MAX_RUBRIC - len(rows))


def form_data(doc: dict, q: dict) -> dict:
    """The builder's field values for a question table."""
    qtype = q.get("type")
    data = {
        "id": q.get("id", ""), "category": q.get("category", "states"), "points": q.get("points", 1),
        "prompt": q.get("prompt", ""), "explanation": q.get("explanation", ""),
        "hints": "\n".join(h for h in q.get("hints") or [] if isinstance(h, str)), "lateral": q.get("lateral", ""),
        "evidence": _ids_text(doc, q.get("evidence")), "options": _options_data(q), "rubric": _rubric_data(q),
        "model_answer": q.get("model_answer", ""), "wrong_conclusions": "\n".join(q.get("wrong_conclusions") or []),
        "statement": q.get("statement", ""), "scale": q.get("scale", "statement"), "key_sentences": "",
        "pairs": [""] * MAX_PAIRS, "verdict_key": "", "verdict_feedback": ["", "", ""],
    }
    if qtype == "verdict":
        labels = scale_labels(data["scale"])
        feedback = {o.get("id"): o.get("feedback", "") for o in q.get("option") or [] if isinstance(o, dict)}
        data["verdict_key"] = q.get("key", "")
        data["verdict_feedback"] = [feedback.get(v, "") for v in labels]
        if data["scale"] == "sentence":
            data["statement"] = id_of_quote(doc, data["statement"]) or data["statement"]
    elif qtype == "cite":
        data["key_sentences"] = _ids_text(doc, q.get("key"))
    elif qtype == "pair":
        pairs = [_ids_text(doc, p) for p in (q.get("key") or [])[:MAX_PAIRS]]
        data["pairs"] = pairs + [""] * (MAX_PAIRS - len(pairs))
    rows = [{"sentence": _ids_text(doc, [d.get("quote")]), "feedback": d.get("feedback", "")}
            for d in (q.get("distractor") or [])[:MAX_DISTRACTORS] if isinstance(d, dict)]
    data["distractors"] = rows + [{"sentence": "", "feedback": ""}] * (MAX_DISTRACTORS - len(rows))
    return data


def _distractors(doc: dict, form: QuestionForm) -> list[dict]:
    out = []
    for n, row in enumerate(form.distractors.entries):
        sid, feedback = (row.form.sentence.data or "").strip(), (row.form.feedback.data or "").strip()
        if not sid and not feedback:
            continue
        ids = parse_ids(sid, doc, f"distractors-{n}-sentence", 1)
        out.append({"quote": quote_of(doc, ids[0]) if ids else "", "feedback": feedback})
    return out


def _quotes(doc: dict, text: str, field: str, limit: int = 40) -> list[str]:
    return [quote_of(doc, sid) for sid in sort_ids(parse_ids(text or "", doc, field, limit))]


def _words(text: str) -> list[str]:
    return [w.strip() for w in (text or "").split(",") if w.strip()]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _weight(raw: str) -> float | int | str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        return raw  # the loader names it: "must be a positive number"
    return int(value) if value.is_integer() else value


def _option_part(form: QuestionForm, qtype: str) -> dict:
    options, keyed = [], []
    for n, row in enumerate(form.options.entries):
        text, feedback = (row.form.text.data or "").strip(), (row.form.feedback.data or "").strip()
        if not text and not feedback and not row.form.keyed.data:
            continue
        oid = OPTION_IDS[n]
        options.append({"id": oid, "text": text, "feedback": feedback})
        if row.form.keyed.data:
            keyed.append(oid)
    if qtype == "choice":
        return {"option": options, "key": keyed[0] if len(keyed) == 1 else keyed}
    return {"option": options, "key": keyed}


def _verdict_part(doc: dict, form: QuestionForm) -> dict:
    scale = form.scale.data if form.scale.data in ("statement", "sentence") else "statement"
    labels = list(scale_labels(scale))
    statement = (form.statement.data or "").strip()
    if scale == "sentence" and statement:
        ids = parse_ids(statement, doc, "statement", 1)
        statement = quote_of(doc, ids[0]) if ids else ""
    options = [{"id": v, "feedback": (form.verdict_feedback.entries[n].data or "").strip()}
               for n, v in enumerate(labels)]
    return {"scale": scale, "statement": statement, "option": options, "key": form.verdict_key.data or ""}


def _explain_part(form: QuestionForm) -> dict:
    rubric = []
    for row in form.rubric.entries:
        f = row.form
        if not any((f.label.data or "").strip() or (x.data or "").strip() for x in (f.any, f.conclusion)):
            continue
        criterion = {"label": (f.label.data or "").strip(), "any": _words(f.any.data)}
        if _words(f.conclusion.data):
            criterion["conclusion"] = _words(f.conclusion.data)
        weight = _weight(f.weight.data)
        if weight is not None:
            criterion["weight"] = weight
        rubric.append(criterion)
    return {"model_answer": (form.model_answer.data or "").strip(), "rubric": rubric,
            "wrong_conclusions": _lines(form.wrong_conclusions.data)}


def table_from_form(doc: dict, form: QuestionForm, qtype: str) -> dict:
    """The question table the form describes; EditError (with its field) for ids that name no sentence."""
    q: dict = {
        "id": (form.id.data or "").strip(), "category": form.category.data, "type": qtype,
        "prompt": (form.prompt.data or "").strip(), "points": form.points.data,
        "evidence": _quotes(doc, form.evidence.data, "evidence"),
        "explanation": (form.explanation.data or "").strip(), "hints": _lines(form.hints.data),
        "lateral": (form.lateral.data or "").strip(),
    }
    if qtype in ("choice", "multi"):
        q.update(_option_part(form, qtype))
    elif qtype == "verdict":
        q.update(_verdict_part(doc, form))
    elif qtype == "cite":
        q["key"] = _quotes(doc, form.key_sentences.data, "key_sentences")
        q["distractor"] = _distractors(doc, form)
    elif qtype == "pair":
        pairs = []
        for n, entry in enumerate(form.pairs.entries):
            if (entry.data or "").strip():
                ids = parse_ids(entry.data, doc, f"pairs-{n}", 2)
                if len(ids) != 2:
                    raise EditError("A pair is two different sentences, like “s4 s9”.", f"pairs-{n}")
                pairs.append([quote_of(doc, sid) for sid in sort_ids(ids)])
        q["key"] = pairs
        q["distractor"] = _distractors(doc, form)
    elif qtype == "explain":
        q.update(_explain_part(form))
    if not q["evidence"] and qtype in ("cite", "pair"):
        q["evidence"] = list(dict.fromkeys(x for x in _flat(q["key"])))  # the key shows the answer
    return q


def _flat(key: object) -> list[str]:
    out: list[str] = []
    for item in key if isinstance(key, list) else []:
        out.extend(item if isinstance(item, list) else [item])
    return out
