"""The draft helper's suggestions as the editor shows them: pending ones only, the cue cut out to highlight.

``cues.suggest`` is pure and deterministic, so its answer for the same sentences is
cached per worker: the sentence pages of one article ask for it again and again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..content.model import LEDGER_LABELS
from .cues import Suggestion, suggest
from .document import sentences_of, suggestion_key


@dataclass(frozen=True)
class Shown:
    """A suggestion with its sentence cut around the cue (each part is escaped by the template)."""

    suggestion: Suggestion
    before: str
    cue: str
    after: str

    @property
    def label_name(self) -> str:
        return LEDGER_LABELS.get(self.suggestion.label, self.suggestion.label)


@lru_cache(maxsize=32)
def _suggest(pairs: tuple[tuple[str, str], ...]) -> tuple[Suggestion, ...]:
    return tuple(suggest(pairs))


def pending(doc: dict, sid: str | None = None) -> list[Shown]:
    """Suggestions the teacher has neither accepted nor dismissed, whose label the sentence lacks."""
    refs = sentences_of(doc)
    by_id = {s.id: s for s in refs}
    out = []
    for sug in _suggest(tuple((s.id, s.text) for s in refs)):
        ref = by_id.get(sug.sentence)
        if ref is None or (sid is not None and sug.sentence != sid) or sug.label in ref.data["labels"]:
            continue
        if suggestion_key(ref.key, sug.label, sug.kind, sug.cue) in doc["decisions"]:
            continue
        text = ref.text
        out.append(Shown(sug, text[: sug.start], text[sug.start: sug.end], text[sug.end:]))
    return out


def counts(doc: dict) -> dict[str, int]:
    """{sentence id: pending suggestions}."""
    out: dict[str, int] = {}
    for shown in pending(doc):
        out[shown.suggestion.sentence] = out.get(shown.suggestion.sentence, 0) + 1
    return out
