"""Tracking commands: list, show, status, edit, bodies, alias, stats and
documents. Each opens the store named by --db (see options.py); library
errors are reported by errors.DocketCommand."""
from __future__ import annotations

import dataclasses
import getpass
import io
import itertools
import os
import shutil
import sys
from datetime import date
from typing import Any, Iterator

import click

from docket import render
from docket.errors import DocketCommand
from docket.exports.tabular import write_csv_rows
from docket.models.errors import InputError
from docket.models.items import ActionItem, Listed, Status
from docket.models.query import NO_BODY, Counts, ItemFilter
from docket.models.records import StoredDocument
from docket.models.store import UNCHANGED, Store
from docket.options import (
    TypedDate,
    body_option,
    db_option,
    document_option,
    format_option,
    list_filter_options,
    open_store,
    today_option,
)


def default_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (containers, CI)
        return None


# -- list ---------------------------------------------------------------

def _echo_items(store: Store, filters: ItemFilter, output: str) -> None:
    today = filters.today
    if output == "json":  # written as read: one item in memory at a time
        for chunk in render.json_rows_chunks(store.iter_json(filters, today)):
            click.echo(chunk, nl=False)
        click.echo()
        return
    if output == "csv":  # the columns and escaping of `docket export x.csv`: one writer
        items = store.items(filters)
        out = io.StringIO()
        write_csv_rows(out, items, today, store.notes([item.id for item in items]), lineterminator="\n")
        click.echo(out.getvalue(), nl=False)
        return
    screen = _screen_lines()
    if screen is None:  # a file or a pipe: every row read, only what the table shows
        first, items = store.listed(filters), iter(())
    else:
        items = store.iter_items(filters)
        first = list(itertools.islice(items, screen))
    if not first:
        click.echo("No matching items.")
    elif screen and len(first) + 3 > screen:  # longer than the screen: paged as it is read
        click.echo_via_pager(_item_pages(filters, itertools.chain(first, items)))
    else:
        header, *rows = render.table(render.ITEM_HEADERS, [render.item_row(i, today) for i in first],
                                     stretch=5).split("\n")
        click.echo("\n".join([header, *_coloured(rows, first, today), "", _items_footer(first, today)]))


def _screen_lines() -> int | None:
    """The height of the terminal docket pages to, or None when output goes
    to a file or a pipe (or input is not a terminal: click's pager would
    then write straight through)."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return shutil.get_terminal_size().lines
    return None


def _coloured(rows: list[str], items: list[ActionItem] | list[Listed], today: date) -> list[str]:
    if not colour_on():
        return rows
    return [styled(row, item, today) for row, item in zip(rows, items)]


PAGER_ROWS = 500  # rows laid out and written to the pager at a time


def _item_pages(filters: ItemFilter, items: Iterator[ActionItem]) -> Iterator[str]:
    """The item table for a pager, a page of rows at a time as SQLite reads
    them: the first screen shows while the rest is read, and quitting the
    pager stops the reading. The totals come last."""
    today = filters.today
    page: list[ActionItem] = []
    counts = {"total": 0, "overdue": 0}  # the footer's, once every row is read

    def rows() -> Iterator[list[list[Any]]]:
        for chunk in iter(lambda: list(itertools.islice(items, PAGER_ROWS)), []):
            page[:] = chunk
            counts["total"] += len(chunk)
            counts["overdue"] += sum(item.is_overdue(today) for item in chunk)
            yield [render.item_row(item, today) for item in chunk]

    for lines in render.table_pages(render.ITEM_HEADERS, rows(), stretch=5):
        header, body = lines[:len(lines) - len(page)], lines[len(lines) - len(page):]
        yield "\n".join([*header, *_coloured(body, page, today)]) + "\n"
    yield "\n" + _footer(counts["total"], counts["overdue"], today)


def _items_footer(items: list[ActionItem] | list[Listed], today: date) -> str:
    """The totals under a list, counted from the items listed (every item
    the filters select): no second query of the same selection."""
    return _footer(len(items), sum(item.is_overdue(today) for item in items), today)


def _footer(total: int, overdue: int, today: date) -> str:
    return f"{total} items, {overdue} overdue (as of {today.isoformat()})"


def colour_on() -> bool:
    """Colour only for a terminal (as click decides: never into a file or a
    pipe), and never when NO_COLOR is set to anything (no-color.org)."""
    return not os.environ.get("NO_COLOR") and not click.utils.should_strip_ansi(sys.stdout)


def styled(line: str, item: ActionItem | Listed, today: date) -> str:
    """An item's line in red when overdue, else bold yellow when urgent."""
    if item.is_overdue(today):
        return click.style(line, fg="red")
    return click.style(line, fg="yellow", bold=True) if item.urgent else line


