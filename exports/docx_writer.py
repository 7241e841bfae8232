"""The Word action list and progress report (python-docx).

One function per section of the document; styles are defined once in
`define_styles` and every paragraph and run refers to them by name, so the
file stays small and a secretary can restyle it in Word.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from exports.common import (
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
from exports.rtl import URDU_FONT, URDU_LANG, set_rtl, set_table_rtl
from exports.summary import Figures, Summary
from models.items import ActionItem, Status

BODY_FONT = "Arial"  # has every Vietnamese diacritic; Word and LibreOffice both ship it or a metric twin
QUOTE_CHARS = 180
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
FIGURE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("", 95),
    ("Actions", 20),
    ("Open", 20),
    ("In progress", 24),
    ("Done", 20),
    ("Cancelled", 24),
    ("Overdue", 20),
    ("Urgent", 20),
    ("Completion", 24),
)

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
    _complex_script_font(normal.element, size_pt=11)
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


def _complex_script_font(style_element, size_pt: float) -> None:
    """The Urdu font as the complex-script font of a style, so an Arabic-
    script character anywhere in the document renders, with a size of its
    own because Nastaliq needs more room than Latin text."""
    rPr = style_element.get_or_add_rPr()
    rPr.get_or_add_rFonts().set(qn("w:cs"), URDU_FONT)
    size = rPr.find(qn("w:szCs"))
    if size is None:
        size = OxmlElement("w:szCs")
        rPr.append(size)
    size.set(qn("w:val"), str(int(size_pt * 2)))
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rPr.append(lang)
    lang.set(qn("w:bidi"), URDU_LANG)


# ---------------------------------------------------------------- page


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


def add_title_block(document: DocxDocument, title: str, items: list[ActionItem], today: date,
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
    _text_paragraph(document, f"Produced on {format_date(today)} by docket.", META)
    if scope:
        _text_paragraph(document, f"Selection: {scope}", META)


def add_summary(document: DocxDocument, summary: Summary) -> None:
    """One short paragraph: counts by status, then what needs attention."""
    figures = summary.overall
    paragraph = document.add_paragraph(style=META)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run(_plural(figures.total, "action"), STRONG)
    paragraph.add_run(": " + ", ".join(
        f"{count} {name}" for name, count in _status_counts(figures)
    ) + ". ")
    if figures.overdue:
        paragraph.add_run(f"{figures.overdue} overdue", OVERDUE)
        paragraph.add_run(f" as of {format_date(summary.today)}. ")
    else:
        paragraph.add_run(f"None overdue as of {format_date(summary.today)}. ")
    if figures.urgent:
        paragraph.add_run(_plural(figures.urgent, "urgent action", "urgent actions"), URGENT)
        paragraph.add_run(". ")
    gaps = [
        f"{figures.no_responsible} with no one named" if figures.no_responsible else "",
        f"{figures.no_deadline} with no deadline" if figures.no_deadline else "",
    ]
    if any(gaps):
        paragraph.add_run("; ".join(g for g in gaps if g).capitalize() + ".", MISSING)
    if figures.completion is not None:
        paragraph.add_run(f" Completion: {figures.completion:.0f}%.")


def _status_counts(figures: Figures) -> list[tuple[str, int]]:
    return [
        ("open", figures.open),
        ("in progress", figures.in_progress),
        ("done", figures.done),
        ("cancelled", figures.cancelled),
    ]


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


# ---------------------------------------------------------------- tables


def new_table(document: DocxDocument, columns: tuple[tuple[str, int], ...]) -> Table:
    """A fixed-width table whose shaded header row repeats on every page."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblPr = table._tbl.tblPr
    layout = tblPr.get_or_add_tblLayout()
    layout.set(qn("w:type"), "fixed")
    for grid_column, (_, width) in zip(table._tbl.tblGrid.gridCol_lst, columns):
        grid_column.w = Mm(width)
    header = table.rows[0]
    repeat_header(header)
    for cell, (label, width) in zip(header.cells, columns):
        cell.width = Mm(width)
        shade(cell, HEADER_FILL)
        _cell_text(cell, label, paragraph_style=HEAD)
    return table


def repeat_header(row) -> None:
    """Mark a row as the table's header: Word repeats it at the top of every
    page the table runs onto, and never splits it."""
    trPr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        if trPr.find(qn(tag)) is None:
            trPr.insert_element_before(
                OxmlElement(tag), "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del",
                "w:trPrChange", *(("w:tblHeader", "w:trHeight") if tag == "w:cantSplit" else ()),
            )


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
    """A heading (when grouped) and the group's table; returns the next row number."""
    if group.label:
        heading = _text_paragraph(document, f"{group.label} ({len(group.items)})", GROUP)
        heading.paragraph_format.keep_with_next = True
    rows = [ActionRow.from_item(item, first_number + i, today) for i, item in enumerate(group.items)]
    table = new_table(document, COLUMNS)
    if rows and sum(is_rtl(row.action) for row in rows) * 2 > len(rows):
        set_table_rtl(table)
    for row in rows:
        add_action_row(table, row)
    return first_number + len(rows)


