"""Writing one document's extraction into the store: a new document, a
revised one (directives matched, kept, added, vanished) or nothing at all.
Runs inside the write transaction `Store.ingest` holds, so a failure
anywhere leaves the database as it was before the document."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models import bodies, mentions
from docket.models.items import Directive, Document, Extraction
from docket.models.matching import Candidate, directive_keys, id_candidates, match
from docket.models.records import ItemChanges

# Fields a secretary can correct; a correction wins over every re-extraction.
CORRECTABLE = ("action", "responsible", "deadline")


@dataclass
class Incoming:
    """What is being ingested: the document, its identity and its extraction."""

    document: Document
    extraction: Extraction
    path: str
    content_hash: str
    title: str | None
    now: str


def shown(field_name: str, value: Any) -> str | None:
    """A field's stored value as the history shows it: responsible as "A; B"."""
    if field_name == "responsible" and value is not None:
        return "; ".join(json.loads(value))
    return value


def extracted_fields(directive: Directive) -> dict[str, Any]:
    deadline = directive.deadline
    return {
        "text": directive.text,
        "start_offset": directive.start,
        "end_offset": directive.end,
        "action": directive.action,
        "responsible": json.dumps(directive.responsible, ensure_ascii=False),
        "responsible_inherited": int(directive.responsible_inherited),
        "issuer": directive.issuer,
        "deadline_text": deadline.text if deadline else None,
        "deadline": deadline.date.isoformat() if deadline and deadline.date else None,
        "urgent": int(directive.urgent),
        "recurring": int(directive.recurring),
        "confidence": float(directive.confidence),
        "speaker": directive.speaker,
        "cue_time": directive.time,
        "rules": json.dumps(directive.rules, ensure_ascii=False),
        "extracted": json.dumps(directive.to_json(), ensure_ascii=False),
    }


def _corrected(db: Database, item_id: str) -> dict[str, Any]:
    rows = db.execute("SELECT field, value FROM corrections WHERE item_id = ?", [item_id])
    values: dict[str, Any] = {}
    for name, value in rows:
        # responsible is stored as JSON text, like its column; the others as JSON values
        values[name] = value if name == "responsible" else json.loads(value)
    return values


def history(db: Database, item_id: str, now: str, event: str, **fields: Any) -> None:
    db.execute(
        "INSERT INTO item_history (item_id, changed_at, event, changed_by, old_status, new_status, "
        "field, old_value, new_value, note) VALUES (:item_id, :changed_at, :event, :changed_by, "
        ":old_status, :new_status, :field, :old_value, :new_value, :note)",
        {
            "item_id": item_id, "changed_at": now, "event": event,
            **{k: fields.get(k) for k in ("changed_by", "old_status", "new_status", "field",
                                           "old_value", "new_value", "note")},
        },
    )


def _stored_ids(db: Database, candidates: list[list[str]]) -> set[str]:
    """Which of every candidate of every new item are stored already: one
    query per 500 ids, not a SELECT per item."""
    wanted = [candidate for options in candidates for candidate in options]
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(row[0] for row in db.execute(f"SELECT id FROM items WHERE id IN ({marks})", chunk))
    return found


def new_ids(db: Database, path: str, keys: list[str]) -> list[str]:
    """For each key, the shortest id candidate neither stored yet nor taken
    earlier in this batch."""
    candidates = [id_candidates(path, key) for key in keys]
    taken = _stored_ids(db, candidates)
    ids = []
    for options in candidates:
        chosen = next((candidate for candidate in options if candidate not in taken), None)
        if chosen is None:
            raise AssertionError("sha1 collision")  # 17 lengths of one digest all taken
        taken.add(chosen)
        ids.append(chosen)
    return ids


def insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> int | None:
    """Insert `rows` (dicts with the same keys) into `table` in one
    statement; the rowid of a single row. What sqlite-utils' insert_all
    does for docket's own tables, whose columns docket knows: insert_all
    reads the table's columns and runs in a savepoint at every call, which
    cost more than the rows at a call or four per document of an ingest."""
    if not rows:
        return None
    columns = list(rows[0])
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
    if len(rows) == 1:  # executemany leaves no lastrowid
        return db.conn.execute(insert, rows[0]).lastrowid
    db.conn.executemany(insert, rows)
    return None


