"""`docket list` on a terminal pages a long list as it is read (the first
screen before the last row), and prints the same rows, in the same order,
as into a file; JSON is written as read and is the same array as before."""
from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket import cmd_store, render
from docket.cli import main
from docket.models.query import ItemFilter
from docket.models.store import Store

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("generated_store", ROOT / "benchmarks" / "generated_store.py")
generated_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generated_store)
TODAY = generated_store.TODAY.isoformat()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return generated_store.make(tmp_path_factory.mktemp("paging") / "generated.db", 240, seed=5)


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), "list", *args, "--today", TODAY], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def same_row(paged: str, plain: str) -> bool:
    """The same cells; the action, clipped to the room of its own page, may
    be cut elsewhere."""
    paged, plain = (" ".join(line.split()).rstrip("…") for line in (paged, plain))
    return paged.split()[0] == plain.split()[0] and (paged.startswith(plain) or plain.startswith(paged))


@pytest.mark.parametrize("rows_per_page", [500, 7])
def test_a_paged_list_holds_the_rows_of_the_unpaged_one(db, monkeypatch, rows_per_page):
    plain = run(db, "--overdue")
    monkeypatch.setattr(cmd_store, "_screen_lines", lambda: 20)  # a terminal of 20 lines
    monkeypatch.setattr(cmd_store, "PAGER_ROWS", rows_per_page)
    paged = run(db, "--overdue")  # CliRunner's stdin is no terminal: click's pager writes straight through
    assert len(plain.splitlines()) > 20
    if rows_per_page == 500:  # one page: the very same table
        assert paged == plain
    else:  # pages laid out one by one: the same cells, the same order
        assert len(paged.splitlines()) == len(plain.splitlines())
        assert all(same_row(a, b) for a, b in zip(paged.splitlines(), plain.splitlines()) if a or b)


def test_a_list_that_fits_the_screen_is_not_paged(db, monkeypatch):
    paged = []
    monkeypatch.setattr(cmd_store, "_screen_lines", lambda: 10_000)
    monkeypatch.setattr(cmd_store.click, "echo_via_pager", lambda *a, **k: paged.append(a))
    out = run(db, "--overdue")
    assert not paged and out.rstrip().endswith(f"overdue (as of {TODAY})")


def test_the_pager_gets_the_first_page_before_the_rest_is_read(db):
    today = generated_store.TODAY
    with Store.open(db) as store:
        filters = ItemFilter.outstanding(overdue=True, today=today)
        total = len(store.items(filters))
        items = store.iter_items(filters)
        pages = cmd_store._item_pages(filters, items)
        first = next(pages)
        assert first.splitlines()[0].split() == render.ITEM_HEADERS
        assert len(first.splitlines()) == 1 + min(cmd_store.PAGER_ROWS, total)
        left = sum(1 for _ in items)  # what the pager has not asked for is not read yet
        assert left == max(total - cmd_store.PAGER_ROWS, 0) and left > 0 or total <= cmd_store.PAGER_ROWS


def test_the_footer_counts_what_the_store_counts(db):
    """The totals under a list are counted from the rows listed, paged or
    not: the store's own count of the same selection."""
    today = generated_store.TODAY
    with Store.open(db) as store:
        for filters in (ItemFilter.outstanding(today=today), ItemFilter(search="budget", today=today),
                        ItemFilter.outstanding(body="Ministry of Finance", today=today)):
            totals = store.totals(filters, today)
            expected = f"{totals.total} items, {totals.overdue} overdue (as of {today})"
            assert 0 < totals.overdue < totals.total
            assert list(cmd_store._item_pages(filters, store.iter_items(filters)))[-1] == "\n" + expected
            assert cmd_store._items_footer(store.items(filters), today) == expected


@pytest.mark.parametrize("args", [["--overdue"], ["--search", "nowhere"], ["--status", "all"]])
def test_json_written_as_read_is_the_array_it_was(db, args):
    out = run(db, *args, "--format", "json")
    with Store.open(db) as store:
        filters = ItemFilter(statuses=None if args == ["--status", "all"] else ItemFilter.outstanding().statuses,
                             overdue="--overdue" in args, search=args[1] if args[0] == "--search" else None,
                             today=generated_store.TODAY)
        rows = [item.to_json(filters.today) for item in store.items(filters)]
    assert out == render.to_json_rows(rows) + "\n"
    assert json.loads(out) == json.loads(json.dumps(rows))


@pytest.mark.parametrize("count", [0, 1, 3, 4, 9])
def test_json_chunks_join_to_the_whole_array(count):
    rows = [{"n": n, "text": "Bộ Tài chính\u202e"} for n in range(count)]
    assert "".join(render.json_rows_chunks(iter(rows), size=3)) == render.to_json_rows(rows)
    assert list(itertools.islice(render.json_rows_chunks(iter(rows), size=3), 1))  # something comes at once
