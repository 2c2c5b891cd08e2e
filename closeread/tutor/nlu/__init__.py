"""How the tutor understands learners: small rule modules, one job each, no network and no model.

``normalise`` (case, emoji, chat spellings, lead-ins), ``multilingual`` (yes/no/options in German,
Spanish, French), ``terms`` (questions about a word), ``commands`` (commands, also inside a message),
``negation``, ``options`` (letters, numbers, ordinals, lists, option text), ``verdicts``, ``positions``
and ``sentences`` (article sentences), ``model`` (Intent, Expect, confidence) and ``parser`` (the order).
"""

from .model import HIGH, MEDIUM, MIN_EXPLAIN_CHARS, Candidate, Choice, Expect, Intent, IntentKind
from .normalise import strip_lead_ins
from .options import LETTERS
from .parser import parse, resolve_clarification
from .terms import bare_term
from .verdicts import LABELS as CLARIFY_LABELS
from .verdicts import SHORT as VERDICT_SHORT

__all__ = [
    "CLARIFY_LABELS", "HIGH", "LETTERS", "MEDIUM", "MIN_EXPLAIN_CHARS", "VERDICT_SHORT", "Candidate", "Choice",
    "Expect", "Intent", "IntentKind", "bare_term", "parse", "resolve_clarification", "strip_lead_ins",
]
