"""CSV, JSON and Markdown: every field of every item, in one stable column
order, UTF-8 throughout."""
from __future__ import annotations

import csv
import json
from dataclasses import fields
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from exports.common import (
    clean_text,
    group_items,
    meetings_covered,
    sort_key,
)
from exports.summary import Figures, Summary
from models.items import ActionItem

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


def _csv_cell(value: Any) -> str:
    text = flat_value(value)
    if isinstance(value, (str, list)) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv(items: list[ActionItem], path: Path, summary: Summary) -> int:
    """UTF-8 with a byte-order mark, which is what makes Excel read Urdu and
    Vietnamese as UTF-8 instead of the local code page."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for item in sorted(items, key=sort_key):
            record = item_record(item, summary.today)
            writer.writerow([_csv_cell(record[name]) for name in COLUMNS])
    return len(items)


def figures_record(figures: Figures) -> dict[str, Any]:
    return {
        "name": figures.name,
        "total": figures.total,
        "by_status": figures.by_status(),
        "overdue": figures.overdue,
        "urgent": figures.urgent,
        "no_deadline": figures.no_deadline,
        "no_responsible": figures.no_responsible,
        "completion": figures.completion,
    }


def write_json(items: list[ActionItem], path: Path, summary: Summary, *,
               title: str = "Action list") -> int:
    document = {
        "title": title,
        "produced_on": summary.today.isoformat(),
        "meetings": [
            {"title": name, "meeting_date": day.isoformat() if day else None}
            for name, day in meetings_covered(items)
        ],
        "summary": {
            **figures_record(summary.overall),
            "per_body": [figures_record(f) for f in summary.per_body],
            "per_document": [figures_record(f) for f in summary.per_document],
        },
        "columns": list(COLUMNS),
        "items": [item_record(item, summary.today) for item in sorted(items, key=sort_key)],
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return len(items)


def _md_cell(value: Any) -> str:
    text = flat_value(value)
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _md_table(records: list[dict[str, Any]]) -> list[str]:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_md_cell(r[name]) for name in COLUMNS) + " |" for r in records]
    return lines


def write_markdown(items: list[ActionItem], path: Path, summary: Summary, *,
                   title: str = "Action list", group_by: str | None = None,
                   scope: str | None = None) -> int:
    overall = summary.overall
    lines = [f"# {_md_cell(title)}", ""]
    for name, day in meetings_covered(items):
        lines.append(f"- {_md_cell(name)}" + (f", {day.isoformat()}" if day else ""))
    lines += ["", f"Produced on {summary.today.isoformat()} by docket."]
    if scope:
        lines.append(f"Selection: {_md_cell(scope)}.")
    counts = ", ".join(f"{count} {status}" for status, count in overall.by_status().items())
    lines += ["", f"**{overall.total} actions**: {counts}; **{overall.overdue} overdue**."]
    rows = 0
    for group in group_items(items, group_by):
        if group.label:
            lines += ["", f"## {_md_cell(group.label)} ({len(group.items)})"]
        lines += [""] + _md_table([item_record(i, summary.today) for i in group.items])
        rows += len(group.items)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return rows
