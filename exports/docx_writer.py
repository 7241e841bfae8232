"""The Word action list and progress report (python-docx).

One function per section of the document; styles are defined once in
`define_styles` and every paragraph and run refers to them by name, so the
file stays small and a secretary can restyle it in Word.
"""
from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

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

from docket.exports.common import (
    NO_DEADLINE,
    NO_ONE_NAMED,
    Group,
    clean_text,
    document_label,
    group_items,
    has_no_deadline,
    is_rtl,
    meetings_covered,
    shorten,
)
from docket.exports.rtl import set_rtl, set_style_urdu_font, set_table_rtl
from docket.models.items import ActionItem, Status
from docket.models.query import NO_BODY, Counts, Stats
from docket.models.query import Group as StatsGroup

BODY_FONT = "Arial"  # has every Vietnamese diacritic; Word and LibreOffice both ship it or a metric twin
QUOTE_CHARS = 180
KEEP_TOGETHER_CHARS = 800  # a row with more text than this may break across pages
MAX_MEETINGS_LISTED = 12

# Landscape A4 with 15 mm margins leaves 267 mm for the table.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("No.", 11),
    ("Action", 86),
    ("Responsible", 42),
    ("Deadline", 34),
    ("Status", 24),
    ("Source", 70),
)
# The columns of `docket stats`.
FIGURE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("", 95),
    ("Tasks", 24),
    ("Done", 24),
    ("Completion", 26),
    ("Open", 24),
    ("In progress", 26),
    ("Overdue", 24),
    ("Cancelled", 24),
)
OVERDUE_FIGURE = 6

OVERDUE_FILL = "F8D7DA"
URGENT_FILL = "FFF0C2"
HEADER_FILL = "1F3864"
LRM = "\u200e"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Style names, created once per document by define_styles().
TITLE = "Docket Title"
META = "Docket Meta"
GROUP = "Heading 2"
CELL = "Docket Cell"
HEAD = "Docket Table Head"
QUOTE = "Docket Quote"
OVERDUE = "Docket Overdue"
URGENT = "Docket Urgent"
MISSING = "Docket Missing"
NOTE = "Docket Note"
STRONG = "Docket Strong"


def style_id(name: str) -> str:
    """The id python-docx gives a style it creates (and Word gives its own)."""
    return name.replace(" ", "")


def format_date(day: date | None) -> str:
    """"31 Mar 2025", the same in every locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def with_date(label: str, separator: str, day: date | None) -> str:
    """"label — 13 Feb 2025". After an Urdu label a left-to-right mark keeps
    the date in one piece; without it the bidi algorithm attaches "13" to the
    Urdu text and shows "Feb 2025 13"."""
    if day is None:
        return label
    mark = LRM if is_rtl(label) else ""
    return f"{label}{separator}{mark}{format_date(day)}"


def quoted(text: str) -> str:
    """Text in quotation marks; Urdu is left bare, since English curly quotes
    are not mirrored and would face the wrong way around right-to-left text."""
    return text if is_rtl(text) else f"“{text}”"


@dataclass
class ActionRow:
    """What one numbered row of the action list shows."""

    number: int
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

    @classmethod
    def from_item(cls, item: ActionItem, number: int, today: date) -> "ActionRow":
        return cls(
            number=number,
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
        )



# ---------------------------------------------------------------- styles


def define_styles(document: DocxDocument) -> None:
    """Every style the export uses, defined once."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(10)
    set_style_urdu_font(normal.element, size_pt=11)
    normal.paragraph_format.space_after = Pt(4)

    def paragraph_style(name: str, size: float, *, bold=False, color=None, after=4.0, before=0.0):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
        if color:
            style.font.color.rgb = RGBColor.from_string(color)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.space_before = Pt(before)
        return style

    paragraph_style(TITLE, 18, bold=True, color="1F3864", after=6)
    paragraph_style(META, 10, color="404040", after=2)
    paragraph_style(CELL, 9, after=2)
    paragraph_style(HEAD, 9, bold=True, color="FFFFFF", after=0)
    paragraph_style(QUOTE, 8, color="555555", after=0).font.italic = True
    heading = styles[GROUP]
    heading.font.name = BODY_FONT
    _drop_theme_fonts(heading.element)
    heading.font.size = Pt(12)
    heading.font.color.rgb = RGBColor.from_string("1F3864")
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True

    def character_style(name: str, *, bold=False, italic=False, color=None):
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.bold = bold
        style.font.italic = italic
        if color:
            style.font.color.rgb = RGBColor.from_string(color)

    character_style(OVERDUE, bold=True, color="B00020")
    character_style(URGENT, bold=True, color="9A5B00")
    character_style(MISSING, italic=True, color="B00020")
    character_style(NOTE, italic=True, color="666666")
    character_style(STRONG, bold=True)
    for name in (TITLE, META, GROUP, CELL, HEAD, QUOTE, OVERDUE, URGENT, MISSING, NOTE, STRONG):
        assert styles[name].style_id == style_id(name), name


