"""CSV, JSON and Markdown, UTF-8 throughout. CSV (`docket export x.csv` and
`docket list --format csv`, one writer) and Markdown hold the table a
person reads: id, action, responsible, deadline, status, source and the
remarks people left. JSON items have the shape of `docket list --format
json` and the figures the shape of `docket stats --format json`."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Mapping, Sequence

from docket.exports.common import (
    also_raised,
    clean_text,
    document_label,
    group_items,
    item_notes,
    meetings_covered,
    responsible_label,
    safe_json,
)
from docket.exports.language import Labels, load_labels
from docket.models.items import ActionItem, Status
from docket.models.query import Stats
from docket.models.records import HistoryEntry

COLUMNS: tuple[str, ...] = ("id", "action", "responsible", "deadline", "status", "source", "remarks")
LABEL_KEYS = {"id": "columns.id", "action": "columns.action", "responsible": "columns.responsible",
              "deadline": "columns.deadline", "status": "columns.status", "source": "columns.source",
              "remarks": "columns.remarks"}

# A cell Excel would run as a formula: a document could carry "=HYPERLINK(...)".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Notes = Mapping[str, list[HistoryEntry]]


@dataclass
class TableRow:
    """One item as the CSV and Markdown tables show it."""

    id: str
    action: str
    responsible: str
    deadline: date | None
    deadline_text: str
    status: Status
    overdue: bool
    urgent: bool
    source: str
    meeting_date: date | None
    notes: list[tuple[date, str]]
    also: list[tuple[str, date | None]] = field(default_factory=list)  # common.also_raised

    @classmethod
    def from_item(cls, item: ActionItem, today: date, notes: Notes | None) -> "TableRow":
        return cls(
            id=item.id, action=clean_text(item.action) or clean_text(item.text),
            responsible=responsible_label(item), deadline=item.deadline,
            deadline_text=clean_text(item.deadline_text), status=Status(item.status),
            overdue=item.is_overdue(today), urgent=bool(item.urgent), source=document_label(item),
            meeting_date=item.meeting_date, notes=item_notes(item, notes), also=also_raised(item),
        )

    def machine_cells(self) -> list[str]:
        """Plain values for programs: ISO dates, status keywords."""
        return [
            self.id, self.action, self.responsible,
            self.deadline.isoformat() if self.deadline else self.deadline_text,
            self.status.value,
            self.source + (f", {self.meeting_date.isoformat()}" if self.meeting_date else ""),
            "; ".join([f"{day.isoformat()}: {text}" for day, text in self.notes]
                      + [f"also raised: {document} {day.isoformat() if day else ''}".rstrip() for document, day in self.also]),
        ]

    def reader_cells(self, labels: Labels) -> list[str]:
        """The same row for people, in the list's language."""
        status = labels.status(self.status)
        marks = [labels.text("marks.overdue")] * self.overdue + [labels.text("marks.urgent")] * self.urgent
        return [
            self.id, self.action, self.responsible or labels.text("marks.no_one_named"),
            labels.date(self.deadline, "short") if self.deadline else self.deadline_text,
            ", ".join([status] + marks),
            self.source + (f", {labels.date(self.meeting_date, 'short')}" if self.meeting_date else ""),
            "; ".join([labels.text("document.note", date=labels.date(day, "short"), note=text)
                       for day, text in self.notes]
                      + [labels.text("document.also_raised", document=document, date=labels.date(day, "short")).rstrip()
                         for document, day in self.also]),
        ]


def csv_cell(text: str) -> str:
    """A cell Excel will show, not run: formulas are defused with a quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _flat(value: Any) -> str:
    """A record's value as one CSV cell: lists joined with "; ", none empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


def write_records_csv(handle: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, Any]],
                      cell: Callable[[str], str] = str, lineterminator: str = "\n") -> int:
    """Any records (bodies, documents, figures, changes) as CSV: a header of
    `columns` and one row per record, each value flattened, passed through
    `cell` (the caller's escaping) and defused like the items' CSV."""
    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(cell(_flat(row.get(name)))) for name in columns])
        count += 1
    return count


