"""`docket export FILE`: the tracked items, chosen with the filters of
`docket list`, written as Word, CSV, JSON, Markdown or iCalendar."""
from __future__ import annotations

from datetime import date

import click

from docket.errors import DocketCommand
from docket.exports import ExportOptions, check_options, export, streamed
from docket.exports.common import ENTRY_KINDS, FORMATS, GROUP_BY, LAYOUTS, describe_selection, meetings_covered
from docket.exports.language import available, load_labels, majority_language
from docket.exports.settings import load_settings
from docket.models.query import ItemFilter
from docket.options import db_option, db_path, list_filter_options, open_store

FORMAT_NAMES = "|".join(sorted(set(FORMATS.values())))


@click.command("export", cls=DocketCommand)
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
@click.option("--lang", type=click.Choice(available()),
              help="Language of the labels, status words and dates. Default: docket.toml's, "
                   "else the language most of the items are in.")
@click.option("--layout", type=click.Choice(LAYOUTS),
              help="Word action list: one table with a row per group (compact, the default) "
                   "or a heading and a table per group (sections).")
@click.option("--org", "organisation", metavar="TEXT",
              help="Organisation in the page header (.docx). Default: docket.toml's.")
@click.option("--ref", "reference", metavar="TEXT",
              help="Reference number in the page header (.docx). Default: docket.toml's.")
@list_filter_options(default_status="all")  # an export shows done work too, unless asked not to
@db_option
@click.pass_context
def export_command(ctx: click.Context, file: str, fmt: str | None, group_by: str | None, report: bool,
                   title: str | None, calendar_entry: str, lang: str | None, layout: str | None,
                   organisation: str | None, reference: str | None, filters: ItemFilter) -> None:
    """Export tracked items to FILE: .docx (an action list to circulate, or
    with --report the progress figures), .csv, .json, .md or .ics. Takes the
    filters of `docket list`, but every status by default. The file is
    replaced only once the new one is complete.

    Labels, dates and status words are in the list's language (--lang).
    The Word page header carries --org, --ref and the date; both can be
    set once in docket.toml beside the database:

    \b
        [export]
        organisation = "Office of the Provincial People's Committee"
        reference = "38/TB-VP"
        lang = "vi"

    \b
    Examples:
        docket export actions.docx --group-by body --lang vi --ref 38/TB-VP
        docket export overdue.docx --overdue --body "Ministry of Finance"
        docket export report.docx --report --today 2025-03-31
        docket export deadlines.ics --status open --status in-progress
    """
    today: date = filters.today
    settings = load_settings(db_path(ctx)).overridden(
        organisation=organisation, reference=reference, lang=lang)
    options = ExportOptions(today=today, format=fmt, title=title, group_by=group_by, report=report,
                            calendar_entry=calendar_entry, lang=settings.lang, layout=layout,
                            organisation=settings.organisation, reference=settings.reference)
    fmt = check_options(file, options)
    store = open_store(ctx)
    document = store.document(filters.document_id).title if filters.document_id is not None else None
    stats = store.stats(filters, today)
    options.lang = options.lang or majority_language(store.item_languages(filters))
    options.scope = describe_selection(filters, document, load_labels(options.lang))
    if streamed(fmt, options):  # written as read: one item in memory at a time
        items, notes = store.iter_items(filters), store.notes() if fmt == "docx" else None
        meetings = meetings_covered(store.iter_items(filters)) if fmt == "docx" else None
    else:
        items, meetings = store.items(filters), None
        notes = store.notes([item.id for item in items])
    result = export(items, file, options, stats=stats, notes=notes, meetings=meetings)
    click.echo(_written(result.rows, stats.totals.total, fmt, report, file))


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