def update_row(db: Database, table: str, row_id: Any, values: dict[str, Any]) -> None:
    """Set these columns of the row of `table` whose id is `row_id`, in one
    statement: sqlite-utils' Table.update looks up the table's columns and
    the row first, at every call."""
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(f"UPDATE {table} SET {assignments} WHERE id = :_row_id", {**values, "_row_id": row_id})


def _insert_items(db: Database, incoming: Incoming, document_id: int,
                  new: list[tuple[str, Directive]]) -> list[str]:
    """Insert new items, one statement per table for all of them."""
    # seq numbers items in the order they arrive; the full-text index is keyed by it
    last_seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM items").fetchone()[0]
    ids = new_ids(db, incoming.path, [key for key, _ in new])
    rows = [
        {"id": item_id, "seq": last_seq + number, "document_id": document_id, "match_key": key,
         **extracted_fields(directive), "status": "open", "created_at": incoming.now, "updated_at": incoming.now}
        for number, (item_id, (key, directive)) in enumerate(zip(ids, new), start=1)
    ]
    insert_rows(db, "items", rows)
    insert_rows(db, "item_history", [
        {"item_id": item_id, "changed_at": incoming.now, "event": "created", "new_status": "open"}
        for item_id in ids
    ])
    bodies.link_new(db, [(item_id, directive.responsible) for item_id, (_, directive) in zip(ids, new)])
    return ids


