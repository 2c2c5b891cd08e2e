"""Classes, join codes and class members. Plain functions over a Database, no Flask.

A joined student is an ordinary ``learners`` row (kind ``"student"``) plus a
``class_members`` row that links it to one class, holds the name the teacher
sees and a personal resume code for carrying on from another device.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlite_utils import Database

from .. import names
from ..learner import store

# Capital letters and digits without the look-alikes 0/O, 1/I/L.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
RESUME_CODE_LENGTH = 12  # 31^12, about 2^59; codes made before were 8 characters and still work
LEGACY_RESUME_CODE_LENGTH = 8
NAME_MAX = 40
CLASS_NAME_MAX = 80


class ClassError(ValueError):
    """The request cannot be done as asked; the message says why, for the user."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(text: str | None) -> str:
    """Upper-case, without spaces or dashes, as people type codes off a board."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -\t")


def code_problem(code: str, length: int, also: int | None = None) -> str | None:
    if len(code) != length and len(code) != also:
        return f"The code has {length} characters."
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        return f"Codes never contain {', '.join(bad)}. Check the code and try again."
    return None


def format_resume_code(code: str) -> str:
    """In groups of four: ABCD-EFGH-JKMN (an older 8-character code: ABCD-EFGH)."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def clean_name(name: str | None, limit: int = NAME_MAX) -> str:
    """The name to store (``names.clean``: NFKC, no invisible characters, ``limit`` graphemes) or ClassError."""
    try:
        return names.clean(name, limit)
    except names.NameProblem as exc:
        raise ClassError(str(exc)) from exc


# --- classes -------------------------------------------------------------------------------------


def create_class(db: Database, teacher_id: int, name: str) -> int:
    name = clean_name(name, CLASS_NAME_MAX)
    with db.atomic():
        for _ in range(20):
            code = random_code(JOIN_CODE_LENGTH)
            if not db.execute("SELECT 1 FROM classes WHERE join_code = ?", [code]).fetchone():
                break
        else:  # pragma: no cover - 31**6 codes; twenty collisions in a row do not happen
            raise ClassError("Could not make a join code. Try again.")
        cursor = db.execute(
            "INSERT INTO classes (teacher_id, name, join_code, created_at) VALUES (?, ?, ?, ?)",
            [teacher_id, name, code, _now()],
        )
        return int(cursor.lastrowid)


def classes_for(db: Database, teacher_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT c.*, (SELECT COUNT(*) FROM class_members m WHERE m.class_id = c.id) AS students"
            " FROM classes c WHERE c.teacher_id = ? ORDER BY c.archived_at IS NOT NULL, c.name COLLATE NOCASE, c.id",
            [teacher_id],
        )
    )


def class_for_teacher(db: Database, class_id: int, teacher_id: int) -> dict | None:
    """The class if it belongs to this teacher, else None (the caller answers 404)."""
    rows = list(db.query("SELECT * FROM classes WHERE id = ? AND teacher_id = ?", [class_id, teacher_id]))
    return rows[0] if rows else None


def class_by_code(db: Database, code: str) -> dict | None:
    """An active (not archived) class with this join code."""
    rows = list(
        db.query("SELECT * FROM classes WHERE join_code = ? AND archived_at IS NULL", [normalise_code(code)])
    )
    return rows[0] if rows else None


def rename_class(db: Database, class_id: int, name: str) -> None:
    name = clean_name(name, CLASS_NAME_MAX)
    with db.atomic():
        db.execute("UPDATE classes SET name = ? WHERE id = ?", [name, class_id])


def set_archived(db: Database, class_id: int, archived: bool) -> None:
    with db.atomic():
        db.execute("UPDATE classes SET archived_at = ? WHERE id = ?", [_now() if archived else None, class_id])


# --- members -------------------------------------------------------------------------------------


def members(db: Database, class_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM class_members WHERE class_id = ? ORDER BY display_name COLLATE NOCASE, id", [class_id]
        )
    )


