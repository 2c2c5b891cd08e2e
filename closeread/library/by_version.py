"""Teacher views per lesson version: which version an analysis shows and what changed in it.

Item analysis, the heatmap and the print view read answers with the key and
options of one version; answers given on another version are not mixed in.
The roster and the scores are over all versions (a score is points earned on
the attempt's own version).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlite_utils import Database

from ..content.model import Lesson
from . import catalog, versions


@dataclass
class VersionView:
    lesson: Lesson
    version: str
    counted: dict[int, int]  # counted attempt id -> class member id, on this version only
    on_version: Counter = field(default_factory=Counter)  # version -> counted attempts on it
    changed: dict[str, str] = field(default_factory=dict)  # question id -> changed/added/removed vs served

    @property
    def short(self) -> str:
        return versions.short(self.version)

    @property
    def several(self) -> bool:
        return len(self.on_version) > 1 or (bool(self.on_version) and self.version not in self.on_version)


def attempt_versions(db: Database, attempt_ids: list[int]) -> dict[int, str | None]:
    if not attempt_ids:
        return {}
    marks = ",".join("?" for _ in attempt_ids)
    return dict(db.execute(f"SELECT id, version FROM attempts WHERE id IN ({marks})", attempt_ids).fetchall())


def _fingerprints(db: Database, slug: str, version: str) -> dict[str, str]:
    for v in versions.listing(db, slug):
        if v["version"] == version:
            return v["fingerprints"]
    return {}


def choose(db: Database, served: Lesson, counted: dict[int, int], asked: str | None) -> VersionView:
    """The version asked for (by its full hash or first 8 digits), else the one most counted attempts are on."""
    of = attempt_versions(db, list(counted))
    on_version = Counter(v or served.version for v in of.values())
    known = {v for v in on_version} | {served.version}
    version = next((v for v in sorted(known) if asked and v.startswith(asked) and len(asked) >= 8), None)
    if version is None:
        version = max(on_version, key=lambda v: (on_version[v], v == served.version)) if on_version else served.version
    lesson = catalog.lesson_version(served.slug, version) or served
    view = VersionView(lesson, lesson.version or version,
                       {a: s for a, s in counted.items() if (of.get(a) or served.version) == version}, on_version)
    if version != served.version:
        view.changed = versions.changed_questions(_fingerprints(db, served.slug, version),
                                                  _fingerprints(db, served.slug, served.version))
    return view


def lessons_for_rows(served: Lesson, rows: list[dict]) -> dict[str, Lesson]:
    """{version: lesson} for every version the CSV rows' attempts are on."""
    out = {served.version: served}
    for v in {r.get("version") for r in rows} - set(out) - {None}:
        lesson = catalog.lesson_version(served.slug, v)
        if lesson is not None:
            out[v] = lesson
    return out
