"""A lesson's files as data: read them, hash them, and load a lesson back from them. No Flask.

A *version* of a lesson is the exact text of the files the loader reads
(``LESSON_FILES`` in ``lesson/<slug>/`` plus ``quizzes/<slug>.toml``), keyed by
the SHA-256 of those texts. The same mapping is what the database keeps for
every version and what a bundle carries, so an old version, an imported lesson
and the files on disk all go through the one loader.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import tomllib
from pathlib import Path

from ..content.checker import ContentError, ContentProblem
from ..content.loader import load_lesson
from ..content.model import Lesson

LESSON_FILES = ("article.md", "lesson.md", "lesson.toml", "ledger.toml", "tutor.toml", "glossary.toml")
REQUIRED_FILES = ("article.md", "lesson.md", "lesson.toml", "ledger.toml")


def quiz_path(slug: str) -> str:
    return f"quizzes/{slug}.toml"


def lesson_path(slug: str, name: str) -> str:
    return f"lesson/{slug}/{name}"


def allowed_paths(slug: str) -> set[str]:
    return {lesson_path(slug, name) for name in LESSON_FILES} | {quiz_path(slug)}


def read_files(root: str | Path, slug: str) -> dict[str, str]:
    """The lesson's files under a content root, as {relative path: text}."""
    root = Path(root)
    files = {}
    for rel in sorted(allowed_paths(slug)):
        path = root / rel
        if path.is_file():
            files[rel] = path.read_text(encoding="utf-8")
    return files


def content_hash(files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for rel in sorted(files):
        for part in (rel, files[rel]):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def fingerprints(files: dict[str, str], slug: str) -> dict[str, str]:
    """{question id: hash of its TOML table}: which questions changed between two versions."""
    try:
        data = tomllib.loads(files.get(quiz_path(slug), ""))
    except tomllib.TOMLDecodeError:
        return {}
    out = {}
    for raw in data.get("question") or []:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            text = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
            out[raw["id"]] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return out


def load_from_files(files: dict[str, str], slug: str) -> Lesson:
    """Load and validate a lesson from its files; raise ContentError naming every fault.

    The files are written to a private temporary directory laid out like the
    content root, so the loader that checks ``lesson/`` at start-up checks them too.
    """
    with tempfile.TemporaryDirectory(prefix="closeread-lesson-") as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        problems: list[ContentProblem] = []
        lesson = load_lesson(root, slug, problems)
    if problems or lesson is None:
        raise ContentError(problems or [ContentProblem(f"lesson/{slug}", None, "the lesson could not be loaded")])
    lesson.version = content_hash(files)
    return lesson


def stamp_versions(root: str | Path, lessons: dict[str, Lesson]) -> dict[str, dict[str, str]]:
    """Give each lesson loaded from ``root`` its content hash; return {slug: its files} for content sync."""
    out = {}
    for slug, lesson in lessons.items():
        files = read_files(root, slug)
        lesson.version = content_hash(files)
        out[slug] = files
    return out
