"""Repeats, carry-forward and bodies across languages through the command
line (issue 13, parts 3 and 6): a carried-forward item is one item with two
mentions; the .md and .docx of the same minutes are one set of items; a
wrong link is split by `unlink` and put back by `undo`; `list --body "Bộ Tài
chính"` finds items written "Ministry of Finance". Most tests use the
stand-in extractor of store_support, which reads its directives off the
text; the two formats of one report go through the real readers and rules."""
from __future__ import annotations

import csv
import io
import json

import docx
import pytest

MARCH = """Minutes of the coordination meeting, 13 February 2025
ACTION: Ministry of Finance => submit the draft budget by 2025-03-31.
ACTION: Provincial Police => patrol market number 3 every evening.
ACTION: Department of Health => publish the vaccination schedule.
"""

# The next meeting: the budget carried forward in other words with a new
# deadline, the patrol of another market (not the same task), a new task.
APRIL = """Minutes of the coordination meeting, 13 March 2025
ACTION: Ministry of Finance => submit the draft budget, carried forward by 2025-04-30.
ACTION: Provincial Police => patrol market number 8 every evening.
ACTION: Department of Works => repair the bridge by 2025-05-15.
"""


def as_json(docket, *args):
    result = docket(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def by_action(docket, *args) -> dict[str, dict]:
    return {item["action"]: item for item in as_json(docket, "list", "--status", "all", *args)}


@pytest.fixture
def two_meetings(docket, tmp_path):
    """The March minutes, the budget marked in progress, then April's."""
    (tmp_path / "march.txt").write_text(MARCH)
    (tmp_path / "april.txt").write_text(APRIL)
    assert docket("ingest", "march.txt", "--no-review").exit_code == 0
    budget = by_action(docket)["submit the draft budget"]["id"]
    assert docket("status", budget, "in-progress", "--note", "draft with the minister").exit_code == 0
    result = docket("ingest", "april.txt", "--no-review", "--meeting-date", "2025-03-13")
    assert result.exit_code == 0, result.output
    return budget, result.output


@pytest.mark.usefixtures("stand_in_extractor")
class TestCarryForward:
    def test_a_carried_forward_item_is_one_item_with_two_mentions(self, docket, two_meetings):
        budget, output = two_meetings
        assert "new: april.txt (document 2, version 1): 2 added, 0 kept, 0 vanished, 1 linked to earlier items" \
            in output
        assert output.rstrip().endswith("1 directives linked to earlier items")
        items = by_action(docket)
        assert sorted(items) == ["patrol market number 3 every evening", "patrol market number 8 every evening",
                                 "publish the vaccination schedule", "repair the bridge",
                                 "submit the draft budget"]
        item = as_json(docket, "show", budget)
        assert (item["id"], item["document_id"], item["status"]) == (budget, 1, "in-progress")
        [mention] = item["mentions"]
        assert (mention["document_id"], mention["meeting_date"], mention["how"]) == (2, "2025-03-13", "similar")
        assert APRIL[mention["start"]:mention["end"]] == mention["text"]
        assert item["deadline"] == {"text": "by 2025-04-30", "date": "2025-04-30"}
        events = [(h["event"], h["field"], h["old_value"], h["new_value"]) for h in item["history"]]
        assert ("revised", "deadline", "2025-03-31", "2025-04-30") in events  # the old deadline kept
        assert events[-2][0] == "mentioned"
        text = docket("show", budget).output
        assert f"Also raised: [{mention['id']}] document 2: april.txt, 2025-03-13, deadline 2025-04-30" in text

    def test_list_json_of_items_with_mentions_is_each_item_s_to_json(self, docket, two_meetings, tmp_path):
        """`list --format json` reads its JSON straight from the rows
        (Store.iter_json): the same as each ActionItem's to_json, mentions in."""
        from datetime import date

        from docket.models.query import ItemFilter
        from docket.models.store import Store

        listed = as_json(docket, "list", "--status", "all", "--today", "2025-04-15")
        with Store.open(tmp_path / "docket.db") as store:
            filters = ItemFilter(today=date(2025, 4, 15))
            expected = [item.to_json(date(2025, 4, 15)) for item in store.iter_items(filters)]
        assert any(item["mentions"] for item in expected) and listed == expected

    def test_no_link_stores_the_repeat_as_an_item_of_its_own(self, docket, tmp_path):
        (tmp_path / "march.txt").write_text(MARCH)
        (tmp_path / "april.txt").write_text(APRIL)
        docket("ingest", "march.txt", "--no-review")
        result = as_json(docket, "ingest", "april.txt", "--no-review", "--no-link")
        assert (len(result[0]["added"]), result[0]["linked"]) == (3, [])
        assert len(as_json(docket, "list", "--search", "budget")) == 2

    def test_the_exports_say_where_else_the_item_was_raised(self, docket, two_meetings, tmp_path):
        budget, _ = two_meetings
        assert docket("export", "list.csv").exit_code == 0
        with open(tmp_path / "list.csv", encoding="utf-8-sig", newline="") as handle:
            remarks = {row["id"]: row["remarks"] for row in csv.DictReader(handle)}
        note, also = remarks[budget].split("; ")
        assert note.endswith(": draft with the minister")
        assert also == "also raised: Minutes of the coordination meeting, 13 March 2025 2025-03-13"
        assert "also raised" not in "".join(v for k, v in remarks.items() if k != budget)
        docket("export", "list.md")
        line = next(li for li in (tmp_path / "list.md").read_text().splitlines() if budget in li)
        assert "also raised: Minutes of the coordination meeting, 13 March 2025 13 Mar 2025" in line
        docket("export", "list.docx")
        cells = [c.text for t in docx.Document(str(tmp_path / "list.docx")).tables for r in t.rows for c in r.cells]
        assert sum("also raised: Minutes of the coordination meeting, 13 March 2025 13 Mar 2025" in c for c in cells) == 1
        docket("export", "list.json")
        exported = json.loads((tmp_path / "list.json").read_text())["items"]
        assert [m["document_id"] for i in exported if i["id"] == budget for m in i["mentions"]] == [2]

    def test_unlink_splits_a_wrong_link_and_undo_puts_it_back(self, docket, two_meetings):
        budget, _ = two_meetings
        [mention] = as_json(docket, "show", budget)["mentions"]
        split = as_json(docket, "unlink", budget, str(mention["id"]))
        new = split["new_item"]
        assert (new["document_id"], new["status"], new["deadline"]["date"]) == (2, "open", "2025-04-30")
        item = as_json(docket, "show", budget)
        assert (item["mentions"], item["deadline"]["date"], item["status"]) == ([], "2025-03-31", "in-progress")
        assert [h["event"] for h in item["history"]][-2:] == ["unlinked", "revised"]
        assert len(as_json(docket, "list", "--search", "budget")) == 2
        undone = as_json(docket, "undo")
        assert undone["kind"] == "unlink"
        item = as_json(docket, "show", budget)
        assert ([m["id"] for m in item["mentions"]], item["deadline"]["date"]) == ([mention["id"]], "2025-04-30")
        assert len(as_json(docket, "list", "--search", "budget")) == 1
        assert docket("show", new["id"]).exit_code == 1

    def test_unlink_refuses_a_mention_of_another_item(self, docket, two_meetings):
        budget, _ = two_meetings
        other = by_action(docket)["publish the vaccination schedule"]["id"]
        [mention] = as_json(docket, "show", budget)["mentions"]
        result = docket("unlink", other, str(mention["id"]))
        assert result.exit_code == 1
        assert result.output == (f"Error: item {other} has no mention {mention['id']}; "
                                 "`docket show ID` lists an item's mentions\n")
        assert json.loads(docket("log", "--format", "json").output)[0]["kind"] == "status"

    def test_an_undo_of_unlink_refuses_once_the_split_item_changed(self, docket, two_meetings):
        budget, _ = two_meetings
        [mention] = as_json(docket, "show", budget)["mentions"]
        new = as_json(docket, "unlink", budget, str(mention["id"]))["new_item"]["id"]
        docket("note", new, "a task of its own indeed")
        docket("undo")  # the note
        docket("status", new, "done")
        docket("undo")  # the status
        assert as_json(docket, "show", new)["status"] == "open"
        result = docket("undo")
        assert result.exit_code == 1 and f"item {new} changed since" in result.output

    def test_removing_the_later_minutes_takes_the_mention_and_undo_brings_it_back(self, docket, two_meetings):
        budget, _ = two_meetings
        assert docket("rm", "2", "--yes").exit_code == 0
        assert as_json(docket, "show", budget)["mentions"] == []
        docket("undo")
        assert [m["document_id"] for m in as_json(docket, "show", budget)["mentions"]] == [2]

    def test_a_revision_of_the_later_minutes_keeps_its_mention(self, docket, two_meetings, tmp_path):
        budget, _ = two_meetings
        (tmp_path / "april.txt").write_text("Late additions.\n" + APRIL)
        result = as_json(docket, "ingest", "april.txt", "--no-review", "--meeting-date", "2025-03-13")
        assert (result[0]["status"], result[0]["added"], result[0]["vanished"]) == ("revised", [], [])
        assert budget in result[0]["kept"]
        [mention] = as_json(docket, "show", budget)["mentions"]
        assert mention["start"] == APRIL.index("ACTION: Ministry of Finance") + len("Late additions.\n")
        (tmp_path / "april.txt").write_text(APRIL.replace("ACTION: Ministry of Finance", "NOTE: Ministry of Finance"))
        docket("ingest", "april.txt", "--no-review", "--meeting-date", "2025-03-13")
        [mention] = as_json(docket, "show", budget)["mentions"]
        assert mention["vanished"] is True


# What must NOT be linked: the earlier item (March) and the later directive
# (April), each with the reason a link would be wrong.
@pytest.mark.parametrize("earlier, later, status", [
    # the earlier task is done: the same words again are a new task
    ("ACTION: Ministry of Finance => submit the draft budget.", "ACTION: Ministry of Finance => submit the draft budget.",
     "done"),
    # another body
    ("ACTION: Ministry of Finance => submit the draft budget.", "ACTION: Ministry of Health => submit the draft budget.",
     "open"),
    # alike in words, another number: another task
    ("ACTION: Police => inspect school 12 before the holidays.", "ACTION: Police => inspect school 14 before the holidays.",
     "open"),
    # no body on either side: similar words alone are no evidence
    ("ACTION:  => circulate the draft agenda to members.", "ACTION:  => circulate the draft agendas to members.",
     "open"),
    # the same body, another task
    ("ACTION: Ministry of Finance => submit the draft budget.", "ACTION: Ministry of Finance => audit the road fund.",
     "open"),
])
@pytest.mark.usefixtures("stand_in_extractor")
def test_what_is_not_a_repeat_is_not_linked(docket, tmp_path, earlier, later, status):
    (tmp_path / "march.txt").write_text(f"March\n{earlier}\n")
    (tmp_path / "april.txt").write_text(f"April\n{later}\n")
    docket("ingest", "march.txt", "--no-review")
    first = as_json(docket, "list", "--status", "all")[0]["id"]
    docket("status", first, status)
    result = as_json(docket, "ingest", "april.txt", "--no-review", "--meeting-date", "2025-03-13")
    assert (len(result[0]["added"]), result[0]["linked"]) == (1, [])


@pytest.mark.usefixtures("stand_in_extractor")
def test_an_item_of_a_later_meeting_takes_no_mention_of_an_earlier_one(docket, tmp_path):
    (tmp_path / "april.txt").write_text("April\nACTION: Ministry of Finance => submit the draft budget.\n")
    (tmp_path / "march.txt").write_text("March\nACTION: Ministry of Finance => submit the draft budget.\n")
    docket("ingest", "april.txt", "--no-review", "--meeting-date", "2025-04-10")
    result = as_json(docket, "ingest", "march.txt", "--no-review", "--meeting-date", "2025-03-13")
    assert result[0]["linked"] == []


@pytest.mark.usefixtures("stand_in_extractor")
def test_the_same_directive_twice_in_one_document_is_one_item(docket, tmp_path):
    line = "ACTION: Department of Health => publish the vaccination schedule by 2025-04-01.\n"
    (tmp_path / "minutes.txt").write_text("Minutes\n" + line + "Table of tasks\n" + line)
    output = docket("ingest", "minutes.txt", "--no-review").output
    assert "new: minutes.txt (document 1, version 1): 1 added, 0 kept, 0 vanished, 1 repeated in the document" \
        in output
    [item] = as_json(docket, "list")
    assert [m["document_id"] for m in item["mentions"]] == [1]


# -- the same minutes in two formats (real readers and rules) -------------------

MINUTES_MD = """# Minutes of the Harbour Board, 2 April 2025

## Decisions

- The Ministry of Finance shall submit the revised budget plan by 30 April 2025.
- The Provincial Police will prepare a traffic safety report by 15 May 2025.
- The Department of Health must publish the vaccination schedule for district schools.
"""


def _write_docx(path, markdown: str) -> None:
    """The same minutes as Word, with a letterhead line the Markdown lacks
    (so the two files' texts differ, as real exports do)."""
    document = docx.Document()
    document.add_paragraph("HARBOUR BOARD SECRETARIAT")
    for line in markdown.splitlines():
        if line.startswith("# "):
            document.add_heading(line[2:], 1)
        elif line.startswith("## "):
            document.add_heading(line[3:], 2)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            document.add_paragraph(line)
    document.save(str(path))


def test_the_md_and_docx_of_the_same_minutes_are_one_set_of_items(docket, tmp_path):
    (tmp_path / "board.md").write_text(MINUTES_MD)
    _write_docx(tmp_path / "board.docx", MINUTES_MD)
    [first] = as_json(docket, "ingest", "board.md", "--no-review")
    items = as_json(docket, "list", "--status", "all")
    assert len(items) == len(first["added"]) == 3
    docket("status", items[0]["id"], "done")
    [second] = as_json(docket, "ingest", "board.docx", "--no-review")
    assert (second["status"], second["added"], sorted(second["linked"])) == ("new", [], sorted(first["added"]))
    again = as_json(docket, "list", "--status", "all")
    assert [i["id"] for i in again] == [i["id"] for i in items]
    assert again[0]["status"] == "done"
    assert all([(m["document_id"], m["how"]) for m in i["mentions"]] == [(2, "same text")] for i in again)
    assert [d["format"] for d in as_json(docket, "documents")] == ["markdown", "docx"]


# -- bodies across languages ----------------------------------------------------

BODIES = """Minutes
ACTION: Ministry of Finance => submit the draft budget by 2025-03-31.
ACTION: Bộ Y tế => công bố lịch tiêm chủng by 2025-04-15.
ACTION: وزارتوں => رپورٹ جمع کرائیں by 2025-04-20.
ACTION: Sở Tài chính => rà soát dự toán by 2025-04-25.
"""


@pytest.mark.parametrize("body, expected", [
    ("Bộ Tài chính", ["submit the draft budget"]),
    ("Bo Tai chinh", ["submit the draft budget"]),  # diacritics left out, as --search
    ("bộ tài chính", ["submit the draft budget"]),
    ("وزارت خزانہ", ["submit the draft budget"]),
    ("Ministry of Health", ["công bố lịch tiêm chủng"]),
    ("Bo Y te", ["công bố lịch tiêm chủng"]),
    ("وزارتیں", ["رپورٹ جمع کرائیں"]),  # the plural finds the oblique form
    ("all ministries", ["رپورٹ جمع کرائیں"]),
    ("Department of Finance", ["rà soát dự toán"]),  # the province's department, not the ministry
    ("Bộ Công an", []),
    ("Ministry of Public Security", []),
])
@pytest.mark.usefixtures("stand_in_extractor")
def test_list_body_finds_a_body_whatever_language_its_items_were_written_in(docket, tmp_path, body, expected):
    (tmp_path / "minutes.txt").write_text(BODIES)
    docket("ingest", "minutes.txt", "--no-review")
    assert [i["action"] for i in as_json(docket, "list", "--body", body)] == expected


@pytest.mark.usefixtures("stand_in_extractor")
def test_items_in_two_languages_share_one_body(docket, tmp_path):
    (tmp_path / "en.txt").write_text("Minutes\nACTION: Ministry of Public Security => train the ward police.\n")
    (tmp_path / "vi.txt").write_text("Biên bản\nACTION: Bộ Công an => tập huấn công an phường.\n")
    docket("ingest", "en.txt", "vi.txt", "--no-review", "-j", "1")
    assert {b["name"]: b["aliases"] for b in as_json(docket, "bodies")} == {
        "Ministry of Public Security": ["Bộ Công an"]}
    assert as_json(docket, "stats")["by_body"][0]["total"] == 2


def test_every_gazetteer_name_names_one_body():
    from docket.extractor.lang import gazetteer
    from docket.models.bodies import _gazetteer_key as key  # how a name is looked up

    owners: dict[str, set[str]] = {}
    for entry, names in gazetteer().names.items():
        for name in names:
            owners.setdefault(key(name), set()).add(entry)
    assert {name: found for name, found in owners.items() if len(found) > 1} == {}
    assert 40 <= len(gazetteer().names) <= 80
