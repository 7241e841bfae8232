"""What people do to tracked items after an ingest, beyond status and edit:
notes, undo, removing a name of a body, removing a document. `Store`
inherits these methods (`Tracking`); each is one write transaction, logged
in `changes` (see models/changes.py) so that `undo` can revert it.

    with Store.open("minutes.db") as store:
        store.note("1a2b", "called the ministry", by="Lan")
        store.undo()                  # the note is gone again
        store.remove_document(3)      # the document, its items and their history
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from docket.models import bodies, changes
from docket.models.changes import Change, Recording
from docket.models.errors import InputError, ParameterError, UnknownBody, UnknownDocument
from docket.models.faults import as_store_errors
from docket.models.ingest import history
from docket.models.matching import normalise
from docket.models.records import Body, HistoryEntry, StatusChange

if TYPE_CHECKING:
    from contextlib import AbstractContextManager


# -- what the store's own changes leave for undo -----------------------------

def status_undo(change: Recording, done: list[StatusChange], note: str | None) -> None:
    moved = [[c.item_id, c.old.value, c.new.value] for c in done if c.changed]
    if moved:
        change.undo = {"items": moved}
        change.summary = f"status {done[0].new.value}: " + ", ".join(m[0] for m in moved)
    elif note and note.strip():  # only notes were written
        change.kind = "note"
        change.undo = {"note": note.strip()}
        change.summary = f"note on {', '.join(c.item_id for c in done)}: {note.strip()}"


def edit_snapshot(db: Database, item_id: str) -> dict[str, Any]:
    """An item's correctable columns and corrections, before an edit."""
    row = next(db.query("SELECT action, responsible, deadline FROM items WHERE id = ?", [item_id]))
    corrections = {r["field"]: r for r in changes.rows(db, "corrections", "item_id = ?", [item_id])}
    return {"row": row, "corrections": corrections}


def edit_undo(db: Database, change: Recording, item_id: str, before: dict[str, Any], changed: list[str]) -> None:
    if not changed:
        return
    after = next(db.query("SELECT action, responsible, deadline FROM items WHERE id = ?", [item_id]))
    change.undo = {"item": item_id, "fields": {
        name: {"old": before["row"][name], "new": after[name], "correction": before["corrections"].get(name)}
        for name in changed}}
    change.summary = f"edit {item_id}: {', '.join(changed)}"


def alias_snapshot(db: Database, names: list[str]) -> dict[str, Any]:
    """The bodies any of `names` leads to, before they are merged or split."""
    found = sorted({i for i in (bodies.body_id(db, name) for name in names) if i is not None})
    return {"involved": found, **changes.body_snapshot(db, found)}


def bodies_undo(change: Recording, before: dict[str, Any], body_ids: list[int], summary: str) -> None:
    """`body_ids`: the bodies the change made or changed, besides those before."""
    change.undo = {**before, "involved": sorted(set(before["involved"]) | set(body_ids))}
    change.summary = summary


