"""The words the tutor understands, as anchored patterns: commands, conversation, verdict synonyms.

Each pattern matches a whole (folded) message. :mod:`.intents` reads a message with them.
"""

from __future__ import annotations

import re


def rx(*alternatives: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$")


PLEASE = r"(?: please| pls| now| again)?"
COMMANDS: list[tuple[str, re.Pattern]] = [
    ("help", rx(r"help( me)?" + PLEASE, r"\?+", r"what can i (say|type|do|ask)", r"how does (this|it) work",
                 r"commands", r"menu", r"what do i (do|type)( now)?", r"instructions")),
    ("hint", rx(r"(can i |could i |may i )?(have|get) (a |another |one more )?(hint|clue|tip)" + PLEASE,
                 r"(give me |show me |i need |i want |i'd like )?(a |another |one more |more )?(hint|clue|tip)s?"
                 + PLEASE, r"help me out", r"i'?m stuck")),
    ("repeat", rx(r"repeat( that| it| the question| the last message)?" + PLEASE, r"again",
                   r"say (that|it) again", r"what was the question", r"come again", r"pardon",
                   r"(show|read) (me )?the question( again)?", r"what('s| is| was) the question")),
    ("skip", rx(r"skip( it| this| this one| this question| that| for now)?" + PLEASE, r"pass",
                 r"next question", r"(ask me |come back to it |do it )?later", r"move on")),
    ("why", rx(r"why\??", r"why( is| was) (that|it)( so| right| wrong)?\??", r"why not\??", r"how come\??",
                r"explain( (that|it|why))?" + PLEASE, r"why was i (wrong|right)\??",
                r"(give me |show )?the explanation")),
    ("article", rx(r"(show|open|see|read)( me)? (the )?(whole |full )?(article|text|post)" + PLEASE,
                    r"(the )?article", r"text", r"outline")),
    ("section", re.compile(r"^(?:(?:show|read|open|see|go to)(?: me)? )?(?:the )?(?:section|part) (\d+|[a-z]+)"
                           r"(?: again)?$")),
    ("score", rx(r"(my |the )?score", r"(my )?progress", r"how am i doing", r"how'?m i doing", r"points",
                  r"where am i", r"status", r"how (far|many) (am i|left|to go|more)")),
    ("restart", rx(r"restart", r"start (over|again|afresh)", r"start from (the )?(beginning|scratch|start)",
                    r"reset", r"new attempt", r"begin again", r"from the (top|beginning)")),
    ("quiz", rx(r"(go |skip |jump |straight )?to the quiz", r"(start|take|do|begin) the quiz( now)?", r"quiz",
                 r"skip (the )?(lesson|teaching|intro|reading)", r"skip to (the )?questions")),
    ("reveal", rx(r"(show |see )?(me )?(the )?(reveal|ledger|claim ledger|labels|labelled article)",
                   r"reveal( it| the article)?")),
    ("retry", rx(r"retry( the)?( missed| wrong)?( ones| questions| ones again)?",
                  r"try (them |the missed ones |the missed questions |the wrong ones )?again",
                  r"practi[cs]e( the)?( missed| wrong)?( ones| questions)?",
                  r"redo( the)?( missed| wrong)?( ones| questions)?")),
]
CONVERSATION: list[tuple[str, re.Pattern]] = [
    ("dont_know", rx(r"(i )?(really )?(don'?t|do not|dont) know", r"idk", r"dunno", r"no idea", r"not sure",
                      r"i'?m not sure", r"no clue", r"i have no (idea|clue)", r"(i'?m )?(confused|lost)",
                      r"i can'?t (tell|decide)", r"who knows")),
    ("next", rx(r"next", r"continue", r"go on", r"go ahead", r"carry on", r"ready", r"i'?m ready", r"let'?s go",
                 r"let'?s (start|begin|do it|do this)", r"start", r"begin", r"go", r"done", r"got it", r"i read it",
                 r"read it", r"finished", r"i'?m done", r"keep going", r"onwards?", r"ok(ay)?,? next", r"next one",
                 r"next section", r"start the lesson", r"(ok(ay)?|sure|yes),? let'?s (go|start)")),
    ("yes", rx(r"yes", r"yeah", r"yep", r"yup", r"ya", r"y", r"sure", r"ok", r"okay", r"k", r"of course",
                r"yes please", r"please do", r"why not", r"alright", r"all right", r"definitely", r"absolutely")),
    ("no", rx(r"no", r"nope", r"nah", r"n", r"no thanks", r"no thank you", r"not now", r"cancel",
               r"never ?mind", r"don'?t", r"stop")),
]


# Verdict synonyms, keyed by option id. Both scales share "contradicted".
VERDICT_PATTERNS: dict[str, re.Pattern] = {
    "stated": rx(r"(it'?s |it is |is )?(clearly )?stated( in the article)?",
                  r"(it|the article) (does )?say(s)? (so|it|that|this)",
                  r"says so", r"it does( say( so)?)?", r"(it|the article) states (it|this|that)", r"states it",
                  r"(it'?s|it is) in the article", r"in the article", r"it says", r"the article says( it)?",
                  r"yes", r"yeah", r"yep", r"yup", r"true", r"correct", r"right", r"it'?s true", r"said"),
    "not-stated": rx(r"not stated( in the article)?", r"(it'?s |it is )?not stated( in the article)?",
                      r"(it |the article )?(doesn'?t|does not|dont|never|didn'?t|did not) (says?|states?|mentions?)"
                      r"( (it|so|that|this))?",
                      r"not (said|mentioned|in the article|there)",
                      r"(it )?(isn'?t|is not|wasn'?t) (stated|said|mentioned)",
                      r"unstated", r"no mention( of it)?", r"(it |the article )?says nothing( about (it|this|that))?",
                      r"nowhere", r"not in (it|there|the text)", r"it'?s not in the article"),
    "supported": rx(r"(it'?s |it is )?(well |properly )?supported", r"(it'?s |it is )?backed( up)?",
                     r"(there'?s|there is|it has|has|with|it gives) (evidence|support|a source|proof)",
                     r"(it'?s |it is )?sourced", r"yes", r"yeah", r"yep", r"yup", r"true", r"it'?s true", r"correct",
                     r"right"),
    "unsupported": rx(r"(it'?s |it is )?unsupported", r"(it'?s |it is )?not supported",
                       r"no (support|evidence|source|proof|backing)", r"without (support|evidence|a source|proof)",
                       r"(it'?s |it is )?not backed( up)?",
                       r"(it'?s |it is )?(just |only )?asserted( without support)?",
                       r"(it'?s |it is )?(unsourced|not sourced)",
                       r"(it |the article )?(doesn'?t|does not|never) (say|show|tell( us)?) (where|how|who|why)\b.*",
                       r"(it |the article )?(doesn'?t|does not|dont|never) say( so)?",
                       r"(it |the article )?(doesn'?t|does not) "
                       r"(back it up|give (a source|evidence|any evidence|proof))",
                       r"not stated", r"just a claim", r"made up", r"(it'?s |it is )?(an )?opinion"),
    "contradicted": rx(r"(it'?s |it is )?contradict(ed|s|ion|ory)?"
                        r"( by the article| elsewhere| itself| it| each other)?",
                        r"(it |the article )?contradicts (it|itself|this|that)",
                        r"(it |the article )?says the (opposite|reverse)", r"(the )?opposite",
                        r"(it )?denies (it|this|that)",
                        r"denied", r"inconsistent", r"(it )?clashes"),
}
# Literal phrases for typo-tolerant matching when no pattern fits ("contradicetd").
VERDICT_PHRASES = {
    "stated": ("stated", "stated in the article", "it says so"),
    "not-stated": ("not stated", "not stated in the article", "it doesn't say", "not mentioned"),
    "supported": ("supported", "backed up"),
    "unsupported": ("unsupported", "not supported", "no evidence", "asserted without support"),
    "contradicted": ("contradicted", "contradiction", "contradicted elsewhere", "contradicts itself"),
}
NEGATIVE = rx(r"no", r"nope", r"nah", r"false", r"wrong", r"incorrect", r"not true", r"untrue", r"it'?s false",
                r"that'?s false", r"it'?s not true", r"it'?s wrong")
VAGUE_SUPPORT = rx(r"(it'?s |it is )?(unsupported|not supported)", r"no (evidence|support|source|proof)")
STATED_ON_SENTENCE = rx(r"(it'?s |it is )?stated", r"it says (so|it)", r"in the article", r"it does say( so)?")
# When a verdict answer fits two options, what to ask.
CLARIFY_LABELS = {
    "stated": "Stated: the article says it (with or without evidence)",
    "not-stated": "Not stated: the article never says it",
    "contradicted": "Contradicted: the article says the opposite somewhere",
    "supported": "Supported: the article backs it up",
    "unsupported": "Unsupported: the article asserts it without support",
}
