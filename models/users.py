"""The people who may change items from `docket serve`'s page. Only a salted
hash of a password is stored, made by the caller (the CLI uses the format of
datasette-auth-passwords, which checks it at login). These functions run
inside the caller's write transaction."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models.errors import ParameterError, UnknownUser

# datasette-auth-passwords reads accounts from keys "NAME_password_hash"
RESERVED = "_password_hash"


def check_name(name: str) -> str:
    """The user name as it will be recorded in the history, or a ParameterError."""
    cleaned = name.strip()
    if not cleaned:
        raise ParameterError("{name}: a user name cannot be empty", "name")
    if any(not c.isprintable() for c in cleaned) or RESERVED in cleaned:
        raise ParameterError(f"{{name}}: {name!r} cannot be a user name: use letters, digits, spaces or punctuation",
                             "name")
    return cleaned


def save(db: Database, now: str, name: str, password_hash: str) -> bool:
    """Add a user or change their password; True when the user is new."""
    exists = db.execute("SELECT 1 FROM web_users WHERE name = ?", [name]).fetchone() is not None
    db.execute(
        "INSERT INTO web_users (name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at",
        [name, password_hash, now, now],
    )
    return not exists


def remove(db: Database, name: str) -> None:
    if db.execute("DELETE FROM web_users WHERE name = ?", [name]).rowcount == 0:
        raise UnknownUser(f"no user {name!r}")


def names(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM web_users ORDER BY name COLLATE NOCASE")]


def password_hashes(db: Database) -> dict[str, str]:
    return dict(db.execute("SELECT name, password_hash FROM web_users ORDER BY name").fetchall())
