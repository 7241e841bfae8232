"""The SQL path (Store.items with its conditions and the list-order index,
Store.stats counted by GROUP BY) against the Python path docket had before:
every item built as an ActionItem, filtered and sorted in Python, counted
by `compute_stats`. Same items, same order, same figures, on a generated
store (benchmarks/generated_store.py) with aliases, vanished items, every
status, and items with no body or several."""
from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from pathlib import Path

import pytest

from docket.models.items import ActionItem, Status
from docket.models.manual import ManualItem
from docket.models.bodies import fold
from docket.models.query import ItemFilter, compute_stats
from docket.models.store import Store

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("generated_store", ROOT / "benchmarks" / "generated_store.py")
generated_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generated_store)
TODAY = generated_store.TODAY


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = generated_store.make(tmp_path_factory.mktemp("sqlpaths") / "generated.db", 900, seed=3)
    opened = Store.open(path)
    opened.alias("Ministry of Finance", ["MoF", "Treasury"])
    opened.set_status([opened.items(ItemFilter.outstanding())[0].id], "done", by="test")
    yield opened
    opened.close()


def _body_matches(store: Store, text: str) -> set[str]:
    """Canonical names of the bodies one of whose names contains `text`,
    diacritics aside."""
    wanted = fold(text)
    return {body.name for body in store.bodies()
            if any(wanted in fold(name) for name in [body.name, *body.aliases])}


def python_path(store: Store, filters: ItemFilter) -> list[ActionItem]:
    """What docket computed in Python: every item, each condition of
    `filters` checked on the ActionItem, sorted by deadline (undated last),
    document and position."""
    everything = store.items(ItemFilter(statuses=None, include_vanished=True))
    today = filters.reference_date()
    bodies = _body_matches(store, filters.body) if filters.body is not None else None
    found = None
    if filters.search is not None:
        found = {row[0] for row in store.db.execute(
            "SELECT items.id FROM items_fts JOIN items ON items.seq = items_fts.rowid WHERE items_fts MATCH ?",
            [store.db.quote_fts(filters.search)])}

    def keep(item: ActionItem) -> bool:
        deadline = item.deadline
        return all([
            filters.include_vanished or not item.vanished,
            filters.statuses is None or item.status in filters.statuses,
            not filters.overdue or item.is_overdue(today),
            filters.due_before is None or (deadline is not None and deadline <= filters.due_before),
            filters.due_within is None or (deadline is not None
                                           and today <= deadline <= today + timedelta(days=filters.due_within)),
            not filters.no_deadline or deadline is None,
            not filters.urgent or item.urgent,
            filters.document_id is None or item.document_id == filters.document_id,
            bodies is None or bool(bodies & set(item.bodies)),
            found is None or item.id in found,
        ])

    chosen = [item for item in everything if keep(item)]
    return sorted(chosen, key=lambda i: (i.deadline is None, i.deadline or date.min, i.document_id, i.start, i.id))


FILTERS = [
    ItemFilter.outstanding(today=TODAY),
    ItemFilter.outstanding(overdue=True, today=TODAY),
    ItemFilter(today=TODAY),
    ItemFilter(include_vanished=True, today=TODAY),
    ItemFilter(statuses=(Status.DONE, Status.CANCELLED), today=TODAY),
    ItemFilter.outstanding(due_before=TODAY, today=TODAY),
    ItemFilter.outstanding(due_within=30, today=TODAY),
    ItemFilter.outstanding(no_deadline=True, today=TODAY),
    ItemFilter.outstanding(urgent=True, today=TODAY),
    ItemFilter.outstanding(body="Ministry of Finance", today=TODAY),
    ItemFilter(body="treasury", overdue=True, today=TODAY),  # an alias
    ItemFilter.outstanding(body="no such body", today=TODAY),  # must match nothing
    ItemFilter.outstanding(search="budget", today=TODAY),
    ItemFilter(search="flood defences", overdue=True, today=TODAY),
    ItemFilter(search="tai chinh", today=TODAY),  # diacritics aside
    ItemFilter(search="nowhere", today=TODAY),  # must match nothing
    ItemFilter(document_id=7, today=TODAY),
    ItemFilter.outstanding(overdue=True, today=date(2024, 12, 1)),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr({k: v for k, v in vars(f).items() if v}))
def test_sql_path_lists_what_the_python_path_did(store: Store, filters: ItemFilter) -> None:
    expected = python_path(store, filters)
    got = store.items(filters)
    assert [item.id for item in got] == [item.id for item in expected]
    assert got == expected
    assert list(store.iter_items(filters)) == expected


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr({k: v for k, v in vars(f).items() if v}))
def test_json_read_from_the_rows_is_each_item_s_to_json(store: Store, filters: ItemFilter) -> None:
    """Store.iter_json (what `list --format json` writes) against to_json of
    the items: same keys in the same order, same values, with and without a
    day for `overdue`."""
    import json

    for today in (filters.today, None):
        got = list(store.iter_json(filters, today))
        expected = [item.to_json(today) for item in store.iter_items(filters)]
        assert got == expected
        assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)  # key order too


