"""Items given by hand (a phone call, an email) rather than read in a
document: `docket add`. Such an item is stored as an extracted one is, with
its history, in a document already stored (`document_id`) or in one that
stands for where it came from (`source`, "phone call from the Ministry"),
whose path is `manual:` and that text. Its match key starts with `manual:`,
so re-ingesting the document it sits in never matches it to a directive,
revises it or marks it vanished (models/ingest.py leaves such keys out).

    item_id, undo = manual.add(db, now, ManualItem("call the auditor", ["Finance"]), by="Lan")
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models import bodies, ingest
from docket.models.errors import InputError, UnknownDocument
from docket.models.items import Deadline, Directive

KEY_PREFIX = "manual:"
PATH_PREFIX = "manual:"
FORMAT = "manual"
DEFAULT_SOURCE = "given by hand"


@dataclass
class ManualItem:
    """What a person gives: the action, who is to do it, by when (the date
    and the words typed for it), and where it came from."""

    action: str
    responsible: list[str] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None
    urgent: bool = False
    document_id: int | None = None
    source: str | None = None


def _document(db: Database, now: str, item: ManualItem) -> tuple[int, str, bool]:
    """The document the item goes in: (id, path, whether it was made now)."""
    if item.document_id is not None:
        row = db.execute("SELECT path FROM documents WHERE id = ?", [item.document_id]).fetchone()
        if row is None:
            raise UnknownDocument(f"no document {item.document_id}")
        return item.document_id, row[0], False
    source = " ".join((item.source or DEFAULT_SOURCE).split())
    path = PATH_PREFIX + source
    row = db.execute("SELECT id FROM documents WHERE path = ?", [path]).fetchone()
    if row is not None:
        return row[0], path, False
    document_id = db["documents"].insert({
        "path": path, "content_hash": hashlib.sha256(path.encode("utf-8")).hexdigest(), "title": source,
        "format": FORMAT, "version": 1, "first_ingested_at": now, "ingested_at": now,
    }).last_pk
    return document_id, path, True


def add(db: Database, now: str, item: ManualItem, *, by: str | None = None,
        note: str | None = None) -> tuple[str, dict[str, Any]]:
    """Insert `item` with a "created" history entry; returns its id and
    what undoes it. Runs inside the caller's write transaction."""
    action = " ".join(item.action.split())
    if not action:
        raise InputError("give the action: what is to be done")
    document_id, path, made = _document(db, now, item)
    key = KEY_PREFIX + hashlib.sha1(f"{now}\n{action}".encode("utf-8")).hexdigest()
    (item_id,) = ingest.new_ids(db, path, [key])
    directive = Directive(
        text=action, start=0, end=len(action), action=action, responsible=item.responsible,
        deadline=Deadline(item.deadline_text or item.deadline.isoformat(), item.deadline) if item.deadline else None,
        urgent=item.urgent, confidence=1.0, rules=["manual"],
    )
    last_seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM items").fetchone()[0]
    db["items"].insert({"id": item_id, "seq": last_seq + 1, "document_id": document_id, "match_key": key,
                        **ingest.extracted_fields(directive), "status": "open",
                        "created_at": now, "updated_at": now})
    ingest.history(db, item_id, now, "created", changed_by=by, new_status="open",
                   note=" ".join(filter(None, ["added by hand", note and note.strip()])))
    bodies.link(db, item_id, item.responsible)
    return item_id, {"item": item_id, "document": document_id if made else None}


def remove(db: Database, undo: dict[str, Any]) -> None:
    """Undo of `add`: the item and all about it, and the document made for it."""
    item_id = undo["item"]
    for table in ("corrections", "item_bodies", "item_history"):
        db.execute(f"DELETE FROM {table} WHERE item_id = ?", [item_id])
    db.execute("DELETE FROM items WHERE id = ?", [item_id])
    if undo.get("document") is not None and not db.execute(
            "SELECT 1 FROM items WHERE document_id = ?", [undo["document"]]).fetchone():
        db.execute("DELETE FROM documents WHERE id = ?", [undo["document"]])
