"""What the engine does with the new readings: confirm before storing, define a term, change and undo."""

import pytest

from closeread.content.loader import load_content
from closeread.content.rounds import visible_rounds
from closeread.tutor.engine import Progress
from tests.helpers import ROOT
from tests.test_chat_engine import Chat, finish, mini  # noqa: F401 - the fixture is used by name


def at(lesson, qtype):
    """The chat at the first question of this type in the order the chat asks them (round by round)."""
    asked = [qid for r in visible_rounds(lesson) for qid in r.question_ids]
    q = next(lesson.quiz.by_id[qid] for qid in asked if lesson.quiz.by_id[qid].type == qtype)
    before = asked[: asked.index(q.id)]
    done = {qid: {"score": 0, "max": lesson.quiz.by_id[qid].points, "response": None} for qid in before}
    return q, Chat(lesson, progress=Progress(done)).to_quiz()


def test_a_doubtful_answer_is_confirmed_with_yes_no_before_it_is_stored(mini):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("b?? idk")
    assert "Did you mean" in chat.text and chat.effects == []
    assert chat.replies == ["Yes", "No"]
    chat.say("no")
    assert not chat.progress.answered.get(q.id) and chat.state["pending"] is None
    chat.say("b?? idk")
    chat.say("yes")
    answer = next(e for e in chat.effects if e.kind == "answer")
    assert answer.question_id == q.id and answer.answer == "b"


@pytest.fixture(scope="module")
def real():
    return load_content(ROOT)["germany-mali"]


def test_a_term_question_gets_the_glossary_definition_and_stores_nothing(real):
    q, chat = at(real, "verdict")
    assert chat.state["question"] == q.id
    chat.say("what does contradicted mean?")
    entry = real.glossary.lookup("contradicted")
    assert entry.term == "contradiction" and entry.definition in chat.text
    assert chat.effects == [] and q.id not in chat.progress.answered
    chat.say("whats a flibbertigibbet")
    assert "I don't have “flibbertigibbet”" in chat.text and "**unsupported**" in chat.text
    assert chat.effects == [] and q.id not in chat.progress.answered


def test_a_term_question_without_a_glossary_says_so_honestly(mini):  # noqa: F811
    q, chat = at(mini, "verdict")
    chat.say("what does unsupported mean")
    assert "this lesson has none" in chat.text and chat.effects == [] and q.id not in chat.progress.answered


def test_a_negated_option_is_never_stored(mini):  # noqa: F811
    _, chat = at(mini, "verdict")
    chat.say("i'm sure it's not contradicted")
    assert not any(e.kind == "answer" and e.answer == "contradicted" for e in chat.effects)


def test_a_command_inside_a_message_works(mini):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("hmm not sure, hint?")
    assert [e.kind for e in chat.effects] == ["hint"] and chat.progress.hints[q.id] == 1


def test_an_answer_is_final_once_its_feedback_is_shown(mini):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("a")
    assert q.id in chat.progress.answered
    before = dict(chat.progress.answered)
    chat.say("wait i meant b")
    assert "final" in chat.text and chat.effects == [] and chat.progress.answered == before
    assert "Why?" in chat.replies


def test_undo_clears_a_pair_in_progress(mini):  # noqa: F811
    q, chat = at(mini, "pair")
    chat.say("s2")
    assert chat.state["picked"] == ["s2"]
    chat.say("undo")
    assert chat.state["picked"] == [] and chat.effects == []


def to_reading(lesson):
    """The chat at the first reading part of the real lesson, reached by answering each skill check."""
    chat = Chat(lesson, lesson.tutor)
    chat.say("Start the lesson")
    while chat.state["phase"] == "skill":
        skill = lesson.tutor.skills[chat.state["index"]]
        chat.say(options=(skill.check.key,)) if skill.check else chat.say("next")
    assert chat.state["phase"] == "reading"
    return chat


def test_a_hard_word_with_a_question_mark_while_reading_is_explained_not_taken_as_a_sentence(real):
    chat = to_reading(real)
    where = (chat.state["phase"], chat.state["index"])
    chat.say("mercenaries?")
    entry = real.glossary.lookup("mercenaries")
    assert entry.definition in chat.text and (chat.state["phase"], chat.state["index"]) == where
    chat.say("flibbertigibbet?")  # not a word of the lesson: read as it was before (a thought), never defined
    assert entry.definition not in chat.text and "I don't have" not in chat.text


