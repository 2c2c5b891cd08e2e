"""Correct written answers to the germany-mali explain questions that the pre-score must not mark down.

A second reader ran the pre-score on correct answers and found that the lesson's own incident rule
(lesson.md, "One rule for the incident") and careful, hedged replies were flagged as wrong conclusions.
Each answer below is correct by the lesson; it must get full or near-full credit (at most half a point
off, for a point it leaves out) and no flag. The sentences quoted by the reader are kept word for word.
"""

import pytest

from closeread.content.loader import load_content
from closeread.questions.grading import grade_answer
from tests.helpers import ROOT

QUIZ = load_content(ROOT)["germany-mali"].quiz.by_id
INCIDENT = QUIZ["contradiction-explain-changing-incident"]
REPLY = QUIZ["source-explain-reply"]

# The three versions and the contradiction, as a learner would write them; each case adds how the drone fits.
VERSIONS = (
    'In section 3 French forces attack "a convoy of Russian mercenaries traveling through the Malian town of Gao". '
    'Section 4 suddenly calls it "the drone incident", and section 5 calls it "The downing of a Russian fighter jet". '
    "A convoy on a road and a jet shot down out of the sky can't both be what was hit, so those two contradict. "
)

INCIDENT_ANSWERS = [
    # the reader's sentences (rule 3: the drone is a tension next to both)
    VERSIONS + "The drone is only a tension with both the convoy and the jet, because the article never says what "
    "the drone did.",
    VERSIONS + "Drone vs convoy and drone vs jet are tensions, since the article never says what the drone did.",
    VERSIONS + "The drone is a tension: it looks odd next to the convoy and the jet, but a French drone could have "
    "hit the convoy.",
    # the reader's sentence for rule 1 (one incident), which holds the contradiction itself
    'In section 3 it is "a convoy of Russian mercenaries" in Gao, in section 4 "the drone incident", in section 5 '
    '"The downing of a Russian fighter jet". The article treats the convoy, the drone and the jet as all the same '
    "incident, yet a convoy on a road and a jet in the sky can't both be what was hit, so that is a contradiction. "
    "The drone only looks odd next to them, because a drone could have been used against the convoy.",
    # a second reader's correct conclusion that "wrong information" in the pick-a-side pattern flagged
    VERSIONS + "The convoy and the jet can't both be true, so one of them must be wrong information. The drone is "
    "only a tension with both, because the article never says what the drone did.",
    # rule 4, the second reading the explanation calls fair
    VERSIONS + "The commentators compare the drone incident with the Su-24 being shot down, so if the drone was "
    "shot down, it clashes with the convoy and with the jet as well.",
    VERSIONS + "I read it as a drone being shot down, like the Su-24, and on that reading the drone contradicts "
    "the jet too.",
    # our own
    VERSIONS + "The drone is odd next to both of them, but it is not impossible: a drone could have been used "
    "against the convoy. It is all one incident, the article says so.",
    VERSIONS + "Is the drone a contradiction? No, because the article never says what it did, so the drone is "
    "a tension next to the convoy and the jet.",
    VERSIONS + "Maybe the drone was part of it somehow, which is why the drone only looks odd: a tension.",
]

REPLY_OPENING = (
    'The article doesn\'t agree with itself: section 3 says "a convoy of Russian mercenaries traveling through the '
    'Malian town of Gao" was attacked, and only section 5 says "The downing of a Russian fighter jet". '
    'It has no author and no date, and its only number comes from "Russian media reports suggest". '
)

REPLY_ANSWERS = [
    # the reader's sentences
    REPLY_OPENING + "It might be made up, or it might be garbled, so search reliable news agencies like Reuters "
    "before you share it.",
    REPLY_OPENING + "I'd search established news outlets to see if France did shoot down a jet at all.",
    REPLY_OPENING + "Find out who runs the site and whether it is reliable, and search Reuters or the BBC for "
    "the event.",
    # our own
    REPLY_OPENING + "Is it proof? Not from this post. Maybe it's made up, maybe not: look it up on other news "
    "sites before you share it.",
    REPLY_OPENING + "It could be true, but check if the story is true by searching news agencies first.",
    REPLY_OPENING + "Perhaps it really happened, perhaps not; I'd search the BBC and official French statements.",
    # a second reader's correct replies that the first "no need to ... check" and "don't need to look" flagged
    REPLY_OPENING + "No need to take it at face value: search Reuters or the BBC first.",
    REPLY_OPENING + "You don't need to look far to see the problem: section 3 says a convoy and section 5 says a jet. "
    "Search Reuters before you share it.",
]


def _grade(q, answer):
    grade = grade_answer(q, answer)
    return grade.score, grade.flags, grade.rubric_missed


