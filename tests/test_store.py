"""The store: ingest, ids, filters, figures, status, corrections, bodies."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlite_utils import Database

from docket.models import migrations
from docket.models.errors import InputError, ParameterError, StoreError, UnknownItem
from docket.models.items import Status
from docket.models.query import ItemFilter
from docket.models.store import Store
from store_support import MINUTES, document

TODAY = date(2025, 3, 1)


@pytest.fixture
def minutes(store, tmp_path):
    result = store.ingest(*document(tmp_path / "minutes.txt", MINUTES))
    return {item.action: item for item in store.items()}, result


def test_ingest_stores_document_and_items(store, minutes):
    items, result = minutes
    assert result.outcome == "new"
    assert len(result.added) == 3
    doc = store.documents()[0]
    assert (doc.version, doc.lang, doc.meeting_date) == (1, "en", date(2025, 2, 13))
    assert doc.title == "Minutes of the coordination meeting, 13 February 2025"
    budget = items["submit the draft budget"]
    assert budget.responsible == ["Ministry of Finance"]
    assert budget.deadline == date(2025, 3, 31) and budget.deadline_text == "by 2025-03-31"
    assert budget.status is Status.OPEN and budget.text.startswith("ACTION: Ministry of Finance")
    assert MINUTES[budget.start:budget.end] == budget.text


def test_same_content_again_adds_nothing(store, tmp_path, minutes):
    again = store.ingest(*document(tmp_path / "minutes.txt", MINUTES))
    assert again.outcome == "unchanged" and again.added == []
    assert len(store.items()) == 3
    assert store.documents()[0].version == 1


def test_same_content_under_another_path_is_a_duplicate(store, tmp_path, minutes):
    copy = store.ingest(*document(tmp_path / "copy.txt", MINUTES))
    assert copy.outcome == "duplicate" and copy.document.id == minutes[1].document.id
    assert len(store.items()) == 3 and len(store.documents()) == 1


def test_ids_are_short_hex_and_any_unique_prefix_finds_them(store, minutes):
    items, _ = minutes
    for item in items.values():
        assert len(item.id) == 8 and int(item.id, 16) >= 0
        assert store.resolve_id(item.id[:5].upper()) == item.id
    assert store.item(items["submit the draft budget"].id[:6]).action == "submit the draft budget"


def test_ids_are_stable_across_databases(tmp_path):
    ids = []
    for name in ("a.db", "b.db"):
        with Store.open(tmp_path / name) as s:
            ids.append(s.ingest(*document(tmp_path / "minutes.txt", MINUTES)).added)
    assert ids[0] == ids[1]


def test_colliding_short_id_gets_a_longer_one(store, tmp_path, monkeypatch):
    from docket.models import ingest, matching

    # every directive's short id is "abcdef12": the 2nd and 3rd fall back to longer ones
    monkeypatch.setattr(ingest, "id_candidates", lambda path, key: ["abcdef12"] + matching.id_candidates(path, key)[1:])
    result = store.ingest(*document(tmp_path / "m.txt", MINUTES))
    assert [len(item_id) for item_id in result.added] == [8, 10, 10]
    assert result.added[0] == "abcdef12"
    assert store.resolve_id("abcdef12") == "abcdef12"


@pytest.mark.parametrize("text, error, message", [
    ("xyz", InputError, "'xyz' is not an item id: ids are hex digits, like 1a2b3c4d"),
    ("", InputError, "'' is not an item id: ids are hex digits, like 1a2b3c4d"),
    ("ffffffff", UnknownItem, "no item with id 'ffffffff'"),
])
def test_bad_ids(store, minutes, text, error, message):
    with pytest.raises(error) as raised:
        store.resolve_id(text)
    assert str(raised.value) == message


def test_ambiguous_prefix_names_the_candidates(store, tmp_path, monkeypatch):
    from docket.models import ingest

    ids = iter(["aa000001", "aa000002", "bb000003"])
    monkeypatch.setattr(ingest, "id_candidates", lambda path, key: [next(ids)])
    store.ingest(*document(tmp_path / "m.txt", MINUTES))
    with pytest.raises(StoreError) as raised:
        store.resolve_id("aa")
    assert str(raised.value) == "id 'aa' matches several items (aa000001, aa000002); type more of it"


def _actions(items):
    return [item.action for item in items]


@pytest.mark.parametrize("filters, expected", [
    (ItemFilter(), ["review the traffic plan", "submit the draft budget", "publish the vaccination schedule"]),
    (ItemFilter(overdue=True, today=TODAY), ["review the traffic plan"]),
    (ItemFilter(due_before=date(2025, 3, 31)), ["review the traffic plan", "submit the draft budget"]),
    (ItemFilter(due_before=date(2025, 3, 30)), ["review the traffic plan"]),
    (ItemFilter(due_within=30, today=TODAY), ["submit the draft budget"]),
    (ItemFilter(due_within=29, today=TODAY), []),
    (ItemFilter(body="finance"), ["review the traffic plan", "submit the draft budget"]),
    (ItemFilter(body="POLICE"), ["review the traffic plan"]),
    (ItemFilter(body="50%_"), []),
    (ItemFilter(urgent=True), ["review the traffic plan"]),
    (ItemFilter(no_deadline=True), ["publish the vaccination schedule"]),
    (ItemFilter(search="budget"), ["submit the draft budget"]),
    (ItemFilter(search="ministry finance"), ["review the traffic plan", "submit the draft budget"]),
    (ItemFilter(search='traffic (plan* "'), ["review the traffic plan"]),
    (ItemFilter(search="vaccinations"), []),
    (ItemFilter(document_id=1), ["review the traffic plan", "submit the draft budget", "publish the vaccination schedule"]),
    (ItemFilter(document_id=2), []),
])
def test_filters_and_order(store, minutes, filters, expected):
    assert _actions(store.items(filters)) == expected


def test_status_filter_and_overdue_ignore_done_items(store, minutes):
    items, _ = minutes
    traffic = items["review the traffic plan"].id
    store.set_status([traffic], Status.DONE, by="Lan")
    assert store.items(ItemFilter(overdue=True, today=TODAY)) == []
    assert _actions(store.items(ItemFilter.outstanding())) == ["submit the draft budget", "publish the vaccination schedule"]
    assert _actions(store.items(ItemFilter(statuses=(Status.DONE,)))) == ["review the traffic plan"]


def test_conflicting_filters_are_refused_naming_the_parameters_as_data():
    with pytest.raises(ParameterError) as raised:
        ItemFilter(no_deadline=True, overdue=True, due_within=3)
    assert str(raised.value) == "no_deadline cannot be combined with overdue, due_within"
    assert raised.value.params == ("no_deadline", "overdue", "due_within")
    flags = raised.value.render(lambda name: "--" + name.replace("_", "-"))
    assert flags == "--no-deadline cannot be combined with --overdue, --due-within"


def test_empty_search_is_refused(store, minutes):
    with pytest.raises(ParameterError) as raised:
        store.items(ItemFilter(search='""'))
    assert (str(raised.value), raised.value.params) == ("search: give at least one word to search for", ("search",))


def test_search_ignores_vietnamese_diacritics(store, tmp_path):
    store.ingest(*document(tmp_path / "vi.txt", "ACTION: Bộ Tài chính => trình dự thảo ngân sách.\n"))
    assert len(store.items(ItemFilter(search="bo tai chinh"))) == 1
    assert len(store.items(ItemFilter(search="ngân sách"))) == 1


def test_stats_count_status_overdue_body_and_document(store, minutes):
    items, _ = minutes
    store.set_status([items["publish the vaccination schedule"].id], Status.DONE)
    figures = store.stats(ItemFilter(), today=TODAY)
    t = figures.totals
    assert (t.open, t.done, t.overdue, t.tasks, t.percent_done) == (2, 1, 1, 3, 33)
    assert t.summary() == "1 of 3 tasks done, 33%"
    by_body = {g.label: (g.counts.total, g.counts.overdue, g.counts.done) for g in figures.by_body}
    assert by_body == {"Department of Health": (1, 0, 1), "Ministry of Finance": (2, 1, 0), "Provincial Police": (1, 1, 0)}
    assert [(g.key, g.counts.total) for g in figures.by_document] == [("1", 3)]


def test_cancelled_items_are_not_tasks(store, minutes):
    items, _ = minutes
    store.set_status([items["submit the draft budget"].id], Status.CANCELLED)
    store.set_status([items["review the traffic plan"].id], Status.DONE)
    assert store.stats(today=TODAY).totals.summary() == "1 of 2 tasks done, 50%"


def test_stats_and_list_agree(store, minutes):
    filters = ItemFilter.outstanding(body="finance", today=TODAY)
    figures = store.stats(filters)
    assert figures.totals.total == len(store.items(filters))
    assert figures.totals.overdue == len(store.items(ItemFilter.outstanding(body="finance", overdue=True, today=TODAY)))


def test_status_change_is_recorded_with_who_and_why(store, minutes):
    item_id = minutes[0]["submit the draft budget"].id
    changes = store.set_status([item_id], Status.IN_PROGRESS, note="draft circulated", by="Lan")
    assert [(c.old, c.new, c.changed) for c in changes] == [(Status.OPEN, Status.IN_PROGRESS, True)]
    again = store.set_status([item_id], Status.IN_PROGRESS)
    assert not again[0].changed
    entries = store.history(item_id)
    assert [e.event for e in entries] == ["created", "status"]
    last = entries[-1]
    assert (last.old_status, last.new_status, last.changed_by, last.note) == (
        Status.OPEN, Status.IN_PROGRESS, "Lan", "draft circulated")
    assert last.changed_at.endswith("+00:00")


def test_status_may_be_given_as_text(store, minutes):
    item_id = minutes[0]["submit the draft budget"].id
    assert store.set_status([item_id], "In progress")[0].new is Status.IN_PROGRESS
    with pytest.raises(InputError):
        store.set_status([item_id], "finished")


def test_status_of_several_items_is_all_or_nothing(store, minutes):
    good = minutes[0]["submit the draft budget"].id
    with pytest.raises(StoreError):
        store.set_status([good, "ffffffff"], Status.DONE)
    assert store.item(good).status is Status.OPEN
    assert [e.event for e in store.history(good)] == ["created"]


def test_edit_records_corrections_and_history(store, minutes):
    item_id = minutes[0]["submit the draft budget"].id
    item, changed = store.edit(item_id, deadline=date(2025, 4, 30), responsible=["FinMin", " Treasury "],
                               action="submit the  final budget", by="Sec", note="agreed by phone")
    assert changed == ["action", "responsible", "deadline"]
    assert (item.deadline, item.responsible, item.action) == (date(2025, 4, 30), ["FinMin", "Treasury"], "submit the final budget")
    assert item.bodies == ["FinMin", "Treasury"]
    assert {c.field: c.value for c in store.corrections(item_id)} == {
        "action": "submit the final budget", "deadline": "2025-04-30", "responsible": ["FinMin", "Treasury"]}
    edit = [e for e in store.history(item_id) if e.event == "edit"]
    assert [(e.field, e.old_value, e.new_value, e.changed_by) for e in edit] == [
        ("action", "submit the draft budget", "submit the final budget", "Sec"),
        ("responsible", "Ministry of Finance", "FinMin; Treasury", "Sec"),
        ("deadline", "2025-03-31", "2025-04-30", "Sec"),
    ]
    assert store.edit(item_id, deadline=None)[0].deadline is None


@pytest.mark.parametrize("kwargs, message", [
    ({}, "nothing to change: give action, responsible or deadline"),
    ({"action": "  "}, "action: the action cannot be empty"),
])
def test_bad_edits(store, minutes, kwargs, message):
    with pytest.raises(ParameterError) as raised:
        store.edit(minutes[0]["submit the draft budget"].id, **kwargs)
    assert str(raised.value) == message


def test_alias_merges_bodies_and_body_filter_matches_aliases(store, tmp_path, minutes):
    store.ingest(*document(tmp_path / "b.txt", "ACTION: FinMin => pay the contractors by 2025-05-01.\n"))
    assert {b.name for b in store.bodies()} >= {"FinMin", "Ministry of Finance"}
    body = store.alias("Ministry of Finance", ["FinMin", "Bộ Tài chính"])
    assert (body.name, body.aliases) == ("Ministry of Finance", ["Bộ Tài chính", "FinMin"])
    assert "FinMin" not in {b.name for b in store.bodies()}
    assert _actions(store.items(ItemFilter(body="tài chính"))) == [
        "review the traffic plan", "submit the draft budget", "pay the contractors"]
    by_body = {g.label: g.counts.total for g in store.stats().by_body}
    assert by_body["Ministry of Finance"] == 3


def test_alias_of_one_item_with_both_names_counts_it_once(store, tmp_path):
    store.ingest(*document(tmp_path / "b.txt", "ACTION: MoF; Ministry of Finance => pay.\n"))
    store.alias("Ministry of Finance", ["MoF"])
    item = store.items()[0]
    assert item.bodies == ["Ministry of Finance"]
    assert store.stats().by_body[0].counts.total == 1


def test_body_names_differing_in_case_and_spacing_are_one_body(store, tmp_path):
    store.ingest(*document(tmp_path / "b.txt", "ACTION: Ministry of  FINANCE => pay.\nACTION: ministry of finance => check.\n"))
    assert len(store.bodies()) == 1


def test_database_opens_in_plain_sqlite_with_readable_names(store, minutes, db_path):
    conn = sqlite3.connect(db_path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "items", "bodies", "body_aliases", "item_bodies", "item_history", "corrections"} <= tables
    row = conn.execute("SELECT action, status, deadline FROM items WHERE action LIKE 'submit%'").fetchone()
    assert row == ("submit the draft budget", "open", "2025-03-31")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.KNOWN)
    names = [r["name"] for r in Database(conn)["_sqlite_migrations"].rows]
    assert names == migrations.KNOWN and names[0] == "m001_initial"


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO item_bodies (item_id, body_id, position) VALUES ('nope', 1, 0)")
