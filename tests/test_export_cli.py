"""`docket export` through click's CliRunner, over a store filled with the
stand-in extractor of store_support: filters, formats, the figures of
`docket stats`, and the exact error lines."""
from __future__ import annotations

import csv
import json
from datetime import date

import docx
import pytest
from icalendar import Calendar

from store_support import Clock, document
from docket.models.store import Store

TODAY = "2025-03-01"
ENGLISH = """Minutes of the coordination meeting, 13 February 2025
ACTION: Ministry of Finance => submit the draft budget by 2025-03-31.
ACTION: Provincial Police; Ministry of Finance => review the traffic plan by 2025-02-20 urgently.
ACTION: Department of Health => publish the vaccination schedule.
ACTION:  => tidy the archive by 2025-02-25.
"""
URDU = """وزارت داخلہ کا اجلاس
ACTION: وزارت خزانہ => نظرثانی شدہ بجٹ پیش کرے by 2025-02-28.
"""
VIETNAMESE = """Kết luận của Bộ trưởng
ACTION: Bộ Tài chính => hoàn thiện đề án xây dựng cơ sở dữ liệu by 2025-04-15.
"""


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "docket.db"
    with Store.open(path, clock=Clock()) as store:
        for name, text in (("minutes.txt", ENGLISH), ("urdu.txt", URDU), ("viet.txt", VIETNAMESE)):
            store.ingest(*document(tmp_path / name, text))
        done = next(i for i in store.items() if i.action.startswith("hoàn thiện"))
        store.set_status([done.id], done.status.DONE, note="sent", by="tester")
    return path


@pytest.fixture
def docket(docket, db):
    """conftest's `docket`, on the database filled above."""
    return lambda *args: docket("--db", str(db), *args)


def action_rows(path):
    document = docx.Document(str(path))
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows[1:]]


