"""The chat follows the lesson's rounds: round 1's teaching on entering the quiz, then after each
round's last answer its result (score, streak, what to remember) and the next round's teaching."""

import pytest

from closeread.content.loader import load_content
from closeread.questions.order import file_order
from closeread.tutor.engine import Tutor
from tests.helpers import ROOT, asked_order
from tests.test_chat_engine import Chat, typed_key, wrong_typed


@pytest.fixture(scope="module")
def lesson():
    return load_content(ROOT)["germany-mali"]


def chat_for(lesson):
    chat = Chat(lesson)
    chat.tutor = Tutor(lesson, lesson.tutor, order=file_order)  # letters by the quiz file's order
    return chat


def test_entering_the_quiz_teaches_round_one_first(lesson):
    chat = chat_for(lesson).to_quiz()
    texts = [m.text for m in chat.turn.messages]
    first = lesson.rounds[0]
    intro = next(i for i, t in enumerate(texts) if t.startswith("**Round 1 of 6: What the article says**"))
    assert first.teaching.strip() in texts[intro]
    assert chat.state["question"] == first.question_ids[0]
    assert intro < len(texts) - 1  # the teaching comes before the first question


def test_each_round_ends_with_its_result_and_the_next_round_begins(lesson):
    chat = chat_for(lesson).to_quiz()
    r1, r2 = lesson.rounds[:2]
    questions = [lesson.quiz.by_id[q] for q in r1.question_ids]
    for q in questions[:-1]:
        assert chat.state["question"] == q.id
        chat.say(typed_key(q))
        assert "Round 1 of 6 done" not in chat.text
    chat.say(wrong_typed(questions[-1]))
    texts = [m.text for m in chat.turn.messages]
    done = next(t for t in texts if t.startswith("**Round 1 of 6 done: What the article says.**"))
    assert f"Longest streak: {len(questions) - 1} right in a row." in done
    assert all(f"- {point}" in done for point in r1.remember)
    assert texts.index(done) < next(i for i, t in enumerate(texts) if t.startswith("**Round 2 of 6: Who says so"))
    assert chat.state["question"] == r2.question_ids[0]
    assert [q.id for q in asked_order(lesson)][len(questions)] == r2.question_ids[0]
