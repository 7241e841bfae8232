"""The Word action list and progress report (python-docx).

One function per section of the document; styles are defined once in
`define_styles` and every paragraph and run refers to them by name, so the
file stays small and a secretary can restyle it in Word.
"""
from __future__ import annotations

import io
import itertools
import re
import shutil
import string
import tempfile
import unicodedata
import zipfile
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Iterable, Iterator, Mapping

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.oxml.table import CT_Row
from docx.oxml.text.paragraph import CT_P
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from docket.exports.common import (  # noqa: F401 (LAYOUTS: re-exported)
    LAYOUTS,
    Group,
    Meeting,
    gather_single_groups,
    clean_text,
    document_label,
    group_items,
    has_no_deadline,
    is_rtl,
    item_notes,
    also_raised,
    meetings_covered,
    shorten,
)
from docket.exports.language import Labels, load_labels
from docket.exports.rtl import set_complex_script_size, set_rtl, set_style_urdu_font, set_table_rtl
from docket.models.items import ActionItem, Status
from docket.models.query import NO_BODY, Counts, Stats
from docket.models.query import Group as StatsGroup
from docket.models.records import HistoryEntry

BODY_FONT = "Arial"  # has every Vietnamese diacritic; Word and LibreOffice both ship it or a metric twin
QUOTE_CHARS = 180
KEEP_TOGETHER_CHARS = 800  # a row with more text than this may break across pages
MAX_MEETINGS_LISTED = 12
MAX_NOTES = 3  # the latest notes of an item in its remarks cell
PAGE_WIDTH_MM = 267  # landscape A4 less two 15 mm margins

# (label keys, width in mm). Compact: the sentence as written is left out
# for room, the other columns are the same.
COLUMNS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("columns.number", "columns.id"), 16),
    (("columns.action",), 80),
    (("columns.responsible",), 36),
    (("columns.deadline",), 26),
    (("columns.status",), 25),
    (("columns.remarks",), 36),
    (("columns.source",), 48),
)
# The columns of `docket stats` (together PAGE_WIDTH_MM).
FIGURE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("", 75),
    ("report.tasks", 22),
    ("report.done", 22),
    ("report.completion", 26),
    ("report.open", 22),
    ("report.in_progress", 26),
    ("report.blocked", 26),
    ("report.overdue", 24),
    ("report.cancelled", 24),
)
OVERDUE_FIGURE = [key for key, _ in FIGURE_COLUMNS].index("report.overdue")

OVERDUE_FILL = "F8D7DA"
URGENT_FILL = "FFF0C2"
HEADER_FILL = "1F3864"
GROUP_FILL = "D9E2F3"
LRM = "\u200e"
RLM = "\u200f"

# Style names, created once per document by define_styles().
TITLE = "Docket Title"
META = "Docket Meta"
GROUP = "Heading 2"
GROUP_ROW = "Docket Group Row"
HEADER = "Docket Page Header"
CELL = "Docket Cell"
ITEM_ID = "Docket Item Id"
HEAD = "Docket Table Head"
QUOTE = "Docket Quote"
OVERDUE = "Docket Overdue"
URGENT = "Docket Urgent"
MISSING = "Docket Missing"
NOTE = "Docket Note"
STRONG = "Docket Strong"

Notes = Mapping[str, list[HistoryEntry]]


def style_id(name: str) -> str:
    """The id python-docx gives a style it creates (and Word gives its own)."""
    return name.replace(" ", "")


def with_date(label: str, separator: str, day: date | None, labels: Labels) -> str:
    """"label — 13 Feb 2025", the date in the list's language."""
    if day is None:
        return label
    return joined([label, labels.date(day, "short")], separator)


def joined(parts: list[str], separator: str) -> str:
    """Parts of mixed direction in one line, each kept whole. Before a part
    a mark of its own direction ends the run of the one before: without it
    the bidi algorithm attaches "13" of "13 Feb 2025" to an Urdu title and
    shows "Feb 2025 13", or the "6" of an Urdu date to an English
    reference number."""
    out = parts[0] if parts else ""
    for part in parts[1:]:
        mark = (RLM if is_rtl(part) else LRM) if is_rtl(part) != is_rtl(out) else ""
        out += f"{separator}{mark}{part}"
    return out


