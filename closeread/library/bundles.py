"""Lesson bundles: one ``.zip`` with a lesson's files and a manifest. No Flask.

Layout (the same as the content root, so the one loader reads it)::

    manifest.toml                 format_version, slug, title, language, licence, author
    lesson/<slug>/article.md ...  the files of snapshot.LESSON_FILES that the lesson has
    quizzes/<slug>.toml

Reading never trusts the archive: every entry's name, type, kind and size is
checked before anything is unpacked, and unpacking reads at most the stated
limit whatever the headers claim. Every fault is reported with file, item and
reason (:class:`ContentError`); nothing is written anywhere by this module.
"""

from __future__ import annotations

import io
import stat
import tomllib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..content.checker import ID_PATTERN, ContentError, ContentProblem
from . import snapshot

FORMAT_VERSION = 1
MANIFEST = "manifest.toml"
MAX_ENTRIES = 16  # more entries than a lesson can have (8 files) plus their folders
MAX_FILE_BYTES = 1_000_000  # one unpacked file
MAX_TOTAL_BYTES = 2_000_000  # the whole bundle unpacked; the largest lesson is about 160 KB
ALLOWED_SUFFIXES = (".md", ".toml")
MANIFEST_FIELDS = ("title", "language", "licence", "author")
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # entries carry a fixed time, so the same lesson exports to the same bytes


@dataclass
class Bundle:
    slug: str
    manifest: dict
    files: dict[str, str]


def _fail(problems: list[ContentProblem], item: str | None, reason: str, file: str = "bundle") -> None:
    problems.append(ContentProblem(file, item, reason))


def write_bundle(slug: str, files: dict[str, str], manifest: dict) -> bytes:
    """The bundle's bytes: the manifest first, then the files in path order."""
    head = {"format_version": FORMAT_VERSION, "slug": slug, **{k: manifest.get(k, "") for k in MANIFEST_FIELDS}}
    lines = [f"format_version = {FORMAT_VERSION}"] + [
        f"{key} = {_toml_string(head[key])}" for key in ("slug", *MANIFEST_FIELDS)
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in [(MANIFEST, "\n".join(lines) + "\n"), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _open(data: bytes, problems: list[ContentProblem]) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK\x03\x04"):
            _fail(problems, None, "the zip file is truncated or damaged (its table of contents is missing)")
        else:
            _fail(problems, None, "this is not a zip file: export a bundle from CloseRead and upload that")
    return None


def _name_faults(info: zipfile.ZipInfo) -> list[str]:
    name = info.filename
    faults = []
    path = PurePosixPath(name)
    if name.startswith(("/", "\\")) or "\\" in name or ".." in path.parts or ":" in name:
        faults.append("path traversal: an entry may not leave the bundle (no '..', '/', '\\' or drive at the start)")
    if stat.S_ISLNK(info.external_attr >> 16):
        faults.append("symbolic links are not allowed in a bundle")
    if not info.flag_bits & 0x800 and not name.isascii():
        faults.append("the file name is not UTF-8 (the zip does not mark it so): export the bundle again")
    if not info.is_dir() and path.suffix not in ALLOWED_SUFFIXES:
        faults.append(f"unknown file type '{path.suffix or path.name}': a bundle holds only .md and .toml files")
    return faults


def _check_entries(zf: zipfile.ZipFile, problems: list[ContentProblem]) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        _fail(problems, None, f"too many files: {len(infos)} entries, at most {MAX_ENTRIES} are allowed")
        return []
    seen: set[str] = set()
    files = []
    for info in infos:
        for fault in _name_faults(info):
            _fail(problems, info.filename, fault)
        if info.filename in seen:
            _fail(problems, info.filename, "the same file is in the bundle twice")
        seen.add(info.filename)
        if not info.is_dir():
            files.append(info)
    declared = sum(i.file_size for i in files)
    if declared > MAX_TOTAL_BYTES:
        _fail(problems, None, f"unpacked size {declared:,} bytes is over the limit of {MAX_TOTAL_BYTES:,} bytes")
    return files


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, problems: list[ContentProblem]) -> bytes:
    """Unpack one entry, reading at most ``budget`` bytes (headers can lie about sizes)."""
    limit = min(budget, MAX_FILE_BYTES)
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    # zipfile raises NotImplementedError for a compression method it cannot unpack (an encrypted or exotic zip):
    # for the teacher that is one more bundle that cannot be read, not a missing feature of CloseRead.
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, NotImplementedError) as exc:
        _fail(problems, info.filename, f"cannot be unpacked: the bundle is truncated or damaged ({exc})")
        return b""
    if len(data) > limit:
        _fail(problems, info.filename, f"unpacks to more than {limit:,} bytes: over the size limit (a zip bomb?)")
        return b""
    return data


