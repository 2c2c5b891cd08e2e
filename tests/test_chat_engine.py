"""The conversation engine, without Flask: every state transition and every question type through the chat.

The ``Chat`` driver applies the engine's effects to a Progress the way the web
layer applies them to the database, so answers given "in the form view" can be
simulated by writing to ``progress`` directly.
"""

import copy
import json

import pytest

from closeread.content.loader import ContentError, load_content
from closeread.content.model import LEDGER_LABELS
from closeread.content.tutor import StopThink, default_content
from closeread.questions.results import summarise
from closeread.tutor.engine import Input, Progress, Tutor
from closeread.tutor.intents import LETTERS
from tests.helpers import FIXTURES, ROOT, asked_before, asked_order

VERDICT_WORDS = {"stated": "it says so", "not-stated": "it doesn't say", "supported": "it's backed up",
                 "unsupported": "no evidence", "contradicted": "contradicted"}


@pytest.fixture(scope="module")
def mini():
    return load_content(FIXTURES / "mini")["mini"]


def typed_key(q) -> str:
    """What a learner could type to give the key answer."""
    letters = [o.id for o in q.options]
    if q.type == "choice":
        return f"I think it's {LETTERS[letters.index(q.key)].upper()}"
    if q.type == "verdict":
        return VERDICT_WORDS[q.key]
    if q.type == "multi":
        return " and ".join(LETTERS[letters.index(k)] for k in q.key)
    if q.type == "cite":
        return ", ".join(q.key)
    if q.type == "pair":
        return " and ".join(sorted(q.key[0]))
    return q.model_answer  # a list of rubric words is no longer an answer (closeread/questions/prescore.py)


def wrong_typed(q) -> str:
    letters = [o.id for o in q.options]
    if q.type in ("choice", "verdict"):
        wrong = next(o.id for o in q.options if o.id != q.key)
        return LETTERS[letters.index(wrong)]
    if q.type == "multi":
        return next(LETTERS[i] for i, o in enumerate(q.options) if o.id not in q.key)
    if q.type in ("cite", "pair"):
        outside = [s.id for s in reversed(q_lesson(q).article.sentences) if s.id not in q.key_sentences]
        return " and ".join(outside[:2] if q.type == "pair" else outside[:1])
    return "I am really not sure what to say about it."


_LESSON_OF = {}


def q_lesson(q):
    return _LESSON_OF[q.id]


class Chat:
    """Drives the engine like the web layer does, keeping the progress the database would keep."""

    def __init__(self, lesson, content=None, progress=None):
        for q in lesson.quiz.questions:
            _LESSON_OF[q.id] = lesson
        self.lesson = lesson
        self.tutor = Tutor(lesson, content or default_content(lesson))
        self.progress = progress or Progress()
        self.effects = []
        self._take(self.tutor.start(self.progress))

    def _take(self, turn):
        json.dumps(turn.state)  # the state must survive the database
        self.state = turn.state
        self.turn = turn
        self.effects = turn.effects
        for e in turn.effects:
            if e.kind == "answer":
                self.progress.answered[e.question_id] = {"score": e.grade.score, "max": e.grade.max,
                                                         "response": e.answer}
            elif e.kind == "hint":
                self.progress.hints[e.question_id] = self.progress.hints.get(e.question_id, 0) + 1
        return turn

    def say(self, text="", sentences=(), options=()):
        return self._take(self.tutor.respond(self.state, Input(text, tuple(sentences), tuple(options)),
                                             self.progress))

    @property
    def text(self) -> str:
        return "\n\n".join(m.text for m in self.turn.messages)

    @property
    def replies(self) -> list[str]:
        return [q["label"] for q in self.turn.messages[-1].quick_replies]

    def effect_kinds(self):
        return [e.kind for e in self.effects]

    def to_quiz(self):
        self.say("go to the quiz")
        assert self.state["phase"] == "quiz"
        return self


# -- 1. greeting -------------------------------------------------------------------------------------
def test_start_greets_explains_and_offers_the_lesson_or_the_quiz(mini):
    chat = Chat(mini)
    assert chat.state["phase"] == "greeting"
    assert mini.title in chat.text and "help" in chat.text
    assert chat.replies == ["Start the lesson", "Go to the quiz"]
    assert chat.effects == []