def test_word_export_lists_every_status_by_default(docket, tmp_path):
    result = docket("export", "actions.docx", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == "Wrote 6 actions to actions.docx\n"
    rows = action_rows(tmp_path / "actions.docx")
    assert len(rows) == 6
    assert [r[1] for r in rows][:2] == ["review the traffic plan", "tidy the archive"]
    statuses = {r[1]: r[4] for r in rows}
    assert statuses["hoàn thiện đề án xây dựng cơ sở dữ liệu"] == "Done"
    assert statuses["review the traffic plan"] == "Open\nOVERDUE\nURGENT"
    assert statuses["submit the draft budget"] == "Open"
    assert not (tmp_path / ".actions.docx.tmp").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_filters_are_those_of_list_and_the_selection_is_printed(docket, tmp_path):
    result = docket("export", "overdue.docx", "--overdue", "--body", "Finance", "--today", TODAY)
    assert result.output == "Wrote 2 actions to overdue.docx\n"
    rows = action_rows(tmp_path / "overdue.docx")
    # وزارت خزانہ is the Ministry of Finance in the packs' gazetteer
    assert [r[1] for r in rows] == ["review the traffic plan", "نظرثانی شدہ بجٹ پیش کرے"]
    texts = [p.text for p in docx.Document(str(tmp_path / "overdue.docx")).paragraphs]
    assert "Selection: overdue; responsible body matching “Finance”." in texts


@pytest.mark.parametrize("args, expected", [
    (("--status", "open"), 5),
    (("--status", "done"), 1),
    (("--urgent",), 1),
    (("--no-deadline",), 1),
    (("--due-before", "2025-02-28"), 3),
    (("--due-within", "31"), 1),
    (("--search", "budget"), 1),
    (("--document", "2"), 1),
])
def test_each_list_filter_narrows_the_export(docket, tmp_path, args, expected):
    result = docket("export", "a.json", "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    every_status = () if "--status" in args else ("--status", "all")
    listed = json.loads(docket("list", "--format", "json", *every_status, "--today", TODAY, *args).output)
    assert len(data["items"]) == expected
    assert [i["id"] for i in data["items"]] == [i["id"] for i in listed]


def test_report_prints_the_figures_of_docket_stats(docket, tmp_path):
    result = docket("export", "report.docx", "--report", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == "Wrote the progress report of 6 actions to report.docx\n"
    stats = json.loads(docket("stats", "--format", "json", "--today", TODAY).output)
    overall, bodies, documents = docx.Document(str(tmp_path / "report.docx")).tables
    totals = stats["totals"]
    pct = f"{totals['percent_done']}%"
    assert [c.text for c in overall.rows[1].cells[1:]] == [
        str(totals[k]) if k != "pct" else pct
        for k in ("tasks", "done", "pct", "open", "in-progress", "blocked", "overdue", "cancelled")]
    shown = [[c.text for c in row.cells] for row in bodies.rows[1:]]
    assert [row[0] for row in shown] == [
        "No one named" if g["key"] == "(no responsible body)" else g["label"] for g in stats["by_body"]]
    for row, group in zip(shown, stats["by_body"]):
        assert row[1:3] == [str(group["tasks"]), str(group["done"])]
        assert row[7] == str(group["overdue"])  # after in-progress and blocked
    assert len(documents.rows) - 1 == len(stats["by_document"])


def test_csv_json_markdown_and_calendar_by_extension(docket, tmp_path):
    for name in ("a.csv", "a.json", "a.md", "a.ics"):
        result = docket("export", name, "--today", TODAY)
        assert result.exit_code == 0, result.output
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 and (tmp_path / "a.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert {r["action"] for r in rows} >= {"نظرثانی شدہ بجٹ پیش کرے", "hoàn thiện đề án xây dựng cơ sở dữ liệu"}
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["stats"]["totals"]["total"] == 6
    assert "| review the traffic plan |" in (tmp_path / "a.md").read_text(encoding="utf-8")
    calendar = Calendar.from_ical((tmp_path / "a.ics").read_bytes())
    todos = calendar.walk("VTODO")
    assert len(todos) == 5
    assert {t.decoded("due") for t in todos} >= {date(2025, 2, 20), date(2025, 3, 31)}


def test_calendar_message_says_what_was_left_out(docket):
    result = docket("export", "a.ics", "--today", TODAY)
    assert result.output == "Wrote 5 calendar entries to a.ics (1 without a deadline date left out)\n"


def test_format_option_overrides_the_extension(docket, tmp_path):
    result = docket("export", "actions.txt", "--format", "csv", "--today", TODAY)
    assert result.exit_code == 0
    assert (tmp_path / "actions.txt").read_text(encoding="utf-8-sig").startswith("id,action,responsible,")


def test_group_by_body_counts_rows_and_actions(docket, tmp_path):
    result = docket("export", "a.docx", "--group-by", "body", "--today", TODAY)
    assert result.output == "Wrote 6 actions (7 rows) to a.docx\n"


@pytest.mark.parametrize("args, code, error", [
    (("a.xlsx",), 2, "Error: cannot tell the export format of a.xlsx ('.xlsx'); "
                     "name the file .csv, .docx, .ics, .json, .md or pass --format"),
    (("a.docx", "--format", "pdf"), 2, "Error: unknown export format 'pdf'; use one of: csv, docx, ics, json, md"),
    (("a.csv", "--report"), 2, "Error: --report makes a Word document; name the file .docx (not .csv)"),
    (("a.csv", "--group-by", "body"), 2, "Error: --group-by applies to the .docx action list and .md exports"),
    (("a.docx", "--calendar-entry", "event"), 2, "Error: --calendar-entry applies to .ics exports"),
    (("a.docx", "--no-deadline", "--overdue"), 2, "Error: --no-deadline cannot be combined with --overdue"),
    (("a.docx", "--due-before", "March"), 2,
     "Error: Invalid value for '--due-before': 'March' is not a date; write it as YYYY-MM-DD"),
    (("nowhere/a.docx",), 1, "Error: cannot write nowhere/a.docx: folder nowhere does not exist"),
    (("a.docx", "--document", "99"), 1, "Error: no document 99; `docket documents` lists them"),
])
def test_errors_are_one_line_leaving_no_file(docket, tmp_path, args, code, error):
    """Usage errors (exit 2) follow click's usage lines; others are the one line (exit 1)."""
    before = sorted(p.name for p in tmp_path.iterdir())
    result = docket("export", *args)
    assert (result.exit_code, result.output.splitlines()[-1]) == (code, error)
    if code == 1:
        assert result.output == error + "\n"
    else:
        assert result.output.startswith("Usage: main export [OPTIONS] FILE")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_target_that_is_a_folder(docket, tmp_path):
    (tmp_path / "out.docx").mkdir()
    result = docket("export", "out.docx")
    assert (result.exit_code, result.output) == (1, "Error: cannot write out.docx: it is a folder\n")


def test_missing_database_is_an_error_before_any_file_is_made(docket, tmp_path):
    before = sorted(tmp_path.iterdir())
    result = docket("export", "a.docx", "--db", "none.db")  # the command's --db wins over the group's
    assert (result.exit_code, result.output) == (
        1, "Error: none.db: no such database; ingest documents first with `docket ingest FILE`\n")
    assert sorted(tmp_path.iterdir()) == before


def test_a_failed_export_keeps_the_previous_file(docket, tmp_path, monkeypatch):
    from docket.exports import docx_writer
    from docket.models.errors import ExportError

    (tmp_path / "actions.docx").write_bytes(b"last week's list")

    def fail(*args, **kwargs):
        raise ExportError("the disk filled up")

    monkeypatch.setattr(docx_writer, "write_action_list", fail)
    result = docket("export", "actions.docx")
    assert (result.exit_code, result.output) == (1, "Error: the disk filled up\n")
    assert (tmp_path / "actions.docx").read_bytes() == b"last week's list"
    assert sorted(p.name for p in tmp_path.iterdir() if "actions" in p.name) == ["actions.docx"]


def header_and_heads(path):
    document = docx.Document(str(path))
    return document.sections[0].header.paragraphs[0].text, [c.text for c in document.tables[0].rows[0].cells]


def test_language_organisation_and_reference_from_the_command_line(docket, tmp_path):
    result = docket("export", "vi.docx", "--today", TODAY, "--lang", "vi", "--org", "Sở Nội vụ", "--ref", "12/KH")
    assert result.exit_code == 0, result.output
    header, heads = header_and_heads(tmp_path / "vi.docx")
    assert header.startswith("Sở Nội vụ") and "Số: 12/KH" in header
    assert heads[1:3] == ["Nhiệm vụ", "Cơ quan chủ trì"]


def test_docket_toml_beside_the_database_and_options_over_it(docket, db, tmp_path):
    (db.parent / "docket.toml").write_text(
        '[export]\norganisation = "District Office"\nreference = "DO/7"\nlang = "ur"\n', encoding="utf-8")
    assert docket("export", "a.docx", "--today", TODAY).exit_code == 0
    header, heads = header_and_heads(tmp_path / "a.docx")
    assert header.startswith("District Office") and "DO/7" in header and heads[1] == "اقدام"
    assert docket("export", "b.docx", "--today", TODAY, "--lang", "en", "--ref", "X/1").exit_code == 0
    header, heads = header_and_heads(tmp_path / "b.docx")
    assert header.startswith("District Office") and "Ref.: X/1" in header and heads[1] == "Action"


def test_a_faulty_docket_toml_is_one_error_line(docket, db, tmp_path):
    (db.parent / "docket.toml").write_text("[export]\nlanguage = 'vi'\n", encoding="utf-8")
    result = docket("export", "a.docx", "--today", TODAY)
    assert result.exit_code == 1
    assert result.output == (f"Error: {db.parent / 'docket.toml'}: unknown key language in [export]; "
                             "use: lang, organisation, reference\n")
    assert not (tmp_path / "a.docx").exists()


def test_layouts_and_the_status_notes_in_the_remarks(docket, tmp_path):
    assert docket("export", "c.docx", "--today", TODAY, "--group-by", "body").exit_code == 0
    assert docket("export", "s.docx", "--today", TODAY, "--group-by", "body", "--layout", "sections").exit_code == 0
    assert len(docx.Document(str(tmp_path / "c.docx")).tables) == 1
    assert len(docx.Document(str(tmp_path / "s.docx")).tables) > 1
    remarks = [row[5] for row in action_rows(tmp_path / "s.docx") if row[5]]
    assert len(remarks) == 1 and remarks[0].endswith(": sent")
    result = docket("export", "a.md", "--layout", "sections")
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, "Error: --layout applies to the .docx action list")
