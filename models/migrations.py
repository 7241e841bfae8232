"""docket's schema: numbered migrations (m001_initial, ...), applied once each
and recorded in the database by sqlite-utils (table `_sqlite_migrations`,
set "docket"). Never edit a migration that has shipped; add the next one.

The header marks the file as docket's: `application_id` says "docket",
`user_version` counts the migrations applied, so other tools can tell too.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

from docket.models.errors import ForeignDatabase, StoreError
from docket.models.faults import database_fault

MIGRATION_SET = "docket"
APPLICATION_ID = 0x646B7431  # "dkt1"

KNOWN: list[str] = []  # names of every migration this docket has, in order
_FUNCTIONS: list[Callable[["Database"], None]] = []


def migration(name: str):
    """Register a migration in KNOWN, for sqlite-utils (`migration_set`)."""

    def register(function: Callable[["Database"], None]) -> Callable[["Database"], None]:
        KNOWN.append(name)
        _FUNCTIONS.append(function)
        return function

    return register


@lru_cache(maxsize=1)
def migration_set() -> "Migrations":
    """The sqlite-utils Migrations of every migration in KNOWN. Made when a
    database needs migrating: opening an up-to-date one never imports
    sqlite-utils (see models/connection.py)."""
    from sqlite_utils import Migrations

    found = Migrations(MIGRATION_SET)
    for name, function in zip(KNOWN, _FUNCTIONS):
        found(name=name)(function)
    return found

# Dates are ISO text (YYYY-MM-DD), times ISO 8601 UTC text, booleans 0/1,
# lists JSON text: readable in any SQLite tool.
M001_TABLES = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT,
    format TEXT,
    lang TEXT,
    meeting_date TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    first_ingested_at TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents (content_hash);

CREATE TABLE document_versions (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    items_added INTEGER NOT NULL,
    items_kept INTEGER NOT NULL,
    items_vanished INTEGER NOT NULL,
    PRIMARY KEY (document_id, version)
);

-- seq is the rowid, which the items_fts index refers to: an INTEGER PRIMARY
-- KEY keeps it fixed through VACUUM, an implicit rowid would not.
CREATE TABLE items (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    match_key TEXT NOT NULL,
    text TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    action TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '[]',
    responsible_inherited INTEGER NOT NULL DEFAULT 0,
    issuer TEXT,
    deadline_text TEXT,
    deadline TEXT,
    urgent INTEGER NOT NULL DEFAULT 0,
    recurring INTEGER NOT NULL DEFAULT 0,
    confidence REAL NOT NULL,
    speaker TEXT,
    cue_time TEXT,
    rules TEXT NOT NULL DEFAULT '[]',
    extracted TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'in-progress', 'done', 'cancelled')),
    vanished_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (document_id, match_key)
);
CREATE INDEX items_deadline ON items (deadline);
CREATE INDEX items_status_deadline ON items (status, deadline);

CREATE TABLE corrections (
    item_id TEXT NOT NULL REFERENCES items (id),
    field TEXT NOT NULL CHECK (field IN ('action', 'responsible', 'deadline')),
    value TEXT,
    corrected_at TEXT NOT NULL,
    corrected_by TEXT,
    PRIMARY KEY (item_id, field)
);

CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE body_aliases (
    alias_key TEXT PRIMARY KEY,
    alias TEXT NOT NULL,
    body_id INTEGER NOT NULL REFERENCES bodies (id)
);
CREATE INDEX body_aliases_body ON body_aliases (body_id);

CREATE TABLE item_bodies (
    item_id TEXT NOT NULL REFERENCES items (id),
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (item_id, body_id)
);
CREATE INDEX item_bodies_body ON item_bodies (body_id);

CREATE TABLE item_history (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (id),
    changed_at TEXT NOT NULL,
    changed_by TEXT,
    event TEXT NOT NULL,
    old_status TEXT,
    new_status TEXT,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    note TEXT
);
CREATE INDEX item_history_item ON item_history (item_id);
"""

FTS_COLUMNS = ["text", "action", "responsible", "issuer", "deadline_text"]