def test_start_mentions_answers_already_given_in_the_form_view(mini):
    q = mini.quiz.questions[0]
    chat = Chat(mini, progress=Progress({q.id: {"score": 1, "max": 1, "response": q.key}}))
    assert f"already answered 1 of {len(mini.quiz.questions)}" in chat.text


def test_greeting_next_starts_skill_one_with_its_check(mini):
    chat = Chat(mini)
    chat.say("let's go")
    assert (chat.state["phase"], chat.state["index"], chat.state["awaiting"]) == ("skill", 0, "check")
    assert "Skill 1 of 3" in chat.text and "**Check:**" in chat.text
    check = chat.tutor.content.skills[0].check
    assert chat.turn.messages[-1].highlight == [check.quote_id]
    assert mini.article.by_id[check.quote_id].text in chat.text


def test_greeting_quiz_goes_straight_to_question_one(mini):
    chat = Chat(mini)
    chat.say("Go to the quiz")
    q = mini.quiz.questions[0]
    assert chat.state["question"] == q.id
    assert f"Question 1 of {len(mini.quiz.questions)}" in chat.text
    assert [(e.kind, e.question_id) for e in chat.effects] == [("seen", q.id)]


def test_greeting_no_waits_and_skip_asks_what_to_skip(mini):
    chat = Chat(mini)
    chat.say("no thanks")
    assert chat.state["phase"] == "greeting" and "ready" in chat.text
    chat.say("skip")
    assert chat.state["pending"]["kind"] == "clarify"
    assert chat.replies == ["Start the lesson", "Go to the quiz"]
    chat.say("2")
    assert chat.state["phase"] == "quiz" and chat.state["pending"] is None


# -- 2. skills ------------------------------------------------------------------------------------------
def test_skill_check_right_answer_gets_feedback_and_the_next_skill(mini):
    chat = Chat(mini)
    chat.say("start")
    check = chat.tutor.content.skills[0].check
    chat.say(LETTERS[[o.id for o in check.options].index(check.key)])
    assert chat.turn.messages[0].tone == "right" and chat.text.startswith("**Right.**")
    assert (chat.state["phase"], chat.state["index"]) == ("skill", 1)
    assert chat.effects == []  # practice: nothing is recorded


def test_skill_check_wrong_answer_shows_the_right_one(mini):
    chat = Chat(mini)
    chat.say("start")
    check = chat.tutor.content.skills[0].check
    wrong = next(o for o in check.options if o.id != check.key)
    chat.say(wrong.text)
    key = check.option_by_id[check.key]
    assert chat.turn.messages[0].tone == "wrong"
    assert "Not quite" in chat.text and key.text in chat.text
    assert chat.state["index"] == 1


def test_skill_check_skip_hint_and_dont_know(mini):
    chat = Chat(mini)
    chat.say("start")
    chat.say("hint")
    assert chat.text.startswith("**Hint:**") and chat.state["index"] == 0
    chat.say("I don't know")
    assert "hint" in chat.text.lower() and chat.replies == ["Hint", "Skip"]
    chat.say("skip")
    check = chat.tutor.content.skills[0].check
    assert "The answer is" in chat.text and check.option_by_id[check.key].text in chat.text
    assert chat.state["index"] == 1


def test_a_skill_without_a_check_waits_for_next(mini):
    content = default_content(mini)
    content.skills[1].check = None
    chat = Chat(mini, content)
    chat.say("start")
    chat.say("skip")  # skill 1's check
    assert (chat.state["index"], chat.state["awaiting"]) == (1, "next")
    assert "Say **next**" in chat.text and chat.replies == ["Next"]
    chat.say("ok")
    assert (chat.state["index"], chat.state["awaiting"]) == (2, "check")


def test_after_the_last_skill_the_reading_starts(mini):
    chat = Chat(mini)
    chat.say("start")
    for _ in chat.tutor.content.skills:
        chat.say("skip")
    assert (chat.state["phase"], chat.state["index"]) == ("reading", 0)
    first = chat.tutor.sections[0]
    assert first.sentences[0].text in chat.text and "Stop and think" in chat.text
    assert chat.turn.messages[-1].select["kind"] == "sentences"


