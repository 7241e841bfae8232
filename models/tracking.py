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
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models import bodies, changes, ingest
from docket.models.changes import Change, Recording
from docket.models.errors import InputError, ParameterError, UnknownBody, UnknownDocument, UnknownMention
from docket.models.faults import as_store_errors
from docket.models.ingest import Incoming, history
from docket.models.matching import directive_keys, normalise
from docket.models.items import Deadline, Directive, Document, Extraction
from docket.models.records import Body, HistoryEntry, IngestResult, StatusChange

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

    @as_store_errors
    def reextract(self, document_id: int, document: Document, extraction: Extraction, *,
                  review: bool = False) -> IngestResult:
        """Store a new extraction of a stored document (read again, with other
        options) as its next version: items that persist keep status, notes
        and corrections; new ones are added, missing ones marked vanished."""
        incoming = self._incoming(document, extraction)  # type: ignore[attr-defined]
        with self._write():
            existing = next(self.db.query("SELECT * FROM documents WHERE id = ?", [document_id]), None)
            if existing is None:
                raise UnknownDocument(f"no document {document_id}")
            other = self.db.execute("SELECT id FROM documents WHERE path = ? AND id != ?",
                                    [incoming.path, document_id]).fetchone()
            if other is not None:
                raise InputError(f"{incoming.path} is document {other[0]}, not document {document_id}")
            _, written = ingest.write(self.db, incoming, existing)
            after_write(self.db, document_id, incoming, written.added if review else [])
        return IngestResult(document=self.document(document_id), outcome="re-extracted",  # type: ignore[attr-defined]
                            **asdict(written))

    @as_store_errors
    def review_queue(self) -> list[Any]:
        """The items waiting for review, document by document, in reading order."""
        from docket.models.query import ItemFilter

        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM items WHERE review IS NOT NULL AND vanished_at IS NULL ORDER BY document_id, start_offset")]
        found = {item.id: item for item in self.items(ItemFilter(ids=tuple(ids)))} if ids else {}  # type: ignore[attr-defined]
        return [found[i] for i in ids]

    @as_store_errors
    def decide(self, id_or_prefix: str, accept: bool, *, values: dict[str, Any] | None = None,
               by: str | None = None) -> Any:
        """Accept an item waiting for review (with corrections `values`, as
        edits.corrections_to_make makes them), or reject it (cancelled: not a
        task). One logged change; `undo` puts it back in review."""
        from docket.models import edits

        item_id = self.resolve_id(id_or_prefix)  # type: ignore[attr-defined]
        now = self._now()
        with self._write(), changes.recording(self.db, now, by, "review") as change:
            row = next(self.db.query("SELECT status, review FROM items WHERE id = ?", [item_id]))
            if row["review"] is None:
                raise InputError(f"item {item_id} is not waiting for review")
            before = edit_snapshot(self.db, item_id)
            changed = edits.correct(self.db, now, item_id, values, by, None) if accept and values else []
            status = row["status"] if accept else "cancelled"
            self.db.execute("UPDATE items SET review = NULL, status = ?, updated_at = ? WHERE id = ?",
                            [status, now, item_id])
            history(self.db, item_id, now, "accepted" if accept else "rejected", changed_by=by,
                    old_status=row["status"], new_status=status, note=row["review"])
            after = next(self.db.query("SELECT action, responsible, deadline FROM items WHERE id = ?", [item_id]))
            change.undo = {"item": item_id, "status": status, "old_status": row["status"], "review": row["review"],
                           "fields": {name: {"old": before["row"][name], "new": after[name],
                                             "correction": before["corrections"].get(name)} for name in changed}}
            change.summary = f"{'accept' if accept else 'reject'} {item_id}"
        return self.item(item_id)  # type: ignore[attr-defined]

    @as_store_errors
    def unlink(self, id_or_prefix: str, mention_id: int, *, by: str | None = None) -> Any:
        """Split a wrong link: mention `mention_id` of the item becomes an item
        of its own document (open, with the mention's sentence and deadline);
        the item gets back the deadline the mention gave it. One logged
        change; `undo` links them again. Returns the new item."""
        item_id = self.resolve_id(id_or_prefix)  # type: ignore[attr-defined]
        now = self._now()
        with self._write(), changes.recording(self.db, now, by, "unlink") as change:
            change.undo = unlink(self.db, now, item_id, mention_id, by)
            change.summary = f"unlink {item_id}: mention {mention_id} is item {change.undo['new_item']}"
        return self.item(change.undo["new_item"])  # type: ignore[attr-defined]

    @as_store_errors
    def meeting_date_source(self, document_id: int) -> str | None:
        """given, read (from the document) or inferred; None when unknown."""
        row = self.db.execute("SELECT meeting_date_source FROM documents WHERE id = ?", [document_id]).fetchone()
        return row[0] if row else None


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
    for item_id in items:  # the gazetteer would tie the name straight back to the body it was taken from
        bodies.link(db, item_id, json.loads(db.execute("SELECT responsible FROM items WHERE id = ?",
                                                       [item_id]).fetchone()[0]), gazetteer=False)
    for name in names:
        new = bodies.body_id(db, name)
        if new is not None and new not in touched_bodies:
            touched_bodies.append(new)
    return {"bodies": touched_bodies, "items": items}


