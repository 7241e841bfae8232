"""Notes, undo, unalias and rm through the command line (issue 13, part 5
and the removal of part 1), with the stand-in extractor of store_support."""
from __future__ import annotations

import json

import pytest

from store_support import MINUTES

pytestmark = pytest.mark.usefixtures("stand_in_extractor")


@pytest.fixture
def ids(docket, tmp_path):
    (tmp_path / "minutes.txt").write_text(MINUTES)
    assert docket("ingest", "minutes.txt").exit_code == 0
    listed = json.loads(docket("list", "--format", "json").output)
    return {item["action"].split()[0]: item["id"] for item in listed}  # submit, review, publish


def show(docket, item_id):
    return json.loads(docket("show", item_id, "--format", "json").output)


def test_note_is_kept_in_the_history_and_undo_takes_it_back(docket, ids):
    result = docket("note", ids["publish"], "called the department")
    assert result.output == f"{ids['publish']}: noted “called the department”\n"
    entry = show(docket, ids["publish"])["history"][-1]
    assert (entry["event"], entry["note"], entry["changed_by"]) == ("note", "called the department", "tester")
    assert "note by tester — called the department" in docket("show", ids["publish"]).output
    undone = json.loads(docket("undo", "--format", "json").output)
    assert (undone["kind"], undone["item_ids"]) == ("note", [ids["publish"]])
    history = show(docket, ids["publish"])["history"]
    assert [h["event"] for h in history] == ["created", "note removed"]
    assert all(h["note"] is None for h in history)


def test_a_note_with_a_status_that_stands_is_not_dropped(docket, ids):
    docket("status", ids["publish"], "done")
    assert docket("status", ids["publish"], "done", "--note", "again").output.endswith("already done\n")
    history = show(docket, ids["publish"])["history"]
    assert [(h["event"], h["note"]) for h in history][-1] == ("note", "again")
    assert show(docket, ids["publish"])["status"] == "done"


@pytest.mark.parametrize("args, error", [
    (["note", "abcdef12", "text"], "Error: no item with id 'abcdef12'; `docket list --status all` shows every id"),
    (["undo"], "Error: nothing to undo: no change is recorded that is not undone already"),
    (["alias", "Nobody Here", "foo"], "Error: no body is called 'Nobody Here' or 'foo'; `docket bodies` lists them"),
    (["unalias", "Nobody Here"], "Error: no body is called 'Nobody Here'; `docket bodies` lists them"),
    (["unalias", "Ministry of Finance"], "Error: 'Ministry of Finance' is the body's own name"),
    (["rm", "9", "--yes"], "Error: no document 9; `docket documents` lists them"),
])
def test_refusals_are_one_line_and_change_nothing(docket, ids, args, error):
    result = docket(*args)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(error)
    assert json.loads(docket("log", "--format", "json").output) == []


def test_empty_note_is_a_usage_error(docket, ids):
    result = docket("note", ids["publish"], "  ")
    assert result.exit_code == 2 and "TEXT: the note is empty" in result.output


def test_undo_reverts_status_then_edit_in_reverse_order(docket, ids):
    budget = ids["submit"]
    docket("edit", budget, "--deadline", "2025-05-15", "--responsible", "MoF")
    docket("status", budget, ids["publish"], "in-progress")
    assert [c["kind"] for c in json.loads(docket("log", "--format", "json").output)] == ["status", "edit"]
    assert docket("undo").output == f"undone: change 2, status: status in-progress: {budget}, {ids['publish']}\n"
    assert show(docket, budget)["status"] == "open" and show(docket, ids["publish"])["status"] == "open"
    docket("undo")
    item = show(docket, budget)
    assert item["deadline"]["date"] == "2025-03-31" and item["responsible"] == ["Ministry of Finance"]
    assert item["corrections"] == {} and item["bodies"] == ["Ministry of Finance"]
    assert "(undone " in docket("log").output.splitlines()[0]
    assert docket("undo").exit_code == 1  # both undone: nothing left


