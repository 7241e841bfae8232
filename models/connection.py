"""The store's SQLite connection: the few methods of a sqlite-utils
`Database` that every command uses (execute, query, table_names,
enable_wal), over the sqlite3 connection, and everything else of
sqlite-utils (a table's insert_all and update, migrations, quote_fts)
through a `Database` on the same connection, made on first use.

Importing sqlite-utils costs 0.2 s of CPU, more than `docket show ID`
needs in all; commands that only read or set a status never pay it. Most of
that is numpy, which sqlite-utils imports when it is installed (as it is
beside spaCy) only to map numpy's number types to column types, for tables
made from Python values. docket makes its tables from SQL and stores no
numpy values, so sqlite-utils is imported without numpy unless numpy is
loaded already (`sqlite_utils_database`): `list --search` (quote_fts)
then costs 0.07 s more, not 0.18.
"""
from __future__ import annotations

import sqlite3
import sys
from typing import TYPE_CHECKING, Any, Iterator, Sequence

if TYPE_CHECKING:
    from sqlite_utils import Database


class Connection:
    """Behaves as the sqlite-utils `Database` over `conn` (see the module)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._database: Database | None = None

    @property
    def database(self) -> "Database":
        """The sqlite-utils Database over this connection (imports it)."""
        if self._database is None:
            self._database = sqlite_utils_database()(self.conn, execute_plugins=False)
        return self._database

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters) if parameters else self.conn.execute(sql)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Rows as dicts, as `Database.query`."""
        cursor = self.execute(sql, params)
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row))

    def table_names(self) -> list[str]:
        return [row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def enable_wal(self) -> None:
        if self.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.execute("PRAGMA journal_mode = wal")

    def close(self) -> None:
        self.conn.close()

    def __getitem__(self, table: str) -> Any:
        return self.database[table]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.database, name)


def sqlite_utils_database() -> type["Database"]:
    """sqlite-utils' `Database`, imported without numpy when numpy is not
    loaded yet (see the module): a None in sys.modules makes `import numpy`
    fail as if it were not installed, which sqlite-utils allows for. numpy
    itself is importable again afterwards."""
    if "numpy" in sys.modules or "sqlite_utils" in sys.modules:
        from sqlite_utils import Database

        return Database
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        from sqlite_utils import Database
    finally:
        del sys.modules["numpy"]
    return Database
