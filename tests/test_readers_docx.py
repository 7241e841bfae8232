"""Word .docx files, from file to Document."""
from __future__ import annotations

from datetime import date, datetime, timezone

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docket.extractor.readers import read_path
from readers_support import assert_lines_and_blocks, lines_of, stable_docx


def save(document, path):
    path.write_bytes(stable_docx(document))
    return path


def table(document, rows):
    result = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(result.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    return result


def test_paragraphs_headings_and_tables_in_document_order(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Weekly minutes"
    document.core_properties.created = datetime(2025, 3, 4, 9, 0, tzinfo=timezone.utc)
    document.add_heading("Weekly minutes", level=0)
    document.add_paragraph("Present:\tAna,  Bob")
    document.add_heading("Actions", level=1)
    table(document, [["Action", "Owner", "Due"], ["Send the deck", "Tom", "Monday"]])
    document.add_paragraph("Between the tables.")
    table(document, [["Name", "Role"], ["Ana", "Chair"]])
    paragraph = document.add_paragraph("First line")
    paragraph.add_run().add_break()
    paragraph.add_run("second line after a soft break")
    doc = read_path(save(document, tmp_path / "minutes.docx"))

    assert doc.text == (
        "Weekly minutes\nPresent: Ana, Bob\nActions\nAction | Owner | Due\n"
        "Send the deck | Tom | Monday\nBetween the tables.\nName | Role\nAna | Chair\n"
        "First line\nsecond line after a soft break"
    )
    assert_lines_and_blocks(doc)
    assert [kind for kind, _ in lines_of(doc)] == [
        "heading", "paragraph", "heading", "heading", "table_row", "paragraph",
        "paragraph", "paragraph", "paragraph", "paragraph",
    ]
    assert doc.blocks[4].cells == {"action": "Send the deck", "owner": "Tom", "due": "Monday"}
    assert (doc.format, doc.title, doc.meeting_date_hint) == ("docx", "Weekly minutes", date(2025, 3, 4))


@pytest.mark.parametrize(
    "header, row, cells",
    [
        (["کام", "ذمہ دار", "آخری تاریخ"], ["رپورٹ جمع کرائیں", "محکمہ خزانہ", "31 مارچ 2025"],
         {"action": "رپورٹ جمع کرائیں", "owner": "محکمہ خزانہ", "due": "31 مارچ 2025"}),
        (["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"], ["1", "Xây dựng kế hoạch", "Bộ Công an", "Tháng 3/2025"],
         {"action": "Xây dựng kế hoạch", "owner": "Bộ Công an", "due": "Tháng 3/2025"}),
    ],
    ids=["ur", "vi"],
)
def test_action_tables_in_other_languages(tmp_path, header, row, cells):
    document = docx.Document()
    table(document, [header, row])
    doc = read_path(save(document, tmp_path / "bien-ban.docx"))
    assert lines_of(doc) == [("heading", " | ".join(header)), ("table_row", " | ".join(row))]
    assert doc.blocks[1].cells == cells


def test_merged_cells_are_read_once(tmp_path):
    document = docx.Document()
    actions = table(document, [["Task", "Owner", "Due"], ["Finance", "", ""],
                               ["Pay the invoice", "Ana", "Friday"], ["Sign the lease", "", "Monday"]])
    actions.cell(1, 0).merge(actions.cell(1, 2))  # a group label across the row
    actions.cell(2, 1).merge(actions.cell(3, 1))  # one owner for two rows
    doc = read_path(save(document, tmp_path / "merged.docx"))
    assert lines_of(doc) == [
        ("heading", "Task | Owner | Due"),
        ("heading", "Finance"),
        ("table_row", "Pay the invoice | Ana | Friday"),
        ("table_row", "Sign the lease | Ana | Monday"),
    ]
    assert doc.blocks[3].cells == {"action": "Sign the lease", "owner": "Ana", "due": "Monday"}


def test_content_controls_insertions_deletions_and_text_boxes(tmp_path):
    document = docx.Document()
    body = document.element.body
    w = nsdecls("w")
    body.append(parse_xml(
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    ))
    body.append(parse_xml(
        f'<w:p {w}><w:r><w:t xml:space="preserve">Jane to send </w:t></w:r>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>the old </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve">the new </w:t></w:r></w:ins>'
        '<w:sdt><w:sdtContent><w:r><w:t>draft</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:r><w:t>.</w:t></w:r></w:p>'
    ))
    body.append(parse_xml(
        f'<w:p {w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<w:r><w:t>Text beside a box.</w:t></w:r>"
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent><w:p><w:r>"
        "<w:t>Box text.</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>"
        "<w:p><w:r><w:t>Box text again.</w:t></w:r></w:p></w:txbxContent></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    ))
    body.append(body.sectPr)  # keep the section properties last
    doc = read_path(save(document, tmp_path / "tracked.docx"))
    assert doc.text == "Inside a content control.\nJane to send the new draft.\nText beside a box."


def test_custom_heading_styles_and_outline_levels(tmp_path):
    document = docx.Document()
    style = document.styles.add_style("Minutes Section", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("Finance", style="Minutes Section")
    outlined = document.add_paragraph("Outlined")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    body_level = document.add_paragraph("Body text", style="Heading 1")
    body_level._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    doc = read_path(save(document, tmp_path / "styles.docx"))
    assert lines_of(doc) == [("heading", "Finance"), ("heading", "Outlined"), ("paragraph", "Body text")]


def test_odd_spaces_and_separators_become_one_space(tmp_path):
    document = docx.Document()
    document.add_paragraph("No\u00a0break,\ufeff line\u2028separator")
    document.add_paragraph("   ")
    doc = read_path(save(document, tmp_path / "spaces.docx"))
    assert doc.text == "No break, line separator"
    assert doc.title is None
