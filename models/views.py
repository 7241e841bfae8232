"""SQL views of the store for people browsing it in any SQLite tool (and
`docket serve`): outstanding, overdue, due this week, progress per body and
per document. Each is written from the same `ItemFilter` conditions and
figures as `docket list` and `docket stats` (models/sql.py), never by hand,
so "overdue" means one thing everywhere. A view holds no data: `refresh`
re-creates those whose SQL differs from this docket's.
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from docket.models import sql
from docket.models.items import Status
from docket.models.query import NO_BODY, ItemFilter

DUE_SOON_DAYS = 7

# The canonical names of an item's bodies, in the order the item names them, as
# a JSON array (Datasette facets on arrays).
_BODIES_JSON = """(SELECT json_group_array(name) FROM (
    SELECT bodies.name FROM item_bodies JOIN bodies ON bodies.id = item_bodies.body_id
    WHERE item_bodies.item_id = items.id ORDER BY item_bodies.position))"""

ITEM_VIEW_COLUMNS = f"""items.id AS item, items.action, {_BODIES_JSON} AS bodies,
       items.deadline, items.status, items.urgent,
       COALESCE(documents.title, documents.path) AS document, items.document_id"""


def items_select(condition: str) -> str:
    """Items a person reads (not the 24 stored columns), soonest deadline first."""
    return (f"SELECT {ITEM_VIEW_COLUMNS}\nFROM items JOIN documents ON documents.id = items.document_id\n"
            f"WHERE {condition}\nORDER BY {sql.ITEM_ORDER}")


def _figures(group_columns: str, source: str) -> str:
    """Counts per group, then what `Counts` derives from them: tasks (all but
    cancelled), done, percent done rounded down and its one-line summary."""
    overdue = sql.overdue_sql(sql.TODAY_SQL)
    tasks = "(total - cancelled)"
    percent = f"CASE WHEN {tasks} > 0 THEN 100 * done / {tasks} END"
    outstanding = " + ".join(status.value.replace("-", "_") for status in Status.outstanding())
    statuses = ", ".join(status.value.replace("-", "_") for status in Status if status != Status.DONE)
    return f"""SELECT {group_columns}, {tasks} AS tasks, done, {percent} AS percent_done,
       done || ' of ' || {tasks} || ' tasks done' || COALESCE(', ' || ({percent}) || '%', '') AS progress,
       {outstanding} AS outstanding, overdue, {statuses}, total
FROM (SELECT {group_columns}, {sql.counts_sql(overdue)}
      FROM {source}
      GROUP BY {group_columns})"""


def progress_by_body(body_sql: str | None = None) -> str:
    """Per body (an item counts for each of its bodies; items with none under
    `NO_BODY`), as `Stats.by_body`. With `body_sql`, an SQL expression of
    normalised text, only the bodies one of whose names contains it (all of
    them, and `NO_BODY`, when it is empty)."""
    items = sql.live_where(ItemFilter())
    named = "1" if body_sql is None else f"bodies.id IN ({sql.inline(sql.BODIES_NAMED, {}, {'body': body_sql})})"
    nobody = "1" if body_sql is None else f"{body_sql} = ''"
    source = f"""(SELECT bodies.id AS body_id, bodies.name AS body, items.*
       FROM items JOIN item_bodies ON item_bodies.item_id = items.id
       JOIN bodies ON bodies.id = item_bodies.body_id
       WHERE {items} AND {named}
       UNION ALL
       SELECT NULL, {sql.literal(NO_BODY)}, items.* FROM items
       WHERE {items} AND {nobody}
       AND NOT EXISTS (SELECT 1 FROM item_bodies WHERE item_bodies.item_id = items.id)) AS items"""
    return _figures("body_id, body", source) + "\nORDER BY body_id IS NULL, body COLLATE NOCASE"


def progress_by_document() -> str:
    """Per document, as `Stats.by_document`."""
    items = sql.live_where(ItemFilter())
    source = f"""(SELECT documents.id AS document_id, COALESCE(documents.title, documents.path) AS document, items.*
       FROM items JOIN documents ON documents.id = items.document_id WHERE {items}) AS items"""
    return _figures("document_id, document", source) + "\nORDER BY document_id"


@dataclass(frozen=True)
class View:
    name: str
    title: str
    description: str
    sql: str


def views() -> list[View]:
    return [
        View("outstanding", "Outstanding", "Items still to do (open, in progress or blocked), soonest deadline first.",
             items_select(sql.live_where(ItemFilter.outstanding()))),
        View("overdue", "Overdue", "Outstanding items whose deadline is before today.",
             items_select(sql.live_where(ItemFilter.outstanding(overdue=True)))),
        View("due_this_week", "Due this week",
             f"Outstanding items due from today to {DUE_SOON_DAYS} days from today.",
             items_select(sql.live_where(ItemFilter.outstanding(due_within=DUE_SOON_DAYS)))),
        View("progress_by_body", "Progress per body",
             "Tasks done per responsible body (an item with several bodies counts for each); "
             "cancelled items are not tasks.", progress_by_body()),
        View("progress_by_document", "Progress per document", "Tasks done per document.",
             progress_by_document()),
    ]


def _create(view: View) -> str:
    return f"CREATE VIEW {view.name} AS\n{view.sql}"


def stale(db: Database) -> list[View]:
    """The views missing or written by another docket."""
    stored = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall())
    return [view for view in views() if stored.get(view.name) != _create(view)]


def refresh(db: Database, which: list[View]) -> None:
    """(Re-)create `which`, inside the caller's write transaction."""
    for view in which:
        db.execute(f"DROP VIEW IF EXISTS {view.name}")
        db.execute(_create(view))
