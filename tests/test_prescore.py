"""The explain pre-score's rules, one at a time, on a small rubric of our own (not the graded set)."""

import pytest

from closeread.content.loader import load_content
from closeread.content.model import Criterion
from closeread.questions.grading import grade_answer
from closeread.questions.prescore import FLAG_ADVICE, FLAG_LABELS, prescore, tokens
from closeread.questions.rubric import read_rubric
from tests.helpers import FIXTURES, ROOT

PROMPT = "Read the library's notice again. Explain which of its statements cannot both be true, and why."
RUBRIC = [
    Criterion("Names the closing", ("closed", "closing", "closure")),
    Criterion("Names the opening", ("opened", "opening*", "reopen*")),
    Criterion(
        "Says the two cannot both be true", ("friday*", "same day"), ("contradict*", "can't both", "impossible"), 2
    ),
]
WRONG = ("friday ... no problem/both fine",)
FULL = "The library closed on Friday and it opened on Friday, so the two statements contradict each other."


def score(answer, wrong=WRONG):
    return prescore(PROMPT, 2, RUBRIC, answer, wrong)


def test_a_clear_right_answer_gets_full_credit_and_every_point():
    result = score(FULL)
    assert result.score == 2.0
    assert result.met == [c.label for c in RUBRIC] and result.missed == [] and result.flags == []


# -- negation ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "The library closed on Friday and opened on Friday, but these do not contradict each other.",
        "It closed on Friday and opened on Friday. There is no contradiction here.",
        "It closed on Friday and opened on Friday; I don't think the two Friday notices contradict.",
        "it closed on friday and opened on friday but they dont contradict",
        "It closed on Friday and opened on Friday, which is not really impossible.",
    ],
)
def test_a_negated_conclusion_is_not_credited_and_is_flagged(answer):
    result = score(answer)
    assert "Says the two cannot both be true" in result.missed
    assert result.flags == ["wrong-conclusion"]
    assert result.score < 2


@pytest.mark.parametrize(
    "answer",
    [
        "It closed on Friday and opened on Friday, and those cannot both be true.",  # the negation is the cue
        "It closed on Friday and opened on Friday: the same day can not both close and open it, can't both be true.",
        "It is not open every day, but closed on Friday and opened on Friday contradict.",  # 'not' is in another clause
    ],
)
def test_negation_inside_a_cue_or_in_another_clause_does_not_flip_it(answer):
    result = score(answer)
    assert "Says the two cannot both be true" in result.met
    assert result.flags == []


def test_a_conclusion_counts_only_about_its_own_words():
    # The contradiction is claimed about the weather, not about the Friday dates.
    answer = "It closed on Friday and opened on Friday. The weather report contradicts the closing time."
    assert "Says the two cannot both be true" in score(answer).missed
    # A general sentence ("these two contradict") refers back to what was just said.
    general = score("It closed on Friday. It opened on Friday. These contradict.")
    assert "Says the two cannot both be true" in general.met


def test_learner_spellings_and_one_typo_are_forgiven():
    assert tokens("they dont, it cant; does not") == ["they", "don't", "|", "it", "can't", ".", "doesn't"]
    result = score("It closed on Friday and opened on Friday, so the notices contridict each other.")
    assert "Says the two cannot both be true" in result.met


# -- copied prompt -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer", [PROMPT, PROMPT.lower() + " idk", "explain which of its statements cannot both be true ok"]
)
def test_a_copied_prompt_scores_zero_and_is_flagged(answer):
    result = score(answer)
    assert (result.score, result.met, result.flags) == (0.0, [], ["copied-prompt"])


def test_words_copied_from_the_prompt_earn_nothing_but_the_rest_still_counts():
    result = score("Which of its statements cannot both be true: the closing on Friday and the opening on Friday.")
    assert result.flags == []
    assert result.met == ["Names the closing", "Names the opening"]  # 'cannot both be true' was the prompt's
    assert result.score == 1.0


def test_a_short_phrase_shared_with_the_prompt_is_not_a_copy():
    assert score("The library's notice says it closed on Friday and opened on Friday: impossible.").flags == []


# -- keyword list --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "closed opened contradiction Friday",
        "closure, reopening, contradiction",
        "the closing, the opening, a contradiction",
        "no closing - no opening - contradiction",
    ],
)
def test_a_keyword_list_scores_zero_and_is_flagged(answer):
    result = score(answer)
    assert (result.score, result.met, result.flags) == (0.0, [], ["keyword-list"])


def test_short_real_sentences_are_not_a_keyword_list():
    result = score("It closed. Then it reopened.")
    assert result.flags == [] and result.score == 1.0


def test_gibberish_scores_zero_without_a_flag():
    assert score("asdf qwer zxcv") .score == 0.0 and score("asdf qwer zxcv").flags == []


# -- wrong conclusion ----------------------------------------------------------------------------------------
def test_a_listed_wrong_conclusion_caps_even_a_complete_answer():
    answer = FULL + " Anyway, the two Friday notices are no problem."
    result = score(answer)
    assert result.flags == ["wrong-conclusion"]
    assert result.score == 0.5  # 2 points, kept at most a quarter however much else is right


