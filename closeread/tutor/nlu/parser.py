"""The one entry point: read a learner's message, given what the tutor is waiting for.

Order matters and is the whole policy:

1. a question about a word ("what does unsupported mean") is a ``define``, never an answer;
2. a change of mind ("wait i meant c") is a ``change``; a whole-message command wins next;
3. then the answer the tutor is waiting for (options, verdicts, sentences, written text);
   negation is never read as the thing negated, and a loose match is only a ``confirm``;
4. then a command inside the message ("hmm not sure, hint?"), then yes / no / next / I don't know.

When two readings fit, the result is ``ambiguous`` and the tutor asks which was meant.
"""

from __future__ import annotations

import functools
import re

from ..sentence_refs import SentenceIndex
from ..text import fold, trim
from . import commands, eliminate
from .choice import RULE_OUT, parse_choice
from .model import MOVE_ON, Candidate, Expect, Intent
from .multilingual import to_english
from .negation import starts_negated
from .normalise import chat_words, clauses, clean, fix_typos, reshape, strip_lead_ins
from .offtask import ABOUT_ANYTHING, CHATTER_NOTE, NOT_A_THOUGHT, chatter, off_topic_question, refuses, request_to_tutor
from .options import LETTERS, candidate
from .sentences import QUOTATION, expand_ranges, parse_sentences, sentence_numbers
from .several import parse_multi
from .terms import term_question
from .verdicts import LABELS as CLARIFY_LABELS

_HAS_NEGATION = re.compile(r"\b(?:not|never|isn'?t|wasn'?t|no|rule out|cross out)\b|n't\b")


def _answer(t: str, expect: Expect, index: SentenceIndex | None, already: tuple[str, ...]) -> Intent | None:
    kind = expect.kind
    if kind == "choice":
        return parse_choice(t, expect)
    if kind == "multi":
        if _HAS_NEGATION.search(t) and not re.match(r"^(?:all|every)", t):
            found = eliminate.many(t, expect.options)
            if found:
                return found
        if starts_negated(t) and not re.match(r"^(?:all|every)", t):
            return Intent("invalid", note=RULE_OUT)
        return parse_multi(t, expect.options)
    if kind in ("sentences", "think") and index is not None:
        return parse_sentences(t, index, already, expect.extra.get("section"))
    return None


def _with_command(cmd: Intent, rest: list[str], expect: Expect, index, already, cleaned: str = "") -> Intent:
    """A command in one clause: it wins unless another clause is an answer, then ask which."""
    # "where does he say that?" asks; "c? can i see section 3 first" is a guess put aside for the command
    rest = [strip_lead_ins(p) for p in rest if not _QUESTION.match(p) and not re.search(re.escape(p) + r"\s*\?",
                                                                                         cleaned)]
    answers = [_answer(p, expect, index, already) for p in rest if p]
    answers = [a for a in answers if a and a.kind in ("option", "options", "sentences") and a.confidence == "high"]
    if expect.kind in ("sentences", "think"):
        answers = [a for a, p in zip(answers, rest, strict=False) if re.search(r"\d", p) or _REFERENCE.search(p)]
    if not answers or _PUT_ASIDE.search(cleaned):
        return cmd  # "maybe b but can i get a hint first": a tentative answer waits for the request
    a = answers[0]
    if cmd.kind == "section" and not _REQUEST.search(" ".join(rest)) and a.kind == "option":
        return a  # "stated, section 4": where it is stated, not a request to show section 4
    label = a.value if isinstance(a.value, str) else ", ".join(a.value)
    if a.kind == "option":
        by_id = {c.id: c for c in expect.options}
        label = candidate(by_id[a.value], expect.options).label
    return Intent("ambiguous", candidates=(Candidate(f"My answer: {label}", a.kind, a.value),
                                           Candidate(cmd.kind.replace("_", " ").capitalize(), cmd.kind, cmd.value)))


# An answer offered with doubt, or a request made before answering: the request comes first, nothing is stored.
_PUT_ASIDE = re.compile(r"^(?:maybe|probably|perhaps|possibly|i guess|i think|might be)\b|"
                        r"\b(?:first|before i (?:answer|decide|choose|pick|commit)|before answering)\b")
_REQUEST = re.compile(r"\b(?:show|see|read|open|go|take|look|give|check|view)\b")
_QUESTION = re.compile(r"^(?:(?:wait|so|but|hmm|ok|and) )*(?:where|what|why|how|who|when|which|does|do|did|is|are|"
                       r"can|could|should)\b")
