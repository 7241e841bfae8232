"""What the store refuses, what a failure leaves behind, and two writers at once."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from docket.models import ingest, migrations
from docket.models.errors import ForeignDatabase, NoDatabase, StoreError
from docket.models.query import ItemFilter
from docket.models.store import Store
from store_support import MINUTES, document

ROOT = Path(__file__).resolve().parents[1]


def snapshot(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_text_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n" * 100)
    before = path.read_bytes()
    with pytest.raises(ForeignDatabase) as raised:
        Store.open(path)
    assert str(raised.value) == f"{path} is not a docket database (file is not a database)"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_applications_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ForeignDatabase) as raised:
        Store.open(path)
    assert str(raised.value) == (
        f"{path} is an SQLite database of another application (tables: customers), not docket's")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_database_from_a_newer_docket_is_refused_unchanged(store, db_path, tmp_path):
    store.ingest(*document(tmp_path / "m.txt", MINUTES))
    store.db["_sqlite_migrations"].insert(
        {"migration_set": "docket", "name": "m002_from_the_future", "applied_at": "2030-01-01"})
    store.close()
    before = snapshot(db_path)
    with pytest.raises(StoreError) as raised:
        Store.open(db_path)
    assert str(raised.value) == (
        f"{db_path} was written by a newer docket (schema m002_from_the_future); upgrade docket to open it")
    assert snapshot(db_path) == before


def test_a_newer_user_version_is_refused(store, db_path):
    from docket.models.migrations import KNOWN

    newer = len(KNOWN) + 1
    store.db.execute(f"PRAGMA user_version = {newer}")
    store.close()
    with pytest.raises(StoreError, match=f"newer docket \\(schema version {newer}\\)"):
        Store.open(db_path)


def test_a_missing_database_is_created_only_when_asked(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(NoDatabase) as raised:
        Store.open(path, create=False)
    assert str(raised.value) == f"{path}: no such database"
    assert not path.exists()
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such.db")


def test_an_empty_file_becomes_a_docket_database(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with Store.open(path) as opened:
        assert opened.items() == []


def test_reopening_applies_no_migration_twice(store, db_path):
    store.close()
    for _ in range(2):
        Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(migrations.KNOWN)


def test_an_error_in_the_middle_of_a_document_leaves_the_database_as_before(store, db_path, tmp_path, monkeypatch):
    from docket.models import bodies

    store.ingest(*document(tmp_path / "first.txt", "ACTION: Police => patrol.\n"))
    before = snapshot(db_path)
    real_body, calls = bodies.ensure_body, []

    def failing_body(db, name):
        calls.append(name)
        if len(calls) == 2:  # items, history and the first new body are written already
            raise RuntimeError("disk on fire")
        return real_body(db, name)

    monkeypatch.setattr(bodies, "ensure_body", failing_body)
    with pytest.raises(RuntimeError):
        store.ingest(*document(tmp_path / "second.txt", MINUTES))
    assert snapshot(db_path) == before
    monkeypatch.setattr(bodies, "ensure_body", real_body)
    assert store.ingest(*document(tmp_path / "second.txt", MINUTES)).outcome == "new"


def test_an_error_in_the_middle_of_a_revision_keeps_the_old_version(store, db_path, tmp_path, monkeypatch):
    store.ingest(*document(tmp_path / "m.txt", MINUTES))
    before = snapshot(db_path)
    monkeypatch.setattr(ingest, "_mark_vanished", lambda *args: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        store.ingest(*document(tmp_path / "m.txt", MINUTES.replace("2025-03-31", "2025-04-30")))
    assert snapshot(db_path) == before


CRASHING_INGEST = textwrap.dedent("""
    import os, sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from pathlib import Path
    from docket.models import bodies
    from docket.models.store import Store
    from store_support import MINUTES, document

    real = bodies.ensure_body
    count = [0]
    def body_then_die(*args):
        found = real(*args)
        count[0] += 1
        if count[0] == 2:
            os._exit(9)  # the process dies mid-document, no cleanup at all
        return found
    bodies.ensure_body = body_then_die
    Store.open({db!r}).ingest(*document(Path({doc!r}), MINUTES))
""")


def test_a_process_killed_mid_document_leaves_the_database_as_before(store, db_path, tmp_path):
    store.ingest(*document(tmp_path / "first.txt", "ACTION: Police => patrol.\n"))
    store.close()
    before = snapshot(db_path)
    script = CRASHING_INGEST.format(root=str(ROOT), tests=str(ROOT / "tests"), db=str(db_path),
                                    doc=str(tmp_path / "second.txt"))
    died = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert died.returncode == 9, died.stderr
    assert snapshot(db_path) == before


CONCURRENT_INGEST = textwrap.dedent("""
    import sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from pathlib import Path
    from docket.models.items import Document
    from docket.models.store import Store
    from store_support import fake_extract

    with Store.open({db!r}, timeout=60) as store:
        for path in sorted(Path({folder!r}).glob("*.txt")){order}:
            doc = Document(text=path.read_text(), source=str(path))
            print(store.ingest(doc, fake_extract(doc)).outcome)
""")


def _documents(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        lines = [f"ACTION: Body {n % 7} => task {k} of report {n} by 2025-0{1 + k % 9}-1{k % 9}." for k in range(5)]
        (folder / f"report{n:03}.txt").write_text(f"Report {n}\n" + "\n".join(lines) + "\n")


def test_two_ingest_processes_at_once_lose_and_duplicate_nothing(tmp_path):
    """Both start on a database that does not exist yet (so they race to
    create the schema too) and ingest the same folder from opposite ends."""
    count, folder, db = 150, tmp_path / "reports", tmp_path / "shared.db"
    _documents(folder, count)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_INGEST.format(
                root=str(ROOT), tests=str(ROOT / "tests"), db=str(db), folder=str(folder), order=order)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for order in ("", "[::-1]")
    ]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        outcomes += out.split()
    # every document stored by exactly one of them, and seen as stored by the other
    assert (outcomes.count("new"), outcomes.count("unchanged")) == (count, count)
    with Store.open(db) as store:
        assert len(store.documents()) == count
        items = store.items()
        assert len(items) == 5 * count and len({i.id for i in items}) == 5 * count
        assert {d.version for d in store.documents()} == {1}
        assert all(len(store.history(i.id)) == 1 for i in items[:20])


STATUS_WRITER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{root!r}]
    from docket.models.items import Status
    from docket.models.store import Store

    with Store.open({db!r}, timeout=60) as store:
        ids = [item.id for item in store.items()]
        for item_id in ids:
            store.set_status([item_id], Status.{status}, by={status!r})
""")


def test_concurrent_status_changes_are_all_recorded(tmp_path):
    folder, db = tmp_path / "reports", tmp_path / "shared.db"
    _documents(folder, 10)
    subprocess.run([sys.executable, "-c", CONCURRENT_INGEST.format(
        root=str(ROOT), tests=str(ROOT / "tests"), db=str(db), folder=str(folder), order="")], check=True)
    procs = [subprocess.Popen([sys.executable, "-c", STATUS_WRITER.format(root=str(ROOT), db=str(db), status=s)],
                              stderr=subprocess.PIPE, text=True) for s in ("DONE", "IN_PROGRESS")]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    with Store.open(db) as store:
        for item in store.items(ItemFilter()):
            changes = [e for e in store.history(item.id) if e.event == "status"]
            assert 1 <= len(changes) <= 2
            assert changes[-1].new_status == item.status  # the history ends where the item is