class Tracking:
    """The methods `Store` gets from this module."""

    db: Database
    path: str

    def _write(self) -> "AbstractContextManager[Database]":  # Store's
        raise NotImplementedError

    def _now(self) -> str:  # Store's
        raise NotImplementedError

    @as_store_errors
    def note(self, id_or_prefix: str, text: str, *, by: str | None = None) -> HistoryEntry:
        """Add a note to an item's history (what `status --note` adds, without
        a status change)."""
        if not text.strip():
            raise ParameterError("{text}: the note is empty", "text")
        item_id = self.resolve_id(id_or_prefix)  # type: ignore[attr-defined]
        now = self._now()
        with self._write(), changes.recording(self.db, now, by, "note") as change:
            history(self.db, item_id, now, "note", changed_by=by, note=text.strip())
            change.undo = {"note": text.strip()}
            change.summary = f"note on {item_id}: {text.strip()}"
        return self.history(item_id)[-1]  # type: ignore[attr-defined]

    @as_store_errors
    def undo(self, *, by: str | None = None) -> Change:
        """Revert the newest change not undone yet (LIFO); refuse, changing
        nothing, when a later change to the same items stands in the way."""
        with self._write():
            return changes.undo_last(self.db, self._now(), by)

    @as_store_errors
    def changes(self, limit: int | None = None) -> list[Change]:
        """The change log, newest first."""
        return changes.log(self.db, limit)

    @as_store_errors
    def unalias(self, names: list[str]) -> list[Body]:
        """Take `names` from the bodies they are other names of: the items
        that use such a name get a body of that name again."""
        wanted = [n for n in names if normalise(n)]
        if not wanted:
            raise ParameterError("{names}: give at least one name", "names")
        now = self._now()
        with self._write(), changes.recording(self.db, now, None, "unalias") as change:
            before = alias_snapshot(self.db, wanted)
            touched = unalias(self.db, wanted)
            bodies_undo(change, {**before, "items": touched["items"]}, touched["bodies"], f"unalias {', '.join(wanted)}")
        return [b for b in self.bodies() if b.id in touched["bodies"]]  # type: ignore[attr-defined]

    @as_store_errors
    def remove_document(self, document_id: int, *, by: str | None = None) -> Change:
        """Remove a document with its items, their corrections and history.
        The change log keeps all of it, so `undo` brings it back."""
        with self._write(), changes.recording(self.db, self._now(), by, "rm") as change:
            change.undo = remove_document(self.db, document_id)
            document = change.undo["document"]
            change.summary = f"rm document {document_id}: {document['path']} ({len(change.undo['items'])} items)"
        return changes.log(self.db, 1)[0]


def unalias(db: Database, names: list[str]) -> dict[str, list]:
    """Detach each name from its body; returns the bodies and items touched."""
    touched_bodies: list[int] = []
    for name in names:
        body = bodies.body_id(db, name)
        if body is None:
            raise UnknownBody(f"no body is called {name.strip()!r}")
        own = db.execute("SELECT name FROM bodies WHERE id = ?", [body]).fetchone()[0]
        if normalise(own) == normalise(name):
            raise InputError(f"{name.strip()!r} is the body's own name, not another name of it; "
                             f"to rename the body, make another name its own with alias")
        db.execute("DELETE FROM body_aliases WHERE alias_key = ?", [normalise(name)])
        touched_bodies.append(body)
    items = sorted({r[0] for r in db.execute(
        f"SELECT DISTINCT item_id FROM item_bodies WHERE body_id IN ({', '.join('?' for _ in touched_bodies)})",
        touched_bodies)})
    for item_id in items:
        bodies.link(db, item_id, json.loads(db.execute("SELECT responsible FROM items WHERE id = ?",
                                                       [item_id]).fetchone()[0]))
    for name in names:
        new = bodies.body_id(db, name)
        if new is not None and new not in touched_bodies:
            touched_bodies.append(new)
    return {"bodies": touched_bodies, "items": items}


def remove_document(db: Database, document_id: int) -> dict[str, Any]:
    """Delete a document and everything of its items; returns the rows."""
    document = next(db.query("SELECT * FROM documents WHERE id = ?", [document_id]), None)
    if document is None:
        raise UnknownDocument(f"no document {document_id}")
    of_items = "item_id IN (SELECT id FROM items WHERE document_id = ?)"
    saved = {
        "document": document,
        "versions": changes.rows(db, "document_versions", "document_id = ?", [document_id]),
        "items": changes.rows(db, "items", "document_id = ? ORDER BY seq", [document_id]),
        **{table: changes.rows(db, table, of_items, [document_id])
           for table in ("corrections", "item_bodies", "item_history")},
    }
    for table in ("item_history", "corrections", "item_bodies"):
        db.execute(f"DELETE FROM {table} WHERE {of_items}", [document_id])
    db.execute("DELETE FROM items WHERE document_id = ?", [document_id])
    db.execute("DELETE FROM document_versions WHERE document_id = ?", [document_id])
    db.execute("DELETE FROM documents WHERE id = ?", [document_id])
    return saved
