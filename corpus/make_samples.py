"""Build the corpus's binary samples (.docx, .pdf) from the text below,
byte for byte the same on every run:

    python corpus/make_samples.py            # writes into corpus/en/

The .docx is written with python-docx, then re-zipped with fixed timestamps.
The .pdf is written by hand (`pdf_bytes`): pypdf cannot write a text layer,
and a dozen lines of PDF syntax beat a dev-only dependency. Tests use
`pdf_bytes` and `stable_docx` too, to build their own files.
"""
from __future__ import annotations

import io
import sys
import textwrap
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


# -- PDF ---------------------------------------------------------------------


def pdf_bytes(
    pages: list[list[str]],
    *,
    title: str | None = None,
    created: datetime | None = None,
    font_size: int = 10,
) -> bytes:
    """A minimal PDF 1.4: one Helvetica text line per string (an empty
    string is a blank line), top to bottom; a page with no lines has a drawn
    rectangle and no text at all, like a scan."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = add(b"")  # filled in once the pages exist
    kids = []
    for lines in pages:
        stream = _page_stream(lines, font_size)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, content)
        ))
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(_info(title, created))

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, catalog, info, xref))
    return out.getvalue()


def _page_stream(lines: list[str], font_size: int) -> bytes:
    if not lines:
        return b"0.5 g 72 400 468 300 re f"
    leading = font_size + 4
    ops = [b"BT", b"/F1 %d Tf" % font_size, b"%d TL" % leading, b"72 740 Td"]
    for line in lines:
        ops.append(b"(%s) Tj T*" % _pdf_string(line) if line else b"T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _info(title: str | None, created: datetime | None) -> bytes:
    entries = [b"/Producer (docket corpus/make_samples.py)"]
    if title:
        entries.append(b"/Title (%s)" % _pdf_string(title))
    if created:
        entries.append(b"/CreationDate (D:%sZ)" % created.strftime("%Y%m%d%H%M%S").encode())
    return b"<< %s >>" % b" ".join(entries)


def layout(paragraphs: list[str | list[str]], width: int = 90, lines_per_page: int = 48) -> list[list[str]]:
    """Wrap paragraphs (a list is a paragraph already broken into lines),
    a blank line between paragraphs, into pages."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(paragraph if isinstance(paragraph, list) else textwrap.wrap(paragraph, width))
        lines.append("")
    return [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]


# -- DOCX --------------------------------------------------------------------


def stable_docx(document) -> bytes:
    """A python-docx Document saved, then re-zipped with fixed member
    timestamps so the same content gives the same bytes."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return out.getvalue()


def steering_minutes() -> bytes:
    document = docx.Document()
    properties = document.core_properties
    properties.title = "Riverside Library Renovation: Steering Committee"
    properties.author = "Helen Ward"
    properties.last_modified_by = "Helen Ward"
    properties.created = properties.modified = datetime(2025, 3, 4, 16, 0, tzinfo=timezone.utc)
    properties.revision = 1

    document.add_heading("Riverside Library Renovation: Steering Committee Minutes", level=0)
    document.add_paragraph("Date: 4 March 2025. Chair: Helen Ward, Director of Facilities.")
    attendees = document.add_table(rows=1, cols=2)
    attendees.rows[0].cells[0].text, attendees.rows[0].cells[1].text = "Name", "Role"
    for name, role in [("Helen Ward", "Director of Facilities"), ("Marcus Lee", "Project Manager"),
                       ("Aisha Khan", "Finance Officer")]:
        cells = attendees.add_row().cells
        cells[0].text, cells[1].text = name, role

    document.add_heading("Progress", level=1)
    document.add_paragraph(
        "The contractor completed the roof repairs in February, two weeks ahead of schedule."
    )
    document.add_paragraph("Fundraising has reached 82 percent of the target of 1.2 million pounds.")

    document.add_heading("Decisions and directions", level=1)
    document.add_paragraph("The committee agreed to keep the east wing open during the works.")
    document.add_paragraph(
        "The Chair directed the project manager to publish a revised schedule by 14 March 2025."
    )
    document.add_paragraph(
        "The finance officer must report any cost overrun above 5 percent to the committee within 10 days."
    )

    document.add_heading("Action items", level=1)
    actions = document.add_table(rows=1, cols=4)
    for cell, header in zip(actions.rows[0].cells, ["No.", "Action", "Owner", "Due"]):
        cell.text = header
    for row in [
        ("1", "Circulate the revised floor plan to all staff", "Marcus Lee", "7 March 2025"),
        ("2", "Obtain three quotes for the new shelving", "Aisha Khan", "21 March 2025"),
        ("3", "Confirm the temporary opening hours with the council", "Helen Ward", "end of March"),
    ]:
        for cell, text in zip(actions.add_row().cells, row):
            cell.text = text
    document.add_paragraph("The next meeting will be held on 1 April 2025.")
    return stable_docx(document)


# -- the PDF sample's text -----------------------------------------------------

HARBOUR_BOARD = [
    "Harbour Trust Board Meeting: Summary of Decisions",
    "Held on 20 February 2025 at the Harbour Office.",
    "The board reviewed the quarterly accounts. Visitor numbers rose by 12 percent in the last "
    "quarter, driven by the winter festival and the longer opening hours of the maritime museum.",
    [  # broken by hand, to keep one word hyphenated across two lines
        "The board instructed the operations manager to complete the imple-",
        "mentation of the new berth booking system by 30 April 2025.",
    ],
    "The harbour master shall submit a dredging plan for the inner basin to the board within 30 "
    "days, together with an estimate of its cost and of the disruption to moorings.",
    "Actions agreed:",
    "- Sofia Reyes to circulate the revised fee schedule to all berth holders by 7 March 2025.",
    "- The finance committee is responsible for preparing the 2025 budget by the end of Q2 2025.",
    "The next meeting will be held on 24 April 2025.",
]


def harbour_board_pdf() -> bytes:
    return pdf_bytes(
        layout(HARBOUR_BOARD),
        title="Harbour Trust Board: Summary of Decisions",
        created=datetime(2025, 2, 20, 15, 30),
    )


SAMPLES = {
    "en/steering-2025-03-04.docx": steering_minutes,
    "en/harbour-board-2025-02-20.pdf": harbour_board_pdf,
}


def main(root: Path = HERE) -> None:
    for relative, build in SAMPLES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build())
        print(f"wrote {path.relative_to(root.parent) if root == HERE else path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
