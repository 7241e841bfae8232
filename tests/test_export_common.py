"""Formats, cleaning, RTL detection, grouping, figures and the atomic write."""
from __future__ import annotations

import os
import stat
import unicodedata
from datetime import date

import pytest

from export_samples import TODAY, URDU_TEXT, make_item, sample_items
from docket.exports import ExportOptions, check_options, export
from docket.exports.common import (
    atomic_path,
    clean_text,
    describe_selection,
    document_label,
    gather_single_groups,
    group_items,
    is_rtl,
    looks_like_a_title,
    meetings_covered,
    resolve_format,
    shorten,
)
from docket.exports.language import load_labels
from docket.models.errors import ExportError, ParameterError
from docket.models.items import Status
from docket.models.query import ItemFilter


@pytest.mark.parametrize("name, fmt", [
    ("a.docx", "docx"), ("A.DOCX", "docx"), ("out/a.csv", "csv"), ("a.json", "json"),
    ("a.md", "md"), ("a.ics", "ics"),
])
def test_format_follows_the_extension(name, fmt):
    assert resolve_format(name) == fmt


def test_explicit_format_wins_over_the_extension():
    assert resolve_format("actions.txt", "csv") == "csv"
    assert resolve_format("actions", ".JSON") == "json"


@pytest.mark.parametrize("name, explicit, message", [
    ("actions.xlsx", None, "cannot tell the export format of actions.xlsx ('.xlsx'); name the file"),
    ("actions", None, "cannot tell the export format of actions (no extension)"),
    ("a.docx", "pdf", "unknown export format 'pdf'; use one of: csv, docx, ics, json, md"),
])
def test_unknown_format_is_one_clear_error(name, explicit, message):
    with pytest.raises(ParameterError) as error:
        resolve_format(name, explicit)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize("path, options, message, params", [
    ("a.csv", ExportOptions(TODAY, report=True), "report makes a Word document", ("report",)),
    ("a.csv", ExportOptions(TODAY, group_by="body"), "group_by applies to", ("group_by",)),
    ("a.docx", ExportOptions(TODAY, report=True, group_by="body"), "group_by applies to", ("group_by",)),
    ("a.md", ExportOptions(TODAY, group_by="colour"), "cannot group by 'colour'", ("group_by",)),
    ("a.docx", ExportOptions(TODAY, calendar_entry="event"), "calendar_entry applies to .ics", ("calendar_entry",)),
    ("a.xlsx", ExportOptions(TODAY), "cannot tell the export format", ("format",)),
])
def test_option_combinations_are_refused_before_any_work(tmp_path, path, options, message, params):
    """A ParameterError names the options at fault as data, not as flags."""
    with pytest.raises(ParameterError) as raised:
        check_options(tmp_path / path, options)
    assert str(raised.value).startswith(message) and raised.value.params == params
    assert "--" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_clean_text_strips_what_xml_cannot_hold_and_keeps_layout():
    assert clean_text("a\x00b\x0bc\x1fd\ufffe\tx\ny\r") == "abcd\tx\ny\r"
    assert clean_text(None) == ""
    assert clean_text("lone \ud800 surrogate") == "lone  surrogate"


def test_clean_text_composes_vietnamese_diacritics():
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân các tỉnh")
    assert decomposed != "Ủy ban nhân dân các tỉnh"
    assert clean_text(decomposed) == "Ủy ban nhân dân các tỉnh"


@pytest.mark.parametrize("text, rtl", [
    (URDU_TEXT, True),
    ("وزارت خزانہ", True),
    ("NADRA اور وزارت داخلہ 30 دن کے اندر رپورٹ دیں", True),  # Urdu quoting an acronym
    ("The Ministry of Finance must report", False),
    ("Bộ Tài chính chủ trì, phối hợp", False),
    ("The minutes spell it وزارت in one place only", False),  # English quoting a word
    ("2025-03-31", False),
    ("", False),
    (None, False),
])
def test_rtl_is_decided_per_text(text, rtl):
    assert is_rtl(text) is rtl


def test_shorten_cuts_at_a_word():
    assert shorten("one two three four", 100) == "one two three four"
    assert shorten("one two three four five six", 14) == "one two three…"
    assert len(shorten("x" * 500, 40)) == 40


