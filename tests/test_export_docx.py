"""The Word action list and progress report, opened again with python-docx."""
from __future__ import annotations

import unicodedata
from dataclasses import replace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from export_samples import (
    PRODUCED,
    TODAY,
    URDU_ACTION,
    URDU_BODY,
    URDU_TEXT,
    VIET_ACTION,
    VIET_BODY,
    make_item,
    sample_items,
)
from docket.exports import ExportOptions, export
from docket.exports.common import is_rtl
from docket.exports.rtl import URDU_FONT, paragraph_is_rtl, set_rtl
from docket.models.errors import ExportError, ParameterError
from docket.models.items import Status
from docket.models.query import NO_BODY, compute_stats
from docket.models.records import HistoryEntry

COLUMNS = ["No.\nID", "Action", "Responsible", "Deadline", "Status", "Remarks", "Source"]


def write(tmp_path, items, **options):
    path = tmp_path / "actions.docx"
    result = export(items, path, ExportOptions(TODAY, produced=PRODUCED, **options))
    return docx.Document(str(path)), result


def action_rows(document):
    """(cells' text, row element) of every action row in every table (not
    the group rows of the compact layout: one cell across the table)."""
    rows = []
    for table in document.tables:
        for row in table.rows[1:]:
            if len(row._tr.tc_lst) > 1:
                rows.append(([cell.text for cell in row.cells], row))
    return rows


def group_rows(document):
    return [row._tr.tc_lst[0] for table in document.tables for row in table.rows[1:]
            if len(row._tr.tc_lst) == 1]


def row_by_number(document, number):
    return next(cells for cells, _ in action_rows(document) if cells[0].split("\n")[0] == str(number))


def fills(row):
    return {tc.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill"))
            for tc in row._tr.tc_lst if tc.find(qn("w:tcPr")).find(qn("w:shd")) is not None}


def test_rows_match_the_items_in_order(tmp_path):
    items = sample_items()
    document, result = write(tmp_path, items)
    rows = action_rows(document)
    assert result.rows == len(items) == len(rows)
    assert [cells[0] for cells, _ in rows] == [f"{n}\n{item.id}" for n, item in enumerate(items, 1)]
    actions = [cells[1] for cells, _ in rows]
    assert actions[0] == "connect the population database with ministries and localities"
    assert set(actions) >= {URDU_ACTION, VIET_ACTION, "submit the revised budget plan"}
    first = rows[0][0]
    assert first[2] == "Ministry of Public Security\nProvincial Police"
    assert first[3] == "31 Jan 2025\n“in January 2025”"
    assert first[4] == "Open\nOVERDUE"
    assert first[5] == ""  # no notes
    assert first[6] == "Cabinet meeting on digital transformation, 13 Feb 2025"  # compact: no quote
    sections, _ = write(tmp_path, items, layout="sections")
    assert action_rows(sections)[0][0][6].startswith(
        "Cabinet meeting on digital transformation, 13 Feb 2025\n“The Minister requested")


def test_page_is_landscape_a4_with_page_numbers_in_the_footer(tmp_path):
    document, _ = write(tmp_path, sample_items())
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    footer_xml = section.footer.paragraphs[0]._p.xml
    instructions = [t.strip() for t in section.footer._element.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer_xml.count('w:fldCharType="begin"') == 2
    assert section.footer.paragraphs[0].text.startswith("Action list · Page ")


def test_header_row_repeats_on_every_page(tmp_path):
    document, _ = write(tmp_path, sample_items(), group_by="status", layout="sections")
    assert len(document.tables) == 4
    for table in document.tables:
        header = table.rows[0]
        assert [c.text for c in header.cells] == COLUMNS
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
                   for row in table.rows[1:])


def test_title_meetings_date_and_summary_come_first(tmp_path):
    document, _ = write(tmp_path, sample_items(), title="Follow-up of February meetings",
                        scope="status open")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Follow-up of February meetings"
    assert document.paragraphs[0].style.name == "Docket Title"
    assert "Cabinet meeting on digital transformation — 13 Feb 2025" in texts
    assert "Kết luận của Bộ trưởng tại hội nghị — 13 Feb 2025" in texts
    assert "وزارت داخلہ کا اجلاس — \u200e20 Feb 2025" in texts  # LRM keeps the date whole
    assert "Produced on 11 March 2025 by docket." in texts  # the summary counts as of TODAY, a day earlier
    assert "Selection: status open." in texts
    summary = next(t for t in texts if t.startswith("8 actions"))
    assert summary == ("8 actions: 5 open, 1 in progress, 0 blocked, 1 done, 1 cancelled. 2 overdue as of 10 March 2025. "
                       "1 with no one named. 1 of 7 tasks done, 14%.")


