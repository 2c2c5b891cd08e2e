"""The engine's design as a caller sees it: one handler per phase, a State that reads every stored version,
typed intents, help that lists exactly what the phase understands, and answers that stay final."""

from pathlib import Path

import pytest

from closeread.tutor.engine import STATE_VERSION, Progress, State, Tutor
from closeread.tutor.intents import Intent, IntentKind
from closeread.tutor.phases import COMMON, PHASES
from closeread.tutor.phases.base import COMMAND_HELP
from closeread.tutor.state import Phase
from tests.test_chat_engine import Chat, mini  # noqa: F401 - the fixture is used by name
from tests.test_chat_understanding import at

# A state as version 1 stored it (before the State dataclass): a quiz question open, no "v", no "highlight".
V1_QUIZ = {"phase": "quiz", "index": 0, "awaiting": None, "question": None, "deferred": [], "last": None,
           "picked": [], "pending": None, "practice": None}


def test_a_conversation_saved_by_version_1_resumes(mini):  # noqa: F811
    q = mini.quiz.questions[0]
    state = dict(V1_QUIZ, question=q.id)
    turn = Tutor(mini, Chat(mini).tutor.content).respond(state, _input("hint"), Progress())
    assert [e.kind for e in turn.effects] == ["hint"] and turn.effects[0].question_id == q.id
    assert turn.state["v"] == STATE_VERSION == 2 and turn.state["question"] == q.id


def test_a_stored_state_with_missing_or_unknown_keys_or_phase_still_loads():
    assert State.from_dict({}).phase == Phase.GREETING
    assert State.from_dict({"phase": "skill", "index": 2, "colour": "red"}).index == 2
    assert State.from_dict({"phase": "no-such-phase"}).phase == Phase.GREETING
    state = State.from_dict({"phase": "quiz", "picked": None, "deferred": ["q1"]})
    assert state.picked == [] and state.deferred == ["q1"]
    assert State.from_dict(state.to_dict()) == state


def test_intents_are_typed_and_an_unknown_kind_is_refused():
    assert Intent("hint").kind is IntentKind.HINT and Intent("hint").kind == "hint"
    with pytest.raises(ValueError):
        Intent("hnit")
    for handler in PHASES.values():
        assert all(isinstance(k, IntentKind) for k in handler.handlers())
    assert all(isinstance(k, IntentKind) for k in COMMON)


def _input(text):
    from closeread.tutor.engine import Input

    return Input(text)


def _help_lines(text: str) -> set[IntentKind]:
    return {kind for kind, line in COMMAND_HELP.items() if line in text}


def _chat_at(lesson, phase):
    if phase == "greeting":
        return Chat(lesson)
    if phase in ("skill", "reading"):
        chat = Chat(lesson)
        chat.say("start")
        while chat.state["phase"] != phase:
            chat.say("next")
        return chat
    if phase == "quiz":
        return Chat(lesson).to_quiz()
    done = {x.id: {"score": 0, "max": x.points, "response": None} for x in lesson.quiz.questions}
    chat = Chat(lesson, progress=Progress(done))
    chat.say("quiz")
    if phase == "practice":
        chat.say("retry")
    return chat


@pytest.mark.parametrize("phase", ["greeting", "skill", "reading", "quiz", "practice", "end"])
def test_help_lists_exactly_the_commands_the_phase_understands(mini, phase):  # noqa: F811
    chat = _chat_at(mini, phase)
    assert chat.state["phase"] == phase
    chat.say("help")
    understood = set(PHASES[Phase(phase)].handlers())
    listed = _help_lines(chat.text)
    offered_here = {k for k in COMMAND_HELP if k in understood} if phase != "end" else {IntentKind.REVEAL,
                                                                                         IntentKind.RETRY}
    assert listed == offered_here
    for word in ("**repeat**", "**score**", "**restart**", "what does"):  # the commands of every phase
        assert word in chat.text


@pytest.mark.parametrize("phase", ["greeting", "skill", "reading", "quiz"])
def test_every_command_help_offers_is_acted_on_not_refused(mini, phase):  # noqa: F811
    typed = {IntentKind.NEXT: "next", IntentKind.QUIZ: "quiz", IntentKind.HINT: "hint", IntentKind.SKIP: "skip",
             IntentKind.DONT_KNOW: "i don't know", IntentKind.REVEAL: "reveal", IntentKind.RETRY: "retry"}
    chat = _chat_at(mini, phase)
    chat.say("help")
    for kind in _help_lines(chat.text):
        fresh = _chat_at(mini, phase)
        fresh.say(typed[kind])
        assert fresh.turn.intent.kind == kind
        assert "didn't understand" not in fresh.text


def test_a_command_for_later_is_explained_not_misread(mini):  # noqa: F811
    chat = Chat(mini).to_quiz()
    chat.say("show me the reveal")
    assert "after the quiz" in chat.text and chat.effects == []


def test_an_answer_is_final_kindly_with_why_and_the_practice_retry(mini):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("b")
    assert chat.progress.answered[q.id]["response"] == "b"
    for typed in ("wait i meant c", "can i change my answer", "undo"):
        chat.say(typed)
        assert "final once its feedback is shown" in chat.text and "retry" in chat.text
        assert chat.replies == ["Why?", "Repeat"] and chat.effects == []
        assert chat.progress.answered[q.id]["response"] == "b"


def test_before_feedback_a_pair_can_be_undone_or_changed(mini):  # noqa: F811
    q, chat = at(mini, "pair")
    chat.say("s2")
    assert chat.state["picked"] == ["s2"]
    chat.say("help")
    assert "**undo**" in chat.text
    chat.say("oops i meant s3")
    assert chat.state["picked"] == ["s3"] and q.id not in chat.progress.answered
    chat.say("undo")
    assert chat.state["picked"] == [] and q.id not in chat.progress.answered


def test_why_is_it_c_explains_the_last_graded_question(mini):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("a")
    chat.say("why is it c")
    assert chat.turn.intent.kind == IntentKind.WHY
    assert q.explanation.split(".")[0] in chat.text and chat.effects == []


def test_no_tutor_module_is_over_400_lines():
    root = Path(__file__).resolve().parent.parent / "closeread" / "tutor"
    long = {str(p.relative_to(root)): n for p in root.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_yes_to_a_first_greeting_starts_and_yes_to_the_either_or_greeting_of_a_resumed_attempt_asks(mini):  # noqa: F811
    chat = Chat(mini)
    assert "Ready to start?" in chat.text
    chat.say("yeah")
    assert chat.state["phase"] == "skill"
    done = {mini.quiz.questions[0].id: {"score": 0, "max": 1, "response": None}}
    chat = Chat(mini, progress=Progress(done))
    assert " or carry on with the quiz?" in chat.text
    chat.say("ok sure")
    assert chat.state["phase"] == "greeting" and chat.state["pending"] and chat.effects == []
    chat.say("quiz")
    assert chat.state["phase"] == "quiz"