# -- 3. reading -------------------------------------------------------------------------------------------
def reading(lesson, content=None):
    chat = Chat(lesson, content)
    chat.say("start")
    for _ in chat.tutor.content.skills:
        chat.say("skip")
    return chat


def test_reading_a_named_sentence_compared_with_what_to_look_for(mini):
    content = default_content(mini)
    section = [s for s in mini.article.sections if s.sentences][1]
    look = section.sentences[-1].id
    content.think[section.number] = StopThink(section.number, "Which one?", 'Look: "The mayor said the bridge".',
                                              [look], "A hint.")
    chat = reading(mini, content)
    chat.say("next")  # the headline part: default prompt
    assert chat.state["index"] == 1 and "Which one?" in chat.text
    chat.say("hint")
    assert "A hint." in chat.text and chat.state["index"] == 1
    chat.say(section.sentences[0].id)
    assert f"I'd look at `{look}`" in chat.text and "The mayor said the bridge" in chat.text
    assert set(chat.turn.messages[0].highlight) == {section.sentences[0].id, look}
    assert chat.state["index"] == 2


def test_reading_picking_the_expected_sentence_is_confirmed(mini):
    content = default_content(mini)
    section = [s for s in mini.article.sections if s.sentences][0]
    sid = section.sentences[0].id
    content.think[section.number] = StopThink(section.number, "Which?", 'Yes "we explain Why".', [sid])
    chat = reading(mini, content)
    chat.say("the headline")
    assert f"Yes: `{sid}` is the one I'd pick too." in chat.text


def test_reading_free_text_and_next_move_on_and_the_last_part_starts_the_quiz(mini):
    chat = reading(mini)
    parts = len(chat.tutor.sections)
    chat.say("I'd want to know who says the title")
    assert chat.text.startswith("Thanks for thinking it through")
    for _ in range(parts - 2):
        chat.say("next")
    assert chat.state["phase"] == "reading"
    chat.say("next")
    assert chat.state["phase"] == "quiz" and "**The quiz.**" in chat.text
    assert chat.state["question"] == mini.quiz.questions[0].id


# -- 4. the quiz: every question type through the chat ---------------------------------------------------------
@pytest.mark.parametrize("qtype", ["choice", "multi", "verdict", "cite", "pair", "explain"])
def test_each_question_type_answered_by_typing(mini, qtype):
    q = next(x for x in mini.quiz.questions if x.type == qtype)
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    assert chat.state["question"] == q.id
    chat.say(typed_key(q))
    answers = [e for e in chat.effects if e.kind == "answer"]
    assert len(answers) == 1 and answers[0].question_id == q.id
    assert answers[0].grade.score == q.points
    feedback = chat.turn.messages[0]
    assert feedback.tone == "right" and "Say **why**" in feedback.text
    for sid in q.evidence:  # feedback quotes the article: the evidence sentences, in full
        assert mini.article.by_id[sid].text in feedback.text
        assert sid in feedback.highlight
    if q.type == "explain":
        assert answers[0].answer == typed_key(q) and "A model answer" in feedback.text


@pytest.mark.parametrize("qtype", ["choice", "multi", "verdict", "cite", "pair", "explain"])
def test_each_question_type_answered_wrongly_shows_the_answer(mini, qtype):
    q = next(x for x in mini.quiz.questions if x.type == qtype)
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    chat.say(wrong_typed(q))
    answer = next(e for e in chat.effects if e.kind == "answer")
    assert answer.grade.score < q.points
    feedback = chat.turn.messages[0].text
    if q.type != "explain":
        assert "The answer:" in feedback and chat.turn.messages[0].tone == "wrong"
    for f in answer.grade.feedback:  # the content's own feedback, which quotes the article
        assert f.text in feedback


def test_explain_feedback_is_provisional_and_names_the_points_covered_and_not(mini):
    q = next(x for x in mini.quiz.questions if x.type == "explain")
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    chat.say("The bridge closed on Monday, it says.")
    feedback = chat.turn.messages[0]
    assert feedback.text.startswith("**Provisional: your teacher will check.** Provisional score 1 of 2")
    assert "- ✓ Covered: Names the closure\n- ✗ Not yet covered: Names the reopening" in feedback.text
    assert feedback.tone == "partial"


