"""Damaged, hostile and oversized files: each gets an InputError whose
message names the file and the problem, never a traceback or a hang. Every
file is built here."""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from docket.extractor.readers import read_path
from docket.extractor.readers.text import MAX_TEXT_BYTES, read_stdin
from docket.extractor.readers.word import MAX_UNCOMPRESSED_BYTES, MAX_XML_PART_BYTES, MAX_ZIP_ENTRIES
from docket.models.errors import InputError
from readers_support import docx_members, pdf_bytes, stable_docx, zip_bytes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(path, data: bytes | None = None) -> str:
    """The message of the InputError reading `path` raises, without the file name."""
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_path(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: "):]


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Jane to send the draft by Friday.")
    return stable_docx(document)


def with_part(good: bytes, name: str, data: bytes) -> bytes:
    members = docx_members(good)
    members[name] = data
    return zip_bytes(members)


def patch_directory(data: bytes, member: str, offset: int, value: int, size: int = 4) -> bytes:
    """Overwrite a field of `member`'s entry in the zip's central directory
    (offset 8: flags, 24: uncompressed size)."""
    position = -1
    while True:
        position = data.index(b"PK\x01\x02", position + 1)
        length = int.from_bytes(data[position + 28:position + 30], "little")
        if data[position + 46:position + 46 + length] == member.encode():
            break
    start = position + offset
    return data[:start] + value.to_bytes(size, "little") + data[start + size:]


# -- empty, oversized and mislabelled files ---------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".vtt", ".srt", ".docx", ".pdf"])
def test_empty_file(tmp_path, suffix):
    assert refused(tmp_path / f"empty{suffix}", b"") == "the file is empty"


@pytest.mark.parametrize(
    "suffix, what, bound",
    [(".txt", "text file", 16), (".md", "text file", 16), (".vtt", "text file", 16),
     (".srt", "text file", 16), (".pdf", "PDF", 64)],
)
def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path, suffix, what, bound):
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as handle:
        handle.truncate(100 * 2**20)  # sparse: costs no disk, and must not be read
    assert refused(path) == f"100 MiB is more than docket reads from a {what} ({bound} MiB)"


def test_a_100_mb_docx_is_refused_before_it_is_opened(tmp_path):
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.truncate(100 * 2**20)
    assert refused(path) == "100 MiB is more than docket reads from a Word file (64 MiB)"


def test_stdin_beyond_the_bound_is_refused():
    class Endless:
        def read(self, size):
            return b"a" * size

    with pytest.raises(InputError, match=r"^<stdin>: more than 16 MiB"):
        read_stdin(Endless())
    assert MAX_TEXT_BYTES == 16 * 2**20


@pytest.mark.parametrize(
    "data, message",
    [
        (b"Just some text, not a zip.", "not a Word .docx file"),
        (OLE_MAGIC + b"\x00" * 600, "not a Word .docx file but an old Word 97-2003 .doc file or a "
                                    "password-protected Office file; save it as .docx, .pdf or .txt"),
        (b"%PDF-1.4\n%...", "not a Word .docx file but a PDF file; rename it to .pdf"),
    ],
    ids=["text", "ole", "pdf"],
)
def test_a_docx_that_is_not_a_zip(tmp_path, data, message):
    assert refused(tmp_path / "minutes.docx", data) == message


@pytest.mark.parametrize(
    "data, message",
    [
        (b"Minutes: Jane to send the draft.", "not a PDF file"),
        (b"PK\x03\x04" + b"\x00" * 100, "not a PDF file but a zip archive (a Word .docx is one); rename it to .docx"),
    ],
)
def test_a_pdf_that_is_not_a_pdf(tmp_path, data, message):
    assert refused(tmp_path / "minutes.pdf", data) == message


# -- damaged and hostile Word files ------------------------------------------------