@click.command("list", cls=DocketCommand)
@list_filter_options()
@format_option("table", "json", "csv")
@db_option
@click.pass_context
def list_items(ctx: click.Context, filters: ItemFilter, output: str) -> None:
    """List tracked action items, outstanding ones by default, soonest deadline first.

    \b
    Examples:
        docket list --overdue --body "Ministry of Finance"
        docket list --due-within 14 --format csv > due.csv
        docket list --status all --search budget --format json
    """
    store = open_store(ctx)
    if filters.document_id is not None:
        store.document(filters.document_id)  # an unknown id is an error, as for show and status
    _echo_items(store, filters, output)


# -- show ---------------------------------------------------------------

def _deadline_line(item: ActionItem, corrected: set[str]) -> str:
    parts = [item.deadline.isoformat() if item.deadline else "none"]
    if item.deadline_text:
        parts.append(f'(document: "{item.deadline_text}")')
    if "deadline" in corrected:
        parts.append("[corrected]")
    return " ".join(parts)


def _item_lines(item: ActionItem, corrected: set[str], today: date) -> list[tuple[str, str]]:
    responsible = "; ".join(item.responsible) or "none found"
    if item.responsible_inherited:
        responsible += " (inherited from the preceding directive)"
    if "responsible" in corrected:
        responsible += " [corrected]"
    lines = [
        ("Action", item.action + (" [corrected]" if "action" in corrected else "")),
        ("Responsible", responsible),
        ("Bodies", "; ".join(item.bodies) or "-"),
        ("Deadline", _deadline_line(item, corrected)),
        ("Issuer", item.issuer or "-"),
    ]
    flags = render.flags(item, today)
    if flags:
        lines.append(("Flags", flags))
    return lines


def _document_lines(item: ActionItem) -> list[tuple[str, str]]:
    meeting = item.meeting_date.isoformat() if item.meeting_date else "unknown"
    lines = [
        ("Document", f"{item.document_id}: {render.shown_path(item.document_source)}"),
        ("Title", item.document_title or "-"),
        ("Meeting", f"{meeting}, language {item.lang or '?'}"),
        ("Sentence", f"“{item.text}” (characters {item.start}-{item.end})"),
    ]
    if item.speaker or item.time:
        lines.append(("Speaker", f"{item.speaker or '?'} at {item.time or '?'}"))
    for mention in item.mentions:  # where else it was raised (models/mentions.py)
        lines.append(("Also raised", mention_line(mention)))
    return lines


def mention_line(mention) -> str:
    """A mention as `show` prints it: number (for `unlink`), document,
    meeting, sentence and how it was linked."""
    meeting = mention.meeting_date.isoformat() if mention.meeting_date else "meeting date unknown"
    due = f", deadline {mention.deadline.isoformat()}" if mention.deadline else ""
    gone = " (gone from the document's latest version)" if mention.vanished else ""
    return (f"[{mention.id}] document {mention.document_id}: {render.shown_path(mention.document_source)}, "
            f"{meeting}{due}: “{mention.text}” (characters {mention.start}-{mention.end}; {mention.how}){gone}")


def _history_line(entry) -> str:
    if entry.event == "status":
        what = f"status {entry.old_status.value} → {entry.new_status.value}"
    elif entry.event in ("edit", "revised"):
        what = f"{entry.event} {entry.field}: {entry.old_value or 'none'} → {entry.new_value or 'none'}"
    elif entry.field is not None:  # mentions (models/mentions.py): what, in the values
        what = f"{entry.event} ({entry.field}: " + " → ".join(v for v in (entry.old_value, entry.new_value) if v) + ")"
    else:
        what = entry.event
    by = f" by {entry.changed_by}" if entry.changed_by else ""
    note = f" — {entry.note}" if entry.note else ""
    return f"  {entry.changed_at}  {what}{by}{note}"


@click.command("show", cls=DocketCommand)
@click.argument("item_id", metavar="ID")
@format_option("text", "json")
@today_option
@db_option
@click.pass_context
def show(ctx: click.Context, item_id: str, output: str, today: date) -> None:
    """Show one item: what, who, when, its sentence and document, and its history.

    \b
    Example:
        docket show 1a2b3c4d
    """
    store = open_store(ctx)
    item = store.item(item_id)
    history, corrections = store.history(item.id), store.corrections(item.id)
    if output == "json":
        data = {**item.to_json(today), "history": [h.to_json() for h in history],
                "corrections": {c.field: c.value for c in corrections}}
        click.echo(render.to_json(data))
        return
    corrected = {c.field for c in corrections}
    click.echo(f"{item.id}  {item.status.value}" + (f"  (to review: {item.review})" if item.review else ""))
    if store.meeting_date_source(item.document_id) == "inferred":
        click.echo("Meeting date inferred, not read from a dateline: `docket reextract DOC --meeting-date` sets it")
    for label, value in _item_lines(item, corrected, today) + _document_lines(item):
        click.echo(render.terminal_safe(f"{label + ':':<13}{value}"))
    click.echo("History:")
    for entry in history:
        click.echo(render.terminal_safe(_history_line(entry)))