def test_explain_feedback_in_the_chat_explains_a_flag(mini):
    q = next(x for x in mini.quiz.questions if x.type == "explain")
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    chat.say("closed; reopened; closure")
    text = chat.turn.messages[0].text
    assert "Provisional score 0 of 2" in text and "Your answer is a list of words." in text


def test_answers_by_selecting_sentences_and_ticking_options(mini):
    chat = Chat(mini).to_quiz()
    for q in asked_order(mini):
        assert chat.state["question"] == q.id
        status = chat.tutor.status(chat.state, chat.progress)
        if q.type in ("cite", "pair"):
            assert status["select"]["kind"] == "sentences"
            assert status["select"]["min"] == (2 if q.type == "pair" else 1)
            picks = sorted(q.key[0]) if q.type == "pair" else list(q.key)
            chat.say(sentences=picks)
        elif q.type == "multi":
            assert [o["id"] for o in status["select"]["options"]] == [o.id for o in q.options]
            chat.say(options=list(q.key))
        elif q.type in ("choice", "verdict"):
            assert status["select"] is None and len(status["quick_replies"]) >= len(q.options)
            chat.say(status["quick_replies"][[o.id for o in q.options].index(q.key)]["value"])
        else:
            chat.say(typed_key(q))
        assert chat.progress.answered[q.id]["score"] == q.points, q.id
    assert chat.state["phase"] == "end"


def test_a_pair_can_be_given_one_sentence_at_a_time(mini):
    q = next(x for x in mini.quiz.questions if x.type == "pair")
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    first, second = sorted(q.key[0])
    chat.say(first)
    assert "Which is the other sentence?" in chat.text and chat.state["picked"] == [first]
    assert chat.tutor.status(chat.state, chat.progress)["select"]["picked"] == [first]
    chat.say(mini.article.by_id[second].text[:30])
    assert chat.progress.answered[q.id]["score"] == q.points
    assert chat.state["picked"] == []


def test_a_pair_with_three_sentences_asks_for_exactly_two(mini):
    q = next(x for x in mini.quiz.questions if x.type == "pair")
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    chat.say("s1, s2 and s3")
    assert "Pick exactly two" in chat.text and q.id not in chat.progress.answered


def test_hints_are_effects_counted_by_the_progress_and_run_out(mini):
    chat = Chat(mini).to_quiz()
    q = mini.quiz.questions[0]
    for n in range(1, len(q.hints) + 1):
        chat.say("can I have a hint")
        assert f"Hint {n} of {len(q.hints)}" in chat.text and q.hints[n - 1] in chat.text
        assert [(e.kind, e.question_id) for e in chat.effects] == [("hint", q.id)]
    chat.say("hint")
    assert "no more hints" in chat.text and chat.effects == []
    assert chat.progress.hints[q.id] == len(q.hints)


def test_skip_defers_a_question_until_the_rest_of_its_round_is_done(mini):
    chat = Chat(mini).to_quiz()
    first, second, *rest = asked_order(mini)
    assert mini.rounds[0].question_ids == (first.id, second.id)  # the mini lesson's round 1
    chat.say("skip")
    assert f"come back to question {first.number}" in chat.text
    assert chat.state["question"] == second.id and chat.state["deferred"] == [first.id]
    chat.say(typed_key(second))
    # The skipped question comes back before the next round starts.
    assert chat.state["question"] == first.id and chat.state["deferred"] == []
    chat.say(typed_key(first))
    *middle, last = rest
    for q in middle:
        assert chat.state["question"] == q.id
        chat.say(typed_key(q))
    assert chat.state["question"] == last.id
    chat.say("skip")
    assert "last question left" in chat.text and chat.state["question"] == last.id
    chat.say(typed_key(last))
    assert chat.state["phase"] == "end"


def test_move_on_just_after_feedback_stays_on_the_question_already_shown_and_skips_after_a_hint(mini):
    chat = Chat(mini).to_quiz()
    first, second, *_ = asked_order(mini)
    chat.say(typed_key(first))
    assert chat.state["question"] == second.id
    chat.say("ok move on")  # the next question is already shown: nothing is skipped
    assert f"on question {second.number} now" in chat.text
    assert chat.state["question"] == second.id and chat.state["deferred"] == []
    chat.say("hint")
    chat.say("move on")  # stuck on it after a hint: now it is a skip
    assert f"come back to question {second.number}" in chat.text


