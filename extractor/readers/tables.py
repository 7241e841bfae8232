"""Action tables in plain text: a header row whose cells name columns
(Action / Owner / Due, کام / ذمہ دار / آخری تاریخ, Nhiệm vụ / Cơ quan chủ trì /
Thời hạn, from every pack's `table_headers.yml`), then rows with the same
separator: `|`, a tab, or a run of two or more spaces.

Each row becomes a `table_row` block whose `cells` map the roles `action`,
`owner` and `due` to the cell texts. A table with a result column and no due
column reports finished work: its rows stay plain paragraphs.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from models.items import Block

_PIPES = re.compile(r"\s*\|\s*")
_SPACES = re.compile(r"\t+|\s{2,}")
ROLES = ("action", "owner", "due", "result", "number")


@functools.lru_cache(maxsize=1)
def header_words() -> dict[str, str]:
    """Every pack's header words -> column role."""
    from extractor.lang import available, load_pack

    words: dict[str, str] = {}
    for code in available():
        for role, names in load_pack(code).table_headers.items():
            for name in names:
                words[_fold(name)] = role
    return words


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().strip(" :.").split())


def _cells(line: str) -> tuple[list[str], re.Pattern] | None:
    if "|" in line:
        cells = _PIPES.split(line.strip().strip("|"))
        return cells, _PIPES
    cells = _SPACES.split(line.strip())
    return (cells, _SPACES) if len(cells) >= 2 else None


def header_roles(line: str) -> tuple[list[str | None], re.Pattern] | None:
    """Column roles of a header line, or None when it is no action table's."""
    split = _cells(line)
    if split is None:
        return None
    cells, separator = split
    words = header_words()
    roles = [words.get(_fold(cell)) for cell in cells]
    if sum(r is not None for r in roles) < len(cells) - 1 or "action" not in roles:
        return None
    if "due" not in roles and ("result" in roles or "owner" not in roles):
        return None
    return roles, separator


def table_blocks(text: str, lines: list[Block]) -> list[Block]:
    """Turn the rows under an action-table header into `table_row` blocks."""
    out: list[Block] = []
    header: tuple[list[str | None], re.Pattern] | None = None
    for block in lines:
        line = text[block.start:block.end]
        roles = header_roles(line)
        if roles is not None:
            header = roles
            out.append(Block(block.start, block.end, "heading"))
            continue
        if header is not None:
            columns, separator = header
            cells = separator.split(line.strip().strip("|")) if separator is _PIPES else separator.split(line.strip())
            if len(cells) == len(columns):
                mapped = {role: cell.strip() for role, cell in zip(columns, cells)
                          if role in ("action", "owner", "due") and cell.strip()}
                out.append(Block(block.start, block.end, "table_row", cells=mapped))
                continue
            header = None
        out.append(block)
    return out
