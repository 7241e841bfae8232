"""The change log behind `docket undo`: every change a person makes (a
status, an edit, a note, an alias, a removed document, a review decision)
is one row of `changes`, written in the same transaction as the change, with
what it takes to revert it (`undo`, JSON). The item history entries the
change wrote point at it (`item_history.change_id`).

Undo is last-in, first-out: `undo_last` reverts the newest change not undone
yet, and refuses, changing nothing, when something changed the same item
since (a later ingest, say), rather than overwrite it. Ingests and
re-extractions are not in the log: they keep what people did, so there is
nothing of a person's to give back.

These functions run inside the caller's write transaction.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # sqlite-utils loads numpy: no command should pay for it to start
    from sqlite_utils import Database

from docket.models import bodies, manual
from docket.models.errors import NothingToUndo, UndoConflict
from docket.models.ingest import history, shown


@dataclass
class Change:
    """One change, as `docket log` and `docket undo` show it."""

    id: int
    made_at: str
    made_by: str | None
    kind: str  # status | note | edit | alias | unalias | rm | review | add | reconcile | unlink
    summary: str
    undone_at: str | None = None
    item_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "made_at": self.made_at, "made_by": self.made_by, "kind": self.kind,
                "summary": self.summary, "undone_at": self.undone_at, "item_ids": self.item_ids}


@dataclass
class Recording:
    """A change being made: the caller fills `summary` and `undo`."""

    kind: str
    summary: str = ""
    undo: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@contextmanager
def recording(db: Database, now: str, by: str | None, kind: str) -> Iterator[Recording]:
    """Record what the body of the `with` does as one change. History
    entries written inside are linked to it; a change that did nothing
    (empty `undo`) is not logged."""
    before = db.execute("SELECT COALESCE(MAX(id), 0) FROM item_history").fetchone()[0]
    change = Recording(kind)
    yield change
    if not change.undo:
        return
    change.id = db.execute(
        "INSERT INTO changes (made_at, made_by, kind, summary, undo) VALUES (?, ?, ?, ?, ?)",
        [now, by, kind, change.summary, json.dumps(change.undo, ensure_ascii=False)],
    ).lastrowid
    db.execute("UPDATE item_history SET change_id = ? WHERE id > ?", [change.id, before])


def _change(row: dict[str, Any], db: Database) -> Change:
    item_ids = [r[0] for r in db.execute(
        "SELECT DISTINCT item_id FROM item_history WHERE change_id = ? ORDER BY item_id", [row["id"]])]
    if row["kind"] == "rm":
        item_ids = [item["id"] for item in json.loads(row["undo"])["items"]]
    return Change(row["id"], row["made_at"], row["made_by"], row["kind"], row["summary"], row["undone_at"],
                  item_ids)


def log(db: Database, limit: int | None = None) -> list[Change]:
    """Changes, newest first."""
    rows = db.query("SELECT * FROM changes ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else ""))
    return [_change(row, db) for row in rows]


def last(db: Database) -> Change:
    row = next(db.query("SELECT * FROM changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"), None)
    if row is None:
        raise NothingToUndo("nothing to undo: no change is recorded that is not undone already")
    return _change(row, db)


# -- snapshots of the rows a change touches ---------------------------------

def rows(db: Database, table: str, condition: str, params: list[Any]) -> list[dict[str, Any]]:
    return list(db.query(f"SELECT * FROM {table} WHERE {condition}", params))


def _placeholders(values: list[Any]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


def body_snapshot(db: Database, body_ids: list[int]) -> dict[str, Any]:
    """The bodies `body_ids` and their names, to put back on undo."""
    marks = _placeholders(body_ids)
    return {
        "bodies": rows(db, "bodies", f"id IN ({marks})", body_ids),
        "aliases": rows(db, "body_aliases", f"body_id IN ({marks})", body_ids),
    }


def _restore_bodies(db: Database, undo: dict[str, Any]) -> None:
    """Put the bodies of `undo` back as they were, then link again every item
    that named one of them: an item's bodies follow from its names."""
    involved = sorted(set(undo["involved"]))
    marks = _placeholders(involved)
    linked = [r[0] for r in db.execute(f"SELECT DISTINCT item_id FROM item_bodies WHERE body_id IN ({marks})",
                                       involved)]
    linked = sorted(set(linked) | set(undo.get("items", [])))
    db.execute(f"DELETE FROM item_bodies WHERE body_id IN ({marks})", involved)
    db.execute(f"DELETE FROM body_aliases WHERE body_id IN ({marks})", involved)
    db.execute(f"DELETE FROM bodies WHERE id IN ({marks})", involved)
    taken = {r[0] for r in db.execute("SELECT alias_key FROM body_aliases")}
    clash = [row["alias"] for row in undo["aliases"] if row["alias_key"] in taken]
    if clash:
        raise UndoConflict(f"cannot undo: the name {clash[0]!r} now belongs to another body")
    db["bodies"].insert_all(undo["bodies"])
    db["body_aliases"].insert_all(undo["aliases"])
    for item_id, names in db.execute(f"SELECT id, responsible FROM items WHERE id IN ({_placeholders(linked)})",
                                     linked).fetchall():
        bodies.link(db, item_id, json.loads(names))


