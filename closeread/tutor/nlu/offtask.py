"""Messages that are not about the task: a refusal to write, a complaint, small talk about the learner's day.

None of them is stored as a written answer or a reading thought; the tutor says what it can do instead.
"""

from __future__ import annotations

import re

from ..sentence_refs import SentenceIndex
from ..text import trim
from .commands import section_number
from .model import Intent
from .normalise import clauses

NOT_A_THOUGHT = re.compile(r"\b(?:who (?:even )?cares|boring|lmao|dumb|stupid|hate this|shut up|bs|wtf|af|"
                           r"taylor swift|i'?m (?:so |really |very |super |kinda )?(?:tired|sleepy|hungry|bored|"
                           r"exhausted)|essay|homework|weather|football|fortnite|minecraft|tiktok|lunch)\b")

# "im not writing an essay for a bot", "nah not doing this": a refusal is not a written answer to store.
_REFUSAL = re.compile(
    r"^(?:(?:nah|no|nope|lol|bro|ugh|sorry|honestly|ok|um)[ ,!.]+)*(?:i'?m |i am |i |ill |i'll |i will )?"
    r"(?:not|never|won'?t|ain'?t|don'?t|do not|refuse to|can'?t be bothered to|don'?t want to|do not want to|"
    r"not going to|not gonna)\s+(?:want to |going to |gonna |even )?"
    r"(?:writ\w*|typ\w*|answer\w*|do(?:ing)? (?:this|that|it|all that|an essay|essays)|bother\w*)\b"
    r"(?:\s+\S+){0,6}$")


def refuses(cleaned: str) -> bool:
    """A refusal to write, alone or with a complaint ("this is stupid, not doing it"), but not a reason."""
    parts = [trim(p) for p in clauses(cleaned)] or [trim(cleaned)]
    said = [p for p in parts if _REFUSAL.match(p)]
    return bool(said) and all(p in said or len(p.split()) <= 2 or (
        len(p.split()) <= 4 and NOT_A_THOUGHT.search(p)) for p in parts)


# Chat about the learner's day ("lol my friend says hi", "my wifi is so bad"): in a short message with no word of
# the article, it is not a written answer or a thought to store.
_CHATTER = re.compile(r"\b(?:lol|lmao|haha+|brb|gtg|my (?:friend|mate|bestie|mum|mom|dad|sister|brother|teacher|"
                      r"wifi|internet|phone|laptop|dog|cat)|says? (?:hi|hello)|wifi|internet|lag+y?|battery|"
                      r"bathroom|toilet|snack|recess|break time)\b")
ON_TASK = re.compile(r"\b(?:writer|author|article|blog|post|source\w*|evidence|proof|prove\w*|claims?|says?|said|"
                      r"state[sd]?|support\w*|contradict\w*|tension|name[sd]?|quote[sd]?|sentence|section|question|"
                      r"true|false|fact\w*|report\w*|news|headline|why|because|never|nobody|no one)\b")
_CHATTER_WORDS = 10
CHATTER_NOTE = ("That sounds like a chat rather than an answer, so I haven't saved it. Write your answer in a "
                "sentence or two, or say **hint**, **skip**, **repeat** or **help**.")


def chatter(cleaned: str, index: SentenceIndex | None) -> bool:
    """A short message of small talk that names nothing in the article (asking is better than storing it)."""
    if len(cleaned.split()) > _CHATTER_WORDS or not _CHATTER.search(cleaned) \
            or ON_TASK.search(_CHATTER.sub(" ", cleaned)):
        return False
    return index is None or not index.matcher.scores(_CHATTER.sub(" ", cleaned))


def off_topic_question(cleaned: str, index: SentenceIndex | None, shape: re.Pattern | None = None) -> bool:
    """'can i go to the toilet' at a stop-and-think: a request or a question to the tutor with no word of the
    article in it is not a thought about the article ('can i ask about pfeiffer' and 'is this even real?' are).
    At a written answer, ``shape`` also takes in any short question about something else ("what's for lunch?"),
    when it has no word of the task either."""
    if index is None or not (_TO_THE_TUTOR.match(cleaned) or shape is not None and shape.match(cleaned)):
        return False
    scores = index.matcher.scores(cleaned)
    if shape is None:
        return not scores
    # a written answer: one common word shared with the article ("night") is not about the article
    return len(cleaned.split()) <= _SHORT_WORDS and not ON_TASK.search(cleaned) \
        and max(scores.values(), default=0.0) < _ABOUT_THE_ARTICLE


