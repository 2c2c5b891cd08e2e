"""Transactions take the write lock first, so concurrent writers queue instead of failing."""

import threading

import pytest

from closeread.db import connect


@pytest.fixture
def path(tmp_path):
    path = str(tmp_path / "lock.sqlite")
    db = connect(path)
    db.execute("CREATE TABLE t (who TEXT)")
    db.conn.commit()
    db.close()
    return path


def test_read_then_write_survives_another_writer(path):
    """The pattern of record_response: read, then insert, while another process writes.

    With a deferred BEGIN the other writer commits between our read and our
    write, and our write fails with "database is locked". With BEGIN IMMEDIATE
    the other writer waits for us instead.
    """
    a, b = connect(path), connect(path)
    errors = []
    done = threading.Event()

    def other_writer():
        try:
            with b.atomic():
                b.execute("INSERT INTO t VALUES ('b')")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        done.set()

    with a.atomic():
        a.execute("SELECT COUNT(*) FROM t").fetchone()
        thread = threading.Thread(target=other_writer)
        thread.start()
        done.wait(0.5)  # without the write lock, b commits here
        a.execute("INSERT INTO t VALUES ('a')")
    thread.join(15)
    assert errors == []
    assert sorted(r[0] for r in a.execute("SELECT who FROM t")) == ["a", "b"]


def test_error_rolls_back_and_nesting_uses_savepoints(path):
    db = connect(path)
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t VALUES ('gone')")
        raise RuntimeError("boom")
    with db.atomic():
        db.execute("INSERT INTO t VALUES ('kept')")
        with pytest.raises(RuntimeError), db.atomic():
            db.execute("INSERT INTO t VALUES ('inner')")
            raise RuntimeError("inner boom")
    assert not db.conn.in_transaction
    assert [r[0] for r in db.execute("SELECT who FROM t")] == ["kept"]
