"""Plain text, standard input and Markdown, from file to Document."""
from __future__ import annotations

import codecs
import io
from datetime import date

import pytest

from extractor.readers import read_path
from extractor.readers.text import read_stdin
from models.errors import InputError
from readers_support import assert_lines_and_blocks, lines_of

MINUTES = "Minutes\r\nJane must send the draft by Friday.\n\nکام: رپورٹ بھیجیں\n"


@pytest.mark.parametrize(
    "encoded",
    [
        MINUTES.encode("utf-8"),
        codecs.BOM_UTF8 + MINUTES.encode("utf-8"),
        MINUTES.encode("utf-16"),  # with its BOM
        codecs.BOM_UTF16_BE + MINUTES.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be"],
)
def test_text_file_keeps_newlines_as_in_the_file(tmp_path, encoded):
    path = tmp_path / "minutes.txt"
    path.write_bytes(encoded)
    document = read_path(path)
    assert document.text == MINUTES
    assert document.format == "text"
    assert [MINUTES[b.start:b.end] for b in document.blocks] == [
        "Minutes", "Jane must send the draft by Friday.", "کام: رپورٹ بھیجیں"
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        ("Café minutes".encode("latin-1"), "not valid UTF-8 text (byte 3: invalid continuation byte); save the file as UTF-8"),
        ("Minutes of the meeting".encode("utf-16-le"), "UTF-16 text without a byte-order mark; save the file as UTF-8"),
        (b"\x00\x01\x02\x03binary", "binary data (NUL bytes), not a text document"),
        (b"  \n\t\n", "the file is empty"),
        (b"%PDF-1.4\n...", "this is a PDF file, not a text file; name it .pdf to read it"),
        (b"PK\x03\x04rest", "this is a zip archive (a Word .docx is one), not a text file; name it .docx to read it"),
    ],
    ids=["latin-1", "utf-16-no-bom", "binary", "blank", "pdf", "zip"],
)
def test_text_file_that_is_not_text_is_refused_with_the_reason(tmp_path, data, message):
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_path(path)
    assert str(error.value) == f"{path}: {message}"


def test_stdin_is_read_as_text():
    document = read_stdin(io.BytesIO(codecs.BOM_UTF8 + b"Jane to send the draft.\nBob to review it."))
    assert document.source == "-"
    assert document.text == "Jane to send the draft.\nBob to review it."
    assert_lines_and_blocks(document)


def test_stdin_read_through_read_path(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Jane to send the draft.")))
    assert read_path("-").text == "Jane to send the draft."


def test_stdin_that_is_not_text_says_so():
    with pytest.raises(InputError, match=r"^<stdin>: not valid UTF-8 text"):
        read_stdin(io.BytesIO(b"caf\xe9"))


def test_date_in_the_file_name_is_the_meeting_date_hint(tmp_path):
    path = tmp_path / "2025-03-04 weekly.txt"
    path.write_text("Jane to send the draft.", encoding="utf-8")
    assert read_path(path).meeting_date_hint == date(2025, 3, 4)
    other = tmp_path / "notes 2025-13-40.txt"
    other.write_text("Jane to send the draft.", encoding="utf-8")
    assert read_path(other).meeting_date_hint is None