_HEDGE = re.compile(r"(?:\bidk\b|\bi don'?t know\b|\bnot sure\b|\?\?|\bi guess\?|\bno idea\b|"
                    r"\b(?:right|correct|yes|no|isn'?t it|maybe)\?$|\bor not\b|\bam i right\b|\bis that right\b)")
# A message that asks what a word means, in a shape the term reader missed, is never an answer stored outright.
_ASKS_MEANING = re.compile(r"\b(?:wdym|wym|meaning|definition|define|mean by|means what)\b|"
                           r"\bwhat\b.*\bmeans?\b(?! (?:it'?s|its|that|the answer))")
# "tension?": an option named by its words, alone, with a question mark, is asked about; "c?" is still a letter.
_WORDS_ASKED = re.compile(r"[^,.;!?]+\?")
_LETTER_ONLY = re.compile(r"(?:option |answer )?[a-h1-8]")
_REFERENCE = re.compile(r"^(?:s\d|sentence|line|about )|\b(?:bit|sentence|line|bout)\b|"
                        r"\bones?(?:$|[,.!?]|\s+(?:about|where|with|that|which|on|in|from|before|after)\b)")
_TEXT_COMMANDS = {"skip", "hint", "repeat", "quiz", "score", "dont_know"}


def _hedged(cleaned: str, found: Intent, expect: Expect) -> Intent:
    """'maybe b?? idk': an answer given with doubt is confirmed, not stored."""
    asked = _WORDS_ASKED.fullmatch(cleaned.strip()) and not _LETTER_ONLY.fullmatch(strip_lead_ins(cleaned))
    doubt = _HEDGE.search(_RHETORICAL.sub("", cleaned))
    if found.kind in ("option", "options") and (doubt or asked or _ASKS_MEANING.search(cleaned)):
        label = _label(found, expect)
        return Intent("confirm", candidates=(Candidate(label, found.kind, found.value),), confidence="medium")
    return found


def _says_dont_know(cleaned: str) -> bool:
    said = commands.conversation(cleaned) if len(cleaned) < _SHORT_CHARS else None
    return bool(said and said.kind == "dont_know")


_SHORT_CHARS = 40
# "are you serious?? not stated obviously": the "??" of an exclamation at the learner's tutor is no doubt about the
# answer that follows
_RHETORICAL = re.compile(r"^(?:are you (?:serious|kidding|joking)(?: me)?|seriously|really|come on|srsly|for real|"
                         r"omg|wtf|what)\s*\?+\s*(?=\w)")


def _label(found: Intent, expect: Expect) -> str:
    """How the options read in "Did you mean …?": "C. French forces attacked …", "Not stated: …", "A, C"."""
    by_id = {c.id: c for c in expect.options}
    if found.kind == "option" and found.value in by_id:
        if expect.scale:
            return CLARIFY_LABELS.get(found.value, by_id[found.value].text)
        return candidate(by_id[found.value], expect.options).label
    ids = found.value if isinstance(found.value, tuple | list) else (found.value,)
    return ", ".join(LETTERS[expect.options.index(by_id[i])].upper() if i in by_id else str(i) for i in ids)


_JAB_WORDS = 10  # "lol 'was said to include' by who??": a quotation with a short jab around it points at it


def _think(t: str, found: Intent | None, cleaned: str, index: SentenceIndex | None) -> Intent | None:
    """At a stop-and-think, words count as naming a sentence only if the message is shaped like a reference
    ("the drone one", "s12", a short phrase, or a quotation of the sentence); otherwise it is the learner's thought."""
    if found is None or found.kind not in ("sentences", "ambiguous", "invalid"):
        return found
    if re.search(r"\bs\d|\d", cleaned) or _REFERENCE.search(t) or _quoted(t, found, index) or \
            QUOTATION.search(cleaned) and len(cleaned.split()) <= _JAB_WORDS or (
            found.kind == "sentences" and _looks_like_a_reference(t)):
        return found
    if found.kind == "sentences" and len(t.split()) <= 3 and not _STATEMENT.search(t):
        return found  # "michael pfeiffer", "the drone incident"; not "french attacked russians"
    if found.kind == "ambiguous" and len(t.split()) <= 3 and _PLACE_WORDS.search(t):
        return found  # "second to last": a place counted two ways, asked about
    return None