def _directive(extracted: str) -> Directive:
    data = json.loads(extracted)
    due = data.pop("deadline")
    deadline = Deadline(due["text"], date.fromisoformat(due["date"]) if due["date"] else None) if due else None
    return Directive(**data, deadline=deadline)


def unlink(db: Database, now: str, item_id: str, mention_id: int, by: str | None) -> dict[str, Any]:
    """Make mention `mention_id` of `item_id` an item of its own; returns
    what undo needs (models/changes.py)."""
    mention = next(db.query("SELECT * FROM mentions WHERE id = ?", [mention_id]), None)
    if mention is None or mention["item_id"] != item_id:
        raise UnknownMention(f"item {item_id} has no mention {mention_id}")
    path = db.execute("SELECT path FROM documents WHERE id = ?", [mention["document_id"]]).fetchone()[0]
    new_id = ingest.new_ids(db, path, [mention["match_key"]])[0]
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM items").fetchone()[0]
    directive = _directive(mention["extracted"])
    db["items"].insert({
        "id": new_id, "seq": seq, "document_id": mention["document_id"], "match_key": mention["match_key"],
        **ingest.extracted_fields(directive), "status": "open", "vanished_at": mention["vanished_at"],
        "created_at": now, "updated_at": now})
    bodies.link(db, new_id, directive.responsible)
    db.execute("DELETE FROM mentions WHERE id = ?", [mention_id])
    history(db, new_id, now, "created", changed_by=by, new_status="open", field="split from",
            new_value=f"item {item_id}, mention {mention_id}")
    history(db, item_id, now, "unlinked", changed_by=by, field="mention",
            old_value=f"document {mention['document_id']}, mention {mention_id}", new_value=f"item {new_id}")
    restored = None
    if mention["replaced_deadline"] is not None:
        current = next(db.query("SELECT deadline, deadline_text FROM items WHERE id = ?", [item_id]))
        if current["deadline"] == mention["deadline"]:
            restored = {"old": current, "new": json.loads(mention["replaced_deadline"])}
            db.execute("UPDATE items SET deadline = :deadline, deadline_text = :deadline_text WHERE id = :id",
                       {**restored["new"], "id": item_id})
            history(db, item_id, now, "revised", changed_by=by, field="deadline", old_value=current["deadline"],
                    new_value=restored["new"]["deadline"])
    return {"item": item_id, "new_item": new_id, "mention": mention, "deadline": restored}


def remove_document(db: Database, document_id: int) -> dict[str, Any]:
    """Delete a document and everything of its items; returns the rows."""
    document = next(db.query("SELECT * FROM documents WHERE id = ?", [document_id]), None)
    if document is None:
        raise UnknownDocument(f"no document {document_id}")
    of_items = "item_id IN (SELECT id FROM items WHERE document_id = ?)"
    mentioned = "document_id = ? OR item_id IN (SELECT id FROM items WHERE document_id = ?)"
    saved = {
        "mentions": changes.rows(db, "mentions", mentioned, [document_id, document_id]),
        "document": document,
        "versions": changes.rows(db, "document_versions", "document_id = ?", [document_id]),
        "items": changes.rows(db, "items", "document_id = ? ORDER BY seq", [document_id]),
        **{table: changes.rows(db, table, of_items, [document_id])
           for table in ("corrections", "item_bodies", "item_history")},
    }
    db.execute(f"DELETE FROM mentions WHERE {mentioned}", [document_id, document_id])
    for table in ("item_history", "corrections", "item_bodies"):
        db.execute(f"DELETE FROM {table} WHERE {of_items}", [document_id])
    db.execute("DELETE FROM items WHERE document_id = ?", [document_id])
    db.execute("DELETE FROM document_versions WHERE document_id = ?", [document_id])
    db.execute("DELETE FROM documents WHERE id = ?", [document_id])
    return saved


# -- revisions at another path ------------------------------------------------

# A document whose directives share this much with a stored one (shared keys
# over the larger document's count) is a new version of it ...
REVISION_OVERLAP = 0.6
# ... when they share at least this many directives.
REVISION_SHARED = 2


def _meeting(row: dict[str, Any]) -> str | None:
    return row["meeting_date"]