def _drop_theme_fonts(style_element) -> None:
    """Built-in headings name theme fonts, which win over w:ascii; drop them
    so headings use the body font."""
    fonts = style_element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


# ---------------------------------------------------------------- page


def set_properties(document: DocxDocument, title: str, produced: datetime) -> None:
    """File properties Word shows under File > Info; python-docx's template
    would otherwise claim the author "python-docx" and a date in 2013."""
    properties = document.core_properties
    properties.title = clean_text(title)
    properties.author = properties.last_modified_by = "docket"
    properties.comments = "Produced by docket from meeting minutes and reports."
    properties.created = properties.modified = produced.astimezone(timezone.utc)


def set_up_page(document: DocxDocument, footer_label: str) -> None:
    """Landscape A4, with the label and "Page n of m" in the footer."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = Mm(15)
    section.bottom_margin = Mm(18)
    section.footer_distance = Mm(8)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles[META]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{footer_label} · Page ")
    _add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES", "1")


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


def add_title_block(document: DocxDocument, title: str, items: list[ActionItem], produced: date,
                    scope: str | None) -> None:
    """Title, the meetings covered, the production date and any filter."""
    _text_paragraph(document, title, TITLE)
    meetings = meetings_covered(items)
    if meetings:
        label = "Meeting covered" if len(meetings) == 1 else "Meetings covered"
        _text_paragraph(document, f"{label}:", META).runs[0].style = document.styles[STRONG]
    for name, day in meetings[:MAX_MEETINGS_LISTED]:
        _text_paragraph(document, with_date(name, " — ", day), META)
    if len(meetings) > MAX_MEETINGS_LISTED:
        _text_paragraph(document, f"… and {len(meetings) - MAX_MEETINGS_LISTED} more", META)
    _text_paragraph(document, f"Produced on {format_date(produced)} by docket.", META)
    if scope:
        _text_paragraph(document, f"Selection: {scope}", META)


def add_summary(document: DocxDocument, stats: Stats) -> None:
    """One short paragraph of the figures `docket stats` prints: counts by
    status, overdue, nobody named, tasks done."""
    totals = stats.totals
    paragraph = document.add_paragraph(style=META)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run(_plural(totals.total, "action"), STRONG)
    paragraph.add_run(": " + ", ".join(f"{count} {name}" for name, count in _status_counts(totals)) + ". ")
    if totals.overdue:
        paragraph.add_run(f"{totals.overdue} overdue", OVERDUE)
        paragraph.add_run(f" as of {format_date(stats.today)}. ")
    else:
        paragraph.add_run(f"None overdue as of {format_date(stats.today)}. ")
    nobody = next((g.counts.total for g in stats.by_body if g.key == NO_BODY), 0)
    if nobody:
        paragraph.add_run(f"{nobody} with no one named.", MISSING)
        paragraph.add_run(" ")
    paragraph.add_run(f"{totals.summary()}.")


def _status_counts(counts: Counts) -> list[tuple[str, int]]:
    return [
        ("open", counts.open),
        ("in progress", counts.in_progress),
        ("blocked", counts.blocked),
        ("done", counts.done),
        ("cancelled", counts.cancelled),
    ]


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


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
    row; copying templates makes 10,000 rows a matter of seconds."""

    def __init__(self, document: DocxDocument, columns: tuple[tuple[str, int], ...],
                 rtl: bool = False):
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
        header = self.table.rows[0]
        repeat_header(header)
        for cell, (label, width) in zip(header.cells, columns):
            cell.width = Mm(width)
            shade(cell, HEADER_FILL)
            cell._tc.remove(cell._tc.p_lst[0])
        self._fill_cells(header._tr, [[Line(label, style=HEAD)] for label, _ in columns])

    def add_row(self, cells: list[list[Line]], fill: str | None = None) -> CT_Row:
        """A row of `cells`. A short row is kept on one page; a long one may
        break, since a row taller than the page could not be shown whole."""
        short = sum(len(line.text) for lines in cells for line in lines) <= KEEP_TOGETHER_CHARS
        tr = deepcopy(self._row_template(fill, short))
        self.table._tbl.append(tr)
        self._fill_cells(tr, cells)
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
        rtl = is_rtl(text)
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
        p.r_lst[0].t_lst[0].text = text
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


def add_group(document: DocxDocument, group: Group, first_number: int, today: date) -> int:
    """A heading (when grouped) and the group's table; returns the next row
    number. A table whose rows are mostly Urdu runs right to left."""
    if group.label:
        _text_paragraph(document, f"{group.label} ({len(group.items)})", GROUP)
    rows = [ActionRow.from_item(item, first_number + i, today) for i, item in enumerate(group.items)]
    mostly_rtl = bool(rows) and sum(is_rtl(row.action) for row in rows) * 2 > len(rows)
    table = TableWriter(document, COLUMNS, rtl=mostly_rtl)
    for row in rows:
        table.add_row(action_cells(row), row_fill(row))
    return first_number + len(rows)


def row_fill(row: ActionRow) -> str | None:
    return OVERDUE_FILL if row.overdue else URGENT_FILL if row.urgent else None


