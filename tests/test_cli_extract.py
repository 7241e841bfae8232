"""`docket extract` and `docket eval` from the command line: output shapes,
options, and one clear Error: line with exit 1 for bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT = (
    "Hanoi, February 13, 2025 – The Ministry held its conference.\n"
    "In 2024, 4 more databases will be established.\n"
    "The Minister requested ministries, branches and localities to send the plan "
    "to the Working Group in February 2025.\n"
)


def test_json_output_follows_the_annotation_guide(docket, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = docket("extract", str(path))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == str(path) and data["lang"] == "en" and data["meeting_date"] == "2025-02-13"
    (directive,) = data["directives"]
    assert REPORT[directive["start"]:directive["end"]] == directive["text"]
    assert directive["responsible"] == ["ministries, branches and localities"]
    assert directive["deadline"] == {"text": "in February 2025", "date": "2025-02-28"}
    assert directive["issuer"] == "Minister"
    for key in ("action", "responsible_inherited", "urgent", "recurring", "confidence"):
        assert key in directive


def test_stdin_lang_and_meeting_date_options(docket):
    text = "The Finance Department must submit the report within 30 days.\n"
    result = docket("extract", "-", "--lang", "en", "--meeting-date", "2025-03-01", input=text.encode())
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["meeting_date"] == "2025-03-01"
    assert data["directives"][0]["deadline"]["date"] == "2025-03-31"


def test_table_format_is_for_people(docket, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = docket("extract", str(path), "--format", "table")
    assert result.exit_code == 0
    assert "ministries, branches and locali" in result.output and "2025-02-28" in result.output


def test_show_text_prints_exactly_what_offsets_refer_to(docket, tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.replace("\n", "\r\n").encode("utf-8"))
    result = docket("extract", str(path), "--show-text")
    assert result.stdout_bytes.decode("utf-8") == REPORT.replace("\n", "\r\n")


def test_a_document_longer_than_spacys_max_length(docket, tmp_path):
    path = tmp_path / "long.txt"
    filler = "The committee reviewed the quarterly figures in detail.\n" * 22000  # > 1,000,000 chars
    path.write_text(filler + "ACTION: Priya to circulate the draft by Friday.\n", encoding="utf-8")
    result = docket("extract", str(path), "--meeting-date", "2025-02-13")
    assert result.exit_code == 0, result.output[-300:]
    assert len(json.loads(result.output)["directives"]) == 1


def file(name: str, data: bytes):
    def make(folder):
        (folder / name).write_bytes(data)
        return folder / name
    return make


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.txt", "no such file"),
    (lambda p: p, "is a directory"),
    (file("empty.txt", b""), "the file is empty"),
    (file("latin1.txt", "Caf\xe9 minutes".encode("latin-1")), "not valid UTF-8"),
    (file("blob.txt", b"\x00\x01\x02binary\x00"), "binary data"),
    (file("notes.xyz", b"hello"), "unsupported file type"),
])
def test_bad_input_is_one_error_line_and_exit_1(docket, tmp_path, make, message):
    target = make(tmp_path)
    if target == tmp_path:  # a directory with nothing readable in it
        result = docket("extract", str(target))
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and "no documents" in result.output
        return
    result = docket("extract", str(target))
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert message in result.output
    assert "Traceback" not in result.output


def test_eval_prints_scores_per_language_and_rejects_a_folder_without_gold(docket, tmp_path):
    result = docket("eval", str(ROOT / "corpus" / "en"), "--format", "json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {"en", "all"} and 0 < figures["en"]["f1"] <= 1
    result = docket("eval", str(tmp_path))
    assert result.exit_code == 1 and "no gold files" in result.output