def quoted(text: str) -> str:
    """Text in quotation marks; Urdu is left bare, since English curly quotes
    are not mirrored and would face the wrong way around right-to-left text."""
    return text if is_rtl(text) else f"“{text}”"


@dataclass(frozen=True)
class ListSetup:
    """What the whole document is written with: the list's language, the
    header's organisation and reference, the notes for the remarks column
    and the layout of the action list."""

    labels: Labels = field(default_factory=load_labels)
    organisation: str | None = None
    reference: str | None = None
    notes: Notes | None = None
    layout: str = "compact"
    gather_single: bool = False  # compact: bodies with one action each share one group at the end

    def say(self, key: str, **fields) -> str:
        return self.labels.text(key, **fields)


@dataclass
class ActionRow:
    """What one numbered row of the action list shows."""

    number: int
    id: str
    action: str
    responsible: list[str]
    inherited: bool
    deadline: date | None
    deadline_text: str
    status: Status
    overdue: bool
    no_deadline: bool
    urgent: bool
    recurring: bool
    document: str
    meeting_date: date | None
    quote: str
    notes: list[tuple[date, str]]
    also: list[tuple[str, date | None]] = field(default_factory=list)  # common.also_raised

    @classmethod
    def from_item(cls, item: ActionItem, number: int, today: date, notes: Notes | None = None) -> "ActionRow":
        return cls(
            number=number,
            id=item.id,
            action=clean_text(item.action) or clean_text(item.text),
            responsible=[clean_text(name) for name in item.responsible if clean_text(name)],
            inherited=item.responsible_inherited,
            deadline=item.deadline,
            deadline_text=clean_text(item.deadline_text),
            status=Status(item.status),
            overdue=item.is_overdue(today),
            no_deadline=has_no_deadline(item),
            urgent=bool(item.urgent),
            recurring=bool(item.recurring),
            document=document_label(item),
            meeting_date=item.meeting_date,
            quote=shorten(clean_text(item.text), QUOTE_CHARS),
            notes=item_notes(item, notes),
            also=also_raised(item),
        )


# ---------------------------------------------------------------- styles