# A verb between two words makes a short message a statement (a thought), not the name of a sentence.
_STATEMENT = re.compile(r"^\S+ (?:is|are|was|were|has|have|had|did|does|do|says|said|wants|want|told|tells|"
                        r"attacked|attack|killed|warned|shot|claimed|claims|started|made|lied|lies|won|lost)\b \S")


def _quoted(t: str, found: Intent, index: SentenceIndex | None) -> bool:
    """The message is a run of words copied from one of the sentences it was matched to."""
    if index is None or len(t.split()) < 3:
        return False
    ids = found.value if found.kind == "sentences" else [c.value[-1] for c in found.candidates]
    return any(t in index.texts.get(sid, "") for sid in ids or ())


def parse(text: str, expect: Expect, index: SentenceIndex | None = None, already: tuple[str, ...] = ()) -> Intent:
    """Read one message. See the module docstring for the order."""
    exact = _exact_option(text, expect)
    if exact:
        return exact
    cleaned = reshape(fix_typos(chat_words(to_english(clean(text, chat=False)))))
    if not cleaned.strip():
        return Intent("unknown")
    term = term_question(cleaned) or term_question(strip_lead_ins(cleaned)) or _term_in_clauses(cleaned)
    if term:
        return Intent("define", term)
    found = commands.change(cleaned) or commands.whole(cleaned)
    if found:
        return _in_context(found, cleaned, expect, already)
    cmd, rest = commands.in_clauses(cleaned) if _may_hold_a_command(cleaned, expect) else (None, [])
    if cmd and (expect.kind != "text" or all(len(p.split()) <= 3 for p in rest)):
        return _in_context(_with_command(cmd, rest, expect, index, already, cleaned), cleaned, expect, already)
    chat = commands.conversation(cleaned) if expect.kind == "think" else None
    if chat:  # "done", "ok next" while reading: carry on, never a sentence that looks like the word ("drone")
        return _in_context(chat, cleaned, expect, already)
    if expect.kind in ("choice", "multi", "sentences") and _says_dont_know(cleaned):
        return Intent("dont_know")  # "hmm no clue honestly": not a "no" to the statement
    found = _read_answer(cleaned, expect, index, already)
    if found and found.kind != "invalid":
        return _hedged(cleaned, found, expect)
    if expect.kind in ("next", "confirm") and any(_UNSURE.match(trim(p)) for p in clauses(cleaned)):
        return _YES_OR_NO  # "i dunno, maybe": neither yes nor no
    cmd = commands.anywhere(cleaned)
    if cmd and _command_fits(cmd, cleaned, expect):
        return cmd
    return found or _conversation(text, cleaned, expect, index)


def _exact_option(text: str, expect: Expect) -> Intent | None:
    """A message that is exactly one option's text or label (a tapped quick reply) names that option: nothing
    else needs reading."""
    if expect.kind not in ("choice", "multi") or len(text) < _SHORTEST_OPTION:
        return None
    t = trim(fold(text))
    names = _option_names(expect.options)
    lettered = re.match(r"([a-h])\. (.+)$", t)  # "C. French forces attacked …", as the buttons show it
    if lettered and LETTERS.index(lettered.group(1)) < len(expect.options):
        i = LETTERS.index(lettered.group(1))
        hits = [expect.options[i].id] if lettered.group(2) in names[i] else []
    else:
        hits = [o.id for o, n in zip(expect.options, names, strict=True) if t in n]
    if len(hits) != 1:
        return None
    return Intent("option", hits[0]) if expect.kind == "choice" else Intent("options", (hits[0],))


_SHORTEST_OPTION = 4  # "c", "b!": never an option's whole text, so not looked up


@functools.lru_cache(maxsize=512)
def _option_names(options: tuple) -> list[tuple[str, str]]:
    """Each option's text and label as a message would read, folded once per question."""
    return [(trim(fold(o.text)), trim(fold(o.label or ""))) for o in options]


def _may_hold_a_command(cleaned: str, expect: Expect) -> bool:
    """A written answer counts a command clause only when every other clause is short ("hmm no idea, hint?"), so a
    long answer with two long clauses is not searched clause by clause."""
    return expect.kind != "text" or sum(len(p.split()) > 3 for p in clauses(cleaned)) <= 1


def _term_in_clauses(cleaned: str) -> str | None:
    """'what does convoy mean? is it like trucks': a question about a word in one clause of the message."""
    if "?" not in cleaned and len(cleaned.split()) > _SHORT_MESSAGE_WORDS:
        return None  # a long message with no question mark asks about no word
    parts = [p for p in re.split(r"(?<=\?)\s+|\.\s+|,\s+(?=what|whats|what's|define|meaning)", cleaned) if p.strip()]
    if len(parts) < 2:
        return None
    return next((term for p in parts if (term := term_question(p) or term_question(strip_lead_ins(p)))), None)


