"""Tracking commands: list, show, status, edit, bodies, alias, stats,
documents (and ingest, from cmd_ingest). Each opens the store named by the
global --db option; library errors become `Error: ...` in cli.py."""
from __future__ import annotations

import getpass
from datetime import date
from typing import Any, Callable

import click

from docket import render
from docket.models.items import ActionItem, Status
from docket.models.query import NO_BODY, Counts, ItemFilter, compute_stats, parse_date
from docket.models.store import UNCHANGED, Store


def open_store(ctx: click.Context, create: bool = False) -> Store:
    """The store at --db / DOCKET_DB, closed when the command ends."""
    store = Store.open(ctx.obj["db_path"], create=create)
    ctx.call_on_close(store.close)
    return store


def today_option(command: Callable) -> Callable:
    return click.option(
        "--today", "today_text", metavar="YYYY-MM-DD",
        help="Count overdue and due-soon from this date instead of the real today.",
    )(command)


def format_option(*choices: str) -> Callable:
    return click.option("--format", "output", type=click.Choice(choices), default=choices[0],
                        show_default=True, help="table for people, json or csv for programs.")


def today_from(text: str | None) -> date:
    return parse_date(text, "--today") if text else date.today()


def default_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (containers, CI)
        return None


def parse_statuses(values: tuple[str, ...]) -> tuple[Status, ...] | None:
    """--status values (repeatable, comma-separated, or `all`); default outstanding."""
    words = [w for value in values for w in value.split(",") if w.strip()]
    if not words:
        return Status.outstanding()
    if any(w.strip().lower() == "all" for w in words):
        return None
    return tuple(dict.fromkeys(Status.parse(w) for w in words))


# -- list ---------------------------------------------------------------

def _list_filter(options: dict[str, Any], today: date) -> ItemFilter:
    return ItemFilter(
        statuses=parse_statuses(options["statuses"]),
        overdue=options["overdue"],
        due_before=parse_date(options["due_before"], "--due-before") if options["due_before"] else None,
        due_within=options["due_within"],
        body=options["body"],
        document_id=options["document_id"],
        search=options["search"],
        urgent=options["urgent"],
        no_deadline=options["no_deadline"],
        include_vanished=options["include_vanished"],
        today=today,
    )


def _echo_items(items: list[ActionItem], output: str, today: date) -> None:
    if output == "json":
        click.echo(render.to_json_rows([item.to_json(today) for item in items]))
    elif output == "csv":
        click.echo(render.to_csv(render.CSV_HEADERS, [render.item_csv_row(i, today) for i in items]))
    elif not items:
        click.echo("No matching items.")
    else:
        click.echo(render.table(render.ITEM_HEADERS, [render.item_row(i, today) for i in items], stretch=5))
        totals = compute_stats(items, today).totals
        click.echo(f"\n{totals.total} items, {totals.overdue} overdue (as of {today.isoformat()})")


@click.command("list")
@click.option("--status", "statuses", multiple=True, metavar="STATUS",
              help="open, in-progress, blocked, done, cancelled, or all; repeatable. Default: open, in-progress, blocked.")
@click.option("--overdue", is_flag=True, help="Deadline passed and not done or cancelled.")
@click.option("--due-before", metavar="YYYY-MM-DD", help="Deadline on or before this date.")
@click.option("--due-within", type=click.IntRange(min=0), metavar="DAYS",
              help="Deadline between today and DAYS days from today.")
@click.option("--body", metavar="TEXT", help="Responsible body whose name or alias contains TEXT.")
@click.option("--document", "document_id", type=int, metavar="ID", help="Items of one document (see `docket documents`).")
@click.option("--search", metavar="TEXT", help="Full-text search of sentence, action, responsible, issuer, deadline.")
@click.option("--urgent", is_flag=True, help="Only items marked urgent.")
@click.option("--no-deadline", is_flag=True, help="Only items without a deadline date.")
@click.option("--vanished", "include_vanished", is_flag=True,
              help="Also items no longer in the latest version of their document.")
