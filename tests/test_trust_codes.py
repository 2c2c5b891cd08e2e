"""Issue 16: guessable codes, unbounded anonymous records, and `flask prune`.

Findings: one client guessed join and resume codes at about 300 a second with no limit
(`GET /join/<code>` answered 200 or 404 forever); every cookieless start created a new
learner with no limit.
"""

import re
from datetime import UTC, datetime, timedelta

from closeread import code_guard, prune
from closeread.teacher import classes
from tests.test_teacher_support import PASSWORD_A, Student, add_teacher, create_class, database, sign_in, teacher_app


def world(tmp_path, **config):
    app = teacher_app(tmp_path, **config)
    add_teacher(app, "t@school.org", PASSWORD_A)
    teacher = app.test_client()
    sign_in(teacher, "t@school.org", PASSWORD_A)
    class_id, code = create_class(teacher, "9B English")
    return app, teacher, class_id, code


def wrong_codes(code: str, n: int, length: int = 6):
    out = []
    while len(out) < n:
        guess = classes.random_code(length)
        if guess != code:
            out.append(guess)
    return out


def test_join_link_guessing_is_limited_per_client(tmp_path):
    app, _, _, code = world(tmp_path)
    guesser = app.test_client()
    statuses = [guesser.get(f"/join/{guess}").status_code for guess in wrong_codes(code, code_guard.LIMIT + 5)]
    assert statuses[: code_guard.LIMIT] == [404] * code_guard.LIMIT
    assert set(statuses[code_guard.LIMIT:]) == {429}
    limited = guesser.get(f"/join/{code}")  # even the right code waits: nothing to learn from the answer
    assert limited.status_code == 429 and 0 < int(limited.headers["Retry-After"]) <= 3600
    assert "Too many wrong codes were tried from this network" in limited.get_data(as_text=True)
    # Another client (another address) is not affected.
    other = app.test_client().get(f"/join/{code}", environ_base={"REMOTE_ADDR": "192.0.2.44"})
    assert other.status_code == 200


def test_join_form_and_resume_share_the_limit(tmp_path):
    app, _, _, code = world(tmp_path)
    client = app.test_client()
    for guess in wrong_codes(code, code_guard.LIMIT // 2):
        assert client.post("/join", data={"code": guess, "name": "Eve"}).status_code == 422
    for guess in wrong_codes("", code_guard.LIMIT // 2, length=classes.RESUME_CODE_LENGTH):
        assert client.post("/resume", data={"code": guess}).status_code == 422
    refused = client.post("/join", data={"code": code, "name": "Eve"})
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    page = refused.get_data(as_text=True)
    assert "Too many wrong codes" in page and 'value="Eve"' in page  # the form keeps what was typed
    assert client.post("/resume", data={"code": "ABCD" * 3}).status_code == 429


def test_malformed_codes_do_not_count(tmp_path):
    app, _, _, code = world(tmp_path)
    client = app.test_client()
    for _ in range(code_guard.LIMIT + 5):
        assert client.post("/join", data={"code": "ABC", "name": "Eve"}).status_code == 422
    assert client.post("/join", data={"code": code, "name": "Eve"}).status_code == 302


def test_resume_codes_are_twelve_characters_and_old_ones_still_work(tmp_path):
    app, _, class_id, code = world(tmp_path)
    ann = Student(app, code, "Ann")
    db = database(app)
    resume = db.execute("SELECT resume_code FROM class_members WHERE display_name = 'Ann'").fetchone()[0]
    assert re.fullmatch(rf"[{classes.ALPHABET}]{{12}}", resume)
    with db.atomic():  # a code handed out before the change
        db.execute("UPDATE class_members SET resume_code = 'ABCD2345' WHERE display_name = 'Ann'")
    db.close()
    phone = app.test_client()
    assert phone.post("/resume", data={"code": "abcd-2345"}).status_code == 302
    assert "Ann, you are in 9B English" in phone.get("/my-class").get_data(as_text=True)
    assert ann.client.get("/my-class").status_code == 200
    assert classes.format_resume_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


def test_new_anonymous_learners_are_limited_per_client(tmp_path):
    app, *_ = world(tmp_path, ANON_LEARNERS_PER_HOUR=5)
    statuses = [app.test_client().post("/lessons/mini/attempts").status_code for _ in range(7)]
    assert statuses == [302] * 5 + [429, 429]
    refused = app.test_client().post("/lessons/mini/attempts")
    assert "Too many new learners were started from this network" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    api = app.test_client().post("/api/chat/start", json={"lesson": "mini"})
    assert api.status_code == 429 and api.get_json()["message"].startswith("Too many new learners")
    db = database(app)
    assert db.execute("SELECT COUNT(*) FROM learners WHERE kind = 'self'").fetchone()[0] == 5
    db.close()
    # A browser that already has its learner carries on.
    assert app.test_client().post("/lessons/mini/attempts", environ_base={"REMOTE_ADDR": "192.0.2.8"}).status_code \
        == 302


def test_prune_deletes_abandoned_anonymous_learners_only(tmp_path):
    app, _, _, code = world(tmp_path)
    old_self = app.test_client()
    old_self.post("/lessons/mini/attempts")
    recent_self = app.test_client()
    recent_self.post("/lessons/mini/attempts")
    student = Student(app, code, "Ann")
    student.attempt({"who-closed": "a"})
    db = database(app)
    long_ago = (datetime.now(UTC) - timedelta(days=200)).isoformat(timespec="seconds")
    with db.atomic():  # age everything but the recent self-study learner
        first = db.execute("SELECT id FROM learners WHERE kind = 'self' ORDER BY created_at, rowid LIMIT 1"
                           ).fetchone()[0]
        for table, column, where in (("learners", "created_at", "1"), ("attempts", "started_at", "1"),
                                     ("responses", "created_at", "1")):
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {where}", [long_ago])
        recent = db.execute("SELECT id FROM learners WHERE kind = 'self' AND id != ?", [first]).fetchone()[0]
        db.execute("UPDATE learners SET created_at = ? WHERE id = ?", [datetime.now(UTC).isoformat(), recent])
        db.execute("UPDATE attempts SET started_at = ? WHERE learner_id = ?", [datetime.now(UTC).isoformat(), recent])
    db.close()
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["prune", "--older-than", "90d", "--dry-run"])
    assert dry.exit_code == 0 and "Would delete 1 anonymous learner(s) and 1 attempt(s)" in dry.output
    db = database(app)
    assert db.execute("SELECT COUNT(*) FROM learners").fetchone()[0] == 3
    db.close()
    done = runner.invoke(args=["prune", "--older-than", "90d"])
    assert done.exit_code == 0 and "Deleted 1 anonymous learner(s)" in done.output
    db = database(app)
    kinds = sorted(r[0] for r in db.execute("SELECT kind FROM learners"))
    assert kinds == ["self", "student"]  # the old student stays: class members are never pruned
    assert db.execute("SELECT COUNT(*) FROM learners WHERE id = ?", [first]).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM attempts WHERE learner_id = ?", [first]).fetchone()[0] == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    bad = runner.invoke(args=["prune", "--older-than", "ninety"])
    assert bad.exit_code != 0 and "90d" in bad.output


def test_prune_age_parsing():
    assert prune.parse_age("90d") == timedelta(days=90)
    assert prune.parse_age("12w") == timedelta(weeks=12)
    assert prune.parse_age("48h") == timedelta(hours=48)
