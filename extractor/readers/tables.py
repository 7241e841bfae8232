"""Tables (Word, Markdown and plain text): a table whose header row names an
action column and an owner or due column is a table of actions, one
`table_row` block per data row; any other table gives one plain line per
row. In plain text a table is a header line and rows split alike: by `|`, a
tab, or a run of two or more spaces. A table with a result column and no due
column reports finished work; its rows stay plain lines.

The header words are language data: `extractor/lang/<code>/table_headers.yml`
maps each role (action, owner, due) to the words that name its column, read
by the packs' one loader (`extractor.lang.table_headers`). Every pack is
read, since a document's language is not known when it is read.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Hashable, Sequence

from docket.extractor.lang import HEADERS_FILE, LANG_DIR, PackError, TableRole, table_headers  # noqa: F401
from docket.extractor.readers.base import LineBuilder, one_line
from docket.models.items import Block

ROLES = (TableRole.ACTION.value, TableRole.OWNER.value, TableRole.DUE.value)
OTHER_ROLES = (TableRole.RESULT.value, TableRole.NUMBER.value)  # named columns with no directive field

# A grid-aligned table row: one (identity, text) pair per grid column. A cell
# spanning several columns appears once per column with the same identity.
Row = Sequence[tuple[Hashable, str]]


def header_key(text: str) -> str:
    """A header cell as compared with the packs: compatibility-normalised,
    case-folded, spaces collapsed, punctuation and symbols trimmed at both ends
    ("Due date:" and "DUE DATE*" are both "due date")."""
    key = one_line(unicodedata.normalize("NFKC", text).casefold())
    start, end = 0, len(key)
    while start < end and _is_trim(key[start]):
        start += 1
    while end > start and _is_trim(key[end - 1]):
        end -= 1
    return key[start:end].strip()


def _is_trim(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PS"


@lru_cache(maxsize=None)
def header_roles(lang_dir: Path = LANG_DIR) -> dict[str, str]:
    """Header key -> role, from every language pack's table_headers.yml."""
    roles: dict[str, str] = {}
    for code, headers in table_headers(lang_dir).items():
        where = f"language pack {code}/{HEADERS_FILE}"
        for role, words in headers.items():
            for word in words:
                key = header_key(word)
                if not key:
                    raise PackError(f"{where}: {role!r} holds an empty word")
                if roles.setdefault(key, role) != role:
                    raise PackError(f"{where}: {word!r} is both {roles[key]!r} and {role!r}")
    return roles


def action_columns(header: Sequence[str]) -> dict[int, str] | None:
    """Column index -> role when `header` is the header row of an action
    table, else None. The first column naming a role takes it."""
    known = header_roles()
    columns: dict[int, str] = {}
    named: set[str] = set()
    for index, text in enumerate(header):
        role = known.get(header_key(text))
        named.add(role)
        if role in ROLES and role not in columns.values():
            columns[index] = role
    if "result" in named and "due" not in named:
        return None  # a table of finished work
    if "action" in columns.values() and len(columns) >= 2:
        return columns
    return None


def row_line(row: Row) -> str:
    """The row as one line: each cell once (a merged cell is one cell), the
    non-empty ones joined by " | "."""
    seen: set[Hashable] = set()
    texts = []
    for identity, text in row:
        if identity in seen:
            continue
        seen.add(identity)
        text = one_line(text)
        if text:
            texts.append(text)
    return " | ".join(texts)


def add_table(builder: LineBuilder, rows: Sequence[Row]) -> None:
    """Add a table's rows to `builder`: for an action table the header row as
    a heading and each data row as a `table_row` with its cells by role."""
    rows = [row for row in rows if row_line(row)]
    if not rows:
        return
    columns = action_columns([text for _, text in rows[0]])
    if columns is None:
        for row in rows:
            builder.add(row_line(row))
        return
    builder.add(row_line(rows[0]), "heading")
    for row in rows[1:]:
        kind, cells = _data_row(row, columns)
        builder.add(row_line(row), kind, cells=cells)


def _data_row(row: Row, columns: dict[int, str]) -> tuple[str, dict[str, str] | None]:
    """(kind, cells by role) for a data row of an action table; every role
    is a key, "" where the table has no such column or the cell is empty.
    A row without an action is a plain line."""
    present = [index for index in columns if index < len(row)]
    identities = [row[index][0] for index in present]
    if len(set(identities)) < len(identities) or action_columns([t for _, t in row]):
        # A label spanning the action columns ("Finance") or a repeated header.
        return "heading", None
    by_role = {columns[index]: one_line(row[index][1]) for index in present}
    cells = {role: by_role.get(role, "") for role in ROLES}
    if not cells["action"]:
        return "paragraph", None
    return "table_row", cells


# ------------------------------------------------------------- plain text
_PIPES = re.compile(r"\s*\|\s*")
_SPACES = re.compile(r"\t+| {2,}")


def _split_line(line: str, separator: re.Pattern) -> list[str]:
    line = line.strip()
    if separator is _PIPES:
        line = line.strip("|")
    return separator.split(line)


def _text_header(line: str) -> tuple[dict[int, str], re.Pattern, int] | None:
    separator = _PIPES if "|" in line else _SPACES
    cells = _split_line(line, separator)
    if len(cells) < 2:
        return None
    known = header_roles()
    if sum(header_key(cell) in known for cell in cells) < len(cells) - 1:
        return None  # a sentence that happens to hold a header word
    columns = action_columns(cells)
    return (columns, separator, len(cells)) if columns else None


def text_table_blocks(text: str, lines: list[Block]) -> list[Block]:
    """Mark the rows under a plain-text action-table header as `table_row`
    blocks (the header line becomes a heading). Offsets are unchanged."""
    out: list[Block] = []
    header: tuple[dict[int, str], re.Pattern, int] | None = None
    for block in lines:
        line = text[block.start:block.end]
        found = _text_header(line) if ("|" in line or "  " in line or "\t" in line) else None
        if found is not None:
            header = found
            out.append(Block(block.start, block.end, "heading"))
            continue
        if header is not None:
            columns, separator, width = header
            cells = _split_line(line, separator)
            if len(cells) == width:
                by_role = {role: one_line(cells[index]) for index, role in columns.items()}
                row = {role: by_role.get(role, "") for role in ROLES}
                if row["action"]:
                    out.append(Block(block.start, block.end, "table_row", cells=row))
                    continue
            header = None
        out.append(block)
    return out