def test_truncated_docx(tmp_path, good_docx):
    message = refused(tmp_path / "cut.docx", good_docx[: len(good_docx) // 2])
    assert message.startswith("a damaged .docx (the zip archive cannot be read: ")


def test_zip_that_is_no_office_file(tmp_path):
    data = zip_bytes({"notes.txt": b"hello"})
    assert refused(tmp_path / "a.docx", data) == "a zip archive but not a Word document (no [Content_Types].xml)"


def test_excel_workbook_named_docx(tmp_path):
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert refused(tmp_path / "a.docx", data) == "an Excel workbook, not a Word document"


def test_zip_bomb_is_refused_from_the_declared_sizes(tmp_path, good_docx):
    bomb = patch_directory(good_docx, "word/document.xml", 24, 0xF0000000)
    message = refused(tmp_path / "bomb.docx", bomb)
    assert re.fullmatch(
        r"\d+ MiB once uncompressed, more than docket reads \(128 MiB\): a zip bomb or a document full of media",
        message,
    )
    assert MAX_UNCOMPRESSED_BYTES == 128 * 2**20


def test_oversized_xml_part(tmp_path, good_docx):
    members = docx_members(good_docx)
    padding = b" " * (MAX_XML_PART_BYTES + 1)
    document_xml = members["word/document.xml"].replace(b"<w:body>", b"<w:body>" + padding, 1)
    message = refused(tmp_path / "big.docx", with_part(good_docx, "word/document.xml", document_xml))
    assert message == "the part word/document.xml is 16 MiB uncompressed, more than docket reads (16 MiB)"


def test_a_part_lying_about_its_size_fails_its_check(tmp_path, good_docx):
    liar = patch_directory(good_docx, "word/document.xml", 24, 10)
    assert refused(tmp_path / "liar.docx", liar).startswith(
        "a damaged .docx (the zip archive cannot be read: Bad CRC-32 for file 'word/document.xml')"
    )


def test_too_many_parts(tmp_path, good_docx):
    members = docx_members(good_docx)
    members.update({f"word/media/x{n}.bin": b"" for n in range(MAX_ZIP_ENTRIES)})
    message = refused(tmp_path / "many.docx", zip_bytes(members))
    assert message == f"{len(members)} parts in the zip, more than a Word file has ({MAX_ZIP_ENTRIES})"


def test_encrypted_zip_member(tmp_path, good_docx):
    locked = patch_directory(good_docx, "word/styles.xml", 8, 0x1, size=2)
    assert refused(tmp_path / "locked.docx", locked) == "the zip archive is encrypted"


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b']><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:styles>'
)


@pytest.mark.parametrize(
    "part, data",
    [
        ("word/document.xml", XXE),
        ("word/document.xml", XXE.decode().replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>").encode("utf-16")),
        ("word/styles.xml", LAUGHS),
        ("word/_rels/document.xml.rels", b"<!doctype x><Relationships/>"),
    ],
    ids=["external-entity", "external-entity-utf16", "billion-laughs", "lower-case-doctype"],
)
def test_doctype_and_entities_are_refused(tmp_path, good_docx, part, data):
    message = refused(tmp_path / "evil.docx", with_part(good_docx, part, data))
    assert message == (
        f"the part {part} declares a DOCTYPE or ENTITY, which Word never writes; "
        "refusing a file that may try to read other files or expand entities"
    )


def test_a_part_named_by_its_content_type_is_checked_too(tmp_path, good_docx):
    members = docx_members(good_docx)
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/evil.bin" ContentType="application/x-evil+xml"/></Types>'
    )
    members["word/evil.bin"] = XXE
    message = refused(tmp_path / "evil.docx", zip_bytes(members))
    assert message.startswith("the part word/evil.bin declares a DOCTYPE or ENTITY")


@pytest.mark.parametrize(
    "document_xml",
    [
        b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p>",
        b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
        + b"<w:sdt><w:sdtContent>" * 5000 + b"</w:sdtContent></w:sdt>" * 5000 + b"</w:body></w:document>",
        b"\x00\x01 not xml at all",
    ],
    ids=["unclosed", "nested-5000-deep", "binary"],
)
def test_malformed_document_xml(tmp_path, good_docx, document_xml):
    message = refused(tmp_path / "bad.docx", with_part(good_docx, "word/document.xml", document_xml))
    assert message.startswith("the Word document is damaged, truncated or not supported (")


def test_docx_without_text(tmp_path):
    assert refused(tmp_path / "blank.docx", stable_docx(docx.Document())) == "the Word document has no text"


# -- damaged and protected PDFs ------------------------------------------------------

TEXT_PDF = pdf_bytes([["Jane to send the draft by Friday."] * 5, ["Second page."]])


@pytest.mark.parametrize("keep", [10, 200, len(TEXT_PDF) // 2, len(TEXT_PDF) - 30])
def test_truncated_pdf(tmp_path, keep):
    message = refused(tmp_path / "cut.pdf", TEXT_PDF[:keep])
    assert message.startswith("the PDF is damaged, truncated or not supported (")


def test_garbage_after_the_pdf_header(tmp_path):
    message = refused(tmp_path / "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert message.startswith("the PDF is damaged, truncated or not supported (")


def test_scanned_pdf_without_text_layer(tmp_path):
    assert refused(tmp_path / "scan.pdf", pdf_bytes([[], []])) == (
        "the PDF has no text layer (a scanned image?); run it through OCR first (for example ocrmypdf) "
        "and read the result"
    )


def encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(TEXT_PDF)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf(tmp_path):
    assert refused(tmp_path / "locked.pdf", encrypted("s3cret")) == (
        "the PDF is protected by a password; save an unprotected copy"
    )


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypted(""))
    assert read_path(path).text.startswith("Jane to send the draft by Friday.")


def test_too_many_pages(tmp_path):
    many = pdf_bytes([["x"]] * 2001)
    assert refused(tmp_path / "many.pdf", many) == "2001 pages, more than docket reads (2000)"


# -- text that only pretends --------------------------------------------------------


@pytest.mark.parametrize("suffix", [".vtt", ".srt", ".md"])
def test_binary_data_in_a_text_format(tmp_path, suffix):
    assert refused(tmp_path / f"x{suffix}", OLE_MAGIC + b"\x00" * 100) == (
        "this is an old Word 97-2003 .doc file or a password-protected Office file, not a text file"
    )


def test_a_zip_bomb_is_not_inflated_to_be_refused(tmp_path, good_docx, monkeypatch):
    """The size check reads only the zip's directory: nothing is inflated."""
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: opened.append(a) or real_open(self, *a, **k))
    bomb = patch_directory(good_docx, "word/document.xml", 24, 0xF0000000)
    refused(tmp_path / "bomb.docx", bomb)
    assert opened == []


# -- bounds on work, not only on size ------------------------------------------------


def test_a_cell_claiming_a_huge_span_does_not_stall_the_reader(tmp_path):
    document = docx.Document()
    cells = document.add_table(rows=2, cols=2).rows
    cells[0].cells[0].text, cells[0].cells[1].text = "Action", "Owner"
    cells[1].cells[0].text, cells[1].cells[1].text = "Send the deck", "Tom"
    members = docx_members(stable_docx(document))
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"<w:tcW", b'<w:gridSpan w:val="2000000000"/><w:tcW', 1
    )
    path = tmp_path / "span.docx"
    path.write_bytes(zip_bytes(members))
    assert read_path(path).text == "Action\nSend the deck | Tom"  # capped at 64 columns


@pytest.mark.parametrize(
    "suffix, head",
    [(".md", ""), (".vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"), (".srt", "1\n00:00:01,000 --> 00:00:02,000\n")],
)
def test_pathological_lines_take_linear_time(tmp_path, suffix, head):
    """Each line would take minutes with a pattern that rescans to the end
    of the line from every opening delimiter."""
    lines = ["<v " * 100_000, "[" * 300_000, "[a](" * 100_000, "**a" * 100_000, "a " * 150_000 + ": b",
             "|" + "-" * 100_000 + " " * 100_000 + "x", "#" + " " * 300_000 + "x", "<a" * 150_000]
    path = tmp_path / f"long{suffix}"
    path.write_text(head + ("\n" if suffix == ".md" else " ").join(lines), encoding="utf-8")
    assert len(read_path(path).text) > 1_000_000


def test_a_pdf_that_reads_too_slowly_is_given_up(tmp_path, monkeypatch):
    monkeypatch.setattr("docket.extractor.readers.pdf.MAX_PDF_SECONDS", -1)  # out of time at once
    message = refused(tmp_path / "slow.pdf", TEXT_PDF)
    assert message.startswith("reading the PDF's text took more than ")
    assert message.endswith(" seconds; it may be built to stall readers")


def test_a_pdf_with_too_much_text(tmp_path, monkeypatch):
    monkeypatch.setattr("docket.extractor.readers.pdf.MAX_TEXT_CHARS", 100)
    assert refused(tmp_path / "long.pdf", TEXT_PDF).endswith(" characters of text, more than docket reads from one document")


def test_built_text_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr("docket.extractor.readers.base.MAX_TEXT_CHARS", 30)
    path = tmp_path / "notes.md"
    path.write_text("# Minutes\n\nJane to send the draft by Friday.\n", encoding="utf-8")
    assert refused(path).endswith(" characters of text, more than docket reads from one document")


def test_part_names_match_their_content_type_whatever_the_case(tmp_path, good_docx):
    members = docx_members(good_docx)
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/WORD/EVIL.BIN" ContentType="application/x-evil+xml"/></Types>'
    )
    members["word/evil.bin"] = XXE
    assert refused(tmp_path / "evil.docx", zip_bytes(members)).startswith("the part word/evil.bin declares")


def test_aes_pdf_without_the_cryptography_package(tmp_path, monkeypatch):
    from pypdf.errors import DependencyError

    def no_aes(self, *args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr("pypdf.PageObject.extract_text", no_aes)
    assert refused(tmp_path / "aes.pdf", TEXT_PDF) == (
        "the PDF is encrypted with AES, which docket reads only with the 'cryptography' package "
        "installed (pip install cryptography)"
    )
