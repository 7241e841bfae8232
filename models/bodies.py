"""Responsible bodies: one row per body, any number of names (aliases) that
lead to it, and the links from items to bodies. Names are matched on their
`normalise`d form, so "Ministry of  Finance" and "ministry of finance" are
one body without anyone saying so; other spellings are merged by `alias`,
and the names of the packs' gazetteer (extractor/lang/<code>/bodies.yml)
by themselves: a body first seen as "Ministry of Finance" gets every name the
gazetteer gives it ("Bộ Tài chính", "وزارت خزانہ", ...), and an item naming
any of them joins it. Each name is also kept `fold`ed, which `--body`
compares, so a name typed without its diacritics finds the body.
These functions run inside the caller's write transaction."""
from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models.errors import ParameterError, UnknownBody
from docket.models.matching import normalise
from docket.models.records import Body


# Letters with a stroke or bar have no decomposition into a base letter and
# a mark, so NFKD leaves them: folded by hand, as a search engine does.
STROKES = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ħ": "h", "ŧ": "t", "ƀ": "b", "ɨ": "i"})


def _char_map() -> dict[str, str]:
    from docket.extractor.lang import gazetteer

    return gazetteer().char_map


@functools.lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """`normalise` with every diacritic dropped: what `--body` compares, as
    `--search` ignores diacritics. Unicode alone, so a query reads no pack."""
    decomposed = unicodedata.normalize("NFKD", normalise(name))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare).translate(STROKES)


@functools.lru_cache(maxsize=8192)
def _gazetteer_key(name: str) -> str:
    """`fold` with the packs' foldings too (Arabic and Urdu yeh and kaf are
    one letter in a name): how a name is looked up in the gazetteer."""
    table = _char_map()
    return fold("".join(table.get(char, char) for char in name))


@functools.lru_cache(maxsize=1)
def _gazetteer_index() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """folded name -> gazetteer id (a name two entries share is left out:
    it names neither for sure), and id -> names."""
    from docket.extractor.lang import gazetteer

    found = gazetteer()
    index: dict[str, str] = {}
    shared: set[str] = set()
    for entry, names in found.names.items():
        for name in names:
            key = _gazetteer_key(name)
            if index.get(key, entry) != entry:
                shared.add(key)
            index[key] = entry
    return {k: v for k, v in index.items() if k not in shared}, found.names


def gazetteer_names(name: str) -> tuple[str, ...]:
    """Every name the gazetteer gives the body called `name` (itself
    included), in every language; () for a name it does not know."""
    from docket.extractor.lang import gazetteer

    index, names = _gazetteer_index()
    key = _gazetteer_key(name)
    words = key.split()
    if key not in index and len(words) > 1 and words[0] in {fold(a) for a in gazetteer().articles}:
        key = " ".join(words[1:])
    entry = index.get(key)
    return names[entry] if entry is not None else ()


def body_id(db: Database, name: str) -> int | None:
    row = db.execute("SELECT body_id FROM body_aliases WHERE alias_key = ?", [normalise(name)]).fetchone()
    return row[0] if row else None


def known_body(db: Database, name: str) -> int | None:
    """The body `name` leads to, creating nothing: by its name, else by a
    name the gazetteer gives it, diacritics aside."""
    found = body_id(db, name)
    if found is not None:
        return found
    folded = sorted({fold(name)} | {fold(other) for other in gazetteer_names(name)})
    # the lowest body of those names: MIN reads the index on alias_fold, where
    # ORDER BY body_id LIMIT 1 walked the table in body order to the first one
    return db.execute(f"SELECT MIN(body_id) FROM body_aliases WHERE alias_fold IN ({', '.join('?' for _ in folded)})",
                      folded).fetchone()[0]


def add_name(db: Database, name: str, body: int, origin: str | None = None) -> None:
    """`name` as another name of `body` (kept, when taken). `origin`
    'gazetteer': a name no item or person gave, which `all_bodies` leaves
    out; it becomes a name like any other once an item uses it."""
    db.execute("INSERT OR IGNORE INTO body_aliases (alias_key, alias, body_id, alias_fold, origin) "
               "VALUES (?, ?, ?, ?, ?)", [normalise(name), name.strip(), body, fold(name), origin])
    if origin is None:
        db.execute("UPDATE body_aliases SET origin = NULL WHERE alias_key = ? AND origin IS NOT NULL",
                   [normalise(name)])


def ensure_body(db: Database, name: str, gazetteer: bool = True) -> int:
    """The id of the body called `name`, created on first sight with every
    name the gazetteer gives it; a name new to the store that the gazetteer
    (or its folded form) ties to a known body joins that body. Without
    `gazetteer` (unalias: a name taken from a body gets a body of its own),
    only the name itself counts."""
    row = db.execute("SELECT body_id, origin FROM body_aliases WHERE alias_key = ?", [normalise(name)]).fetchone()
    if row is not None:
        if row[1] is not None:  # a gazetteer's name an item now uses
            add_name(db, name, row[0])
        return row[0]
    found = known_body(db, name) if gazetteer else None
    if found is None:
        found = db.execute("INSERT INTO bodies (name) VALUES (?)", [name.strip()]).lastrowid
    add_name(db, name, found)
    for other in gazetteer_names(name) if gazetteer else ():
        add_name(db, other, found, "gazetteer")
    return found


def link(db: Database, item_id: str, names: list[str], gazetteer: bool = True) -> None:
    """Point `item_id` at the bodies of `names`, in order, replacing old links."""
    db.execute("DELETE FROM item_bodies WHERE item_id = ?", [item_id])
    for position, name in enumerate(n for n in names if normalise(n)):
        db.execute(
            "INSERT OR IGNORE INTO item_bodies (item_id, body_id, position) VALUES (?, ?, ?)",
            [item_id, ensure_body(db, name, gazetteer), position],
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
        if existing is not None and existing != target:
            _merge(db, existing, target)
        add_name(db, other, target)  # a person's name now, if only the gazetteer's before
    add_name(db, name, target)
    return target


def apply_gazetteer(db: Database) -> None:
    """Give every stored body the names the gazetteer gives it, merging the
    bodies that turn out to be one (m008: bodies stored before the
    gazetteer; new ones get its names when they are made)."""
    for alias_name, body in db.execute("SELECT alias, body_id FROM body_aliases ORDER BY body_id, alias").fetchall():
        if not db.execute("SELECT 1 FROM bodies WHERE id = ?", [body]).fetchone():
            continue  # merged into another already
        for other in gazetteer_names(alias_name):
            existing = body_id(db, other)
            if existing is None:
                add_name(db, other, body, "gazetteer")
            elif existing != body:
                _merge(db, existing, body)


def all_bodies(db: Database) -> list[Body]:
    bodies = {
        row["id"]: Body(row["id"], row["name"])
        for row in db.query("SELECT id, name FROM bodies ORDER BY name COLLATE NOCASE, id")
    }
    for row in db.query("SELECT body_id, alias FROM body_aliases WHERE origin IS NULL ORDER BY alias COLLATE NOCASE"):
        body = bodies[row["body_id"]]
        if normalise(row["alias"]) != normalise(body.name):
            body.aliases.append(row["alias"])
    return list(bodies.values())
