"""m002 on a database written by the first schema: items keyed by id with
every row, link, history entry, correction and search hit kept."""
from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from docket.models import migrations
from docket.models.query import ItemFilter
from docket.models.store import Store

NOW = "2025-03-01T09:00:00+00:00"


def _m001_database(path):
    """A database as docket wrote it before m002, with one document's items."""
    db = Database(path)
    first = Migrations(migrations.MIGRATION_SET)
    first(name="m001_initial")(migrations.m001_initial)
    first.apply(db)
    db.execute("PRAGMA user_version = 1")
    db["documents"].insert({"id": 1, "path": "/m.txt", "content_hash": "x", "title": "Minutes",
                            "first_ingested_at": NOW, "ingested_at": NOW})
    for seq, (item_id, action) in enumerate([("aa11", "repair the pump"), ("bb22", "paint the school")], 1):
        db["items"].insert({"seq": seq, "id": item_id, "document_id": 1, "match_key": action, "text": action,
                            "start_offset": 0, "end_offset": 5, "action": action, "responsible": '["Water Board"]',
                            "confidence": 0.9, "extracted": "{}", "status": "open", "deadline": "2025-01-01",
                            "created_at": NOW, "updated_at": NOW})
        db["item_history"].insert({"item_id": item_id, "changed_at": NOW, "event": "created", "new_status": "open"})
    db["bodies"].insert({"id": 1, "name": "Water Board"})
    db["body_aliases"].insert({"alias_key": "water board", "alias": "Water Board", "body_id": 1})
    db["item_bodies"].insert({"item_id": "aa11", "body_id": 1, "position": 0})
    db["corrections"].insert({"item_id": "bb22", "field": "action", "value": '"paint the school"',
                              "corrected_at": NOW, "corrected_by": "Lan"})
    db.conn.commit()
    db.close()


def test_m002_keys_items_by_id_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    _m001_database(path)
    with Store.open(path) as store:
        assert store.db["items"].pks == ["id"]
        assert [item.id for item in store.items(ItemFilter(search="pump"))] == ["aa11"]
        assert store.item("aa11").bodies == ["Water Board"]
        assert store.corrections("bb22")[0].corrected_by == "Lan"
        store.set_status(["bb22"], "blocked", note="no paint", by="Lan")
        assert [h.event for h in store.history("bb22")] == ["created", "status"]
    conn = sqlite3.connect(path)
    for table in ("item_history", "item_bodies", "corrections"):
        references = {(row[2], row[4]) for row in conn.execute(f"PRAGMA foreign_key_list({table})")}
        assert ("items", "id") in references
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')")  # raises when out of step
    assert conn.execute("SELECT count(*) FROM item_history").fetchone()[0] == 3
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.KNOWN)
    assert [row[0] for row in conn.execute("SELECT item FROM overdue")] == ["aa11", "bb22"]


def test_m008_folds_stored_names_and_joins_the_bodies_the_gazetteer_says_are_one(tmp_path):
    """A database at m007 with the Ministry of Finance under its English and
    its Vietnamese name, and a body no gazetteer knows."""
    path = tmp_path / "m007.db"
    db = Database(path)
    before = Migrations(migrations.MIGRATION_SET)
    for name, function in zip(migrations.KNOWN, migrations._FUNCTIONS):
        if name == "m008_mentions_and_folded_names":
            break
        before(name=name)(function)
    before.apply(db)
    db.execute("PRAGMA user_version = 7")
    db["documents"].insert({"id": 1, "path": "/m.txt", "content_hash": "x", "title": "Minutes",
                            "first_ingested_at": NOW, "ingested_at": NOW})
    for seq, (item_id, body) in enumerate([("aa11", "Ministry of Finance"), ("bb22", "Bộ Tài chính"),
                                           ("cc33", "Water Board")], 1):
        db["items"].insert({"seq": seq, "id": item_id, "document_id": 1, "match_key": item_id, "text": item_id,
                            "start_offset": 0, "end_offset": 5, "action": "pay", "responsible": f'["{body}"]',
                            "confidence": 0.9, "extracted": "{}", "status": "open",
                            "created_at": NOW, "updated_at": NOW})
        db["bodies"].insert({"id": seq, "name": body})
        db["body_aliases"].insert({"alias_key": body.casefold(), "alias": body, "body_id": seq})
        db["item_bodies"].insert({"item_id": item_id, "body_id": seq, "position": 0})
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        assert "m008_mentions_and_folded_names" in migrations.applied(store.db)
        assert {b.name: b.aliases for b in store.bodies()} == {
            "Ministry of Finance": ["Bộ Tài chính"], "Water Board": []}
        assert {i.id for i in store.items(ItemFilter(body="Bo Tai Chinh"))} == {"aa11", "bb22"}
        assert [i.id for i in store.items(ItemFilter(body="water"))] == ["cc33"]
