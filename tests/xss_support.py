"""The hostile-input corpus and a fixture lesson built from it, for the XSS tests."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

from closeread.content.loader import QUOTED_SPAN
from tests.helpers import FIXTURES

DATA = Path(__file__).resolve().parent / "data"
ESCAPES = {"\\t": "\t", "\\r": "\r", "\\n": "\n", "\\0": "\x00"}


def load_payloads() -> list[str]:
    payloads = []
    for line in (DATA / "xss_payloads.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("# "):
            continue
        if line.startswith("esc:"):
            line = line[4:]
            for code, char in ESCAPES.items():
                line = line.replace(code, char)
        payloads.append(line)
    return payloads


PAYLOADS = load_payloads()


# --- a minimal TOML writer (enough for lesson and quiz files) ------------------------------------


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        # A JSON string is a TOML basic string, but for DEL and NUL, which TOML wants escaped.
        return json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(type(v))


def to_toml(data: dict, prefix: str = "") -> str:
    lines = []
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict) and not _is_table_list(v)}
    for k, v in scalars.items():
        lines.append(f"{json.dumps(k)} = {_value(v)}")
    for k, v in data.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            lines.append(f"\n[{name}]")
            lines.append(to_toml(v, f"{name}."))
        elif _is_table_list(v):
            for item in v:
                lines.append(f"\n[[{name}]]")
                lines.append(to_toml(item, f"{name}."))
    return "\n".join(line for line in lines if line)


def _is_table_list(v) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


# --- the fixture lesson ---------------------------------------------------------------------------


def _quote_safe(payload: str) -> str:
    """A payload that cannot break the quoting rule for feedback texts (no 3-word "..." spans)."""
    text = payload.replace('"', "'")
    assert not [s for s in QUOTED_SPAN.findall(text) if len(s.split()) >= 3]
    return text


def build_xss_lesson(root: Path, payloads: list[str] = PAYLOADS) -> Path:
    """Copy the mini fixture as lesson "xss" with a payload in every text a teacher can write."""
    shutil.copytree(FIXTURES / "mini", root)
    lesson_dir = root / "lesson" / "xss"
    (root / "lesson" / "mini").rename(lesson_dir)
    every = "\n\n".join(payloads)
    safe_every = " ".join(_quote_safe(p) for p in payloads)

    meta = tomllib.loads((lesson_dir / "lesson.toml").read_text(encoding="utf-8"))
    meta["title"] = "XSS lesson " + " ".join(payloads[:8])
    meta["summary"] = " ".join(payloads)
    (lesson_dir / "lesson.toml").write_text(to_toml(meta), encoding="utf-8")

    teaching = (lesson_dir / "lesson.md").read_text(encoding="utf-8")
    (lesson_dir / "lesson.md").write_text(teaching + "\n\n" + every + "\n\nxss-fixture-marker\n", encoding="utf-8")

    ledger = tomllib.loads((lesson_dir / "ledger.toml").read_text(encoding="utf-8"))
    for entry in ledger["sentence"]:
        entry["note"] = entry["note"] + " " + every
        entry["lateral"] = every
    (lesson_dir / "ledger.toml").write_text(to_toml(ledger), encoding="utf-8")

    quiz_path = root / "quizzes" / "mini.toml"
    quiz = tomllib.loads(quiz_path.read_text(encoding="utf-8"))
    quiz["slug"] = "xss"
    quiz["title"] = "XSS quiz " + " ".join(payloads)
    for n, tag in enumerate(quiz["misconceptions"]):
        quiz["misconceptions"][tag] = payloads[n % len(payloads)]
    for n, q in enumerate(quiz["question"]):
        q["prompt"] = q["prompt"] + "\n\n" + every
        q["hints"] = list(q["hints"]) + payloads
        q["lateral"] = every
        q["explanation"] = q["explanation"] + " " + safe_every
        if "statement" in q:
            q["statement"] = q["statement"] + " " + " ".join(payloads)
        if "model_answer" in q:
            q["model_answer"] = q["model_answer"] + " " + safe_every
        for m, option in enumerate(q.get("option", [])):
            option["feedback"] = option["feedback"] + " " + safe_every
            if q["type"] in ("choice", "multi"):
                option["text"] = payloads[(n * 7 + m) % len(payloads)]
        for d in q.get("distractor", []):
            d["feedback"] = d["feedback"] + " " + safe_every
        for m, criterion in enumerate(q.get("rubric", [])):
            criterion["label"] = payloads[(n + m) % len(payloads)]
    quiz_path.unlink()
    (root / "quizzes" / "xss.toml").write_text(to_toml(quiz), encoding="utf-8")
    return root