def test_alias_undo_and_unalias_split_the_bodies_again(docket, ids, tmp_path):
    # FinMin: a name no pack's gazetteer knows (MoF would join the ministry by itself)
    (tmp_path / "more.txt").write_text("ACTION: FinMin => pay the contractors by 2025-05-01.\n")
    docket("ingest", "more.txt")
    assert docket("alias", "Ministry of Finance", "FinMin").exit_code == 0
    names = lambda: {b["name"]: b["aliases"] for b in json.loads(docket("bodies", "--format", "json").output)}
    assert names()["Ministry of Finance"] == ["FinMin"] and "FinMin" not in names()
    docket("undo")
    assert names()["Ministry of Finance"] == [] and names()["FinMin"] == []
    docket("alias", "Ministry of Finance", "FinMin")
    assert json.loads(docket("unalias", "FinMin", "--format", "json").output) == [
        {"name": "FinMin", "aliases": []}, {"name": "Ministry of Finance", "aliases": []}]
    pay = json.loads(docket("list", "--body", "FinMin", "--format", "json").output)
    assert [i["bodies"] for i in pay] == [["FinMin"]]
    assert docket("undo").exit_code == 0  # the unalias: FinMin is a name of the ministry again
    assert names()["Ministry of Finance"] == ["FinMin"]


def test_rm_asks_removes_the_document_and_undo_brings_it_back(docket, ids, tmp_path):
    docket("status", ids["publish"], "done", "--note", "printed")
    refused = docket("rm", "1", input="n\n")
    assert refused.exit_code == 1 and "Remove document 1 (minutes.txt) and its 3 items? [y/N]" in refused.output
    assert len(json.loads(docket("documents", "--format", "json").output)) == 1
    removed = docket("rm", "1", "--yes")
    assert removed.output == "removed: rm document 1: " + str(tmp_path / "minutes.txt") + \
        " (3 items) (`docket undo` brings it back)\n"
    assert json.loads(docket("documents", "--format", "json").output) == []
    assert json.loads(docket("list", "--status", "all", "--format", "json").output) == []
    assert json.loads(docket("log", "--format", "json").output)[0]["kind"] == "rm"
    docket("undo")
    item = show(docket, ids["publish"])
    assert item["status"] == "done" and [h["event"] for h in item["history"]] == ["created", "status", "restored"]
    assert len(json.loads(docket("list", "--search", "budget", "--format", "json").output)) == 1  # indexed again


def test_undo_of_rm_refuses_once_the_file_is_ingested_again(docket, ids):
    docket("rm", "1", "--yes")
    docket("ingest", "minutes.txt")
    result = docket("undo")
    assert result.exit_code == 1 and "was ingested again since" in result.output
    assert len(json.loads(docket("list", "--format", "json").output)) == 3


# -- revisions at another path, re-extraction, folders (part 1) ---------------

REVISED = MINUTES.replace("ACTION: Department of Health => publish the vaccination schedule.\n",
                          "ACTION: Department of Health => publish the vaccination schedule.\n"
                          "ACTION: Ministry of Education => train 200 teachers by 2025-06-30.\n")


def test_a_revised_copy_at_another_path_keeps_the_done_item(docket, ids, tmp_path):
    docket("status", ids["publish"], "done")
    docket("edit", ids["submit"], "--deadline", "2025-05-15")
    (tmp_path / "minutes-revised.txt").write_text(REVISED.replace(
        "ACTION: Provincial Police; Ministry of Finance => review the traffic plan by 2025-02-20 urgently.\n", ""))
    result = docket("ingest", "minutes-revised.txt")
    lines = result.output.splitlines()
    assert lines[0] == "revised: minutes-revised.txt (document 1, version 2): 1 added, 2 kept, 1 vanished"
    assert lines[1] == "  a new version of minutes.txt"
    assert [line.split()[:2] for line in lines[2:6]] == [
        ["+", lines[2].split()[1]], ["=", ids["submit"]], ["=", ids["publish"]], ["-", ids["review"]]]
    items = {i["id"]: i for i in json.loads(docket("list", "--status", "all", "--format", "json").output)}
    assert items[ids["publish"]]["status"] == "done" and items[ids["submit"]]["deadline"]["date"] == "2025-05-15"
    assert len(items) == 3 and ids["review"] not in items  # vanished, not deleted
    assert json.loads(docket("documents", "--format", "json").output)[0]["path"].endswith("minutes-revised.txt")
    older = docket("ingest", "minutes.txt")  # the first version again: no flip back
    assert older.output.splitlines()[0].startswith("older: minutes.txt is an earlier version of document 1")


