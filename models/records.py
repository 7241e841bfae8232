"""Records the store hands back besides `ActionItem`: documents, bodies,
history entries and what an ingest or a status change did."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from docket.models.items import Status


@dataclass
class StoredDocument:
    id: int
    path: str
    content_hash: str
    title: str | None
    format: str | None
    lang: str | None
    meeting_date: date | None
    version: int
    first_ingested_at: str
    ingested_at: str
    meeting_date_source: str | None = None  # given, read or inferred

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        return data


@dataclass
class Body:
    """A responsible body: its canonical name and every other name it goes by."""

    id: int
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class HistoryEntry:
    """One change to an item. `event` is created, status, edit, revised,
    vanished or reappeared (and note, to review, ...); status events fill
    old/new_status, edit and revised events fill field and old/new_value,
    as do mentioned, mention vanished and unlinked (field "mention",
    models/mentions.py)."""

    changed_at: str
    event: str
    changed_by: str | None = None
    old_status: Status | None = None
    new_status: Status | None = None
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("old_status", "new_status"):
            data[key] = data[key].value if data[key] else None
        return data


@dataclass
class Correction:
    """A secretary's correction of one field; re-ingest keeps it."""

    field: str
    value: Any
    corrected_at: str
    corrected_by: str | None


@dataclass
class StatusChange:
    item_id: str
    old: Status
    new: Status

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass
class ItemChanges:
    """Item ids by what one ingest did to them."""

    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    reappeared: list[str] = field(default_factory=list)
    # directives that repeat an item of another document (carried forward,
    # another format) or of the same one: mentions of it (models/mentions.py)
    linked: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class IngestResult(ItemChanges):
    """What one `Store.ingest` did. outcome: new (first version of a path),
    revised (new content at a known path), unchanged (same content at the
    same path), duplicate (content already stored under another path),
    older (the content of an earlier version of a stored document),
    re-extracted (a stored document extracted again with other options).
    previous_path: where the document was before, when a revision moved it."""

    document: StoredDocument
    outcome: str
    previous_path: str | None = None