def test_grouping_by_body_lists_an_item_under_each_of_its_bodies():
    groups = group_items(sample_items(), "body")
    labels = [g.label for g in groups]
    assert labels[-1] == "No one named"
    police = next(g for g in groups if g.label == "Provincial Police")
    security = next(g for g in groups if g.label == "Ministry of Public Security")
    assert [i.id for i in police.items] == [i.id for i in security.items] == ["item00002"]
    assert sum(len(g.items) for g in groups) == len(sample_items()) + 2  # items 2 and 6 have two bodies


def test_grouping_by_deadline_runs_by_month_and_undated_last():
    groups = group_items(sample_items(), "deadline")
    assert [g.label for g in groups] == [
        "Due in January 2025", "Due in February 2025", "Due in March 2025", "Due in April 2025",
        "No deadline",
    ]


def test_grouping_by_status_follows_the_workflow():
    labels = [g.label for g in group_items(sample_items(), "status")]
    assert labels == ["Open", "In progress", "Done", "Cancelled"]


def test_items_keep_the_callers_order_within_groups():
    items = sample_items()
    (group,) = group_items(items, None)
    assert group.items == items
    reversed_items = list(reversed(items))
    march = next(g for g in group_items(reversed_items, "deadline") if g.label == "Due in February 2025")
    assert [i.id for i in march.items] == ["item00006", "item00005"]


def test_grouping_by_body_uses_the_stores_canonical_names():
    """`docket alias` merges "MoF" into "Ministry of Finance": the list groups
    as `docket stats` counts."""
    items = [make_item(1, responsible=["MoF"], bodies=["Ministry of Finance"]), make_item(2)]
    (group,) = group_items(items, "body")
    assert group.label == "Ministry of Finance" and len(group.items) == 2


def test_meetings_covered_are_distinct_and_in_date_order():
    assert [(m.document_id, m.title, m.day) for m in meetings_covered(sample_items())] == [
        (1, "Cabinet meeting on digital transformation", date(2025, 2, 13)),
        (3, "Kết luận của Bộ trưởng tại hội nghị", date(2025, 2, 13)),
        (2, "وزارت داخلہ کا اجلاس", date(2025, 2, 20)),
    ]