def test_overdue_rows_are_marked_and_only_they(tmp_path):
    items = sample_items()
    document, _ = write(tmp_path, items)
    overdue_actions = {i.action for i in items if i.is_overdue(TODAY)}
    assert len(overdue_actions) == 2
    for cells, row in action_rows(document):
        is_overdue = cells[1] in overdue_actions
        assert ("OVERDUE" in cells[4]) is is_overdue, cells[1]
        assert (fills(row) == {"F8D7DA"}) is is_overdue, cells[1]
    done_past_deadline = row_by_number(document, 3)
    assert done_past_deadline[1] == VIET_ACTION and done_past_deadline[4] == "Done"


def test_urgent_rows_and_missing_owner_or_deadline_are_flagged(tmp_path):
    document, _ = write(tmp_path, sample_items())
    by_action = {cells[1]: (cells, row) for cells, row in action_rows(document)}
    urgent, row = by_action["speed up the slow tasks"]
    assert urgent[2] == "no one named"
    assert urgent[3] == "no deadline"
    assert urgent[4] == "Open\nURGENT"
    assert fills(row) == {"FFF0C2"}
    recurring, _ = by_action["report regularly on progress"]
    assert recurring[3] == "no deadline\nrecurring"
    assert recurring[2] == "Ministry of Finance\n(carried over from the preceding directive)"
    undated, _ = by_action["prepare the note"]
    assert undated[3] == "before the next meeting\n(no date)"
    flags = [cells for cells, _ in action_rows(document) if "no one named" in cells[2]]
    assert len(flags) == 1


def test_flags_use_the_document_styles(tmp_path):
    document, _ = write(tmp_path, sample_items())
    cells = {cells[1]: row for cells, row in action_rows(document)}
    status_cell = cells["speed up the slow tasks"].cells[4]
    mark = status_cell.paragraphs[1].runs[0]
    assert mark.text == "URGENT" and mark.style.name == "Docket Urgent"
    owner = cells["speed up the slow tasks"].cells[2].paragraphs[0].runs[0]
    assert owner.style.name == "Docket Missing"


def test_styles_are_defined_once(tmp_path):
    document, _ = write(tmp_path, sample_items(), group_by="body")
    names = [s.name for s in document.styles]
    assert len(names) == len(set(names))
    ours = [n for n in names if n.startswith("Docket")]
    assert sorted(ours) == sorted([
        "Docket Title", "Docket Meta", "Docket Page Header", "Docket Cell", "Docket Item Id",
        "Docket Group Row", "Docket Table Head", "Docket Quote", "Docket Overdue", "Docket Urgent",
        "Docket Missing", "Docket Note", "Docket Strong",
    ])
    body = document.element.body
    assert not body.xpath(".//w:tc//w:rPr/w:color")  # colours come from styles, not runs


def cell_paragraphs(document):
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def assert_right_to_left(paragraph):
    pPr = paragraph._p.pPr
    assert pPr.find(qn("w:bidi")) is not None
    # In a bidi paragraph Word reads jc as start/end: "left" is the right edge.
    assert pPr.find(qn("w:jc")).get(qn("w:val")) == "left"
    children = [child.tag for child in pPr]
    assert children.index(qn("w:bidi")) < children.index(qn("w:jc"))
    for run in paragraph.runs:
        rPr = run._r.rPr
        assert rPr.find(qn("w:rtl")) is not None
        assert rPr.find(qn("w:rFonts")).get(qn("w:cs")) == URDU_FONT
        assert rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ur-PK"


