"""Issue 16, names: look-alike, invisible and oversized names of students, classes and teachers.

The penetration test joined 19 look-alike "Alice"s to one class and 17 got in; 40 × U+FDFD and
stacked accents were accepted too. Every one of them must now be refused with a message
asking for another name, and a teacher sees any look-alikes that are already on a roster.
"""

import pytest

from closeread import names
from closeread.teacher import accounts
from tests.test_teacher_support import PASSWORD_A, PASSWORD_B, add_teacher, create_class, database, sign_in, teacher_app

LOOKALIKE_ALICES = [
    "Ali\u200bce",  # zero-width space
    "\u0410lice",  # Cyrillic capital A
    "\u202eecilA",  # right-to-left override
    "Al\u00adice",  # soft hyphen
    "Ali\x00ce",  # NUL
    "AIice",  # capital I for l
    "A1ice",  # digit one for l
    "ALICE",
    "alice",
    "\uff21\uff4c\uff49\uff43\uff45",  # fullwidth
    "Alic\u0435",  # Cyrillic e
    "Al\u0131ce",  # dotless i
    "Alice\u200d",  # zero-width joiner
    "\ufeffAlice",  # byte-order mark
    "Alice\u2060",  # word joiner
    "A\u200clice",  # zero-width non-joiner
    "Alice\u00a0",  # no-break space
    "Al\u0456ce",  # Cyrillic i
    "\u2066Alice\u2069",  # bidi isolates
    "Alice\u034f",  # combining grapheme joiner
    "Alice\u3164",  # Hangul filler (an invisible letter)
]
OVERSIZED = ["\ufdfd" * 40, "Ali" + "e" + "\u0301\u0302\u0303\u0304\u0306\u0307\u0308" * 4]
GOOD_NAMES = ["Zoë Ødegård", "Nguyễn Thị Minh", "李小龍", "क्षत्रिय", "O'Brien-Smith", "José María", "Ана Иванова"]


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B English")
    return {"app": app, "teacher": teacher, "class_id": class_id, "code": code}


def join(app, code, name):
    return app.test_client().post("/join", data={"code": code, "name": name})


def roster(app, class_id):
    db = database(app)
    try:
        return [r[0] for r in db.execute("SELECT display_name FROM class_members WHERE class_id = ?", [class_id])]
    finally:
        db.close()


def test_no_lookalike_alice_joins_a_class_that_has_alice(world):
    app, code = world["app"], world["code"]
    assert join(app, code, "Alice").status_code == 302
    refused = []
    for name in LOOKALIKE_ALICES:
        response = join(app, code, name)
        page = response.get_data(as_text=True)
        if response.status_code == 422 and ("already uses that name" in page or "cannot contain" in page):
            refused.append(name)
    assert refused == LOOKALIKE_ALICES
    assert roster(app, world["class_id"]) == ["Alice"]
    # The joining student is asked to pick another name, in words.
    page = join(app, code, "\u0410lice").get_data(as_text=True)
    assert "Someone in this class already uses that name. (“Alice” looks the same) Please pick another" in page


@pytest.mark.parametrize("name", OVERSIZED)
def test_oversized_names_are_refused(world, name):
    response = join(world["app"], world["code"], name)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "cannot contain" in page or "cannot stack more than 3 accents" in page


def test_names_in_other_scripts_and_with_accents_join(world):
    for name in GOOD_NAMES:
        assert join(world["app"], world["code"], name).status_code == 302, name
    assert sorted(roster(world["app"], world["class_id"])) == sorted(GOOD_NAMES)


def test_length_is_counted_in_characters_as_seen():
    hindi = "क्षत्रिय " * 4  # 4 x 5 clusters + spaces: far more code points than characters
    assert len(hindi.strip()) > 30 and len(names.graphemes(hindi.strip())) <= 40
    assert names.clean(hindi, 40) == hindi.strip()
    with pytest.raises(names.NameProblem, match="at most 40 characters"):
        names.clean("x" * 41, 40)