# -- undo, per kind -----------------------------------------------------------

def _undo_status(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    for item_id, old, new in undo["items"]:
        current = db.execute("SELECT status FROM items WHERE id = ?", [item_id]).fetchone()
        if current is None or current[0] != new:
            raise UndoConflict(f"cannot undo change {change.id}: item {item_id} is no longer {new}")
        db.execute("UPDATE items SET status = ?, updated_at = ? WHERE id = ?", [old, now, item_id])
        history(db, item_id, now, "status", old_status=new, new_status=old, note=f"undo of change {change.id}")


def _undo_note(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    """The notes leave the history (an export's remarks read them there); the
    history says a note was taken back, and the change log keeps its text."""
    notes = list(db.query("SELECT id, item_id, note FROM item_history WHERE change_id = ? AND event = 'note'",
                          [change.id]))
    if not notes:
        raise UndoConflict(f"cannot undo change {change.id}: its note is gone")
    for row in notes:
        db.execute("DELETE FROM item_history WHERE id = ?", [row["id"]])
        history(db, row["item_id"], now, "note removed", old_value=row["note"], note=None)


def _undo_edit(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    item_id = undo["item"]
    for name, was in undo["fields"].items():
        current = db.execute(f"SELECT {name} FROM items WHERE id = ?", [item_id]).fetchone()
        if current is None or current[0] != was["new"]:
            raise UndoConflict(f"cannot undo change {change.id}: the {name} of item {item_id} changed since")
        db.execute(f"UPDATE items SET {name} = ?, updated_at = ? WHERE id = ?", [was["old"], now, item_id])
        db.execute("DELETE FROM corrections WHERE item_id = ? AND field = ?", [item_id, name])
        if was["correction"] is not None:
            db["corrections"].insert(was["correction"])
        if name == "responsible":
            bodies.link(db, item_id, json.loads(was["old"]))
        history(db, item_id, now, "edit", field=name, old_value=shown(name, was["new"]),
                new_value=shown(name, was["old"]), note=f"undo of change {change.id}")


def _undo_bodies(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    _restore_bodies(db, undo)


def _undo_rm(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    document = undo["document"]
    if db.execute("SELECT 1 FROM documents WHERE id = ? OR path = ?", [document["id"], document["path"]]).fetchone():
        raise UndoConflict(f"cannot undo change {change.id}: {document['path']} was ingested again since")
    ids = [item["id"] for item in undo["items"]]
    if db.execute(f"SELECT 1 FROM items WHERE id IN ({_placeholders(ids)})", ids).fetchone():
        raise UndoConflict(f"cannot undo change {change.id}: one of its items' ids is taken by another item")
    db["documents"].insert(document)
    db["document_versions"].insert_all(undo["versions"])
    last_seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM items").fetchone()[0]
    # seq only keys the full-text index: numbers freed by the removal may have been reused
    db["items"].insert_all({**item, "seq": last_seq + n} for n, item in enumerate(undo["items"], 1))
    for table in ("corrections", "item_bodies", "item_history", "mentions"):
        db[table].insert_all(undo.get(table, []))
    for item_id in ids:
        history(db, item_id, now, "restored", note=f"undo of change {change.id}")


def _undo_review(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    item_id = undo["item"]
    current = next(db.query("SELECT status, review FROM items WHERE id = ?", [item_id]), None)
    if current is None or current["status"] != undo["status"] or current["review"] is not None:
        raise UndoConflict(f"cannot undo change {change.id}: item {item_id} changed since")
    for name, was in undo.get("fields", {}).items():
        db.execute(f"UPDATE items SET {name} = ? WHERE id = ?", [was["old"], item_id])
        db.execute("DELETE FROM corrections WHERE item_id = ? AND field = ?", [item_id, name])
        if was["correction"] is not None:
            db["corrections"].insert(was["correction"])
        if name == "responsible":
            bodies.link(db, item_id, json.loads(was["old"]))
    db.execute("UPDATE items SET status = ?, review = ?, updated_at = ? WHERE id = ?",
               [undo["old_status"], undo["review"], now, item_id])
    history(db, item_id, now, "back to review", note=f"undo of change {change.id}")


def _undo_add(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    manual.remove(db, undo)


def _undo_unlink(db: Database, now: str, change: Change, undo: dict[str, Any]) -> None:
    """The split item goes (unless people changed it since) and the mention
    is back, with the deadline it gave the item."""
    new_id, item_id = undo["new_item"], undo["item"]
    row = next(db.query("SELECT status FROM items WHERE id = ?", [new_id]), None)
    later = db.execute("SELECT 1 FROM item_history WHERE item_id = ? AND (change_id IS NULL OR change_id != ?)",
                       [new_id, change.id]).fetchone()
    if row is None or row["status"] != "open" or later or db.execute(
            "SELECT 1 FROM corrections WHERE item_id = ?", [new_id]).fetchone():
        raise UndoConflict(f"cannot undo change {change.id}: item {new_id} changed since")
    for table in ("item_history", "item_bodies"):
        db.execute(f"DELETE FROM {table} WHERE item_id = ?", [new_id])
    db.execute("DELETE FROM items WHERE id = ?", [new_id])
    db["mentions"].insert(undo["mention"])
    if undo["deadline"] is not None:
        db.execute("UPDATE items SET deadline = :deadline, deadline_text = :deadline_text WHERE id = :id",
                   {**undo["deadline"]["old"], "id": item_id})
    history(db, item_id, now, "mentioned", field="mention", note=f"undo of change {change.id}",
            new_value=f"document {undo['mention']['document_id']}, mention {undo['mention']['id']}")


UNDO = {"add": _undo_add, "status": _undo_status, "note": _undo_note, "edit": _undo_edit, "alias": _undo_bodies,
        "unalias": _undo_bodies, "rm": _undo_rm, "review": _undo_review,
        "reconcile": _undo_status,  # models/reconcile.py: status changes, each with its own note
        "unlink": _undo_unlink}


def undo_last(db: Database, now: str, by: str | None) -> Change:
    """Revert the newest change not undone yet; returns it."""
    change = last(db)
    undo = json.loads(db.execute("SELECT undo FROM changes WHERE id = ?", [change.id]).fetchone()[0])
    UNDO[change.kind](db, now, change, undo)
    db.execute("UPDATE changes SET undone_at = ?, undone_by = ? WHERE id = ?", [now, by, change.id])
    change.undone_at = now
    return change
