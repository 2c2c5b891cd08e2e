"""What the tutor says: the texts of the lesson script, as Markdown.

The order of the script is (1) greeting, (2) the three skills, each with a
check question, (3) the article part by part with a stop-and-think prompt,
(4) the quiz, (5) the summary with the reveal and a retry of missed
questions. :mod:`engine` decides *when*; this module only words things.
Everything the learner typed is escaped before it is echoed.
"""

from __future__ import annotations

import re

from ..content.model import CATEGORIES, LEDGER_LABELS, Lesson, Question
from ..content.sentences import Section
from ..content.tutor import Skill
from ..questions.grading import Grade
from ..questions.prescore import FLAG_ADVICE
from ..questions.results import Summary, describe
from .intents import LETTERS

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def points(n: float) -> str:
    value = f"{n:g}"
    return f"{value} point" + ("" if value == "1" else "s")


def quote_sentence(lesson: Lesson, sid: str) -> str:
    return f"> `{sid}` {md_escape(lesson.article.by_id[sid].text)}"


def sentence_list(lesson: Lesson, sids) -> str:
    return ", ".join(f"`{sid}`" for sid in sids if sid in lesson.article.by_id)


# -- 1. greeting ----------------------------------------------------------------
HOW_IT_WORKS = (
    "**How this works.** I'll teach three close-reading skills, read the article with you part by part, then ask "
    "the quiz questions. Answer by tapping a button or typing: a letter (“B”), an option's words, “not stated”, or "
    "a sentence by its number (“s14”) or a few of its words (“the part about the drone”). You can also select "
    "sentences in the article panel. Say **help** at any time to see everything I understand."
)


def greeting(lesson: Lesson, custom: str | None, answered: int, total: int) -> str:
    hello = custom or f"Hi! I'm your tutor for **{md_escape(lesson.title)}**."
    parts = [hello, HOW_IT_WORKS]
    if answered:
        parts.append(f"You have already answered {answered} of {total} quiz questions in this attempt. Shall we "
                     "go through the lesson first, or carry on with the quiz?")
    else:
        parts.append("Ready to start? Or, if you've done the lesson before, go straight to the quiz.")
    return "\n\n".join(parts)


# -- 2. skills ------------------------------------------------------------------
def check_text(lesson: Lesson, skill: Skill) -> str:
    check = skill.check
    assert check is not None
    lines = [f"**Check:** {check.prompt}"]
    if check.quote_id:
        lines.append(quote_sentence(lesson, check.quote_id))
    lines.append("\n".join(f"- **{LETTERS[i].upper()}.** {md_escape(o.text)}" for i, o in enumerate(check.options)))
    lines.append("This one is practice: it is not scored.")
    return "\n\n".join(lines)


def skill_text(skill: Skill, number: int, total: int) -> str:
    return f"*Skill {number} of {total}: {md_escape(skill.title)}*\n\n{skill.teach}"


def check_feedback(lesson: Lesson, skill: Skill, picked: str | None) -> tuple[str, str]:
    """(text, tone) after a check question: the option's feedback and the right answer."""
    check = skill.check
    assert check is not None
    key = check.option_by_id[check.key]
    letter = LETTERS[check.options.index(key)].upper()
    if picked is None:
        return f"The answer is **{letter}. {md_escape(key.text)}**\n\n{key.feedback}", ""
    option = check.option_by_id[picked]
    if picked == check.key:
        return f"**Right.** {option.feedback}", "right"
    text = f"**Not quite.** The answer is **{letter}. {md_escape(key.text)}**"
    extra = [option.feedback] if option.feedback != key.feedback else []
    return "\n\n".join([text, *extra, key.feedback]), "wrong"


# -- 3. reading -----------------------------------------------------------------
def section_text(section: Section, number: int, total: int) -> str:
    title = md_escape(section.heading) if section.heading else "The headline"
    paragraphs = [
        " ".join(f"`{s.id}` {md_escape(s.text)}" for s in block.sentences)
        for block in section.blocks if block.sentences
    ]
    return f"*Reading, part {number} of {total}:* **{title}**\n\n" + "\n\n".join(paragraphs)