def test_a_wrong_conclusion_that_is_itself_negated_is_not_flagged():
    assert score(FULL + " The Friday notices are not fine at all, it is no problem... no, it is a problem.").score < 2
    assert score(FULL + " The Friday notices are not no problem.").flags == []


def test_without_wrong_conclusions_the_same_answer_is_not_capped():
    assert score(FULL + " Anyway, the two Friday notices are no problem.", wrong=()).score == 2.0


@pytest.mark.parametrize(
    "answer",
    [
        "It closed on Friday and it opened on Friday, and that does not contradict anything.",
        "It closed on Friday and it opened on Friday. Nothing contradicts, it is not impossible.",
        FULL + " But really both Friday notices are both fine.",
        FULL.replace("contradict", "do not contradict"),
    ],
)
def test_a_wrong_conclusion_never_gets_full_credit(answer):
    result = score(answer)
    assert result.flags == ["wrong-conclusion"] and result.score <= 1.0


def test_an_answer_that_asserts_the_conclusion_after_a_denial_about_something_else_is_not_flagged():
    answer = FULL + " The opening hours do not contradict the website."
    result = score(answer)
    assert result.flags == [] and result.score == 2.0


def test_a_negation_that_starts_a_rubric_phrase_does_not_negate_the_next_one():
    rubric = [Criterion("Author", (), ("no author",)), Criterion("Date", (), ("no date",))]
    result = prescore("Q?", 2, rubric, "It has no author no date, so check it.")
    assert result.met == ["Author", "Date"] and result.flags == []


# -- what a wrong conclusion must claim ---------------------------------------------------------------------
def test_a_part_marked_with_not_must_be_absent_from_the_sentence():
    wrong = ("friday ... no problem ... !website",)
    assert score(FULL + " The two Friday notices are no problem.", wrong).flags == ["wrong-conclusion"]
    # the same words about the website are a different claim, and are not flagged
    assert score(FULL + " The Friday notices on the website are no problem.", wrong).flags == []


@pytest.mark.parametrize(
    "doubt",
    [
        "The two Friday notices might be no problem.",
        "Maybe the Friday notices are no problem, maybe not.",
        "Ask the staff whether the Friday notices are no problem.",
        "Check if the two Friday notices are no problem.",
        "Perhaps the Friday notices are no problem after all.",
        "Are the two Friday notices no problem?",
    ],
)
def test_a_hedged_or_questioned_wrong_conclusion_is_not_a_claim(doubt):
    result = score(FULL + " " + doubt)
    assert (result.score, result.flags) == (2.0, [])


def test_a_hedge_only_counts_before_the_conclusion_which_is_the_patterns_last_part():
    # "could" governs "opened", not "no problem": the sentence still claims it is no problem
    result = score(FULL + " Whatever could have opened on Friday, the two Friday notices are no problem.")
    assert result.flags == ["wrong-conclusion"]
    # a hedge in another clause, or a question in another sentence, does not reach it
    assert score(FULL + " If you ask me, the Friday notices are no problem.").flags == ["wrong-conclusion"]
    assert score(FULL + " Is it open? The Friday notices are no problem.").flags == ["wrong-conclusion"]


def test_hedges_do_not_touch_a_rubric_conclusion():
    # "could" and "if" before a rubric conclusion do not stop it counting (the rule is for wrong conclusions)
    assert "Says the two cannot both be true" in score("It closed on Friday and opened on Friday, which could "
                                                        "contradict.").met


# -- score shape ---------------------------------------------------------------------------------------------
def test_weights_and_rounding_down_to_a_half_point():
    three = [Criterion("A", ("alpha",)), Criterion("B", ("beta",)), Criterion("C", ("gamma",))]
    assert prescore("Q?", 2, three, "It has alpha and beta in it.").score == 1.0  # 1.33 rounds down
    assert prescore("Q?", 2, three, "It has alpha and beta and gamma.").score == 2.0
    assert score("The library closed, it says.").score == 0.5  # 1 of weight 4: 0.5


