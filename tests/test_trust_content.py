"""Item 9: every kind of content fault the loader can report has a test with its exact
message, and a broken content file stops the app before it serves or stores anything.

Each case copies the mini fixture, breaks one thing and expects one exact line. The
last test reads content_loader.py and fails if a fault was added there without a case.
"""

import ast
import shutil
import sys
from pathlib import Path

import pytest

from app import create_app
from closeread.content import checker
from closeread.content import loader as content_loader
from closeread.content.loader import ContentError, load_content
from closeread.questions import base, choice, cite, explain, multi, pair, verdict
from tests.helpers import FIXTURES

Q = "quizzes/mini.toml"
L = "lesson/mini"
PAIR_MONDAY = '"The council closed the old bridge", "closed the old bridge on Monday"'
REOPENING_RUBRIC = (
    '  [[question.rubric]]\n  label = "Names the reopening"\n  any = ["reopened", "reopening", "opened again"]'
)
WHO_CLOSED_C = (
    '  [[question.option]]\n  id = "c"\n  text = "Officials"\n'
    '  feedback = "Officials only talk about cost: \\"Officials say repairs will cost millions.\\""\n'
)
CITE_OPTION = (
    'key = ["Officials say"]\n  [[question.option]]\n  id = "a"\n  text = "x"\n'
    '  feedback = "\\"Officials say repairs will cost millions\\" is vague."\n'
)
WHO_CLOSED_DISTRACTOR = (
    '  [[question.distractor]]\n  quote = "Traffic has doubled"\n'
    '  feedback = "\\"Traffic has doubled since the closure\\" is beside the point."\n\n'
    '[[question]]\nid = "unsupported-multi"'
)
DISTRACTOR_TAG = '"\\"The mayor said the bridge was\\" unsafe names a person, so it is not vague."\n  misconception = '

