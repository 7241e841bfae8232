"""Items people add and the digest they send: `docket add` tracks an item
given by hand (models/manual.py), `docket digest` prints what is due and
overdue per body, as text or Markdown to paste into an email. The digest
selects with the store's own filters (ItemFilter overdue / due_within): the
one definition of overdue, in models/sql.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import click

from docket import render
from docket.cmd_store import colour_on, default_user, styled
from docket.errors import DocketCommand
from docket.exports.tabular import md_cell
from docket.models.items import ActionItem, Status
from docket.models.manual import ManualItem
from docket.models.bodies import fold
from docket.models.query import NO_BODY, ItemFilter
from docket.options import TypedDate, body_option, db_option, format_option, open_store, today_option


@click.command("add", cls=DocketCommand)
@click.argument("action")
@click.option("--body", "bodies", multiple=True, metavar="NAME",
              help="Responsible body (repeat for several).")
@click.option("--deadline", type=TypedDate(), help='By when: 2025-06-30, 30/6, "next friday", "within 2 weeks".')
@click.option("--doc", "document_id", type=int, metavar="ID",
              help="File it under a stored document (see `docket documents`).")
@click.option("--source", metavar="TEXT",
              help='Where it came from ("phone call from the Ministry, 3 March"); items of one source are '
                   "kept together as one document.")
@click.option("--urgent", is_flag=True, help="Mark it urgent.")
@click.option("--note", help="Kept in its history.")
@click.option("--by", "by", metavar="NAME", help="Who added it. Default: your user name.")
@format_option("text", "json")
@today_option
@db_option
@click.pass_context
def add(ctx: click.Context, action: str, bodies: tuple[str, ...], deadline: date | None, document_id: int | None,
        source: str | None, urgent: bool, note: str | None, by: str | None, output: str, today: date) -> None:
    """Track an item given by hand: a phone call, an email, a word in the corridor.

    \b
    Examples:
        docket add "send the revised budget" --body "Ministry of Finance" --deadline "next friday"
        docket add "check the school roofs" --body "Department of Works" --deadline 30/6 --source "email from the mayor"
    """
    if document_id is not None and source is not None:
        raise click.UsageError("give --doc or --source, not both")
    store = open_store(ctx, create=True)
    item = store.add(ManualItem(action=action, responsible=[b.strip() for b in bodies if b.strip()],
                                deadline=deadline, urgent=urgent, document_id=document_id, source=source),
                     by=by or default_user(), note=note)
    if output == "json":
        click.echo(render.to_json(item.to_json(today)))
        return
    due = f", due {item.deadline.isoformat()}" if item.deadline else ""
    who = f" ({'; '.join(item.responsible)})" if item.responsible else ""
    click.echo(render.terminal_safe(f"added {item.id}: {item.action}{who}{due}"))


# -- digest -------------------------------------------------------------

@dataclass
class BodyDigest:
    name: str
    overdue: list[ActionItem] = field(default_factory=list)
    due: list[ActionItem] = field(default_factory=list)


def _digest(store, body: str | None, within: int, today: date) -> list[BodyDigest]:
    """Outstanding items overdue or due within `within` days, per body (an
    item of several bodies under each; of none, under NO_BODY), bodies by name."""
    outstanding = Status.outstanding()
    overdue = store.items(ItemFilter(statuses=outstanding, overdue=True, body=body, today=today))
    late = {item.id for item in overdue}
    due = [item for item in store.items(ItemFilter(statuses=outstanding, due_within=within, body=body, today=today))
           if item.id not in late]
    wanted = None
    if body is not None:  # only the bodies asked for, not the others an item also names
        key = fold(body)
        wanted = {b.name for b in store.bodies() if any(key in fold(n) for n in [b.name, *b.aliases])}
    groups: dict[str, BodyDigest] = {}
    for kind, items in (("overdue", overdue), ("due", due)):
        for item in items:
            for name in item.bodies or [NO_BODY]:
                if wanted is None or name in wanted:
                    getattr(groups.setdefault(name, BodyDigest(name)), kind).append(item)
    return sorted(groups.values(), key=lambda g: (g.name == NO_BODY, g.name.casefold(), g.name))


def _late(item: ActionItem, today: date) -> str:
    days = (today - item.deadline).days
    return f"{days} day{'s' * (days != 1)} late"


def _text(groups: list[BodyDigest], within: int, today: date) -> list[str | tuple[ActionItem, str]]:
    """The digest's lines; an item's line comes with its item, to colour it."""
    lines: list[str | tuple[ActionItem, str]] = [f"Due and overdue as of {today.isoformat()} (due within {within} days)"]
    for group in groups:
        lines += ["", group.name]
        for title, items in (("Overdue", group.overdue), (f"Due within {within} days", group.due)):
            if items:
                lines.append(f"  {title}:")
                lines += [(item, f"    {item.deadline.isoformat()}  {item.action}  [{item.id}]"
                           + (f"  ({_late(item, today)})" if title == "Overdue" else "")
                           + ("  URGENT" if item.urgent else "")) for item in items]
    return lines


def _markdown(groups: list[BodyDigest], within: int, today: date) -> list[str]:
    lines = [f"# Due and overdue as of {today.isoformat()}", "",
             f"Outstanding items past their deadline or due within {within} days."]
    for group in groups:
        lines += ["", f"## {md_cell(group.name)}"]
        for title, items in (("Overdue", group.overdue), (f"Due within {within} days", group.due)):
            if items:
                lines += ["", f"**{title}**", ""]
                lines += [f"- {item.deadline.isoformat()}: {md_cell(item.action)} (`{item.id}`)"
                          + (f", {_late(item, today)}" if title == "Overdue" else "")
                          + (", **urgent**" if item.urgent else "") for item in items]
    return lines


@click.command("digest", cls=DocketCommand)
@body_option
@click.option("--due-within", "within", type=click.IntRange(min=0), default=7, show_default=True, metavar="DAYS",
              help="Also items due between today and DAYS days from today.")
@format_option("text", "md", "json")
@today_option
@db_option
@click.pass_context
def digest(ctx: click.Context, body: str | None, within: int, output: str, today: date) -> None:
    """What is overdue and due soon, per body: text, or Markdown (--format md)
    to paste into an email.

    \b
    Examples:
        docket digest --body "Ministry of Finance" --due-within 14
        docket digest --format md > digest.md
    """
    groups = _digest(open_store(ctx), body, within, today)
    if output == "json":
        click.echo(render.to_json({"today": today.isoformat(), "due_within": within, "bodies": [
            {"name": g.name, "overdue": [i.to_json(today) for i in g.overdue],
             "due": [i.to_json(today) for i in g.due]} for g in groups]}))
        return
    if not groups:
        click.echo(f"Nothing overdue or due within {within} days as of {today.isoformat()}.")
        return
    if output == "md":
        click.echo(render.terminal_safe("\n".join(_markdown(groups, within, today))))
        return
    colour = colour_on()
    for line in _text(groups, within, today):
        if isinstance(line, tuple):
            item, line = line
            line = render.terminal_safe(line)
            click.echo(styled(line, item, today) if colour else line)
        else:
            click.echo(render.terminal_safe(line))


COMMANDS = (add, digest)