def _listed_fields(item) -> tuple:
    from docket.models.items import Listed

    return tuple(list(value) if name == "responsible" else value
                 for name, value in ((name, getattr(item, name)) for name in Listed._fields))


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr({k: v for k, v in vars(f).items() if v}))
def test_what_a_list_shows_read_from_the_rows_is_the_items(store: Store, filters: ItemFilter) -> None:
    """Store.listed (the table of `list` into a file) against the items: the
    same fields, the same table rows and the same overdue ones."""
    from docket import render

    today = filters.reference_date()
    items, listed = store.items(filters), store.listed(filters)
    assert [_listed_fields(row) for row in listed] == [_listed_fields(item) for item in items]
    assert [render.item_row(row, today) for row in listed] == [render.item_row(item, today) for item in items]
    assert [row.is_overdue(today) for row in listed] == [item.is_overdue(today) for item in items]


def test_json_read_from_the_rows_on_rows_the_generator_does_not_make(tmp_path) -> None:
    """The same (and for Store.listed) on the rows a generated store lacks: a deadline phrase with
    no date and a date with no phrase, items waiting for review, documents
    without a meeting date, title or language."""
    path = generated_store.make(tmp_path / "edges.db", 120, seed=5)
    with Store.open(path) as edges:
        edges.db.execute("UPDATE items SET deadline = NULL, deadline_text = 'as soon as possible' "
                         "WHERE seq % 7 = 0")
        edges.db.execute("UPDATE items SET deadline_text = NULL WHERE seq % 7 = 1 AND deadline IS NOT NULL")
        edges.db.execute("UPDATE items SET review = 'no responsible body' WHERE seq % 5 = 0")
        edges.db.execute("UPDATE documents SET meeting_date = NULL, title = NULL, lang = NULL WHERE id % 3 = 0")
        edges.db.conn.commit()
        filters = ItemFilter(include_review=True, include_vanished=True, today=TODAY)
        expected = [item.to_json(TODAY) for item in edges.iter_items(filters)]
        assert {(item["deadline"] or {}).get("date") is None for item in expected if item["deadline"]} == {True, False}
        assert any(item["review"] for item in expected) and any(item["meeting_date"] is None for item in expected)
        assert list(edges.iter_json(filters, TODAY)) == expected
        items = edges.items(filters)
        assert [_listed_fields(row) for row in edges.listed(filters)] == [_listed_fields(item) for item in items]


@pytest.mark.parametrize("leads", [True, False], ids=["body items sorted", "picked in list order"])
@pytest.mark.parametrize("filters", [f for f in FILTERS if f.body is not None],
                         ids=lambda f: repr({k: v for k, v in vars(f).items() if v}))
def test_either_plan_for_a_body_lists_what_the_python_path_did(store: Store, filters: ItemFilter, leads: bool,
                                                               monkeypatch) -> None:
    monkeypatch.setattr(Store, "_body_leads", lambda self, filters: leads)
    assert list(store.iter_items(filters)) == python_path(store, filters)