def test_urdu_paragraphs_carry_the_right_to_left_settings(tmp_path):
    document, _ = write(tmp_path, sample_items())
    paragraphs = [p for p in cell_paragraphs(document) if is_rtl(p.text)]
    texts = [p.text for p in paragraphs]
    # the action, the body, the deadline as written and the source, whose English date has a line of its own
    assert texts == [URDU_ACTION, URDU_BODY, "31 مارچ 2025 تک", "وزارت داخلہ کا اجلاس"]
    assert row_by_number(document, 2)[6] == "وزارت داخلہ کا اجلاس\n20 Feb 2025"
    for paragraph in paragraphs:
        assert_right_to_left(paragraph)
    # the front matter runs the list's way: an Urdu title lines up with the English ones
    urdu_title = next(p for p in document.paragraphs if p.text.startswith("وزارت داخلہ"))
    assert not paragraph_is_rtl(urdu_title)
    urdu_list, _ = write(tmp_path, sample_items(), lang="ur")
    assert all(paragraph_is_rtl(p) for p in urdu_list.paragraphs)


def test_left_to_right_text_has_no_right_to_left_settings(tmp_path):
    document, _ = write(tmp_path, sample_items())
    ltr = [p for p in cell_paragraphs(document) if not is_rtl(p.text)]
    assert len(ltr) > 40
    for paragraph in ltr:
        assert not paragraph_is_rtl(paragraph)
        assert all(r._r.rPr is None or r._r.rPr.find(qn("w:rtl")) is None for r in paragraph.runs)


def test_a_list_in_urdu_runs_right_to_left(tmp_path):
    urdu = [item for item in sample_items() if item.lang == "ur"]
    urdu.append(replace(urdu[0], id="u2", action="تمام وزارتیں فوری طور پر رپورٹ دیں", urgent=True))
    document, _ = write(tmp_path, urdu)  # in Urdu: the language of its items
    assert document.tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    assert document.tables[0].rows[0].cells[1].text == "اقدام"
    mixed, _ = write(tmp_path, sample_items())
    assert mixed.tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is None
    english, _ = write(tmp_path, urdu, lang="en")
    assert english.tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is None


def test_urdu_fonts_are_set_document_wide(tmp_path):
    document, _ = write(tmp_path, sample_items())
    normal = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:rFonts")).get(qn("w:cs")) == URDU_FONT
    assert normal.find(qn("w:szCs")) is not None


def test_vietnamese_diacritics_are_intact_even_from_decomposed_input(tmp_path):
    decomposed = make_item(1, action=unicodedata.normalize("NFD", VIET_ACTION),
                           responsible=[unicodedata.normalize("NFD", VIET_BODY)])
    document, _ = write(tmp_path, [decomposed])
    cells = row_by_number(document, 1)
    assert cells[1] == VIET_ACTION
    assert cells[2] == VIET_BODY


def test_control_characters_and_very_long_text_do_not_break_the_file(tmp_path):
    nasty = make_item(1, action="a\x00b\x01c\x02\x0b\x0c\x1f" + "long " * 5000,
                      text="\x07" + "sentence " * 20000, responsible=["Body\x1b One"],
                      deadline_text="by\x00 Friday", document_title="Minutes\x08 2025")
    document, _ = write(tmp_path, [nasty])
    cells = row_by_number(document, 1)
    assert cells[1].startswith("abclong long")
    assert cells[2] == "Body One"
    assert "\x00" not in document.element.xml


def test_thousands_of_rows_export(tmp_path):
    items = [make_item(n, action=f"action number {n}", status=list(Status)[n % 4]) for n in range(3000)]
    document, result = write(tmp_path, items)
    assert result.rows == 3000
    assert len(document.tables[0].rows) == 3001


def test_sections_give_a_heading_and_a_table_per_group(tmp_path):
    document, result = write(tmp_path, sample_items(), group_by="body", layout="sections")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[-1] == "No one named (1)"
    assert "Provincial Police (1)" in headings and f"{URDU_BODY} (1)" in headings
    assert len(document.tables) == len(headings)
    assert result.rows == 10  # two items have two bodies each
    numbers = [cells[0].split("\n")[0] for cells, _ in action_rows(document)]
    assert numbers == [str(n) for n in range(1, 11)]


def test_empty_selection_still_makes_a_document(tmp_path):
    document, result = write(tmp_path, [])
    assert result.rows == 0
    assert "No actions match this selection." in [p.text for p in document.paragraphs]


STATS_COLUMNS = ["Tasks", "Done", "Completion", "Open", "In progress", "Blocked", "Overdue", "Cancelled"]