def define_styles(document: DocxDocument) -> None:
    """Every style the export uses, defined once. Each sets its size and
    weight twice: for Latin text (w:sz, w:b) and for complex-script text
    (w:szCs, w:bCs), which is what Word and LibreOffice apply to Urdu."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    set_style_urdu_font(normal.element, size_pt=11)
    set_size(normal, 10)
    normal.paragraph_format.space_after = Pt(4)

    def paragraph_style(name: str, size: float, *, bold=False, italic=False, color=None, after=4.0, before=0.0):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        set_size(style, size)
        set_weight(style, bold=bold, italic=italic)
        if color:
            style.font.color.rgb = RGBColor.from_string(color)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.space_before = Pt(before)
        return style

    paragraph_style(TITLE, 18, bold=True, color="1F3864", after=6)
    paragraph_style(META, 10, color="404040", after=2)
    paragraph_style(HEADER, 9, color="404040", after=0)
    paragraph_style(CELL, 8.5, after=0)
    paragraph_style(ITEM_ID, 7, color="555555", after=0)
    paragraph_style(HEAD, 9, bold=True, color="FFFFFF", after=0)
    paragraph_style(QUOTE, 8, italic=True, color="555555", after=0)
    group_row = paragraph_style(GROUP_ROW, 9, bold=True, color="1F3864", after=0, before=0)
    group_row.paragraph_format.keep_with_next = True
    _outline_level(group_row, 1)  # listed in Word's navigation pane, as the section headings are
    heading = styles[GROUP]
    heading.font.name = BODY_FONT
    _drop_theme_fonts(heading.element)
    set_size(heading, 12)
    set_weight(heading, bold=True)
    heading.font.color.rgb = RGBColor.from_string("1F3864")
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True

    def character_style(name: str, *, bold=False, italic=False, color=None):
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        set_weight(style, bold=bold, italic=italic)
        if color:
            style.font.color.rgb = RGBColor.from_string(color)

    character_style(OVERDUE, bold=True, color="B00020")
    character_style(URGENT, bold=True, color="9A5B00")
    character_style(MISSING, italic=True, color="B00020")
    character_style(NOTE, italic=True, color="666666")
    character_style(STRONG, bold=True)
    for name in STYLE_NAMES:
        assert styles[name].style_id == style_id(name), name


STYLE_NAMES = (TITLE, META, HEADER, GROUP, GROUP_ROW, CELL, ITEM_ID, HEAD, QUOTE, OVERDUE, URGENT, MISSING,
               NOTE, STRONG)
URDU_SIZE_RATIO = 1.1  # Nastaliq needs more room than Latin text at the same nominal size


def set_size(style, size_pt: float) -> None:
    """The size of Latin (w:sz) and, a little larger, Urdu (w:szCs) text."""
    style.font.size = Pt(size_pt)
    set_complex_script_size(style.element.get_or_add_rPr(), size_pt * URDU_SIZE_RATIO)


def set_weight(style, *, bold: bool, italic: bool = False) -> None:
    """Bold and italic for Latin (w:b, w:i) and complex-script (w:bCs, w:iCs)
    text alike; both set, on or off, so nothing is inherited by accident."""
    style.font.bold = style.font.cs_bold = bold
    style.font.italic = style.font.cs_italic = italic


def _outline_level(style, level: int) -> None:
    pPr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    pPr.append(outline)


def _drop_theme_fonts(style_element) -> None:
    """Built-in headings name theme fonts, which win over w:ascii; drop them
    so headings use the body font."""
    fonts = style_element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


# ---------------------------------------------------------------- page


def set_properties(document: DocxDocument, title: str, produced: datetime, labels: Labels) -> None:
    """File properties Word shows under File > Info; python-docx's template
    would otherwise claim the author "python-docx" and a date in 2013."""
    properties = document.core_properties
    properties.title = clean_text(title)
    properties.author = properties.last_modified_by = "docket"
    properties.comments = "Produced by docket from meeting minutes and reports."
    properties.language = labels.code
    properties.created = properties.modified = produced.astimezone(timezone.utc)


def set_up_page(document: DocxDocument, title: str, produced: date, setup: ListSetup) -> None:
    """Landscape A4; the organisation, reference and date in the header, the
    title and "Page n of m" (in the list's language) in the footer."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = Mm(18)
    section.bottom_margin = Mm(18)
    section.header_distance = Mm(8)
    section.footer_distance = Mm(8)
    header = section.header.paragraphs[0]
    header.style = document.styles[HEADER]
    add_page_header(header, produced, setup)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles[META]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{clean_text(title)} · ")
    add_page_of(footer, setup.say("document.page_of"))
    if setup.labels.rtl:
        set_rtl(footer)
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_page_header(paragraph: Paragraph, produced: date, setup: ListSetup) -> None:
    """"Organisation · Ref.: 38/TB-VP · date", on every page."""
    parts = [clean_text(setup.organisation)] if setup.organisation else []
    if setup.reference:
        parts.append(setup.say("document.reference", reference=clean_text(setup.reference)))
    parts.append(setup.labels.date(produced))
    mark = RLM if setup.labels.rtl else LRM  # each part starts afresh in the list's direction
    for index, text in enumerate(parts):
        if index:
            paragraph.add_run(f"{mark}  ·  {mark}")
        paragraph.add_run(text, STRONG if setup.organisation and index == 0 else None)
    if setup.labels.rtl:
        set_rtl(paragraph)
    _bottom_border(paragraph)


def _bottom_border(paragraph: Paragraph) -> None:
    """A thin rule under the page header."""
    pPr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "808080")):
        bottom.set(qn(name), value)
    border.append(bottom)
    pPr.insert_element_before(border, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing",
                              "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                              "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}


def add_page_of(paragraph: Paragraph, template: str) -> None:
    """"Page {page} of {pages}" with Word fields for the two numbers, in the
    order the language puts them."""
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            paragraph.add_run(literal)
        if name:
            _add_field(paragraph, PAGE_FIELDS[name], "1")


def _add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader's application fills in."""
    def run_with(child) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# ---------------------------------------------------------------- front matter