@migration("m001_initial")
def m001_initial(db: "Database") -> None:
    db.executescript(M001_TABLES)
    # remove_diacritics 2: "bo tai chinh" finds "Bộ Tài chính".
    db["items"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


# m002: items keyed by their id, so every reference to an item (history,
# bodies, corrections) points at the table's primary key and tools that follow
# foreign keys (Datasette) link to the item; and the status `blocked`.
# `seq` stays, an integer key for the full-text index (content_rowid), so
# the index no longer depends on the table's rowid.
def _m001_create(table: str) -> str:
    """The CREATE TABLE statement m001 ran for `table` (shipped, so fixed)."""
    start = M001_TABLES.index(f"CREATE TABLE {table} (")
    return M001_TABLES[start:M001_TABLES.index("\n);", start) + 2]


def _replaced(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        if old not in text:
            raise AssertionError(f"m001's schema has no {old!r}")
        text = text.replace(old, new)
    return text


M002_ITEMS = _replaced(
    _m001_create("items"),
    ("CREATE TABLE items (", "CREATE TABLE items_by_id ("),
    ("seq INTEGER PRIMARY KEY,\n    id TEXT NOT NULL UNIQUE,", "id TEXT NOT NULL PRIMARY KEY,\n    seq INTEGER NOT NULL UNIQUE,"),
    ("'in-progress', 'done'", "'in-progress', 'blocked', 'done'"),
)

# The tables that refer to items, as m001 made them: re-created after items,
# their references now on its primary key.
M002_CHILDREN = {name: _m001_create(name) for name in ("corrections", "item_bodies", "item_history")}

M002_INDEXES = [line.rstrip(";") for line in M001_TABLES.splitlines()
                if line.startswith("CREATE INDEX") and " ON item" in line]


def _fts_statements() -> list[str]:
    """The full-text index of items keyed by `seq`, and the triggers that keep
    it current (only when an indexed column changes, not on a status change)."""
    columns = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    delete = f"INSERT INTO items_fts (items_fts, rowid, {columns}) VALUES ('delete', old.seq, {old});"
    insert = f"INSERT INTO items_fts (rowid, {columns}) VALUES (new.seq, {new});"
    return [
        f"CREATE VIRTUAL TABLE items_fts USING FTS5 ({columns}, "
        "tokenize='unicode61 remove_diacritics 2', content=\"items\", content_rowid=\"seq\")",
        "INSERT INTO items_fts (items_fts) VALUES ('rebuild')",
        f"CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN {insert} END",
        f"CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN {delete} END",
        f"CREATE TRIGGER items_au AFTER UPDATE OF seq, {columns} ON items BEGIN {delete} {insert} END",
    ]


@migration("m002_items_keyed_by_id")
def m002_items_keyed_by_id(db: "Database") -> None:
    """Rebuild items with `id` as primary key, with foreign keys enforced
    throughout: the rows that refer to items are set aside and their tables
    dropped first, so dropping the old items table orphans nothing."""
    for name in M002_CHILDREN:
        db.execute(f"CREATE TEMP TABLE saved_{name} AS SELECT * FROM {name}")
        db.execute(f"DROP TABLE {name}")
    for name in ("items_ai", "items_ad", "items_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS items_fts")
    db.execute(M002_ITEMS)
    columns = ", ".join(column.name for column in db["items"].columns)
    db.execute(f"INSERT INTO items_by_id ({columns}) SELECT {columns} FROM items")
    db.execute("DROP TABLE items")
    db.execute("ALTER TABLE items_by_id RENAME TO items")
    for name, create in M002_CHILDREN.items():
        db.execute(create)
        db.execute(f"INSERT INTO {name} SELECT * FROM saved_{name}")
        db.execute(f"DROP TABLE temp.saved_{name}")
    for statement in M002_INDEXES + _fts_statements():
        db.execute(statement)


# m003: the people who may change items from `docket serve`'s page. Only a
# salted hash of each password is kept (the format of datasette-auth-passwords).
@migration("m003_web_users")
def m003_web_users(db: "Database") -> None:
    db.execute(
        "CREATE TABLE web_users (name TEXT NOT NULL PRIMARY KEY, password_hash TEXT NOT NULL, "
        "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )


# m004: the change log behind `docket undo` and `docket log` (models/changes.py):
# one row per change a person made, with what reverts it; history entries
# point at the change that wrote them.
@migration("m004_change_log")
def m004_change_log(db: "Database") -> None:
    db.execute(
        "CREATE TABLE changes (id INTEGER PRIMARY KEY, made_at TEXT NOT NULL, made_by TEXT, "
        "kind TEXT NOT NULL, summary TEXT NOT NULL, undo TEXT NOT NULL, undone_at TEXT, undone_by TEXT)"
    )
    db.execute("ALTER TABLE item_history ADD COLUMN change_id INTEGER REFERENCES changes (id)")
    db.execute("CREATE INDEX item_history_change ON item_history (change_id)")


# m005: where each version of a document was read from (a revised report
# may arrive at another path) and where its meeting date came from: given
# by the user, read in the document, or inferred (issue 13).
@migration("m005_document_provenance")
def m005_document_provenance(db: "Database") -> None:
    db.execute("ALTER TABLE document_versions ADD COLUMN path TEXT")
    db.execute("ALTER TABLE documents ADD COLUMN meeting_date_source TEXT")


# m006: items waiting for a person's review before they are tracked (low
# confidence, no responsible body, no meeting date): `review` holds why,
# NULL once accepted (models/tracking.py, `docket review`).
@migration("m006_item_review")
def m006_item_review(db: "Database") -> None:
    db.execute("ALTER TABLE items ADD COLUMN review TEXT")
    db.execute("CREATE INDEX items_review ON items (review) WHERE review IS NOT NULL")


# m007: an index in the order every list is printed in (sql.ITEM_ORDER), so
# SQLite reads items in that order instead of sorting them all first: the
# first page of a long list comes before the last row is read.
@migration("m007_items_list_order")
def m007_items_list_order(db: "Database") -> None:
    db.execute("CREATE INDEX items_list_order ON items "
               "(deadline IS NULL, deadline, document_id, start_offset, id)")



# m008: a directive that repeats a stored item (the next meeting carries it
# forward, the same minutes come as .md and .docx, a task written twice) is a
# mention of that item, not an item of its own (models/mentions.py); and
# every name of a body folded as `--body` compares it, diacritics aside
# (bodies.fold), so "Bo Tai chinh" finds "Bộ Tài chính".
M008_MENTIONS = """
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    match_key TEXT NOT NULL,
    text TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    deadline_text TEXT,
    deadline TEXT,
    extracted TEXT NOT NULL,
    how TEXT NOT NULL,
    created_at TEXT NOT NULL,
    vanished_at TEXT,
    replaced_deadline TEXT,
    UNIQUE (document_id, match_key)
);
CREATE INDEX mentions_item ON mentions (item_id);
CREATE INDEX items_match_key ON items (match_key);
CREATE VIRTUAL TABLE items_fts_vocab USING fts5vocab(items_fts, 'row');
"""


@migration("m008_mentions_and_folded_names")
def m008_mentions_and_folded_names(db: "Database") -> None:
    from docket.models.bodies import apply_gazetteer, fold

    for statement in M008_MENTIONS.split(";"):  # not executescript: it would commit the migration's transaction
        if statement.strip():
            db.execute(statement)
    db.execute("ALTER TABLE body_aliases ADD COLUMN alias_fold TEXT")
    # 'gazetteer' for a name only the packs' gazetteer gave (not listed by `docket bodies`)
    db.execute("ALTER TABLE body_aliases ADD COLUMN origin TEXT")
    for key, alias in db.execute("SELECT alias_key, alias FROM body_aliases").fetchall():
        db.execute("UPDATE body_aliases SET alias_fold = ? WHERE alias_key = ?", [fold(alias), key])
    apply_gazetteer(db)


# m009: two covering indexes for `docket stats` (sql.stats_sql): the counts
# per document read (document_id, status, deadline, vanished_at, review)
# from an index instead of whole item rows (text, JSON), and the counts per
# body find an item's status and deadline by its id the same way. About 6
# MB each at 100,000 items. (m008 is the mentions table of another branch.)
STATS_COLUMNS = "status, deadline, vanished_at, review"


@migration("m009_stats_indexes")
def m009_stats_indexes(db: "Database") -> None:
    db.execute(f"CREATE INDEX items_stats_document ON items (document_id, {STATS_COLUMNS})")
    db.execute(f"CREATE INDEX items_stats_id ON items (id, {STATS_COLUMNS})")


# m010: the figures of `docket stats` per body, kept as items change. Joining
# every item to its bodies (sql.stats_sql) took 160 ms of 250 at 100,000
# items; `body_tally` holds, per body (0: an item with none), status and
# deadline, how many items of the plain selection (sql.tracked_sql: not
# vanished, not waiting for review) there are, and triggers on items and
# item_bodies keep it in the transaction of every write, whatever writes
# (ingest, status, edit, alias, undo, reconcile). sql.tallied_by_body_sql
# reads it with the same status and overdue conditions as every list.
# The triggers hold sql.tracked_sql as it is when m010 runs: a change to it
# needs a migration that re-creates them and refills the tally (TALLY_FILL).
# And documents by meeting date: an ingest looks for a stored document of
# the same title and meeting (tracking.revision_of) among those of its date.
M010_TALLY = """
CREATE TABLE body_tally (
    body_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    deadline TEXT,
    items INTEGER NOT NULL
);
CREATE UNIQUE INDEX body_tally_key ON body_tally (body_id, status, ifnull(deadline, ''));
CREATE INDEX documents_meeting_date ON documents (meeting_date)
"""
TALLY_KEY = "(body_id, status, ifnull(deadline, ''))"


def _item_tally(row: str, change: str) -> str:
    """Add `change` (1 or -1) to the tally of item `row` (new, old: a
    trigger's row of items) under each of its bodies, or 0 if it has none,
    when the item is of the plain selection."""
    return (f"INSERT INTO body_tally (body_id, status, deadline, items) "
            f"SELECT ifnull(linked.body_id, 0), {row}.status, {row}.deadline, {change} "
            f"FROM (SELECT 1) LEFT JOIN item_bodies AS linked ON linked.item_id = {row}.id "
            f"WHERE {_tracked(row)} "
            f"ON CONFLICT {TALLY_KEY} DO UPDATE SET items = items + excluded.items;")


def _link_tally(link: str, change: str, others: str, moved: str = "1") -> str:
    """The tally when the link `link` (new, old: a trigger's row of
    item_bodies) is made (`change` 1) or removed (-1): its body counts the
    item, and the item's count under 0 (no body) goes the other way when the
    link is its only one (the item has `others` links now: 1 after an insert,
    0 after a removal) and, for an update, `moved` (the link changed item)."""
    item = f"(SELECT * FROM items WHERE items.id = {link}.item_id)"
    single = f"(SELECT COUNT(*) FROM item_bodies WHERE item_id = {link}.item_id) = {others}"
    return (f"INSERT INTO body_tally (body_id, status, deadline, items) "
            f"SELECT {link}.body_id, item.status, item.deadline, {change} FROM {item} AS item "
            f"WHERE {_tracked('item')} "
            f"ON CONFLICT {TALLY_KEY} DO UPDATE SET items = items + excluded.items;"
            f"INSERT INTO body_tally (body_id, status, deadline, items) "
            f"SELECT 0, item.status, item.deadline, -({change}) FROM {item} AS item "
            f"WHERE {_tracked('item')} AND {single} AND {moved} "
            f"ON CONFLICT {TALLY_KEY} DO UPDATE SET items = items + excluded.items;")


def _tracked(row: str) -> str:
    from docket.models.sql import tracked_sql

    return tracked_sql(row)


def tally_triggers() -> list[str]:
    """The triggers that keep `body_tally` (m010) current."""
    moved = "old.item_id IS NOT new.item_id"
    return [
        f"CREATE TRIGGER body_tally_item_insert AFTER INSERT ON items BEGIN {_item_tally('new', '1')} END",
        f"CREATE TRIGGER body_tally_item_delete AFTER DELETE ON items BEGIN {_item_tally('old', '-1')} END",
        "CREATE TRIGGER body_tally_item_update AFTER UPDATE OF id, status, deadline, vanished_at, review ON items "
        f"BEGIN {_item_tally('old', '-1')} {_item_tally('new', '1')} END",
        f"CREATE TRIGGER body_tally_link_insert AFTER INSERT ON item_bodies BEGIN {_link_tally('new', '1', '1')} END",
        f"CREATE TRIGGER body_tally_link_delete AFTER DELETE ON item_bodies BEGIN {_link_tally('old', '-1', '0')} END",
        # a link moved (an alias merges two bodies): removed, then made
        "CREATE TRIGGER body_tally_link_update AFTER UPDATE OF item_id, body_id ON item_bodies "
        f"BEGIN {_link_tally('old', '-1', '0', moved)} {_link_tally('new', '1', '1', moved)} END",
    ]


# What the tally holds, counted afresh ({tracked}: sql.tracked_sql("items")).
TALLY_FILL = """
INSERT INTO body_tally (body_id, status, deadline, items)
SELECT ifnull(item_bodies.body_id, 0), items.status, items.deadline, COUNT(*)
FROM items LEFT JOIN item_bodies ON item_bodies.item_id = items.id
WHERE {tracked}
GROUP BY 1, 2, ifnull(items.deadline, '')
"""


@migration("m010_body_tally")
def m010_body_tally(db: "Database") -> None:
    for statement in M010_TALLY.split(";"):
        db.execute(statement)
    db.execute(TALLY_FILL.format(tracked=_tracked("items")))
    for statement in tally_triggers():
        db.execute(statement)


# m011: what an ingest looks up for every document, indexed. Each document
# is looked for among the earlier versions of every stored document
# (tracking.older_version: "is this an old copy?") by its content hash, and
# each name of a body not known as written by its folded forms
# (bodies.known_body): no index had either, so each was a scan of its table,
# growing with the store, and an ingest of a backlog quadratic (0.24 ms a
# document for the versions at 2,000 stored).
@migration("m011_ingest_lookup_indexes")
def m011_ingest_lookup_indexes(db: "Database") -> None:
    db.execute("CREATE INDEX document_versions_content_hash ON document_versions (content_hash, document_id)")
    db.execute("CREATE INDEX body_aliases_fold ON body_aliases (alias_fold, body_id)")


# m012: the items of a body read from the index alone. `list --body` and
# --body's figures take the item ids of the bodies named (sql.BODIES_NAMED):
# item_bodies_body held body ids only, so each of a large body's links was a
# lookup in the table for its item id (10,404 at 100,000 items, 13% of the
# list's reading). The index on the body id alone is then redundant.
@migration("m012_body_items_index")
def m012_body_items_index(db: "Database") -> None:
    db.execute("CREATE INDEX item_bodies_body_item ON item_bodies (body_id, item_id)")
    db.execute("DROP INDEX item_bodies_body")


def check_docket_database(db: "Database", path: str) -> None:
    """Raise a StoreError unless `db` is empty or docket's own, at a schema this
    docket knows. Reads only: nothing is written to a file refused here."""
    try:
        tables = db.table_names()
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        user_version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise database_fault(error, path) from None
    if not tables and application_id == 0:
        return
    if application_id != APPLICATION_ID:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise ForeignDatabase(f"{path} is an SQLite database of another application (tables: {shown}), not docket's")
    unknown = [name for name in applied(db) if name not in KNOWN]
    if unknown or user_version > len(KNOWN):
        newest = unknown[-1] if unknown else f"version {user_version}"
        raise StoreError(
            f"{path} was written by a newer docket (schema {newest}); upgrade docket to open it"
        )


MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils records them


def applied(db: "Database") -> list[str]:
    """The names of docket's migrations applied to `db`, in order."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone():
        return []
    rows = db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])
    return [row[0] for row in rows]


def pending(db: "Database") -> list[str]:
    """KNOWN migrations not applied to `db` yet."""
    done = set(applied(db))
    return [name for name in KNOWN if name not in done]


def migrate(db: "Database") -> None:
    """Apply pending migrations. The caller holds a write lock (BEGIN
    IMMEDIATE), so two processes opening a new database cannot both apply
    m001; sqlite-utils nests each migration in a savepoint."""
    migration_set().apply(getattr(db, "database", db))
    db.execute(f"PRAGMA user_version = {len(applied(db))}")
