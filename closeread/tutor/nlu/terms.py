"""Questions about a word: "what does unsupported mean", "whats a contradiction", "define tension".

Such a message asks for a definition; it is never an answer, even when the
word is one of the options. The term is returned in its canonical glossary
form when it is a known one ("contradiction" -> "contradicted" is *not* done:
each form has its own glossary entry or alias, so the engine looks it up).
"""

from __future__ import annotations

import re

from ..text import trim

_ASK = (
    r"what are (?P<v>[a-z][\w-]{3,20}(?: [a-z][\w-]{3,20})?)",
    r"what does it mean (?:when|if) (?:it'?s|its|it is|something is|a claim is|a sentence is) (?P<t>[a-z][\w -]{2,25})",
    r"(?:can you |could you |please )?explain (?:the word |the term |what )?(?P<u>stated|not stated|supported|"
    r"unsupported|contradicted|contradiction|tension|a tension|claim|source|evidence|vague attribution|hedging|hedge|"
    r"lateral reading|close reading)(?: means?| is)?(?: to me| please| again)*",
    r"what(?:'s| is| does| do| are)? (?:the )?(?:word |term |phrase )?(?P<a>.+?)(?: actually)? mean(?:s|t)?"
    r"(?: here| in this case| again| exactly| in the quiz| in (?:this|the) [a-z]+| in context)*",
    r"what (?:does|do) (?:it|that|this|they|you|u|we|the question|the quiz|the word|the tutor) mean by (?P<bb>.+)",
    r"what(?:'s| is) meant by (?P<b>.+)",
    r"what(?:'s| is) (?:the )?meaning of (?P<c>.+)",
    r"(?:the )?meaning of (?P<d>.+)",
    r"(?:can you |could you |please )?(?:define|explain the word|explain the term|explain what) (?P<e>.+?)"
    r"(?: means?| is)?",
    r"definition (?:of |for )?(?P<f>.+)",
    r"(?P<g>.+?) means what(?: exactly| again| here| now)?",
    r"what (?:counts|qualifies|passes) as (?:a |an )?(?P<w>[a-z][\w' -]{2,30})",
    r"what does (?P<x>[a-z][\w' -]{2,30}) (?:refer to|stand for|mean exactly|even mean)",
    r"what does (?P<vs>[a-z][\w' -]{2,30}?) mean (?:vs\.?|versus|compared to|or|and) (?:what does )?[\w' -]{2,30}",
    r"who(?:'s| is| are| was| were) (?:the |a |an )?(?P<y>[a-z][\w' -]{2,30})",
    r"(?P<z>[a-z][\w-]+(?: [a-z][\w-]+)?) ?= ?\?+",
    r"(?P<mm>[a-z][\w-]+(?: [a-z][\w-]+)?) meaning\??",
    r"i (?:don't|do not) (?:get|understand|know) what (?:a |an |the )?(?P<jj>[a-z][\w' -]{2,30}?) "
    r"(?:is|are|means|mean)",
    r"what(?:'s| is| are) (?:a |an |the )?(?P<h>[a-z' -]{3,30})\?",
    r"(?:what(?:'s| is) )?(?:the )?difference between (?:a |an |the )?(?P<i>.+?) and .+",
    r"(?:is|does) (?:a |an |the )?(?P<ii>[a-z][\w' -]{2,30}?) (?:the same (?:thing )?as|mean the same as|like|mean) "
    r"(?:a |an |the )?(?:false|wrong|untrue|true|lying|a lie|[a-z][\w' -]{2,30})",
    r"i don't (?:get|understand|know) what (?P<j>.+?) means",
    r"(?:i )?(?:never heard of|don't know the word|don't know the term) (?P<kk>[a-z][\w' -]{2,30})",
    r"what do you mean by (?P<k>.+)",
    r"(?:wdym|what do you mean|wym|what you mean) (?:by )?(?P<m>[a-z][\w' -]{2,30})",
    r"what(?:'s| is) (?:a |an )(?P<n>[a-z][\w' -]{2,30})",
    r"what(?:'s| is) (?P<o>[a-z][\w-]*(?: [a-z][\w-]*)?)",
    r"(?P<p>[a-z][\w' -]{2,30})\?\?+",
    r"(?P<q>[a-z][\w-]+) = [\w ]+\??",
    r"(?P<r>[a-z][\w-]+) means? (?:it'?s |its )?[\w ]+,? right\??",
    r"what does (?P<s>[a-z][\w' -]{2,30}) mean (?:in|here|in this).*",
    r"(?:huh |sorry )?what(?:'s| is) (?P<l>stated|not stated|supported|unsupported|contradicted|a contradiction|"
    r"contradiction|a tension|tension|a claim|a source|evidence|vague attribution|hedging|a hedge|"
    r"lateral reading|reading laterally)",
)
_ASK_RE = re.compile(r"^(?:" + "|".join(_ASK) + r")$")
# Every pattern of _ASK has one of these words or marks.
_TRIGGER = re.compile(r"what|wat\b|explain|mean|defin|\bwho|=|\?\?|difference|heard of|the word|the term|wdym|wym|"
                      r"same as|\blike\b|refer|stand for|counts as|qualifies as|passes as")