# -- status and edit ----------------------------------------------------

@click.command("status", cls=DocketCommand)
@click.argument("ids_and_status", nargs=-1, required=True, metavar="ID... STATUS")
@click.option("--note", help="Why, or what was done (kept in the history).")
@click.option("--by", "by", metavar="NAME", help="Who made the change. Default: your user name.")
@format_option("text", "json", "csv")
@db_option
@click.pass_context
def status(ctx: click.Context, ids_and_status: tuple[str, ...], note: str | None, by: str | None,
           output: str) -> None:
    """Set the status of one or more items: open, in-progress, blocked, done or cancelled.

    \b
    Example:
        docket status 1a2b 9f8e done --note "sent on 3 March" --by Lan
    """
    if len(ids_and_status) < 2:
        raise click.UsageError("give at least one ID and then a STATUS, e.g. `docket status 1a2b done`")
    try:
        new = Status.parse(ids_and_status[-1])
    except InputError as error:
        raise click.BadParameter(str(error), ctx, param_hint="STATUS") from None
    changes = open_store(ctx).set_status(list(ids_and_status[:-1]), new, note=note, by=by or default_user())
    if output != "text":
        rows = [{"id": c.item_id, "old": c.old.value, "new": c.new.value, "changed": c.changed} for c in changes]
        click.echo(render.records(output, rows, ["id", "old", "new", "changed"]))
        return
    for change in changes:
        if change.changed:
            click.echo(f"{change.item_id}: {change.old.value} → {change.new.value}")
        else:
            click.echo(f"{change.item_id}: already {change.new.value}")


@click.command("edit", cls=DocketCommand)
@click.argument("item_id", metavar="ID")
@click.option("--responsible", multiple=True, metavar="NAME",
              help="Responsible body (repeat for several); replaces the extracted ones. \"\" clears.")
@click.option("--deadline", type=TypedDate(clear_word="none"), default=UNCHANGED,
              help="Correct the deadline (2025-06-30, 30/6, \"next friday\"), or `none` to remove it.")
@click.option("--action", metavar="TEXT", help="Correct the wording of the action.")
@click.option("--note", help="Why (kept in the history).")
@click.option("--by", "by", metavar="NAME", help="Who corrected it. Default: your user name.")
@format_option("text", "json", "csv")
@today_option
@db_option
@click.pass_context
def edit(ctx: click.Context, item_id: str, responsible: tuple[str, ...], deadline: date | None | Any,
         action: str | None, note: str | None, by: str | None, output: str, today: date) -> None:
    """Correct an item. Corrections are kept when the document is ingested again.

    \b
    Examples:
        docket edit 1a2b --deadline 2025-04-30 --note "extended at the March meeting"
        docket edit 1a2b --responsible "Ministry of Finance" --responsible "Provincial Police"
    """
    item, changed = open_store(ctx).edit(
        item_id, action=action, responsible=list(responsible) if responsible else None,
        deadline=deadline, by=by or default_user(), note=note,
    )
    if output != "text":
        row = {"id": item.id, "corrected": list(changed), "action": item.action, "responsible": item.responsible,
               "deadline": item.deadline.isoformat() if item.deadline else None}
        click.echo(render.to_json(row) if output == "json" else render.records(output, [row], list(row)))
        return
    click.echo(f"{item.id}: corrected {', '.join(changed)}" if changed else f"{item.id}: nothing changed")


# -- bodies, alias, documents, stats -----------------------------------

def _body_counts(store: Store, today: date) -> list[tuple[str, list[str], Counts]]:
    """Every known body, then items with no body, each with its counts."""
    counts = {group.key: group.counts for group in store.stats(ItemFilter(), today).by_body}
    rows = [(b.name, b.aliases, counts.get(b.name, Counts())) for b in store.bodies()]
    if NO_BODY in counts:
        rows.append((NO_BODY, [], counts[NO_BODY]))
    return rows


COUNT_COLUMNS = ["open", "in-progress", "blocked", "done", "cancelled", "total", "tasks", "outstanding",
                 "overdue", "percent_done"]


