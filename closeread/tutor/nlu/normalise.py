"""Put a learner's message into the one form every pattern expects.

Lower case, straight quotes and single spaces (:func:`fold`); emoji and other
symbols dropped ("c 👍" -> "c"); letters typed three or more times squeezed
("pleeease", "hiiint"); common chat spellings written out ("u" -> "you",
"whats" -> "what's", "pls" -> "please"); and the lead-ins and trailers that carry no
meaning ("I think", "hmm", "lol", "?") stripped by :func:`strip_lead_ins`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..text import fold, trim

_SQUEEZE = re.compile(r"([a-z])\1{2,}")
_CHAT_WORDS = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "plez": "please", "plse": "please",
    "wat": "what", "wut": "what", "wht": "what", "whats": "what's", "wats": "what's", "im": "i'm", "ive": "i've",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "cant": "can't", "wont": "won't",
    "thats": "that's", "theres": "there's", "wasnt": "wasn't", "arent": "aren't", "couldnt": "couldn't",
    "shouldnt": "shouldn't", "wouldnt": "wouldn't", "havent": "haven't", "hasnt": "hasn't", "id": "i'd",
    "ill": "i'll", "prolly": "probably", "prob": "probably",
    "probs": "probably", "def": "definitely", "defo": "definitely",
    "ans": "answer", "qn": "question", "ques": "question", "q": "question", "coz": "because", "cos": "because",
    "cuz": "because", "bc": "because", "b/c": "because", "abt": "about", "sth": "something", "smth": "something",
    "nvm": "never mind", "thx": "thanks", "ty": "thanks", "pls,": "please", "gimme": "give me", "lemme": "let me",
    "wanna": "want to", "gonna": "going to", "dunno": "don't know", "kinda": "kind of", "sorta": "sort of",
    "ya": "yes", "yea": "yes", "yeh": "yes", "yah": "yes", "ye": "yes", "yas": "yes", "yess": "yes",
    "noo": "no", "nop": "nope", "teh": "the", "hte": "the", "adn": "and",
    "shd": "should", "wd": "would", "w/": "with", "w/o": "without", "dept": "department", "govt": "government",
    "gov": "government", "info": "information", "pic": "picture", "sec": "section", "sect": "section",
    # words run together
    "letsgo": "let's go", "lets": "let's", "notstated": "not stated", "notsupported": "not supported",
    "dontknow": "don't know", "idontknow": "i don't know", "noidea": "no idea", "notsure": "not sure",
    "thankyou": "thank you", "alot": "a lot", "nextone": "next one", "gotit": "got it", "okie": "ok",
    "okey": "ok", "kk": "ok", "noone": "nobody", "no one": "nobody", "no-one": "nobody", "lest go": "let's go",
}
_CHAT = re.compile(r"(?<![\w'])(" + "|".join(re.escape(w) for w in sorted(_CHAT_WORDS, key=len, reverse=True)
                                               if w != "b/c")
                   + r")(?![\w'])|(?<![\w'])(b/c)(?=\s+[a-z]{2,})")
# "un supported" is one word typed as two: read as "supported" it would be the opposite.
_DOUBLED_I = re.compile(r"^ii (?=(?:think|thought|guess|believe|reckon|would|wouldn'?t|will|won'?t|am|was|'m|'d|"
                        r"pick|choose|say|said|mean|meant|want|need|don'?t|do|did|can|have|go|feel)\b)")
_SPLIT_PREFIX = re.compile(r"\b(un|in|dis) (supported|sourced|stated|proven|true|correct|clear|backed|named|dated)\b")
# Swear words used as intensifiers ("the damn answers", "this stupid question"): they carry no request.
_EXPLETIVE = re.compile(r"\b(?:damn|darn|dang|goddamn|freaking|freakin|fricking|frickin|friggin|frigging|fucking|"
                        r"fuckin|fking|fkn|fckn|fcking|fkin|effing|effin|bloody|flipping|stupid|dumb|stinking|"
                        r"bleeping|bloomin|blooming|sodding)\s+(?=[a-z])")
_TRASH_NOUN = re.compile(r"\b(this|that|the) (?:crap|shit|bs|rubbish|garbage|junk|nonsense)\b")
# Short words learners stretch by doubling the last letter ("goo", "okk", "helpp"): squeezed back.
_STRETCHED = frozenset({"go", "ok", "yes", "no", "so", "hi", "help", "hint", "next", "skip", "yep", "yup", "nope",
                        "sure", "please", "plz", "pls", "why", "what", "done", "ready", "thanks", "cool"})
_DOUBLE_END = re.compile(r"\b([a-z]+?)([a-z])\2\b")
# "yes yes", "no no no", "c c": one word said twice is said once ("not not" is a double negation: kept).
_SLIPPED_NOT = re.compile(r"\b([a-z]{2,4}) (?=(?:stated|supported|mentioned|said|true|there|backed|sourced|"
                          r"contradicted|in the article|in the text)\b)")
_REPEATED_WORD = re.compile(r"\b(?!not\b|never\b)([a-z][a-z']*)(?:[ ,!.]+\1\b)+")


_EMOJI_WORDS = {"👍": " yes ", "👌": " ok ", "✅": " yes ", "👎": " no ", "❌": " no ", "🤷": " i don't know ",
                "❓": " ? ", "🙋": " help ", "➡️": " next ", "➡": " next ", "💡": " hint ", "🆘": " help ",
                "⏭️": " skip ", "⏭": " skip ", "🔁": " repeat ", "🔄": " repeat ", "🙏": " please ", "✔️": " yes ",
                "✔": " yes ", "🤔": " hmm ", "😕": " i'm confused ", "😵": " i'm confused "}
# Words learners often mistype, corrected only in short messages (one edit, or a swap of two letters).
TYPO_VOCABULARY = (
    "help", "hint", "skip", "retry", "repeat", "score", "section", "option", "answer", "think", "question",
    "article", "restart", "reveal", "next", "quiz", "stated", "contradicted", "supported", "unsupported",
    "evidence", "says", "mentioned", "nothing", "please", "progress", "explain", "contradiction", "continue",
    "ready", "definition", "meaning", "mean", "sentence", "paragraph", "again", "undo", "change", "not", "what",
    "does",
)
# A message of one word may also be one of these, typed with one slip ("yse", "ys", "wy", "okya").
ONE_WORD_VOCABULARY = {"yes": "yes", "yeah": "yes", "okay": "ok", "sure": "sure", "why": "why", "next": "next",
                       "nope": "nope", "help": "help", "hint": "hint", "skip": "skip", "thanks": "thanks",
                       "what": "what", "start": "start", "ready": "ready"}
_SHORT_MESSAGE = 6


def _keep(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return not (cat in ("So", "Sk", "Cs", "Co", "Cn") or cat == "Mn" and ch in "\ufe0f\u20e3"
                or ch in "\u200d\ufe0f")


def _emoji(text: str) -> str:
    """An emoji that is the whole message means its word ("👍" -> yes); next to words it is only decoration."""
    if text.isascii():  # the common case: no emoji; "^" and "`" are the only ASCII symbols dropped
        return text.replace("^", "").replace("`", "")
    kept = "".join(ch for ch in unicodedata.normalize("NFKC", text) if _keep(ch))
    if kept.strip(" \t.,!?") and _CROSS.search(text):
        return _crossed(text) or kept
    if kept.strip(" \t.,!?") or not any(e in text for e in _EMOJI_WORDS):
        return kept
    for emoji, word in _EMOJI_WORDS.items():
        text = text.replace(emoji, word)
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if _keep(ch))


# A cross next to an option or verdict rules it out, like "not" ("❌ stated", "a ❌ b ✅"); a tick affirms it.
_CROSS = re.compile("[\u274c\u2716\U0001f6ab\u26d4\U0001f44e]")
_MARK = re.compile("\\s*([\u274c\u2716\U0001f6ab\u26d4\U0001f44e\u2705\u2714\U0001f44d])\ufe0f?\\s*")
_SAYS_NO = re.compile(r"(?:not|no|never|nope|nah|none|nothing)\b|\w+n't\b", re.IGNORECASE)
_MARKED_WORDS = 4  # a longer stretch next to a cross is a remark, not an option ruled out


def _crossed(text: str) -> str | None:
    """'❌ stated' -> 'rule out stated'; 'a ❌, b ✅' -> 'rule out a, b'. Prefix marks (the message starts with one)
    apply to the words after them, otherwise to the words before. None when a marked stretch is long."""
    parts = _MARK.split(text.strip())  # text, mark, text, mark, ...: marks at odd positions
    words, marks = parts[0::2], parts[1::2]
    prefix = not words[0].strip()
    targets = words[1:] if prefix else words[:len(marks)]
    out = []
    for mark, target in zip(marks, targets, strict=True):
        target = target.strip(" ,;.")
        if not target or len(target.split()) > _MARKED_WORDS:
            return None
        negative = _CROSS.match(mark) and not _SAYS_NO.match(target)  # "👎 not yet": the cross only agrees
        out.append(("rule out " if negative else "") + target)
    rest = [w.strip(" ,;.") for w in (words[len(marks) + 1:] if prefix else words[len(marks):])]
    return ", ".join(out + [w for w in rest if w])


@functools.lru_cache(maxsize=4096)  # pure, and asked several times a turn (a pending question reads it again)
def clean(text: str, chat: bool = True) -> str:
    """Folded text without emoji, squeezed repeats and, with ``chat``, chat spellings written out."""
    text = fold(_emoji(text))
    text = _SQUEEZE.sub(r"\1", text)
    if text.startswith("ii "):  # "ii think its c": the "i" typed twice (never the numeral before a verb)
        text = _DOUBLED_I.sub("i ", text)
    text = re.sub(r"\?{2,}", "??", re.sub(r"([!.])\1+", r"\1", text))  # "??" is doubt: keep it
    if _RARE.search(text):  # one quick look before the rarer repairs, which most messages need none of
        text = _DOUBLE_END.sub(_unstretch, text)
        text = _SPLIT_PREFIX.sub(r"\1\2", text)
        text = _SLIPPED_NOT.sub(_not_slip, text)
        text = _TRASH_NOUN.sub(r"\1", _EXPLETIVE.sub("", text))
        text = _REPEATED_WORD.sub(r"\1", text)
    return chat_words(text) if chat else text


# Any of: a doubled last letter, "un supported", a word before a verdict word, a swear word, a word said twice.
_RARE = re.compile(r"([a-z])\1\b|\b(?:un|in|dis) [a-z]|\b[a-z]{2,4} (?:stated|supported|mentioned|said|true|there|"
                   r"backed|sourced|contradicted|in the)\b|\b(?:damn|darn|dang|goddamn|fr[ie]\w*|fuck\w*|f\w?k\w*|"
                   r"eff\w*|bloody|flipping|stupid|dumb|stinking|bleeping|bloomin\w*|sodding|crap|shit|bs|rubbish|garbage|"
                   r"junk|nonsense)\b|\b([a-z][a-z']*)[ ,!.]+\2\b")


def _not_slip(m: re.Match) -> str:
    """'nit stated', 'nto supported': a slip of "not" before a verdict word is read as "not" (read as nothing,
    the verdict would be the opposite)."""
    from rapidfuzz.distance import OSA

    word = m.group(1)
    return "not " if word not in _NOT_NEIGHBOURS and OSA.distance(word, "not") <= 1 else m.group(0)


# Real words one slip from "not": never read as it.
_NOT_NEIGHBOURS = frozenset({"not", "now", "new", "nor", "net", "nod", "non", "nut", "and", "but", "got", "hot",
                             "lot", "dot", "pot", "rot", "tot", "own", "one", "ton", "out", "no", "so", "to", "it"})


def _unstretch(m: re.Match) -> str:
    word = m.group(0)
    short = m.group(1) + m.group(2)
    return short if short in _STRETCHED and word not in _STRETCHED else word


def chat_words(text: str) -> str:
    """Chat spellings written out: 'u' -> 'you', 'whats' -> "what's" ("b/c" and "w/" before the word split)."""
    return _CHAT.sub(lambda m: _CHAT_WORDS[m.group(1) or m.group(2)], text)


@functools.lru_cache(maxsize=4096)
def fix_typos(text: str, known: frozenset[str] = frozenset()) -> str:
    """'hlep' -> 'help', 'sectoin 1' -> 'section 1', in messages of a few words; real words are left alone."""
    from rapidfuzz.distance import OSA

    words = text.split(" ")
    if len(words) > _SHORT_MESSAGE:
        return text
    if len(words) == 1:
        one = _one_word(text)
        if one:
            return one
    out = []
    for i, w in enumerate(words):
        core = w.strip(".,!?;:")
        fixed = core
        if len(core) >= 3 and core.isalpha() and core not in TYPO_VOCABULARY and not _a_real_word(core):
            close = [v for v in TYPO_VOCABULARY if abs(len(v) - len(core)) <= 1 and OSA.distance(core, v) <= 1
                     and v[0] == core[0]]
            if len(close) == 1 and (close[0] not in COMMAND_WORDS or _asks_for_a_command(words[:i] + words[i + 1:])):
                fixed = close[0]
        out.append(w.replace(core, fixed) if core else w)
    fixed_text = " ".join(out)
    # "un suported": the split prefix is joined again once the typo is fixed, never left to read as "supported"
    return _SPLIT_PREFIX.sub(r"\1\2", fixed_text) if fixed_text != text else text


def _a_real_word(word: str) -> bool:
    """A word of English, of the other supported languages, or a number word: never a typo ("uno" is one)."""
    from ..text import NUMBER_WORDS, ORDINALS
    from .multilingual import FOREIGN_WORDS

    return word in _COMMON or word in FOREIGN_WORDS or word in NUMBER_WORDS or word in ORDINALS or _inflected(word)


# Typo repair may make a command only of a message shaped like a request ("gimme a hnit", "can i hlep"):
# every other word is a request word, a vocabulary word, or a number.
COMMAND_WORDS = frozenset({"help", "hint", "skip", "retry", "repeat", "score", "restart", "reveal", "quiz", "undo",
                           "next", "continue", "again", "explain", "change"})
_REQUEST_WORDS = frozenset({
    "can", "could", "i", "you", "me", "a", "an", "the", "one", "another", "some", "any", "please", "give", "gimme",
    "get", "need", "want", "to", "show", "my", "this", "that", "it", "for", "just", "ok", "okay", "now", "go", "let",
    "let's", "lemme", "us", "do", "more", "pls", "plz", "hmm", "um", "lol", "so", "what's", "whats", "what", "is",
    "see", "check", "with", "on", "u", "have", "pass", "yes", "no", "then", "uh", "ugh", "oh", "wait", "sorry",
})


def _asks_for_a_command(others: list[str]) -> bool:
    """Every other word is a request word, a vocabulary word (or one slip from one: "repaet the qestion"), or a
    number."""
    others = [w.strip(".,!?;:") for w in others]
    return all(not o or o in _REQUEST_WORDS or o in TYPO_VOCABULARY or o.isdigit() or _one_slip_from_vocabulary(o)
               for o in others)


def _one_slip_from_vocabulary(word: str) -> bool:
    from rapidfuzz.distance import OSA

    return len(word) >= 4 and word.isalpha() and not _a_real_word(word) and any(
        v[0] == word[0] and abs(len(v) - len(word)) <= 1 and OSA.distance(word, v) <= 1
        for v in _NOT_COMMAND_WORDS)


_NOT_COMMAND_WORDS = tuple(v for v in (*TYPO_VOCABULARY, *sorted(_REQUEST_WORDS))
                           if v not in COMMAND_WORDS and len(v) >= 3)


def _inflected(word: str) -> bool:
    """'repeats', 'skipped', 'hinting': a vocabulary word with an ending is a real word, not a typo."""
    for ending in ("s", "es", "ed", "d", "ing", "er", "ers"):
        base = word.removesuffix(ending)
        if base != word and (base in TYPO_VOCABULARY or base + "e" in TYPO_VOCABULARY
                             or (len(base) > 2 and base[-1] == base[-2] and base[:-1] in TYPO_VOCABULARY)):
            return True
    return False


def _one_word(text: str) -> str | None:
    """A one-word message one slip away from a conversation word: 'yse' -> 'yes', 'wy' -> 'why'."""
    from rapidfuzz.distance import OSA

    core = text.strip(".,!?;: ")
    if not core.isalpha() or core in ONE_WORD_VOCABULARY or core in _COMMON or len(core) < 2:
        return None
    close = {meaning for word, meaning in ONE_WORD_VOCABULARY.items()
             if word[0] == core[0] and abs(len(word) - len(core)) <= 1 and OSA.distance(core, word) <= 1}
    return text.replace(core, close.pop()) if len(close) == 1 else None


_COMMON = frozenset([
    "the", "and", "but", "not", "this", "that", "its", "it's", "was", "are", "is", "has", "had", "have", "say",
    "said", "she", "he", "his", "her", "him", "hit", "hits", "hip", "skin", "ship", "scope", "snore", "store",
    "core", "sore", "score", "hell", "held", "heap", "heat", "hind", "hint", "mint", "hunt", "hurt", "hand",
    "text", "test", "next", "nest", "neat", "quit", "quite", "quid", "quiz", "says", "stay", "sat", "set",
    "sea", "seas", "ask", "asks", "task", "mask", "answers", "option", "optional", "options", "questions",
    "think", "thing", "thins", "thank", "think", "thick", "shrink", "thinks", "stat", "state", "states",
    "statement", "stating", "mention", "mentions", "yet", "yea", "yep", "yeh", "ya", "ye", "yo", "yay", "was",
    "who", "why", "way", "we", "wow", "sue", "sun", "sur", "nose", "note", "nod", "node", "not", "now", "new",
    "next", "nice", "hell", "helm", "hello", "hi", "hit", "his", "thank", "than", "then", "them", "they", "skid",
    "skin", "ski", "sky", "so", "see", "she", "says", "say", "won", "few", "ago", "age", "wait", "what", "when",
    "where", "which", "while", "white", "whole", "whose", "ok", "okay", "oh", "on", "or", "our", "out", "one",
    "mean", "means", "meant", "meat", "men", "again", "against", "change", "changed", "chance", "undo",
    "read", "reads", "real", "rest", "heat", "hunt", "herb", "seen", "seat", "sent", "quit", "scare", "snore",
    "sentences", "sentenced", "paragraphs", "none", "nine", "nose", "node", "slip", "whet", "wry", "sure", "nor",
    "net", "nut", "nit", "hot", "lot", "got", "dot", "rot", "pot", "tot", "nah", "nap", "non", "nod", "nob"
])


_LEAD_INS = re.compile(
    r"^(?:i think|i thinks?|i guess|i believe|i'd say|i would say|i reckon|i suppose|i feel like|i feel|"
    r"maybe|probably|perhaps|possibly|hmm*|hm|um*|uh*|erm|er|ah|oh|so|well|ok(?:ay)?|alright|right|yeah so|"
    r"my answer is|my answer would be|my answer|my final answer is|final answer|the answer is|answer is|"
    r"the answer|answer|the correct answer is|the right answer is|correct answer is|i choose|i'll choose|"
    r"i pick|i'll pick|i'll go with|i go with|i'd go with|going with|go with|i select|i'll say|i say|"
    r"it's|it is|its|is it|it must be|must be|that's|that is|definitely|surely|obviously|i'm going with|"
    r"i'm going to say|i'm going to go with|i want|i'll take|i take|let's say|let's go with|i'm pretty sure|"
    r"i'm sure|pretty sure|i am pretty sure|i'm fairly sure|im guessing|i'm guessing|guessing|my guess is|"
    r"my guess|gotta be|has to be|should be|would be|i'd pick|i'd choose|i would pick|i would choose|"
    r"lol|tbh|honestly|actually|like|um ok|ok so|so yeah|yeah|then|ugh+|fine|ok fine|whatever|meh|"
    r"hi|hello|hey|omg|oh my god|(?:shut up|stfu|stop talking|be quiet|shush)(?: already)?(?: and)?|"
    r"i said|i already said|i just said|bruh|bro|dude|ffs|jeez|seriously|"
    r"are you (?:dumb|stupid|deaf|serious)|ok ok|god|huh|wait|"
    r"i'?m (?:going to|gonna) (?:go(?: with| for)?|say|pick|choose|put|answer)|i'?ll go for|i'?d go for|i go for|"
    r"i'?d go|i'?ll go|"
    r"going for|i'?d put|i'?ll put|i put|i'?ll answer|i answer|i vote|i vote for|my vote is|my pick is|"
    r"easy|too easy|obviously it'?s|clearly|it'?s clearly|it'?s obviously|it'?s definitely|it'?s def|"
    r"for sure it'?s|pretty sure it'?s|sure it'?s|i'?m confident|confident|"
    r"i'?m (?:so |really |a bit |kinda |totally )?(?:confused|lost)|sorry|excuse me|um+ ok)\b[ ,:;.!-]*"
)
_TRAILERS = re.compile(
    r"[ ,]*(?:i think|i guess|maybe|probably|please|idk|i don'?t know|not sure|i believe|lol|tbh|honestly|"
    r"then|surely|i'm sure|(?<!be )right|"
    r"i reckon|for sure|ofc|haha|ha|yeah|obviously|duh|bruh|ffs|lmao|omg|dude|for real|already|"
    r"you idiot|idiot|ok|okay|(?:now )?stop asking(?: me)?(?: questions)?|"
    r"is (?:the|my) (?:answer|one|pick)|is (?:right|correct|it)|(?:is )?the right one|"
    r"(?:are|r) (?:right|correct|true|the (?:right |correct )?ones)|are you (?:blind|dumb|stupid|serious|kidding)|"
    r"(?:is )?the correct one|(?:is )?my (?:final )?answer|final answer|for sure|100%|100 percent|no doubt|"
    r"easy|too easy|obviously|duh|i'?m (?:pretty |fairly |quite |very |so |100% )?(?:sure|certain)|pretty sure|"
    r"fairly sure|i'?m confident|i guess so|i think so|\?|!|\.|:\)|:\(|:d|xd|\^\^|;\))$"
)


@functools.lru_cache(maxsize=4096)
def strip_lead_ins(text: str) -> str:
    """'I think it's B' -> 'b'; 'maybe not stated?' -> 'not stated'. Expects folded text."""
    previous = None
    text = trim(text)
    while previous != text:
        previous = text
        text = _LEAD_INS.sub("", text)
        end = _trailer(text)
        text = trim(text[: end.start()] if end else text)
    return text


