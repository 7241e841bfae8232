"""`docket export FILE`: the tracked items, chosen with the filters of
`docket list`, written as Word, CSV, JSON, Markdown or iCalendar."""
from __future__ import annotations

import copy
from typing import Any

import click

from docket.cmd_store import _list_filter, list_items, open_store, today_from
from docket.exports import ExportOptions, check_options, export
from docket.exports.common import FORMATS, GROUP_BY, describe_selection
from docket.exports.ical import ENTRY_KINDS

# `docket list`'s own options, shared rather than copied so the two commands
# cannot drift apart; its --format (table/json/csv) means something else here.
LIST_FILTERS = ("statuses", "overdue", "due_before", "due_within", "body", "document_id", "search",
                "urgent", "no_deadline", "include_vanished", "today_text")
STATUS_HELP = "open, in-progress, blocked, done, cancelled, or all; repeatable. Default: all."
FORMAT_NAMES = "|".join(sorted(set(FORMATS.values())))


def _with_list_filters(command: click.Command) -> click.Command:
    for param in list_items.params:
        if param.name in LIST_FILTERS:
            if param.name == "statuses":  # an export shows done work too, unless asked not to
                param = copy.copy(param)
                param.help = STATUS_HELP
            command.params.append(param)
    return command


@_with_list_filters
@click.command("export")
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", metavar=FORMAT_NAMES,
              help="Format to write. Default: from FILE's extension.")
@click.option("--group-by", type=click.Choice(GROUP_BY),
              help="One heading and table per body, document, deadline month or status (.docx, .md).")
@click.option("--report", is_flag=True,
              help="Word progress report: the figures of `docket stats` as tables (.docx).")
@click.option("--title", help='Document title. Default: "Action list" or "Progress report".')
@click.option("--calendar-entry", type=click.Choice(ENTRY_KINDS), default="todo", show_default=True,
              help="iCalendar: to-dos with a due date, or all-day events (.ics).")
@click.pass_context
def export_command(ctx: click.Context, file: str, fmt: str | None, group_by: str | None, report: bool,
                   title: str | None, calendar_entry: str, today_text: str | None, **filters: Any) -> None:
    """Export tracked items to FILE: .docx (an action list to circulate, or
    with --report the progress figures), .csv, .json, .md or .ics. Takes the
    filters of `docket list`, but every status by default. The file is
    replaced only once the new one is complete.

    \b
    Examples:
        docket export actions.docx --group-by body
        docket export overdue.docx --overdue --body "Ministry of Finance"
        docket export report.docx --report --today 2025-03-31
        docket export deadlines.ics --status open --status in-progress
    """
    today = today_from(today_text)
    options = ExportOptions(today=today, format=fmt, title=title, group_by=group_by, report=report,
                            calendar_entry=calendar_entry)
    fmt = check_options(file, options)
    item_filter = _list_filter({**filters, "statuses": filters["statuses"] or ("all",)}, today)
    store = open_store(ctx)
    document = store.document(item_filter.document_id).title if item_filter.document_id is not None else None
    options.scope = describe_selection(item_filter, document)
    items = store.items(item_filter)
    result = export(items, file, options, stats=store.stats(item_filter, today))
    click.echo(_written(result.rows, len(items), fmt, report, file))


def _written(rows: int, items: int, fmt: str, report: bool, file: str) -> str:
    if report:
        return f"Wrote the progress report of {items} actions to {file}"
    if fmt == "ics":
        left_out = items - rows
        note = f" ({left_out} without a deadline date left out)" if left_out else ""
        return f"Wrote {rows} calendar entries to {file}{note}"
    if rows != items:  # grouped by body: an item with two bodies is listed twice
        return f"Wrote {items} actions ({rows} rows) to {file}"
    return f"Wrote {items} actions to {file}"


def register(main: click.Group) -> None:
    main.add_command(export_command)