def write_csv_rows(handle: IO[str], items: list[ActionItem], today: date, notes: Notes | None = None,
                   lineterminator: str = "\r\n") -> int:
    """The header and one row per item, to an open text handle."""
    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow([csv_cell(cell) for cell in TableRow.from_item(item, today, notes).machine_cells()])
    return len(items)


def write_csv(items: list[ActionItem], path: Path, stats: Stats, notes: Notes | None = None) -> int:
    """UTF-8 with a byte-order mark, which is what makes Excel read Urdu and
    Vietnamese as UTF-8 instead of the local code page."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        return write_csv_rows(handle, items, stats.today, notes)


def write_json(items: list[ActionItem], path: Path, stats: Stats, *,
               title: str = "Action list", produced: datetime) -> int:
    document = {
        "title": title,
        "produced_at": produced.isoformat(timespec="seconds"),
        "as_of": stats.today.isoformat(),
        "meetings": [
            {"document_id": m.document_id, "title": m.title, "meeting_date": m.day.isoformat() if m.day else None}
            for m in meetings_covered(items)
        ],
        "stats": stats.to_json(),
        "items": [item.to_json(stats.today) for item in items],
    }
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(safe_json(document, indent=2) + "\n")
    return len(items)


def md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _md_table(rows: list[TableRow], labels: Labels) -> list[str]:
    lines = ["| " + " | ".join(md_cell(labels.text(LABEL_KEYS[name])) for name in COLUMNS) + " |",
             "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row.reader_cells(labels)) + " |" for row in rows]
    return lines


def write_markdown(items: list[ActionItem], path: Path, stats: Stats, *,
                   title: str | None = None, group_by: str | None = None,
                   scope: str | None = None, produced: datetime, labels: Labels | None = None,
                   notes: Notes | None = None) -> int:
    """A table to paste into a wiki or an e-mail, in the list's language."""
    labels = labels or load_labels()
    lines = [f"# {md_cell(title or labels.text('document.action_list'))}", ""]
    meetings = meetings_covered(items)
    if meetings:
        lines += [labels.text("document.meetings_covered" if len(meetings) > 1 else "document.meeting_covered"), ""]
    for meeting in meetings:
        day = f", {labels.date(meeting.day, 'short')}" if meeting.day else ""
        lines.append(f"- {md_cell(meeting.title)}{day}")
    lines += ["", labels.text("document.produced_on", date=labels.date(produced.date()))]
    if scope:
        lines.append(labels.text("document.selection", scope=md_cell(scope)))
    lines += ["", " ".join(summary_sentences(stats, labels))]
    rows = 0
    for group in group_items(items, group_by, labels):
        if group.label:
            lines += ["", f"## {md_cell(group.label)} ({len(group.items)})"]
        lines += [""] + _md_table([TableRow.from_item(i, stats.today, notes) for i in group.items], labels)
        rows += len(group.items)
    if not items:
        lines += ["", labels.text("document.no_actions")]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return rows


def summary_sentences(stats: Stats, labels: Labels) -> list[str]:
    """The figures of `docket stats` in a few sentences of the list's language."""
    totals = stats.totals
    sentences = [
        labels.plural("summary.actions", totals.total) + ": " + labels.text(
            "summary.by_status", open=totals.open, in_progress=totals.in_progress, blocked=totals.blocked,
            done=totals.done, cancelled=totals.cancelled),
        labels.text("summary.overdue", count=totals.overdue, date=labels.date(stats.today)) if totals.overdue
        else labels.text("summary.none_overdue", date=labels.date(stats.today)),
    ]
    if totals.percent_done is None:
        sentences.append(labels.text("summary.done", done=totals.done, tasks=totals.tasks))
    else:
        sentences.append(labels.text("summary.done_percent", done=totals.done, tasks=totals.tasks,
                                     percent=totals.percent_done))
    return sentences
