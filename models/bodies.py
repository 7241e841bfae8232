"""Responsible bodies: one row per body, any number of names (aliases) that
lead to it, and the links from items to bodies. Names are matched on their
`normalise`d form, so "Ministry of  Finance" and "ministry of finance" are
one body without anyone saying so; other spellings are merged by `alias`.
These functions run inside the caller's write transaction."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models.errors import ParameterError, UnknownBody
from docket.models.matching import normalise
from docket.models.records import Body


def body_id(db: Database, name: str) -> int | None:
    row = db.execute("SELECT body_id FROM body_aliases WHERE alias_key = ?", [normalise(name)]).fetchone()
    return row[0] if row else None


def ensure_body(db: Database, name: str) -> int:
    """The id of the body called `name`, created on first sight."""
    found = body_id(db, name)
    if found is not None:
        return found
    new_id = db.execute("INSERT INTO bodies (name) VALUES (?)", [name.strip()]).lastrowid
    db.execute(
        "INSERT INTO body_aliases (alias_key, alias, body_id) VALUES (?, ?, ?)",
        [normalise(name), name.strip(), new_id],
    )
    return new_id


def link(db: Database, item_id: str, names: list[str]) -> None:
    """Point `item_id` at the bodies of `names`, in order, replacing old links."""
    db.execute("DELETE FROM item_bodies WHERE item_id = ?", [item_id])
    for position, name in enumerate(n for n in names if normalise(n)):
        db.execute(
            "INSERT OR IGNORE INTO item_bodies (item_id, body_id, position) VALUES (?, ?, ?)",
            [item_id, ensure_body(db, name), position],
        )


def link_new(db: Database, links: list[tuple[str, list[str]]]) -> None:
    """Link items just inserted (no links yet) to the bodies of their names:
    each body looked up once per call, the links inserted in one statement."""
    known: dict[str, int] = {}
    rows = []
    for item_id, names in links:
        for position, name in enumerate(n for n in names if normalise(n)):
            key = normalise(name)
            if key not in known:
                known[key] = ensure_body(db, name)
            rows.append((item_id, known[key], position))
    db.conn.executemany("INSERT OR IGNORE INTO item_bodies (item_id, body_id, position) VALUES (?, ?, ?)", rows)


def _merge(db: Database, source: int, target: int) -> None:
    """Move every name and item of body `source` to body `target`."""
    db.execute(
        "DELETE FROM item_bodies WHERE body_id = :source AND item_id IN "
        "(SELECT item_id FROM item_bodies WHERE body_id = :target)",
        {"source": source, "target": target},
    )
    db.execute("UPDATE item_bodies SET body_id = ? WHERE body_id = ?", [target, source])
    db.execute("UPDATE body_aliases SET body_id = ? WHERE body_id = ?", [target, source])
    db.execute("DELETE FROM bodies WHERE id = ?", [source])


def alias(db: Database, name: str, aliases: list[str]) -> int:
    """Make `name` the canonical name of a body that every one of `aliases`
    also names; bodies already known under an alias are merged into it."""
    if not normalise(name):
        raise ParameterError("{name}: the body's name is empty", "name")
    if all(body_id(db, known) is None for known in [name, *aliases]):
        # a typo would otherwise make a body no item names: one of the names must be known
        raise UnknownBody(f"no body is called {name.strip()!r}" + (
            f" or {' or '.join(repr(a.strip()) for a in aliases)}" if aliases else ""))
    target = ensure_body(db, name)
    db.execute("UPDATE bodies SET name = ? WHERE id = ?", [name.strip(), target])
    for other in aliases:
        if not normalise(other):
            raise ParameterError("{aliases}: an alias is empty", "aliases")
        existing = body_id(db, other)
        if existing is None:
            db.execute(
                "INSERT INTO body_aliases (alias_key, alias, body_id) VALUES (?, ?, ?)",
                [normalise(other), other.strip(), target],
            )
        elif existing != target:
            _merge(db, existing, target)
    return target


def all_bodies(db: Database) -> list[Body]:
    bodies = {
        row["id"]: Body(row["id"], row["name"])
        for row in db.query("SELECT id, name FROM bodies ORDER BY name COLLATE NOCASE, id")
    }
    for row in db.query("SELECT body_id, alias FROM body_aliases ORDER BY alias COLLATE NOCASE"):
        body = bodies[row["body_id"]]
        if normalise(row["alias"]) != normalise(body.name):
            body.aliases.append(row["alias"])
    return list(bodies.values())
