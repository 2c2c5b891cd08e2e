"""The class's trust in the article before and after the lesson: the measure of "inoculation" games.

Each learner rates how far they trust the article (1 to 5) before reading and again after the last
round (``trust_ratings``). For a class this gives the mean before, the mean after, the mean shift of
the students who gave both ratings (a skipped rating is not a zero), and how many chose each point of
the scale each time. Pure: rows in, figures out; no Flask, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from ..learner.store import TRUST_SCALE


@dataclass(frozen=True)
class ScalePoint:
    rating: int
    label: str
    before: int
    after: int

    def share(self, moment: str, out_of: int) -> float:
        """Percent of ``out_of`` ratings, for the bar; 0 when there are none."""
        return 100.0 * getattr(self, moment) / out_of if out_of else 0.0


@dataclass(frozen=True)
class TrustShift:
    before: tuple[int, ...]
    after: tuple[int, ...]
    pairs: tuple[tuple[int, int], ...]  # (before, after) of the students who gave both
    scale: tuple[ScalePoint, ...]

    @property
    def mean_before(self) -> float | None:
        return round(fmean(self.before), 1) if self.before else None

    @property
    def mean_after(self) -> float | None:
        return round(fmean(self.after), 1) if self.after else None

    @property
    def mean_shift(self) -> float | None:
        """Mean of (after - before) over the students who rated both times; negative: trust went down."""
        return round(fmean(a - b for b, a in self.pairs), 1) if self.pairs else None

    @property
    def lower(self) -> int:
        return sum(a < b for b, a in self.pairs)

    @property
    def same(self) -> int:
        return sum(a == b for b, a in self.pairs)

    @property
    def higher(self) -> int:
        return sum(a > b for b, a in self.pairs)


def build(ratings: Iterable[tuple[int, str, int]]) -> TrustShift:
    """From (attempt id, moment, rating) rows of the counted attempts."""
    by_attempt: dict[int, dict[str, int]] = {}
    for attempt_id, moment, rating in ratings:
        by_attempt.setdefault(attempt_id, {})[moment] = rating
    before = tuple(r["before"] for r in by_attempt.values() if "before" in r)
    after = tuple(r["after"] for r in by_attempt.values() if "after" in r)
    pairs = tuple((r["before"], r["after"]) for r in by_attempt.values() if "before" in r and "after" in r)
    scale = tuple(ScalePoint(value, label, before.count(value), after.count(value)) for value, label in TRUST_SCALE)
    return TrustShift(before, after, pairs, scale)
