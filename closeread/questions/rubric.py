"""Reading an explain question's rubric from content: ``[[question.rubric]]`` and ``wrong_conclusions``.

The words a teacher writes are checked here, at start-up, with faults a teacher
can act on; :mod:`.prescore` then scores answers against them.
"""

from __future__ import annotations

import re

from ..content.model import Criterion
from .prescore import NOT, pattern_parts, phrase

RUBRIC_FIELDS = ("label", "any", "conclusion", "weight")


def _phrases(value: object, what: str, faults: list[str], patterns: bool = False) -> tuple[str, ...]:
    """Words or phrases; with ``patterns`` (``wrong_conclusions``) a part may start with ``!``."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        faults.append(f"{what} must be a list of words or phrases")
        return ()
    for v in value:
        fault = _pattern_fault(v, patterns)
        if fault:
            faults.append(f'{what}: "{v}" {fault}')
    return tuple(v.strip().lower() for v in value)


def _pattern_fault(v: str, patterns: bool) -> str | None:
    parts = pattern_parts(v)
    alternatives = [alt for part in parts for alt in part.alternatives]
    if not all(phrase(alt) for alt in alternatives):
        return "has no word in it"
    if not all(re.fullmatch(r"[^*]+\*?", w) for alt in alternatives for w in alt.split()):
        return "may only use * at the end of a word"
    if NOT in v and not patterns:
        return f"may not use {NOT}: a part the sentence must not mention is only for 'wrong_conclusions'"
    if any(NOT in alt for alt in alternatives):
        return f"may only use {NOT} at the start of a part (between '...')"
    if all(part.absent for part in parts):
        return f"needs a part without {NOT}: what the sentence must say"
    return None


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
    wrong = _phrases(raw.get("wrong_conclusions"), "'wrong_conclusions'", faults, patterns=True)
    return criteria, wrong, faults
