"""The one query behind every item docket shows or counts: `ITEMS_SQL` with
a WHERE built from an `ItemFilter`, and the row-to-`ActionItem` conversion."""
from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from typing import Any, Iterable

from docket.models.items import ActionItem, Listed, Mention, Status
from docket.models.bodies import fold
from docket.models.query import NO_BODY, ItemFilter

ITEM_COLUMNS = [
    "id", "document_id", "text", "start_offset", "end_offset", "action", "responsible",
    "responsible_inherited", "issuer", "deadline_text", "deadline", "urgent", "recurring",
    "confidence", "status", "vanished_at", "speaker", "cue_time", "created_at", "updated_at", "review",
]

# Only the columns an ActionItem needs: rows are sorted whole, and the
# `extracted` JSON would double what is sorted.
ITEMS_SQL = """
SELECT {columns},
       documents.path AS document_path,
       documents.title AS document_title,
       documents.lang AS document_lang,
       documents.meeting_date AS document_meeting_date
FROM items JOIN documents ON documents.id = items.document_id
WHERE {where}
ORDER BY {order}
""".replace("{columns}", ", ".join(f"items.{c}" for c in ITEM_COLUMNS))

# Soonest deadline first, undated last; then document and position.
ITEM_ORDER = "items.deadline IS NULL, items.deadline, items.document_id, items.start_offset, items.id"
ITEMS_SQL = ITEMS_SQL.replace("{order}", ITEM_ORDER)

# What the table of `docket list` shows (items.Listed), in list order.
LISTED_SQL = """
SELECT items.id, items.status, items.deadline, items.deadline_text, items.urgent, items.recurring,
       items.vanished_at, items.review, items.responsible, items.action
FROM items
WHERE {where}
ORDER BY """ + ITEM_ORDER

# The canonical body names of a page of items (ids given as parameters),
# asked once per page of rows read rather than once for the whole selection:
# the first page needs the bodies of its own items only. In the order each
# item names them, sorted by SQLite (a page's few hundred rows), not per
# item in Python.
BODIES_SQL = """
SELECT item_bodies.item_id, bodies.name
FROM item_bodies JOIN bodies ON bodies.id = item_bodies.body_id
WHERE item_bodies.item_id IN ({ids})
ORDER BY item_bodies.item_id, item_bodies.position, bodies.name
"""


# Where else the same items were raised (models/mentions.py), in the order
# they were linked. `where` names mentions' own columns (mentions.item_id),
# so the items themselves are not read again.
MENTIONS_SQL = """
SELECT mentions.item_id, mentions.id, mentions.document_id, documents.path, documents.title,
       documents.meeting_date, mentions.text, mentions.start_offset, mentions.end_offset,
       mentions.deadline_text, mentions.deadline, mentions.how, mentions.vanished_at
FROM mentions
JOIN documents ON documents.id = mentions.document_id
WHERE {where}
ORDER BY mentions.id
"""