def test_skip_just_after_feedback_still_skips(mini):
    chat = Chat(mini).to_quiz()
    first, second, *_ = asked_order(mini)
    chat.say(typed_key(first))
    chat.say("skip it")
    assert f"come back to question {second.number}" in chat.text


def test_why_explains_the_last_answer_only_after_answering(mini):
    chat = Chat(mini).to_quiz()
    chat.say("why?")
    assert "Answer first" in chat.text
    q = mini.quiz.questions[0]
    chat.say(typed_key(q))
    assert "Why?" in chat.replies
    chat.say("why")
    assert f"Why, for question {q.number}" in chat.text and q.explanation in chat.text
    assert chat.turn.messages[0].highlight == q.evidence
    assert chat.state["question"] == asked_order(mini)[1].id  # still on the next question


def test_next_and_dont_know_during_a_question_never_skip_it(mini):
    chat = Chat(mini).to_quiz()
    q = mini.quiz.questions[0]
    chat.say("next")
    assert "We're on question 1" in chat.text and chat.state["question"] == q.id
    chat.say("no idea")
    assert "Would a hint help?" in chat.text and chat.replies == ["Hint", "Skip"]
    assert chat.state["question"] == q.id and not chat.progress.answered


def test_an_ambiguous_answer_is_asked_about_never_guessed(mini):
    q = next(x for x in mini.quiz.questions if x.type == "verdict" and x.scale == "statement")
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    chat.say("no")
    assert "Which did you mean?" in chat.text and chat.effects == []
    assert [c[2] for c in chat.state["pending"]["candidates"]] == ["not-stated", "contradicted"]
    assert chat.tutor.status(chat.state, chat.progress)["select"] is None
    chat.say("1")
    answer = next(e for e in chat.effects if e.kind == "answer")
    assert answer.answer == "not-stated" and chat.state["pending"] is None


def test_a_different_reply_to_a_clarifying_question_drops_it(mini):
    q = next(x for x in mini.quiz.questions if x.type == "verdict")
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in asked_before(mini, q)}
    chat = Chat(mini, progress=Progress(done)).to_quiz()
    chat.say("false")
    chat.say("hint")
    assert chat.state["pending"] is None and "Hint 1" in chat.text and q.id not in chat.progress.answered


def test_unknown_input_gets_a_helpful_reply_and_changes_nothing(mini):
    chat = Chat(mini).to_quiz()
    before = copy.deepcopy(chat.state)
    chat.say("purple monkey dishwasher")
    assert "didn't understand “purple monkey dishwasher”" in chat.text
    assert "letter or number" in chat.text and "help" in chat.text
    assert chat.state == before and chat.effects == []


def test_invalid_input_says_why(mini):
    chat = Chat(mini).to_quiz()
    chat.say("z")
    assert "There is no option Z" in chat.text and not chat.progress.answered


def test_learner_text_is_escaped_when_echoed(mini):
    chat = Chat(mini).to_quiz()
    chat.say("<b>*bold*</b>")
    assert "\\<b\\>\\*bold\\*\\</b\\>" in chat.text


# -- global commands ---------------------------------------------------------------------------------------------
def test_repeat_says_the_current_prompt_again_in_every_phase(mini):
    chat = Chat(mini)
    chat.say("repeat")
    assert chat.state["phase"] == "greeting" and "How this works" in chat.text
    chat.say("start")
    chat.say("say that again")
    assert "**Check:**" in chat.text and chat.state["index"] == 0
    chat = reading(mini)
    chat.say("repeat")
    assert "Stop and think" in chat.text and chat.state["index"] == 0
    chat = Chat(mini).to_quiz()
    chat.say("what was the question")
    assert "Question 1 of" in chat.text and chat.effects == []