@pytest.mark.parametrize("title, is_title", [
    ("Cabinet meeting on digital transformation", True),
    ("Harbour board: decisions of the quarterly session", True),
    ("ĐỀ ÁN 12: SỐ HÓA HỒ SƠ ĐẤT ĐAI TOÀN TỈNH TRONG NĂM NAY VÀ CÁC NĂM TIẾP THEO", True),  # a long headline
    ("ضلعی ترقیاتی کمیٹی کا اجلاس: سڑکوں کی مرمت", True),
    ("Weekly sync", True),
    ("Chủ Nhật, 12/01/2025 08:30 (GMT+7)", False),  # a web page's dateline
    ("Friday 14/03/2025 - 10:05", False),
    ("SỞ GIAO THÔNG VẬN TẢI TỈNH BẮC SƠN", False),  # the issuing office's letterhead
    ("EASTFIELD TOWN COUNCIL", False),
    ("ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),  # two columns
    ("دفتر اسسٹنٹ کمشنر، تحصیل نور پور", False),  # office, place
    ("Office of the Registrar, Eastfield", False),
    ("Nadia Rahman: Welcome everyone to the review call.", False),  # a transcript's first caption
    ("", False),
])
def test_a_title_is_told_from_a_letterhead_a_dateline_or_a_caption(title, is_title):
    assert looks_like_a_title(title) is is_title


def test_a_document_without_a_real_title_is_named_by_its_file():
    letterhead = make_item(1, document_title="EASTFIELD TOWN COUNCIL", document_source="/data/minutes-0314.txt")
    assert document_label(letterhead) == "minutes-0314.txt"
    assert document_label(make_item(2)) == "Cabinet meeting on digital transformation"
    untitled = make_item(3, document_title=None, document_source="/data/call.srt")
    assert document_label(untitled) == "call.srt"


def test_documents_of_one_title_and_date_are_told_apart_by_file():
    twins = [make_item(1, document_id=1, document_source="/a/first.txt"),
             make_item(2, document_id=2, document_source="/a/second.txt")]
    assert [m.title for m in meetings_covered(twins)] == [
        "Cabinet meeting on digital transformation (first.txt)",
        "Cabinet meeting on digital transformation (second.txt)",
    ]


def test_bodies_named_once_are_gathered_before_the_unnamed():
    items = [make_item(1, responsible=["Alpha"]), make_item(2, responsible=["Alpha"]),
             make_item(3, responsible=["Beta", "Gamma"]), make_item(4, responsible=["Delta"]),
             make_item(5, responsible=[]), make_item(6, responsible=[])]
    groups = gather_single_groups(group_items(items, "body"), "Others")
    assert [(g.label, [i.id for i in g.items]) for g in groups] == [
        ("Alpha", ["item00001", "item00002"]),
        ("Others", ["item00003", "item00004"]),  # item 3 under Beta and Gamma: listed once
        ("No one named", ["item00005", "item00006"]),
    ]
    one_single = group_items([items[0], items[1], items[3]], "body")
    assert gather_single_groups(one_single, "Others") == one_single  # nothing to gather


def test_group_labels_are_in_the_lists_language():
    items = [make_item(1, responsible=[], deadline=date(2025, 3, 31)), make_item(2, deadline=None)]
    vi = load_labels("vi")
    assert [g.label for g in group_items(items, "deadline", vi)] == ["Hạn trong tháng 03/2025", "Chưa có thời hạn"]
    assert [g.label for g in group_items(items, "body", load_labels("ur"))][-1] == "ذمہ دار نامزد نہیں"
    assert [g.label for g in group_items(items, "status", vi)] == ["Chưa thực hiện"]


def test_selection_is_described_in_the_lists_language():
    filters = ItemFilter(statuses=(Status.OPEN, Status.IN_PROGRESS), overdue=True, body="Sở")
    assert describe_selection(filters) == "status open or in progress; overdue; responsible body matching “Sở”"
    assert describe_selection(filters, labels=load_labels("vi")) == (
        "tình trạng chưa thực hiện hoặc đang thực hiện; quá hạn; cơ quan chủ trì có tên “Sở”")


def test_atomic_write_replaces_only_with_a_complete_file(tmp_path):
    target = tmp_path / "actions.csv"
    target.write_text("old")
    with atomic_path(target) as temp:
        assert temp.parent == tmp_path and temp != target
        temp.write_text("new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["actions.csv"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "actions.docx"
    target.write_bytes(b"the old, good file")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temp:
            temp.write_bytes(b"half a fi")
            raise RuntimeError("writer crashed")
    assert target.read_bytes() == b"the old, good file"
    assert [p.name for p in tmp_path.iterdir()] == ["actions.docx"]


def test_failing_writer_through_export_keeps_the_old_file(tmp_path, monkeypatch):
    from docket.exports import docx_writer

    target = tmp_path / "actions.docx"
    target.write_bytes(b"previous export")

    def explode(*args, **kwargs):
        raise MemoryError("out of memory half way")

    monkeypatch.setattr(docx_writer, "write_action_list", explode)
    with pytest.raises(MemoryError):
        export(sample_items(), target, ExportOptions(TODAY))
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["actions.docx"]


def test_new_file_gets_ordinary_permissions_and_replaced_file_keeps_its_own(tmp_path):
    fresh = tmp_path / "fresh.json"
    export([make_item(1)], fresh, ExportOptions(TODAY))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o640)
    export([make_item(1)], kept, ExportOptions(TODAY))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match=r"^cannot write .*actions.csv: folder .*nowhere does not exist$"):
        export([make_item(1)], tmp_path / "nowhere" / "actions.csv", ExportOptions(TODAY))


def test_target_that_is_a_folder_is_a_clear_error(tmp_path):
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        export([make_item(1)], tmp_path / "out.csv", ExportOptions(TODAY))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_unwritable_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write .*: Permission denied"):
            export([make_item(1)], folder / "a.csv", ExportOptions(TODAY))
    finally:
        folder.chmod(0o700)


def test_folder_refusing_a_new_file_is_a_clear_error(tmp_path, monkeypatch):
    """What an unwritable folder does, also when the tests run as root."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match=r"^cannot write .*a.ics: Permission denied$"):
        export([make_item(1)], tmp_path / "a.ics", ExportOptions(TODAY))


def test_replace_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.csv"
    target.write_text("old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="cannot write .*a.csv: Permission denied"):
        export([make_item(1, status=Status.DONE)], target, ExportOptions(TODAY))
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]
