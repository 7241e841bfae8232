"""Output for people (aligned tables) and machines (JSON, CSV), shared by the
commands. Plain text only: click is the caller's business."""
from __future__ import annotations

import functools
import io
import itertools
import json
import operator
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from docket.exports.common import DISPLAY_UNSAFE, safe_json
from docket.exports.tabular import write_records_csv
from docket.models.items import ActionItem, Listed


FSI, PDI = "\u2068", "\u2069"  # first strong isolate, pop directional isolate


@functools.lru_cache(maxsize=None)
def char_width(char: str) -> int:
    """Columns one character takes: wide (CJK) two, combining marks and
    format characters (the isolates around a cell) none. Cached: a list
    of thousands of rows asks about the same few hundred characters."""
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


# Characters below U+0300 are one column each but for the soft hyphen (a
# format character): no combining mark, wide or other format character
# comes before U+0300. Only the others are looked up.
_LOOKED_UP = re.compile("[\u00ad\u0300-\U0010ffff]")


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters count two,
    combining marks (Vietnamese tones on decomposed text) none."""
    if text.isascii():
        return len(text)
    others = _LOOKED_UP.findall(text)
    return len(text) - len(others) + sum(map(char_width, others))


def clip(text: str, limit: int) -> str:
    """`text` on one line in at most `limit` columns, "…" marking a cut.
    One pass: each character is measured once, and no further than the
    cut: a long sentence clipped to a column costs the column, not the
    sentence."""
    text = " ".join(terminal_safe(text).split())
    if text.isascii():
        return text if len(text) <= limit else text[:max(limit - 1, 0)] + "…"
    return _clip_measured(text, limit)


@functools.lru_cache(maxsize=4096)
def _clip_measured(text: str, limit: int) -> str:
    """`clip` of one line of safe text that is not all ASCII. Cached: the
    same names (an item's responsible bodies, in Urdu or Vietnamese) recur in
    thousands of rows, and measuring them is a Python loop per character."""
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > limit - 1:
            # the cut may be unneeded: the rest can still fit when it is all zero-width
            rest = text[index:]
            if used - char_width(char) + width(rest) <= limit:
                return text
            return text[:index] + "…"
    return text


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], stretch: int | None = None) -> str:
    """An aligned table; column `stretch` is clipped to fit the terminal."""
    return "\n".join(next(table_pages(headers, [rows], stretch)))


def table_pages(headers: Sequence[str], pages: Iterable[Sequence[Sequence[Any]]],
                stretch: int | None = None) -> Iterator[list[str]]:
    """The lines of an aligned table, one page of rows at a time (the header
    line opens the first): what a pager shows before the last row is read.
    A column is as wide as the widest cell so far, so a page lines up with
    the pages before it unless one of its cells is wider than all of theirs.
    Given one page, `table`'s lines."""
    header = [terminal_safe(str(h)) for h in headers]
    widths = [width(h) for h in header]
    screen = shutil.get_terminal_size((120, 24)).columns
    first = True
    for rows in map(list, pages):  # listed: a page is read once per column, and may be a generator
        # a page is laid out column by column: a column's cells are tested,
        # measured and padded together (most columns are plain ASCII), each
        # cell measured once (a stretch cell again once clipped), and a page
        # holds a few lists, not a few per row for the garbage collector
        if any(len(row) != len(header) for row in rows):
            raise ValueError("a table row without one cell per header")
        # (not zip(*rows): that makes an iterator per row, enough objects to
        # set off a full garbage collection on a list of 70,000 items)
        columns = [_safe_column(map(operator.itemgetter(i), rows)) for i in range(len(header))]
        sizes = [_sizes(column) for column in columns]
        if stretch is not None:
            for i, size in enumerate(sizes):
                if i != stretch:
                    widths[i] = max([widths[i], *size])
            others = sum(w + 2 for i, w in enumerate(widths) if i != stretch)
            room = max(30, screen - others)
            columns[stretch] = [clip(cell, room) for cell in columns[stretch]]
            sizes[stretch] = _sizes(columns[stretch])
        widths = [max([w, *size]) for w, size in zip(widths, sizes)]
        if first:  # the header line opens the first page, padded as a row
            columns = [[h, *column] for h, column in zip(header, columns)]
            sizes = [[width(h), *size] for h, size in zip(header, sizes)]
            first = False
        padded = [_padded(column, size, w) for column, size, w in zip(columns, sizes, widths)]
        yield [line.rstrip() for line in map("  ".join, zip(*padded))]


def _safe_column(values: Iterable[Any]) -> list[str]:
    """A column's values as `terminal_safe` text, None as "". One test for
    the whole column: one with nothing to escape (nearly all) needs no call
    per cell."""
    cells = ["" if value is None else str(value) for value in values]
    if "".join(cells).isprintable():  # see terminal_safe
        return cells
    return [terminal_safe(cell) for cell in cells]


def _sizes(cells: list[str]) -> list[int]:
    """The widths of `cells`: an ASCII cell's is its length, without a call to `width`."""
    if "".join(cells).isascii():
        return list(map(len, cells))
    return [len(cell) if cell.isascii() else width(cell) for cell in cells]


def _padded(cells: list[str], sizes: list[int], column_width: int) -> list[str]:
    """`cells` (of widths `sizes`) padded to `column_width` columns, right-to-left
    ones isolated. An ASCII cell cannot be right to left: no call to `isolate`."""
    return [(cell if cell.isascii() else isolate(cell)) + " " * (column_width - size)
            for cell, size in zip(cells, sizes)]


# The blocks that hold every right-to-left letter (bidi class R or AL):
# Hebrew to Arabic Extended-A, the right-to-left mark, the Hebrew and Arabic
# presentation forms, and the right-to-left scripts of plane 1. They also
# hold marks and digits, so a character found is still looked up; one
# outside them is never right-to-left (tests/test_render_fast.py checks
# every code point), and most non-ASCII cells (Vietnamese, a clip's "…")
# have none to look up.
_RIGHT_TO_LEFT_BLOCKS = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")


def right_to_left(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (Urdu, Arabic, Hebrew)."""
    return not text.isascii() and any(
        unicodedata.bidirectional(char) in ("R", "AL") for char in _RIGHT_TO_LEFT_BLOCKS.findall(text))


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
    # every character DISPLAY_UNSAFE matches is one str.isprintable refuses
    # (a control or format character): printable text, most cells, is safe
    # as it is, and that test is much cheaper than the substitution
    if text.isprintable():
        return text
    return DISPLAY_UNSAFE.sub(_escape, text)


def to_json(data: Any) -> str:
    return safe_json(data, indent=2)


def to_json_rows(rows: Sequence[Any]) -> str:
    """A JSON array with one compact object per line, as sqlite-utils prints
    rows: easy to grep, and json's C encoder only runs without `indent`."""
    if not rows:
        return "[]"
    return "[" + ",\n ".join(safe_json(row) for row in rows) + "]"


def json_rows_chunks(rows: Iterable[Any], size: int = 500) -> Iterator[str]:
    """`to_json_rows(list(rows))` in pieces of `size` rows, written as the
    rows come: a list of 100,000 items is never held whole."""
    rows = iter(rows)
    # safe_json's steps: one encoder for all (json.dumps makes one per call
    # when given options), then its escapes row by row (they can only touch
    # characters inside strings, as for a single row)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    opening = "["
    while chunk := list(itertools.islice(rows, size)):
        yield opening + ",\n ".join(map(_json_safe, map(encode, chunk)))
        opening = ",\n "
    yield "[]" if opening == "[" else "]"


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match[0]):04x}"