def test_the_next_meeting_is_no_revision_and_revises_says_it_outright(docket, ids, tmp_path):
    (tmp_path / "next.txt").write_text(MINUTES.replace("13 February", "13 March"))
    assert docket("ingest", "next.txt", "--meeting-date", "2025-03-13").output.startswith("new: next.txt (document 2")
    (tmp_path / "other.txt").write_text("Notes\nACTION: Police => patrol the market.\n")
    result = json.loads(docket("ingest", "other.txt", "--revises", "1", "--format", "json").output)
    assert [(r["status"], r["document"], r["version"], len(r["vanished"])) for r in result] == [("revised", 1, 2, 3)]
    bad = docket("ingest", "minutes.txt", "next.txt", "--revises", "1")
    assert bad.exit_code == 2 and "--revises takes one file" in bad.output


def test_reextract_with_other_options_keeps_what_the_user_did(docket, ids, tmp_path, monkeypatch):
    docket("status", ids["publish"], "in-progress", "--note", "printer booked")
    seen = []

    def spy(document, lang="auto", meeting_date=None):
        from store_support import fake_extract
        seen.append((lang, meeting_date))
        return fake_extract(document, lang, meeting_date)

    monkeypatch.setattr("docket.models.batch.extract_document", spy)
    result = docket("reextract", "1", "--lang", "vi", "--meeting-date", "2025-02-14")
    assert result.output.splitlines()[0] == "re-extracted: minutes.txt (document 1, version 2): 0 added, 3 kept, 0 vanished"
    from datetime import date
    assert seen == [("vi", date(2025, 2, 14))]
    document = json.loads(docket("documents", "--format", "json").output)[0]
    assert (document["lang"], document["meeting_date"], document["meeting_date_source"]) == ("vi", "2025-02-14", "given")
    item = show(docket, ids["publish"])
    assert item["status"] == "in-progress" and item["history"][1]["note"] == "printer booked"
    docket("reextract", "1")  # defaults: the stored language and the date given before
    assert seen[-1] == ("vi", date(2025, 2, 14))
    (tmp_path / "minutes.txt").unlink()
    gone = docket("reextract", "1")
    assert gone.exit_code == 1 and "docket keeps no copy of a document's text" in gone.output


def test_folder_ingest_skips_a_readme_with_a_note(docket, tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "README.md").write_text("# Samples\nACTION: You => run the tests.\n")
    (tmp_path / "corpus" / "board.txt").write_text(MINUTES)
    out = docket("ingest", "corpus").output.splitlines()
    assert "skipped: corpus/README.md (a folder's own notes, not a report; name it to ingest it)" in out
    assert out[-1] == "2 files: 1 new; 1 skipped, 0 failed"
    assert docket("ingest", "corpus/README.md").output.startswith("new: corpus/README.md")  # named: taken


# -- review before tracking (part 2) -----------------------------------------

UNSURE = """Minutes of the site meeting, 13 February 2025
ACTION: Ministry of Finance => submit the draft budget by 2025-03-31.
ACTION:  => clean the hall.
ACTION:  => paint the fence.
ACTION:  => fix the gate.
"""


@pytest.fixture
def unsure(docket, tmp_path):
    (tmp_path / "site.txt").write_text(UNSURE)
    assert docket("ingest", "site.txt").exit_code == 0
    queue = json.loads(docket("review", "--format", "json").output)
    return {item["action"].split()[0]: item["id"] for item in queue}