def test_progress_report_tables_hold_the_figures_of_docket_stats(tmp_path):
    items = sample_items()
    document, _ = write(tmp_path, items, report=True)
    assert document.paragraphs[0].text == "Progress report"
    overall, bodies, documents = document.tables
    for table, first in ((overall, ""), (bodies, "By responsible body"), (documents, "By document")):
        assert [c.text for c in table.rows[0].cells] == [first] + STATS_COLUMNS
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in overall.rows[1].cells] == ["All actions", "7", "1", "14%", "5", "1", "0", "2", "1"]
    stats = compute_stats(items, TODAY)
    body_rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in bodies.rows[1:]}
    assert len(body_rows) == len(stats.by_body)
    assert list(body_rows)[-1] == "No one named"  # the store's NO_BODY group, shown in words
    assert stats.by_body[-1].key == NO_BODY
    assert body_rows[VIET_BODY] == ["1", "1", "100%", "0", "0", "0", "0", "0"]
    assert body_rows[URDU_BODY] == ["1", "0", "0%", "1", "0", "0", "1", "0"]
    finance = next(g.counts for g in stats.by_body if g.label == "Ministry of Finance")
    assert body_rows["Ministry of Finance"] == [
        str(finance.tasks), str(finance.done), f"{finance.percent_done}%", str(finance.open),
        str(finance.in_progress), str(finance.blocked), str(finance.overdue), str(finance.cancelled)]
    assert [row.cells[0].text for row in documents.rows[1:]] == [  # titles with their meeting dates
        "Cabinet meeting on digital transformation, 13 Feb 2025", "وزارت داخلہ کا اجلاس, \u200e20 Feb 2025",
        "Kết luận của Bộ trưởng tại hội nghị, 13 Feb 2025"]


def test_progress_report_marks_overdue_figures(tmp_path):
    document, _ = write(tmp_path, sample_items(), report=True)
    bodies = document.tables[1]
    for row in bodies.rows[1:]:
        shaded = bool(fills(row))
        assert shaded is (row.cells[1 + STATS_COLUMNS.index("Overdue")].text != "0"), row.cells[0].text


def test_progress_report_prints_the_figures_it_is_given(tmp_path):
    """The caller's Stats are printed as they are: the CLI passes the store's."""
    items = sample_items()
    stats = compute_stats(items, TODAY)
    stats.totals.done = 41
    path = tmp_path / "report.docx"
    export(items, path, ExportOptions(TODAY, report=True), stats=stats)
    overall = docx.Document(str(path)).tables[0]
    assert overall.rows[1].cells[2].text == "41"


class TestSetRtl:
    def paragraph(self, text="وزارت خزانہ"):
        paragraph = Paragraph(OxmlElement("w:p"), None)
        paragraph.add_run(text)
        return paragraph

    def test_sets_direction_alignment_runs_and_font(self):
        paragraph = set_rtl(self.paragraph())
        assert_right_to_left(paragraph)

    def test_is_idempotent(self):
        paragraph = set_rtl(set_rtl(self.paragraph()))
        assert len(paragraph._p.pPr.findall(qn("w:bidi"))) == 1
        assert len(paragraph.runs[0]._r.rPr.findall(qn("w:lang"))) == 1

    def test_keeps_schema_order_with_existing_properties(self):
        paragraph = self.paragraph()
        paragraph.paragraph_format.space_after = Mm(1)
        paragraph._p.style = "DocketCell"
        paragraph.runs[0].bold = True
        set_rtl(paragraph)
        tags = [child.tag.split("}")[1] for child in paragraph._p.pPr]
        assert tags == ["pStyle", "bidi", "spacing", "jc"]
        run_tags = [child.tag.split("}")[1] for child in paragraph.runs[0]._r.rPr]
        assert run_tags.index("rFonts") < run_tags.index("b") < run_tags.index("rtl") < run_tags.index("lang")

    @pytest.mark.parametrize("text", ["", "Ministry of Finance"])
    def test_detection_is_separate_from_setting(self, text):
        assert not paragraph_is_rtl(self.paragraph(text))


def test_short_rows_stay_on_one_page_and_long_ones_may_break(tmp_path):
    document, _ = write(tmp_path, sample_items())
    kept = {cells[1][:6]: row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
            for cells, row in action_rows(document)}
    assert kept["review"] is False  # 600 words: longer than fits safely on one page
    assert kept["submit"] is True and kept["speed "] is True


