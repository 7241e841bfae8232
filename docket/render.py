"""Output for people (aligned tables) and machines (JSON, CSV), shared by the
commands. Plain text only: click is the caller's business."""
from __future__ import annotations

import io
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any, Sequence

from docket.exports.common import DISPLAY_UNSAFE, safe_json
from docket.exports.tabular import write_records_csv
from docket.models.items import ActionItem


FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate


def char_width(char: str) -> int:
    """Columns one character takes: wide (CJK) two, combining marks and
    format characters (the isolates around a cell) none."""
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters count two,
    combining marks (Vietnamese tones on decomposed text) none."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def clip(text: str, limit: int) -> str:
    """`text` on one line in at most `limit` columns, "…" marking a cut.
    One pass: each character is measured once."""
    text = " ".join(terminal_safe(text).split())
    if width(text) <= limit:
        return text
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > limit - 1:
            return text[:index] + "…"
    return text + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], stretch: int | None = None) -> str:
    """An aligned table; column `stretch` is clipped to fit the terminal."""
    cells = [[terminal_safe(str(h)) for h in headers]] + [
        ["" if c is None else terminal_safe(str(c)) for c in row] for row in rows]
    if stretch is not None:
        others = sum(max(width(r[i]) for r in cells) + 2 for i in range(len(headers)) if i != stretch)
        room = max(30, shutil.get_terminal_size((120, 24)).columns - others)
        for row in cells[1:]:
            row[stretch] = clip(row[stretch], room)
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        padded = [isolate(cell) + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def right_to_left(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (Urdu, Arabic, Hebrew)."""
    return not text.isascii() and any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def isolate(cell: str) -> str:
    """A table cell with right-to-left text between FSI and PDI: a bidi-aware
    terminal lays it out on its own, so it cannot pull the cells around it
    into its direction and swap the columns. Padding stays outside."""
    return f"{FSI}{cell}{PDI}" if right_to_left(cell) else cell


def _escape(match: re.Match) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every character a terminal would act on (DISPLAY_UNSAFE:
    ESC, BEL, CR, bidi overrides, ...) written as an escape ("\\x1b",
    "\\u202e") instead. Every line docket prints that holds stored or read
    text goes through this (tables, JSON, CSV, messages)."""
    return DISPLAY_UNSAFE.sub(_escape, text)


def to_json(data: Any) -> str:
    return safe_json(data, indent=2)


def to_json_rows(rows: Sequence[Any]) -> str:
    """A JSON array with one compact object per line, as sqlite-utils prints
    rows: easy to grep, and json's C encoder only runs without `indent`."""
    if not rows:
        return "[]"
    return "[" + ",\n ".join(safe_json(row) for row in rows) + "]"


def records(output: str, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Records for programs: a JSON array of `rows`, or CSV of `columns` (the
    writer of `docket export x.csv`, formulas defused, lists joined with "; ")."""
    if output == "json":
        return to_json(list(rows))
    buffer = io.StringIO()
    write_records_csv(buffer, columns, rows, cell=terminal_safe)
    return buffer.getvalue().rstrip("\n")


def shown_path(path: str) -> str:
    """A stored absolute path, relative to the current folder when inside it."""
    try:
        return str(Path(path).relative_to(Path(os.getcwd()).resolve()))
    except ValueError:
        return path


def flags(item: ActionItem, today) -> str:
    marks = [("overdue", item.is_overdue(today)), ("urgent", item.urgent),
             ("recurring", item.recurring), ("vanished", item.vanished), ("to-review", item.review is not None)]
    return ",".join(name for name, on in marks if on)


def meeting(day, source: str | None) -> str:
    """A document's meeting date, marked when docket inferred it."""
    if day is None:
        return "-"
    return f"{day} (inferred)" if source == "inferred" else str(day)


ITEM_HEADERS = ["ID", "STATUS", "DUE", "FLAGS", "RESPONSIBLE", "ACTION"]


def item_row(item: ActionItem, today) -> list[Any]:
    due = item.deadline.isoformat() if item.deadline else (item.deadline_text or "-")
    return [item.id, item.status.value, clip(due, 24), flags(item, today),
            clip("; ".join(item.responsible) or "-", 30), item.action]