def test_a_body_holding_many_items_is_picked_in_list_order(store: Store, monkeypatch) -> None:
    """Store._body_leads: the plan of a --body list follows how many items the
    body holds (m010's tally) and what share of the store that is."""
    from docket.models import sql, store as store_module

    def plan(body: str) -> str:
        condition, params = store._selection(ItemFilter.outstanding(body=body, today=TODAY), first_soon=True)
        rows = store.db.execute("EXPLAIN QUERY PLAN " + sql.ITEMS_SQL.format(where=condition), params)
        return " | ".join(row[3] for row in rows)

    stored = len(store.items(ItemFilter(include_vanished=True, include_review=True)))
    held = len(store.items(ItemFilter(body="Ministry of Finance")))
    assert 0 < held < store_module.BODY_PICKED_FROM  # a small store: every body is looked up first
    assert "COVERING INDEX item_bodies_body_item" in plan("Ministry of Finance")  # m012: no table lookups
    assert "TEMP B-TREE" in plan("Ministry of Finance")
    monkeypatch.setattr(store_module, "BODY_PICKED_FROM", held)
    monkeypatch.setattr(store_module, "BODY_SHARE_PICKED", stored // held + 1)  # one in 7.5 is enough
    picked = plan("Ministry of Finance")
    assert "items_list_order" in picked and "TEMP B-TREE" not in picked
    monkeypatch.setattr(store_module, "BODY_SHARE_PICKED", stored // held // 4)  # one in 1: too small a share
    assert "TEMP B-TREE" in plan("Ministry of Finance")
    monkeypatch.setattr(store_module, "BODY_SHARE_PICKED", 1)
    assert "TEMP B-TREE" in plan("no such body")  # holds nothing: fewer than any threshold


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr({k: v for k, v in vars(f).items() if v}))
def test_sql_figures_are_the_python_figures(store: Store, filters: ItemFilter) -> None:
    expected = compute_stats(python_path(store, filters), filters.reference_date())
    figures = store.stats(filters, filters.reference_date())
    assert figures.to_json() == expected.to_json()
    assert store.totals(filters, filters.reference_date()) == expected.totals


def test_the_generated_store_has_what_the_comparison_needs(store: Store) -> None:
    everything = store.items(ItemFilter(include_vanished=True))
    assert {item.status for item in everything} == set(Status)
    assert any(item.vanished for item in everything) and any(not item.bodies for item in everything)
    assert any(len(item.bodies) > 1 for item in everything) and any(item.deadline is None for item in everything)
    assert 0 < len(store.items(ItemFilter.outstanding(overdue=True, today=TODAY))) < len(everything)


def test_lists_read_in_index_order_and_search_starts_from_its_hits(store: Store) -> None:
    from docket.models import sql

    def plan(filters: ItemFilter) -> str:
        condition, params = store._selection(filters)
        rows = store.db.execute("EXPLAIN QUERY PLAN " + sql.ITEMS_SQL.format(where=condition), params)
        return " | ".join(row[3] for row in rows)

    for filters in (ItemFilter.outstanding(), ItemFilter.outstanding(overdue=True, today=TODAY)):
        assert "items_list_order" in plan(filters) and "TEMP B-TREE" not in plan(filters)
    assert "items_fts" in plan(ItemFilter.outstanding(search="budget"))
    assert "items_status_deadline" not in plan(ItemFilter.outstanding(search="budget"))


def test_counts_take_the_figures_in_the_order_sql_gives_them():
    """Store._counts builds Counts positionally from counts_sql's columns."""
    import dataclasses

    from docket.models import sql
    from docket.models.query import Counts

    assert tuple(field.name for field in dataclasses.fields(Counts)) == (*sql.COUNT_FIELDS, "overdue")


def test_stats_read_their_figures_from_the_covering_indexes(store: Store):
    from docket.models import sql

    condition, params = store._selection(ItemFilter().on(TODAY))
    by_document, by_body = sql.stats_sql(condition, ":stats_today")
    plans = [" | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + query,
                                                            {**params, "stats_today": TODAY.isoformat()}))
             for query in (by_document, by_body)]
    assert "COVERING INDEX items_stats_document" in plans[0]
    assert "COVERING INDEX items_stats_id" in plans[1]


# -- the tally per body behind `docket stats` (migration m010) ---------------

def _tally(store: Store) -> list[tuple]:
    return store.db.execute("SELECT body_id, status, deadline, items FROM body_tally WHERE items != 0 "
                            "ORDER BY body_id, status, deadline").fetchall()


def _recounted(store: Store) -> list[tuple]:
    """The tally counted afresh from items and their bodies, as m010 fills it."""
    from docket.models.migrations import TALLY_FILL
    from docket.models.sql import tracked_sql

    query = TALLY_FILL.split("SELECT", 1)[1]
    return sorted(store.db.execute("SELECT" + query.format(tracked=tracked_sql("items"))).fetchall(),
                  key=lambda row: (row[0], row[1], row[2] or ""))


def test_the_generated_store_tally_is_what_a_recount_gives(store: Store) -> None:
    """The module's store: rows inserted, an alias merged, a status set."""
    assert sorted(_tally(store), key=lambda row: (row[0], row[1], row[2] or "")) == _recounted(store)


