"""Database faults: a damaged file, a read-only file or folder, a full disk,
a file docket may not read. Each is one `Error:` line naming the database,
never a traceback; nothing stored is changed; reading commands still work
on a database docket may not write."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import docket.cmd_ingest  # noqa: F401 - loaded before `unprivileged` forks
import docket.cmd_store  # noqa: F401
from docket.cli import main
from docket.models import edits, ingest
from docket.models.errors import StoreError
from docket.models.faults import database_fault
from docket.models.store import Store
from hostile_support import give_to_nobody, one_error_line, open_tmp, unprivileged  # noqa: F401 - fixture
from store_support import Clock, document, fake_extract

MANY = "Minutes\n" + "".join(
    f"ACTION: Police => patrol market number {i} every evening and report what was seen {'in detail ' * 20}.\n"
    for i in range(200)
)


@pytest.fixture
def stand_in(monkeypatch):

    monkeypatch.setattr("docket.models.batch.extract_document", fake_extract)


def fill(folder, text=MANY):
    path = folder / "docket.db"
    with Store.open(path, clock=Clock()) as store:
        store.ingest(*document(folder / "minutes.txt", text))
        first = store.items()[0].id
    return path, first


def run(db, *args):
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("error, message", [
    ("database disk image is malformed", "d.db is damaged (database disk image is malformed); restore it"),
    ("file is not a database", "d.db is not a docket database (file is not a database)"),
    ("attempt to write a readonly database", "d.db is read-only: docket cannot record changes"),
    ("database or disk is full", "d.db cannot be written: the disk is full; nothing was changed"),
    ("unable to open database file", "d.db cannot be opened (unable to open database file)"),
    ("database is locked", "d.db is busy: another docket has been writing"),
    ("no such savepoint: x", "d.db: database error: no such savepoint: x"),
])
def test_database_fault_messages(error, message):
    assert str(database_fault(sqlite3.OperationalError(error), "d.db")).startswith(message)


# -- a damaged file -----------------------------------------------------------


def damage_items(path) -> None:
    """Overwrite the middle of every page after the items table's root page."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'items'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for page in range(root, len(data) // size):
        data[page * size + 8: page * size + 200] = b"\xfe" * 192
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("args", [["list"], ["stats"], ["show", "ID"], ["status", "ID", "done"],
                                  ["export", "out.csv"], ["bodies"]])
def test_a_damaged_database_is_one_error(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    path, first = fill(tmp_path)
    damage_items(path)
    code, output = run(path, *[first if a == "ID" else a for a in args])
    assert code == 1 and "Traceback" not in output
    assert output.splitlines()[-1] == (f"Error: {path} is damaged (database disk image is malformed); "
                                       "restore it from a backup, or try `sqlite3 FILE .recover` to save what is left")
    assert not (tmp_path / "out.csv").exists()


# -- read-only file and folder ----------------------------------------------------


def test_a_read_only_database_file_lists_but_refuses_changes(open_tmp):
    path, first = fill(open_tmp)
    give_to_nobody(path)
    path.chmod(0o444)
    before = path.read_bytes()

    def both():
        return run(path, "list", "--format", "json"), run(path, "status", first, "done", "--note", "x")

    (list_code, listed), (status_code, refused) = unprivileged(both)
    assert list_code == 0 and first in listed
    assert status_code == 1 and refused == (
        f"Error: {path} is read-only: docket cannot record changes in it "
        "(check the permissions of the file and its folder)\n")
    assert path.read_bytes() == before


def test_a_database_in_a_read_only_folder_still_lists(open_tmp):
    folder = open_tmp / "archive"
    folder.mkdir()
    path, first = fill(folder)
    give_to_nobody(path)  # the file is the user's, the folder is not theirs to write
    folder.chmod(0o755)

    def both():
        return run(path, "list", "--format", "csv"), run(path, "stats"), run(path, "status", first, "done")

    (list_code, listed), (stats_code, _), (status_code, refused) = unprivileged(both)
    assert list_code == 0 and first in listed and stats_code == 0
    assert status_code == 1 and "is read-only: docket cannot record changes" in refused
    assert sorted(p.name for p in folder.iterdir()) == ["docket.db", "minutes.txt"]


def test_a_database_the_user_may_not_read_is_one_error(open_tmp):
    path, _ = fill(open_tmp)
    path.chmod(0)

    def attempt():
        try:
            Store.open(path, create=False).close()
        except StoreError as error:
            opened = str(error)
        else:
            opened = "opened"
        return opened, run(path, "list")

    opened, (code, output) = unprivileged(attempt)
    assert opened == f"{path} cannot be opened (unable to open database file); check the permissions of the file and its folder"
    # the CLI's --db option checks readability first: a usage error, one line
    assert code == 2 and "Traceback" not in output
    assert [line for line in output.splitlines() if line.startswith("Error:")] == [
        f"Error: Invalid value for '--db': File '{path}' is not readable."]


# -- a full disk ----------------------------------------------------------------


def disk_full(*args, **kwargs):
    raise sqlite3.OperationalError("database or disk is full")


def test_ingest_stops_at_a_full_disk_with_one_error(tmp_path, monkeypatch, stand_in):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"ACTION: Police => patrol {name}.\n")
    monkeypatch.setattr(ingest, "write", disk_full)
    code, output = run(tmp_path / "d.db", "ingest", "a.txt", "b.txt", "c.txt")
    assert code == 1 and "failed:" not in output and "Traceback" not in output
    assert output == f"Error: {tmp_path / 'd.db'} cannot be written: the disk is full; nothing was changed\n"
    with Store.open(tmp_path / "d.db") as store:
        assert store.documents() == [] and store.items() == []


def test_a_status_change_on_a_full_disk_changes_nothing(tmp_path, monkeypatch):
    path, first = fill(tmp_path)
    monkeypatch.setattr(edits, "set_status", disk_full)
    code, output = run(path, "status", first, "done", "--note", "sent")
    assert code == 1 and output == f"Error: {path} cannot be written: the disk is full; nothing was changed\n"


class RefusesCommit:
    """A connection whose COMMIT fails as on a full disk."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, statement, *args):
        if statement == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(statement, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_a_commit_refused_by_a_full_disk_is_rolled_back(tmp_path):
    path, first = fill(tmp_path)
    with Store.open(path) as store:
        real = store.db.conn
        store.db.conn = RefusesCommit(real)
        with pytest.raises(StoreError, match="the disk is full; nothing was changed"):
            store.set_status([first], "done", note="sent")
        store.db.conn = real
        assert not real.in_transaction
        assert store.item(first).status.value == "open"
        assert [entry.event for entry in store.history(first)] == ["created"]