def article_outline(sections: list[Section]) -> str:
    lines = ["**The article** is beside the chat (below it on a phone). Its parts:"]
    for s in sections:
        span = f"`{s.sentences[0].id}`" + (f"–`{s.sentences[-1].id}`" if len(s.sentences) > 1 else "")
        title = md_escape(s.heading) if s.heading else "The headline"
        lines.append(f"- Section {s.number}: {title} ({span})")
    lines.append("Say “show section 2” to read one here.")
    return "\n".join(lines)


# -- 4. quiz --------------------------------------------------------------------
def option_lines(q: Question) -> str:
    choices = q.kind.expect(q).options
    if q.scale:  # a verdict: its options have short labels
        return "\n".join(f"- **{c.label or c.id}**: {md_escape(c.text)}" for c in choices)
    return "\n".join(f"- **{LETTERS[i].upper()}.** {md_escape(c.text)}" for i, c in enumerate(choices))


def question_text(q: Question, total: int, practice: bool = False) -> str:
    head = "Practice" if practice else f"Question {q.number} of {total}"
    parts = [f"**{head}** · {CATEGORIES[q.category]} · {points(q.points)}", q.prompt]
    if q.statement:
        parts.append(f"> {md_escape(q.statement)}")
    if q.options:
        parts.append(option_lines(q))
    parts.append(f"*{q.kind.chat_instructions}*")
    return "\n\n".join(parts)


def verdict_line(grade: Grade, q: Question) -> tuple[str, str]:
    if grade.needs_review:
        return (f"**Provisional: your teacher will check.** Provisional score {grade.score:g} of {points(grade.max)}, "
                "from the points below."), "partial" if not grade.correct else "right"
    if grade.correct:
        return f"**Right.** {grade.score:g} of {points(grade.max)}.", "right"
    if grade.score > 0:
        return f"**Partly right.** {grade.score:g} of {points(grade.max)}.", "partial"
    return f"**Not quite.** 0 of {points(grade.max)}.", "wrong"


def feedback_text(lesson: Lesson, q: Question, answer: object, grade: Grade) -> tuple[str, str]:
    """The feedback after an answer. It quotes the article: the content's feedback, then the evidence."""
    head, tone = verdict_line(grade, q)
    parts = [head]
    yours = describe(q, answer, lesson)
    written = q.kind.provisional  # a written answer: the learner sees their own words already
    if yours and not written:
        parts.append("Your answer: " + "; ".join(md_escape(line) for line in yours))
    if grade.feedback:
        parts.append("\n".join(f"- {f.text}" for f in grade.feedback))
    if written:
        parts.append(rubric_points(grade))
        parts.append(f"A model answer: {q.model_answer}")
    elif not grade.correct:
        parts.append("The answer: " + "; ".join(md_escape(line) for line in describe(q, q.key, lesson)))
    if q.evidence:
        parts.append("What the article says:\n\n" + "\n>\n".join(quote_sentence(lesson, sid) for sid in q.evidence))
    if q.lateral:
        parts.append(f"*Lateral-reading note (from outside the article):* {q.lateral}")
    parts.append("Say **why** for the full explanation.")
    return "\n\n".join(parts), tone


def rubric_points(grade: Grade) -> str:
    """The checklist points a written answer covered and missed, and what its flags mean for the learner."""
    lines = [f"- ✓ Covered: {md_escape(x)}" for x in grade.rubric_met]
    lines += [f"- ✗ Not yet covered: {md_escape(x)}" for x in grade.rubric_missed]
    advice = " ".join(FLAG_ADVICE[f] for f in grade.flags)
    return "\n".join(lines) + (f"\n\n{advice}" if advice else "")


def why_text(lesson: Lesson, q: Question) -> str:
    parts = [f"**Why, for question {q.number}:** {q.explanation}"]
    if q.evidence:
        parts.append("\n>\n".join(quote_sentence(lesson, sid) for sid in q.evidence))
    return "\n\n".join(parts)


def hint_text(q: Question, used: int) -> str:
    return f"**Hint {used} of {len(q.hints)}:** {q.hints[used - 1]}"