def _json_safe(row: str) -> str:
    """One encoded row with safe_json's escapes. Printable text has nothing
    to escape (see terminal_safe), and that test costs a fraction of the
    substitution's scan: most rows are returned as they are."""
    return row if row.isprintable() else DISPLAY_UNSAFE.sub(_json_escape, row)


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
        return str(Path(path).relative_to(_resolved(os.getcwd())))
    except ValueError:
        return path


@functools.lru_cache(maxsize=4)
def _resolved(folder: str) -> Path:
    # resolved once per folder, not once per line of an ingest of thousands of files
    return Path(folder).resolve()


FLAG_NAMES = ("overdue", "urgent", "recurring", "vanished", "to-review")


def flags(item: ActionItem | Listed, today) -> str:
    marks = (item.is_overdue(today), item.urgent, item.recurring, item.vanished, item.review is not None)
    return ",".join(itertools.compress(FLAG_NAMES, marks))


def meeting(day, source: str | None) -> str:
    """A document's meeting date, marked when docket inferred it."""
    if day is None:
        return "-"
    return f"{day} (inferred)" if source == "inferred" else str(day)


ITEM_HEADERS = ["ID", "STATUS", "DUE", "FLAGS", "RESPONSIBLE", "ACTION"]


def item_row(item: ActionItem | Listed, today) -> tuple[str, ...]:
    """An item's cells under ITEM_HEADERS (of an ActionItem, or of the Listed
    that Store.listed reads for a long list). A tuple: holding only strings, it
    is no longer tracked by the garbage collector after its first pass, so
    the rows of a long list never reach the oldest generation (lists would,
    and set off full collections that walk every item read)."""
    # an ISO date (ten columns, no space or control character) is its own clip
    due = item.deadline.isoformat() if item.deadline else clip(item.deadline_text or "-", 24)
    return (item.id, item.status.value, due, flags(item, today), _responsible(tuple(item.responsible)), item.action)


@functools.lru_cache(maxsize=4096)
def _responsible(names: tuple[str, ...]) -> str:
    """An item's RESPONSIBLE cell. Cached (by a tuple: a list cannot be a
    key): the same bodies are responsible for thousands of a list's items."""
    return clip("; ".join(names) or "-", 30)
