"""Compatibility layer: the tutor's understanding now lives in :mod:`closeread.tutor.nlu`.

Kept so that existing imports (the engine, the script, the tests) keep working unchanged.
"""

from .nlu import (
    CLARIFY_LABELS,
    HIGH,
    LETTERS,
    MEDIUM,
    MIN_EXPLAIN_CHARS,
    VERDICT_SHORT,
    Candidate,
    Choice,
    Expect,
    Intent,
    IntentKind,
    parse,
    resolve_clarification,
    strip_lead_ins,
)

__all__ = [
    "CLARIFY_LABELS", "HIGH", "LETTERS", "MEDIUM", "MIN_EXPLAIN_CHARS", "VERDICT_SHORT", "Candidate", "Choice",
    "Expect", "Intent", "IntentKind", "parse", "resolve_clarification", "strip_lead_ins",
]
