"""docket's schema: numbered migrations (m001_initial, ...), applied once each
and recorded in the database by sqlite-utils (table `_sqlite_migrations`,
set "docket"). Never edit a migration that has shipped; add the next one.

The header marks the file as docket's: `application_id` says "docket",
`user_version` counts the migrations applied, so other tools can tell too.
"""
from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from docket.models.errors import ForeignDatabase, StoreError
from docket.models.faults import database_fault

MIGRATION_SET = "docket"
APPLICATION_ID = 0x646B7431  # "dkt1"

migrations = Migrations(MIGRATION_SET)
KNOWN: list[str] = []  # names of every migration this docket has, in order


def migration(name: str):
    """Register a migration with sqlite-utils and in KNOWN."""
    KNOWN.append(name)
    return migrations(name=name)

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
def m001_initial(db: Database) -> None:
    db.executescript(M001_TABLES)
    # remove_diacritics 2: "bo tai chinh" finds "Bộ Tài chính".
    db["items"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def check_docket_database(db: Database, path: str) -> None:
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


def applied(db: Database) -> list[str]:
    return [migration.name for migration in migrations.applied(db)]


def migrate(db: Database) -> None:
    """Apply pending migrations. The caller holds a write lock (BEGIN
    IMMEDIATE), so two processes opening a new database cannot both apply
    m001; sqlite-utils nests each migration in a savepoint."""
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {len(applied(db))}")