def test_maybe_to_a_yes_no_question_is_asked_about_and_moves_nothing(real):
    chat = Chat(real, real.tutor)
    chat.say("maybe")
    assert chat.state["phase"] == "greeting" and chat.state["pending"] and "Which did you mean?" in chat.text
    chat.say("1")
    assert chat.state["phase"] != "greeting"


def test_again_at_the_end_asks_whether_to_practise_or_start_a_new_attempt(mini):  # noqa: F811
    chat = finish(mini, wrong={"choice"})
    assert chat.state["phase"] == "end"
    recorded = dict(chat.progress.answered)
    chat.say("again")
    assert chat.state["pending"] and chat.effects == [] and chat.progress.answered == recorded
    assert chat.replies == ["Retry the missed questions", "Start a new attempt"]
    chat.say("1")
    assert chat.state["phase"] == "practice"


@pytest.mark.parametrize("typed", ["nvm its b", "never mind, b", "on second thought it's b", "hmm scratch that, b"])
def test_a_change_of_mind_after_feedback_is_never_stored_on_the_next_question(mini, typed):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("a")
    nxt = chat.state["question"]
    assert q.id in chat.progress.answered and nxt != q.id
    chat.say(typed)
    assert "final" in chat.text and chat.effects == []
    assert nxt not in chat.progress.answered and chat.progress.answered[q.id]["response"] == "a"


def at_explain_after_feedback(lesson):
    """The chat at the explain question, just after the question before it got its feedback."""
    from tests.test_chat_engine import typed_key

    q, chat = at(lesson, "pair")
    chat.say(typed_key(q))
    assert q.id in chat.progress.answered
    explain = lesson.quiz.by_id[chat.state["question"]]
    assert explain.type == "explain"
    return q, explain, chat


@pytest.mark.parametrize("typed", ["why isnt s1 part of it", "but how is that a pair??", "why not the first one"])
def test_a_why_question_at_an_explain_question_after_feedback_explains_and_stores_nothing(mini, typed):  # noqa: F811
    q, explain, chat = at_explain_after_feedback(mini)
    chat.say(typed)
    assert chat.turn.intent.kind == "why" and chat.effects == [] and explain.id not in chat.progress.answered


def test_a_written_answer_that_starts_with_why_or_no_is_still_stored(mini):  # noqa: F811
    _, explain, chat = at_explain_after_feedback(mini)
    chat.say("Why? Because the two sentences say different things about the same event, so both cannot be true.")
    assert explain.id in chat.progress.answered


@pytest.mark.parametrize("typed", ["i'm not typing an essay for a robot", "nah not doing this, its pointless",
                                   "ugh i dont want to write anything"])
def test_a_refusal_to_write_is_not_stored_and_the_tutor_says_what_it_can_do(mini, typed):  # noqa: F811
    _, explain, chat = at_explain_after_feedback(mini)
    chat.say(typed)
    assert explain.id not in chat.progress.answered and chat.effects == []
    assert "written answer" in chat.text and "**hint**" in chat.text


def test_no_at_the_start_of_a_real_explanation_is_kept(mini):  # noqa: F811
    _, explain, chat = at_explain_after_feedback(mini)
    chat.say("No, the article cannot be right twice: one sentence says one thing and the next says the opposite.")
    assert explain.id in chat.progress.answered


@pytest.mark.parametrize("typed", ["honestly im so sleepy", "im really hungry lol"])
def test_how_the_learner_feels_while_reading_is_not_stored_as_a_thought(real, typed):
    chat = to_reading(real)
    where = (chat.state["phase"], chat.state["index"])
    chat.say(typed)
    assert chat.turn.intent.kind == "unknown" and (chat.state["phase"], chat.state["index"]) == where


def test_a_thought_about_the_article_that_uses_a_feeling_word_is_still_a_thought(real):
    chat = to_reading(real)
    chat.say("the writer sounds tired of russia")
    assert chat.turn.intent.kind == "text"