def test_article_outline_and_sections(mini):
    chat = Chat(mini).to_quiz()
    chat.say("article")
    numbered = [s for s in mini.article.sections if s.number]
    assert all(s.heading in chat.text for s in numbered)
    assert [r["value"] for r in chat.turn.messages[-1].quick_replies][:len(numbered)] == \
        [f"show section {s.number}" for s in numbered]
    chat.say("show section 2")
    section = numbered[1]
    assert all(s.text in chat.text for s in section.sentences)
    assert chat.turn.messages[0].focus == section.sentences[0].id
    assert chat.state["question"] == mini.quiz.questions[0].id
    chat.say("section 9")
    assert "There is no section 9" in chat.text


def test_score_in_each_phase(mini):
    chat = Chat(mini)
    chat.say("score")
    assert "haven't started" in chat.text
    chat.to_quiz()
    chat.say(typed_key(mini.quiz.questions[0]))
    chat.say("how am I doing")
    q0 = mini.quiz.questions[0]
    assert f"answered 1 of {len(mini.quiz.questions)}" in chat.text
    assert f"{q0.points:g} of {mini.quiz.total_points} points" in chat.text
    assert f"You're on question {asked_order(mini)[1].number}" in chat.text


def test_restart_asks_first_then_starts_a_new_attempt(mini):
    chat = Chat(mini).to_quiz()
    chat.say("start over")
    assert "new attempt" in chat.text and chat.replies == ["Yes, start again", "No, carry on"]
    chat.say("No, carry on")
    assert "carry on" in chat.text and "Question 1" in chat.text and chat.effects == []
    chat.say("restart")
    chat.say("yes")
    assert chat.effect_kinds() == ["new_attempt"]


def test_help_lists_what_is_understood_here(mini):
    chat = Chat(mini).to_quiz()
    chat.say("help")
    for word in ("letter", "hint", "skip", "why", "repeat", "article", "score", "restart"):
        assert word in chat.text
    chat = Chat(mini)
    chat.say("what can I say")
    assert "**next**" in chat.text and "**hint**" not in chat.text


# -- resuming: answers given in the form view count --------------------------------------------------------------------
def test_resume_moves_on_when_the_open_question_was_answered_elsewhere(mini):
    chat = Chat(mini).to_quiz()
    q0, q1 = asked_order(mini)[:2]
    chat.progress.answered[q0.id] = {"score": 1, "max": q0.points, "response": q0.key}
    turn = chat.tutor.resume(chat.state, chat.progress)
    assert "answered in the other view" in turn.messages[0].text
    assert turn.state["question"] == q1.id and [e.kind for e in turn.effects] == ["seen"]
    assert chat.tutor.resume(turn.state, chat.progress).messages == []


def test_a_message_after_progress_elsewhere_is_read_against_the_new_question(mini):
    chat = Chat(mini).to_quiz()
    q0, q1, q2 = asked_order(mini)[:3]
    chat.progress.answered[q0.id] = {"score": 1, "max": q0.points, "response": q0.key}
    chat.say(typed_key(q1))
    assert q1.id in chat.progress.answered and chat.state["question"] == q2.id


def test_the_quiz_skips_questions_answered_in_the_form_view(mini):
    done = {q.id: {"score": q.points, "max": q.points, "response": q.key} for q in mini.quiz.questions[::2]}
    chat = Chat(mini, progress=Progress(dict(done)))
    chat.say("Go to the quiz")
    assert "Back to the quiz" in chat.text
    asked = []
    while chat.state["phase"] == "quiz":
        q = mini.quiz.by_id[chat.state["question"]]
        asked.append(q.id)
        chat.say(typed_key(q))
    assert asked == [q.id for q in asked_order(mini) if q.id not in done]


# -- 5. the end: summary, reveal, retry -------------------------------------------------------------------------------
def finish(lesson, wrong=()):
    chat = Chat(lesson).to_quiz()
    while chat.state["phase"] == "quiz":
        q = lesson.quiz.by_id[chat.state["question"]]
        chat.say(wrong_typed(q) if q.type in wrong else typed_key(q))
    return chat


def test_the_summary_gives_the_score_by_skill_and_the_weakest(mini):
    chat = finish(mini, wrong={"pair", "explain"})
    summary = summarise(mini, chat.progress.answered)
    assert chat.state["phase"] == "end"
    assert f"Your score: {summary.score:g} of {summary.max}" in chat.text
    for c in summary.categories:
        assert f"{c.label}: {c.score:g} of {c.max}" in chat.text
    assert f"practise most: **{summary.weakest.label}**" in chat.text
    assert chat.replies == ["Show the reveal", "Retry the missed questions", "Start a new attempt"]