def add_title_block(document: DocxDocument, title: str, meetings: list[Meeting], produced: date,
                    scope: str | None, setup: ListSetup) -> None:
    """Title, the meetings covered (`meetings_covered` of the items), the
    production date and any filter."""
    labels = setup.labels
    _text_paragraph(document, title, TITLE, labels)
    if meetings:
        label = setup.say("document.meeting_covered" if len(meetings) == 1 else "document.meetings_covered")
        _text_paragraph(document, label, META, labels).runs[0].style = document.styles[STRONG]
    for meeting in meetings[:MAX_MEETINGS_LISTED]:
        _text_paragraph(document, with_date(meeting.title, " — ", meeting.day, labels), META, labels)
    if len(meetings) > MAX_MEETINGS_LISTED:
        _text_paragraph(document, setup.say("document.more_meetings", count=len(meetings) - MAX_MEETINGS_LISTED),
                        META, labels)
    _text_paragraph(document, setup.say("document.produced_on", date=labels.date(produced)), META, labels)
    if scope:
        _text_paragraph(document, setup.say("document.selection", scope=scope), META, labels)


def add_summary(document: DocxDocument, stats: Stats, labels: Labels) -> None:
    """One short paragraph of the figures `docket stats` prints: counts by
    status, overdue, nobody named, tasks done."""
    totals = stats.totals
    paragraph = document.add_paragraph(style=META)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run(labels.plural("summary.actions", totals.total), STRONG)
    paragraph.add_run(": " + labels.text("summary.by_status", open=totals.open, in_progress=totals.in_progress,
                                         blocked=totals.blocked, done=totals.done,
                                         cancelled=totals.cancelled) + " ")
    today = labels.date(stats.today)
    if totals.overdue:
        paragraph.add_run(labels.text("summary.overdue", count=totals.overdue, date=today), OVERDUE)
    else:
        paragraph.add_run(labels.text("summary.none_overdue", date=today))
    paragraph.add_run(" ")
    nobody = next((g.counts.total for g in stats.by_body if g.key == NO_BODY), 0)
    if nobody:
        paragraph.add_run(labels.text("summary.no_one_named", count=nobody), MISSING)
        paragraph.add_run(" ")
    if totals.percent_done is None:
        paragraph.add_run(labels.text("summary.done", done=totals.done, tasks=totals.tasks))
    else:
        paragraph.add_run(labels.text("summary.done_percent", done=totals.done, tasks=totals.tasks,
                                      percent=totals.percent_done))
    if labels.rtl:
        set_rtl(paragraph)


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class Line:
    """One paragraph of a table cell: its text, character style (for marks
    such as OVERDUE), paragraph style and whether it is right-aligned."""

    text: str
    mark: str | None = None
    style: str = CELL
    right: bool = False