_SHORT_MESSAGE_WORDS = 12
_AGAIN = re.compile(r"^(?:again|once more|one more time|do it again|(?:go )?again please|(?:and )?again\?*)$")


def _in_context(found: Intent, cleaned: str, expect: Expect, already: tuple[str, ...]) -> Intent:
    """A command read for where the learner is: before feedback a change of mind with no new answer is an
    undo; at the end, "again" is either a practice retry or a new attempt, so ask which."""
    if found.kind == "change" and not found.value and already:
        return Intent("undo")
    if found.kind == "skip" and not re.search(r"\b(?:skip|pass|later|come back)", cleaned):
        # "move on" while reading: carry on (the reading part treats skip the same way); "next question" in the
        # quiz is marked, so that just after feedback, with the next question already shown, it is not a skip
        return Intent("next") if expect.kind == "think" else Intent("skip", MOVE_ON)
    if expect.kind == "end" and (
            (found.kind == "repeat" and _AGAIN.match(strip_lead_ins(cleaned) or cleaned))
            or (found.kind == "retry" and _DO_IT_AGAIN.search(cleaned) and not _MISSED.search(cleaned))):
        return Intent("ambiguous", candidates=(Candidate("Retry the missed questions", "retry", None),
                                               Candidate("Start a new attempt", "restart", None)))
    return found


# "can i do it again" at the end: the missed questions or the whole quiz? ("retry the ones i missed" says which)
_DO_IT_AGAIN = re.compile(r"\bdo (?:it|this|that|it all|everything|the whole thing) "
                          r"(?:again|one more time|once more)\b")
_MISSED = re.compile(r"\b(?:miss\w*|wrong|mistakes?|practi[cs]e|retry|redo)\b")


def _read_answer(cleaned: str, expect: Expect, index: SentenceIndex | None, already: tuple[str, ...]) -> Intent | None:
    t = strip_lead_ins(cleaned)
    if expect.kind in ("sentences", "think"):
        t = expand_ranges(sentence_numbers(t))
    found = _answer(t, expect, index, already) if t else None
    if expect.kind == "think":
        found = _think(t, found, cleaned, index)
        if found is None and _looks_like_a_reference(t):
            return Intent("invalid", note="I couldn't tell which sentence you mean. Use its number (like s14), quote "
                                          "a few of its words, or select it in the article.")
    if found is None and expect.kind in ("choice", "multi"):
        found = _answer_in_clauses(cleaned, expect)
    return found


def _command_fits(cmd: Intent, cleaned: str, expect: Expect) -> bool:
    """A command phrase inside a written answer counts only for a few commands, and "idk" only in a short one."""
    if expect.kind not in ("text", "think"):
        return True
    if cmd.kind == "why" and expect.kind == "text":
        return _why_question(cleaned)
    if cmd.kind == "dont_know" and expect.kind == "text":
        return len(cleaned.split()) <= _SHORT_DONT_KNOW
    return cmd.kind in _TEXT_COMMANDS


def _why_question(cleaned: str) -> bool:
    """'why isnt e a tension', 'how is that not contradicted??': a short question asking the tutor why, with no
    reason of the learner's own in it ("why? because the convoy …" and "Why it contradicts: …" are answers)."""
    return len(cleaned.split()) <= _SHORT_WHY and not _GIVES_A_REASON.search(cleaned)


_SHORT_WHY = 10
_GIVES_A_REASON = re.compile(r"\b(?:because|since|cause|coz|cos|as|so|therefore|says|said|shows?)\b|:")
def _conversation(text: str, cleaned: str, expect: Expect, index: SentenceIndex | None = None) -> Intent:
    chat = commands.conversation(cleaned)
    if expect.kind == "text":
        if chat and chat.kind == "dont_know":
            return chat
        asked = request_to_tutor(cleaned, index)
        if asked:  # "i dont get what to write, can you repeat the question"
            return asked
        if refuses(cleaned):
            return Intent("invalid", note="I can only pass a written answer on to your teacher. Write a sentence or "
                                          "two in your own words, or say **hint** or **skip**.")
        if chatter(cleaned, index) or off_topic_question(cleaned, index, ABOUT_ANYTHING):
            return Intent("invalid", note=CHATTER_NOTE)
        if len(cleaned) >= expect.min_text:
            return Intent("text", " ".join(text.split()))
        return Intent("invalid", note=f"Write a sentence or two (at least {expect.min_text} characters).")
    if chat:
        return chat
    if expect.kind == "think" and len(trim(cleaned)) >= 2 and not NOT_A_THOUGHT.search(cleaned) \
            and not off_topic_question(cleaned, index) and not chatter(cleaned, index):
        return Intent("text", " ".join(text.split()))
    if expect.kind in ("next", "confirm") and _UNSURE.match(trim(cleaned)):
        return _YES_OR_NO
    return Intent("unknown")