_TRAILER_REACH = 60
_TRAILER_STARTS = frozenset(" ,?!.:;^")


def _trailer(text: str) -> re.Match | None:
    """The trailer at the end of ``text``: tried only where one can start (a space, a comma or a mark) near the
    end, which is much faster than searching every position."""
    for i in range(max(0, len(text) - _TRAILER_REACH), len(text)):
        if text[i] in _TRAILER_STARTS or i == 0:
            m = _TRAILERS.match(text, i)
            if m:
                return m
    return None


def clauses(text: str) -> list[str]:
    """Split a message at sentence punctuation and a few joining words: 'hmm not sure, hint?' -> 2 clauses."""
    parts = re.split(r"\s*(?:[,;!?]|\.(?=\s|$)|\s-\s|\s(?:but|so|then|anyway)\s)\s*", text)
    return [p for p in (trim(x) for x in parts) if p]


# "isn't it b?", "wouldn't it be stated": a question that expects yes, so it offers b (never rules b out)
_NEGATIVE_TAG = re.compile(r"^(?:(?:but|so|wait|hmm|um|then) )?(?:isn'?t|wasn'?t|shouldn'?t|wouldn'?t|couldn'?t|"
                           r"can'?t|mustn'?t) (?:it|that|this|the answer)(?: be)? (?=\S)")
# "maybe a maybe d", "perhaps s16, perhaps s17": two tentative answers, so one or the other
_TWO_MAYBES = re.compile(r"^(?:maybe|perhaps|possibly) [^,]+?,? (?:or |but |or else )?(?:maybe|perhaps|possibly) .")
_ANOTHER_MAYBE = re.compile(r",? (?:or |but |or else )?(?:maybe|perhaps|possibly) ")


def reshape(cleaned: str) -> str:
    """Two shapes of a tentative answer written as their plain form: "isn't it b?" is "is it b?", and "maybe a
    maybe d" is "a or d"."""
    if cleaned[:1] in "bcimpstwu":  # the only letters these shapes start with: most messages skip both looks
        cleaned = _NEGATIVE_TAG.sub("is it ", cleaned)
        if _TWO_MAYBES.match(cleaned):
            cleaned = _ANOTHER_MAYBE.sub(" or ", cleaned.split(" ", 1)[1])
    return cleaned
