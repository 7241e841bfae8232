"""PDF files, from file to Document."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from docket.extractor.readers import read_path
from docket.extractor.readers.pdf import paragraphs
from readers_support import assert_lines_and_blocks, pdf_bytes

PAGE_ONE = [
    "Board meeting summary",
    "The board instructed the operations manager to complete the imple-",
    "mentation of the booking system by 30 April 2025 and to report on",
    "progress at each meeting of the board until the system is in use.",
    "Actions agreed:",
    "\u2022 Sofia Reyes to circulate the revised fee schedule to all berth",
    "holders by 7 March 2025.",
    "1. The finance committee is responsible for the budget.",
    "The harbour master shall submit a dredging plan to the board within",
    "- 1 -",
]
PAGE_TWO = [
    "thirty days, with an estimate of its cost and of the disruption it",
    "causes to the moorings in the inner basin.",
]


def test_pdf_text_is_rebuilt_into_paragraphs(tmp_path):
    path = tmp_path / "board.pdf"
    path.write_bytes(pdf_bytes([PAGE_ONE, PAGE_TWO], title="Board summary", created=datetime(2025, 2, 20, 10)))
    document = read_path(path)
    assert document.text == (
        "Board meeting summary\n"
        "The board instructed the operations manager to complete the implementation of the booking "
        "system by 30 April 2025 and to report on progress at each meeting of the board until the "
        "system is in use.\n"
        "Actions agreed:\n"
        "Sofia Reyes to circulate the revised fee schedule to all berth holders by 7 March 2025.\n"
        "1. The finance committee is responsible for the budget.\n"
        "The harbour master shall submit a dredging plan to the board within thirty days, with an "
        "estimate of its cost and of the disruption it causes to the moorings in the inner basin."
    )
    assert_lines_and_blocks(document)
    assert {block.kind for block in document.blocks} == {"paragraph"}
    assert (document.format, document.title, document.meeting_date_hint) == ("pdf", "Board summary", date(2025, 2, 20))


def test_pdf_without_metadata(tmp_path):
    path = tmp_path / "2025-01-09 notes.pdf"
    path.write_bytes(pdf_bytes([["Jane to send the draft by Friday."]]))
    document = read_path(path)
    assert document.text == "Jane to send the draft by Friday."
    assert document.title is None
    assert document.meeting_date_hint == date(2025, 1, 9)  # from the name


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["well-", "known words"], ["well-", "known words"]),  # short line: its own paragraph
        (["a long enough line that ends with a well-", "Known capital"], ["a long enough line that ends with a well- Known capital"]),
        (["a long enough line that ends in a soft hyph\u00ad", "enated word"], ["a long enough line that ends in a soft hyphenated word"]),
        (["the figure was 2024-", "2025 in total"], ["the figure was 2024- 2025 in total"]),  # not a word
        (["", "Heading", "", "Body text here."], ["Heading", "Body text here."]),
        (["۔ایک جملہ ختم ہوا۔", "دوسرا جملہ"], ["۔ایک جملہ ختم ہوا۔", "دوسرا جملہ"]),
        (["12", "Text"], ["Text"]),
    ],
)
def test_paragraph_rules(lines, expected):
    assert paragraphs(lines) == expected
