"""Word .docx files: paragraphs and tables in document order.

Text: one line per paragraph (a soft line break starts a new line of the same
kind), headings (Heading N / Title styles, or an outline level) as `heading`
blocks; body content inside content controls and tracked insertions is read,
deleted text and text boxes are not. Tables go through `tables.add_table`:
an action table gives `table_row` blocks with cells by role. The core
properties' title and created date become `title` and `meeting_date_hint`.

Bounds, checked on the zip's own directory before python-docx opens the file:
  - at most MAX_DOCX_BYTES on disk and MAX_ZIP_ENTRIES members;
  - at most MAX_UNCOMPRESSED_BYTES for all members together once inflated and
    MAX_XML_PART_BYTES for any one XML part. Python's zipfile never inflates a
    member past the size the directory declares (a lie fails the CRC check),
    so a zip bomb is refused before anything is inflated;
  - tables are laid out on at most MAX_GRID_COLUMNS columns, whatever
    span a cell claims;
  - no encrypted members, and no DOCTYPE or ENTITY declaration in any XML
    part: Word never writes one, and refusing them shuts out external
    entities and entity-expansion bombs. (python-docx's lxml parser already
    neither resolves entities nor loads DTDs nor reaches the network; lxml
    also refuses text nodes over 10 MB and nesting deeper than 256.)
"""
from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Iterator

import docx
from docx.oxml.table import CT_Tbl
from docx.text.paragraph import Paragraph
from lxml import etree

from docket.models.errors import InputError
from docket.models.items import Document
from docket.extractor.readers.base import LineBuilder, check_size, not_this_format, parsing, unreadable
from docket.extractor.readers.tables import Row, add_table

MAX_DOCX_BYTES = 64 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_UNCOMPRESSED_BYTES = 128 * 1024 * 1024
MAX_XML_PART_BYTES = 16 * 1024 * 1024
MAX_GRID_COLUMNS = 64  # Word itself allows 63 columns

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Containers whose block content is part of the body's flow.
_FLOW = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"}
# Inside a paragraph: text that is not (or not here) part of it.
_NOT_TEXT = {_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback"}
# Built-in style names (OOXML identifiers, the same in every UI language).
_HEADING_STYLE = re.compile(r"(heading [1-9]|title|subtitle)", re.IGNORECASE)
_DECLARATIONS = [
    needle.encode(encoding)
    for needle in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
]
_OTHER_OFFICE = {"xl/": "an Excel workbook", "ppt/": "a PowerPoint presentation"}


def read_docx_file(path: Path) -> Document:
    name = str(path)
    check_package(path)
    with parsing(name, "the Word document"):
        document = docx.Document(name)
        builder = LineBuilder(name)
        headings: dict[str | None, bool] = {}  # style id -> is a heading style
        for item in _body_items(document.element.body, document._body):
            if isinstance(item, Paragraph):
                _add_paragraph(builder, item, headings)
            else:
                add_table(builder, table_rows(item))
        title, created = _core_properties(document)
    if not builder.lines:
        raise InputError(f"{name}: the Word document has no text")
    return builder.document(name, "docx", title=title, meeting_date_hint=created)


# -- the package -------------------------------------------------------------


def check_package(path: Path) -> None:
    """Refuse what is not a .docx or is too big or hostile, before parsing."""
    name = str(path)
    check_size(path, MAX_DOCX_BYTES, "Word file")
    try:
        with path.open("rb") as stream:
            head = stream.read(1024)
    except OSError as error:
        raise unreadable(path, error) from None
    if not head.startswith(b"PK"):
        raise not_this_format(name, "a Word .docx file", head)
    with parsing(name, "the .docx zip archive"):
        try:
            with zipfile.ZipFile(path) as package:
                _check_members(name, package)
        except zipfile.BadZipFile as error:
            raise InputError(f"{name}: a damaged .docx (the zip archive cannot be read: {error})") from None


def _check_members(name: str, package: zipfile.ZipFile) -> None:
    members = package.infolist()
    if len(members) > MAX_ZIP_ENTRIES:
        raise InputError(f"{name}: {len(members)} parts in the zip, more than a Word file has ({MAX_ZIP_ENTRIES})")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            f"{name}: {total // 2**20} MiB once uncompressed, more than docket reads "
            f"({MAX_UNCOMPRESSED_BYTES // 2**20} MiB): a zip bomb or a document full of media"
        )
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names:
        raise InputError(f"{name}: a zip archive but not a Word document (no [Content_Types].xml)")
    if not any(n.startswith("word/") for n in names):
        for prefix, what in _OTHER_OFFICE.items():
            if any(n.startswith(prefix) for n in names):
                raise InputError(f"{name}: {what}, not a Word document")
    if any(member.flag_bits & 0x1 for member in members):
        raise InputError(f"{name}: the zip archive is encrypted")
    content_types = _read_xml_part(name, package, package.getinfo("[Content_Types].xml"))
    xml_parts = _xml_part_names(content_types, names)
    for member in members:
        if member.filename in xml_parts:
            _read_xml_part(name, package, member)


