"""A revised document (same path, new content): what is kept, added, vanished."""
from __future__ import annotations

from datetime import date

import pytest

from docket.models.items import Status
from docket.models.matching import Candidate, directive_keys, match, normalise
from docket.models.query import ItemFilter
from store_support import MINUTES, document

REVISED = """Minutes of the coordination meeting, 13 February 2025 (corrected)
Attendance: 24 members.
ACTION: Department of Health => publish the vaccination schedule.
ACTION: Ministry of Finance => submit the draft budget by 2025-04-30.
ACTION: Ministry of Education => train 200 teachers by 2025-06-30.
"""


@pytest.fixture
def store(memory_store):
    """Revisions never reopen the database: one in memory will do."""
    return memory_store


@pytest.fixture
def first(store, tmp_path):
    store.ingest(*document(tmp_path / "minutes.txt", MINUTES))
    return {item.action: item for item in store.items()}


def _revise(store, tmp_path, text=REVISED):
    return store.ingest(*document(tmp_path / "minutes.txt", text))


def test_revision_keeps_matches_adds_new_and_marks_vanished(store, tmp_path, first):
    result = _revise(store, tmp_path)
    assert result.outcome == "revised" and result.document.version == 2
    assert sorted(result.kept) == sorted([first["publish the vaccination schedule"].id, first["submit the draft budget"].id])
    assert result.vanished == [first["review the traffic plan"].id]
    assert len(result.added) == 1
    assert store.item(result.added[0]).action == "train 200 teachers"
    assert len(store.documents()) == 1


def test_exact_text_match_keeps_status_history_and_corrections(store, tmp_path, first):
    health = first["publish the vaccination schedule"].id
    store.set_status([health], Status.IN_PROGRESS, note="printer booked", by="Lan")
    store.edit(health, responsible=["Ministry of Health"], by="Sec")
    _revise(store, tmp_path)
    item = store.item(health)
    assert item.status is Status.IN_PROGRESS
    assert item.responsible == ["Ministry of Health"] and item.bodies == ["Ministry of Health"]
    assert item.start == REVISED.index("ACTION: Department of Health")  # offsets follow the new text
    assert [e.event for e in store.history(health)] == ["created", "status", "edit"]


def test_changed_deadline_in_the_sentence_is_matched_by_action_and_responsible(store, tmp_path, first):
    budget = first["submit the draft budget"].id
    store.set_status([budget], Status.IN_PROGRESS)
    _revise(store, tmp_path)
    item = store.item(budget)
    assert item.status is Status.IN_PROGRESS
    assert item.deadline == date(2025, 4, 30)  # the new version's deadline
    revised = [e for e in store.history(budget) if e.event == "revised"]
    assert [(e.field, e.old_value, e.new_value) for e in revised] == [("deadline", "2025-03-31", "2025-04-30")]


def test_corrected_deadline_survives_a_revision_that_changes_it(store, tmp_path, first):
    budget = first["submit the draft budget"].id
    store.edit(budget, deadline=date(2025, 5, 15), by="Sec")
    _revise(store, tmp_path)
    assert store.item(budget).deadline == date(2025, 5, 15)
    assert not [e for e in store.history(budget) if e.event == "revised"]


def test_vanished_items_are_kept_out_of_lists_and_figures_but_not_lost(store, tmp_path, first):
    traffic = first["review the traffic plan"].id
    _revise(store, tmp_path)
    assert traffic not in {i.id for i in store.items()}
    assert store.stats().totals.total == 3
    gone = store.item(traffic)
    assert gone.vanished and gone.status is Status.OPEN
    assert store.history(traffic)[-1].event == "vanished"
    assert traffic in {i.id for i in store.items(ItemFilter(include_vanished=True))}


