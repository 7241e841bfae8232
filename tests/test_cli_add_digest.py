"""`docket add` (an item given by hand, its deadline typed as people type
it) and `docket digest` (due and overdue per body, text or Markdown)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from docket.extractor.dates import typed_date
from store_support import MINUTES

pytestmark = pytest.mark.usefixtures("stand_in_extractor")

MONDAY = date(2025, 3, 3)


@pytest.mark.parametrize("typed, expected", [
    ("2025-06-30", date(2025, 6, 30)),
    ("30/6", date(2025, 6, 30)),
    ("30/6/2026", date(2026, 6, 30)),
    ("1/2", date(2026, 2, 1)),          # already past this year: next year's
    ("next friday", date(2025, 3, 7)),
    ("Friday", date(2025, 3, 7)),
    ("tomorrow", date(2025, 3, 4)),
    ("within 2 weeks", date(2025, 3, 17)),
    ("30 June", date(2025, 6, 30)),
    ("end of March", date(2025, 3, 31)),
])
def test_typed_deadlines_resolve_as_of_today(typed, expected):
    assert typed_date(typed, MONDAY) == expected


@pytest.mark.parametrize("typed", ["", "soon-ish maybe", "xyz friday", "31/2", "130/6", "1/2/3", "next"])
def test_text_that_is_no_date_is_not_read_as_one(typed):
    assert typed_date(typed, MONDAY) is None


def test_add_stores_a_manual_item_with_history(docket):
    result = docket("add", "send the revised budget", "--body", "Ministry of Finance", "--deadline", "next friday",
                    "--today", "2025-03-03", "--source", "phone call from the minister", "--by", "Lan",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    item = json.loads(result.output)
    assert item["deadline"] == {"text": "2025-03-07", "date": "2025-03-07"}
    assert item["responsible"] == ["Ministry of Finance"] and item["status"] == "open"
    shown = json.loads(docket("show", item["id"], "--format", "json").output)
    assert [(h["event"], h["changed_by"], h["note"]) for h in shown["history"]] == [
        ("created", "Lan", "added by hand")]
    documents = json.loads(docket("documents", "--format", "json").output)
    assert [(d["path"], d["format"]) for d in documents] == [("manual:phone call from the minister", "manual")]


def test_add_to_a_stored_document_survives_its_reingest(docket, tmp_path):
    (tmp_path / "minutes.txt").write_text(MINUTES)
    docket("ingest", "minutes.txt")
    added = docket("add", "arrange the site visit", "--doc", "1", "--deadline", "30/6", "--today", "2025-03-03")
    assert added.exit_code == 0 and added.output.startswith("added ")
    (tmp_path / "minutes.txt").write_text(MINUTES + "ACTION: Police => patrol the bridge.\n")
    assert "1 added, 3 kept, 0 vanished" in docket("ingest", "minutes.txt").output
    listed = json.loads(docket("list", "--format", "json").output)
    assert "arrange the site visit" in [i["action"] for i in listed]


@pytest.mark.parametrize("args, message", [
    (["x", "--deadline", "someday"], "'someday' is not a date docket can read"),
    (["x", "--doc", "1", "--source", "email"], "give --doc or --source, not both"),
])
def test_add_refuses_bad_input_as_a_usage_error(docket, args, message):
    result = docket("add", *args)
    assert result.exit_code == 2 and message in result.output


def test_add_to_an_unknown_document_is_an_error_and_stores_nothing(docket):
    docket("add", "first", "--source", "email")
    result = docket("add", "second", "--doc", "9")
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "no document 9" in result.output
    assert [i["action"] for i in json.loads(docket("list", "--format", "json").output)] == ["first"]


def test_undo_removes_an_added_item_and_its_document(docket):
    docket("add", "call the auditor", "--source", "email")
    assert docket("undo").exit_code == 0
    assert json.loads(docket("list", "--format", "json").output) == []
    assert json.loads(docket("documents", "--format", "json").output) == []


def test_edit_reads_a_typed_deadline(docket):
    item = json.loads(docket("add", "call the auditor", "--format", "json").output)["id"]
    result = docket("edit", item, "--deadline", "30/6", "--today", "2025-03-03", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["deadline"] == "2025-06-30"
    assert docket("edit", item, "--deadline", "not a date").exit_code == 2


@pytest.fixture
def planned(docket):
    for action, body, deadline in [("repair the bridge", "Department of Works", "2025-02-20"),
                                   ("send the budget", "Ministry of Finance", "2025-03-05"),
                                   ("paint the school", "Department of Works", "2025-04-30"),
                                   ("file the report | with =SUM", "Ministry of Finance", "2025-03-01")]:
        assert docket("add", action, "--body", body, "--deadline", deadline).exit_code == 0
    done = json.loads(docket("list", "--search", "report", "--format", "json").output)[0]["id"]
    docket("status", done, "done")


def test_digest_lists_overdue_and_due_soon_per_body(docket, planned):
    result = docket("digest", "--today", "2025-03-03", "--due-within", "7")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Due and overdue as of 2025-03-03 (due within 7 days)"
    works, finance = lines.index("Department of Works"), lines.index("Ministry of Finance")
    assert works < finance
    assert "repair the bridge" in lines[works + 2] and "(11 days late)" in lines[works + 2]
    assert "send the budget" in lines[finance + 2]
    assert "paint the school" not in result.output and "file the report" not in result.output  # later; done


def test_digest_of_one_body_as_markdown(docket, planned):
    result = docket("digest", "--body", "finance", "--today", "2025-03-03", "--format", "md")
    assert result.exit_code == 0
    assert result.output.startswith("# Due and overdue as of 2025-03-03\n")
    assert "## Ministry of Finance" in result.output and "Works" not in result.output
    assert "**Due within 7 days**\n\n- 2025-03-05: send the budget (`" in result.output


def test_digest_with_nothing_due_says_so(docket, planned):
    result = docket("digest", "--today", "2025-01-01", "--due-within", "3")
    assert result.exit_code == 0
    assert result.output == "Nothing overdue or due within 3 days as of 2025-01-01.\n"
