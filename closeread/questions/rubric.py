"""Reading an explain question's rubric from content: ``[[question.rubric]]`` and ``wrong_conclusions``.

The words a teacher writes are checked here, at start-up, with faults a teacher
can act on; :mod:`.prescore` then scores answers against them.
"""

from __future__ import annotations

import re

from ..content.model import Criterion
from .prescore import pattern_parts, phrase

RUBRIC_FIELDS = ("label", "any", "conclusion", "weight")


def _phrases(value: object, what: str, faults: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        faults.append(f"{what} must be a list of words or phrases")
        return ()
    for v in value:
        if not all(phrase(alt) for part in pattern_parts(v) for alt in part):
            faults.append(f'{what}: "{v}" has no word in it')
        elif not all(re.fullmatch(r"[^*]+\*?", w) for part in pattern_parts(v) for alt in part for w in alt.split()):
            faults.append(f'{what}: "{v}" may only use * at the end of a word')
    return tuple(v.strip().lower() for v in value)


def _weight(value: object, what: str, faults: list[str]) -> float:
    if value is None:
        return 1.0
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        faults.append(f"{what} must be a positive number")
        return 1.0
    return float(value)


def read_rubric(raw: dict) -> tuple[list[Criterion], tuple[str, ...], list[str]]:
    """The ``[[question.rubric]]`` criteria and ``wrong_conclusions`` of an explain question.

    Returns the criteria, the wrong-conclusion phrases and the faults found, each
    fault a sentence a teacher can act on.
    """
    faults: list[str] = []
    criteria: list[Criterion] = []
    entries = raw.get("rubric") or []
    for n, c in enumerate(entries if isinstance(entries, list) else [], 1):
        if not isinstance(c, dict):
            faults.append(f"rubric criterion {n} must be a table")
            continue
        unknown = sorted(set(c) - set(RUBRIC_FIELDS))
        if unknown:
            known = ", ".join(RUBRIC_FIELDS)
            faults.append(f"rubric criterion {n} has unknown field(s) {', '.join(unknown)} (known: {known})")
        label = c.get("label")
        words = _phrases(c.get("any"), f"rubric criterion {n} 'any'", faults)
        conclusion = _phrases(c.get("conclusion"), f"rubric criterion {n} 'conclusion'", faults)
        weight = _weight(c.get("weight"), f"rubric criterion {n} 'weight'", faults)
        if not isinstance(label, str) or not label.strip() or not (words or conclusion):
            faults.append(f"rubric criterion {n} needs a 'label' and a non-empty 'any' or 'conclusion' list")
            continue
        criteria.append(Criterion(label.strip(), words, conclusion, weight))
    if len(criteria) < 2:
        faults.append("an explain question needs at least two rubric criteria")
    wrong = _phrases(raw.get("wrong_conclusions"), "'wrong_conclusions'", faults)
    return criteria, wrong, faults