def test_a_vanished_item_that_comes_back_is_the_same_item(store, tmp_path, first):
    traffic = first["review the traffic plan"].id
    store.set_status([traffic], Status.DONE)
    _revise(store, tmp_path)
    result = _revise(store, tmp_path, MINUTES + "ACTION: Ministry of Education => train 200 teachers by 2025-06-30.\n")
    assert result.reappeared == [traffic] and result.document.version == 3
    item = store.item(traffic)
    assert not item.vanished and item.status is Status.DONE
    assert [e.event for e in store.history(traffic)][-2:] == ["vanished", "reappeared"]
    assert len(store.items(ItemFilter(include_vanished=True))) == 4  # nothing duplicated


def test_vanishing_twice_is_recorded_once(store, tmp_path, first):
    _revise(store, tmp_path)
    result = _revise(store, tmp_path, REVISED + "ACTION: Police => patrol.\n")
    assert result.vanished == []
    traffic = first["review the traffic plan"].id
    assert [e.event for e in store.history(traffic)].count("vanished") == 1


def test_versions_are_recorded(store, tmp_path, first):
    _revise(store, tmp_path)
    rows = list(store.db.query("SELECT version, items_added, items_kept, items_vanished FROM document_versions"))
    assert [tuple(r.values()) for r in rows] == [(1, 3, 0, 0), (2, 1, 2, 1)]


def test_a_sentence_written_twice_is_one_item_with_a_mention_and_stays_so(store, tmp_path):
    text = "ACTION: Police => patrol the market.\nACTION: Police => patrol the market.\n"
    first = store.ingest(*document(tmp_path / "m.txt", text))
    assert (len(first.added), first.repeated) == (1, first.added)
    again = store.ingest(*document(tmp_path / "m.txt", "Intro.\n" + text))
    assert (again.added, again.kept, again.vanished) == ([], first.added * 2, [])
    [item] = store.items(ItemFilter(include_vanished=True))
    assert [(m.start, m.vanished) for m in item.mentions] == [(44, False)]  # its offsets after the new line


def test_a_sentence_written_twice_without_linking_is_two_items(store, tmp_path):
    text = "ACTION: Police => patrol the market.\nACTION: Police => patrol the market.\n"
    store.ingest(*document(tmp_path / "m.txt", text), link=False)
    assert len(store.items()) == 2


# -- the pure matching -------------------------------------------------

def C(key, action, *who):  # noqa: N802
    return Candidate(normalise(key), action, tuple(who))


@pytest.mark.parametrize("old, new, expected", [
    # same text: matched whatever the extractor now says
    ({"a": C("X must pay", "pay", "X")}, [C("X must pay", "settle", "Y")], {0: "a"}),
    # a date changed in the sentence: action and body still match
    ({"a": C("X to pay by March", "pay the contractors", "X")},
     [C("X to pay by April", "pay the contractors", "X")], {0: "a"}),
    # wording changed a little
    ({"a": C("t1", "submit the draft budget", "MoF")}, [C("t2", "submit the final budget", "MoF")], {0: "a"}),
    # same action, another body: a different task
    ({"a": C("t1", "pay the contractors", "X")}, [C("t2", "pay the contractors", "Y")], {}),
    # same body, different action: a different task
    ({"a": C("t1", "pay the contractors", "X")}, [C("t2", "train the teachers", "X")], {}),
    # each old item is matched once, by the closest candidate
    ({"a": C("t1", "submit the draft budget", "X")},
     [C("t2", "submit the draft budgets", "X"), C("t3", "submit the draft budget", "X")], {1: "a"}),
])
def test_match(old, new, expected):
    assert match(old, new) == expected


@pytest.mark.parametrize("texts, keys", [
    (["  Police MUST patrol. ", "police must  patrol"], ["police must patrol", "police must patrol#2"]),
    (["Bộ Tài chính phải trình dự thảo."], ["bộ tài chính phải trình dự thảo"]),
    (["پولیس کو گشت کرنا ہوگا۔"], ["پولیس کو گشت کرنا ہوگا"]),
])
def test_directive_keys(texts, keys):
    assert directive_keys(texts) == keys