def _read_xml_part(name: str, package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    if member.file_size > MAX_XML_PART_BYTES:
        raise InputError(
            f"{name}: the part {member.filename} is {member.file_size // 2**20} MiB uncompressed, "
            f"more than docket reads ({MAX_XML_PART_BYTES // 2**20} MiB)"
        )
    with package.open(member) as stream:
        data = stream.read(MAX_XML_PART_BYTES + 1)
    upper = data.upper()
    if any(needle in upper for needle in _DECLARATIONS):
        raise InputError(
            f"{name}: the part {member.filename} declares a DOCTYPE or ENTITY, which Word never "
            "writes; refusing a file that may try to read other files or expand entities"
        )
    return data


def _xml_part_names(content_types: bytes, names: set[str]) -> set[str]:
    """The members python-docx may parse as XML: by their content type
    (default by extension, or override by part name) or their extension."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(content_types, parser)
    except etree.XMLSyntaxError:
        root = None
    xml_extensions = {"xml", "rels"}
    overrides: set[str] = set()
    if root is not None:
        for default in root.iter(_CT + "Default"):
            if default.get("ContentType", "").endswith("xml"):
                xml_extensions.add(default.get("Extension", "").lower())
        for override in root.iter(_CT + "Override"):
            if override.get("ContentType", "").endswith("xml"):
                overrides.add(override.get("PartName", "").lstrip("/").lower())
    # Part names are case-insensitive (python-docx lowercases them to look up types).
    return {n for n in names if n.lower() in overrides or n.rsplit(".", 1)[-1].lower() in xml_extensions}


# -- the body ----------------------------------------------------------------


def _body_items(element, parent) -> Iterator[Paragraph | CT_Tbl]:
    """Paragraphs and table elements in document order, looking inside content
    controls and tracked insertions (python-docx's iter_inner_content skips them)."""
    for child in element.iterchildren():
        if child.tag == _W + "p":
            yield Paragraph(child, parent)
        elif child.tag == _W + "tbl":
            yield child
        elif child.tag in _FLOW:
            yield from _body_items(child, parent)


def _add_paragraph(builder: LineBuilder, paragraph: Paragraph, headings: dict[str | None, bool]) -> None:
    kind = "heading" if _is_heading(paragraph, headings) else "paragraph"
    for line in paragraph_text(paragraph._p).split("\n"):
        builder.add(line, kind)


def paragraph_text(p) -> str:
    """A paragraph's visible text, "\\n" for its soft line breaks. Unlike
    python-docx's Paragraph.text it keeps runs inside tracked insertions,
    inline content controls, fields and smart tags."""
    return "".join(run.text for run in p.iter(_W + "r") if not _hidden(run, p))


def _hidden(element, stop) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _NOT_TEXT:
            return True
        parent = parent.getparent()
    return False


def _is_heading(paragraph: Paragraph, headings: dict[str | None, bool]) -> bool:
    """Outline levels 0-8 are headings (9 is body text); a paragraph's own
    level wins over its style's, and a style inherits from its base style."""
    level = _outline_level(paragraph._p)
    if level is not None:
        return level < 9
    style_id = paragraph._p.style
    if style_id not in headings:
        headings[style_id] = _is_heading_style(paragraph.style)
    return headings[style_id]


def _is_heading_style(style) -> bool:
    for _ in range(10):  # the base-style chain; bounded against cycles
        if style is None:
            return False
        if _HEADING_STYLE.fullmatch(style.name or ""):
            return True
        level = _outline_level(style.element)
        if level is not None:
            return level < 9
        style = style.base_style
    return False


def _outline_level(element) -> int | None:
    values = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    return int(values[0]) if values and values[0].isdigit() else None


def table_rows(tbl: CT_Tbl) -> list[Row]:
    """The table's rows laid on its grid: one (identity, text) per grid
    column, a cell spanning columns repeated, a vertically merged cell taken
    from the row above; identity is the cell's XML element. python-docx's
    Row.cells would loop as often as a cell's gridSpan claims (a hostile file
    says two billion), so spans are capped at MAX_GRID_COLUMNS here."""
    rows: list[Row] = []
    above: Row = []
    for tr in tbl.tr_lst:
        row: list[tuple[object, str]] = [((id(tr), n), "") for n in range(min(tr.grid_before, MAX_GRID_COLUMNS))]
        for tc in tr.tc_lst:
            column = len(row)
            if tc.vMerge == "continue" and column < len(above):
                cell = above[column]
            else:
                cell = (tc, _cell_text(tc))
            row.extend([cell] * max(1, min(tc.grid_span, MAX_GRID_COLUMNS - column)))
            if len(row) >= MAX_GRID_COLUMNS:
                break
        rows.append(row)
        above = row
    return rows


def _cell_text(tc) -> str:
    return " ".join(paragraph_text(p) for p in tc.iter(_W + "p") if not _hidden(p, tc))


def _core_properties(document) -> tuple[str | None, date | None]:
    try:
        properties = document.core_properties
        title, created = properties.title, properties.created
    except (ValueError, KeyError, AttributeError, TypeError):
        return None, None  # damaged properties are no reason to refuse the text
    return (title.strip() or None) if title else None, created.date() if created else None
