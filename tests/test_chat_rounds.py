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


def test_with_an_assignment_of_some_rounds_the_chat_asks_only_those_and_says_when_it_is_done(lesson):
    from closeread.learner.rounds import ASSIGNMENT_DONE
    from closeread.tutor.turns import Progress

    chat = chat_for(lesson)
    chat.progress = Progress(rounds=["says"])
    chat = chat.to_quiz()
    first = lesson.rounds[0]
    assert "7 questions of the round your teacher assigned" in chat.text
    assert "**Round 1 (assigned round 1 of 1): What the article says**" in chat.text
    for qid in first.question_ids:
        assert chat.state["question"] == qid
        chat.say(typed_key(lesson.quiz.by_id[qid]))
    texts = [m.text for m in chat.turn.messages]
    done = next(i for i, t in enumerate(texts) if t.startswith("**Round 1 (assigned round 1 of 1) done: What the "
                                                               "article says.**"))
    assert texts[done + 1] == ASSIGNMENT_DONE
    assert chat.state["phase"] == "end" and chat.state["question"] is None  # round 2 is never asked
    assert "**You've done every round your teacher assigned: your assignment is done.**" in chat.text
    assert "the reveal" not in chat.text and "Show the reveal" not in chat.replies
    chat.say("show the reveal")
    assert "give away the rounds your teacher has not assigned yet" in chat.text
    chat.say("score")
    assert "You've answered 7 of 7 questions" in chat.text
