"""Messages that are not about the task: a refusal to write, a complaint, small talk about the learner's day.

None of them is stored as a written answer or a reading thought; the tutor says what it can do instead.
"""

from __future__ import annotations

import re

from ..sentence_refs import SentenceIndex
from ..text import trim
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


