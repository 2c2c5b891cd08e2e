"""The coverage rules of ``check-content``: each fails on a broken fixture, all pass on the shipped lesson."""

import shutil

import pytest

from closeread.content.loader import load_content
from closeread.content.rules import check_rules, option_length_figure
from tests.helpers import FIXTURES, ROOT

UNCOVERED = FIXTURES / "uncovered"

UNCOVERED_MESSAGES = [
    "lesson/uncovered/lesson.md: s1 (structural) is not taught: link to it with [text](#s1)",
    "quizzes/uncovered.toml: s1 (structural) is not asked by any question",
    "lesson/uncovered/lesson.md: s4 (vague-attribution, unsupported) is not taught: link to it with [text](#s4)",
    "quizzes/uncovered.toml: s4 (vague-attribution, unsupported) is not asked by any question",
    "lesson/uncovered/lesson.md: s5 (unsupported, tension) is not taught: link to it with [text](#s5)",
    "quizzes/uncovered.toml: s5 (unsupported, tension) is not asked by any question",
    "lesson/uncovered/ledger.toml [s5]: tension s5–s6 has no question that names both sentences",
    "quizzes/uncovered.toml [question who-closed]: hint 1 contains the keyed answer's text",
    "quizzes/uncovered.toml: no question's right answer is 'neither a contradiction nor a tension' "
    "(a contradiction choice question whose keyed option starts with 'Neither')",
    "quizzes/uncovered.toml: keyed option is the longest in 3 of 3 choice questions (at most a third allowed)",
]


@pytest.mark.parametrize("slug", ["germany-mali", "wrenfield-phones"])
def test_each_shipped_lesson_passes_every_rule(slug):
    lesson = load_content(ROOT)[slug]
    assert check_rules(lesson) == []
    figure = option_length_figure(lesson)
    assert figure.choice_items >= 13 and not figure.too_many


def test_the_uncovered_fixture_loads_but_breaks_every_rule_with_named_faults():
    lesson = load_content(UNCOVERED)["uncovered"]  # well formed: start-up accepts it
    assert [str(p) for p in check_rules(lesson)] == UNCOVERED_MESSAGES


def _mutated(tmp_path, *replacements):
    root = tmp_path / "content"
    shutil.copytree(UNCOVERED, root)
    quiz = root / "quizzes" / "uncovered.toml"
    text = quiz.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    quiz.write_text(text, encoding="utf-8")
    return [str(p) for p in check_rules(load_content(root)["uncovered"])]


def test_a_contradiction_pair_with_no_question_is_named(tmp_path):
    problems = _mutated(
        tmp_path,
        ('evidence = ["The council closed the old bridge", "The bridge reopened"]',
         'evidence = ["The council closed the old bridge"]'),
    )
    fault = "contradiction s2–s6 has no question that names both sentences"
    assert f"lesson/uncovered/ledger.toml [s2]: {fault}" in problems


def test_a_neither_key_on_a_pair_the_ledger_relates_is_refused(tmp_path):
    hints = 'hints = ["Compare the days."]\n'
    problems = _mutated(tmp_path, (hints + 'key = "b"', hints + 'key = "a"'))
    assert "quizzes/uncovered.toml [question closed-reopened]: keyed 'Neither' but the ledger relates s2–s6" in problems
    assert not any("no question's right answer is 'neither" in p for p in problems)


def test_option_length_rule_counts_ties_and_allows_a_third(tmp_path):
    mayor_tie = ('text = "Unsafe, in his own words"', 'text = "Rude"')  # as long as "Busy": a tie counts
    mayor_short = ('text = "Unsafe, in his own words"', 'text = "Bad"')
    clash_short = ('text = "They cannot both be true on the same Monday"', 'text = "Clash"')
    longest = "keyed option is the longest in"
    assert any(f"{longest} 3 of 3" in p for p in _mutated(tmp_path / "tie", mayor_tie))
    assert any(f"{longest} 2 of 3" in p for p in _mutated(tmp_path / "two", mayor_short))
    assert not any(longest in p for p in _mutated(tmp_path / "one", mayor_short, clash_short))  # 1 of 3 is allowed


def test_check_content_command_fails_listing_rule_faults(tmp_path):
    from tests.helpers import make_app

    app = make_app(tmp_path, UNCOVERED)
    result = app.test_cli_runner().invoke(args=["check-content"])
    assert result.exit_code == 1
    for message in UNCOVERED_MESSAGES:
        assert message in result.output


def test_check_content_command_reports_the_option_length_figure(runner):
    result = runner.invoke(args=["check-content"])
    assert result.exit_code == 0, result.output
    for slug, lesson in load_content(ROOT).items():
        assert f"{slug}: coverage rules pass; {option_length_figure(lesson)}" in result.output