def test_file_properties_name_docket_and_the_production_date(tmp_path):
    document, _ = write(tmp_path, sample_items(), title="Follow-up\x00 list")
    properties = document.core_properties
    assert (properties.title, properties.author) == ("Follow-up list", "docket")
    assert properties.created == PRODUCED
    assert document.sections[0].footer.paragraphs[0].text.startswith("Follow-up list · Page")


# ---------------------------------------------------------------- the list's language, header, remarks

def note(changed_at: str, text: str) -> HistoryEntry:
    return HistoryEntry(changed_at=changed_at, event="status", note=text)


def write_with_notes(tmp_path, items, notes, **options):
    path = tmp_path / "noted.docx"
    export(items, path, ExportOptions(TODAY, produced=PRODUCED, **options), notes=notes)
    return docx.Document(str(path))


@pytest.mark.parametrize("lang, heads, status, overdue, deadline, footer", [
    ("en", ["Action", "Responsible", "Deadline"], "Open", "OVERDUE", "31 Jan 2025", "Page "),
    ("vi", ["Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"], "Chưa thực hiện", "QUÁ HẠN", "31/01/2025", "Trang "),
    ("ur", ["اقدام", "ذمہ دار", "آخری تاریخ"], "زیر التوا", "تاخیر شدہ", "31 جنوری 2025", "صفحہ "),
])
def test_labels_status_words_dates_and_footer_are_in_the_lists_language(
        tmp_path, lang, heads, status, overdue, deadline, footer):
    document, _ = write(tmp_path, sample_items(), lang=lang)
    assert [c.text for c in document.tables[0].rows[0].cells][1:4] == heads
    first = row_by_number(document, 1)  # overdue since 31 January 2025
    assert first[3].split("\n")[0] == deadline
    assert first[4] == f"{status}\n{overdue}"
    assert footer in document.sections[0].footer.paragraphs[0].text
    english_words = {"Open", "OVERDUE", "Deadline", "Produced", "Meetings", "Page"}
    if lang != "en":
        seen = " ".join(p.text for p in document.paragraphs) + " ".join(c for cells, _ in action_rows(document)
                                                                      for c in cells[3:5])
        assert not english_words & set(seen.replace(":", " ").split())


def test_vietnamese_dates_in_prose_and_the_footer_fields(tmp_path):
    document, _ = write(tmp_path, sample_items(), lang="vi")
    texts = [p.text for p in document.paragraphs]
    assert "Lập ngày 11/03/2025 bằng docket." in texts
    footer = document.sections[0].footer
    assert [t.strip() for t in footer._element.xpath(".//w:instrText/text()")] == ["PAGE", "NUMPAGES"]


def test_the_page_header_names_organisation_reference_and_date(tmp_path):
    document, _ = write(tmp_path, sample_items(), organisation="Office of the Committee", reference="38/TB-VP")
    header = document.sections[0].header.paragraphs[0]
    parts = [part.strip("\u200e\u200f ") for part in header.text.split("·")]
    assert parts == ["Office of the Committee", "Ref.: 38/TB-VP", "11 March 2025"]
    urdu, _ = write(tmp_path, sample_items(), lang="ur", reference="DC/14")
    header = urdu.sections[0].header.paragraphs[0]
    assert paragraph_is_rtl(header)
    assert "حوالہ نمبر: DC/14\u200f" in header.text and header.text.endswith("11 مارچ 2025")


def test_every_style_sets_complex_script_size_and_weight_too(tmp_path):
    """Urdu text takes w:szCs and w:bCs, not w:sz and w:b: a style that sets
    only the latter leaves an Urdu title at body size and not bold."""
    document, _ = write(tmp_path, [make_item(1, lang="ur")], lang="ur")
    for style in document.styles:
        rPr = style.element.rPr
        if rPr is None or not style.name.startswith(("Docket", "Heading 2", "Normal")):
            continue
        for latin, complex_script in (("w:sz", "w:szCs"), ("w:b", "w:bCs"), ("w:i", "w:iCs")):
            if rPr.find(qn(latin)) is not None:
                assert rPr.find(qn(complex_script)) is not None, (style.name, complex_script)
                assert (rPr.find(qn(latin)).get(qn("w:val")) in (None, "1", "true", "on")) == (
                    rPr.find(qn(complex_script)).get(qn("w:val")) in (None, "1", "true", "on")), style.name
    title = document.styles["Docket Title"].element.rPr
    assert int(title.find(qn("w:szCs")).get(qn("w:val"))) >= 36  # 18 pt or more
    assert document.paragraphs[0].style.name == "Docket Title" and document.paragraphs[0].text == "فہرستِ اقدامات"


