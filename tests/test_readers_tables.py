"""Action tables: the header words of each language pack, and rows to lines."""
from __future__ import annotations

import pytest
import srsly

from docket.extractor.lang import PackError
from docket.extractor.readers.base import LineBuilder
from docket.extractor.readers.tables import (
    HEADERS_FILE,
    LANG_DIR,
    ROLES,
    action_columns,
    add_table,
    header_key,
    header_roles,
    OTHER_ROLES,
)


def rows(*texts: list[str]):
    return [[((r, c), text) for c, text in enumerate(row)] for r, row in enumerate(texts)]


@pytest.mark.parametrize("lang", ["en", "ur", "vi"])
def test_each_language_pack_names_every_role(lang):
    pack = srsly.read_yaml(LANG_DIR / lang / HEADERS_FILE)
    assert set(ROLES) <= set(pack) <= set(ROLES + OTHER_ROLES)
    for role, words in pack.items():
        for word in words:
            assert header_roles()[header_key(word)] == role, (lang, word)


@pytest.mark.parametrize(
    "lang, header, expected",
    [
        ("en", ["No.", "Action", "Owner", "Due"], {1: "action", 2: "owner", 3: "due"}),
        ("en", ["TASK", "Responsible:", "Deadline*"], {0: "action", 1: "owner", 2: "due"}),
        ("en", ["Action item", "Status", "Due date"], {0: "action", 2: "due"}),
        ("ur", ["آخری تاریخ", "ذمہ دار", "کام"], {0: "due", 1: "owner", 2: "action"}),
        ("vi", ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"], {1: "action", 2: "owner", 3: "due"}),
        # decomposed (NFD) Vietnamese, as some editors save it
        ("vi", ["Nhie\u0302\u0323m vu\u0323", "Tho\u031b\u0300i ha\u0323n"], {0: "action", 1: "due"}),
    ],
)
def test_action_table_headers(lang, header, expected):
    assert action_columns(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        ["Name", "Role"],
        ["Owner", "Due"],  # no action column
        ["Action"],  # nothing else
        ["Action plan", "Notes"],
        ["Hành động", "Ghi chú"],
    ],
)
def test_tables_that_are_not_action_tables(header):
    assert action_columns(header) is None


def test_rows_of_an_action_table():
    builder = LineBuilder("t")
    add_table(builder, rows(
        ["No.", "Action", "Owner", "Due"],
        ["1", "Send the deck", "Tom", "Monday"],
        ["", "", "", ""],
        ["2", "Book the room", "", ""],
        ["", "", "", "Notes only"],
        ["3", "Action", "Owner", "Due"],
    ))
    document = builder.document("t", "docx")
    assert [(b.kind, document.text[b.start:b.end], b.cells) for b in document.blocks] == [
        ("heading", "No. | Action | Owner | Due", None),
        ("table_row", "1 | Send the deck | Tom | Monday", {"action": "Send the deck", "owner": "Tom", "due": "Monday"}),
        ("table_row", "2 | Book the room", {"action": "Book the room", "owner": "", "due": ""}),
        ("paragraph", "Notes only", None),  # no action in it
        ("heading", "3 | Action | Owner | Due", None),  # a repeated header row
    ]


def test_a_cell_spanning_the_action_columns_is_a_group_label():
    builder = LineBuilder("t")
    label = ("label", "Finance")
    add_table(builder, [
        [("h1", "Task"), ("h2", "Owner")],
        [label, label],
        [("a", "Pay the invoice"), ("b", "Ana")],
    ])
    document = builder.document("t", "docx")
    assert [(b.kind, document.text[b.start:b.end]) for b in document.blocks] == [
        ("heading", "Task | Owner"), ("heading", "Finance"), ("table_row", "Pay the invoice | Ana"),
    ]


def test_a_broken_pack_is_reported_with_its_file(tmp_path):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / HEADERS_FILE).write_text("action: [task]\nwho: [owner]\n", encoding="utf-8")
    with pytest.raises(PackError, match="xx/table_headers.yml: unknown key 'who'"):
        header_roles(tmp_path)
    (tmp_path / "xx" / HEADERS_FILE).write_text("action: [task]\nowner: [task]\n", encoding="utf-8")
    with pytest.raises(PackError, match="'task' is both 'action' and 'owner'"):
        header_roles(tmp_path)
