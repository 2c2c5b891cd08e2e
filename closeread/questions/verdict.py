"""``verdict``: the learner judges a ``statement`` on a ``scale``. All or nothing.

Scales: ``statement`` (is it stated in the article?) and ``sentence`` (is
this sentence of the article supported?). The options are the scale's
verdicts; their text defaults to the scale's labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.model import Option
from .base import SingleOptionType
from .expect import Choice, Expect

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question
    from ..content.sentences import Article

VERDICT_SCALES = {
    "statement": {
        "stated": "Stated in the article",
        "not-stated": "Not stated in the article",
        "contradicted": "Contradicted by the article",
    },
    "sentence": {
        "supported": "Supported in the article",
        "unsupported": "Asserted without support",
        "contradicted": "Contradicted elsewhere in the article",
    },
}
# Short labels for buttons and the chat's option lists.
SHORT_LABELS = {
    "stated": "Stated", "not-stated": "Not stated", "supported": "Supported", "unsupported": "Unsupported",
    "contradicted": "Contradicted",
}


class VerdictType(SingleOptionType):
    name = "verdict"
    shuffles_options = False  # a scale (stated / not stated / contradicted) keeps its order
    chat_instructions = "Tap one, or say it your way (“not stated”, “it doesn't say”, “contradicted”)."

    def check_options(self, q: Question, raw: dict, check: Checker, item: str) -> None:
        scale = raw.get("scale")
        if scale not in VERDICT_SCALES:
            check.fail(item, f"verdict needs scale 'statement' or 'sentence', not {scale!r}")
            return
        q.scale = scale
        labels = VERDICT_SCALES[scale]
        if {o.id for o in q.options} != set(labels):
            check.fail(item, f"verdict options must be exactly: {', '.join(labels)}")
        q.options = [Option(o.id, o.text or labels.get(o.id, o.id), o.feedback, o.misconception) for o in q.options]
        if not q.statement:
            check.fail(item, "verdict needs a 'statement' to judge")
        elif scale == "sentence":
            check.resolve(item, q.statement, "statement")

    def judged_sentences(self, q: Question, article: Article) -> set[str]:
        if q.scale == "sentence" and q.statement:
            return {s.id for s in article.sentences if q.statement in s.text}
        return set()

    def option_label(self, q: Question, option) -> str:
        return option.text

    def describe(self, q: Question, value: object, article: Article) -> list[str]:
        return [VERDICT_SCALES[q.scale or "statement"].get(str(value), str(value))]

    def expect(self, q: Question) -> Expect:
        choices = tuple(Choice(o.id, o.text, SHORT_LABELS.get(o.id, o.text)) for o in q.options)
        return Expect("choice", choices, scale=q.scale)