def test_the_tally_follows_every_kind_of_write(tmp_path) -> None:
    """Each write that can change what `stats` counts per body, then the
    tally against a recount and `stats` against the Python figures."""
    from store_support import Clock, document

    today = date(2025, 3, 10)
    minutes = ("Minutes of the coordination meeting\n"
               "ACTION: Ministry of Finance => submit the draft budget by 2025-03-31.\n"
               "ACTION: Provincial Police; Ministry of Finance => review the traffic plan by 2025-02-20.\n"
               "ACTION: Department of Health => publish the vaccination schedule.\n"
               "ACTION: => hold a meeting with every district by 2025-03-01.\n"
               "ACTION: Provincial Police => close the old road by 2025-04-15.\n")
    revised = minutes.replace("ACTION: Department of Health => publish the vaccination schedule.\n", "")
    steps = []

    with Store.open(tmp_path / "t.db", clock=Clock()) as store:
        def check(step: str) -> None:
            steps.append(step)
            ordered = sorted(_tally(store), key=lambda row: (row[0], row[1], row[2] or ""))
            assert ordered == _recounted(store), step
            expected = compute_stats(store.items(ItemFilter(today=today)), today)
            figures = store.stats(ItemFilter(), today)
            assert figures.to_json() == expected.to_json(), step
            # whole numbers, as JSON prints them (1, not 1.0: 1 == 1.0 above)
            assert {type(n) for group in figures.by_body for n in vars(group.counts).values()} == {int}, step

        first = store.ingest(*document(tmp_path / "a.txt", minutes))
        check("ingest")
        store.ingest(*document(tmp_path / "b.txt", "Minutes of the works committee\n"
                                "ACTION: => inspect the river banks by 2025-03-04.\n"
                                "ACTION: Department of Works => repair the bridge.\n"), review=True)
        check("ingest for review")
        ids = {item.action.split()[0]: item.id
               for item in store.items(ItemFilter(include_review=True, document_id=first.document.id))}
        store.set_status([ids["submit"], ids["review"]], "done", by="t")
        check("status")
        store.edit(ids["publish"], deadline=date(2025, 3, 2), by="t")
        check("edit deadline")
        store.edit(ids["hold"], responsible=["Department of Works", "Provincial Police"], by="t")
        check("edit bodies: a bodiless item gets two")
        store.edit(ids["publish"], responsible=[], by="t")
        check("edit bodies: an item loses its one")
        store.alias("Ministry of Finance", ["Provincial Police"])
        check("alias merges two bodies: one item names both, one the merged one alone")
        waiting = store.review_queue()
        assert waiting, "the second report's bodiless item waits for review"
        store.decide(waiting[0].id, True, by="t")
        check("review accepted")
        store.ingest(*document(tmp_path / "a.txt", revised))
        check("a new version: an item vanishes")
        store.add(ManualItem(action="check the roofs", responsible=["Department of Works"],
                             deadline=date(2025, 3, 5)), by="t")
        check("manual add")
        for step in range(7):
            store.undo(by="t")
            check(f"undo {step + 1}")
        store.remove_document(first.document.id, by="t")
        check("document removed")
        store.undo(by="t")
        check("removal undone")
    assert len(steps) == 19


def test_rare_word_counts_are_the_vocabulary_s_under_the_cap(store: Store, monkeypatch) -> None:
    """mentions._rare_counts (capped counts first) keeps exactly the words
    items_fts_vocab counts in at most RARE items, with its counts: common
    words (in all 900 items), rare ones, absent ones, and words the
    tokenizer reads as two ("a_b") or as another term ("tài" as "tai"),
    whether it has met them before (which words are terms is kept) or not."""
    from docket.models import mentions

    monkeypatch.setattr(mentions, "_as_term", {})
    words = sorted({"shall", "the", "budget", "draft", "flood", "tai", "chinh", "tài", "chính", "police", "zzz",
                    "a_b", "schedule", "report", "everyone", "ministry", "1"})
    vocabulary = dict(store.db.execute(
        f"SELECT term, doc FROM items_fts_vocab WHERE term IN ({', '.join('?' * len(words))})", words).fetchall())
    expected = {word: count for word, count in vocabulary.items() if count <= mentions.RARE}
    assert any(count > mentions.RARE for count in vocabulary.values()) and expected  # both kinds are there
    assert mentions._rare_counts(store.db, words[::2]) == {w: n for w, n in expected.items() if w in words[::2]}
    assert mentions._rare_counts(store.db, words) == expected
    assert mentions._rare_counts(store.db, words) == expected
    assert mentions._as_term["tai"] and not mentions._as_term["tài"] and not mentions._as_term["chính"]


# -- what an ingest looks up for each document, by an index ------------------

INGEST_LOOKUPS = [
    # tracking.older_version: is the document an earlier version of a stored one?
    ("SELECT document_id FROM document_versions WHERE content_hash = ? ORDER BY document_id", ["0" * 64]),
    # bodies.known_body: a name not known as written, by its folded forms
    ("SELECT MIN(body_id) FROM body_aliases WHERE alias_fold IN (?, ?)", ["ministry of finance", "bo tai chinh"]),
]


@pytest.mark.parametrize("sql, params", INGEST_LOOKUPS, ids=[sql.split(" WHERE ")[0] for sql, _ in INGEST_LOOKUPS])
def test_an_ingest_s_lookups_read_an_index_not_the_table(memory_store: Store, sql: str, params: list) -> None:
    """A lookup an ingest makes per document scans no table: a scan grows
    with the store, and a backlog's ingest with the square of its size."""
    plan = [row[3] for row in memory_store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    assert plan and not any(step.startswith("SCAN") for step in plan), plan