# -- 5. summary -----------------------------------------------------------------
def summary_text(summary: Summary, missed: int, tip: str | None, assigned: bool = False, reveal: bool = True) -> str:
    """The end of the quiz. ``assigned``: the learner did the rounds a class was assigned (the score is over
    those); ``reveal``: the whole lesson is done, so the reveal can be offered without giving answers away."""
    done = "You've done every round your teacher assigned: your assignment is done." if assigned else \
        "You've finished the quiz."
    parts = [f"**{done}** Your score: {summary.score:g} of {summary.max} ({summary.percent}%)."]
    parts.append("By skill:\n\n" + "\n".join(
        f"- {c.label}: {c.score:g} of {c.max} ({c.percent}%)" for c in summary.categories
    ))
    weakest = summary.weakest
    if weakest and weakest.percent < 100:
        parts.append(f"The skill to practise most: **{weakest.label}**." + (f" {tip}" if tip else ""))
    else:
        parts.append("Every skill at full marks. Well read!")
    offers = ["see **the reveal** (every sentence of the article, labelled)"] if reveal else []
    if missed:
        offers.append(f"**retry** the {missed} question{'s' if missed != 1 else ''} you missed (practice, your score "
                      "stays)")
    offers.append("**restart** with a new attempt")
    parts.append("You can " + (", ".join(offers[:-1]) + " or " if len(offers) > 1 else "") + offers[-1] + ".")
    return "\n\n".join(parts)


def progress_text(summary: Summary, where: str) -> str:
    parts = [f"{where} You've answered {summary.answered} of {summary.questions} questions: "
             f"{summary.score:g} of {summary.max} points so far."]
    answered = [c for c in summary.categories if c.answered]
    if answered:
        parts.append("\n".join(f"- {c.label}: {c.score:g} of {c.max} ({c.answered} of {c.questions} answered)"
                               for c in answered))
    return "\n\n".join(parts)


def reveal_texts(lesson: Lesson, sections: list[Section]) -> list[str]:
    texts = ["**The reveal.** Here is every sentence of the article with what a careful reader notices."]
    for section in sections:
        title = md_escape(section.heading) if section.heading else "The headline"
        lines = [f"**{title}**"]
        for s in section.sentences:
            entry = lesson.ledger.get(s.id)
            if entry is None:
                continue
            labels = ", ".join(LEDGER_LABELS[label] for label in entry.labels)
            line = f"- `{s.id}` “{md_escape(s.text)}” **{labels}.** {md_escape(entry.note)}"
            if entry.contradicts:
                line += f" Cannot be true together with {sentence_list(lesson, entry.contradicts)}."
            if entry.tension_with:
                line += f" Sits oddly with {sentence_list(lesson, entry.tension_with)}."
            if entry.lateral:
                line += f" *Lateral-reading note (from outside the article):* {md_escape(entry.lateral)}"
            lines.append(line)
        texts.append("\n".join(lines))
    return texts


# -- help (the full help is written by phases/common.py from what the phase understands) -----------------
HELP_BY_KIND = {
    "next": "Say **next** (or “ok”, “ready”) to carry on, or **quiz** to go straight to the quiz.",
    "choice": "Answer with a letter or number (“b”, “2”, “option B”, “I think it's B”) or the option's words, "
              "even with typos.",
    "verdict": "Answer in your own words: “stated”, “yes”, “not stated”, “it doesn't say”, “supported”, "
               "“unsupported”, “no evidence” or “contradicted”; or with a letter (“b”).",
    "multi": "Answer with every letter that fits (“a and c”, “1, 3”), or the options' words, or tick them and send.",
    "sentences": "Name sentences by number (“s14”, “sentence 14”), by quoting a few words, or by paraphrase "
                 "(“the part about the drone”), or select them in the article and send.",
    "text": "Write your answer in a sentence or two.",
    "think": "Name a sentence (“s5”, “the bit about Congo”), write what you think, or say **next**.",
    "confirm": "Say **yes** or **no**.",
    "end": "Say **reveal** to see every sentence labelled, **retry** to practise the questions you missed, or "
           "**restart** for a new attempt.",
}


def help_key(kind: str, scale: str | None) -> str:
    """Which HELP_BY_KIND entry fits what the tutor is waiting for."""
    return "verdict" if kind == "choice" and scale else kind