_ABOUT_THE_ARTICLE = 0.3
ABOUT_ANYTHING = re.compile(r"^(?:(?:what|who|when|where|how|why)(?:'s| is| are| was| did| do| does)?|"
                            r"(?:did|do|does|have|has|are|is|will|would|can|could) "
                            r"(?:you|u|we|anyone|any of you|everyone)|wanna|guess what)\b")
_TO_THE_TUTOR = re.compile(r"^(?:(?:can|could|may) (?:i|we)|(?:do|are|will|have|did|can|could|would) (?:you|u)|"
                           r"what'?s your|(?:who|where|how old) are you)\b")

_SHORT_WORDS = 12


# "i dont get what to write, can you repeat the question", "pls explain the task", "can i get a hint for this one",
# "can i look at the article again before i write this": at a written answer, a request to the tutor that names
# nothing of the article or the task is that request, not an answer to keep. An answer that happens to say "help"
# or "question" ("the article doesn't help, it never says who the source is") has no "can you" / "please" / "can i"
# before it, or words of the task in it ("can i say the article is unreliable because …" is an answer).
_ASKS_THE_TUTOR = re.compile(r"\b(?:can|could|would|will) (?:you|u)\b|\b(?:please|pls|plz)\b|"
                             r"\b(?:can|could|may) i\b|\blet me (?:see|look|read|have|get)\b|"
                             r"\bi(?:'d| would)? (?:need|want|like)\b|\b(?:show|give) me\b")
_SEE = (r"(?:see|read|look at|look over|check|reread|re-read|go back to|go over|have (?:a )?look at|view|open|"
        r"show(?: me)?)")
_REQUESTS = (
    ("repeat", re.compile(r"\b(?:repeat|say (?:it|that|this|the question) again|"
                          r"(?:show|tell|give|read) me(?: again)? (?:what )?the (?:question|task)|"
                          r"(?:see|read|hear|have|get) (?:the|that) (?:question|task) "
                          r"(?:again|one more time|once more)|"
                          r"(?:explain|rephrase|reword) (?:the|this|that) (?:question|task))\b")),
    ("hint", re.compile(r"\b(?:hint|clue|tip|nudge)s?\b")),
    ("help", re.compile(r"\bhelp\b")),
)
# "look at the article again", "reread section 2": the request names the article, and that word is no task word here
_SEE_ARTICLE = re.compile(r"\b" + _SEE + r" (?:the |that )?(?:whole |full )?(?:article|text|post)(?: again)?\b")
_SEE_SECTION = re.compile(r"\b" + _SEE + r" (?:the )?(?:section|part|paragraph) "
                          r"(?P<n>\d|one|two|three|four|five)(?: again)?\b")
_TASK_WORDS = re.compile(r"\b(?:writer|author|article|blog|source\w*|evidence|proof|prove\w*|claims?|state[sd]|"
                         r"support\w*|contradict\w*|tension|named?|quote[sd]?|true|false|fact\w*|report\w*|news|"
                         r"headline|because|never|nobody|no one)\b")
_REQUEST_WORDS = 25
# Words of a request that the article happens to use too ("could", "explain", "give"): not words of the article.
_REQUEST_VOCABULARY = frozenset((
    "can", "could", "would", "will", "you", "please", "pls", "plz", "repeat", "say", "again", "explain", "tell", "give",
    "show", "read", "question", "task", "write", "written", "put", "mean", "supposed", "need", "want", "help", "hint",
    "clue", "tip", "example", "good", "idea", "know", "understand", "get", "stuck", "why", "here", "now", "start",
    "begin", "answer", "may", "see", "look", "let", "have", "like", "first", "before", "bit", "sure", "what", "more",
    "once", "time"))


def request_to_tutor(cleaned: str, index: SentenceIndex | None) -> Intent | None:
    """The command a request to the tutor at a written answer makes (repeat, hint, help, the article or a section),
    if it is only that."""
    if len(cleaned.split()) > _REQUEST_WORDS or not _ASKS_THE_TUTOR.search(cleaned):
        return None
    section = _SEE_SECTION.search(cleaned)
    found = Intent("section", section_number(section.group("n"))) if section else \
        Intent("article") if _SEE_ARTICLE.search(cleaned) else None
    rest = _SEE_ARTICLE.sub(" ", _SEE_SECTION.sub(" ", cleaned))
    if _TASK_WORDS.search(rest):
        return None
    if index is not None and any(index.matcher.ids_for_word(w) for w in index.matcher.query_words(rest)
                                 if w not in _REQUEST_VOCABULARY):
        return None  # "could you help me see why the convoy became a drone": about the article
    return found or next((Intent(kind) for kind, pattern in _REQUESTS if pattern.search(rest)), None)