@click.command("bodies", cls=DocketCommand)
@format_option("table", "json", "csv")
@today_option
@db_option
@click.pass_context
def bodies_command(ctx: click.Context, output: str, today: date) -> None:
    """Responsible bodies with their open (open, in progress or blocked), overdue and done counts."""
    rows = _body_counts(open_store(ctx), today)
    if output != "table":
        records = [{"name": n, "aliases": a, **c.to_json()} for n, a, c in rows]
        click.echo(render.records(output, records, ["name", "aliases", *COUNT_COLUMNS]))
    elif not rows:
        click.echo("No bodies yet.")
    else:
        table_rows = [[n, ", ".join(a) or "-", c.outstanding, c.overdue, c.done] for n, a, c in rows]
        click.echo(render.table(["BODY", "ALIASES", "OPEN", "OVERDUE", "DONE"], table_rows, stretch=0))


@click.command("alias", cls=DocketCommand)
@click.argument("name")
@click.argument("aliases", nargs=-1, required=True)
@format_option("text", "json", "csv")
@db_option
@click.pass_context
def alias(ctx: click.Context, name: str, aliases: tuple[str, ...], output: str) -> None:
    """Give a body other names, merging the bodies known by them into NAME.

    \b
    Example:
        docket alias "Ministry of Finance" MoF "Bộ Tài chính"
    """
    body = open_store(ctx).alias(name, list(aliases))
    if output != "text":
        row = {"name": body.name, "aliases": body.aliases}
        click.echo(render.to_json(row) if output == "json" else render.records(output, [row], list(row)))
        return
    click.echo(render.terminal_safe(f"{body.name}: also {', '.join(body.aliases)}"))


@click.command("documents", cls=DocketCommand)
@format_option("table", "json", "csv")
@db_option
@click.pass_context
def documents(ctx: click.Context, output: str) -> None:
    """Documents ingested, with their version and how many items are outstanding."""
    store = open_store(ctx)
    docs = store.documents()
    counts = {group.key: group.counts for group in store.stats(ItemFilter()).by_document}
    if output != "table":
        rows = [d.to_json() for d in docs]
        click.echo(render.records(output, rows, [f.name for f in dataclasses.fields(StoredDocument)]))
        return
    rows = [[d.id, d.version, d.lang or "?", render.meeting(d.meeting_date, d.meeting_date_source),
             f"{counts[str(d.id)].outstanding}/{counts[str(d.id)].total}" if str(d.id) in counts else "0/0",
             render.clip(d.title or "-", 40), render.shown_path(d.path)] for d in docs]
    header = ["ID", "VERSION", "LANG", "MEETING", "OPEN/ALL", "TITLE", "PATH"]
    click.echo(render.table(header, rows) if rows else "No documents yet: `docket ingest FILE` adds some.")


def _group_rows(groups) -> list[list[Any]]:
    return [
        [g.label, g.counts.tasks, g.counts.done,
         "-" if g.counts.percent_done is None else f"{g.counts.percent_done}%",
         g.counts.open, g.counts.in_progress, g.counts.blocked, g.counts.overdue, g.counts.cancelled]
        for g in groups
    ]


@click.command("stats", cls=DocketCommand)
@body_option
@document_option
@format_option("table", "json", "csv")
@today_option
@db_option
@click.pass_context
def stats(ctx: click.Context, body: str | None, document_id: int | None, output: str, today: date) -> None:
    """Progress report: tasks done, percentage, overdue, per body and per document.

    Cancelled items are not counted as tasks.

    \b
    Example:
        docket stats --today 2025-03-01
    """
    figures = open_store(ctx).stats(ItemFilter(body=body, document_id=document_id), today)
    if output == "json":
        click.echo(render.to_json(figures.to_json()))
        return
    if output == "csv":  # one row per group, the totals first
        rows = [{"group": "total", "key": "", "label": "", **figures.totals.to_json()}]
        rows += [{"group": kind, **g.to_json()} for kind, groups in
                 (("body", figures.by_body), ("document", figures.by_document)) for g in groups]
        click.echo(render.records(output, rows, ["group", "key", "label", *COUNT_COLUMNS]))
        return
    t = figures.totals
    click.echo(f"{t.summary()}; {t.overdue} overdue as of {today.isoformat()}")
    click.echo(f"open {t.open}, in-progress {t.in_progress}, blocked {t.blocked}, done {t.done}, cancelled {t.cancelled}")
    header = ["TASKS", "DONE", "%", "OPEN", "IN-PROGRESS", "BLOCKED", "OVERDUE", "CANCELLED"]
    for title, groups in (("BODY", figures.by_body), ("DOCUMENT", figures.by_document)):
        if groups:
            click.echo("\n" + render.table([title] + header, _group_rows(groups), stretch=0))

