"""CSV, JSON and Markdown: every field of every item, in one stable order,
UTF-8 throughout. JSON items have the shape of `docket list --format json`
and the figures the shape of `docket stats --format json`."""
from __future__ import annotations

import csv
import json
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import IO, Any, Iterable, Sequence

from docket.exports.common import clean_text, group_items, meetings_covered, safe_json
from docket.models.items import ActionItem, Status
from docket.models.query import Stats

# The ActionItem fields in declaration order, then what the export adds.
COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ActionItem)) + ("overdue",)

# A cell Excel would run as a formula: a document could carry "=HYPERLINK(...)".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def item_record(item: ActionItem, today: date) -> dict[str, Any]:
    """One item as plain values, keys in COLUMNS order; text cleaned of
    characters no format can hold."""
    record: dict[str, Any] = {}
    for name in COLUMNS[:-1]:
        value = getattr(item, name)
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, str):
            value = clean_text(value)
        elif isinstance(value, list):
            value = [clean_text(v) for v in value]
        elif isinstance(value, float):
            value = round(value, 3)
        record[name] = value
    record["overdue"] = item.is_overdue(today)
    return record


def flat_value(value: Any) -> str:
    """A record value as one table cell: lists joined with "; ", booleans
    as true/false, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell; text a spreadsheet would run as a formula
    ("=HYPERLINK(...)", "@SUM(...)") gets a leading apostrophe."""
    text = flat_value(value)
    if isinstance(value, (str, list)) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv_rows(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]],
                   lineterminator: str = "\r\n") -> None:
    """docket's one CSV writer, for `export FILE.csv` and `list --format
    csv` alike: a header row, then every cell through `csv_cell`."""
    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows([csv_cell(value) for value in row] for row in rows)


def write_csv(items: list[ActionItem], path: Path, stats: Stats) -> int:
    """UTF-8 with a byte-order mark, which is what makes Excel read Urdu and
    Vietnamese as UTF-8 instead of the local code page."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        records = (item_record(item, stats.today) for item in items)
        write_csv_rows(handle, COLUMNS, ([record[name] for name in COLUMNS] for record in records))
    return len(items)


def write_json(items: list[ActionItem], path: Path, stats: Stats, *,
               title: str = "Action list", produced: datetime) -> int:
    document = {
        "title": title,
        "produced_at": produced.isoformat(timespec="seconds"),
        "as_of": stats.today.isoformat(),
        "meetings": [
            {"title": name, "meeting_date": day.isoformat() if day else None}
            for name, day in meetings_covered(items)
        ],
        "stats": stats.to_json(),
        "items": [item.to_json(stats.today) for item in items],
    }
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(safe_json(document, indent=2) + "\n")
    return len(items)


def _md_cell(value: Any) -> str:
    text = flat_value(value)
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _md_table(records: list[dict[str, Any]]) -> list[str]:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_md_cell(r[name]) for name in COLUMNS) + " |" for r in records]
    return lines


def write_markdown(items: list[ActionItem], path: Path, stats: Stats, *,
                   title: str = "Action list", group_by: str | None = None,
                   scope: str | None = None, produced: datetime) -> int:
    totals = stats.totals
    lines = [f"# {_md_cell(title)}", ""]
    for name, day in meetings_covered(items):
        lines.append(f"- {_md_cell(name)}" + (f", {day.isoformat()}" if day else ""))
    lines += ["", f"Produced on {produced.date().isoformat()} by docket."]
    if scope:
        lines.append(f"Selection: {_md_cell(scope)}.")
    counts = ", ".join(f"{totals.to_json()[status.value]} {status.value}" for status in Status)
    lines += ["", f"**{totals.total} actions**: {counts}; **{totals.overdue} overdue** "
                  f"as of {stats.today.isoformat()}; {totals.summary()}."]
    rows = 0
    for group in group_items(items, group_by):
        if group.label:
            lines += ["", f"## {_md_cell(group.label)} ({len(group.items)})"]
        lines += [""] + _md_table([item_record(i, stats.today) for i in group.items])
        rows += len(group.items)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return rows