def test_one_point_made_earns_the_smallest_step_and_nothing_made_earns_nothing():
    five = [Criterion(name, (name.lower(),)) for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")]
    assert prescore("Q?", 2, five, "It only talks about alpha, nothing else.").score == 0.5  # 0.4 would round to 0
    assert prescore("Q?", 2, five, "It talks about nothing in the rubric at all.").score == 0.0


def test_a_wrong_conclusion_keeps_at_most_a_quarter_even_with_everything_else_right():
    answer = FULL + " The Friday notices are no problem."
    assert score(answer).score <= 0.5 and score(answer).flags == ["wrong-conclusion"]


def test_a_negation_carries_over_a_list_joined_by_or():
    crit = [Criterion("Check", (), ("google*", "other news", "look for other")), Criterion("Other", ("zeta",))]
    assert prescore("Q?", 2, crit, "There is no need to google it or look for other news.").met == []
    assert prescore("Q?", 2, crit, "Google it or look for other news.").met == ["Check"]


# -- content -------------------------------------------------------------------------------------------------
def test_read_rubric_reads_the_new_fields():
    raw = {
        "rubric": [
            {"label": "A", "any": ["Jet*"]},
            {"label": "B", "conclusion": ["contradict*"], "weight": 2},
        ],
        "wrong_conclusions": ["jet/plane ... only a tension"],
    }
    criteria, wrong, faults = read_rubric(raw)
    assert faults == []
    assert criteria == [Criterion("A", ("jet*",)), Criterion("B", (), ("contradict*",), 2.0)]
    assert wrong == ("jet/plane ... only a tension",)


def test_read_rubric_reads_a_part_that_must_be_absent():
    criteria, wrong, faults = read_rubric({"rubric": [{"label": "A", "any": ["a"]}, {"label": "B", "any": ["b"]}],
                                           "wrong_conclusions": ["Convoy ... jet ... tension* ... !Drone*"]})
    assert (wrong, faults) == (("convoy ... jet ... tension* ... !drone*",), [])


@pytest.mark.parametrize(
    ("field", "value", "fault"),
    [
        ("wrong_conclusions", "!drone*", "needs a part without !: what the sentence must say"),
        ("wrong_conclusions", "jet ... tension/!drone", "may only use ! at the start of a part (between '...')"),
        ("wrong_conclusions", "jet ... dro!ne", "may only use ! at the start of a part (between '...')"),
        ("any", "!drone", "may not use !: a part the sentence must not mention is only for 'wrong_conclusions'"),
    ],
)
def test_read_rubric_names_a_misplaced_not(field, value, fault):
    raw = {"rubric": [{"label": "A", "any": ["a"]}, {"label": "B", "any": ["b"]}], "wrong_conclusions": ["x"]}
    if field == "any":
        raw["rubric"][0]["any"] = [value]
    else:
        raw["wrong_conclusions"] = [value]
    where = "rubric criterion 1 'any'" if field == "any" else "'wrong_conclusions'"
    assert read_rubric(raw)[2] == [f'{where}: "{value}" {fault}']


def test_read_rubric_names_every_fault():
    raw = {"rubric": [{"label": "A", "any": ["x"], "weight": 0}, "oops"], "wrong_conclusions": "no"}
    _, _, faults = read_rubric(raw)
    assert faults == [
        "rubric criterion 1 'weight' must be a positive number",
        "rubric criterion 2 must be a table",
        "an explain question needs at least two rubric criteria",
        "'wrong_conclusions' must be a list of words or phrases",
    ]


def test_every_flag_has_words_for_the_teacher_and_the_learner():
    assert set(FLAG_LABELS) == set(FLAG_ADVICE) == {"copied-prompt", "keyword-list", "wrong-conclusion"}


def test_the_lessons_model_answers_get_full_credit():
    for lesson in load_content(ROOT).values():
        for q in (q for q in lesson.quiz.questions if q.type == "explain"):
            grade = grade_answer(q, q.model_answer)
            assert (grade.score, grade.rubric_missed, grade.flags) == (q.points, [], []), q.id


def test_grading_an_explain_answer_reports_points_missed_and_flags():
    q = load_content(FIXTURES / "mini")["mini"].quiz.by_id["explain-bridge"]
    keywords = grade_answer(q, "closed reopened")
    assert (keywords.score, keywords.flags, keywords.needs_review) == (0.0, ["keyword-list"], True)
    half = grade_answer(q, "The bridge closed on Monday.")
    assert half.rubric_met == ["Names the closure"] and half.rubric_missed == ["Names the reopening"]


def test_a_conclusion_about_all_the_accounts_at_once_does_not_say_which_pair():
    crit = [Criterion("Convoy", ("convoy",)), Criterion("Pair", ("jet",), ("contradict*",), weight=2)]
    told = "The convoy was attacked. Then a jet was shot down. "
    assert "Pair" in prescore("Q?", 2, crit, told + "Those two contradict each other.").met
    assert "Pair" not in prescore("Q?", 2, crit, told + "The descriptions all contradict each other.").met


@pytest.mark.parametrize("answer", [
    "It closed on Friday and opened on Friday. At first it looks like a contradiction, but both can happen in one "
    "day, so there is no contradiction.",
    "The library closed and opened on Friday. It seems impossible, but it isn't impossible at all.",
])
def test_a_conclusion_conceded_as_an_appearance_and_then_denied_is_a_wrong_conclusion(answer):
    result = score(answer)
    assert "wrong-conclusion" in result.flags and result.score < 2.0
    assert "Says the two cannot both be true" not in result.met


def test_an_appearance_word_alone_still_states_the_conclusion():
    result = score("It closed on Friday and opened on Friday. That looks like a contradiction: both can't be true.")
    assert result.score == 2.0 and result.flags == []
    result = score("The library closed on Friday and it opened on Friday, which seems impossible.")
    assert "Says the two cannot both be true" in result.met and result.flags == []
