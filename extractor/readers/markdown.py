"""Markdown: the text without its markup, one line per paragraph, heading,
list item and table row, so that no marker ends up inside a directive.

- ATX ("# Title") and setext (underlined) headings become `heading` blocks;
- list markers ("- ", "* ", "+ ", "1. ", "1) "), task boxes ("[ ]", "[x]")
  and quote markers (">") are stripped; a paragraph's or list item's wrapped
  lines are joined into one line; a list item is an `item` block; a
  paragraph or item made of links alone is a `reference` block;
- pipe tables go through `tables.add_table` (an action table gives
  `table_row` blocks);
- emphasis, code spans, links and images keep only their text; struck-out
  text (~~...~~) is left out, as it is deleted; HTML tags are dropped;
- fenced code keeps its lines, as `code` blocks when the fence names a
  language ("```mermaid": a diagram's source is no prose); thematic
  breaks are dropped;
- YAML front matter is not text: its `title:` and a year-first `date:`
  give the document's title and meeting date hint. Without one, the first
  level-1 heading is the title.

Bounds: those of a text file (text.MAX_TEXT_BYTES).
"""
from __future__ import annotations

import re
from pathlib import Path

from docket.models.errors import InputError
from docket.models.items import Document
from docket.extractor.readers.base import LineBuilder, find_iso_date, is_reference
from docket.extractor.readers.tables import Row, add_table
from docket.extractor.readers.text import read_text_bytes

_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_SENTENCE_ENDS = (".", "!", "?", "。", "۔", "؟")  # a line ending so is a sentence, not a title
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r" {0,3}>[ \t]?")
_DELIMITER_CELL = re.compile(r":?-+:?")
_FRONT_MATTER_KEY = re.compile(r"(\w+)[ \t]*:(.*)")

# Every span's inside excludes its own delimiter, so a scan for the closing
# one stops at the next opening one: linear time on hostile lines ("[[[[...").
_INLINE = [
    (re.compile(r"~~[^~]+~~"), ""),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)"), r"\1"),
    (re.compile(r"!?\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^<>]*>"), " "),
    (re.compile(r"\*\*(?=[^\s*])([^*]+)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=[^\s_])([^_]+)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+)(?<=[^\s\\])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+)(?<=[^\s\\])_(?!\w)"), r"\1"),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),
]


def inline_text(text: str) -> str:
    """`text` without inline Markdown markup."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def read_markdown_file(path: Path) -> Document:
    name = str(path)
    lines = read_text_bytes(path).splitlines()
    meta, first = _front_matter(lines)
    builder = LineBuilder(name)
    title = _MarkdownBody(builder).read(lines[first:])
    if not any(line.strip() for line in builder.lines):  # markup alone, such as a lone ">" or "#"
        raise InputError(f"{name}: no text once the Markdown markup is set aside")
    return builder.document(
        name,
        "markdown",
        title=meta.get("title") or title,
        meeting_date_hint=find_iso_date(meta.get("date", "")),
    )


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """The `key: value` pairs of a leading `---` block, and the first body line."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                match = _FRONT_MATTER_KEY.match(line)
                if match:
                    meta[match[1].lower()] = match[2].strip().strip("'\"")
            return meta, end + 1
    return {}, 0


class _MarkdownBody:
    """A line-by-line pass over the body: a paragraph collects wrapped lines
    until a blank line or a block that starts something else."""

    def __init__(self, builder: LineBuilder):
        self.builder = builder
        self.paragraph: list[str] = []
        self.kind = "paragraph"  # or "item": a list item
        self.title: str | None = None

    def flush(self, kind: str | None = None) -> None:
        if self.paragraph:
            raw = " ".join(self.paragraph)
            self.builder.add(inline_text(raw), "reference" if is_reference(raw) else kind or self.kind)
            self.paragraph = []
        self.kind = "paragraph"

    def read(self, lines: list[str]) -> str | None:
        """Add the body's lines to the builder; return the first H1's text."""
        index, fence, code = 0, None, "paragraph"
        while index < len(lines):
            line = lines[index]
            index += 1
            if fence:
                if line.strip().startswith(fence):
                    fence = None
                else:
                    self.builder.add(line, code)
                continue
            while _QUOTE.match(line):
                line = _QUOTE.sub("", line, count=1)
            if _FENCE.match(line):
                self.flush()
                fence = _FENCE.match(line)[1]
                # a fence naming its language ("```mermaid", "```python") holds code
                code = "code" if line.strip()[len(fence):].strip() else "paragraph"
            elif not line.strip():
                self.flush()
            elif "|" in line and index < len(lines) and _is_delimiter_row(lines[index]):
                self.flush()
                index = self.table(lines, index - 1)
            else:
                self.block(line)
        self.flush()
        return self.title

    def block(self, line: str) -> None:
        heading = _ATX.match(line)
        if heading:
            self.flush()
            added = self.builder.add(inline_text(_without_closing_hashes(line[heading.end():])), "heading")
            if added and len(heading[1]) == 1 and self.title is None:
                self.title = self.builder.lines[-1]
        elif self.paragraph and _SETEXT.fullmatch(line):
            # an underlined title is a heading; a paragraph of sentences above a
            # rule ("It was agreed that ... matter.\n---") stays a paragraph
            self.flush("heading" if len(self.paragraph) == 1 and not self.paragraph[0].endswith(_SENTENCE_ENDS)
                       else None)
        elif _BREAK.fullmatch(line):
            self.flush()
        elif _ITEM.match(line):
            self.flush()
            self.kind = "item"
            self.paragraph.append(line[_ITEM.match(line).end():].strip())
        else:
            self.paragraph.append(line.strip())

    def table(self, lines: list[str], header: int) -> int:
        """Add the pipe table starting at `lines[header]`; return the index
        of the first line after it."""
        rows = [_table_cells(lines[header], 0)]
        index = header + 2  # past the delimiter row
        while index < len(lines) and "|" in lines[index] and lines[index].strip():
            rows.append(_table_cells(lines[index], len(rows)))
            index += 1
        add_table(self.builder, rows)
        return index


def _without_closing_hashes(text: str) -> str:
    """An ATX heading's text without its optional closing "###"."""
    text = text.strip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1] in " \t") else text


def _is_delimiter_row(line: str) -> bool:
    """A table's "| --- | :--: |" line."""
    cells = line.strip().strip("|").split("|")
    return "|" in line and all(_DELIMITER_CELL.fullmatch(cell.strip()) for cell in cells)


def _table_cells(line: str, row: int) -> Row:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [((row, column), inline_text(cell.replace("\\|", "|"))) for column, cell in enumerate(cells)]
