"""--format json|csv on every command that prints records: one shared path
(render.records over exports.tabular's CSV writer, formulas defused)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from test_cli_store import ingested  # noqa: F401  (the fixture: the sample minutes ingested, ids by action)

pytestmark = pytest.mark.usefixtures("stand_in_extractor")


def rows(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


@pytest.mark.parametrize("command, first_column", [
    (["bodies"], "name"), (["documents"], "id"), (["stats"], "group"), (["log"], "id")])
def test_record_commands_print_csv_with_a_header(docket, ingested, command, first_column):
    result = docket(*command, "--format", "csv", "--today", "2025-03-01") if command[0] in ("bodies", "stats") \
        else docket(*command, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split(",")[0] == first_column


def test_bodies_csv_has_the_counts_of_the_json(docket, ingested):
    as_json = json.loads(docket("bodies", "--format", "json", "--today", "2025-03-01").output)
    as_csv = rows(docket("bodies", "--format", "csv", "--today", "2025-03-01").output)
    assert [r["name"] for r in as_csv] == [b["name"] for b in as_json]
    finance = next(r for r in as_csv if r["name"] == "Ministry of Finance")
    assert finance["outstanding"] == "2" and finance["overdue"] == "1"


def test_stats_csv_puts_totals_first_then_bodies_and_documents(docket, ingested):
    found = rows(docket("stats", "--format", "csv", "--today", "2025-03-01").output)
    assert found[0]["group"] == "total" and found[0]["tasks"] == "3" and found[0]["overdue"] == "1"
    assert {r["group"] for r in found[1:]} == {"body", "document"}


def test_a_formula_in_a_body_name_is_defused_in_csv(docket, ingested):
    assert docket("alias", "Ministry of Finance", "=HYPERLINK(1)").exit_code == 0
    as_csv = rows(docket("bodies", "--format", "csv").output)
    assert next(r for r in as_csv if r["name"] == "Ministry of Finance")["aliases"] == "'=HYPERLINK(1)"


def test_status_prints_its_changes_as_json_and_csv(docket, ingested):
    item = ingested["publish the vaccination schedule"]
    result = docket("status", item, "done", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == [{"id": item, "old": "open", "new": "done", "changed": True}]
    again = rows(docket("status", item, "done", "--format", "csv").output)
    assert again == [{"id": item, "old": "done", "new": "done", "changed": "false"}]


def test_edit_and_alias_print_json(docket, ingested):
    item = ingested["publish the vaccination schedule"]
    edited = json.loads(docket("edit", item, "--deadline", "2025-05-01", "--format", "json").output)
    assert edited == {"id": item, "corrected": ["deadline"], "action": "publish the vaccination schedule",
                      "responsible": ["Department of Health"], "deadline": "2025-05-01"}
    aliased = json.loads(docket("alias", "Department of Health", "DoH", "--format", "json").output)
    assert aliased == {"name": "Department of Health", "aliases": ["DoH"]}


def test_an_unknown_format_is_a_usage_error(docket, ingested):
    result = docket("status", ingested["publish the vaccination schedule"], "done", "--format", "xml")
    assert result.exit_code == 2 and "'xml' is not one of" in result.output


def test_csv_of_a_missing_database_is_an_error_not_an_empty_table(docket, ingested, tmp_path):
    result = docket("--db", str(tmp_path / "other.db"), "documents", "--format", "csv")
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "id," not in result.output