@format_option("table", "json", "csv")
@today_option
@click.pass_context
def list_items(ctx: click.Context, output: str, today_text: str | None, **options: Any) -> None:
    """List tracked action items, outstanding ones by default, soonest deadline first.

    \b
    Examples:
        docket list --overdue --body "Ministry of Finance"
        docket list --due-within 14 --format csv > due.csv
        docket list --status all --search budget --format json
    """
    today = today_from(today_text)
    filters = _list_filter(options, today)
    _echo_items(open_store(ctx).items(filters), output, today)


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
    return lines


def _history_line(entry) -> str:
    if entry.event == "status":
        what = f"status {entry.old_status.value} → {entry.new_status.value}"
    elif entry.event in ("edit", "revised"):
        what = f"{entry.event} {entry.field}: {entry.old_value or 'none'} → {entry.new_value or 'none'}"
    else:
        what = entry.event
    by = f" by {entry.changed_by}" if entry.changed_by else ""
    note = f" — {entry.note}" if entry.note else ""
    return f"  {entry.changed_at}  {what}{by}{note}"


@click.command("show")
@click.argument("item_id", metavar="ID")
@format_option("text", "json")
@today_option
@click.pass_context
def show(ctx: click.Context, item_id: str, output: str, today_text: str | None) -> None:
    """Show one item: what, who, when, its sentence and document, and its history.

    \b
    Example:
        docket show 1a2b3c4d
    """
    today = today_from(today_text)
    store = open_store(ctx)
    item = store.item(item_id)
    history, corrections = store.history(item.id), store.corrections(item.id)
    if output == "json":
        data = {**item.to_json(today), "history": [h.to_json() for h in history],
                "corrections": {c.field: c.value for c in corrections}}
        click.echo(render.to_json(data))
        return
    corrected = {c.field for c in corrections}
    click.echo(f"{item.id}  {item.status.value}")
    for label, value in _item_lines(item, corrected, today) + _document_lines(item):
        click.echo(f"{label + ':':<13}{value}")
    click.echo("History:")
    for entry in history:
        click.echo(_history_line(entry))


# -- status and edit ----------------------------------------------------

@click.command("status")
@click.argument("ids_and_status", nargs=-1, required=True, metavar="ID... STATUS")
@click.option("--note", help="Why, or what was done (kept in the history).")
@click.option("--by", "by", metavar="NAME", help="Who made the change. Default: your user name.")
@click.pass_context
def status(ctx: click.Context, ids_and_status: tuple[str, ...], note: str | None, by: str | None) -> None:
    """Set the status of one or more items: open, in-progress, blocked, done or cancelled.

    \b
    Example:
        docket status 1a2b 9f8e done --note "sent on 3 March" --by Lan
    """
    if len(ids_and_status) < 2:
        raise click.UsageError("give at least one ID and then a STATUS, e.g. `docket status 1a2b done`")
    new = Status.parse(ids_and_status[-1])
    changes = open_store(ctx).set_status(list(ids_and_status[:-1]), new, note=note, by=by or default_user())
    for change in changes:
        if change.changed:
            click.echo(f"{change.item_id}: {change.old.value} → {change.new.value}")
        else:
            click.echo(f"{change.item_id}: already {change.new.value}")


@click.command("edit")
@click.argument("item_id", metavar="ID")
@click.option("--responsible", multiple=True, metavar="NAME",
              help="Responsible body (repeat for several); replaces the extracted ones. \"\" clears.")
@click.option("--deadline", metavar="YYYY-MM-DD|none", help="Correct the deadline, or `none` to remove it.")
@click.option("--action", metavar="TEXT", help="Correct the wording of the action.")
@click.option("--note", help="Why (kept in the history).")
@click.option("--by", "by", metavar="NAME", help="Who corrected it. Default: your user name.")
@click.pass_context
def edit(ctx: click.Context, item_id: str, responsible: tuple[str, ...], deadline: str | None,
         action: str | None, note: str | None, by: str | None) -> None:
    """Correct an item. Corrections are kept when the document is ingested again.

    \b
    Examples:
        docket edit 1a2b --deadline 2025-04-30 --note "extended at the March meeting"
        docket edit 1a2b --responsible "Ministry of Finance" --responsible "Provincial Police"
    """
    new_deadline: Any = UNCHANGED
    if deadline is not None:
        new_deadline = None if deadline.strip().lower() == "none" else parse_date(deadline, "--deadline")
    item, changed = open_store(ctx).edit(
        item_id, action=action, responsible=list(responsible) if responsible else None,
        deadline=new_deadline, by=by or default_user(), note=note,
    )
    click.echo(f"{item.id}: corrected {', '.join(changed)}" if changed else f"{item.id}: nothing changed")