def test_whitespace_collapses_and_nfkc_applies():
    assert names.clean("  Ann \t\n Lee  ", 40) == "Ann Lee"
    assert names.clean("\uff21nn", 40) == "Ann"
    assert names.clean("ﬁona", 40) == "fiona"


def test_skeletons_follow_tr39():
    assert names.skeleton("\u0410lice") == names.skeleton("Alice")
    assert names.skeleton("rn") == names.skeleton("m")
    assert names.looks_like("B0b", "Bob") and names.looks_like("PAUL", "paul")
    assert not names.looks_like("Ann", "Anne") and not names.looks_like("Kim", "Tim")


def test_the_teacher_is_warned_about_lookalikes_already_on_the_roster(world):
    app, code, class_id = world["app"], world["code"], world["class_id"]
    assert join(app, code, "Alice").status_code == 302
    assert join(app, code, "Bob").status_code == 302
    db = database(app)  # as a roster from before names were checked would hold them
    with db.atomic():
        db.execute("UPDATE class_members SET display_name = ? WHERE display_name = 'Bob'", ["\u0410lice"])
    db.close()
    page = world["teacher"].get(f"/teacher/classes/{class_id}").get_data(as_text=True)
    assert "Some names look alike." in page
    assert "“Alice”, “\u0410lice”" in page or "“\u0410lice”, “Alice”" in page
    clean = teacher_app_page_without_lookalikes(world)
    assert "Some names look alike." not in clean


def teacher_app_page_without_lookalikes(world):
    _, code = create_class(world["teacher"], "Other class")
    join(world["app"], code, "Alice")
    join(world["app"], code, "Alicia")
    db = database(world["app"])
    other = db.execute("SELECT id FROM classes WHERE join_code = ?", [code]).fetchone()[0]
    db.close()
    return world["teacher"].get(f"/teacher/classes/{other}").get_data(as_text=True)


def test_a_teacher_cannot_rename_a_student_to_a_lookalike(world):
    app, teacher, class_id = world["app"], world["teacher"], world["class_id"]
    join(app, world["code"], "Alice")
    join(app, world["code"], "Bob")
    db = database(app)
    bob = db.execute("SELECT id FROM class_members WHERE display_name = 'Bob'").fetchone()[0]
    db.close()
    teacher.post(f"/teacher/classes/{class_id}/students/{bob}/rename", data={"name": "A1ice"})
    assert sorted(roster(app, class_id)) == ["Alice", "Bob"]
    page = teacher.get(f"/teacher/classes/{class_id}").get_data(as_text=True)
    assert "Bob was not renamed: Someone else in this class already uses that name. (“Alice” looks the same)" in page
    teacher.post(f"/teacher/classes/{class_id}/students/{bob}/rename", data={"name": "Bo\u200bb"})
    assert sorted(roster(app, class_id)) == ["Alice", "Bob"]


@pytest.mark.parametrize("name", ["9B \u202eEnglish", "\ufdfd" * 10, "Class\x00"])
def test_class_names_are_cleaned_too(world, name):
    response = world["teacher"].post("/teacher/classes", data={"name": name})
    assert response.status_code == 422 and "cannot contain" in response.get_data(as_text=True)


def test_teacher_emails_refuse_invisible_characters_and_lookalikes(world):
    db = database(world["app"])
    try:
        with pytest.raises(accounts.AccountError, match="invisible"):
            accounts.create_teacher(db, "t\u200b@school.org", PASSWORD_B)
        with pytest.raises(accounts.AccountError, match="looks the same"):
            accounts.create_teacher(db, "t@sch\u043eol.org", PASSWORD_B)  # Cyrillic o
        # A fullwidth address is the same address after NFKC.
        with pytest.raises(accounts.AccountError, match="already an account"):
            accounts.create_teacher(db, "\uff54@school.org", PASSWORD_B)
    finally:
        db.close()