def action_cells(row: ActionRow) -> list[list[Line]]:
    """The six cells of an action row, as lines of text."""
    return [
        [Line(str(row.number))],
        [Line(row.action)],
        responsible_lines(row),
        deadline_lines(row),
        status_lines(row),
        source_lines(row),
    ]


def responsible_lines(row: ActionRow) -> list[Line]:
    if not row.responsible:
        return [Line(NO_ONE_NAMED, MISSING)]
    lines = [Line(name) for name in row.responsible]
    if row.inherited:
        lines.append(Line("(carried over from the preceding directive)", NOTE))
    return lines


def deadline_lines(row: ActionRow) -> list[Line]:
    """The date, then the phrase as written; flags when either is missing."""
    lines = []
    if row.deadline:
        lines.append(Line(format_date(row.deadline), STRONG))
        if row.deadline_text:
            lines.append(Line(quoted(row.deadline_text), style=QUOTE))
    elif row.deadline_text:
        lines += [Line(row.deadline_text), Line("(no date)", NOTE)]
    if row.no_deadline:
        lines.append(Line(NO_DEADLINE, MISSING))
    if row.recurring:
        lines.append(Line("recurring", NOTE))
    return lines


def status_lines(row: ActionRow) -> list[Line]:
    lines = [Line(row.status.value.replace("-", " ").capitalize())]
    if row.overdue:
        lines.append(Line("OVERDUE", OVERDUE))
    if row.urgent:
        lines.append(Line("URGENT", URGENT))
    return lines


def source_lines(row: ActionRow) -> list[Line]:
    lines = [Line(with_date(row.document, ", ", row.meeting_date))]
    if row.quote:
        lines.append(Line(quoted(row.quote), style=QUOTE))
    return lines


def _text_paragraph(document: DocxDocument, text: str, style: str) -> Paragraph:
    paragraph = document.add_paragraph(clean_text(text), style=style)
    if is_rtl(text):
        set_rtl(paragraph)
    return paragraph


# ---------------------------------------------------------------- documents


def _new_document(title: str, items: list[ActionItem], stats: Stats, scope: str | None,
                  produced: datetime) -> DocxDocument:
    """Styles, page set-up, title block and summary: what both documents open with."""
    document = Document()
    set_properties(document, title, produced)
    define_styles(document)
    set_up_page(document, clean_text(title))
    add_title_block(document, title, items, produced.date(), scope)
    add_summary(document, stats)
    return document


def write_action_list(items: list[ActionItem], path: Path, stats: Stats, *,
                      title: str = "Action list", group_by: str | None = None,
                      scope: str | None = None, produced: datetime) -> int:
    """The circulated action list; returns the number of rows written."""
    document = _new_document(title, items, stats, scope, produced)
    number = 1
    for group in group_items(items, group_by):
        number = add_group(document, group, number, stats.today)
    if not items:
        _text_paragraph(document, "No actions match this selection.", META)
    document.save(path)
    return number - 1


def write_progress_report(items: list[ActionItem], path: Path, stats: Stats, *,
                          title: str = "Progress report", scope: str | None = None,
                          produced: datetime) -> int:
    """The figures of `docket stats` as tables; returns the number of table rows."""
    document = _new_document(title, items, stats, scope, produced)
    _text_paragraph(document, TASKS_NOTE, META)
    rows = add_figures(document, "Overall", [("All actions", stats.totals)])
    rows += add_figures(document, "By responsible body", [_labelled(g) for g in stats.by_body])
    rows += add_figures(document, "By document", [_labelled(g) for g in stats.by_document])
    document.save(path)
    return rows


TASKS_NOTE = ("Tasks are the actions not cancelled; completion is the share of tasks done, "
              "rounded down. An action with several responsible bodies counts for each of them.")


def _labelled(group: StatsGroup) -> tuple[str, Counts]:
    return (NO_ONE_NAMED.capitalize() if group.key == NO_BODY else group.label), group.counts


def add_figures(document: DocxDocument, heading: str, rows: list[tuple[str, Counts]]) -> int:
    """A heading and a table of figures in the columns of `docket stats`."""
    _text_paragraph(document, heading, GROUP)
    first_column = (heading if heading != "Overall" else "", FIGURE_COLUMNS[0][1])
    table = TableWriter(document, (first_column,) + FIGURE_COLUMNS[1:])
    table.right_align_header(1)
    for name, counts in rows:
        completion = "–" if counts.percent_done is None else f"{counts.percent_done}%"
        values = [counts.tasks, counts.done, completion, counts.open, counts.in_progress,
                  counts.overdue, counts.cancelled]
        tr = table.add_row([[Line(clean_text(name))]] + [[Line(str(v), right=True)] for v in values])
        if counts.overdue:
            shade(_Cell(tr.tc_lst[OVERDUE_FIGURE], table.table), OVERDUE_FILL)
    if not rows:
        table.add_row([[Line("No actions.", NOTE)]] + [[] for _ in FIGURE_COLUMNS[1:]])
    return len(rows)