# -- bodies, alias, documents, stats -----------------------------------

def _body_counts(store: Store, today: date) -> list[tuple[str, list[str], Counts]]:
    """Every known body, then items with no body, each with its counts."""
    counts = {group.key: group.counts for group in store.stats(ItemFilter(), today).by_body}
    rows = [(b.name, b.aliases, counts.get(b.name, Counts())) for b in store.bodies()]
    if NO_BODY in counts:
        rows.append((NO_BODY, [], counts[NO_BODY]))
    return rows


@click.command("bodies")
@format_option("table", "json")
@today_option
@click.pass_context
def bodies_command(ctx: click.Context, output: str, today_text: str | None) -> None:
    """Responsible bodies with their open (open or in progress), overdue and done counts."""
    rows = _body_counts(open_store(ctx), today_from(today_text))
    if output == "json":
        click.echo(render.to_json([{"name": n, "aliases": a, **c.to_json()} for n, a, c in rows]))
    elif not rows:
        click.echo("No bodies yet.")
    else:
        table_rows = [[n, ", ".join(a) or "-", c.outstanding, c.overdue, c.done] for n, a, c in rows]
        click.echo(render.table(["BODY", "ALIASES", "OPEN", "OVERDUE", "DONE"], table_rows, stretch=0))


@click.command("alias")
@click.argument("name")
@click.argument("aliases", nargs=-1, required=True)
@click.pass_context
def alias(ctx: click.Context, name: str, aliases: tuple[str, ...]) -> None:
    """Give a body other names, merging the bodies known by them into NAME.

    \b
    Example:
        docket alias "Ministry of Finance" MoF "Bộ Tài chính"
    """
    body = open_store(ctx).alias(name, list(aliases))
    click.echo(f"{body.name}: also {', '.join(body.aliases)}")


@click.command("documents")
@format_option("table", "json")
@click.pass_context
def documents(ctx: click.Context, output: str) -> None:
    """Documents ingested, with their version and how many items are outstanding."""
    store = open_store(ctx)
    docs = store.documents()
    counts = {group.key: group.counts for group in store.stats(ItemFilter()).by_document}
    if output == "json":
        click.echo(render.to_json([d.to_json() for d in docs]))
        return
    rows = [[d.id, d.version, d.lang or "?", d.meeting_date or "-",
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


@click.command("stats")
@click.option("--body", metavar="TEXT", help="Only items of bodies whose name or alias contains TEXT.")
@click.option("--document", "document_id", type=int, metavar="ID", help="Only items of one document.")
@format_option("table", "json")
@today_option
@click.pass_context
def stats(ctx: click.Context, body: str | None, document_id: int | None, output: str, today_text: str | None) -> None:
    """Progress report: tasks done, percentage, overdue, per body and per document.

    Cancelled items are not counted as tasks.

    \b
    Example:
        docket stats --today 2025-03-01
    """
    today = today_from(today_text)
    figures = open_store(ctx).stats(ItemFilter(body=body, document_id=document_id), today)
    if output == "json":
        click.echo(render.to_json(figures.to_json()))
        return
    t = figures.totals
    click.echo(f"{t.summary()}; {t.overdue} overdue as of {today.isoformat()}")
    click.echo(f"open {t.open}, in-progress {t.in_progress}, blocked {t.blocked}, done {t.done}, cancelled {t.cancelled}")
    header = ["TASKS", "DONE", "%", "OPEN", "IN-PROGRESS", "BLOCKED", "OVERDUE", "CANCELLED"]
    for title, groups in (("BODY", figures.by_body), ("DOCUMENT", figures.by_document)):
        if groups:
            click.echo("\n" + render.table([title] + header, _group_rows(groups), stretch=0))


def register(main: click.Group) -> None:
    from docket import cmd_ingest

    for command in (list_items, show, status, edit, bodies_command, alias, documents, stats):
        main.add_command(command)
    cmd_ingest.register(main)
