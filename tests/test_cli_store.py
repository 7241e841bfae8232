"""The tracking commands through click's CliRunner: output, exit codes and
the exact error lines. Ingest uses the stand-in extractor of store_support
(the real one has end-to-end tests of its own, marked e2e)."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from store_support import MINUTES

pytestmark = pytest.mark.usefixtures("stand_in_extractor")

REVISED = MINUTES.replace("2025-03-31", "2025-04-30").replace(
    "ACTION: Department of Health => publish the vaccination schedule.\n", "")


@pytest.fixture
def ingested(docket, tmp_path):
    (tmp_path / "minutes.txt").write_text(MINUTES)
    result = docket("ingest", "minutes.txt")
    assert result.exit_code == 0, result.output
    listed = json.loads(docket("list", "--format", "json").output)
    return {item["action"]: item["id"] for item in listed}


def test_ingest_prints_a_line_per_document_and_with_verbose_what_it_added(docket, tmp_path):
    (tmp_path / "minutes.txt").write_text(MINUTES)
    quiet = docket("ingest", "minutes.txt").output.splitlines()
    assert quiet == ["new: minutes.txt (document 1, version 1): 3 added, 0 kept, 0 vanished",
                     "1 files: 1 new; 0 skipped, 0 failed"]
    (tmp_path / "docket.db").unlink()
    result = docket("ingest", "-v", "minutes.txt")
    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert lines[0] == "new: minutes.txt (document 1, version 1): 3 added, 0 kept, 0 vanished"
    assert lines[1].endswith("2025-02-20  Provincial Police; Ministry of Finance: review the traffic plan")
    assert lines[1].startswith("  + ") and len(lines) == 5
    assert lines[-1] == "1 files: 1 new; 0 skipped, 0 failed"
    assert (tmp_path / "docket.db").exists()


def test_ingest_again_adds_nothing_and_a_revision_reports_changes(docket, tmp_path, ingested):
    again = docket("ingest", "minutes.txt")
    assert again.output.splitlines() == [
        "unchanged: minutes.txt (document 1, version 1)", "1 files: 1 unchanged; 0 skipped, 0 failed"]
    (tmp_path / "minutes.txt").write_text(REVISED)
    revised = docket("ingest", "minutes.txt")
    assert revised.output.splitlines()[0] == "revised: minutes.txt (document 1, version 2): 0 added, 2 kept, 1 vanished"


def test_folder_ingest_skips_notes_goes_past_bad_files_and_fails_at_the_end(docket, tmp_path):
    folder = tmp_path / "reports" / "2025"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(MINUTES)
    (folder / "b.txt").write_text("ACTION: Police => patrol.\nBOOM\n")
    (folder / "c.txt").write_text("")
    (folder / "d.txt").write_text("ACTION: Police => patrol the market.\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    result = docket("ingest", "reports")
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert "failed: reports/2025/b.txt: RuntimeError: the extractor broke" in out
    assert f"failed: {Path('reports/2025/c.txt')}: the file is empty" in out
    assert "skipped: reports/2025/photo.jpg (docket does not read .jpg files)" in out
    assert "5 files: 2 new; 1 skipped, 2 failed" in out
    assert out[-1] == "Error: 2 of 5 files could not be ingested"
    assert len(json.loads(docket("list", "--format", "json").output)) == 4


def test_on_a_terminal_a_progress_bar_then_the_lines(docket, tmp_path, monkeypatch):
    monkeypatch.setattr("docket.cmd_ingest.on_terminal", lambda: True)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MINUTES)
    (tmp_path / "in" / "b.txt").write_text("BOOM\n")
    result = docket("ingest", "in")
    out = result.output.splitlines()
    assert out[0].startswith("Ingesting")  # click's bar (drawn once: CliRunner is no terminal)
    assert out[1] == "new: in/a.txt (document 1, version 1): 3 added, 0 kept, 0 vanished"
    assert "failed: in/b.txt: RuntimeError: the extractor broke" in out
    assert out[-2:] == ["2 files: 1 new; 0 skipped, 1 failed", "Error: 1 of 2 files could not be ingested"]


def test_ingest_of_a_missing_file_is_a_failure_line(docket):
    result = docket("ingest", "nope.txt")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "failed: nope.txt: no such file", "1 files: nothing stored; 0 skipped, 1 failed",
        "Error: 1 of 1 files could not be ingested"]


def test_list_table_by_deadline_with_flags(docket, ingested):
    result = docket("list", "--today", "2025-03-01")
    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert lines[0].split() == ["ID", "STATUS", "DUE", "FLAGS", "RESPONSIBLE", "ACTION"]
    assert lines[1].split()[1:4] == ["open", "2025-02-20", "overdue,urgent"]
    assert "submit the draft budget" in lines[2] and "publish the vaccination schedule" in lines[3]
    assert lines[-1] == "3 items, 1 overdue (as of 2025-03-01)"


@pytest.mark.parametrize("args, actions", [
    (["--overdue", "--today", "2025-03-01"], ["review the traffic plan"]),
    (["--due-within", "30", "--today", "2025-03-01"], ["submit the draft budget"]),
    (["--due-before", "2025-03-31"], ["review the traffic plan", "submit the draft budget"]),
    (["--body", "police"], ["review the traffic plan"]),
    (["--search", "vaccination"], ["publish the vaccination schedule"]),
    (["--urgent"], ["review the traffic plan"]),
    (["--no-deadline"], ["publish the vaccination schedule"]),
    (["--document", "1", "--status", "done"], []),
])
def test_list_filters(docket, ingested, args, actions):
    result = docket("list", "--format", "json", *args)
    assert result.exit_code == 0
    assert [item["action"] for item in json.loads(result.output)] == actions


def test_list_csv_is_the_table_of_export_csv(docket, ingested, tmp_path):
    lines = docket("list", "--format", "csv", "--today", "2025-03-01").output.splitlines()
    assert lines[0] == "id,action,responsible,deadline,status,source,remarks"
    assert lines[1].startswith(f"{ingested['review the traffic plan']},review the traffic plan,")
    assert ",2025-02-20,open," in lines[1]
    exported = tmp_path / "same.csv"
    assert docket("export", str(exported), "--today", "2025-03-01").exit_code == 0
    with open(exported, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == list(csv.reader(lines))  # every item is open: the same rows, cell for cell


def test_status_then_list_and_show(docket, ingested):
    budget = ingested["submit the draft budget"]
    result = docket("status", budget[:6], "in-progress", "--note", "draft circulated", "--by", "Lan")
    assert result.output == f"{budget}: open → in-progress\n"
    assert docket("status", budget, "in-progress").output == f"{budget}: already in-progress\n"
    assert docket("status", budget, "done").exit_code == 0
    assert budget not in docket("list").output
    assert budget in docket("list", "--status", "done").output
    shown = docket("show", budget).output
    assert f"{budget}  done" in shown
    assert "Sentence:    “ACTION: Ministry of Finance => submit the draft budget by 2025-03-31.”" in shown
    assert "status open → in-progress by Lan — draft circulated" in shown
    assert "status in-progress → done by tester" in shown


def test_edit_then_reingest_keeps_the_correction(docket, tmp_path, ingested):
    budget = ingested["submit the draft budget"]
    result = docket("edit", budget, "--deadline", "2025-05-15", "--responsible", "MoF", "--note", "per chair")
    assert result.output == f"{budget}: corrected responsible, deadline\n"
    (tmp_path / "minutes.txt").write_text(REVISED)
    docket("ingest", "minutes.txt")
    item = json.loads(docket("show", budget, "--format", "json").output)
    assert item["deadline"] == {"text": "by 2025-04-30", "date": "2025-05-15"}
    assert item["responsible"] == ["MoF"]
    assert item["corrections"] == {"deadline": "2025-05-15", "responsible": ["MoF"]}
    assert "deadline: 2025-03-31 → 2025-05-15" in docket("show", budget).output
    assert docket("edit", budget, "--deadline", "none").output == f"{budget}: corrected deadline\n"


def test_bodies_alias_and_stats(docket, ingested):
    docket("status", ingested["publish the vaccination schedule"], "done")
    assert docket("alias", "Ministry of Finance", "MoF", "Bộ Tài chính").output == (
        "Ministry of Finance: also Bộ Tài chính, MoF\n")
    bodies = docket("bodies", "--today", "2025-03-01").output.splitlines()
    assert bodies[0].split() == ["BODY", "ALIASES", "OPEN", "OVERDUE", "DONE"]
    assert bodies[2].split()[-3:] == ["2", "1", "0"] and bodies[2].startswith("Ministry of Finance")
    assert bodies[1].split()[-3:] == ["0", "0", "1"]
    stats = docket("stats", "--today", "2025-03-01").output.splitlines()
    assert stats[0] == "1 of 3 tasks done, 33%; 1 overdue as of 2025-03-01"
    assert stats[1] == "open 2, in-progress 0, blocked 0, done 1, cancelled 0"
    figures = json.loads(docket("stats", "--format", "json", "--body", "tài chính", "--today", "2025-03-01").output)
    assert figures["totals"]["total"] == 2 and figures["totals"]["overdue"] == 1


def test_documents(docket, ingested):
    lines = docket("documents").output.splitlines()
    assert lines[0].split() == ["ID", "VERSION", "LANG", "MEETING", "OPEN/ALL", "TITLE", "PATH"]
    assert lines[1].split()[:5] == ["1", "1", "en", "2025-02-13", "3/3"]
    assert lines[1].endswith("minutes.txt")


def test_db_option_and_environment_variable(docket, tmp_path, ingested, monkeypatch):
    (tmp_path / "other.txt").write_text("ACTION: Police => patrol.\n")
    assert docket("--db", "second.db", "ingest", "other.txt").exit_code == 0
    assert len(json.loads(docket("--db", "second.db", "list", "--format", "json").output)) == 1
    monkeypatch.setenv("DOCKET_DB", str(tmp_path / "second.db"))
    assert len(json.loads(docket("list", "--format", "json").output)) == 1


@pytest.mark.parametrize("args, error", [
    (["status", "zzzz", "done"], "Error: 'zzzz' is not an item id: ids are hex digits, like 1a2b3c4d"),
    (["status", "ffffffff", "done"], "Error: no item with id 'ffffffff'; `docket list --status all` shows every id"),
    (["show", "abababab"], "Error: no item with id 'abababab'; `docket list --status all` shows every id"),  # 8 digits: no stored id can start so, as a 2-digit prefix might
    (["list", "--document", "7"], "Error: no document 7; `docket documents` lists them"),  # unknown ids are errors everywhere
])
def test_runtime_errors_are_one_line_exit_1_and_change_nothing(docket, tmp_path, ingested, args, error):
    before = list(sqlite3.connect(tmp_path / "docket.db").iterdump())
    result = docket(*args)
    if error is None:
        assert (result.exit_code, result.output) == (0, "No matching items.\n")
    else:
        assert (result.exit_code, result.output) == (1, error + "\n")
    assert list(sqlite3.connect(tmp_path / "docket.db").iterdump()) == before


NOT_A_DATE = "is not a date; write it as YYYY-MM-DD"


@pytest.mark.parametrize("args, error", [
    (["status", "{budget}", "finished"],
     "Error: Invalid value for STATUS: unknown status 'finished': use one of open, in-progress, blocked, done, cancelled"),
    (["list", "--today", "2025-13-01"], f"Error: Invalid value for '--today': '2025-13-01' {NOT_A_DATE}"),
    (["list", "--due-before", "31/03/2025"], f"Error: Invalid value for '--due-before': '31/03/2025' {NOT_A_DATE}"),
    (["list", "--status", "closed"],
     "Error: Invalid value for '--status': unknown status 'closed': use one of open, in-progress, blocked, done, cancelled"),
    (["list", "--no-deadline", "--overdue"], "Error: --no-deadline cannot be combined with --overdue"),
    (["list", "--no-deadline", "--due-before", "2025-03-01", "--due-within", "3"],
     "Error: --no-deadline cannot be combined with --due-before, --due-within"),
    (["list", "--search", "  "], "Error: --search: give at least one word to search for"),
    (["stats", "--today", "soon"], f"Error: Invalid value for '--today': 'soon' {NOT_A_DATE}"),
    (["edit", "{budget}", "--deadline", "soon"],
     "Error: Invalid value for '--deadline': 'soon' is not a date docket can read; "
     "write it as YYYY-MM-DD, 30/6 or next friday"),
    (["edit", "{budget}"], "Error: nothing to change: give --action, --responsible or --deadline"),
    (["edit", "{budget}", "--action", " "], "Error: --action: the action cannot be empty"),
    (["alias", " ", "MoF"], "Error: NAME: the body's name is empty"),
    (["alias", "Ministry of Finance", ""], "Error: ALIASES: an alias is empty"),
    (["show", "{budget}", "--today", "tomorrow"], f"Error: Invalid value for '--today': 'tomorrow' {NOT_A_DATE}"),
    (["ingest", "minutes.txt", "--meeting-date", "13.02.2025"],
     f"Error: Invalid value for '--meeting-date': '13.02.2025' {NOT_A_DATE}"),
    (["ingest", "minutes.txt", "--lang", "xx"],
     "Error: Invalid value for '--lang': 'xx' is not one of 'auto', 'en', 'ur', 'vi'."),
])
def test_usage_errors_name_the_option_exit_2_and_change_nothing(docket, tmp_path, ingested, args, error):
    before = list(sqlite3.connect(tmp_path / "docket.db").iterdump())
    args = [a.format(budget=ingested["submit the draft budget"]) for a in args]
    result = docket(*args)
    lines = result.output.splitlines()
    assert (result.exit_code, lines[-1]) == (2, error), result.output
    assert lines[0].startswith(f"Usage: main {args[0]} ")  # click's usage line, then the one error line
    assert "Traceback" not in result.output
    assert list(sqlite3.connect(tmp_path / "docket.db").iterdump()) == before


def test_status_with_one_bad_id_changes_none(docket, ingested):
    budget = ingested["submit the draft budget"]
    result = docket("status", budget, "ffff0000", "done")
    assert result.exit_code == 1
    assert "open" in docket("show", budget).output.splitlines()[0]


def test_not_a_docket_database(docket, tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n" * 50)
    result = docket("--db", "notes.txt", "list")
    assert (result.exit_code, result.output) == (
        1, "Error: notes.txt is not a docket database (file is not a database); choose another file with --db\n")
    conn = sqlite3.connect(tmp_path / "app.db")
    conn.execute("CREATE TABLE orders (id INTEGER)")
    conn.commit()
    result = docket("--db", "app.db", "ingest", "notes.txt")
    assert (result.exit_code, result.output) == (
        1, "Error: app.db is an SQLite database of another application (tables: orders), "
           "not docket's; choose another file with --db\n")


def test_read_commands_do_not_create_a_database(docket, tmp_path):
    result = docket("list")
    assert (result.exit_code, result.output) == (
        1, "Error: docket.db: no such database; ingest documents first with `docket ingest FILE`\n")
    assert not (tmp_path / "docket.db").exists()


def test_usage_errors_exit_2(docket, ingested):
    assert docket("status", "done").exit_code == 2
    assert docket("list", "--format", "xml").exit_code == 2
    assert docket("list", "--due-within", "-3").exit_code == 2


@pytest.mark.parametrize("text, width", [("abc", 3), ("Bộ Tài chính", 12), ("Bo\u0302\u0323", 2), ("会议", 4)])
def test_terminal_width_of_text(text, width):
    from docket.render import width as measure

    assert measure(text) == width


def test_table_columns_line_up_with_accents():
    from docket.render import table

    lines = table(["NAME", "N"], [["Bộ Tài chính", 1], ["Police", 22]]).splitlines()
    assert [line.rindex(line.split()[-1]) for line in lines] == [14, 14, 14]