class TableWriter:
    """A fixed-width table whose shaded header row repeats on every page.

    Rows are stamped from templates: one row per cell fill, one paragraph per
    (style, mark, alignment, direction), each built once with python-docx
    (so `set_rtl` and `shade` stay the only code that knows that XML) and
    then copied. Building every cell through python-docx costs about 8 ms a
    row; copying templates makes 10,000 rows a matter of seconds.

    In a right-to-left table (an Urdu list) the columns run from the right
    and text without a letter of its own direction (numbers, ids, dates)
    follows the table's direction."""

    def __init__(self, document: DocxDocument, columns: list[tuple[str, int]], rtl: bool = False,
                 spool: "RowSpool | None" = None):
        self.rtl = rtl
        self.spool = spool
        self.columns = len(columns)
        self.table = document.add_table(rows=1, cols=len(columns))
        self.table.style = document.styles["Table Grid"]
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.table.autofit = False
        self.table._tbl.tblPr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
        if rtl:
            set_table_rtl(self.table)
        for grid_column, (_, width) in zip(self.table._tbl.tblGrid.gridCol_lst, columns):
            grid_column.w = Mm(width)
        self._rows: dict[tuple[str | None, bool], CT_Row] = {}
        self._paragraphs: dict[tuple, CT_P] = {}
        self._group_row: CT_Row | None = None
        header = self.table.rows[0]
        repeat_header(header)
        for cell, (label, width) in zip(header.cells, columns):
            cell.width = Mm(width)
            shade(cell, HEADER_FILL)
            cell._tc.remove(cell._tc.p_lst[0])
        self._fill_cells(header._tr, [[Line(part, style=HEAD) for part in label.split("\n")]
                                      for label, _ in columns])
        self._marker = spool.place(self.table._tbl) if spool is not None else None

    def _add(self, tr: CT_Row) -> None:
        """A finished row: into the table, or (spooled) written out at once."""
        if self._marker is None:
            self.table._tbl.append(tr)
        else:
            self.spool.write(self._marker, tr)

    def add_row(self, cells: list[list[Line]], fill: str | None = None) -> CT_Row:
        """A row of `cells`. A short row is kept on one page; a long one may
        break, since a row taller than the page could not be shown whole."""
        short = sum(len(line.text) for lines in cells for line in lines) <= KEEP_TOGETHER_CHARS
        tr = deepcopy(self._row_template(fill, short))
        self._fill_cells(tr, cells)
        self._add(tr)
        return tr

    def add_group_row(self, label: str) -> CT_Row:
        """A shaded row of one cell across the table: the name of a group
        (a body, a document, a month) heading the rows under it."""
        if self._group_row is None:
            row = self.table.add_row()
            set_row_flag(row._tr, "w:cantSplit")
            cell = row.cells[0].merge(row.cells[-1])
            shade(cell, GROUP_FILL)
            cell._tc.remove(cell._tc.p_lst[0])
            self._group_row = row._tr
            self.table._tbl.remove(row._tr)
        tr = deepcopy(self._group_row)
        self._fill_cells(tr, [[Line(label, style=GROUP_ROW)]])
        self._add(tr)
        return tr

    def right_align_header(self, first: int) -> None:
        for cell in self.table.rows[0].cells[first:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _fill_cells(self, tr: CT_Row, cells: list[list[Line]]) -> None:
        for tc, lines in zip(tr.tc_lst, cells):
            for line in lines or [Line("")]:
                tc.append(self.paragraph(line))

    def paragraph(self, line: Line) -> CT_P:
        text = " ".join(line.text.split())
        rtl = is_rtl(text) or (self.rtl and not has_ltr_letters(text))
        key = (line.style, line.mark, line.right, rtl)
        template = self._paragraphs.get(key)
        if template is None:
            paragraph = Paragraph(OxmlElement("w:p"), None)
            paragraph._p.style = style_id(line.style)
            run = paragraph.add_run(" ")
            if line.mark:
                run._r.style = style_id(line.mark)
            if line.right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if rtl:
                set_rtl(paragraph)
            template = self._paragraphs[key] = paragraph._p
        p = deepcopy(template)
        p.find(_RUN_TEXT).text = text  # lxml's own path search: python-docx's r_lst walks every child
        return p

    def _row_template(self, fill: str | None, keep_together: bool) -> CT_Row:
        template = self._rows.get((fill, keep_together))
        if template is None:
            row = self.table.add_row()
            if keep_together:
                set_row_flag(row._tr, "w:cantSplit")
            for cell in row.cells:
                if fill:
                    shade(cell, fill)
                cell._tc.remove(cell._tc.p_lst[0])
            template = self._rows[fill, keep_together] = row._tr
            self.table._tbl.remove(row._tr)
        return template


class RowSpool:
    """The rows of the action tables written out as they are made, instead
    of kept in the document: python-docx holds the whole XML tree until it
    saves, about 30 KB a row (3 GiB for 100,000 items). Each spooled table
    keeps only a marker (an XML comment) where its rows go; `save` saves the
    document and splices each table's rows in at its marker, streaming them
    into the .docx. The rows are the same elements, serialized one by one
    without the namespace declarations the document already makes."""

    def __init__(self) -> None:
        self._files: dict[bytes, IO[bytes]] = {}
        self._declared: re.Pattern | None = None

    def place(self, tbl) -> bytes:
        """A marker at the end of `tbl`, after which its rows will go."""
        text = f"docket-rows-{len(self._files)}"
        tbl.append(etree.Comment(text))
        marker = f"<!--{text}-->".encode()
        self._files[marker] = tempfile.TemporaryFile()
        if self._declared is None:
            root = tbl.getroottree().getroot()
            declarations = "|".join(re.escape(f' xmlns:{prefix}="{uri}"') for prefix, uri in root.nsmap.items())
            self._declared = re.compile(f"(?:{declarations})".encode())
        return marker

    def write(self, marker: bytes, tr: CT_Row) -> None:
        data = etree.tostring(tr, encoding="utf-8", xml_declaration=False)
        start = data.index(b">")  # the declarations are on the row's own tag only
        self._files[marker].write(self._declared.sub(b"", data[:start]) + data[start:])

    def save(self, document: DocxDocument, path: Path) -> None:
        """Save `document` to `path`, each table's rows spliced in."""
        if not self._files:
            document.save(path)
            return
        buffer = io.BytesIO()
        document.save(buffer)
        part = document.part.partname.lstrip("/")
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename != part:
                    target.writestr(info, source.read(info))
                    continue
                xml = source.read(info)
                rows = sum(handle.tell() for handle in self._files.values())
                with target.open(info, "w", force_zip64=len(xml) + rows > 2**31 - 2**24) as out:
                    for marker, handle in self._files.items():
                        before, xml = xml.split(marker, 1)
                        out.write(before)
                        handle.seek(0)
                        shutil.copyfileobj(handle, out, 1 << 20)
                        handle.close()
                    out.write(xml)


_RUN_TEXT = f"{qn('w:r')}/{qn('w:t')}"


def has_ltr_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(char) == "L" for char in text)