def _unpack(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], problems: list[ContentProblem]) -> dict[str, str]:
    """{name: text}; a file that is not UTF-8 is reported and kept as None (present, but unreadable)."""
    texts: dict[str, str | None] = {}
    budget = MAX_TOTAL_BYTES
    for info in infos:
        data = _read_entry(zf, info, budget, problems)
        budget -= len(data)
        try:
            texts[info.filename] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            _fail(problems, None, f"not UTF-8 text (byte {exc.start}): save the file as UTF-8", info.filename)
            texts[info.filename] = None
    return texts


def _manifest(texts: dict[str, str], problems: list[ContentProblem]) -> dict:
    if MANIFEST not in texts:
        _fail(problems, None, "the bundle has no manifest.toml", MANIFEST)
        return {}
    if texts[MANIFEST] is None:
        return {}
    try:
        data = tomllib.loads(texts[MANIFEST])
    except tomllib.TOMLDecodeError as exc:
        _fail(problems, None, f"invalid TOML: {exc}", MANIFEST)
        return {}
    if data.get("format_version") != FORMAT_VERSION:
        _fail(problems, "format_version", f"is {data.get('format_version')!r}; this CloseRead reads format "
                                          f"{FORMAT_VERSION}", MANIFEST)
    slug = data.get("slug")
    if not isinstance(slug, str) or not ID_PATTERN.match(slug):
        _fail(problems, "slug", "must be a kebab-case slug (lower-case letters, digits, hyphens)", MANIFEST)
    for key in MANIFEST_FIELDS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            _fail(problems, key, "is missing or empty", MANIFEST)
    return data


def _layout(slug: str, texts: dict[str, str], problems: list[ContentProblem]) -> dict[str, str]:
    allowed = snapshot.allowed_paths(slug)
    files = {}
    slugs = set()
    for name, text in texts.items():
        if name == MANIFEST:
            continue
        parts = PurePosixPath(name).parts
        if len(parts) == 3 and parts[0] == "lesson":
            slugs.add(parts[1])
        elif len(parts) == 2 and parts[0] == "quizzes":
            slugs.add(PurePosixPath(parts[1]).stem)
        if name in allowed:
            if text is not None:
                files[name] = text
        elif not (len(parts) == 3 and parts[0] == "lesson" and parts[1] != slug):
            _fail(problems, name, f"not a lesson file: expected {', '.join(sorted(allowed))}")
    if len(slugs) > 1:
        _fail(problems, None, f"the bundle holds several lessons ({', '.join(sorted(slugs))}); one bundle is one "
                              f"lesson, '{slug}' in its manifest")
    for required in (*[snapshot.lesson_path(slug, n) for n in snapshot.REQUIRED_FILES], snapshot.quiz_path(slug)):
        if required not in texts:
            _fail(problems, None, "file is missing from the bundle", required)
    return files


def read_bundle(data: bytes) -> Bundle:
    """Check and unpack a bundle in memory; raise ContentError naming every fault."""
    problems: list[ContentProblem] = []
    zf = _open(data, problems)
    if zf is None:
        raise ContentError(problems)
    with zf:
        infos = _check_entries(zf, problems)
        if problems:
            raise ContentError(problems)
        texts = _unpack(zf, infos, problems)
    manifest = _manifest(texts, problems)
    slug = manifest.get("slug")
    files = _layout(slug, texts, problems) if isinstance(slug, str) and ID_PATTERN.match(slug) else {}
    if problems:
        raise ContentError(problems)
    return Bundle(slug, {k: manifest[k].strip() for k in MANIFEST_FIELDS}, files)
