"""tutor.toml: optional, validated at start-up like every content file; defaults without it."""

import shutil

import pytest

from closeread.content.loader import ContentError, load_content
from closeread.content.tutor import DEFAULT_THINK_PROMPT, SKILLS
from tests.helpers import FIXTURES, ROOT, make_app

GOOD = '''
greeting = "Hello from the fixture."

[[skill]]
category = "unsupported"
teach = "Support is something you could check."
  [skill.check]
  prompt = "Which sentence names nobody?"
  quote = "Officials say"
  key = "b"
    [[skill.check.option]]
    id = "a"
    text = "The mayor one"
    feedback = "It names him: \\"The mayor said the bridge was\\" unsafe."
    [[skill.check.option]]
    id = "b"
    text = "The officials one"
    feedback = "Yes: \\"Officials say repairs will cost millions.\\" Which officials?"

[[section]]
number = 2
prompt = "Which sentence clashes with the closure?"
look_for = ["The bridge reopened"]
reply = "It \\"reopened on Monday after a short inspection\\" though it closed that day."
'''


@pytest.fixture
def content_root(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def write(root, text):
    (root / "lesson" / "mini" / "tutor.toml").write_text(text, encoding="utf-8")


def test_the_real_lesson_has_a_valid_tutor_file():
    lessons = load_content(ROOT)
    content = lessons["germany-mali"].tutor
    lesson = lessons["germany-mali"]
    assert content.from_file and content.greeting
    assert [s.category for s in content.skills] == list(SKILLS)
    assert all(s.check and s.check.key in s.check.option_by_id for s in content.skills)
    numbers = [s.number for s in lesson.article.sections if s.sentences]
    assert sorted(content.think) == numbers  # a stop-and-think prompt for every part


def test_without_a_tutor_file_the_tutor_builds_checks_from_the_ledger():
    lessons = load_content(FIXTURES / "mini")
    content = lessons["mini"].tutor
    lesson = lessons["mini"]
    assert not content.from_file and content.think == {}
    assert content.stop_and_think(1).prompt == DEFAULT_THINK_PROMPT
    wanted = {"states": "stated", "unsupported": "unsupported", "contradiction": "contradicted"}
    for skill in content.skills:
        check = skill.check
        labels = lesson.ledger[check.quote_id].labels
        assert wanted[skill.category] in labels and check.key == wanted[skill.category]
        assert lesson.article.by_id[check.quote_id].text in check.option_by_id[check.key].feedback


@pytest.mark.parametrize("slug", ["germany-mali", "wrenfield-phones"])
def test_a_shipped_lesson_without_its_tutor_file_gets_a_script_from_its_sections_and_ledger(tmp_path, slug):
    """What a teacher's new lesson gets (it has no tutor.toml): one skill per category, each with a check
    built from the ledger, and a stop-and-think prompt for every part of the article."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "lesson" / slug, root / "lesson" / slug)
    for name in ("tutor.toml", "rounds.toml"):  # a teacher's new lesson has neither
        (root / "lesson" / slug / name).unlink(missing_ok=True)
    (root / "quizzes").mkdir()
    shutil.copy(ROOT / "quizzes" / f"{slug}.toml", root / "quizzes")
    lesson = load_content(root)[slug]
    content = lesson.tutor
    assert not content.from_file
    assert [s.category for s in content.skills] == list(SKILLS)
    fits = {"states": {"stated", "supported"}, "unsupported": {"unsupported"}, "contradiction": {"contradicted"}}
    for skill in content.skills:
        check = skill.check
        assert check is not None, f"{slug}: no check for skill {skill.category}"
        entry = lesson.ledger[check.quote_id]
        assert fits[skill.category] & set(entry.labels) and check.key in check.option_by_id
        assert lesson.article.by_id[check.quote_id].section > 0  # a sentence of the body, not the headline
        assert entry.note in check.option_by_id[check.key].feedback
    for section in lesson.article.sections:
        if section.sentences:
            assert content.stop_and_think(section.number).prompt == DEFAULT_THINK_PROMPT


def test_a_partial_tutor_file_keeps_the_defaults_for_the_rest(content_root):
    write(content_root, GOOD)
    lessons = load_content(content_root)
    content = lessons["mini"].tutor
    assert content.greeting == "Hello from the fixture."
    by_cat = {s.category: s for s in content.skills}
    assert by_cat["unsupported"].teach == "Support is something you could check."
    assert by_cat["unsupported"].check.quote_id == "s4" and by_cat["unsupported"].check.key == "b"
    assert by_cat["states"].check is not None  # built-in, from the ledger
    assert content.think[2].look_for == ["s6"] and 1 not in content.think


def test_the_app_uses_the_tutor_file(content_root, tmp_path):
    write(content_root, GOOD)
    app = make_app(tmp_path, content_root)
    client = app.test_client()
    body = client.post("/api/chat/start", json={"lesson": "mini"}).get_json()
    assert body["messages"][0]["text"].startswith("Hello from the fixture.")


OPTION_B = ("    [[skill.check.option]]\n    id = 'b'\n    text = 'B'\n"
            "    feedback = 'It says \"The council closed the old bridge\".'\n")
CHECK = "[[skill]]\ncategory = 'states'\nteach = 'x'\n  [skill.check]\n  prompt = 'p'\n"
BROKEN = [
    ("greeting = 'x'\n[[skill]]\ncategory = 'feelings'\nteach = 'x'\n", "skill feelings", "unknown category"),
    ("[[skill]]\ncategory = 'states'\n", "skill states", "missing 'teach'"),
    ("colour = 'blue'\n", None, "unknown key 'colour'"),
    ("[[section]]\nnumber = 7\nprompt = 'x'\nreply = 'x'\n", "section 7", "'number' must be one of"),
    ("[[section]]\nnumber = 1\nprompt = 'Which?'\nreply = 'No quote at all here.'\n", "section 1",
     "reply must quote the article"),
    ("[[section]]\nnumber = 1\nprompt = 'Which?'\nlook_for = ['a bridge too far']\n"
     "reply = 'See \"The mayor said the bridge\".'\n", "section 1", '"a bridge too far" is not found verbatim'),
    (CHECK + "  key = 'z'\n" + OPTION_B + OPTION_B.replace("'b'", "'a'"), "skill states",
     "check key 'z' is not one of the options"),
    (CHECK + "  key = 'a'\n    [[skill.check.option]]\n    id = 'a'\n    text = 'A'\n"
     "    feedback = 'Quotes \"something never written\".'\n" + OPTION_B, "skill states option a",
     'quotes "something never written", which is not verbatim'),
    ("this is = not toml [", None, "invalid TOML"),
]


@pytest.mark.parametrize(("text", "item", "fault"), BROKEN, ids=[b[2][:30] for b in BROKEN])
def test_a_broken_tutor_file_stops_the_app_naming_file_item_and_fault(content_root, tmp_path, text, item, fault):
    write(content_root, text)
    with pytest.raises(SystemExit) as exc:
        make_app(tmp_path, content_root)
    message = str(exc.value)
    assert "lesson/mini/tutor.toml" in message and fault in message, message
    if item:
        assert f"[{item}]" in message, message


def test_every_fault_is_listed_at_once(content_root):
    write(content_root, "colour = 1\n[[section]]\nnumber = 9\nprompt = 'x'\nreply = 'x'\n")
    with pytest.raises(ContentError) as exc:  # tutor.toml is loaded with the rest of the content
        load_content(content_root)
    assert len(exc.value.problems) == 2
