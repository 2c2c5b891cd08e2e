"""Lesson bundles: export then import gives the same lesson; every unsafe or broken archive is refused.

Each refusal names the fault, and nothing of a refused bundle is kept.
"""

import io
import stat
import zipfile

import pytest

from closeread.content.checker import ContentError
from closeread.library import bundles, snapshot
from closeread.library.imports import export_bundle, import_bundle
from tests.helpers import ROOT
from tests.test_teacher_support import PASSWORD_A, PASSWORD_B, add_teacher, database, sign_in, teacher_app

SLUG = "germany-mali"


def lesson_files(slug=SLUG):
    return snapshot.read_files(ROOT, slug)


def renamed(files, new):
    """The lesson's files under another slug (the quiz names its slug too)."""
    out = {}
    for path, text in files.items():
        if path == snapshot.quiz_path(SLUG):
            text = text.replace(f'slug = "{SLUG}"', f'slug = "{new}"', 1)
        out[path.replace(SLUG, new)] = text
    return out


MANIFEST = {"title": "Germany and Mali", "language": "en", "licence": "CC BY 4.0", "author": "A Teacher"}


def good_bundle(slug="mali-copy"):
    return bundles.write_bundle(slug, renamed(lesson_files(), slug), MANIFEST)


def zip_of(entries, symlink=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def entries_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


@pytest.fixture
def world(tmp_path):
    app = teacher_app(tmp_path, CONTENT_ROOT=str(ROOT))
    one = add_teacher(app, "one@school.org", PASSWORD_A)
    two = add_teacher(app, "two@school.org", PASSWORD_B)
    return {"app": app, "db": database(app), "one": one, "two": two}


def faults(db, data, teacher, builtin=frozenset({SLUG})):
    with pytest.raises(ContentError) as caught:
        import_bundle(db, data, teacher, set(builtin))
    return [str(p) for p in caught.value.problems]


def test_export_then_import_gives_equal_content(world):
    db = world["db"]
    data = good_bundle()
    lesson, new = import_bundle(db, data, world["one"], {SLUG})
    assert new and lesson.slug == "mali-copy"
    original = snapshot.load_from_files(lesson_files(), SLUG)
    assert [(q.id, q.type, q.key, q.prompt) for q in lesson.quiz.questions] == \
        [(q.id, q.type, q.key, q.prompt) for q in original.quiz.questions]
    assert [s.text for s in lesson.article.sentences] == [s.text for s in original.article.sentences]
    assert lesson.ledger == original.ledger and lesson.teaching == original.teaching
    again = export_bundle(db, "mali-copy", lesson.version)
    assert entries_of(again) == entries_of(data)  # byte for byte, manifest included
    row = db.execute("SELECT teacher_id, licence, author FROM imported_lessons WHERE slug = 'mali-copy'").fetchone()
    assert row == (world["one"], "CC BY 4.0", "A Teacher")


def test_cli_export_and_import(world, tmp_path):
    runner = world["app"].test_cli_runner()
    out = tmp_path / "mali.zip"
    result = runner.invoke(args=["export-lesson", SLUG, str(out)])
    assert result.exit_code == 0, result.output
    manifest = entries_of(out.read_bytes())["manifest.toml"].decode()
    assert 'slug = "germany-mali"' in manifest and "format_version = 1" in manifest
    refused = runner.invoke(args=["import-lesson", str(out), "--teacher", "one@school.org"])
    assert refused.exit_code != 0 and "already a built-in lesson" in refused.output
    copy = tmp_path / "copy.zip"
    copy.write_bytes(good_bundle("cli-copy"))
    result = runner.invoke(args=["import-lesson", str(copy), "--teacher", "one@school.org"])
    assert result.exit_code == 0 and "Imported cli-copy" in result.output, result.output


UNSAFE = {
    "not a zip": (b"this is a text file, not a bundle", "this is not a zip file"),
    "truncated": (None, "truncated or damaged"),
    "path traversal": (zip_of({"manifest.toml": "x", "../evil.md": "x"}), "path traversal"),
    "absolute path": (zip_of({"/etc/evil.toml": "x"}), "path traversal"),
    "symlink": (zip_of({"manifest.toml": "x"}, symlink="lesson/a/article.md"), "symbolic links are not allowed"),
    "unknown type": (zip_of({"manifest.toml": "x", "lesson/a/run.py": "print()"}), "unknown file type '.py'"),
    "too many files": (zip_of({f"lesson/a/{n}.md": "x" for n in range(40)}), "too many files: 40 entries"),
    "zip bomb": (zip_of({"manifest.toml": "x", "lesson/a/article.md": "a" * 3_000_000}),
                 "over the limit of 2,000,000 bytes"),
}


@pytest.mark.parametrize("case", list(UNSAFE))
def test_unsafe_archives_are_refused_with_a_clear_message(world, case):
    data, message = UNSAFE[case]
    if data is None:
        data = good_bundle()[:2000]
    count = "SELECT COUNT(*) FROM lesson_versions"
    before = world["db"].execute(count).fetchone()[0]  # the built-in lessons' versions
    found = faults(world["db"], data, world["one"])
    assert any(message in f for f in found), found
    assert world["db"].execute(count).fetchone()[0] == before  # nothing half-imported


def test_a_bomb_that_lies_about_its_size_is_stopped_while_unpacking(world):
    data = bytearray(zip_of({"manifest.toml": "x", "lesson/a/article.md": "a" * 3_000_000}))
    # Rewrite the declared sizes (local header and central directory) to 10 bytes.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("lesson/a/article.md")
    real = (3_000_000).to_bytes(4, "little")
    data = bytes(data).replace(real, (10).to_bytes(4, "little"))
    assert info.file_size == 3_000_000
    found = faults(world["db"], data, world["one"])
    assert any("cannot be unpacked" in f or "over the size limit" in f for f in found), found


def test_wrong_encoding_names_the_file(world):
    files = renamed(lesson_files(), "latin")
    data = bundles.write_bundle("latin", files, MANIFEST)
    entries = entries_of(data)
    entries["lesson/latin/lesson.md"] = "Café".encode("latin-1")
    found = faults(world["db"], zip_of(entries), world["one"])
    assert found == ["lesson/latin/lesson.md: not UTF-8 text (byte 3): save the file as UTF-8"]


def test_duplicate_and_foreign_slugs(world):
    db = world["db"]
    assert any("already a built-in lesson" in f for f in faults(db, good_bundle(SLUG), world["one"]))
    import_bundle(db, good_bundle("shared"), world["one"], {SLUG})
    found = faults(db, good_bundle("shared"), world["two"])
    assert found == ["manifest.toml [slug]: 'shared' is the slug of a lesson another teacher imported: give the "
                     "bundle another slug"]
    two_lessons = entries_of(good_bundle("one-lesson"))
    two_lessons.update({k.replace("one-lesson", "another"): v for k, v in two_lessons.items() if "lesson/" in k})
    found = faults(db, zip_of(two_lessons), world["one"])
    assert any("the bundle holds several lessons (another, one-lesson)" in f for f in found), found
    _, new = import_bundle(db, good_bundle("shared"), world["one"], {SLUG})  # the owner may update it
    assert new is False


def test_every_content_fault_is_reported_and_nothing_is_kept(world):
    files = renamed(lesson_files(), "broken")
    quiz = snapshot.quiz_path("broken")
    files[quiz] = files[quiz].replace('type = "choice"', 'type = "choise"', 1).replace("points = 2", "points = -1", 1)
    del files["lesson/broken/ledger.toml"]
    found = faults(world["db"], bundles.write_bundle("broken", files, {**MANIFEST, "author": ""}), world["one"])
    assert "lesson/broken/ledger.toml: file is missing from the bundle" in found
    assert "manifest.toml [author]: is missing or empty" in found
    files = renamed(lesson_files(), "broken")
    files[quiz] = files[quiz].replace('type = "choice"', 'type = "choise"', 1)
    found = faults(world["db"], bundles.write_bundle("broken", files, MANIFEST), world["one"])
    assert any(f.startswith("quizzes/broken.toml [question") and "unknown type 'choise'" in f for f in found), found
    assert world["db"].execute("SELECT COUNT(*) FROM lessons WHERE slug = 'broken'").fetchone()[0] == 0


def test_teacher_pages_import_and_keep_lessons_to_their_owner(world):
    app = world["app"]
    one, two = app.test_client(), app.test_client()
    sign_in(one, "one@school.org", PASSWORD_A)
    sign_in(two, "two@school.org", PASSWORD_B)
    response = one.post("/teacher/lessons/import", data={"bundle": (io.BytesIO(good_bundle("mine")), "mine.zip")},
                        content_type="multipart/form-data")
    assert response.status_code == 302
    assert 'href="/lessons/mine"' in one.get("/teacher/lessons").get_data(as_text=True)
    assert '/teacher/lessons/mine/bundle.zip' in one.get("/teacher/lessons").get_data(as_text=True)
    assert '/teacher/lessons/mine/bundle.zip' not in two.get("/teacher/lessons").get_data(as_text=True)
    assert two.get("/teacher/lessons/mine/bundle.zip").status_code == 404
    assert two.get("/teacher/lessons/mine/questions.gift").status_code == 404
    assert one.get("/teacher/lessons/mine/bundle.zip").status_code == 200
    bad = one.post("/teacher/lessons/import", data={"bundle": (io.BytesIO(b"nope"), "x.zip")},
                   content_type="multipart/form-data")
    assert bad.status_code == 422 and "this is not a zip file" in bad.get_data(as_text=True)
    assert app.test_client().get("/lessons/mine").status_code == 404  # not for self-study