@pytest.mark.parametrize("typed", ["could we do it again", "can i do it again pls"])
def test_doing_it_again_at_the_end_asks_whether_to_practise_or_start_over(mini, typed):  # noqa: F811
    chat = finish(mini, wrong={"choice"})
    recorded = dict(chat.progress.answered)
    chat.say(typed)
    assert {c.kind for c in chat.turn.intent.candidates} == {"retry", "restart"}
    assert chat.effects == [] and chat.progress.answered == recorded


def test_asking_to_redo_the_missed_ones_at_the_end_needs_no_question(mini):  # noqa: F811
    chat = finish(mini, wrong={"choice"})
    chat.say("can i try the ones i missed again")
    assert chat.turn.intent.kind == "retry"


@pytest.mark.parametrize("typed", ["why is it b tho", "how is a right", "how come its not a then"])
def test_a_why_question_naming_an_option_after_feedback_explains_and_stores_nothing(mini, typed):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("a")
    nxt = chat.state["question"]
    assert q.id in chat.progress.answered and nxt != q.id
    chat.say(typed)
    assert chat.turn.intent.kind == "why" and chat.effects == [] and nxt not in chat.progress.answered


def test_a_tentative_answer_with_a_hint_request_gets_the_hint_and_stores_nothing(mini):  # noqa: F811
    q, chat = at(mini, "choice")
    chat.say("probably c, but can i get a hint first")
    assert chat.turn.intent.kind == "hint" and q.id not in chat.progress.answered
    assert chat.state["question"] == q.id


@pytest.mark.parametrize(("typed", "term"), [("separatist meaning?", "separatists"),
                                             ("what is a counter terrorism", "counter-terrorism")])
def test_a_word_question_is_recorded_as_the_word_list_names_it(real, typed, term):
    q, chat = at(real, "verdict")
    chat.say(typed)
    entry = real.glossary.lookup(term)
    assert chat.turn.intent.kind == "define" and chat.turn.intent.value == entry.term
    assert entry.definition in chat.text and q.id not in chat.progress.answered


def test_small_talk_at_a_written_question_is_not_stored(mini):  # noqa: F811
    _, explain, chat = at_explain_after_feedback(mini)
    chat.say("lol my sister says hello")
    assert explain.id not in chat.progress.answered and chat.effects == []
    assert "haven't saved it" in chat.text


@pytest.mark.parametrize(("typed", "term"), [
    ("what are russian mercenaries", "mercenaries"), ("what is an armed convoy", "convoy"),
    ("was ist eine drohne?", "drone"), ("qué es la annexion", "annexation"),
])
def test_a_phrase_or_cognate_around_a_word_list_term_finds_that_term(real, typed, term):
    q, chat = at(real, "verdict")
    chat.say(typed)
    entry = real.glossary.lookup(term)
    assert chat.turn.intent.kind == "define" and entry.definition in chat.text and q.id not in chat.progress.answered


@pytest.mark.parametrize("asked", ["propaganda", "mercedes", "the law thing", "claims about mali", "humanity",
                                   "convince", "fuente"])
def test_an_unrelated_word_or_phrase_is_never_matched_to_a_term(real, asked):
    assert real.glossary.lookup(asked) is None


@pytest.mark.parametrize(("typed", "kind"), [("could i have a clue first, no idea what to put", "hint"),
                                             ("let me read the text again before i answer", "article"),
                                             ("can i reread section 1 first", "section")])
def test_a_first_person_request_at_an_explain_question_is_done_and_nothing_is_stored(mini, typed, kind):  # noqa: F811
    _, explain, chat = at_explain_after_feedback(mini)
    chat.say(typed)
    assert chat.turn.intent.kind == kind
    assert explain.id not in chat.progress.answered and not any(e.kind == "answer" for e in chat.effects)
    assert chat.state["question"] == explain.id  # still waiting for the written answer


def test_an_answer_that_opens_like_a_request_is_stored(mini):  # noqa: F811
    _, explain, chat = at_explain_after_feedback(mini)
    chat.say("could i argue the article is unreliable because it names no source for either claim")
    assert explain.id in chat.progress.answered