def member_in_class(db: Database, class_id: int, member_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM class_members WHERE id = ? AND class_id = ?", [member_id, class_id]))
    return rows[0] if rows else None


def member_for_learner(db: Database, learner_id: str | None) -> dict | None:
    if not learner_id:
        return None
    rows = list(
        db.query(
            "SELECT m.*, c.name AS class_name, c.archived_at FROM class_members m"
            " JOIN classes c ON c.id = m.class_id WHERE m.learner_id = ?",
            [learner_id],
        )
    )
    return rows[0] if rows else None


def member_by_resume_code(db: Database, code: str) -> dict | None:
    rows = list(db.query("SELECT * FROM class_members WHERE resume_code = ?", [normalise_code(code)]))
    return rows[0] if rows else None


def _name_taken(db: Database, class_id: int, name: str, except_member: int | None = None) -> str | None:
    """The name of a member of the class whose name looks like ``name`` (TR39 skeleton, any case), or None."""
    others = db.execute(
        "SELECT id, display_name FROM class_members WHERE class_id = ? AND id IS NOT ?", [class_id, except_member]
    ).fetchall()
    found = names.first_lookalike(name, others)
    return found[1] if found else None


def lookalikes(roster: list[dict]) -> list[list[str]]:
    """Names on a roster that look alike (joined before names were checked), for the teacher."""
    return [[n for _, n in group] for group in names.lookalike_groups((m["id"], m["display_name"]) for m in roster)]


def join_class(db: Database, class_id: int, display_name: str) -> dict:
    """Create a student learner in the class; returns the class_members row."""
    name = clean_name(display_name)
    with db.atomic():
        taken = _name_taken(db, class_id, name)
        if taken:
            same = "" if taken.casefold() == name.casefold() else f" (“{taken}” looks the same)"
            raise ClassError(
                f"Someone in this class already uses that name.{same} Please pick another: add an initial, "
                "or use your resume code if that is you on another device."
            )
        learner_id = store.new_learner_id()
        db.execute(
            "INSERT INTO learners (id, kind, display_name, created_at) VALUES (?, 'student', ?, ?)",
            [learner_id, name, _now()],
        )
        for _ in range(20):
            code = random_code(RESUME_CODE_LENGTH)
            if not db.execute("SELECT 1 FROM class_members WHERE resume_code = ?", [code]).fetchone():
                break
        cursor = db.execute(
            "INSERT INTO class_members (class_id, learner_id, display_name, resume_code, joined_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [class_id, learner_id, name, code, _now()],
        )
        member_id = int(cursor.lastrowid)
    member = member_in_class(db, class_id, member_id)
    assert member is not None
    return member


def rename_member(db: Database, member: dict, display_name: str) -> None:
    name = clean_name(display_name)
    with db.atomic():
        taken = _name_taken(db, member["class_id"], name, member["id"])
        if taken:
            same = "" if taken.casefold() == name.casefold() else f" (“{taken}” looks the same)"
            raise ClassError(f"Someone else in this class already uses that name.{same}")
        db.execute("UPDATE class_members SET display_name = ? WHERE id = ?", [name, member["id"]])
        db.execute("UPDATE learners SET display_name = ? WHERE id = ?", [name, member["learner_id"]])


def _references(db: Database, table: str) -> list[tuple[str, str, str]]:
    """(child table, child column, parent column) for every foreign key pointing at ``table``.

    Read from the schema, so tables added later by other features are covered.
    """
    out = []
    for name in db.table_names():
        for fk in db[name].foreign_keys:
            if fk.other_table == table and name != table:
                parent_col = fk.other_column or db[table].pks[0]
                out.append((name, fk.column, parent_col))
    return out


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def delete_where(db: Database, table: str, where: str, params: list) -> None:
    """Delete rows of ``table`` matching ``where`` and, first, every row that refers to them."""
    for child, column, parent_col in _references(db, table):
        delete_where(
            db,
            child,
            f"{_quote(column)} IN (SELECT {_quote(parent_col)} FROM {_quote(table)} WHERE {where})",
            params,
        )
    db.execute(f"DELETE FROM {_quote(table)} WHERE {where}", params)


def remove_member(db: Database, member: dict) -> None:
    """Remove a student and delete all their data: attempts, responses, reviews, everything."""
    with db.atomic():
        delete_where(db, "learners", "id = ?", [member["learner_id"]])


def merge_members(db: Database, source: dict, target: dict) -> None:
    """Fold ``source`` into ``target``: its attempts become the target's; the source goes."""
    if source["id"] == target["id"] or source["class_id"] != target["class_id"]:
        raise ClassError("Choose another student of the same class to merge with.")
    with db.atomic():
        for child, column, _parent in _references(db, "learners"):
            if child == "class_members":
                continue
            db.execute(
                f"UPDATE {_quote(child)} SET {_quote(column)} = ? WHERE {_quote(column)} = ?",
                [target["learner_id"], source["learner_id"]],
            )
        delete_where(db, "learners", "id = ?", [source["learner_id"]])


def learner_exists(db: Database, learner_id: str) -> bool:
    return db.execute("SELECT 1 FROM learners WHERE id = ?", [learner_id]).fetchone() is not None
