"""Datasette configured as docket's page: `build` makes it over one docket
database, `run` serves it. What is shown and who may do what is all in
`metadata` (Datasette's metadata format: titles, descriptions, facets, full-text
search, canned queries, permissions); the plugin (plugin.py) adds what
metadata cannot: links from views, and the status form.

Permissions: everyone may read the tables, views and canned queries; nobody
may run SQL of their own (it could read `web_users`, whose table is hidden
and closed); changing a status needs a login (datasette-auth-passwords, with
the accounts of `docket user add`).
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from docket.models import sql, views
from docket.models.query import ItemFilter
from docket.web import plugin

TEMPLATES = Path(__file__).parent / "templates"
BODY_PARAM = "docket_fold(:body)"  # what a person types, folded as the store folds names

ITEM_FACETS = ["status", "urgent", "document", {"array": "bodies"}]


def _queries() -> dict[str, Any]:
    outstanding = views.items_select(
        sql.live_where(ItemFilter.outstanding(body=""), {"body": BODY_PARAM}))
    overdue = views.items_select(
        sql.live_where(ItemFilter.outstanding(body="", overdue=True), {"body": BODY_PARAM}))
    return {
        "outstanding_for_body": {
            "title": "My department's outstanding items",
            "description": "Outstanding items of the bodies one of whose names contains what you type "
                           "(any case, any spacing), soonest deadline first.",
            "sql": outstanding,
        },
        "overdue_for_body": {
            "title": "Overdue, by body",
            "description": "Outstanding items past their deadline, of the bodies one of whose names "
                           "contains what you type; leave it empty for every body.",
            "sql": overdue,
        },
        "progress_per_body": {
            "title": "Progress per body",
            "description": "\"348 of 690 tasks done, 50%\" for each body one of whose names contains what "
                           "you type; empty for all. Cancelled items are not tasks.",
            "sql": views.progress_by_body(BODY_PARAM),
        },
    }


ITEM_COLUMNS = {
    "id": "The item's id, as `docket show ID` takes it",
    "seq": "Order of arrival; the key of the full-text index",
    "text": "The sentence of the document the item was found in",
    "action": "What must be done",
    "responsible": "Who must do it, as the document names them (JSON list)",
    "deadline": "By when (YYYY-MM-DD)",
    "deadline_text": "The deadline as the document words it",
    "status": "open, in-progress, blocked, done or cancelled",
    "urgent": "1 when the document says it is urgent",
    "vanished_at": "Set when the sentence is gone from the document's latest version",
    "match_key": "How re-ingesting a new version of the document finds this item again",
    "rules": "The extraction rules that found it (JSON list)",
    "extracted": "What the extractor found, before any correction (JSON)",
}


def _tables() -> dict[str, Any]:
    tables: dict[str, Any] = {
        "items": {
            "description": "Every action item found, with its status. The views (outstanding, overdue, ...) "
                           "show the same items in fewer columns.",
            "label_column": "action",
            "fts_table": "items_fts",
            "fts_pk": "seq",
            "facets": ["status", "urgent", "document_id", {"array": "responsible"}],
            "columns": ITEM_COLUMNS,
        },
        "documents": {"description": "The documents ingested, one row per path.", "label_column": "title",
                      "facets": ["lang", "format"]},
        "bodies": {"description": "Responsible bodies; their other names are in body_aliases.",
                   "label_column": "name"},
        "body_aliases": {"description": "Every name a body goes by, set with `docket alias`."},
        "item_bodies": {"description": "Which bodies each item names, in order."},
        "item_history": {"description": "Everything that happened to each item, oldest first.",
                         "facets": ["event", "changed_by"]},
        "corrections": {"description": "A secretary's corrections, kept when a document is ingested again."},
        "document_versions": {"description": "Each version of a document ingested, and what it changed."},
        "web_users": {"hidden": True, "allow": False},
        "_sqlite_migrations": {"hidden": True},
    }
    for view in views.views():
        tables[view.name] = {"title": view.title, "description": view.description}
        if view.name not in ("progress_by_body", "progress_by_document"):
            tables[view.name]["facets"] = ITEM_FACETS
    return tables


def database_name(path: str | Path) -> str:
    """The name Datasette gives a database file: its stem."""
    return Path(path).stem


def metadata(path: str | Path, accounts: dict[str, str]) -> dict[str, Any]:
    name = database_name(path)
    return {
        "title": "docket: action items",
        "description_html": (
            "Action items found in meeting minutes and reports, with who must act and by when. "
            "Start with the <strong>outstanding</strong>, <strong>overdue</strong> and "
            "<strong>due_this_week</strong> views, or the queries for one department. "
            "Log in to change an item's status."
        ),
        "allow_sql": False,
        "plugins": {
            "datasette-auth-passwords": {f"{user}_password_hash": hashed for user, hashed in accounts.items()},
            plugin.NAME: {"path": str(Path(path).resolve()), "database": name,
                          "views": [view.name for view in views.views()]},
        },
        "databases": {
            name: {
                "description": "docket's tracking database",
                "tables": _tables(),
                "queries": _queries(),
            }
        },
    }


def build(path: str | Path, accounts: dict[str, str], secret: str | None = None) -> Datasette:
    """Datasette over the docket database at `path` (checked and migrated by
    the caller), with `accounts` (user name -> password hash) able to log in."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name=plugin.NAME)
    return Datasette(files=[str(path)], metadata=metadata(path, accounts),
                     template_dir=str(TEMPLATES), secret=secret)


def run(datasette: Datasette, host: str, port: int) -> None:
    """Serve until interrupted, as `datasette serve` does."""
    import uvicorn

    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
