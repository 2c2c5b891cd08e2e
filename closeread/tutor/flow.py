"""Moving through the lesson script: greeting, skills, reading parts, quiz questions, summary, practice.

Plain functions over a turn (:class:`.engine.Run`): each phase handler calls them to change phase, and
each says what the learner sees next. Which questions are done always comes from ``run.progress``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..learner import rounds
from . import script
from .state import Phase
from .turns import Effect

if TYPE_CHECKING:
    from ..content.model import Question
    from .engine import Run

SKILL_TIPS = {
    "states": "Before answering, find the exact words: does the article say it, or only report that someone said it?",
    "unsupported": "For each claim, look for something you could check: a name, a date, a document, a source.",
    "contradiction": "Before calling it a contradiction, try hard to make both sentences true.",
    "source": "Ask who is speaking, and whether you could look them up.",
}


def greet(run: Run) -> None:
    total = len(run.questions)
    run.say(script.greeting(run.t.lesson, run.t.content.greeting, len(run.progress.answered), total))


# -- skills ------------------------------------------------------------------------------------------------------
def enter_skill(run: Run, index: int) -> None:
    skills = run.t.content.skills
    if index >= len(skills):
        enter_reading(run, 0)
        return
    run.state.phase, run.state.index = Phase.SKILL, index
    run.state.awaiting = "check" if skills[index].check else "next"
    show_skill(run, with_teaching=True)


def show_skill(run: Run, with_teaching: bool) -> None:
    skills = run.t.content.skills
    skill = skills[run.state.index]
    parts = [script.skill_text(skill, run.state.index + 1, len(skills))] if with_teaching else []
    marks = []
    if skill.check:
        parts.append(script.check_text(run.t.lesson, skill))
        marks = [skill.check.quote_id] if skill.check.quote_id else []
    else:
        parts.append("Say **next** when you're ready.")
    run.say("\n\n".join(parts), highlight=marks)


def finish_skill(run: Run, picked: str | None) -> None:
    skill = run.t.content.skills[run.state.index]
    if skill.check and run.state.awaiting == "check":
        text, tone = script.check_feedback(run.t.lesson, skill, picked)
        marks = [skill.check.quote_id] if skill.check.quote_id else []
        run.say(text, tone=tone or None, highlight=marks)
    enter_skill(run, run.state.index + 1)


# -- reading -----------------------------------------------------------------------------------------------------
def enter_reading(run: Run, index: int) -> None:
    if index >= len(run.t.sections):
        enter_quiz(run)
        return
    run.state.phase, run.state.index, run.state.awaiting = Phase.READING, index, None
    if index == 0:
        run.say("**Now let's read the article**, part by part. After each part I'll ask you to stop and think. "
                "That's practice too; the quiz comes after.")
    show_section(run)


def show_section(run: Run) -> None:
    section = run.t.sections[run.state.index]
    think = run.t.content.stop_and_think(section.number)
    run.say(script.section_text(section, run.state.index + 1, len(run.t.sections)), focus=section.sentences[0].id)
    run.say(think.prompt)


# -- quiz --------------------------------------------------------------------------------------------------------
def enter_quiz(run: Run) -> None:
    s = run.state
    s.phase, s.index, s.awaiting, s.question, s.picked = Phase.QUIZ, 0, None, None, []
    left = [q for q in run.questions if not run.answered(q.id)]
    points = sum(q.points for q in run.questions)
    if len(left) == len(run.questions):
        n = len(run.rounds)
        mine = (" of the round" if n == 1 else f" of the {n} rounds") + " your teacher assigned" if run.assigned else ""
        run.say(f"**The quiz.** {len(run.questions)} questions{mine}, worth {points} points. This time "
                "your answers count, and the first answer to each question is the one that counts. Hints are "
                "free. Say **skip** to come back to a question later.")
    elif left:
        run.say(f"**Back to the quiz.** {len(left)} of {len(run.questions)} questions left.")
    ask_next(run, entering=True)


def next_question(run: Run) -> Question | None:
    """Round by round (``closeread/learner/rounds.py``); a skipped question waits until the end of its round."""
    deferred = [qid for qid in run.state.deferred if not run.answered(qid)]
    return rounds.next_question(run.t.lesson, run.rounds, run.progress.answered, deferred)


def ask_next(run: Run, answered_now: str | None = None, entering: bool = False) -> None:
    """Ask the next question; between rounds, say the round's result and introduce the next one."""
    q = next_question(run)
    if answered_now is not None or entering:
        for text in rounds.chat_between(run.t.lesson, run.rounds, run.progress.answered, answered_now, q,
                                        assigned=run.assigned):
            run.say(text)
    run.state.picked = []
    if q is None:
        run.state.question = None
        run.state.deferred = []
        enter_summary(run)
        return
    if q.id in run.state.deferred:
        run.state.deferred.remove(q.id)
    run.state.phase, run.state.question = Phase.QUIZ, q.id
    run.effects.append(Effect("seen", q.id))
    show_question(run, q)


def show_question(run: Run, q: Question) -> None:
    q = run.shown(q)
    practice = run.state.phase == Phase.PRACTICE
    text = script.question_text(q, len(run.t.questions), practice=practice)
    if run.state.picked:
        text += f"\n\nSo far you picked {script.sentence_list(run.t.lesson, run.state.picked)}."
    run.say(text, highlight=list(run.state.picked))


# -- the end: summary and practice ---------------------------------------------------------------------------------
def missed(run: Run) -> list[str]:
    answered = run.progress.answered
    return [q.id for q in run.questions if q.id in answered and answered[q.id]["score"] < answered[q.id]["max"]]


def enter_summary(run: Run) -> None:
    s = run.state
    s.phase, s.question, s.practice, s.picked, s.awaiting = Phase.END, None, None, [], None
    show_summary(run)


def show_summary(run: Run) -> None:
    summary = run.summary()
    if not summary.finished:
        run.say(script.progress_text(summary, "The quiz isn't finished yet."))
        return
    weakest = summary.weakest
    tip = SKILL_TIPS.get(weakest.category) if weakest else None
    run.say(script.summary_text(summary, len(missed(run)), tip, assigned=run.assigned,
                                reveal=run.lesson_finished()))


def practice_next(run: Run, skipped: bool = False) -> None:
    p = run.state.practice
    p["queue"].pop(0)
    p["done"] += 0 if skipped else 1
    p["hints"] = 0
    run.state.picked = []
    p["queue"] = [qid for qid in p["queue"] if qid in run.t.by_id]
    if p["queue"]:
        run.state.question = p["queue"][0]
        show_question(run, run.question)
        return
    run.say(f"**Practice done:** {p['right']} of {p['done']} right this time.")
    run.state.phase, run.state.question, run.state.practice = Phase.END, None, None
    run.say("What next? " + script.HELP_BY_KIND["end"])


def reconcile(run: Run) -> None:
    """Catch up with progress made in the form view (or another tab), and with content that changed."""
    s = run.state
    if s.phase == Phase.SKILL and s.index >= len(run.t.content.skills):
        enter_reading(run, 0)
    elif s.phase == Phase.READING and s.index >= len(run.t.sections):
        enter_quiz(run)
    elif s.phase == Phase.PRACTICE and run.question is None:
        enter_summary(run)
    if s.phase == Phase.QUIZ:
        q = run.question
        if q is None or run.answered(q.id):
            if q is not None:
                run.say(f"Question {q.number} has been answered in the other view, so let's move on.")
                s.last = q.id
            ask_next(run)
    elif s.phase == Phase.END and not run.summary().finished:
        run.say("Some questions are still open.")
        enter_quiz(run)