_SWEAR_WHAT = re.compile(r"^(?:wtf|wth|tf|what the (?:hell|heck|fuck|f)|the (?:hell|heck)) (?=is |are |does |do )")
_QUOTE_MARKS = re.compile(r"(?<![a-z])['\"]|['\"](?![a-z])")
_ARTICLES = re.compile(r"^(?:a |an |the |this |that |word |term |\"|')+")
# Words that only colour the question ("what does supported *even* mean"): never part of the term.
_FILLERS = re.compile(r"\b(?:even|actually|exactly|really|again|here|now|like|please|pls|tho|though)\b")
# Where the word is asked about ("the meaning of supported *in this question*"): never part of the term.
_CONTEXT = re.compile(r"(?:\s+(?:in|for|on|with) (?:this|the|that) (?:question|context|case|quiz|lesson|sentence|"
                      r"article|one|task|part|section|bit|text|post)|\s+in context|\s+(?:here|there|then))+$")
# Words that make "what is X?" a question about the lesson rather than about a word.
_NOT_TERMS = frozenset({
    "the question", "question", "the answer", "answer", "my score", "score", "this", "that", "it", "the point",
    "next", "going on", "happening", "the article", "the quiz", "the time", "your name", "up", "the deal",
    "the right answer", "the correct answer", "my answer", "the hint", "the plan", "this question", "the task",
    "reveal", "the reveal", "hint", "retry", "the retry", "quiz", "restart", "skip", "help", "progress", "practice",
    "the practice", "next step", "the next step", "the lesson", "lesson", "the summary",
    "my progress", "the next question", "the point of this", "the date", "new",
    "wrong with "
        "it", "the difference", "the right "
            "one", "the score", "it about", "this about", "the article about", "wrong", "right", "correct",
})


def term_question(text: str) -> str | None:
    """The term a message asks the meaning of, or None. Expects cleaned (folded) text, lead-ins kept."""
    text = _SWEAR_WHAT.sub("what ", text)  # "wtf is a proxy": the question under the swearing
    if not _TRIGGER.search(text):  # most messages ask about no word: skip the long pattern list
        return None
    text = _QUOTE_MARKS.sub("", text)  # "what counts as 'support'?": quotes around the term, not apostrophes
    t = trim(text).rstrip("?") + "?" if text.rstrip().endswith("?") else trim(text)
    m = _ASK_RE.match(t) or _ASK_RE.match(trim(text))
    if not m:
        return None
    term = next(v for v in m.groupdict().values() if v)
    term = _CONTEXT.sub("", term)
    term = " ".join(_FILLERS.sub(" ", term).split())
    term = trim(_ARTICLES.sub("", trim(term)))
    term = re.sub(r"^(?:word|term) ", "", term).strip(" \"'")
    if not term or term.split(" ")[0] in _FUNCTION_WORDS:
        return None
    if _ASKING.search(term):
        return None  # "what's this question asking": about the question, not a word
    if term in _NOT_TERMS or len(term) > 40 or re.fullmatch(r"[a-h]|\d+|s\d+", term):
        return None
    if (m.group("h") or m.group("y")) and term not in _KNOWN_SHORT and len(term.split()) > 3:
        return None
    if m.group("y") and term in _NOT_PEOPLE:
        return None
    return term


_ASKING = re.compile(r"\b(?:asking|saying|talking about|wanting|getting at)\b")
# "who is right", "who wrote it": asking about the lesson, not about a word.
_NOT_PEOPLE = frozenset({"right", "wrong", "correct", "you", "it", "this", "that", "he", "she", "they", "we", "i",
                         "talking", "speaking", "winning", "next", "first", "last", "author", "writer"})
# A term never starts with one of these: "what's for lunch", "what's up with this", "what is in section 2".
_FUNCTION_WORDS = frozenset({
    "for", "in", "on", "at", "with", "up", "to", "from", "of", "about", "by", "into", "going", "happening", "wrong",
    "right", "the", "my", "your", "this", "that", "it", "its", "next", "new", "there", "here", "so",
})
_KNOWN_SHORT = frozenset({
    "stated", "not stated", "supported", "unsupported", "contradicted", "contradiction", "tension", "claim",
    "source", "evidence", "hedge", "hedging", "vague attribution", "lateral reading",
})


_BARE = re.compile(r"^(?P<t>[a-z][a-z'-]{2,25}(?: [a-z][a-z'-]{1,25}){0,2})\s*\?+$")


def bare_term(text: str) -> str | None:
    """'annexation?': a word or two with a question mark, which may be a question about that word.

    Only a caller that knows the lesson's word list can tell ("convoy?" asks about a word; "s4?" or "the drone
    one?" names a sentence), so this returns the candidate and the caller checks it."""
    if not text.rstrip().endswith("?"):
        return None
    m = _BARE.match(trim(text) + "?")
    if not m:
        return None
    term = m.group("t")
    return None if term.split(" ")[0] in _FUNCTION_WORDS or term in _NOT_TERMS else term