def test_the_reveal_labels_every_sentence_and_only_after_the_quiz(mini):
    early = Chat(mini).to_quiz()
    early.say("reveal")
    assert "would give the answers away" in early.text
    chat = finish(mini)
    chat.say("Show the reveal")
    for s in mini.article.sentences:
        entry = mini.ledger[s.id]
        assert s.text in chat.text and entry.note in chat.text
        assert all(LEDGER_LABELS[label] in chat.text for label in entry.labels)


def test_retry_practises_the_missed_questions_without_recording(mini):
    chat = finish(mini, wrong={"choice", "cite"})
    missed = [q.id for q in mini.quiz.questions if q.type in ("choice", "cite")]
    recorded = copy.deepcopy(chat.progress.answered)
    chat.say("Retry the missed questions")
    assert chat.state["phase"] == "practice" and chat.state["question"] == missed[0]
    assert "Practice" in chat.text and "Hint" in chat.replies and "Skip" not in chat.replies
    chat.say("hint")
    assert "Hint 1" in chat.text and chat.effects == []
    for qid in missed:
        chat.say(typed_key(mini.quiz.by_id[qid]))
        assert "answer" not in chat.effect_kinds()
    assert f"Practice done:** {len(missed)} of {len(missed)} right" in chat.text
    assert chat.state["phase"] == "end" and chat.progress.answered == recorded


def test_retry_with_nothing_missed(mini):
    chat = finish(mini)
    chat.say("retry")
    assert "nothing to retry" in chat.text and chat.state["phase"] == "end"
    assert "Retry the missed questions" not in chat.replies


def test_a_saved_state_that_no_longer_fits_the_content_recovers(mini):
    chat = Chat(mini)
    chat.state.update(phase="reading", index=99)
    turn = chat.tutor.resume(chat.state, chat.progress)
    assert turn.state["phase"] == "quiz" and turn.state["question"] == mini.quiz.questions[0].id
    chat = finish(mini, wrong={"choice"})
    chat.state.update(phase="practice", question="gone", practice={"queue": ["gone"], "right": 0, "done": 0,
                                                                   "hints": 0})
    turn = chat.tutor.resume(chat.state, chat.progress)
    assert turn.state["phase"] == "end" and "finished the quiz" in turn.messages[-1].text


def test_the_engine_never_changes_the_state_it_is_given(mini):
    chat = Chat(mini).to_quiz()
    before = copy.deepcopy(chat.state)
    chat.tutor.respond(chat.state, Input(typed_key(mini.quiz.questions[0])), Progress())
    assert chat.state == before


# -- the real lesson, end to end (skipped only while its content is broken) ---------------------------------
@pytest.fixture(scope="module")
def real():
    try:
        lessons = load_content(ROOT)
    except ContentError as exc:  # pragma: no cover - content being edited
        pytest.skip(f"the real content does not load: {exc}")
    lesson = next(iter(lessons.values()))
    return lesson, lesson.tutor


def test_the_whole_real_lesson_by_chat(real):
    lesson, content = real
    assert content.from_file
    chat = Chat(lesson, content)
    chat.say("Start the lesson")
    for skill in content.skills:
        check = skill.check
        chat.say(check.option_by_id[check.key].text)
        assert chat.turn.messages[0].tone == "right", skill.category
    assert chat.state["phase"] == "reading"
    for section in chat.tutor.sections:
        think = content.stop_and_think(section.number)
        chat.say(think.look_for[0] if think.look_for else "I'm not sure yet what it promises")
        assert think.reply.split('"')[0] in chat.text
    assert chat.state["phase"] == "quiz"
    while chat.state["phase"] == "quiz":
        chat.say(typed_key(lesson.quiz.by_id[chat.state["question"]]))
    assert sum(r["score"] for r in chat.progress.answered.values()) == lesson.quiz.total_points
    assert f"Your score: {lesson.quiz.total_points} of {lesson.quiz.total_points} (100%)" in chat.text