def _revised_values(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """The user-visible fields a new version changed: (field, old, new)."""
    return [
        (name, shown(name, old[name]), shown(name, new[name]))
        for name in CORRECTABLE
        if old[name] != new[name]
    ]


def _update_item(db: Database, incoming: Incoming, item_id: str, key: str, directive: Directive) -> bool:
    """Refresh a kept item from its new extraction, corrections winning.
    Returns True when the item had vanished and is back."""
    old = next(db.query("SELECT * FROM items WHERE id = ?", [item_id]))
    corrected = _corrected(db, item_id)
    values = {**extracted_fields(directive), **corrected, "match_key": key}
    if "deadline" not in corrected and db.execute(
            "SELECT 1 FROM mentions WHERE item_id = ? AND replaced_deadline IS NOT NULL AND vanished_at IS NULL",
            [item_id]).fetchone():  # a later meeting's deadline (models/mentions.py) stands
        values["deadline"], values["deadline_text"] = old["deadline"], old["deadline_text"]
    for name, before, after in _revised_values(old, values):
        history(db, item_id, incoming.now, "revised", field=name, old_value=before, new_value=after)
    reappeared = old["vanished_at"] is not None
    if reappeared:
        history(db, item_id, incoming.now, "reappeared")
    values.update(vanished_at=None, updated_at=incoming.now)
    # only the columns that changed: an unchanged text leaves the full-text
    # index alone (its trigger fires on any write to an indexed column), and
    # one statement costs a tenth of sqlite-utils' Table.update, which looks
    # up the table's columns and the row first, each time
    update_row(db, "items", item_id,
               {name: value for name, value in values.items() if old[name] != value or name == "updated_at"})
    if old["responsible"] != values["responsible"]:
        bodies.link(db, item_id, json.loads(values["responsible"]))
    return reappeared


def _candidates(db: Database, document_id: int) -> dict[str, Candidate]:
    # items added by hand (models/manual.py) are no directive of the document's
    rows = db.execute("SELECT id, match_key, extracted FROM items WHERE document_id = ? "
                      "AND match_key NOT LIKE 'manual:%'", [document_id])
    found = {}
    for item_id, key, extracted in rows:
        data = json.loads(extracted)
        found[item_id] = Candidate(key, data["action"], tuple(data["responsible"]))
    return found


def _new_candidates(keys: list[str], directives: list[Directive]) -> list[Candidate]:
    return [Candidate(k, d.action, tuple(d.responsible)) for k, d in zip(keys, directives)]


def _document_row(incoming: Incoming) -> dict[str, Any]:
    meeting = incoming.extraction.meeting_date
    return {
        "path": incoming.path,
        "content_hash": incoming.content_hash,
        "title": incoming.title,
        "format": incoming.document.format,
        "lang": incoming.extraction.lang,
        "meeting_date": meeting.isoformat() if meeting else None,
        "ingested_at": incoming.now,
    }


def _write_directives(db: Database, incoming: Incoming, document_id: int, result: ItemChanges,
                      link: bool = True) -> None:
    """Match the directives with the document's items and mentions (a new
    version of it); link the others that repeat an item (models/mentions.py)
    unless `link` is off; add the rest as new items."""
    directives = incoming.extraction.directives
    keys = directive_keys([d.text for d in directives])
    old = _candidates(db, document_id)
    mentioned = mentions.of_document(db, document_id)
    pairs = match({**old, **mentioned}, _new_candidates(keys, directives))
    new = []
    for index, (key, directive) in enumerate(zip(keys, directives)):
        if index not in pairs:
            new.append((index, key, directive))
        elif pairs[index] in mentioned:
            result.kept.append(mentions.refresh(db, incoming.now, pairs[index], key, directive))
        elif _update_item(db, incoming, pairs[index], key, directive):
            result.reappeared.append(pairs[index])
        else:
            result.kept.append(pairs[index])
    links = mentions.Links()
    if link and new:
        meeting = incoming.extraction.meeting_date
        own = [pairs[i] for i in pairs if pairs[i] in old]
        links = mentions.link(db, document_id, meeting.isoformat() if meeting else None, new, own)
    first = [(key, directive) for index, key, directive in new if index not in links.to_items
             and index not in links.to_new]
    result.added = _insert_items(db, incoming, document_id, first)
    item_of = dict(zip([index for index, _, _ in new if index not in links.to_items and index not in links.to_new],
                       result.added))
    for index, key, directive in new:
        if index in links.to_items:
            item_id, how = links.to_items[index]
        elif index in links.to_new:
            source, how = links.to_new[index]
            item_id = links.to_items[source][0] if source in links.to_items else item_of[source]
        else:
            continue
        mentions.add(db, incoming.now, item_id, document_id, key, directive, how)
        same = db.execute("SELECT document_id FROM items WHERE id = ?", [item_id]).fetchone()[0] == document_id
        (result.repeated if same else result.linked).append(item_id)
    _mark_vanished(db, incoming, set(old) - set(pairs.values()), result)
    mentions.mark_vanished(db, incoming.now, set(mentioned) - set(pairs.values()))


def _mark_vanished(db: Database, incoming: Incoming, item_ids: set[str], result: ItemChanges) -> None:
    for item_id in sorted(item_ids):
        row = db.execute("SELECT vanished_at FROM items WHERE id = ?", [item_id]).fetchone()
        if row[0] is not None:
            continue  # gone already in an earlier version
        db.execute(
            "UPDATE items SET vanished_at = ?, updated_at = ? WHERE id = ?",
            [incoming.now, incoming.now, item_id],
        )
        history(db, item_id, incoming.now, "vanished", note="not in the new version of the document")
        result.vanished.append(item_id)


def _record_version(db: Database, document_id: int, version: int, incoming: Incoming, result: ItemChanges) -> None:
    insert_rows(db, "document_versions", [{
        "document_id": document_id, "version": version, "content_hash": incoming.content_hash,
        "ingested_at": incoming.now, "items_added": len(result.added),
        "items_kept": len(result.kept) + len(result.reappeared), "items_vanished": len(result.vanished),
    }])


def write(db: Database, incoming: Incoming, existing: dict[str, Any] | None,
          link: bool = True) -> tuple[int, ItemChanges]:
    """Store a new document (`existing` None) or a new version of the
    document row `existing`; with `link`, a directive that repeats a stored
    item is a mention of it (models/mentions.py). Returns the document id
    and the item changes."""
    row = _document_row(incoming)
    if existing is None:
        document_id = insert_rows(db, "documents", [{**row, "version": 1, "first_ingested_at": incoming.now}])
        version = 1
    else:
        document_id, version = existing["id"], existing["version"] + 1
        update_row(db, "documents", document_id, {**row, "version": version})
    changes = ItemChanges()
    _write_directives(db, incoming, document_id, changes, link)
    _record_version(db, document_id, version, incoming, changes)
    return document_id, changes
