"""CSV, JSON and Markdown, read back with the standard library."""
from __future__ import annotations

import csv
import json
import re

import pytest

from export_samples import (
    PRODUCED, TODAY, URDU_ACTION, URDU_BODY, VIET_ACTION, VIET_BODY, make_item, sample_items,
)
from docket.exports import ExportOptions, export
from docket.models.query import compute_stats
from docket.exports.tabular import COLUMNS
from docket.models.records import HistoryEntry


def write(tmp_path, name, items, **options):
    path = tmp_path / name
    result = export(items, path, ExportOptions(TODAY, produced=PRODUCED, **options))
    return path, result


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_starts_with_a_bom_and_has_the_columns_a_person_reads(tmp_path):
    path, result = write(tmp_path, "a.csv", sample_items())
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,action,responsible,deadline,status,source,remarks\r\n")
    rows = read_csv(path)
    assert rows[0] == list(COLUMNS) == ["id", "action", "responsible", "deadline", "status", "source", "remarks"]
    assert result.rows == len(rows) - 1 == 8


def test_csv_rows_match_the_items(tmp_path):
    items = sample_items()
    notes = {"item00004": [HistoryEntry("2025-03-02T10:00:00+00:00", "status", note="half\x00 done"),
                           HistoryEntry("2025-03-05T10:00:00+00:00", "status", note="waiting for the, figures")]}
    path = tmp_path / "a.csv"
    export(items, path, ExportOptions(TODAY, lang="vi"), notes=notes)  # the language is for people: not CSV's
    records = [dict(zip(COLUMNS, row)) for row in read_csv(path)[1:]]
    assert [r["id"] for r in records] == [i.id for i in items]
    by_id = {r["id"]: r for r in records}
    assert by_id["item00002"] == {
        "id": "item00002", "action": "connect the population database with ministries and localities",
        "responsible": "Ministry of Public Security; Provincial Police", "deadline": "2025-01-31",
        "status": "open", "source": "Cabinet meeting on digital transformation, 2025-02-13", "remarks": ""}
    assert by_id["item00003"]["deadline"] == "" and by_id["item00003"]["responsible"] == ""
    assert by_id["item00007"]["deadline"] == "before the next meeting"  # no date: the phrase as written
    assert by_id["item00004"]["status"] == "in-progress"
    assert by_id["item00004"]["remarks"] == "2025-03-02: half done; 2025-03-05: waiting for the, figures"
    assert by_id["item00005"]["action"] == URDU_ACTION
    assert by_id["item00005"]["responsible"] == URDU_BODY
    assert by_id["item00006"]["action"] == VIET_ACTION
    assert by_id["item00006"]["responsible"] == f"Bộ Tài chính; {VIET_BODY}"
    assert by_id["item00007"]["action"] == "prepare the note"
    assert by_id["item00008"]["action"] == "review " * 600


def test_csv_defuses_cells_excel_would_run_as_formulas(tmp_path):
    items = [make_item(1, action='=HYPERLINK("http://x","click")'), make_item(2, action="-5% cut")]
    path, _ = write(tmp_path, "a.csv", items)
    actions = [dict(zip(COLUMNS, row))["action"] for row in read_csv(path)[1:]]
    assert actions == ["'=HYPERLINK(\"http://x\",\"click\")", "'-5% cut"]


def test_json_items_and_figures_have_the_shape_of_list_and_stats(tmp_path):
    items = sample_items()
    path, result = write(tmp_path, "a.json", items, title="February follow-up")
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert "\\u06" not in text and "ư" in text  # Urdu and Vietnamese as they are
    assert data["title"] == "February follow-up" and data["as_of"] == "2025-03-10"
    assert data["produced_at"] == "2025-03-11T09:30:00+00:00"
    assert result.rows == len(data["items"]) == 8
    assert data["items"] == [item.to_json(TODAY) for item in items]
    assert list(data["items"][0])[:3] == ["id", "document_id", "document_source"]
    first = data["items"][0]
    assert first["responsible"] == ["Ministry of Public Security", "Provincial Police"]
    assert first["deadline"] == {"text": "in January 2025", "date": "2025-01-31"}
    assert first["overdue"] is True
    assert data["stats"] == compute_stats(items, TODAY).to_json()
    assert data["stats"]["totals"]["overdue"] == 2
    assert data["meetings"][0] == {"document_id": 1, "title": "Cabinet meeting on digital transformation",
                                   "meeting_date": "2025-02-13"}


def test_figures_passed_in_are_printed_as_given(tmp_path):
    """The CLI passes the store's Stats for the same filters: one source for every figure."""
    items = sample_items()
    stats = compute_stats(items, TODAY)
    stats.totals.done = 99
    path = tmp_path / "a.json"
    export(items, path, ExportOptions(TODAY), stats=stats)
    assert json.loads(path.read_text(encoding="utf-8"))["stats"]["totals"]["done"] == 99


def test_markdown_is_a_table_to_paste_with_pipes_escaped(tmp_path):
    items = sample_items() + [make_item(9, action="choose A | B\nthen report")]
    path, result = write(tmp_path, "a.md", items)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Action list"
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| ID | Action | Responsible | Deadline | Status | Source | Remarks |"
    assert len(table) == 2 + len(items) == 2 + result.rows
    assert all(len(re.split(r"(?<!\\)\|", line)) == len(COLUMNS) + 2 for line in table)
    assert "choose A \\| B then report" in text
    assert URDU_ACTION in text and VIET_ACTION in text
    assert ("| item00002 | connect the population database with ministries and localities | "
            "Ministry of Public Security; Provincial Police | 31 Jan 2025 | Open, OVERDUE | "
            "Cabinet meeting on digital transformation, 13 Feb 2025 |  |") in lines
    assert ("9 actions: 6 open, 1 in progress, 0 blocked, 1 done, 1 cancelled. 2 overdue as of 10 March 2025. "
            "1 of 8 tasks done, 12%.") in lines


def test_markdown_in_the_lists_language(tmp_path):
    path, _ = write(tmp_path, "a.md", sample_items(), lang="vi", group_by="status")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Danh mục nhiệm vụ"
    assert "| Mã | Nhiệm vụ | Cơ quan chủ trì | Thời hạn | Tình trạng | Nguồn | Ghi chú |" in lines
    assert [line for line in lines if line.startswith("## ")][0] == "## Chưa thực hiện (5)"
    assert any("| 31/01/2025 | Chưa thực hiện, QUÁ HẠN |" in line for line in lines)


def test_markdown_groups_under_headings(tmp_path):
    path, _ = write(tmp_path, "a.md", sample_items(), group_by="status")
    headings = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings == ["## Open (5)", "## In progress (1)", "## Done (1)", "## Cancelled (1)"]


@pytest.mark.parametrize("name", ["a.csv", "a.json", "a.md"])
def test_thousands_of_rows(tmp_path, name):
    items = [make_item(n, action=f"action {n}") for n in range(5000)]
    path, result = write(tmp_path, name, items)
    assert result.rows == 5000
    assert path.stat().st_size > 5000 * 100
