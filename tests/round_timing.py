"""How long a round takes a typical student: a scripted run plus reading time (README "Rounds").

For each round, the Flask test client opens the round's teaching, answers each question with its key
(opening the question, posting the answer, reading the feedback page) and opens the round's result;
the wall-clock time of that run is the server's and the client's share. To it comes the reading
time at 200 words a minute (the round's teaching and what to remember, its part of the article, and
each question with its options, explanation and one option's feedback: ``content.rounds.reading_words``)
and, for a written question, 3 minutes to write 3-5 sentences (60 words at 20 words a minute on a phone).

    .venv/bin/python -m tests.round_timing
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from closeread.content.rounds import WORDS_PER_MINUTE, reading_words
from tests.helpers import QuizDriver, key_answer, make_app

WRITING_MINUTES = 3.0


@dataclass
class RoundTime:
    number: int
    title: str
    questions: int
    words: int
    reading: float  # minutes
    writing: float  # minutes
    scripted: float  # seconds, server + client

    @property
    def total(self) -> float:
        return self.reading + self.writing + self.scripted / 60


def measure(tmp: Path) -> list[RoundTime]:
    app = make_app(tmp)
    client = app.test_client()
    lesson = app.extensions["closeread.lessons"]["germany-mali"]
    driver = QuizDriver(client, lesson)
    attempt = driver.start()
    out = []
    for rnd in lesson.rounds:
        started = time.perf_counter()
        assert client.get(f"/attempts/{attempt}/rounds/{rnd.id}").status_code == 200
        for qid in rnd.question_ids:
            q = lesson.quiz.by_id[qid]
            response = driver.answer(attempt, q, key_answer(q))
            assert client.get(response.headers["Location"]).status_code == 200
        assert client.get(f"/attempts/{attempt}/rounds/{rnd.id}/result").status_code == 200
        scripted = time.perf_counter() - started
        words = sum(reading_words(lesson, rnd).values())
        written = sum(lesson.quiz.by_id[qid].type == "explain" for qid in rnd.question_ids)
        out.append(RoundTime(rnd.number, rnd.title, len(rnd.question_ids), words, words / WORDS_PER_MINUTE,
                             written * WRITING_MINUTES, scripted))
    return out


def table(times: list[RoundTime]) -> str:
    lines = ["| Round | Questions | Words read | Reading (200 wpm) | Writing | Scripted run | Total |",
             "|---|---|---|---|---|---|---|"]
    for t in times:
        lines.append(f"| {t.number}. {t.title} | {t.questions} | {t.words} | {t.reading:.1f} min | "
                     f"{t.writing:.0f} min | {t.scripted:.2f} s | **{t.total:.1f} min** |")
    return "\n".join(lines)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(table(measure(Path(tmp))))