def add_action_row(table: Table, row: ActionRow) -> None:
    number, action, responsible, deadline, status, source = table.add_row().cells
    _cell_text(number, str(row.number))
    _cell_text(action, row.action)
    _fill_responsible(responsible, row)
    _fill_deadline(deadline, row)
    _fill_status(status, row)
    _fill_source(source, row)
    fill = OVERDUE_FILL if row.overdue else URGENT_FILL if row.urgent else None
    if fill:
        for cell in (number, action, responsible, deadline, status, source):
            shade(cell, fill)


def _fill_responsible(cell: _Cell, row: ActionRow) -> None:
    if not row.responsible:
        _cell_text(cell, NO_ONE_NAMED, MISSING)
        return
    for i, name in enumerate(row.responsible):
        _cell_text(cell, name, new_paragraph=i > 0)
    if row.inherited:
        _cell_text(cell, "(carried over from the preceding directive)", NOTE, new_paragraph=True)


def _fill_deadline(cell: _Cell, row: ActionRow) -> None:
    written = False
    if row.deadline:
        _cell_text(cell, format_date(row.deadline), STRONG)
        written = True
    if row.deadline_text:
        if row.deadline:
            _cell_text(cell, f"“{row.deadline_text}”", new_paragraph=True, paragraph_style=QUOTE)
        else:
            _cell_text(cell, row.deadline_text, new_paragraph=written)
        written = True
        if not row.deadline:
            _cell_text(cell, "(no date)", NOTE, new_paragraph=True)
    if row.no_deadline:
        _cell_text(cell, NO_DEADLINE, MISSING, new_paragraph=written)
        written = True
    if row.recurring:
        _cell_text(cell, "recurring", NOTE, new_paragraph=written)


def _fill_status(cell: _Cell, row: ActionRow) -> None:
    _cell_text(cell, row.status.value.replace("-", " ").capitalize())
    if row.overdue:
        _cell_text(cell, "OVERDUE", OVERDUE, new_paragraph=True)
    if row.urgent:
        _cell_text(cell, "URGENT", URGENT, new_paragraph=True)


def _fill_source(cell: _Cell, row: ActionRow) -> None:
    _cell_text(cell, with_date(row.document, ", ", row.meeting_date))
    if row.quote:
        _cell_text(cell, f"“{row.quote}”", new_paragraph=True, paragraph_style=QUOTE)


def _cell_text(cell: _Cell, text: str, run_style: str | None = None, *,
               new_paragraph: bool = False, paragraph_style: str = CELL) -> Paragraph:
    """Write `text` into the cell's first paragraph, or a new one; Urdu text
    gets a right-to-left paragraph of its own. Styles are set by id: looking
    them up by name for each of tens of thousands of cells is what makes
    python-docx slow."""
    paragraph = cell.add_paragraph() if new_paragraph else cell.paragraphs[0]
    paragraph._p.style = style_id(paragraph_style)
    run = paragraph.add_run(text)
    if run_style:
        run._r.style = style_id(run_style)
    if is_rtl(text):
        set_rtl(paragraph)
    return paragraph


def _text_paragraph(document: DocxDocument, text: str, style: str) -> Paragraph:
    paragraph = document.add_paragraph(clean_text(text), style=style)
    if is_rtl(text):
        set_rtl(paragraph)
    return paragraph


# ---------------------------------------------------------------- documents


def write_action_list(items: list[ActionItem], path: Path, summary: Summary, *,
                      title: str = "Action list", group_by: str | None = None,
                      scope: str | None = None) -> int:
    """The circulated action list; returns the number of rows written."""
    document = Document()
    define_styles(document)
    set_up_page(document, title)
    add_title_block(document, title, items, summary.today, scope)
    add_summary(document, summary)
    number = 1
    groups = group_items(items, group_by)
    for group in groups:
        number = add_group(document, group, number, summary.today)
    if not items:
        _text_paragraph(document, "No actions match this selection.", META)
    document.save(path)
    return number - 1


def write_progress_report(items: list[ActionItem], path: Path, summary: Summary, *,
                          title: str = "Progress report", scope: str | None = None) -> int:
    """The figures of `docket stats` as tables; returns the number of table rows."""
    document = Document()
    define_styles(document)
    set_up_page(document, title)
    add_title_block(document, title, items, summary.today, scope)
    add_summary(document, summary)
    rows = add_figures(document, "Overall", [summary.overall])
    rows += add_figures(document, "By responsible body", summary.per_body)
    rows += add_figures(document, "By document", summary.per_document)
    document.save(path)
    return rows


def add_figures(document: DocxDocument, heading: str, rows: list[Figures]) -> int:
    """A heading and a table of figures, one row per body or document."""
    _text_paragraph(document, heading, GROUP)
    columns = ((heading if heading != "Overall" else "", FIGURE_COLUMNS[0][1]),) + FIGURE_COLUMNS[1:]
    table = new_table(document, columns)
    for cell in table.rows[0].cells[1:]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for figures in rows:
        cells = table.add_row().cells
        _cell_text(cells[0], clean_text(figures.name))
        values = [figures.total, *(count for _, count in _status_counts(figures)),
                  figures.overdue, figures.urgent]
        for cell, value in zip(cells[1:], values):
            _cell_text(cell, str(value)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        completion = "–" if figures.completion is None else f"{figures.completion:.0f}%"
        _cell_text(cells[-1], completion).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if figures.overdue:
            shade(cells[6], OVERDUE_FILL)
    if not rows:
        _cell_text(table.add_row().cells[0], "No actions.", NOTE)
    return len(rows)
