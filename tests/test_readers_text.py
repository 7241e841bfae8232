"""Plain text, standard input and Markdown, from file to Document."""
from __future__ import annotations

import codecs
import io
from datetime import date

import pytest

from docket.extractor.readers import read_path, walk
from docket.extractor.readers.markdown import inline_text
from docket.extractor.readers.text import read_stdin
from docket.models.errors import InputError
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


def test_walk_lists_every_format_docket_reads(tmp_path):
    for name in ["a.txt", "b.md", "c.docx", "d.vtt", "e.srt", "f.pdf", "g.xlsx", "a.txt.gold.json"]:
        (tmp_path / name).write_bytes(b"x")
    assert [(p.name, ok) for p, ok in walk([tmp_path])] == [
        ("a.txt", True), ("b.md", True), ("c.docx", True), ("d.vtt", True),
        ("e.srt", True), ("f.pdf", True), ("g.xlsx", False),
    ]


# -- Markdown ------------------------------------------------------------------

NOTES_MD = """\
---
title: "Ops review"
date: 2025-03-06
---
# Operations review

Intro paragraph that is
wrapped over two lines.

Budget
------

- Jane to send the **draft** by Friday.
* [ ] Bob will review the [budget](https://example.com/b)
  before the next meeting.
+ [x] Done item with `code`.
1. First numbered point.
2) Second numbered point.

> Quoted: Ali must *call* the vendor.

***

| Action | Owner | Due |
| :----- | ----- | --: |
| Fix the \\| pipe | Sam | 14 March |
|  |  |  |

```
# not a heading
```

Struck ~~Bob to buy cake~~ text.
"""


def test_markdown_markup_never_reaches_the_text(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(NOTES_MD, encoding="utf-8")
    document = read_path(path)
    assert_lines_and_blocks(document)
    assert lines_of(document) == [
        ("heading", "Operations review"),
        ("paragraph", "Intro paragraph that is wrapped over two lines."),
        ("heading", "Budget"),
        ("item", "Jane to send the draft by Friday."),
        ("item", "Bob will review the budget before the next meeting."),
        ("item", "Done item with code."),
        ("item", "First numbered point."),
        ("item", "Second numbered point."),
        ("paragraph", "Quoted: Ali must call the vendor."),
        ("heading", "Action | Owner | Due"),
        ("table_row", "Fix the | pipe | Sam | 14 March"),
        ("paragraph", "# not a heading"),
        ("paragraph", "Struck text."),
    ]
    assert document.blocks[10].cells == {"action": "Fix the | pipe", "owner": "Sam", "due": "14 March"}
    assert document.format == "markdown"
    assert document.title == "Ops review"
    assert document.meeting_date_hint == date(2025, 3, 6)


def test_markdown_title_falls_back_to_the_first_top_heading(tmp_path):
    path = tmp_path / "2025-02-01 notes.md"
    path.write_text("## Sub\n\n# Main title #\n\nText.\n", encoding="utf-8")
    document = read_path(path)
    assert document.title == "Main title"
    assert document.meeting_date_hint == date(2025, 2, 1)  # from the name
    assert lines_of(document) == [("heading", "Sub"), ("heading", "Main title"), ("paragraph", "Text.")]


def test_markdown_table_without_action_headers_gives_plain_lines(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("| Name | Role |\n|---|---|\n| Ana | Chair |\n", encoding="utf-8")
    assert lines_of(read_path(path)) == [("paragraph", "Name | Role"), ("paragraph", "Ana | Chair")]


@pytest.mark.parametrize(
    "markdown, plain",
    [
        ("**ACTION:** Jane", "ACTION: Jane"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("see <https://x.org/a>", "see https://x.org/a"),
        ("![chart](c.png) shows", "chart shows"),
        ("line<br>break", "line break"),
        (r"\*not emphasis\*", "*not emphasis*"),
        ("_under_ and __strong__", "under and strong"),
    ],
)
def test_inline_markup(markdown, plain):
    assert " ".join(inline_text(markdown).split()) == plain


def test_markdown_with_bad_encoding_is_refused(tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes(b"# Notes\n\xff\xfe\xfa")
    with pytest.raises(InputError, match=r"notes.md: not valid UTF-8 text \(byte 8"):
        read_path(path)


@pytest.mark.parametrize("markup, text", [(">", None), ("#", None), ("> \n---\n", None), ("> a quote", "a quote"),
                                          ("# Minutes", "Minutes")])
def test_markdown_of_markup_alone_is_refused(tmp_path, markup, text):
    path = tmp_path / "note.md"
    path.write_text(markup, encoding="utf-8")
    if text is None:
        with pytest.raises(InputError, match="no text once the Markdown markup is set aside"):
            read_path(path)
    else:
        assert read_path(path).text.strip() == text