def mentions_by_item(rows: Iterable[tuple]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for item_id, mention_id, document_id, path, title, meeting, text, start, end, due_text, due, how, gone in rows:
        found.setdefault(item_id, []).append(Mention(
            id=mention_id, document_id=document_id, document_source=path, document_title=title,
            meeting_date=iso_date(meeting), text=text, start=start, end=end, deadline_text=due_text,
            deadline=iso_date(due), how=how, vanished=gone is not None))
    return found


def bodies_sql(count: int) -> str:
    """BODIES_SQL for `count` item ids."""
    return BODIES_SQL.format(ids=", ".join("?" * count))


def body_names(rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """item id -> canonical body names in the order the item names them
    (rows of BODIES_SQL, in that order)."""
    found: dict[str, list[str]] = {}
    for item_id, name in rows:
        if item_id in found:
            found[item_id].append(name)
        else:
            found[item_id] = [name]
    return found


@lru_cache(maxsize=4096)
def _names(text: str) -> tuple[str, ...]:
    # the same few lists of bodies recur across thousands of items
    return tuple(json.loads(text))

OUTSTANDING = tuple(status.value for status in Status.outstanding())

# The one definition, in SQL, of the two words every list, figure, view and
# export uses (ActionItem.is_overdue says the same of one item in Python):
# outstanding is still to do; overdue is outstanding with a deadline before today.
# A unary + keeps SQLite from reading items by a status or deadline index:
# the conditions select most items, and reading them through the
# `items_list_order` index gives them in the order printed, with no sort, so
# the first page is ready at once. Conditions that select few items (ids,
# --search, --body, --document) stay indexable and lead instead.
OUTSTANDING_SQL = "+items.status IN (" + ", ".join(f"'{value}'" for value in OUTSTANDING) + ")"


def overdue_sql(today: str) -> str:
    """SQL true for an overdue item; `today` is SQL (a :parameter or `TODAY_SQL`)."""
    return f"+items.deadline < {today} AND {OUTSTANDING_SQL}"


def counts_sql(overdue: str, count: str = "COUNT(*){filter}") -> str:
    """The figures of `query.Counts` as aggregates over `items` rows:
    total, one count per status and overdue (`overdue`: `overdue_sql(...)`).
    `count` adds up rows, its {filter} the FILTER clause of each figure:
    COUNT(*) counts them; the tally (m010's body_tally, read as `items`)
    adds up its rows' counts. The last status is the total less the others
    (items.status is one of Status, by the table's CHECK): SQLite works out
    an aggregate written twice once, so that figure costs no pass of its own
    (5% of `docket stats` at 100,000 items)."""
    def figure(condition: str | None) -> str:
        return count.format(filter=f" FILTER (WHERE {condition})" if condition else "")

    *counted, last = Status
    figures = [figure(f"items.status = {literal(status.value)}") for status in counted]
    per_status = ",\n       ".join(
        [f"{each} AS {status.value.replace('-', '_')}" for each, status in zip(figures, counted)]
        + [f"{figure(None)} - " + " - ".join(figures) + f" AS {last.value.replace('-', '_')}"])
    return f"{figure(None)} AS total,\n       {per_status},\n       {figure(overdue)} AS overdue"


# An item is counted unless it vanished from its document or waits for a
# person's review (unless asked for); `row` is the table or trigger row
# (items, new, old): the plain selection, `where(ItemFilter())`, is both, and
# the tally of `docket stats` per body (migration m010) counts those items.
VISIBLE_SQL = "{row}.vanished_at IS NULL"
REVIEWED_SQL = "{row}.review IS NULL"


def tracked_sql(row: str) -> str:
    """SQL true for an item of the plain selection (`where(ItemFilter())`)."""
    return f"{VISIBLE_SQL.format(row=row)} AND {REVIEWED_SQL.format(row=row)}"


def _in(column: str, values: tuple[str, ...], name: str, params: dict[str, Any]) -> str:
    names = []
    for index, value in enumerate(values):
        params[f"{name}{index}"] = value
        names.append(f":{name}{index}")
    return f"{column} IN ({', '.join(names) or 'NULL'})"


# The bodies one of whose names contains :body, already `fold`ed (bodies.fold:
# diacritics aside, as --search; the gazetteer's names are among a body's).
BODIES_NAMED = "SELECT body_id FROM body_aliases WHERE instr(alias_fold, :body) > 0"


# How many counted items the bodies named :body hold, from m010's tally:
# what `Store._body_leads` weighs against the size of the store.
BODY_ITEMS_SQL = f"SELECT TOTAL(items) FROM body_tally WHERE body_id IN ({BODIES_NAMED})"


def _date_conditions(filters: ItemFilter, params: dict[str, Any]) -> list[str]:
    today = filters.reference_date().isoformat()
    conditions = []
    if filters.overdue:
        params["today"] = today
        conditions.append(overdue_sql(":today"))
    if filters.due_before is not None:
        params["due_before"] = filters.due_before.isoformat()
        conditions.append("+items.deadline <= :due_before")
    if filters.due_within is not None:
        params["within_start"], params["within_end"] = today, filters.due_within_end().isoformat()
        conditions.append("+items.deadline BETWEEN :within_start AND :within_end")
    if filters.no_deadline:
        conditions.append("+items.deadline IS NULL")
    return conditions


def _text_conditions(filters: ItemFilter, params: dict[str, Any], fts_query: str | None,
                     body_leads: bool) -> list[str]:
    conditions = []
    if filters.body is not None:
        params["body"] = fold(filters.body)
        # a unary + keeps the body's items from leading: they are then
        # picked out of the items read in list order (see `where`)
        column = "items.id" if body_leads else "+items.id"
        conditions.append(
            f"{column} IN (SELECT item_bodies.item_id FROM item_bodies WHERE item_bodies.body_id IN ({BODIES_NAMED}))"
        )
    if fts_query is not None:
        params["search"] = fts_query
        conditions.append("items.seq IN (SELECT rowid FROM items_fts WHERE items_fts MATCH :search)")
    return conditions


def where(filters: ItemFilter, fts_query: str | None = None, *,
          body_leads: bool = True) -> tuple[str, dict[str, Any]]:
    """SQL condition and parameters for `filters`. `fts_query` is the search
    text already quoted for FTS5 (sqlite-utils' `Database.quote_fts`).

    With `body_leads`, SQLite starts from the items of the --body and sorts
    them, which suits a body with few items; without, it reads items in list
    order and keeps the body's, which gives the first page of a body with
    many at once, where sorting all of them first would not
    (`Store._body_leads` chooses)."""
    params: dict[str, Any] = {}
    conditions = ["1"]
    if not filters.include_vanished:
        conditions.append(VISIBLE_SQL.format(row="items"))
    if not filters.include_review and filters.ids is None:  # asked by id: shown whatever its review
        conditions.append(REVIEWED_SQL.format(row="items"))
    if filters.statuses is not None:
        statuses = tuple(Status(s).value for s in filters.statuses)
        conditions.append(_in("+items.status", statuses, "status", params))
    if filters.ids is not None:
        conditions.append(_in("items.id", tuple(filters.ids), "id", params))
    if filters.document_id is not None:
        params["document_id"] = filters.document_id
        conditions.append("items.document_id = :document_id")
    if filters.urgent:
        conditions.append("+items.urgent = 1")
    conditions += _date_conditions(filters, params)
    conditions += _text_conditions(filters, params, fts_query, body_leads)
    return " AND ".join(conditions), params


# SQL that stands for what `ItemFilter.reference_date` is in Python, where SQL
# has no parameters to take it (views, canned queries): the local date.
TODAY_SQL = "date('now', 'localtime')"


def literal(value: Any) -> str:
    """`value` written as an SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return str(int(value) if isinstance(value, bool) else value)
    return "'" + str(value).replace("'", "''") + "'"


def inline(condition: str, params: dict[str, Any], expressions: dict[str, str] | None = None) -> str:
    """`condition` with each :name replaced by the SQL of `expressions[name]`,
    else by its value in `params` as a literal: for SQL stored without its
    parameters, such as a view."""
    expressions = expressions or {}

    def replace(match: re.Match) -> str:
        name = match.group(1)
        return expressions[name] if name in expressions else literal(params[name])

    return re.sub(r":(\w+)", replace, condition)


def live_where(filters: ItemFilter, expressions: dict[str, str] | None = None) -> str:
    """The condition of `where(filters)` for SQL that runs on a later day
    than it is written: today is the day the SQL runs (`TODAY_SQL`), so a view
    of overdue items is right tomorrow too. `expressions` replaces other
    parameters, e.g. {"body": "docket_fold(:body)"} for a canned query."""
    condition, params = where(filters)
    today = {"today": TODAY_SQL, "within_start": TODAY_SQL}
    if filters.due_within is not None:
        today["within_end"] = f"date('now', 'localtime', '+{int(filters.due_within)} days')"
    return inline(condition, params, {**today, **(expressions or {})})


def iso_date(value: str | None) -> date | None:
    """A stored ISO date, or None."""
    return date.fromisoformat(value) if value else None


def row_to_item(row: tuple, bodies: list[str]) -> ActionItem:
    """An ActionItem from a row of ITEMS_SQL (its columns in that order)."""
    (item_id, document_id, text, start, end, action, responsible, inherited, issuer, deadline_text, deadline,
     urgent, recurring, confidence, status, vanished_at, speaker, cue_time, created_at, updated_at, review,
     path, title, lang, meeting_date) = row
    return ActionItem(
        id=item_id,
        document_id=document_id,
        document_source=path,
        document_title=title,
        lang=lang or "",
        meeting_date=_date(meeting_date) if meeting_date else None,
        text=text,
        start=start,
        end=end,
        action=action,
        responsible=list(_names(responsible)),
        responsible_inherited=bool(inherited),
        issuer=issuer,
        deadline_text=deadline_text,
        deadline=_date(deadline) if deadline else None,
        urgent=bool(urgent),
        recurring=bool(recurring),
        confidence=confidence,
        status=_STATUS[status],
        vanished=vanished_at is not None,
        speaker=speaker,
        time=cue_time,
        created_at=created_at,
        updated_at=updated_at,
        bodies=bodies,
        review=review,
    )


def row_to_json(row: tuple, bodies: list[str], mentions: list[Mention], today: date | None) -> dict[str, Any]:
    """`row_to_item(row, bodies)` with these `mentions`, as its `to_json(today)`,
    read straight from the row: the same keys in the same order and the same
    values (tests/test_store_sql_paths.py compares the two on every filter),
    without building the ActionItem first, which with to_json was a third
    of `list --format json`'s time for 60,000 items."""
    (item_id, document_id, text, start, end, action, responsible, inherited, issuer, deadline_text, deadline,
     urgent, recurring, confidence, status, vanished_at, speaker, cue_time, created_at, updated_at, review,
     path, title, lang, meeting_date) = row
    due = _iso(deadline) if deadline else None
    data = {
        "id": item_id, "document_id": document_id, "document_source": path, "document_title": title,
        "lang": lang or "", "meeting_date": _iso(meeting_date) if meeting_date else None,
        "text": text, "start": start, "end": end, "action": action, "responsible": list(_names(responsible)),
        "responsible_inherited": bool(inherited), "issuer": issuer,
        "deadline": {"text": deadline_text or "", "date": due} if due or deadline_text else None,
        "urgent": bool(urgent), "recurring": bool(recurring), "confidence": confidence,
        "status": _STATUS_VALUE[status], "vanished": vanished_at is not None, "speaker": speaker,
        "time": cue_time, "created_at": created_at, "updated_at": updated_at, "bodies": bodies,
        "review": review, "mentions": [mention.to_json() for mention in mentions],
    }
    if today is not None:  # ISO dates compare as the days they are
        data["overdue"] = due is not None and due < today.isoformat() and status in OUTSTANDING
    return data


def row_to_listed(row: tuple) -> Listed:
    """A Listed from a row of LISTED_SQL: the values row_to_item gives the same fields."""
    item_id, status, deadline, deadline_text, urgent, recurring, vanished_at, review, responsible, action = row
    # made as the tuple it is: a NamedTuple's own __new__ is a Python call more per row
    return _new_tuple(Listed, (item_id, _STATUS[status], _date(deadline) if deadline else None, deadline_text,
                               bool(urgent), bool(recurring), vanished_at is not None, review, _names(responsible),
                               action))


_new_tuple = tuple.__new__


# Deadlines and meeting dates recur across thousands of rows: each parsed once.
_date = lru_cache(maxsize=8192)(date.fromisoformat)
_STATUS = {status.value: status for status in Status}
_STATUS_VALUE = {value: value for value in _STATUS}  # a stored status checked as _STATUS checks it


@lru_cache(maxsize=8192)
def _iso(value: str) -> str:
    """A stored date as its date's isoformat() (the same text for a date docket
    wrote; what to_json would print for any other that parses)."""
    return _date(value).isoformat()


# Counts' fields in the order `counts_sql` gives them, after the total.
COUNT_FIELDS = tuple(status.value.replace("-", "_") for status in Status)


def stats_sql(condition: str, today: str) -> tuple[str, str]:
    """The figures of the items `condition` selects as of `today` (SQL): per
    document (key, label, counts), and per body id, an item counting once
    for each of its bodies and under NULL when it has none."""
    counts = counts_sql(overdue_sql(today))
    by_document = f"""SELECT items.document_id,
       CASE WHEN documents.title IS NULL OR documents.title = '' THEN documents.path ELSE documents.title END,
       {counts}
FROM items JOIN documents ON documents.id = items.document_id
WHERE {condition}
GROUP BY items.document_id ORDER BY items.document_id"""
    # per body id, unsorted (grouping by a name would sort text): Store.stats
    # names them and adds up bodies of one name; no body is NULL
    by_body = f"""SELECT item_bodies.body_id, NULL, {counts}
FROM items LEFT JOIN item_bodies ON item_bodies.item_id = items.id
WHERE {condition}
GROUP BY item_bodies.body_id"""
    return by_document, by_body


def tallied_by_body_sql(today: str) -> str:
    """`stats_sql`'s figures per body for the plain selection
    (`where(ItemFilter())`), added up from m010's `body_tally` instead of
    joining every item to its bodies: a tally row holds how many such items
    of one body (0: none) have one status and one deadline, so the same
    status and overdue conditions read its columns under the name `items`."""
    tallied = counts_sql(overdue_sql(today), "CAST(TOTAL(items.items){filter} AS INTEGER)")
    return f"""SELECT NULLIF(items.body_id, 0), NULL, {tallied}
FROM body_tally AS items
GROUP BY items.body_id
HAVING TOTAL(items.items) > 0"""


def totals_sql(condition: str, today: str) -> str:
    return f"SELECT NULL, NULL, {counts_sql(overdue_sql(today))}\nFROM items WHERE {condition}"
