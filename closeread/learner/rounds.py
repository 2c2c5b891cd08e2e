"""Where a learner is in the rounds: progress per round, the next question, streaks, round results.

Pure functions over the lesson and an attempt's answers (``{question id: response row}`` in the
order they were given, as ``store.responses_for`` and the chat's ``Progress.answered`` hold them).
The form quiz, the lesson page and the chat engine all ask this module, so a learner can move
between them, stop after any round and resume on another device: nothing here is stored.
No Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..content.model import Lesson, Question, Round
from ..content.rounds import round_of, round_questions


def _right(row: Mapping) -> bool:
    if "correct" in row and row["correct"] is not None:
        return bool(row["correct"])
    return row["score"] >= row["max"]


def _provisional(row: Mapping) -> bool:
    """A written answer waiting for the teacher neither extends nor breaks a streak."""
    return bool(row.get("needs_review"))


@dataclass(frozen=True)
class Streak:
    current: int  # right answers in a row at the end of the round so far
    best: int  # the longest run of right answers in the round


def streak(rnd: Round, answered: Mapping[str, Mapping]) -> Streak:
    """Right answers in a row within one round, in the order they were given."""
    current = best = 0
    mine = set(rnd.question_ids)
    for qid, row in answered.items():
        if qid not in mine or _provisional(row):
            continue
        current = current + 1 if _right(row) else 0
        best = max(best, current)
    return Streak(current, best)


@dataclass(frozen=True)
class RoundProgress:
    round: Round
    questions: int
    answered: int
    score: float
    max: int
    streak: Streak

    @property
    def done(self) -> bool:
        return self.answered >= self.questions

    @property
    def started(self) -> bool:
        return self.answered > 0

    @property
    def state(self) -> str:
        """"done", "started" or "new": for the round map."""
        return "done" if self.done else ("started" if self.started else "new")


def round_progress(lesson: Lesson, rnd: Round, answered: Mapping[str, Mapping]) -> RoundProgress:
    qs = round_questions(lesson, rnd)
    rows = [answered[q.id] for q in qs if q.id in answered]
    return RoundProgress(
        round=rnd,
        questions=len(qs),
        answered=len(rows),
        score=sum(r["score"] for r in rows),
        max=sum(q.points for q in qs),
        streak=streak(rnd, answered),
    )


def progress(lesson: Lesson, rounds: Iterable[Round], answered: Mapping[str, Mapping]) -> list[RoundProgress]:
    return [round_progress(lesson, r, answered) for r in rounds]


def all_done(lesson: Lesson, rounds: Iterable[Round], answered: Mapping[str, Mapping]) -> bool:
    return all(p.done for p in progress(lesson, rounds, answered))


def current_round(lesson: Lesson, rounds: list[Round], answered: Mapping[str, Mapping]) -> Round | None:
    """The first round with a question left, or None when every round is done."""
    for p in progress(lesson, rounds, answered):
        if not p.done:
            return p.round
    return None


def next_question(
    lesson: Lesson, rounds: list[Round], answered: Mapping[str, Mapping], later: Iterable[str] = ()
) -> Question | None:
    """The next question to ask: the first unanswered one in round order.

    ``later`` holds questions the learner skipped: they come after the other questions of their own
    round, so a skip never carries a learner into the next round with work left behind.
    """
    deferred = list(later)
    for rnd in rounds:
        left = [q for q in round_questions(lesson, rnd) if q.id not in answered]
        if left:
            main = [q for q in left if q.id not in deferred]
            if main:
                return main[0]
            return min(left, key=lambda q: deferred.index(q.id))
    return None


def next_in_round(
    lesson: Lesson, rnd: Round, answered: Mapping[str, Mapping], after: str | None = None
) -> Question | None:
    """The next unanswered question of one round, looking first after the question ``after``."""
    qs = round_questions(lesson, rnd)
    start = next((i + 1 for i, q in enumerate(qs) if q.id == after), 0)
    for q in qs[start:] + qs[:start]:
        if q.id not in answered:
            return q
    return None


def finished_by(lesson: Lesson, rounds: list[Round], answered: Mapping[str, Mapping], qid: str) -> Round | None:
    """The round that answering ``qid`` completed, if it did (its last open question was ``qid``)."""
    for rnd in rounds:
        if qid in rnd.question_ids:
            return rnd if round_progress(lesson, rnd, answered).done else None
    return None


def position(rnd: Round, qid: str) -> int:
    """1-based position of a question in its round (0 when it is not in it)."""
    return rnd.question_ids.index(qid) + 1 if qid in rnd.question_ids else 0


def round_label(rnd: Round, rounds: list[Round], assigned: bool = False) -> str:
    """How a round is named to the learner: "Round 3 of 6", or, when a class was assigned some rounds,
    "Round 3 (assigned round 1 of 2)". The lesson's numbering always, as on the teacher's pages, so what
    a teacher says ("rounds 3 and 4 today") is what the student reads."""
    if not assigned:
        return f"Round {rnd.number} of {len(rounds)}"
    place = rounds.index(rnd) + 1 if rnd in rounds else 0
    return f"Round {rnd.number} (assigned round {place} of {len(rounds)})"


# -- the chat's words for the rounds (the form quiz has pages for them) ------------------------------------
ASSIGNMENT_DONE = "That was the last round your teacher assigned: **your assignment is done.**"


def round_intro_text(rnd: Round, label: str) -> str:
    """Markdown for the chat: the round's title and its short teaching (``label`` from :func:`round_label`)."""
    return f"**{label}: {rnd.title}**\n\n{rnd.teaching.strip()}"


def round_result_text(lesson: Lesson, rnd: Round, answered: Mapping[str, Mapping], label: str) -> str:
    """Markdown for the chat: the round's score, best streak and what to remember."""
    p = round_progress(lesson, rnd, answered)
    lines = [f"**{label} done: {rnd.title}.** You scored {p.score:g} of {p.max}."]
    if p.streak.best >= 2:
        lines.append(f"Longest streak: {p.streak.best} right in a row.")
    lines.append("**To remember:**\n\n" + "\n".join(f"- {point}" for point in rnd.remember))
    return "\n\n".join(lines)


def chat_between(
    lesson: Lesson, rounds: list[Round], answered: Mapping[str, Mapping], answered_now: str | None,
    upcoming: Question | None, assigned: bool = False,
) -> list[str]:
    """What the chat says between questions: the result of the round ``answered_now`` finished, and the
    teaching of a round about to start. With ``answered_now`` None (entering the quiz) only the teaching.
    ``assigned``: the rounds are those a class was assigned; finishing the last of them says so."""
    out: list[str] = []
    if answered_now is not None:
        done = finished_by(lesson, rounds, answered, answered_now)
        if done is None:
            return out
        out.append(round_result_text(lesson, done, answered, round_label(done, rounds, assigned)))
        if assigned and all_done(lesson, rounds, answered):
            out.append(ASSIGNMENT_DONE)
    rnd = round_of(lesson, upcoming.id) if upcoming is not None else None
    if rnd is not None and not round_progress(lesson, rnd, answered).started:
        out.append(round_intro_text(rnd, round_label(rnd, rounds, assigned)))
    return out
