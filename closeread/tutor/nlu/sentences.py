"""Sentences of the article named by id, quotation, paraphrase or position, one or several at a time."""

from __future__ import annotations

from ..sentence_refs import MAX_CANDIDATES, SentenceIndex
from .model import Candidate, Intent
from .positions import Positions

_POSITIONS: dict[int, Positions] = {}


def positions_for(index: SentenceIndex) -> Positions:
    key = id(index)
    if key not in _POSITIONS:
        _POSITIONS[key] = Positions(index.article)
    return _POSITIONS[key]


def label(index: SentenceIndex, sid: str, width: int = 60) -> str:
    text = index.article.by_id[sid].text
    short = text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
    return f"{sid}: {short}"


def parse_sentences(t: str, index: SentenceIndex, already: tuple[str, ...] = ()) -> Intent | None:
    """Sentences named in ``t`` (cleaned, lead-ins stripped). ``already``: picked in an earlier message."""
    if not t:
        return None
    t = positions_for(index).rewrite(t, index.resolve_one)
    res = index.resolve(t)
    if res.ok:
        return Intent("sentences", tuple(dict.fromkeys((*already, *res.ids))))
    if res.ambiguous:
        if len(res.ambiguous) > MAX_CANDIDATES:
            return Intent("invalid", note=(
                f"“{res.ambiguous_text}” fits {len(res.ambiguous)} sentences. Add a few more of its words, "
                "use its number (like s14), or select it in the article."
            ))
        base = tuple(dict.fromkeys((*already, *res.ids)))
        return Intent("ambiguous", candidates=tuple(
            Candidate(label(index, sid), "sentences", (*base, sid)) for sid in res.ambiguous
        ))
    if res.unmatched and not res.ids and index.ids_only(t) is not None:
        last = index.sentences[-1].id
        return Intent("invalid", note=f"There is no sentence {', '.join(res.unmatched)}: the article has s1 to {last}.")
    if res.ids and res.unmatched:
        found = ", ".join(res.ids)
        missing = "; ".join(f"“{u}”" for u in res.unmatched)
        return Intent("invalid", note=f"I found {found}, but no sentence matches {missing}.")
    return None