@pytest.mark.parametrize("answer", INCIDENT_ANSWERS)
def test_the_incident_rule_in_a_learners_words_gets_full_credit(answer):
    score, flags, missed = _grade(INCIDENT, answer)
    assert flags == [], (flags, answer)
    assert score == INCIDENT.points, (score, missed, answer)


@pytest.mark.parametrize("answer", REPLY_ANSWERS)
def test_a_careful_hedged_reply_is_not_a_wrong_conclusion(answer):
    score, flags, missed = _grade(REPLY, answer)
    assert flags == [], (flags, answer)
    assert score >= REPLY.points - 0.5, (score, missed, answer)


@pytest.mark.parametrize(
    ("q", "answer"),
    [
        # the same sentences without the hedge, the drone or the question are still wrong conclusions
        (INCIDENT, VERSIONS + "But really the convoy and the jet are only a tension, they could both be true."),
        (INCIDENT, VERSIONS.replace("can't both be what was hit, so those two contradict", "are just different "
                                    "words for the same thing") + "The drone is a tension."),
        (INCIDENT, VERSIONS + "These are all just tensions, so all of it could be true."),
        (REPLY, REPLY_OPENING + "It's made up, so search Reuters and ignore it."),
        (REPLY, REPLY_OPENING + "Still, the article is reliable, so you can share it after a quick search."),
    ],
)
def test_the_narrowed_patterns_still_flag_the_wrong_claims(q, answer):
    score, flags, _ = _grade(q, answer)
    assert flags == ["wrong-conclusion"], answer
    assert score <= q.points / 2


# -- the families added after the held-out answers were studied: picking a side, waving away the check ---------
@pytest.mark.parametrize(
    ("q", "answer"),
    [
        (INCIDENT, VERSIONS + "The fighter jet is what really happened, since it comes last."),
        (INCIDENT, VERSIONS + "I think the convoy is the real story and section 5 is just wrong information."),
        (INCIDENT, VERSIONS + "The article is reliable, so the jet story is true."),
        (REPLY, REPLY_OPENING + "Honestly there's no need to search Reuters or look for other news about it."),
        (REPLY, REPLY_OPENING + "The jet is what really happened, so your friend is basically right."),
        # a second reader's misses: other words for picking a side or trusting the post
        (INCIDENT, VERSIONS + "The jet version is correct; the drone is only a tension."),
        (INCIDENT, VERSIONS + "I'd say the fighter jet is what really happened."),
        (REPLY, REPLY_OPENING + "Even so, the article is trustworthy, so share it."),
        # a second reader's wrong conclusions in the learner's own voice, around a reporting verb
        (INCIDENT, VERSIONS + "The evidence suggests the jet is what really happened."),
        (INCIDENT, VERSIONS + "As section 5 says the jet is what really happened."),
        (INCIDENT, VERSIONS + "I've always said the jet is what really happened."),
        (REPLY, REPLY_OPENING + "Everything the article says is trustworthy, so go ahead and share it."),
        (REPLY, REPLY_OPENING + "You're right, like you said it's proof."),
    ],
)
def test_picking_one_account_or_waving_away_the_check_is_a_wrong_conclusion(q, answer):
    score, flags, _ = _grade(q, answer)
    assert flags == ["wrong-conclusion"], answer
    assert score <= q.points / 4


@pytest.mark.parametrize(
    ("q", "answer"),
    [
        (INCIDENT, VERSIONS + "We can't tell which one is the real story or what really happened: the drone only "
                              "looks odd next to them, a tension."),
        (REPLY, REPLY_OPENING + "You don't need to believe it: search Reuters and the BBC to find out what really "
                                "happened."),
        # a second reader's correct sentences that were flagged: a hedge over "A or B", and the article's claim
        (INCIDENT, VERSIONS + "Nobody knows whether the convoy or the jet is the real story; the drone only looks "
                              "odd next to them, a tension."),
        (INCIDENT, VERSIONS + "The article claims the jet is what really happened, but it never shows it. The drone "
                              "is only a tension."),
        (REPLY, REPLY_OPENING + "The post says it's reliable, but search Reuters and the BBC before you share it."),
        # a second reader's correct sentences that the first wording of the new patterns capped
        (INCIDENT, VERSIONS + "So only one version is correct, and the drone is only a tension."),
        (REPLY, REPLY_OPENING + "Search for a source that is trustworthy, like Reuters or the BBC."),
        (REPLY, REPLY_OPENING + "Reuters or the BBC can be trusted more than an anonymous blog, so search there."),
    ],
)
def test_asking_what_really_happened_is_not_picking_a_side(q, answer):
    score, flags, missed = _grade(q, answer)
    assert flags == [], (flags, answer)
    assert score >= q.points - 0.5, (score, missed)
