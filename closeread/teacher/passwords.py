"""Password rules and hashing for teacher accounts. No Flask.

The rules follow NIST SP 800-63B: a minimum length (12), no composition rules,
long passphrases accepted (up to 256 characters), and a check against a list of
commonly used passwords that ships with the project
(``closeread/data/common-passwords.txt``). Hashes are Werkzeug's scrypt.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 256
COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"

# Compared against when the email is unknown, so a wrong email costs as much
# time as a wrong password and response times do not reveal who has an account.
@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash("closeread-no-such-teacher", method="scrypt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("# "))


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters. A few words with spaces between them are fine."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    folded = password.strip().lower()
    squashed = "".join(folded.split())  # "correct horse battery staple" is the listed phrase too
    if folded in common_passwords() or squashed in common_passwords():
        return "This password is on a list of commonly used passwords. Choose another one."
    if email and folded == email.strip().lower():
        return "Do not use your email address as your password."
    if len(set(password)) == 1:
        return "Do not repeat one character."
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no hash (unknown account) it still does the work."""
    if password_hash is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(password_hash, password)
