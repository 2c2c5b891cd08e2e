"""Commands that work in every phase: help, repeat, article, section, score, restart, define, why, undo, change.

Help is written from what the current phase understands (:meth:`.base.PhaseHandler.commands`) plus these,
so it lists exactly what the learner can say right now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import script
from ..intents import IntentKind as K
from ..state import Phase
from ..turns import Effect, Input

if TYPE_CHECKING:
    from ..engine import Run
    from ..intents import Intent

ALWAYS = (
    "- **repeat**: show the last question or prompt again\n"
    "- **article**, or **show section 2**: read the article here\n"
    "- **score** or **progress**: how you're doing\n"
    "- “what does *unsupported* mean”: a word explained\n"
    "- **why**: the explanation of your last graded answer\n"
    "- **restart**: start again with a new attempt"
)


def help_text(run: Run) -> str:
    e = run.expect()
    parts = ["**What I understand right now.** " + script.HELP_BY_KIND.get(script.help_key(e.kind, e.scale), "")]
    own = run.phase.commands()
    if run.state.picked:  # half-way through a pair
        own.append("**undo**: clear the sentence you picked")
    if own:
        parts.append("\n".join(f"- {line}" for line in own))
    parts.append("And at any time:\n\n" + ALWAYS)
    return "\n\n".join(parts)


def on_help(run: Run, intent: Intent) -> None:
    run.say(help_text(run))


def on_repeat(run: Run, intent: Intent) -> None:
    run.phase.repeat(run)


def on_article(run: Run, intent: Intent) -> None:
    msg = run.say(script.article_outline(run.t.sections))
    msg.quick_replies = [{"label": f"Show section {s.number}", "value": f"show section {s.number}"}
                         for s in run.t.sections if s.number] + [{"label": "Repeat", "value": "repeat"}]


def on_section(run: Run, intent: Intent) -> None:
    sections = {s.number: s for s in run.t.sections}
    section = sections.get(intent.value)
    if section is None:
        known = ", ".join(str(n) for n in sections if n)
        run.say(f"There is no section {intent.value}. The sections are {known}.")
        return
    pos = run.t.sections.index(section) + 1
    run.say(script.section_text(section, pos, len(run.t.sections)) + "\n\nSay **repeat** to go back to "
            "where we were.", focus=section.sentences[0].id)


def on_score(run: Run, intent: Intent) -> None:
    run.say(script.progress_text(run.summary(), run.phase.where(run)))


def on_restart(run: Run, intent: Intent) -> None:
    run.state.pending = {"kind": "restart", "candidates": [["Yes, start again", "yes", None],
                                                           ["No, carry on", "no", None]]}
    run.say("Start again from the very beginning, with a new attempt and a fresh score? Your answers so far "
            "stay saved.")


def restart(run: Run) -> None:
    run.effects.append(Effect("new_attempt"))
    run.say("Starting a new attempt…")


def on_define(run: Run, intent: Intent) -> None:
    """A word explained from the lesson's glossary; a word it does not have is never guessed at."""
    glossary = run.t.lesson.glossary
    asked = script.md_escape(str(intent.value or "that word"))
    entry = glossary.lookup(str(intent.value or ""))
    if entry is not None:
        run.say(f"**{script.md_escape(entry.term)}**: {script.md_escape(entry.definition)}\n\n{run.help_line()}")
    elif glossary:
        known = ", ".join(f"**{script.md_escape(t)}**" for t in glossary.examples())
        run.say(f"I don't have “{asked}” in this lesson's word list, so I won't guess. I can explain {known} "
                "and the other hard words of the article: ask “what does … mean”.\n\n" + run.help_line())
    else:
        run.say(f"I don't have “{asked}” in a word list: this lesson has none. Your teacher can explain it. "
                + run.help_line())


def on_why(run: Run, intent: Intent) -> None:
    last = run.state.last
    if last and last in run.t.by_id:
        q = run.t.by_id[last]
        run.say(script.why_text(run.t.lesson, q), highlight=list(q.evidence))
    elif run.state.phase in (Phase.QUIZ, Phase.PRACTICE):
        run.say("Answer first; then say **why** and I'll explain.")
    else:
        run.say("I'll explain after you answer a quiz question. In the lesson, my feedback explains each check.")


def on_undo(run: Run, intent: Intent) -> None:
    if run.state.picked:
        run.state.picked = []
        run.say("OK, I've cleared your pick. Which two sentences? " + run.help_line())
    elif run.state.last:
        answer_is_final(run)
    else:
        run.say("There's nothing to undo yet. " + run.help_line())


def on_change(run: Run, intent: Intent) -> None:
    """Before feedback (a pair half picked) an answer can change; after it, it is final."""
    if run.state.picked:
        run.state.picked = []
        if intent.value:
            run.handle(Input(str(intent.value)))
        else:
            run.say("OK, I've cleared your pick. Which two sentences? " + run.help_line())
    elif run.state.last:
        answer_is_final(run)
    elif intent.value:
        run.handle(Input(str(intent.value)))
    else:
        run.say("There's no answer to change yet. " + run.help_line())


def answer_is_final(run: Run) -> None:
    q = run.t.by_id.get(run.state.last)
    which = f"question {q.number}" if q else "that question"
    retry = "at the end you can **retry** the questions you missed, for practice" \
        if run.state.phase != Phase.END else "say **retry** to practise the questions you missed"
    msg = run.say(f"I understand wanting to change it. Your answer to {which} is final once its feedback is shown, "
                  f"so that every score means what it says. Say **why** for the explanation; {retry}.")
    msg.quick_replies = [{"label": "Why?", "value": "why"}, {"label": "Repeat", "value": "repeat"}]


COMMON = {K.HELP: on_help, K.REPEAT: on_repeat, K.ARTICLE: on_article, K.SECTION: on_section, K.SCORE: on_score,
          K.RESTART: on_restart, K.DEFINE: on_define, K.WHY: on_why, K.UNDO: on_undo, K.CHANGE: on_change}