def test_items_with_no_body_wait_for_review_out_of_list_and_export(docket, unsure):
    assert sorted(unsure) == ["clean", "fix", "paint"]
    listed = json.loads(docket("list", "--format", "json").output)
    assert [i["action"] for i in listed] == ["submit the draft budget"]
    every = json.loads(docket("list", "--with-review", "--format", "json").output)
    assert {i["review"] for i in every} == {None, "no responsible body"}
    assert "to-review" in docket("list", "--with-review").output
    assert docket("export", "out.csv").output.startswith("Wrote 1 ")
    assert docket("export", "all.csv", "--with-review").output.startswith("Wrote 4 ")


def test_review_walks_the_queue_accept_edit_reject_and_undo(docket, unsure):
    answers = "a\n" + "e\nclean the main hall\nCaretaker\n2025-03-01\n" + "r\n"
    result = docket("review", input=answers)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "3 reviewed, 0 waiting"
    items = {i["id"]: i for i in json.loads(docket("list", "--status", "all", "--format", "json").output)}
    assert items[unsure["clean"]]["status"] == "open" and items[unsure["clean"]]["review"] is None
    edited = items[unsure["paint"]]
    assert (edited["action"], edited["responsible"], edited["deadline"]["date"]) == (
        "clean the main hall", ["Caretaker"], "2025-03-01")
    assert items[unsure["fix"]]["status"] == "cancelled"
    assert [h["event"] for h in show(docket, unsure["fix"])["history"]] == ["created", "to review", "rejected"]
    docket("undo")  # the rejection: back in the queue
    assert [i["id"] for i in json.loads(docket("review", "--format", "json").output)] == [unsure["fix"]]
    assert docket("review", "--accept", unsure["fix"]).output == f"{unsure['fix']}: accepted, open\n"
    again = docket("review", "--accept", unsure["fix"])
    assert again.exit_code == 1 and "is not waiting for review" in again.output


def test_no_review_tracks_everything_at_once(docket, tmp_path):
    (tmp_path / "site.txt").write_text(UNSURE)
    docket("ingest", "site.txt", "--no-review")
    assert len(json.loads(docket("list", "--format", "json").output)) == 4
    assert docket("review").output == "Nothing to review.\n"


@pytest.mark.e2e
def test_a_meeting_date_from_the_file_name_is_marked_inferred(docket, tmp_path, monkeypatch):
    monkeypatch.undo()  # the real extractor
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("docket.cmd_store.default_user", lambda: "tester")
    (tmp_path / "board-2025-05-12.txt").write_text(
        "Board notes\n\nThe Finance Office will circulate the audit summary within 14 days.\n")
    assert docket("ingest", "board-2025-05-12.txt").exit_code == 0
    document = json.loads(docket("documents", "--format", "json").output)[0]
    assert (document["meeting_date"], document["meeting_date_source"]) == ("2025-05-12", "inferred")
    assert "2025-05-12 (inferred)" in docket("documents").output


@pytest.mark.e2e
def test_reextract_with_the_right_language_stores_the_urdu_items(docket, tmp_path, monkeypatch):
    from pathlib import Path
    import shutil

    monkeypatch.undo()  # the real extractor
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("docket.cmd_store.default_user", lambda: "tester")
    sample = Path(__file__).parent.parent / "corpus" / "ur" / "cabinet_wheat_prices.txt"
    shutil.copy(sample, tmp_path / "ur_meeting.txt")
    wrong = docket("ingest", "ur_meeting.txt", "--lang", "en")
    assert wrong.output.startswith("new: ur_meeting.txt (document 1, version 1): 0 added")
    assert docket("ingest", "ur_meeting.txt", "--lang", "ur").output.startswith("unchanged:")
    again = docket("reextract", "1", "--lang", "ur", "--format", "json")
    result = json.loads(again.output)
    assert result["document"]["lang"] == "ur" and len(result["added"]) >= 3
    every = json.loads(docket("list", "--with-review", "--format", "json").output)
    assert {i["id"] for i in every} == set(result["added"])
