"""Collecting content faults: every content file is checked with one :class:`Checker`.

A fault is a :class:`ContentProblem` naming the file, the item (question id,
ledger entry, tutor skill) and the fault. Loaders collect them all and raise
one :class:`ContentError`, so a teacher who edits a TOML file by hand sees
every mistake at once. Question types (:mod:`closeread.questions`) and the
tutor's content use the same checker, so their messages read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import Article

# A straight-double-quoted span of three or more words in feedback text:
# by the content rules it must be a verbatim quotation from the article.
QUOTED_SPAN = re.compile(r'"([^"\n]+)"')
# Ids of questions, options, lessons and tutor skills: kebab-case.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Options are shown in a different order to each learner, so no text may name an option by its letter
# ("option B", "(c)", "A and D") or, in an option's own text, by its place ("all of the above").
LETTER_REFERENCE = re.compile(
    r"\b(?i:options?|answers?|choices?|letters?)\s+\(?[A-H]\b"  # "option B", "answer C", "choices A"
    r"|\b(?i:options?)\s+\(?[a-h]\b"  # "option b"
    r"|\(\s*[a-hA-H]\s*\)"  # "(b)"
    r"|\b[A-H]\s*(?:,|&|/|\band\b|\bor\b)\s*[A-H]\b(?!\.\w)"  # "A and C", "B or D", "A, C"
)
PLACE_REFERENCE = re.compile(
    r"(?i)\b(?:all|none|both|neither|any|each|either) of the (?:above|below|previous|following|others?)\b"
    r"|\bthe (?:above|previous|next|following|first|last|other) (?:options?|answers?|choices?)\b"
)


@dataclass(frozen=True)
class ContentProblem:
    file: str
    item: str | None
    fault: str

    def __str__(self) -> str:
        where = f" [{self.item}]" if self.item else ""
        return f"{self.file}{where}: {self.fault}"


class ContentError(Exception):
    """Raised when any content file is broken; ``problems`` lists every fault."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} content problem(s):\n{lines}")


class Checker:
    """Collects problems for one file while building the model."""

    def __init__(self, file: str, article: Article | None, problems: list[ContentProblem]):
        self.file = file
        self.article = article
        self.problems = problems

    def fail(self, item: str | None, fault: str) -> None:
        self.problems.append(ContentProblem(self.file, item, fault))

    def resolve(self, item: str | None, quote: object, what: str = "quote") -> str | None:
        """Return the id of the one sentence that contains ``quote`` verbatim."""
        if not isinstance(quote, str) or not quote.strip():
            self.fail(item, f"{what} must be a non-empty string")
            return None
        assert self.article is not None
        hits = [s.id for s in self.article.sentences if quote in s.text]
        if not hits:
            self.fail(item, f'{what} "{quote}" is not found verbatim in the article')
            return None
        if len(hits) > 1:
            self.fail(item, f'{what} "{quote}" is ambiguous: it is in sentences {", ".join(hits)}')
            return None
        return hits[0]

    def resolve_all(self, item: str | None, quotes: object, what: str) -> list[str]:
        if not isinstance(quotes, list) or not quotes:
            self.fail(item, f"{what} must be a non-empty list of quotes")
            return []
        ids = [self.resolve(item, q, what) for q in quotes]
        return [i for i in ids if i]

    def text(self, item: str | None, data: dict, key: str, required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(item, f"missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(item, f"'{key}' must be a non-empty string")
            return None
        return value.strip()

    def letter_free(self, item: str | None, text: str | None, what: str) -> None:
        """Refuse a reference to an option by letter: each learner sees the options in a different order."""
        m = LETTER_REFERENCE.search(text or "")
        if m:
            self.fail(item, f"{what} refers to an option by its letter (\"{m.group(0)}\"), but options are shuffled "
                            "for each learner: name the option by its content")

    def order_free(self, item: str | None, text: str | None, what: str) -> None:
        """An option's text may not depend on where it stands ("all of the above") or name another by letter."""
        m = PLACE_REFERENCE.search(text or "")
        if m:
            self.fail(item, f"{what} refers to other options by their place (\"{m.group(0)}\"), but options are "
                            "shuffled for each learner: name them by their content")
        self.letter_free(item, text, what)

    def quotes_article(self, item: str | None, text: str | None, what: str) -> None:
        """Enforce the quoting rule on feedback-like text."""
        if not text or self.article is None:
            return
        plain = " ".join(s.text for s in self.article.sentences)
        spans = [s for s in QUOTED_SPAN.findall(text) if len(s.split()) >= 3]
        for span in spans:
            if span not in plain:
                self.fail(item, f'{what} quotes "{span}", which is not verbatim in the article')
        if not spans:
            self.fail(item, f"{what} must quote the article (a \"...\" span of 3+ words)")