_YES_OR_NO = Intent("ambiguous", candidates=(Candidate("Yes", "yes", None), Candidate("No", "no", None)))


# Neither yes nor no: "maybe", "i guess", "kinda" to a yes/no question is asked about, never taken as either.
_UNSURE = re.compile(r"^(?:maybe|perhaps|possibly|i guess|i suppose|kinda|kind of|sort of|sorta|probably|"
                     r"not sure|i'?m not sure|dunno maybe|maybe maybe not|eh|meh|hmm+|idk maybe|could be|"
                     r"depends|it depends|a bit|a little|partly)\??$")


_SHORT_DONT_KNOW = 5
_PLACE_WORDS = re.compile(r"\b(?:first|second|third|fourth|fifth|last|final|penultimate|before|after|next|previous)\b")


def _looks_like_a_reference(t: str) -> bool:
    """'the very last real sentence', 'the one right after the date': a short message naming a sentence by place."""
    return len(t.split()) <= 8 and bool(_PLACE_WORDS.search(t)) and bool(
        re.search(r"\b(?:sentence|line|one|bit)\b", t))


def _answer_in_clauses(cleaned: str, expect: Expect) -> Intent | None:
    """'ugh fine its c, happy now?' -> c: exactly one clause is an answer and the others are not."""
    parts = [strip_lead_ins(p) for p in re.split(r"\s*(?:[,;!?]|\.(?=\s|$))\s*", cleaned) if p.strip()]
    if len(parts) < 2:
        return None
    found = [_answer(p, expect, None, ()) for p in parts if p]
    answers = [f for f in found if f and f.kind in ("option", "options")]
    if len(answers) == 1 and answers[0].confidence == "high":
        return answers[0]
    return None


def resolve_clarification(text: str, candidates: tuple[Candidate, ...], expect: Expect,
                          index: SentenceIndex | None = None) -> Intent:
    """Read the answer to "which did you mean?" or "did you mean …?": a number, the label, yes/no, or a fresh answer."""
    from rapidfuzz import fuzz, process

    from ..text import NUMBER_WORDS, ORDINALS

    t = strip_lead_ins(clean(text)) or trim(clean(text))
    if len(candidates) == 1:  # a confirmation
        said = commands.conversation(to_english(clean(text)))
        if said and said.kind in ("yes", "no"):
            c = candidates[0]
            return Intent(c.kind, c.value) if said.kind == "yes" else Intent("no")
    m = re.fullmatch(r"(?:number |option |the )?#?(\d|[a-z]+)(?: one)?", t)
    if m:
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else ORDINALS.get(raw, NUMBER_WORDS.get(raw, 0))
        if 1 <= n <= len(candidates) and (raw.isdigit() or raw in ORDINALS or raw in NUMBER_WORDS):
            c = candidates[n - 1]
            return Intent(c.kind, c.value)
    labels = [clean(c.label) for c in candidates]
    if t in labels or clean(text) in labels:
        c = candidates[labels.index(t if t in labels else clean(text))]
        return Intent(c.kind, c.value)
    fresh = parse(text, expect, index)
    for c in candidates:
        if fresh.kind == c.kind and fresh.value == c.value:
            return fresh
        if c.kind == "sentences" and fresh.kind == "sentences" and set(fresh.value) <= set(c.value) \
                and c.value[-1] in fresh.value:
            return Intent(c.kind, c.value)
    if fresh.kind in ("unknown", "invalid") and len(t) >= 3:
        scored = process.extract(t, labels, scorer=fuzz.WRatio, limit=2)
        if scored and scored[0][1] >= 88 and (len(scored) == 1 or scored[1][1] < scored[0][1] - 5):
            c = candidates[scored[0][2]]
            return Intent(c.kind, c.value)
    return fresh