# (case id, file, old text, new text, exact problem line). "old" must occur in the file;
# its first occurrence is replaced. A file of None means a special operation (see below).
CASES = [
    ("empty-quote", f"{L}/ledger.toml", 'quote = "we explain Why"', 'quote = ""',
     f"{L}/ledger.toml [sentence entry 1]: quote must be a non-empty string"),
    ("quote-not-found", f"{L}/ledger.toml", 'quote = "we explain Why"', 'quote = "we explain How"',
     f'{L}/ledger.toml [sentence entry 1]: quote "we explain How" is not found verbatim in the article'),
    ("quote-ambiguous", f"{L}/ledger.toml", 'quote = "Officials say"', 'quote = "Monday"',
     f'{L}/ledger.toml [sentence entry 4]: quote "Monday" is ambiguous: it is in sentences s2, s6'),
    ("empty-quote-list", Q, 'evidence = ["The council closed the old bridge"]', "evidence = []",
     f"{Q} [question who-closed]: evidence quote must be a non-empty list of quotes"),
    ("missing-text", f"{L}/ledger.toml", 'note = "Template headline."\n', "",
     f"{L}/ledger.toml [sentence entry 1 (s1)]: missing 'note'"),
    ("missing-title", f"{L}/lesson.toml", 'title = "Mini lesson"\n', "", f"{L}/lesson.toml: missing 'title'"),
    ("fictional-not-bool", f"{L}/lesson.toml", "fictional = false", 'fictional = "no"',
     f"{L}/lesson.toml: 'fictional' must be true (an article made up for practice) or false (a real one)"),
    ("sentence-breaks-unknown", f"{L}/lesson.toml", "fictional = false", 'fictional = false\nsentence_breaks = "words"',
     f"{L}/lesson.toml: 'sentence_breaks' must be \"rule\" or \"lines\", not 'words'"),
    ("fictional-missing", f"{L}/lesson.toml", "fictional = false\n", "",
     f"{L}/lesson.toml: 'fictional' must be true (an article made up for practice) or false (a real one)"),
    ("provenance-missing", f"{L}/lesson.toml", 'provenance = "A short article written for the tests."\n', "",
     f"{L}/lesson.toml: missing 'provenance'"),
    ("empty-text", f"{L}/ledger.toml", 'note = "Template headline."', 'note = "  "',
     f"{L}/ledger.toml [sentence entry 1 (s1)]: 'note' must be a non-empty string"),
    ("misquote", Q, 'feedback = "Yes: \\"The council closed the old bridge on Monday.\\""',
     'feedback = "Yes: \\"The council shut the old bridge on Monday.\\""',
     f"{Q} [question who-closed]: feedback of option 'a' quotes \"The council shut the old bridge on Monday.\", "
     "which is not verbatim in the article"),
    ("no-quote", Q, 'explanation = "The article says \\"The council closed the old bridge on Monday.\\""',
     'explanation = "The article says the council closed it."',
     f'{Q} [question who-closed]: explanation must quote the article (a "..." span of 3+ words)'),
    ("toml-missing", None, "delete", f"{L}/lesson.toml", f"{L}/lesson.toml: file is missing"),
    ("toml-invalid", f"{L}/ledger.toml", 'note = "Template headline."', 'note = "Template headline.',
     f"{L}/ledger.toml: invalid TOML: "),
    ("text-missing", None, "delete", f"{L}/lesson.md", f"{L}/lesson.md: file is missing"),
    ("text-not-utf8", None, "bytes", f"{L}/lesson.md", f"{L}/lesson.md: not valid UTF-8: "),
    ("no-ledger-entries", None, "write", f"{L}/ledger.toml", f"{L}/ledger.toml: needs [[sentence]] entries"),
    ("ledger-entry-not-table", None, "write-ledger-ints", f"{L}/ledger.toml",
     f"{L}/ledger.toml [sentence entry 1]: must be a table"),
    ("empty-labels", f"{L}/ledger.toml", 'labels = ["structural"]', "labels = []",
     f"{L}/ledger.toml [sentence entry 1 (s1)]: 'labels' must be a non-empty list"),
    ("unknown-label", f"{L}/ledger.toml", 'labels = ["structural"]', 'labels = ["made-up"]',
     f"{L}/ledger.toml [sentence entry 1 (s1)]: unknown label 'made-up' (known: stated, supported, unsupported, "
     "vague-attribution, contradicted, tension, non-sequitur, circular, hedged, background, drift, loaded, "
     "structural, overclaim, caption-mismatch, no-base-rate, out-of-context, correlation-as-cause)"),
    ("contradicted-without-where", f"{L}/ledger.toml", 'contradicts = ["The council closed the old bridge"]\n', "",
     f"{L}/ledger.toml [sentence entry 6 (s6)]: label 'contradicted' needs 'contradicts' naming where"),
    ("tension-without-where", f"{L}/ledger.toml", 'tension_with = ["The bridge reopened"]\n', "",
     f"{L}/ledger.toml [sentence entry 5 (s5)]: label 'tension' needs 'tension_with' naming where"),
    ("two-entries-one-sentence", f"{L}/ledger.toml", 'quote = "Officials say"', 'quote = "The mayor said"',
     f"{L}/ledger.toml [sentence entry 4 (s3)]: sentence s3 already has a ledger entry"),
    ("sentence-without-entry", f"{L}/ledger.toml",
     '[[sentence]]\nquote = "Post a Comment"\nlabels = ["structural"]\nnote = "Blog boilerplate."\n', "",
     f"{L}/ledger.toml: sentences with no ledger entry: s7"),
    ("option-not-table", Q, 'key = ["Officials say"]', 'key = ["Officials say"]\noption = ["x"]',
     f"{Q} [question cite-vague]: option 1 must be a table"),
    ("option-without-id", Q, '  id = "c"\n', "", f"{Q} [question who-closed]: option 3 needs an 'id'"),
    ("option-unknown-tag", Q, 'misconception = "quote-as-evidence"', 'misconception = "made-up-tag"',
     f"{Q} [question who-closed]: option 'b' uses undefined misconception 'made-up-tag'"),
    ("duplicate-option", Q, '  id = "c"\n', '  id = "b"\n', f"{Q} [question who-closed]: duplicate option id 'b'"),
    ("explain-with-key", Q, "model_answer = ", 'key = "a"\nmodel_answer = ',
     f"{Q} [question explain-bridge]: explain questions have a rubric, not a key"),
    ("missing-key", Q, 'key = "a"\n', "", f"{Q} [question who-closed]: missing 'key'"),
    ("cite-missing-key-with-distractor", Q, 'key = ["Officials say"]\n', "",
     f"{Q} [question cite-vague]: missing 'key'"),
    ("key-not-an-option", Q, 'key = "a"\n', 'key = "z"\n',
     f"{Q} [question who-closed]: key 'z' is not one of the options (a, b, c)"),
    ("multi-key-too-short", Q, 'key = ["a", "b"]', 'key = ["a"]',
     f"{Q} [question unsupported-multi]: a multi key must list at least two option ids"),
    ("multi-key-unknown", Q, 'key = ["a", "b"]', 'key = ["a", "x"]',
     f"{Q} [question unsupported-multi]: key refers to unknown option(s): x"),
    ("pair-key-not-list", Q, 'key = [["The council closed the old bridge", "The bridge reopened"]]', 'key = "nope"',
     f"{Q} [question pair-closed-open]: a pair key must be a list of [quote, quote] pairs"),
    ("pair-of-one", Q, 'key = [["The council closed the old bridge", "The bridge reopened"]]',
     'key = [["The council closed the old bridge"]]',
     f"{Q} [question pair-closed-open]: each pair in the key must have exactly two quotes"),
    ("pair-same-sentence", Q, 'key = [["The council closed the old bridge", "The bridge reopened"]]',
     f"key = [[{PAIR_MONDAY}]]", f"{Q} [question pair-closed-open]: pair key names the same sentence s2 twice"),
    ("bad-question-id", Q, 'id = "who-closed"', 'id = "Who Closed"',
     f"{Q} [question 1]: needs an 'id' of lower-case letters, digits and hyphens"),
    ("duplicate-question", Q, 'id = "unsupported-multi"', 'id = "who-closed"',
     f"{Q} [question who-closed]: duplicate question id"),
    ("unknown-category", Q, 'category = "states"', 'category = "opinion"',
     f"{Q} [question who-closed]: unknown category 'opinion' (known: states, unsupported, contradiction, source)"),
    ("unknown-type", Q, 'type = "choice"', 'type = "essay"',
     f"{Q} [question who-closed]: unknown type 'essay' (known: choice, multi, verdict, cite, pair, explain)"),
    ("bad-points", Q, "points = 2", 'points = "two"',
     f"{Q} [question unsupported-multi]: 'points' must be a positive whole number"),
    ("no-hints", Q, 'hints = ["Look at the first sentence of section 1."]', "hints = []",
     f"{Q} [question who-closed]: 'hints' must be a non-empty list of strings"),
    ("too-few-options", Q, WHO_CLOSED_C, "",
     f"{Q} [question who-closed]: a choice question needs at least three options"),
    ("option-without-text", Q, '  text = "The council"\n', "", f"{Q} [question who-closed]: option 'a' needs 'text'"),
    ("verdict-bad-scale", Q, 'scale = "statement"', 'scale = "vibes"',
     f"{Q} [question verdict-statement]: verdict needs scale 'statement' or 'sentence', not 'vibes'"),
    ("verdict-wrong-options", Q, 'id = "contradicted"', 'id = "maybe"',
     f"{Q} [question verdict-statement]: verdict options must be exactly: stated, not-stated, contradicted"),
    ("verdict-without-statement", Q, 'statement = "The article says the bridge is unsafe."\n', "",
     f"{Q} [question verdict-statement]: verdict needs a 'statement' to judge"),
    ("options-on-cite", Q, 'key = ["Officials say"]\n', CITE_OPTION,
     f"{Q} [question cite-vague]: cite questions do not take options"),
    ("distractor-on-choice", Q, '\n[[question]]\nid = "unsupported-multi"', "\n" + WHO_CLOSED_DISTRACTOR,
     f"{Q} [question who-closed]: only cite and pair questions take distractors"),
    ("distractor-unknown-tag", Q, DISTRACTOR_TAG + '"quote-as-evidence"', DISTRACTOR_TAG + '"made-up-tag"',
     f"{Q} [question cite-vague]: distractor 1 uses undefined misconception 'made-up-tag'"),
    ("distractor-in-key", Q, 'quote = "The mayor said"', 'quote = "Officials say"',
     f"{Q} [question cite-vague]: distractor 1 (s4) is part of the key"),
    ("rubric-criterion-empty", Q, 'any = ["closed", "closure"]', "any = []",
     f"{Q} [question explain-bridge]: rubric criterion 1 needs a 'label' and a non-empty 'any' or 'conclusion' list"),
    ("rubric-too-short", Q, REOPENING_RUBRIC, "",
     f"{Q} [question explain-bridge]: an explain question needs at least two rubric criteria"),
    ("rubric-unknown-field", Q, 'any = ["closed", "closure"]', 'any = ["closed"]\n  conclusions = ["shut"]',
     f"{Q} [question explain-bridge]: rubric criterion 1 has unknown field(s) conclusions"
     " (known: label, any, conclusion, weight)"),
    ("rubric-conclusion-not-list", Q, 'any = ["closed", "closure"]', 'any = ["closed"]\n  conclusion = "shut"',
     f"{Q} [question explain-bridge]: rubric criterion 1 'conclusion' must be a list of words or phrases"),
    ("rubric-star-inside-word", Q, 'any = ["closed", "closure"]', 'any = ["clo*sed"]',
     f'{Q} [question explain-bridge]: rubric criterion 1 \'any\': "clo*sed" may only use * at the end of a word'),
    ("rubric-phrase-without-word", Q, 'any = ["closed", "closure"]', 'any = ["closed", "?!"]',
     f'{Q} [question explain-bridge]: rubric criterion 1 \'any\': "?!" has no word in it'),
    ("rubric-weight-not-positive", Q, 'any = ["closed", "closure"]', 'any = ["closed"]\n  weight = -1',
     f"{Q} [question explain-bridge]: rubric criterion 1 'weight' must be a positive number"),
    ("wrong-conclusions-not-list", Q, 'model_answer = ', 'wrong_conclusions = [""]\nmodel_answer = ',
     f"{Q} [question explain-bridge]: 'wrong_conclusions' must be a list of words or phrases"),
    ("wrong-conclusions-only-absent-parts", Q, 'model_answer = ', 'wrong_conclusions = ["!monday"]\nmodel_answer = ',
     f'{Q} [question explain-bridge]: \'wrong_conclusions\': "!monday" needs a part without !: what the sentence'
     " must say"),
    ("wrong-conclusions-not-inside-a-part", Q, 'model_answer = ',
     'wrong_conclusions = ["monday ... fine/!closed"]\nmodel_answer = ',
     f'{Q} [question explain-bridge]: \'wrong_conclusions\': "monday ... fine/!closed" may only use ! at the start'
     " of a part (between '...')"),
    ("rubric-not-in-any", Q, 'any = ["closed", "closure"]', 'any = ["closed", "!open"]',
     f'{Q} [question explain-bridge]: rubric criterion 1 \'any\': "!open" may not use !: a part the sentence must'
     " not mention is only for 'wrong_conclusions'"),
    ("wrong-conclusions-on-choice", Q, 'key = "a"', 'key = "a"\nwrong_conclusions = ["the mayor"]',
     f"{Q} [question who-closed]: only explain questions take a rubric and 'wrong_conclusions'"),
    ("wrong-slug", Q, 'slug = "mini"', 'slug = "other"', f"{Q}: 'slug' must be 'mini' to match the lesson folder"),
    ("misconceptions-not-text", Q, 'quote-as-evidence = "Treats a quote as evidence for the claim"',
     "quote-as-evidence = 3", f"{Q}: [misconceptions] must map tags to descriptions"),
    ("no-questions", None, "write-quiz-header", Q, f"{Q}: needs [[question]] entries"),
    ("empty-article", None, "write", f"{L}/article.md", f"{L}/article.md: the article has no sentences"),
    ("bad-sentence-link", f"{L}/lesson.md", "(#s6)", "(#s99)", f"{L}/lesson.md: link to #s99, which is not a sentence"),
    ("no-lessons", None, "rmtree", "lesson/mini", "lesson/: no lesson folders found"),
    ("bad-folder-name", None, "rename", "lesson/mini", "lesson/Mini_Lesson: folder name must be a kebab-case slug"),
    ("orphan-quiz", None, "copy", "quizzes/other.toml", "quizzes/other.toml: no lesson folder of that name"),
    # Options are shuffled for each learner: no text may name an option by its letter or its place.
    ("letter-in-hint", Q, '"Look at the first sentence of section 1."', '"It is not option B."',
     f'{Q} [question who-closed]: hint 1 refers to an option by its letter ("option B"), but options are shuffled '
     "for each learner: name the option by its content"),
    ("letter-in-feedback", Q, 'feedback = "The mayor only \\"said the bridge was\\" unsafe."',
     'feedback = "Unlike (a), the mayor only \\"said the bridge was\\" unsafe."',
     f'{Q} [question who-closed]: feedback of option \'b\' refers to an option by its letter ("(a)"), but options '
     "are shuffled for each learner: name the option by its content"),
    ("place-in-option", Q, 'text = "Officials"', 'text = "None of the above"',
     f'{Q} [question who-closed]: option \'c\' refers to other options by their place ("None of the above"), but '
     "options are shuffled for each learner: name them by their content"),
    ("too-many-options", Q, WHO_CLOSED_C, WHO_CLOSED_C + "".join(
        f'  [[question.option]]\n  id = "x{n}"\n  text = "Extra {n}"\n'
        '  feedback = "Yes: \\"The council closed the old bridge on Monday.\\""\n' for n in range(6)),
     f"{Q} [question who-closed]: a choice question has at most 8 options (A to H)"),
]


