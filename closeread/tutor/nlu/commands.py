"""Commands and conversation: "hint", "whats my score", "can you repeat the question", "wait i meant c".

A command is recognised when it is the whole message (after lead-ins and
politeness), when a phrase that only a command uses appears anywhere in a short
message ("can u give me a hint for this one"), and when one clause of the message
is a command and the others carry no answer ("hmm not sure, hint?").
"""

from __future__ import annotations

import re

from ..text import NUMBER_WORDS, ORDINALS, trim
from .model import Intent
from .normalise import clauses, strip_lead_ins


def _rx(*alternatives: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$")


_PLEASE = r"(?: please| now| again| then| first| before i answer| for this one| for this| for me| on this one|"\
    r" on this| for (?:the|this) (?:\w+ )?(?:one|question|sentence|part))*"
# "let's start with section 1", "can we begin at part 3", "jump to section 4": a place to read from
_START_AT = r"(?:(?:let'?s |i'?d like to |i want to |we )?(?:start|begin) (?:with|at|from)|jump to|skip to)"
_VERDICT_WORDS = r"(?:stated|not stated|supported|unsupported|contradicted|contradiction|a tension|tension)"
_CAN = r"(?:(?:can|could|may|would) (?:i|you|we|u) (?:please )?|please |pls )?"
COMMANDS: list[tuple[str, re.Pattern]] = [
    ("help", _rx(r"help(?: me)?" + _PLEASE, r"\?+", r"what can i (?:say|type|do|ask|"
        r"write)", r"how does (?:this|it) work",
                 r"commands", r"menu", r"what do i (?:do|type|write|say)(?: now| here| next)?", r"instructions",
                 r"how do i (?:answer|do this|play|use this|reply)(?: this)?", r"what am i (?:supposed|meant) to do",
                 r"i don'?t (?:get|understand) what to do", r"what should i (?:do|type|say)(?: now| here)?",
                 r"huh\?*", r"eh\?+",
                 r"(?:what|wtf)(?: the hell| the heck)?(?:'s| is| does) (?:this|that|the|this whole)"
                 r"(?: (?:question|task|thing|exercise))?(?: even)? (?:asking|mean|want|about|for)(?: me)?"
                 r"(?: to do)?",
                 r"(?:what|wtf) (?:am i|are we) (?:even )?(?:supposed|meant|expected) to (?:do|say|write|answer)"
                 r"(?: here| now| with this)?",
                 r"i don'?t (?:get|understand) (?:the|this|your) question", r"(?:what|wtf) is this(?: even)?",
                 r"what do you (?:want|mean)(?: from me)?", r"what does (?:the|this) question mean",
                 r"what (?:do|should) i (?:do|answer|say) (?:here|now|next)", r"how do i answer(?: this)?",
                 r"options", r"what are my options", r"i need help", r"can you help(?: me)?", r"sos",
                 r"what do i (?:have|need) to do(?: here| now)?", r"i don'?t know what to (?:write|say|do|type)",
                 r"how does this work", r"i don'?t (?:really )?get (?:this|the) (?:skill|task|question|exercise)",
                 r"i don'?t get it", r"i don'?t understand(?: this| the question| what to do)?")),
    ("hint", _rx(_CAN + r"(?:have|get|give me|give us) (?:a |another |one more |some |a little |a small |any )?"
                 r"(?:hint|clue|tip|help|nudge)s?" + _PLEASE,
                 r"(?:give me |show me |i need |i want |i'd like |need |want |any )?(?:a |another |one more |"
                     r"more |some |"
                 r"a little |a small )?(?:hint|clue|tip|nudge)s?" + _PLEASE, r"help me out", r"i'?m stuck",
                 r"stuck", r"hint\?*", r"any hints?", r"is there a hint", r"what'?s the hint",
                 r"(?:just )?(?:give|tell|show) me the (?:right |correct )?answer(?: already)?",
                 r"(?:just )?tell me(?: what it is)?", r"(?:can you )?help me (?:with|on) (?:this|it)(?: one)?")),
    ("repeat", _rx(_CAN + r"(?:repeat|say|show|read|ask)(?: me)?(?: that| it| the question| the last message|"
        r" the prompt|"
                   r" the options)?(?: again)?" + _PLEASE, r"again",
                   r"what was the question(?: again)?", r"come again",
                   r"(?:go |take me )?back to the question", r"(?:show me |what'?s )?the question\??",
                   r"pardon", r"what\?*", r"once more", r"one more time", r"(?:and )?again\?*",
                   r"sorry\?+", r"say again", r"(?:sorry,? )?(?:can|could) you repeat(?: that)?",
                   r"(?:show|read) (?:me )?the (?:question|options)(?: again)?",
                   r"what(?:'s| is| was) the question(?: again)?", r"i missed the question", r"the question again",
                   r"question again",
                   r"what(?:'s| is| was| does) (?:the|this|that) question (?:asking|saying|say|about)"
                   r"(?: me)?(?: for)? again", r"what (?:is|was) it asking(?: me)?(?: for)? again")),
    ("skip", _rx(_CAN + r"skip(?: it| this| this one| this question| that| for now| ahead)?" + _PLEASE, r"pass",
                 r"next question", r"(?:ask me |come back to it |come back to this |do it )?later", r"move on",
                 r"i'll (?:pass|skip)(?: this one| on this)?", r"(?:let'?s )?skip(?: this one| it)?",
                 r"i want to skip(?: this| this one| it)?", r"(?:come|go) back to (?:it|this)(?: later)?")),
    ("why", _rx(r"why\??", r"why(?: is| was| isn'?t| wasn'?t) (?:that|it|mine|my answer)(?: so| right| wrong|"
        r" correct| not)?\??",
                r"why not\??", r"how come\??", r"explain(?: (?:that|it|why|the answer|please))?" + _PLEASE,
                r"why was i (?:wrong|right)\??", r"(?:give me |show )?the explanation",
                r"why (?:is|was|isn'?t|wasn'?t) (?:it |the answer |the right answer |the correct answer )?"
                r"(?:option )?(?:[a-h]|" + _VERDICT_WORDS + r")\??",
                r"(?:so |but |wait |hmm )?why (?:is|was|isn'?t|wasn'?t|not) (?:it |that |this )?(?:not )?"
                r"(?:" + _VERDICT_WORDS + r"|a (?:tension|contradiction))\??",
                # "but why is it a tension and not a contradiction": two verdict words, the one given and the other
                r"(?:so |but |wait |hmm )?why (?:is |was |isn'?t |wasn'?t )?(?:it |that |this |the answer )?(?:not )?"
                r"(?:a )?" + _VERDICT_WORDS + r",? (?:and not|and|but not|not|rather than|instead of|over) (?:a |an )?"
                + _VERDICT_WORDS + r"\??",
                r"why (?:not|isn'?t it|wasn'?t it) (?:option )?[a-h]\??", r"why (?:option )?[a-h]\??",
                r"how is (?:it|that) (?:option )?[a-h]", r"why did i get (?:it|that) wrong",
                r"how (?:is|was|come) (?:it'?s |that'?s |it |that |this |the answer )?(?:not )?(?:option )?(?:[a-h]|"
                + _VERDICT_WORDS + r")(?: (?:right|correct|the answer|the right answer|wrong|then))?\??",
                r"why (?:am i|was i|is that|is my answer) wrong", r"i don'?t get why", r"but why",
                r"can you explain(?: why| that| the answer)?", r"explain the answer", r"why that one")),
    ("article", _rx(r"(?:show|open|see|read|display|give)(?: me)? (?:the )?(?:whole |full )?(?:article|text|post|story)"
                    + _PLEASE, r"(?:the )?(?:whole |full )?article" + _PLEASE, r"text",
                    r"outline", r"where(?:'s| is) the (?:article|text)",
                    r"i want to (?:read|see) the (?:article|text)", _CAN + r"(?:see|read) the (?:article|text)")),
    ("section", re.compile(r"^(?:" + _CAN + r"(?:show|read|open|see|go to|take me to|give|" + _START_AT
                           + r")(?: me)? )?(?:the )?"
                           r"(?:section|part|paragraph|bit) (\d+|[a-z]+)(?: again)?"
                           r"(?: to me| for me| first| now| quickly)?"
                           r"(?: please)?$|"
                           r"^where(?:'s| is) (?:the )?(?:section|part|paragraph) (\d+|[a-z]+)(?: again)?$|"
                           r"^(?:" + _CAN + r"(?:show|read|open|see|go to|take me to|give)(?: me)? )(?:the )?"
                           r"(intro|introduction|background|incident|reactions?|what'?s next)(?: section| part)?"
                           r"(?: again)?(?: please)?$")),
    ("score", _rx(r"(?:my |the |what'?s my |what is my |whats my |show me my |show my |check my )?score",
                  r"(?:my )?progress", r"how am i doing", r"how'?m i doing", r"how am i going", r"how'?s it going",
                  r"(?:my )?points",
                  r"how many (?:points|right|correct|questions)(?: do i have| have i got| did i get| so far| left|"
                  r" are left| to go| more)?", r"how (?:much|many) (?:is |are )?left",
                  r"where am i", r"status", r"how (?:far|many) (?:am i|left|to go|more)",
                  r"how am i doing so far", r"am i doing (?:ok|well|good|alright)", r"what'?s my progress",
                  r"what did i (?:get|score)(?: overall| in total| so far)?",
                  r"how (?:(?:bad(?:ly)?|well|good) )?did i do(?: overall| so far)?",
                  r"(?:what(?:'s| is| was) )?my (?:final |total )?(?:score|mark|grade|result|results|points)",
                  r"how many did i get(?: right)?", r"did i pass")),
    ("restart", _rx(_CAN + r"(?:restart|start (?:over|again|afresh)|begin again)(?: the quiz| everything)?",
                    r"start from (?:the )?(?:beginning|scratch|start)", r"reset", r"new attempt",
                    r"from the (?:top|beginning)", r"i want to (?:restart|start over|start again)")),
    ("quiz", _rx(r"(?:go |skip |jump |straight )?to the quiz", r"(?:start|take|do|begin) the quiz(?: now)?", r"quiz",
                 r"skip (?:the )?(?:lesson|teaching|intro|reading)", r"skip to (?:the )?questions",
                 r"just (?:the )?quiz", r"i want (?:to do )?the quiz", r"(?:let'?s )?go to the questions")),
    ("reveal", _rx(r"(?:show |see )?(?:me )?(?:the )?(?:reveal|ledger|claim ledger|labels|labelled article)",
                   r"reveal(?: it| the article| all| everything)?", r"show me (?:all )?the answers",
                   r"show (?:me )?(?:everything|it all|all of it)", r"(?:what'?s|what is) the reveal",
                   r"show (?:me )?(?:the )?labels")),
    ("retry", _rx(r"retry(?: the)?(?: missed| wrong)?(?: ones| questions| ones again)?",
                  r"try (?:them |the missed ones |the missed questions |the wrong ones |the ones i missed )?again",
                  r"practi[cs]e(?: the)?(?: missed| wrong)?(?: ones| questions)?",
                  r"redo(?: the)?(?: missed| wrong)?(?: ones| questions)?", r"(?:can i )?retry(?: them)?",
                  _CAN + r"(?:let me |i want to |i'd like to )?(?:retry|redo|practi[cs]e|go over|try) "
                  r"(?:the ones i (?:missed|got wrong)|my mistakes|the wrong ones|the missed ones)",
                  _CAN + r"(?:let me |i want to |i'd like to |i wanna |want to |we )?"
                  r"(?:try|do|have a go at|attempt) (?:it |them |those |these |that |the quiz |the questions |"
                  r"the wrong ones |the ones i missed )?(?:again|one more time|once more)",
                  _CAN + r"(?:let me |i want to |i'd like to |i'd like |i want |i wanna |we )?(?:have |get |give it |"
                  r"take |do )?(?:another|one more) (?:go|try|shot|attempt|round)", r"one more (?:go|try)",
                  _CAN + r"(?:let me |i want to |i'd like to )?redo(?: them| those| the quiz| it| the wrong ones)?",
                  r"(?:let me )?(?:fix|practi[cs]e) (?:my mistakes|the mistakes|what i got wrong)",
                  _CAN + r"(?:let me |i want to |i'd like to |i wanna )?practi[cs]e(?: now| a bit| some more)?")),
    ("undo", _rx(r"undo", r"undo (?:that|it|the last one)", r"go back", r"back", r"take (?:that|it) back",
                 _CAN + r"(?:take|put) back (?:that|it|that one|the last one|my last (?:one|pick|choice)|"
                 r"the last (?:pick|choice|sentence))",
                 r"scratch that(?: first one| one|"
                     r" last one)?", r"(?:no )?wait,? not that one", r"not that one", r"clear(?: it| that|"
                         r" my picks?)?", r"remove (?:that|it)", r"start the pair again",
                 r"(?:unselect|deselect|unpick|untick|uncheck|unclick)(?: it| that| this| that one| the first one)?",
                 r"cancel (?:that|it)", _CAN + r"take (?:it|that|my pick) back", r"remove (?:my|the) pick",
                 r"(?:no,? )?not that one", r"(?:no,? )?not (?:that|this) (?:sentence|one)",
                 r"(?:no )?wrong (?:one|sentence)", r"(?:oops|whoops|sorry)?,? ?wrong (?:one|sentence)")),
]
_CHANGE_ANYWHERE = re.compile(
    r"\b(?:(?<!\bam )(?<!\bare )i meant|(?<!\bam i )(?<!\bare we )meant to (?:say|put|pick|click|choose)|misclick\w*|"
    r"mis-click\w*|(?:was|made) a typo|"
    r"change (?:my answer|that|it|my mind)|redo (?:that|it|this|that one)|go back and (?:pick|change|choose)|"
    r"undo (?:that|it|my answer)|wrong (?:button|letter|one by mistake)|i wanted (?:to (?:say|put|pick) )?\w+|"
    r"pick \w+ instead|switch (?:it|my answer) to|"
    r"(?:picked|clicked|chose|selected|ticked|pressed|typed|put) the wrong (?:one|answer|letter|option|sentence)|"
    r"(?:can i |could i |let me |i want to |i'd like to )(?:also )?(?:add|tick|pick|include|remove|untick|drop|"
    r"take out|take off) (?:option )?[a-h]\b|(?:add|remove) (?:option )?[a-h] (?:to|from) my answers?|"
    r"i forgot (?:to )?(?:tick|pick|add|select|choose|include) (?:option )?[a-h]\b|"
    r"(?:redo|retake|change|fix) (?:that|the last|my last|the previous) (?:question|one|answer)|"
    r"(?:can i |could i |let me |i want to |i'd like to |i wanna |may i )(?:pick|choose|select|answer|tick|click) "
    r"(?:it |that |this |one |that one |this one )?(?:again|once more|over))\b")
_CHANGE = re.compile(
    r"^(?:wait|oops|sorry|oh|no|actually|hang on|hold on|damn|ugh|oh no|whoops|my bad|hmm)?[ ,!.]*"
    r"(?:(?:i )?(?:meant|mean) (?:to say |to put |to pick |to choose )?(?P<a>.+)|"
    r"(?:can i |could i |let me |i want to |i'd like to )?(?:change|switch|swap|fix)(?: my)?(?: answer| it| that)?"
    r"(?: to (?P<b>.+))?|"
    r"(?:i )?(?:clicked|typed|pressed|put|picked|chose) the wrong (?:one|answer|letter|option)(?: it'?s (?P<c>.+))?|"
    r"(?:that was|that's) (?:a )?(?:typo|mistake)(?: i meant (?P<d>.+))?|"
    r"(?:actually|wait) (?:it'?s |i'?d say |make (?:it|that) )(?P<e>.+)|make (?:it|that) (?P<f>.+) instead|"
    r"(?P<g>[a-h]) not [a-h]|(?:not [a-h] )?i meant (?P<h>[a-h])|"
    r"(?:oops|whoops|my bad|oh no|my mistake|mistake)|"
    r"(?:no wait|wait no|oh wait|actually|oops|whoops|sorry|never ?mind|scratch that|on second thought)[ ,!.]+"
    r"(?:it'?s |its |make it |i'?d say |(?:it )?should be |it'?s actually |actually )?"
    r"(?P<i>[a-h]|stated|not stated|supported|unsupported|contradicted)(?: instead)?)$"
)
CONVERSATION: list[tuple[str, re.Pattern]] = [
    ("dont_know", _rx(r"(?:i )?(?:really |honestly )?(?:don'?t|do not|dont) know(?: (?:this|that|it|the answer))?",
                      r"idk", r"dunno", r"no idea", r"not sure", r"i'?m not sure", r"no clue",
                      r"i have no (?:idea|clue)",
                      r"(?:i'?m |im )?(?:confused|lost|clueless)", r"i can'?t (?:tell|decide)", r"who knows",
                      r"i don'?t get it", r"no clue at all", r"beats me", r"i give up", r"pass i don'?t know",
                      r"i'?m not sure at all", r"not a clue", r"haven'?t a clue", r"i have no clue", r"unsure",
                      r"i don'?t care", r"idc", r"idk (?:and|&) idc", r"(?:i )?(?:literally |really )?don'?t know "
                      r"(?:this|that) one(?: sorry)?", r"i don'?t care just pick one", r"idc just pick one")),
    ("next", _rx(r"next", r"continue", r"go on", r"go ahead", r"carry on", r"ready", r"i'?m ready", r"let'?s go",
                 r"let'?s (?:start|begin|do it|do this|continue|move on)", r"start", r"begin", r"go", r"done",
                 r"got it", r"i read it", r"read it", r"finished", r"i'?m done", r"keep going", r"onwards?",
                 r"ok(?:ay)?,? next", r"next one", r"next section", r"next part", r"start the lesson",
                 r"(?:ok(?:ay)?|sure|yes),? let'?s (?:go|start)", r"i'?ve read it", r"done reading", r"move on",
                 r"what'?s next", r"and now", r"next please", r"next pls", r"cool next", r"ok got it",
                 r"(?:that |"
                     r"it )?makes sense", r"understood", r"let'?s keep going", r"keep going", r"i understand",
                 r"(?:the )?next (?:bit|page|step|thing|one please)", r"go on then", r"on we go", r"carry on then",
                 r"(?:ok(?:ay)?|cool|right|good),? (?:next|continue|go on)", r"(?:i'?m )?done(?: here| with this)?",
                 r"nothing", r"nothing really", r"no thoughts",
                 r"(?:just )?(?:go|move)(?: on)? to the next(?: one| question| part| section| bit| step| thing|"
                 r" page)?")),
    ("yes", _rx(r"yes", r"yeah", r"yep", r"yup", r"ya", r"y", r"sure", r"ok", r"okay", r"k", r"kk", r"of course",
                r"yes please", r"please do", r"why not", r"sure why not", r"ok why not",
                r"alright", r"all right", r"definitely", r"absolutely",
                r"yes i did", r"that'?s right", r"correct", r"exactly", r"yes that one", r"yes that", r"right",
                r"sure thing", r"go for it", r"yeah sure", r"sounds good", r"fine", r"ok sure", r"aye", r"yea")),
    ("no", _rx(r"no", r"nope", r"nah", r"n", r"no thanks", r"no thank you", r"not now", r"not yet", r"cancel",
               r"no,? (?:this|that) is (?:dumb|stupid|boring)", r"no,? not yet", r"(?:no )?not yet",
               r"never ?mind", r"don'?t", r"stop", r"no way", r"not that", r"not that one", r"wrong one",
               r"no i didn'?t", r"no,? not that")),
]
# Phrases that only a command uses, found anywhere in a short message.
_SEE = r"(?:see|read|look at|show me|show|open|go back to|check|have a look at|reread|re-read|view)"
ANYWHERE: list[tuple[str, re.Pattern]] = [
    ("quiz", re.compile(r"\b(?:to the quiz|the questions|want the quiz|(?:start|do|take) the quiz|"
        r"skip the (?:rest of the )?"
                        r"(?:reading|lesson|intro|teaching))\b")),
    ("reveal", re.compile(r"\b(?:(?:right|correct) answers|what i got wrong|see the answers|show (?:me )?the answers|"
                          r"the reveal|reveal)\b")),
    ("hint", re.compile(r"\b(?:hint|clue|tip|nudge)s?\b")),
    ("score", re.compile(r"\b(?:score|my points|my progress|how am i doing|"
                         r"how (?:bad(?:ly)?|well|good )?did i do|how many (?:points|right|"
        r"correct|"
                         r"have i (?:got|gotten) right|did i get right))\b")),
    ("repeat", re.compile(r"\b(?:repeat|say (?:that|it) again|what was the question|show (?:me )?the question|"
                          r"what(?:'s| is| was| does)? (?:the|this) question (?:asking|ask|want|wants|say|says)|"
                          r"what (?:was|is) it asking)\b")),
    ("restart", re.compile(r"\b(?:start (?:the whole thing |it |everything )?over|restart|start again from)\b")),
    ("section", re.compile(r"\b" + _SEE + r" (?:me )?(?:the )?(?:section|part) (?P<n>\d|one|two|three|four|five)\b|"
                           r"\b(?:where'?s|where is|show me|go to|take me to|see|read) (?:the )?(?P<h>intro|"
                               r"introduction|"
                           r"background|incident|reactions?|what'?s next)(?: section| part)?\b")),
    ("article", re.compile(r"\b" + _SEE + r" (?:the )?(?:whole |full )?(?:article|text|post)\b")),
    ("skip", re.compile(r"\b(?:skip|pass on this|come back to (?:it|this) later)\b")),
    ("why", re.compile(r"^(?:(?:wait|but|damn|hmm|ok|so|and|ugh|huh|wtf|seriously|"
                       r"that'?s (?:bs|crap|rubbish|stupid|dumb|wrong|unfair|weird))[ ,!.]+)*(?:why\b|"
        r"how is (?:that|it|this)\b|"
                       r"how come\b)|\bexplain why\b|\bdon'?t (?:get|understand|see) why\b")),
    ("undo", re.compile(r"\bundo\b")),
    ("dont_know", re.compile(r"\b(?:i )?(?:literally |really |honestly |just )?don'?t know\b|\bidk\b|\bno idea\b|"
                             r"\bi don'?t care\b|\bidc\b")),
]
_HEADINGS = {"intro": 1, "introduction": 1, "background": 2, "incident": 3, "reaction": 4, "reactions": 4,
             "what's next": 5, "whats next": 5}
_ANYWHERE_MAX_WORDS = 12
_ANYWHERE_LONG_WORDS = 25
_UNMISTAKABLE = {"section", "restart", "article"}
# Clauses that carry no request of their own ("hi!", "cool thanks"): they never stop another clause's command.
_TALK = r"(?:hi|hello|hey|hiya|yo|thanks|thank you|thx|ty|cool|nice|great|ok(?:ay)?|sure|alright|lol|haha|oh|ah|" \
    r"um|hmm|wow|good|fine|awesome|perfect|sweet|right|yeah|yes|so|got it|i see|makes sense|interesting|fair|" \
    r"fair enough|oh well|ok then|okay then|i guess|true true|noted|k|kk)"
_SMALL_TALK = re.compile(r"^" + _TALK + r"(?:[ ,!.]+(?:" + _TALK[3:-1] + r"|there|tutor|so much))*$")
# A clause that only says how the learner feels ("boring.", "ugh this is dull"): it never stops another clause's
# command or "next".
_MOOD = re.compile(r"^(?:(?:ugh|meh|so|omg|god|lol)[ ,!.]+)*(?:(?:this|that|it|(?:this|the) (?:quiz|lesson|tutor|"
                   r"app|thing|question|one))(?:'s| is) )?(?:so |soo |really |very |kinda |super |pretty |such )?"
                   r"(?:boring|dull|tedious|lame|bored|long|slow|dumb|stupid|pointless|annoying|silly|a drag|"
                   r"a waste of time)|i'?m (?:so |really )?bored|"
                   r"yawn|zzz+|meh|ugh|whatever|bo+ring$|"
                   r"(?:this|that|it)(?:'s| is)$|i'?m$")  # what is left of "this is so dull" split at "so"
# A clause that only reports where the learner is ("ok im done with this part", "read it", "got it"): before a bare
# "next" it is what the "next" is about, never a remark of its own.
_STATE = re.compile(r"^(?:(?:ok(?:ay)?|alright|right|so|well|yeah|yep|cool|fine)[ ,]+)*(?:i'?m |i am |i'?ve |i have )?"
                    r"(?:(?:all |totally |completely |finally )?(?:done|finished|through|ready)|"
                    r"(?:read|finished|done) (?:it|that|this|all of it|everything|"
                    r"(?:this|that|the) (?:part|section|bit|page|text|article))|got it|understood|"
                    r"i (?:get|got|understand|read) (?:it|that|this))"
                    r"(?: reading| (?:with|reading) (?:this|that|the|it)"
                    r"(?: (?:part|section|bit|page|one|text|article|reading))?)?"
                    r"(?: now| already| here)?$")
_NO_COMMAND = re.compile(r"\b(?:no|not|don'?t|without|never|didn'?t)\b(?:\s+\w+){0,3}\s*$")


def section_number(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    return NUMBER_WORDS.get(raw, ORDINALS.get(raw))


# Words that only colour a message's end ("why is it stated tho"): a command is read without them.
_JOINING = re.compile(r"^(?:but|and|so|also|then)[ ,]+(?=\S)")  # "…, but can i get a hint first"
_EVEN = re.compile(r"(?<=\S) (?:even|actually|exactly)(?= \S)")  # "what do i even do here"
_TRAILING = re.compile(r"(?:[ ,]+(?:tho|though|then|lol|lmao|exactly|really|anyway|again|please|pls))+\??$")


def whole(t: str) -> Intent | None:
    """The command a whole (cleaned) message is, if it is one."""
    bare = _TRAILING.sub("", _EVEN.sub("", _JOINING.sub("", t)))
    for candidate in dict.fromkeys((t, strip_lead_ins(t), bare, strip_lead_ins(bare))):
        for kind, pattern in COMMANDS:
            m = pattern.match(candidate)
            if m:
                if kind == "section":
                    raw = next(g for g in m.groups() if g)
                    n = section_number(raw) or _HEADINGS.get(raw)
                    if n is None:
                        continue
                    return Intent("section", n)
                return Intent(kind)
    return None


def change(t: str) -> Intent | None:
    """'wait i meant c', 'can i change my answer', 'oops wrong one': a change of mind, with the new answer if given."""
    m = _CHANGE.match(trim(t))
    if not m:
        if _CHANGE_ANYWHERE.search(t) and len(t.split()) <= _ANYWHERE_MAX_WORDS:
            new = re.search(r"\b(?:i meant|pick|tick|add|select|choose|include|i wanted|switch (?:it|my answer) to|"
                            r"change (?:it|that) to)\s+"
                            r"(?:to say |to put |to pick )?(?:option )?([a-h]|stated|not stated|supported|unsupported|"
                            r"contradicted)\b", t)
            return Intent("change", new.group(1) if new else None)
        return None
    new = next((v for v in m.groupdict().values() if v), None)
    return Intent("change", trim(new) if new else None)


def conversation(t: str) -> Intent | None:
    for candidate in dict.fromkeys((trim(t), strip_lead_ins(t))):
        for kind, pattern in CONVERSATION:
            if pattern.match(candidate):
                return Intent(kind)
    return None


def anywhere(t: str) -> Intent | None:
    """A command phrase inside a short message that is not negated ("no hint please" is not a hint).

    Phrases that only a request uses ("show me section 4", "start over") count in longer messages too."""
    words = len(t.split())
    if words > _ANYWHERE_LONG_WORDS:
        return None
    for kind, pattern in ANYWHERE:
        if words > _ANYWHERE_MAX_WORDS and kind not in _UNMISTAKABLE:
            continue
        m = pattern.search(t)
        if m and not _NO_COMMAND.search(t[: m.start()]):
            if kind == "section":
                n = section_number(m.group("n")) if m.group("n") else _HEADINGS.get(m.group("h"))
                return Intent("section", n) if n else None
            return Intent(kind)
    return None


# "i don't get it, what's the question asking again": help yields to repeat, and both yield to a request for
# one thing ("where is section 5, can you show it": the section).
_GENERAL = {"help": 0, "repeat": 1}


def _most_specific(hits: list[tuple[int, Intent]]) -> list[tuple[int, Intent]]:
    if len({c.kind for _, c in hits}) < 2:
        return hits
    rank = {i: _GENERAL.get(str(c.kind), 2) for i, c in hits}
    top = max(rank.values())
    kept = [(i, c) for i, c in hits if rank[i] == top]
    return kept if len({(c.kind, c.value) for _, c in kept}) == 1 else hits


def in_clauses(t: str) -> tuple[Intent | None, list[str]]:
    """The one command among a message's clauses, and the other clauses.

    "hmm not sure, hint?" -> hint; "ok that makes sense, lets keep going" -> next (every clause is
    conversation, and they agree)."""
    parts = clauses(t)
    if len(parts) < 2:
        return None, parts
    moving_on = conversation(parts[-1]) == Intent("next")
    # "ok read it. lets go": before a bare "next", a clause saying the learner is done asks for nothing ("read it")
    found = [(i, None if moving_on and _STATE.match(p) else whole(p)) for i, p in enumerate(parts[:-1])]
    found.append((len(parts) - 1, whole(parts[-1])))
    hits = [(i, c) for i, c in found if c]
    said = {k for k, _ in hits}
    hits = _most_specific(hits)
    if len(hits) == 1 or (hits and len({(c.kind, c.value) for _, c in hits}) == 1):  # "oops wrong one, undo"
        i, cmd = hits[0]
        return cmd, [p for j, p in enumerate(parts) if j not in said]
    if hits:
        return None, parts
    parts = [p for p in parts if not _SMALL_TALK.match(p) and not _MOOD.match(p)] or parts
    if len(parts) > 1 and moving_on:  # "ok im done with this part, next"
        parts = [p for p in parts[:-1] if not _STATE.match(p)] + parts[-1:]
    chat = [conversation(p) for p in parts]
    kinds = {c.kind for c in chat if c}
    if all(chat) and (len(kinds) == 1 or kinds == {"yes", "next"}):
        return Intent("next" if "next" in kinds else kinds.pop()), []
    return None, parts