# w:trPr children in schema order (ECMA-376 CT_TrPrBase), for inserting one in place.
_TRPR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
               "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
               "w:ins", "w:del", "w:trPrChange")


def set_row_flag(tr: CT_Row, tag: str) -> None:
    """Switch on a row property such as w:cantSplit or w:tblHeader."""
    trPr = tr.get_or_add_trPr()
    if trPr.find(qn(tag)) is None:
        trPr.insert_element_before(OxmlElement(tag), *_TRPR_ORDER[_TRPR_ORDER.index(tag) + 1:])


def repeat_header(row) -> None:
    """Mark a row as the table's header: Word repeats it at the top of every
    page the table runs onto, and never splits it."""
    set_row_flag(row._tr, "w:cantSplit")
    set_row_flag(row._tr, "w:tblHeader")


def shade(cell: _Cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = tcPr.find(qn("w:shd"))
    if shd is None:
        shd = OxmlElement("w:shd")
        tcPr.insert_element_before(
            shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
            "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
        )
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def action_table(document: DocxDocument, setup: ListSetup, spool: RowSpool | None = None) -> TableWriter:
    labels = setup.labels
    columns = [("\n".join(labels.text(key) for key in keys), width) for keys, width in COLUMNS]
    return TableWriter(document, columns, rtl=labels.rtl, spool=spool)


def add_rows(table: TableWriter, items: Iterable[ActionItem], first: int, today: date, setup: ListSetup) -> int:
    """A row per item, numbered from `first`, each made and written as its
    item comes; returns the number of rows."""
    count = 0
    for count, item in enumerate(items, 1):
        row = ActionRow.from_item(item, first + count - 1, today, setup.notes)
        table.add_row(action_cells(row, setup), row_fill(row))
    return count


def write_sections(document: DocxDocument, groups: list[Group], today: date, setup: ListSetup,
                   spool: RowSpool | None = None) -> int:
    """A heading (when grouped) and a table per group; returns the rows written."""
    number = 1
    for group in groups:
        if group.label:
            _text_paragraph(document, f"{group.label} ({len(group.items)})", GROUP, setup.labels)
        number += add_rows(action_table(document, setup, spool), group.items, number, today, setup)
    return number - 1


def write_compact(document: DocxDocument, groups: Iterable[Group], today: date, setup: ListSetup,
                  spool: RowSpool | None = None) -> int:
    """One table; each group (when grouped) opens with a shaded row
    bearing its name; returns the rows written. A group's items may be an
    iterator (one ungrouped list as the store reads it)."""
    table = action_table(document, setup, spool)
    if setup.gather_single:
        groups = gather_single_groups(list(groups), setup.say("groups.single_bodies"))
    number = 1
    for group in groups:
        if group.label:
            table.add_group_row(f"{group.label} ({len(group.items)})")
        number += add_rows(table, group.items, number, today, setup)
    return number - 1


def row_fill(row: ActionRow) -> str | None:
    return OVERDUE_FILL if row.overdue else URGENT_FILL if row.urgent else None


def action_cells(row: ActionRow, setup: ListSetup) -> list[list[Line]]:
    """The cells of an action row, as lines of text."""
    labels = setup.labels
    return [
        [Line(str(row.number)), Line(row.id, style=ITEM_ID)],
        [Line(row.action)],
        responsible_lines(row, labels),
        deadline_lines(row, labels),
        status_lines(row, labels),
        remarks_lines(row, labels),
        source_lines(row, labels, quote=setup.layout == "sections"),
    ]


def responsible_lines(row: ActionRow, labels: Labels) -> list[Line]:
    if not row.responsible:
        return [Line(labels.text("marks.no_one_named"), MISSING)]
    lines = [Line(name) for name in row.responsible]
    if row.inherited:
        lines.append(Line(labels.text("marks.carried_over"), NOTE))
    return lines


def deadline_lines(row: ActionRow, labels: Labels) -> list[Line]:
    """The date, then the phrase as written; flags when either is missing."""
    lines = []
    if row.deadline:
        lines.append(Line(labels.date(row.deadline, "short"), STRONG))
        if row.deadline_text:
            lines.append(Line(quoted(row.deadline_text), style=QUOTE))
    elif row.deadline_text:
        lines += [Line(row.deadline_text), Line(labels.text("marks.no_date"), NOTE)]
    if row.no_deadline:
        lines.append(Line(labels.text("marks.no_deadline"), MISSING))
    if row.recurring:
        lines.append(Line(labels.text("marks.recurring"), NOTE))
    return lines


def status_lines(row: ActionRow, labels: Labels) -> list[Line]:
    lines = [Line(labels.status(row.status))]
    if row.overdue:
        lines.append(Line(labels.text("marks.overdue"), OVERDUE))
    if row.urgent:
        lines.append(Line(labels.text("marks.urgent"), URGENT))
    return lines


def remarks_lines(row: ActionRow, labels: Labels) -> list[Line]:
    """The latest notes people left on the item, with their dates."""
    return [Line(labels.text("document.note", date=labels.date(day, "short"), note=text))
            for day, text in row.notes[-MAX_NOTES:]] + [
        Line(labels.text("document.also_raised", document=document, date=labels.date(day, "short")).rstrip())
        for document, day in row.also]


def source_lines(row: ActionRow, labels: Labels, quote: bool = True) -> list[Line]:
    """The document and meeting date: on one line when both run the same
    way, else one under the other, which no bidi mark can make read well
    once the line wraps inside a narrow cell."""
    day = labels.date(row.meeting_date, "short")
    if day and is_rtl(day) != is_rtl(row.document):
        lines = [Line(row.document), Line(day)]
    else:
        lines = [Line(with_date(row.document, ", ", row.meeting_date, labels))]
    if quote and row.quote:
        lines.append(Line(quoted(row.quote), style=QUOTE))
    return lines


def _text_paragraph(document: DocxDocument, text: str, style: str, labels: Labels | None = None) -> Paragraph:
    """A paragraph of `text` in the list's direction, so the front matter
    lines up on one side (an Urdu title in an English list is still shaped
    right to left within the line); without `labels`, in the text's own."""
    paragraph = document.add_paragraph(clean_text(text), style=style)
    if (labels.rtl if labels is not None else is_rtl(text)):
        set_rtl(paragraph)
    return paragraph


# ---------------------------------------------------------------- documents


def _new_document(title: str, meetings: list[Meeting], stats: Stats, scope: str | None,
                  produced: datetime, setup: ListSetup) -> DocxDocument:
    """Styles, page set-up, title block and summary: what both documents open with."""
    document = Document()
    set_properties(document, title, produced, setup.labels)
    define_styles(document)
    set_up_page(document, title, produced.date(), setup)
    add_title_block(document, title, meetings, produced.date(), scope, setup)
    add_summary(document, stats, setup.labels)
    return document


def write_action_list(items: Iterable[ActionItem], path: Path, stats: Stats, *,
                      title: str | None = None, group_by: str | None = None,
                      scope: str | None = None, produced: datetime,
                      setup: ListSetup | None = None, meetings: list[Meeting] | None = None) -> int:
    """The circulated action list; returns the number of rows written.
    Ungrouped in one table, with `meetings` (`meetings_covered(items)`)
    given, `items` may be an iterator: each row is made and written out as
    its item comes, so memory stays flat however many there are."""
    setup = setup or ListSetup()
    if setup.layout not in LAYOUTS:
        raise ValueError(f"layout {setup.layout!r}")
    title = title or setup.say("document.action_list")
    streamed = group_by is None and setup.layout == "compact" and meetings is not None
    if not streamed:
        items = list(items)
        meetings = meetings_covered(items)
    document = _new_document(title, meetings, stats, scope, produced, setup)
    setup = replace(setup, gather_single=group_by == "body")
    items = iter(items)
    first = next(items, None)
    rows, spool = 0, RowSpool()
    if first is not None:
        if streamed:
            groups = [Group("", itertools.chain([first], items))]
        else:
            groups = group_items([first, *items], group_by, setup.labels)
        write = write_compact if setup.layout == "compact" else write_sections
        rows = write(document, groups, stats.today, setup, spool)
    else:
        _text_paragraph(document, setup.say("document.no_actions"), META, setup.labels)
    spool.save(document, path)
    return rows


def write_progress_report(items: list[ActionItem], path: Path, stats: Stats, *,
                          title: str | None = None, scope: str | None = None,
                          produced: datetime, setup: ListSetup | None = None) -> int:
    """The figures of `docket stats` as tables; returns the number of table rows."""
    setup = setup or ListSetup()
    title = title or setup.say("document.progress_report")
    covered = meetings_covered(items)
    document = _new_document(title, covered, stats, scope, produced, setup)
    labels = setup.labels
    _text_paragraph(document, setup.say("report.note"), META, labels)
    meetings = {str(m.document_id): m for m in covered}
    rows = add_figures(document, setup.say("report.overall"), [(setup.say("report.all_actions"), stats.totals)],
                       labels, first_column="")
    rows += add_figures(document, setup.say("report.by_body"),
                        [(_body_label(g, labels), g.counts) for g in stats.by_body], labels)
    rows += add_figures(document, setup.say("report.by_document"),
                        [(_document_label(g, meetings, labels), g.counts) for g in stats.by_document], labels)
    document.save(path)
    return rows


def _body_label(group: StatsGroup, labels: Labels) -> str:
    return labels.text("groups.no_one_named") if group.key == NO_BODY else group.label


def _document_label(group: StatsGroup, meetings: dict[str, Meeting], labels: Labels) -> str:
    """A document's row: its title and meeting date, as "Meetings covered"
    names it; the store's label when no item of it is listed."""
    meeting = meetings.get(group.key)
    if meeting is None:
        return group.label
    return with_date(meeting.title, ", ", meeting.day, labels)


def add_figures(document: DocxDocument, heading: str, rows: list[tuple[str, Counts]], labels: Labels,
                first_column: str | None = None) -> int:
    """A heading and a table of figures in the columns of `docket stats`."""
    _text_paragraph(document, heading, GROUP, labels)
    columns = [(heading if first_column is None else first_column, FIGURE_COLUMNS[0][1])]
    columns += [(labels.text(key), width) for key, width in FIGURE_COLUMNS[1:]]
    table = TableWriter(document, columns, rtl=labels.rtl)
    table.right_align_header(1)
    for name, counts in rows:
        completion = "–" if counts.percent_done is None else f"{counts.percent_done}%"
        values = [counts.tasks, counts.done, completion, counts.open, counts.in_progress, counts.blocked,
                  counts.overdue, counts.cancelled]
        tr = table.add_row([[Line(clean_text(name))]] + [[Line(str(v), right=True)] for v in values])
        if counts.overdue:
            shade(_Cell(tr.tc_lst[OVERDUE_FIGURE], table.table), OVERDUE_FILL)
    if not rows:
        table.add_row([[Line(labels.text("report.no_actions"), NOTE)]] + [[] for _ in FIGURE_COLUMNS[1:]])
    return len(rows)