def revision_of(db: Database, incoming: Incoming, existing: dict[str, Any] | None,
                revises: int | None) -> dict[str, Any] | None:
    """The stored document (row) that a document new at `path` is a new
    version of, or None. `revises` names it outright; otherwise a stored
    document (at another path) with the same title and meeting date, else
    the one whose directives overlap most (REVISION_OVERLAP), provided the
    meeting dates do not differ: the next meeting's minutes repeat items but
    are not a revision. Nor is the same report in another format (.docx of
    the .md): both stay, the second's directives mentions of the first's
    items (models/mentions.py)."""
    if revises is not None:
        row = next(db.query("SELECT * FROM documents WHERE id = ?", [revises]), None)
        if row is None:
            raise UnknownDocument(f"no document {revises}")
        if existing is not None and existing["id"] != revises:
            raise ParameterError(f"{{revises}}: {incoming.path} is document {existing['id']} already, "
                                 f"not a version of document {revises}", "revises")
        return row
    path, title = incoming.path, incoming.title
    meeting = incoming.extraction.meeting_date
    meeting_date = meeting.isoformat() if meeting else None
    keys = directive_keys([d.text for d in incoming.extraction.directives])
    # Only the stored documents that can qualify are read (those of the same
    # meeting date; those sharing directives), never all of them: reading
    # every document for every one ingested made a backlog's ingest quadratic.
    others = "SELECT * FROM documents WHERE path != ? AND format IS ?"
    if title and meeting_date:
        # titles compared first, the row read only for the one that matches:
        # a backlog holds hundreds of documents of one meeting date
        wanted = normalise(title)
        same = [document_id for document_id, other in db.execute(
                    "SELECT id, title FROM documents WHERE path != ? AND format IS ? AND meeting_date = ? "
                    "AND title IS NOT NULL AND title != '' ORDER BY id",
                    [path, incoming.document.format, meeting_date])
                if normalise(other) == wanted]  # normalise keeps its answers per text
        if same:
            return next(db.query("SELECT * FROM documents WHERE id = ?", [same[-1]]))
    if len(set(keys)) < REVISION_SHARED:
        return None
    shared = dict(db.execute(
        f"SELECT document_id, COUNT(*) FROM items WHERE vanished_at IS NULL AND match_key IN "
        f"({', '.join('?' for _ in keys)}) GROUP BY document_id", keys).fetchall())
    sharing = [document_id for document_id, count in shared.items() if count >= REVISION_SHARED]
    best, best_share = None, REVISION_OVERLAP
    for row in db.query(f"{others} AND id IN ({', '.join('?' for _ in sharing) or 'NULL'}) ORDER BY id",
                        [path, incoming.document.format, *sharing]):
        count = shared.get(row["id"], 0)
        if count < REVISION_SHARED or (meeting_date and _meeting(row) and _meeting(row) != meeting_date):
            continue
        size = db.execute("SELECT COUNT(*) FROM items WHERE document_id = ? AND vanished_at IS NULL",
                          [row["id"]]).fetchone()[0]
        share = count / max(size, len(keys))
        if share >= best_share:
            best, best_share = row, share
    return best


def older_version(db: Database, digest: str) -> int | None:
    """The document one of whose earlier versions had this content."""
    row = db.execute("SELECT document_id FROM document_versions WHERE content_hash = ? ORDER BY document_id",
                     [digest]).fetchone()
    return row[0] if row else None


# Items the extractor is less sure of than this (0..1) wait for review.
REVIEW_CONFIDENCE = 0.6


def review_reasons(row: dict[str, Any], meeting_date: Any) -> list[str]:
    """Why a new item should be looked at before it is tracked."""
    reasons = []
    if row["confidence"] < REVIEW_CONFIDENCE:
        reasons.append(f"low confidence ({row['confidence']:.2f})")
    if row["responsible"] == "[]":
        reasons.append("no responsible body")
    if meeting_date is None:
        reasons.append("no meeting date")
    return reasons


def after_write(db: Database, document_id: int, incoming: Incoming, added: list[str]) -> None:
    """What ingest.write does not keep: where each version was read from,
    where the meeting date came from (given, read, inferred), and which new
    items wait for review (`review_reasons`)."""
    version = db.execute("SELECT version FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    db.execute("UPDATE document_versions SET path = ? WHERE document_id = ? AND version = ?",
               [incoming.path, document_id, version])
    db.execute("UPDATE documents SET meeting_date_source = ? WHERE id = ?",
               [incoming.extraction.meeting_date_source if incoming.extraction.meeting_date else None, document_id])
    marks = ", ".join("?" for _ in added) or "NULL"
    for row in db.query(f"SELECT id, confidence, responsible FROM items WHERE id IN ({marks})", added):
        reasons = review_reasons(row, incoming.extraction.meeting_date)
        if reasons:
            db.execute("UPDATE items SET review = ? WHERE id = ?", ["; ".join(reasons), row["id"]])
            history(db, row["id"], incoming.now, "to review", note="; ".join(reasons))
