"""``pair``: the learner ticks two sentences that cannot both be true.

Full credit for a keyed pair, half when one of the two belongs to a keyed
pair, none when the two are both keyed against the same sentence (they agree
with each other); order never matters. The key is a list of pairs (frozensets of two
sentence ids).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import SentenceType
from .grading import Grade, scaled

if TYPE_CHECKING:
    from ..content.checker import Checker
    from ..content.model import Question
    from ..content.sentences import Article


def _same_side(chosen: frozenset[str], pairs: list[frozenset[str]]) -> bool:
    """True when both picks clash with the same sentence, so they agree with each other."""
    partners = [{s for pair in pairs if pick in pair for s in pair if s != pick} for pick in chosen]
    return len(partners) == 2 and bool(partners[0] & partners[1])


class PairType(SentenceType):
    name = "pair"
    exactly = 2
    chat_instructions = ("Select exactly two sentences in the article and send, or type them (for example “s16 and "
                         "s26”, or “the convoy one and the jet one”).")

    def read_key(self, q: Question, key: object, check: Checker, item: str) -> object:
        if not isinstance(key, list) or not key:
            check.fail(item, "a pair key must be a list of [quote, quote] pairs")
            return None
        pairs: list[frozenset[str]] = []
        for pair in key:
            if not isinstance(pair, list) or len(pair) != 2:
                check.fail(item, "each pair in the key must have exactly two quotes")
                continue
            ids = [check.resolve(item, quote, "key quote") for quote in pair]
            if all(ids):
                if ids[0] == ids[1]:
                    check.fail(item, f"pair key names the same sentence {ids[0]} twice")
                    continue
                pairs.append(frozenset(ids))
        return pairs

    def grade(self, q: Question, answer: object) -> Grade:
        chosen = frozenset(answer)
        best = max(len(chosen & pair) for pair in q.key)
        if best == 1 and _same_side(chosen, q.key):
            best = 0  # two sentences that agree with each other earn nothing
        grade = Grade(scaled(q.points, best / 2), q.points)
        self.distractor_feedback(q, grade, sorted(chosen - q.key_sentences))
        return grade

    def keyed_ids(self, q: Question) -> set[str]:
        return set().union(*q.key)

    def expected_sentences(self, q: Question, picks: set[str]) -> set[str]:
        """The keyed pair closest to the learner's picks."""
        return set(max(q.key, key=lambda pair: len(pair & picks)))

    def describe(self, q: Question, value: object, article: Article) -> list[str]:
        if value and not isinstance(value[0], str):  # the key: a list of pairs
            sentences = article.by_id
            return [" + ".join(f"{s.id}: {s.text}" for s in sorted((sentences[sid] for sid in pair),
                                                                   key=lambda s: s.number))
                    for pair in value]
        return super().describe(q, value, article)
