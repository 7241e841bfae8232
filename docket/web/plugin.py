"""docket's Datasette plugin, registered by `app.build` for its own Datasette
only: every hook does nothing unless the Datasette has docket's plugin
configuration (`plugins: {"docket": ...}` in its metadata).

- `docket_fold(text)` in SQL: the name folding `--body` matches bodies with
  (models/bodies.fold: case, spacing and diacritics aside);
- links from the item, document and body columns of docket's views and queries;
- POST /-/docket/status: a logged-in user changes an item's status, through
  `Store.set_status` as `docket status` does, recorded under the user's name;
- the permission `docket-set-status`, by default any logged-in actor.
"""
from __future__ import annotations

import asyncio
import json

import markupsafe
from datasette import hookimpl
from datasette.utils import actor_matches_allow, tilde_decode
from datasette.utils.asgi import Forbidden, Response

from docket.models import views
from docket.models.errors import DocketError
from docket.models.items import Status
from docket.models.bodies import fold
from docket.models.store import Store

NAME = "docket"
SET_STATUS = "docket-set-status"
LOGGED_IN = {"id": "*"}  # any actor with an id: someone who logged in
LINKED = {"item": "items", "document_id": "documents", "body_id": "bodies"}


def _config(datasette) -> dict | None:
    return datasette.plugin_config(NAME)


@hookimpl
def prepare_connection(conn, database, datasette):
    if _config(datasette) is not None:
        conn.create_function("docket_fold", 1, lambda text: fold(text or ""), deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    config = _config(datasette)
    # tables link their foreign keys already; views and canned queries (table
    # None) have none, so docket's column names say what a value refers to
    if config is None or database != config["database"] or table not in (None, *config["views"]):
        return None
    if column in LINKED and value is not None:
        href = datasette.urls.row(database, LINKED[column], str(value))
        return markupsafe.Markup('<a href="{}">{}</a>').format(href, value)
    if column == "bodies" and isinstance(value, str) and value.startswith("["):
        return "; ".join(json.loads(value))
    return None


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    config = _config(datasette)
    if config is None or action != SET_STATUS:
        return None
    return actor_matches_allow(actor, config.get("allow_status", LOGGED_IN))


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    config = _config(datasette)
    if config is None or template != "row.html" or database != config["database"] or table != "items":
        return {}

    async def inner():
        allowed = await datasette.permission_allowed(request.actor, SET_STATUS, default=False)
        item_id = tilde_decode(request.url_vars.get("pks", ""))
        found = await datasette.get_database(database).execute(
            views.items_select("items.id = :id"), {"id": item_id})
        item = dict(found.first()) if found.first() else None
        if item:
            item["bodies"] = "; ".join(json.loads(item["bodies"])) or "-"
        return {"docket_statuses": [status.value for status in Status], "docket_can_set_status": allowed,
                "docket_item": item}

    return inner


def _set_status(path: str, item: str, status: str, note: str | None, by: str) -> str:
    """`docket status ITEM STATUS --note NOTE --by BY`, as a message for the page."""
    with Store.open(path, create=False) as store:
        change = store.set_status([item], status, note=note, by=by)[0]
    if not change.changed:
        return f"{change.item_id} is already {change.new.value}"
    return f"{change.item_id}: {change.old.value} → {change.new.value}, recorded as {by}"


async def set_status(request, datasette):
    config = _config(datasette)
    if request.method != "POST":
        return Response.text("Send the form on an item's page to change its status.", status=405)
    if not await datasette.permission_allowed(request.actor, SET_STATUS, default=False):
        raise Forbidden("Log in to change an item's status.")
    form = await request.post_vars()
    item = (form.get("item") or "").strip()
    note = (form.get("note") or "").strip() or None
    try:
        message = await asyncio.to_thread(
            _set_status, config["path"], item, form.get("status") or "", note, request.actor["id"])
        datasette.add_message(request, message, datasette.INFO)
    except DocketError as error:
        datasette.add_message(request, str(error), datasette.ERROR)
    if not item or any(c not in "0123456789abcdef" for c in item):
        return Response.redirect(datasette.urls.table(config["database"], "items"))
    return Response.redirect(datasette.urls.row(config["database"], "items", item))


@hookimpl
def register_routes(datasette):
    if _config(datasette) is None:
        return []
    return [(r"^/-/docket/status$", set_status)]
