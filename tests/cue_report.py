"""How well the draft helper's suggestions match the shipped ledgers: ``make cue-report``.

For each shipped lesson, the helper (:mod:`closeread.editor.cues`) reads the article's sentences and
its suggestions are compared with the lesson's claim ledger, as (sentence, label) pairs:

* recall: the share of the ledger's pairs that the helper suggests, counted over the labels it can
  suggest at all (``KINDS``' labels) and over every ledger label;
* wrong: the share of its suggestions whose label is not among that sentence's ledger labels.

Per kind, each kind's own cues are counted before :func:`~closeread.editor.cues.suggest` keeps one
suggestion per sentence and label, so a kind whose cue another kind already covers still shows.

The rules were tuned on ``germany-mali`` only; ``wrenfield-phones`` is reported as the unseen lesson.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from closeread.content.loader import load_content
from closeread.content.model import Lesson
from closeread.editor.cues import DETECTORS, KINDS, Suggestion, suggest

ROOT = Path(__file__).resolve().parent.parent
TUNED_ON = "germany-mali"


@dataclass(frozen=True)
class Share:
    hits: int
    of: int

    @property
    def value(self) -> float:
        return self.hits / self.of if self.of else 0.0

    def __str__(self) -> str:
        return f"{self.hits}/{self.of} = {self.value:.0%}" if self.of else "0/0"


@dataclass
class Figures:
    slug: str
    texts: list[tuple[str, str]]  # the article's sentences, (id, text)
    labels: dict[str, tuple[str, ...]]  # the ledger: sentence id -> its labels
    suggestions: list[Suggestion]
    recall_suggestable: Share
    recall_overall: Share
    wrong: Share
    by_kind: dict[str, tuple[Share, Share]] = field(default_factory=dict)  # kind -> (wrong, recall of its label)
    by_label: dict[str, Share] = field(default_factory=dict)  # suggestable label -> recall


def _pairs(lesson: Lesson) -> set[tuple[str, str]]:
    return {(sid, label) for sid, entry in lesson.ledger.items() for label in entry.labels}


def _wrong(lesson: Lesson, suggestions: list[Suggestion]) -> Share:
    bad = [s for s in suggestions if s.label not in lesson.ledger[s.sentence].labels]
    return Share(len(bad), len(suggestions))


def measure(lesson: Lesson) -> Figures:
    sentences = [(s.id, s.text) for s in lesson.article.sentences]
    suggestions = suggest(sentences)
    suggested = {(s.sentence, s.label) for s in suggestions}
    ledger = _pairs(lesson)
    suggestable = {p for p in ledger if p[1] in set(KINDS.values())}
    figures = Figures(
        slug=lesson.slug,
        texts=sentences,
        labels={sid: entry.labels for sid, entry in lesson.ledger.items()},
        suggestions=suggestions,
        recall_suggestable=Share(len(suggested & suggestable), len(suggestable)),
        recall_overall=Share(len(suggested & ledger), len(ledger)),
        wrong=_wrong(lesson, suggestions),
    )
    for kind, detect in DETECTORS.items():
        own = list(detect(sentences))
        labelled = {p for p in ledger if p[1] == KINDS[kind]}
        hits = {(s.sentence, s.label) for s in own} & labelled
        figures.by_kind[kind] = (_wrong(lesson, own), Share(len(hits), len(labelled)))
    for label in sorted(set(KINDS.values())):
        labelled = {p for p in ledger if p[1] == label}
        figures.by_label[label] = Share(len(suggested & labelled), len(labelled))
    return figures


def measure_all(root: Path = ROOT) -> dict[str, Figures]:
    return {slug: measure(lesson) for slug, lesson in sorted(load_content(root).items())}


def report(figures: Figures) -> list[str]:
    role = "tuning lesson" if figures.slug == TUNED_ON else "unseen lesson: not used to tune the rules"
    lines = [
        f"{figures.slug} ({role})",
        f"  suggestions: {len(figures.suggestions)}; wrong: {figures.wrong}",
        f"  recall, labels it can suggest ({', '.join(figures.by_label)}): {figures.recall_suggestable}",
        f"  recall, every ledger label: {figures.recall_overall}",
        "  per label: " + "; ".join(f"{label} {share}" for label, share in figures.by_label.items()),
        f"  {'kind':<20} {'label':<18} {'wrong':<16} recall of its label",
    ]
    for kind, (wrong, recall) in figures.by_kind.items():
        lines.append(f"  {kind:<20} {KINDS[kind]:<18} {str(wrong):<16} {recall}")
    for s in figures.suggestions:
        mark = "  " if s.label in figures.labels[s.sentence] else "x "
        lines.append(f"    {mark}{s.sentence:<4} {s.label:<18} {s.kind:<20} {s.cue[:60]!r}")
    return lines


def main() -> None:
    print("Draft helper (closeread/editor/cues.py) against the shipped ledgers; x = label not in the ledger")
    for figures in measure_all().values():
        print("\n".join(report(figures)))


if __name__ == "__main__":
    main()
