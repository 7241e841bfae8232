"""The records every layer of docket passes around.

Readers build a `Document`, the extractor turns it into `Directive`s, the
store keeps them as `ActionItem`s. Offsets always refer to `Document.text`.
"""
from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple

from docket.models.errors import InputError


@dataclass
class Block:
    """A span of `Document.text` with what it is: a paragraph, a heading,
    a table row, or a speaker turn of a transcript."""

    start: int
    end: int
    kind: str = "paragraph"  # paragraph | item | heading | table_row | turn | reference (links alone)
    speaker: str | None = None
    time: str | None = None  # cue start time of a transcript turn, "00:01:02.500"
    cells: dict[str, str] | None = None  # table_row: column role -> cell text


@dataclass
class Document:
    text: str
    source: str = "-"
    blocks: list[Block] = field(default_factory=list)
    meeting_date_hint: date | None = None
    title: str | None = None
    format: str = "text"  # text | markdown | docx | vtt | srt | pdf
    # What the reader read differently from the file (a malformed cue timing
    # kept without its time): one line each, naming the file
    warnings: list[str] = field(default_factory=list)


@dataclass
class Deadline:
    text: str
    date: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date.isoformat() if self.date else None}


@dataclass
class Directive:
    text: str
    start: int
    end: int
    action: str
    responsible: list[str] = field(default_factory=list)
    responsible_inherited: bool = False
    issuer: str | None = None
    deadline: Deadline | None = None
    urgent: bool = False
    recurring: bool = False
    confidence: float = 0.5
    speaker: str | None = None
    time: str | None = None
    rules: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        # field by field, as ActionItem.to_json: asdict deep-copies, and
        # ingest writes this for every directive it stores
        data = {name: getattr(self, name) for name in _DIRECTIVE_FIELDS}
        data["responsible"], data["rules"] = list(self.responsible), list(self.rules)
        data["deadline"] = self.deadline.to_json() if self.deadline else None
        data["confidence"] = round(self.confidence, 2)
        for optional in ("speaker", "time"):
            if data[optional] is None:
                del data[optional]
        return data


_DIRECTIVE_FIELDS = tuple(f.name for f in fields(Directive))


@dataclass
class Extraction:
    source: str
    lang: str
    meeting_date: date | None
    directives: list[Directive]
    # given (by the user), read (a dateline or a "held on" line), inferred
    # (a date near the top that may be no dateline, or the file's name)
    meeting_date_source: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "lang": self.lang,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "directives": [d.to_json() for d in self.directives],
        }


class Status(str, enum.Enum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    BLOCKED = "blocked"  # waiting on something outside the body's hands: still outstanding
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def outstanding(cls) -> tuple["Status", ...]:
        return (cls.OPEN, cls.IN_PROGRESS, cls.BLOCKED)

    @classmethod
    def parse(cls, text: str) -> "Status":
        """`Status` from what a user typed ("done", "In progress", "in_progress")."""
        wanted = "-".join(text.strip().lower().replace("_", " ").split())
        for status in cls:
            if status.value == wanted:
                return status
        names = ", ".join(s.value for s in cls)
        raise InputError(f"unknown status {text!r}: use one of {names}")


_OUTSTANDING = frozenset(Status.outstanding())


@dataclass
class Mention:
    """Another place an item was raised: a later meeting carrying it forward,
    the same minutes in another format, the same task written twice."""

    id: int
    document_id: int
    document_source: str
    document_title: str | None
    meeting_date: date | None
    text: str
    start: int
    end: int
    deadline_text: str | None = None
    deadline: date | None = None
    how: str = "same text"  # same text | similar (see models/mentions.py)
    vanished: bool = False

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        return data


@dataclass
class ActionItem:
    """A stored directive: what `docket list`, `show` and the exports see."""

    id: str
    document_id: int
    document_source: str
    document_title: str | None
    lang: str
    meeting_date: date | None
    text: str
    start: int
    end: int
    action: str
    responsible: list[str]
    responsible_inherited: bool
    issuer: str | None
    deadline_text: str | None
    deadline: date | None
    urgent: bool
    recurring: bool
    confidence: float
    status: Status = Status.OPEN
    vanished: bool = False
    speaker: str | None = None
    time: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    bodies: list[str] = field(default_factory=list)  # canonical names of `responsible`
    review: str | None = None  # why it waits for a person's review; None: tracked
    mentions: list[Mention] = field(default_factory=list)  # where else it was raised (models/mentions.py)

    def is_overdue(self, today: date) -> bool:
        return overdue(self.deadline, self.status, today)

    def to_json(self, today: date | None = None) -> dict[str, Any]:
        """The item as `docket list --format json` prints it: the fields of
        `docket extract` plus the tracking ones. With `today`, adds `overdue`.
        (Built field by field: dataclasses.asdict deep-copies, and this runs
        once per item of a 100,000-item list; the field names are listed once.)"""
        data = dict(zip(_ITEM_FIELDS, _item_values(self)))
        data["responsible"], data["bodies"] = list(self.responsible), list(self.bodies)
        data["status"] = self.status.value
        data["mentions"] = [mention.to_json() for mention in self.mentions]
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        deadline = Deadline(self.deadline_text or "", self.deadline)
        data["deadline"] = deadline.to_json() if (self.deadline or self.deadline_text) else None
        del data["deadline_text"]
        if today is not None:
            data["overdue"] = self.is_overdue(today)
        return data


def overdue(deadline: date | None, status: Status, today: date) -> bool:
    """Whether an item is overdue as of `today`: past its deadline and still
    outstanding (in Python what sql.overdue_sql says in SQL)."""
    return deadline is not None and deadline < today and status in _OUTSTANDING


class Listed(NamedTuple):
    """What the table of `docket list` shows of an item, read straight from
    its row (Store.listed): no bodies, mentions or document, at a fraction
    of an ActionItem's cost for a list of thousands. render.item_row and the
    list's colours take it as they take an ActionItem."""

    id: str
    status: Status
    deadline: date | None
    deadline_text: str | None
    urgent: bool
    recurring: bool
    vanished: bool
    review: str | None
    responsible: tuple[str, ...]
    action: str

    def is_overdue(self, today: date) -> bool:
        return overdue(self.deadline, self.status, today)


_ITEM_FIELDS = tuple(f.name for f in fields(ActionItem))
_item_values = operator.attrgetter(*_ITEM_FIELDS)  # the fields' values as a tuple, read in C