def break_content(root: Path, file, old, new):
    if file is not None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return
    operation, target = old, root / new
    if operation == "delete":
        target.unlink()
    elif operation == "bytes":
        target.write_bytes(b"# Mini teaching\n\n\xff\xfe broken bytes\n")
    elif operation == "write":
        target.write_text('title = "x"\n' if target.suffix == ".toml" else "", encoding="utf-8")
    elif operation == "write-ledger-ints":
        target.write_text("sentence = [1, 2]\n", encoding="utf-8")
    elif operation == "write-quiz-header":
        target.write_text('slug = "mini"\ntitle = "Mini quiz"\n', encoding="utf-8")
    elif operation == "rmtree":
        shutil.rmtree(target)
    elif operation == "rename":
        target.rename(target.parent / "Mini_Lesson")
    elif operation == "copy":
        shutil.copy(root / Q, target)
    else:  # pragma: no cover - a typo in CASES
        raise AssertionError(operation)


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def problems_for(root):
    with pytest.raises(ContentError) as info:
        load_content(root)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(("case", "file", "old", "new", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_fault_has_its_exact_message(content, case, file, old, new, message):
    break_content(content, file, old, new)
    problems = problems_for(content)
    if message.endswith(": "):  # the parser's own detail follows (it differs between Python versions)
        assert any(p.startswith(message) and len(p) > len(message) for p in problems), problems
    else:
        assert message in problems, problems


def test_the_unbroken_fixture_loads(content):
    assert set(load_content(content)) == {"mini"}


@pytest.mark.parametrize("case", ["quote-not-found", "text-not-utf8", "orphan-quiz", "verdict-wrong-options"])
def test_a_broken_file_stops_the_app_before_it_stores_anything(content, tmp_path, case):
    file, old, new, message = next(c[1:] for c in CASES if c[0] == case)
    break_content(content, file, old, new)
    database = tmp_path / "never.sqlite"
    with pytest.raises(SystemExit) as info:
        create_app({"DATABASE": str(database), "SECRET_KEY": "k" * 40, "CONTENT_ROOT": str(content)})
    assert str(info.value.code).startswith("CloseRead cannot start: a content file is broken.")
    assert message.rstrip(": ") in str(info.value.code)
    assert not database.exists()


def test_one_broken_lesson_stops_the_good_ones_too(content, tmp_path):
    """Never half-loaded: a second, valid lesson is not served on its own either."""
    shutil.copytree(content / "lesson" / "mini", content / "lesson" / "mini-two")
    quiz = (content / Q).read_text(encoding="utf-8").replace('slug = "mini"', 'slug = "mini-two"', 1)
    (content / "quizzes" / "mini-two.toml").write_text(quiz, encoding="utf-8")
    assert set(load_content(content)) == {"mini", "mini-two"}
    break_content(content, f"{L}/lesson.md", "(#s6)", "(#s99)")
    with pytest.raises(SystemExit):
        create_app({"DATABASE": str(tmp_path / "x.sqlite"), "SECRET_KEY": "k" * 40, "CONTENT_ROOT": str(content)})


# --- every fault the loader can produce has a case ---------------------------------------------------


# Where quiz, ledger and lesson faults are reported: the loader, its checker, and each question type.
FAULT_MODULES = (content_loader, checker, base, choice, multi, verdict, cite, pair, explain)


def _path(filename: str) -> str:
    return str(Path(filename).resolve())


def fault_sites() -> set[tuple[str, int]]:
    """(file, line) of every fault report in FAULT_MODULES (calls of fail() or ContentProblem())."""
    sites = set()
    for module in FAULT_MODULES:
        path = _path(module.__file__)
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        inside_fail = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "fail":
                inside_fail |= {n.lineno for n in ast.walk(node) if hasattr(n, "lineno")}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                is_fail = isinstance(func, ast.Attribute) and func.attr == "fail"
                is_problem = isinstance(func, ast.Name) and func.id == "ContentProblem"
                if is_fail or (is_problem and node.lineno not in inside_fail):
                    sites.add((path, node.lineno))
    return sites


def test_every_fault_site_in_the_loader_has_a_case(tmp_path, monkeypatch):
    reached: set[tuple[str, int]] = set()
    real_fail = checker.Checker.fail
    real_problem = content_loader.ContentProblem

    def fail(self, item, fault):
        caller = sys._getframe(1)
        reached.add((_path(caller.f_code.co_filename), caller.f_lineno))
        return real_fail(self, item, fault)

    def problem(*args, **kwargs):
        caller = sys._getframe(1)
        if caller.f_code.co_name != "fail":
            reached.add((_path(caller.f_code.co_filename), caller.f_lineno))
        return real_problem(*args, **kwargs)

    monkeypatch.setattr(checker.Checker, "fail", fail)
    monkeypatch.setattr(content_loader, "ContentProblem", problem)
    for n, (_case, file, old, new, _message) in enumerate(CASES):
        root = tmp_path / f"c{n}"
        shutil.copytree(FIXTURES / "mini", root)
        break_content(root, file, old, new)
        with pytest.raises(ContentError):
            load_content(root)
    sites = fault_sites()
    assert len(sites) >= 50
    missing = sorted(sites - reached)
    lines = {path: Path(path).read_text(encoding="utf-8").splitlines() for path, _ in missing}
    assert not missing, "faults with no case:\n" + "\n".join(
        f"{Path(path).name}:{n}: {lines[path][n - 1].strip()}" for path, n in missing
    )