def test_remarks_show_the_latest_notes_with_their_dates(tmp_path):
    items = sample_items()
    notes = {items[0].id: [note(f"2025-04-{day:02d}T09:00:00+00:00", f"note {day}") for day in (1, 2, 3, 17)],
             items[1].id: [note("2025-03-01T08:00:00+00:00", "sent to the Office")]}
    document = write_with_notes(tmp_path, items, notes)
    assert row_by_number(document, 1)[5] == "2 Apr 2025: note 2\n3 Apr 2025: note 3\n17 Apr 2025: note 17"
    assert row_by_number(document, 2)[5] == "1 Mar 2025: sent to the Office"
    assert row_by_number(document, 3)[5] == ""
    vi = write_with_notes(tmp_path, items, notes, lang="vi")
    assert row_by_number(vi, 2)[5] == "01/03/2025: sent to the Office"


def test_compact_layout_is_one_table_with_a_row_per_group(tmp_path):
    items = sample_items()
    document, result = write(tmp_path, items, group_by="body")
    assert len(document.tables) == 1
    labels = [tc.xpath("string(.)") for tc in group_rows(document)]
    assert labels[0] == "Ministry of Finance (4)"
    assert labels[-2:] == ["Other bodies, one action each (3)", "No one named (1)"]
    for tc in group_rows(document):
        span = tc.tcPr.find(qn("w:gridSpan"))
        assert span is not None and span.get(qn("w:val")) == str(len(COLUMNS))
    assert not [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert result.rows == len(action_rows(document)) == 8  # two-body items show once under "other"


def test_an_unknown_language_or_layout_is_refused_before_writing(tmp_path):
    with pytest.raises(ExportError, match=r"no labels for language 'fr'; use one of: en, ur, vi"):
        write(tmp_path, sample_items(), lang="fr")
    with pytest.raises(ParameterError, match=r"unknown layout 'tiny'; use one of: compact, sections"):
        write(tmp_path, sample_items(), layout="tiny")
    with pytest.raises(ParameterError, match=r"^layout applies to the .docx action list"):
        export(sample_items(), tmp_path / "a.csv", ExportOptions(TODAY, layout="compact"))
    assert not list(tmp_path.iterdir())


# -- rows written out as they are made (exports/docx_writer.RowSpool) ----------

def _zip_members(path):
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("lang", ["en", "ur", "vi"])
def test_a_list_written_as_its_items_come_is_the_list_built_whole(tmp_path, lang):
    """The same bytes in every part of the .docx, whether export gets a list
    or an iterator with the figures, language and meetings given; and the
    rows are in the document, with the markers that placed them gone."""
    from datetime import datetime, timezone

    from docket.exports.common import meetings_covered
    from docket.models.query import compute_stats
    from docket.models.records import HistoryEntry

    items = sample_items() * 40
    items = [replace(item, id=f"{item.id}{n:03}") for n, item in enumerate(items)]
    notes = {items[3].id: [HistoryEntry(changed_at="2025-03-01T10:00:00+00:00", event="status", note="sent")]}
    options = dict(today=TODAY, produced=datetime(2025, 6, 1, 9, 0, tzinfo=timezone.utc), lang=lang)
    whole, streamed = tmp_path / "whole.docx", tmp_path / "streamed.docx"
    export(items, whole, ExportOptions(**options), notes=notes)
    result = export(iter(items), streamed, ExportOptions(**options), stats=compute_stats(items, TODAY), notes=notes,
                    meetings=meetings_covered(items))
    assert _zip_members(streamed) == _zip_members(whole)
    assert result.rows == len(items)
    body = _zip_members(streamed)["word/document.xml"]
    assert b"docket-rows" not in body and body.count(b"<w:tr>") + body.count(b"<w:tr ") == len(items) + 1
    table = docx.Document(str(streamed)).tables[0]
    assert len(table.rows) == len(items) + 1
    assert table.rows[-1].cells[0].text.split() == [str(len(items)), items[-1].id]
