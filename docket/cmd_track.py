"""Tracking after the ingest: note, undo, log, unalias and rm. The work is
the store's (models/tracking.py, models/changes.py); each change is one
transaction, logged so that `docket undo` can revert it."""
from __future__ import annotations

from datetime import date

import click

from docket import cmd_store, render
from docket.errors import DocketCommand
from docket.models.changes import Change
from docket.models.query import ItemFilter
from docket.cmd_ingest import result_lines
from docket.options import LanguageChoice, db_option, format_option, meeting_date_option, open_store


def _by(by: str | None) -> str | None:
    return by or cmd_store.default_user()  # looked up when called: tests set the user name


by_option = click.option("--by", "by", metavar="NAME", help="Who made the change. Default: your user name.")


@click.command("note", cls=DocketCommand)
@click.argument("item_id", metavar="ID")
@click.argument("text")
@by_option
@format_option("text", "json")
@db_option
@click.pass_context
def note(ctx: click.Context, item_id: str, text: str, by: str | None, output: str) -> None:
    """Add a note to an item's history, without changing its status.

    \b
    Example:
        docket note 1a2b "the ministry asked for two more weeks"
    """
    store = open_store(ctx)
    entry = store.note(item_id, text, by=_by(by))
    item_id = store.resolve_id(item_id)
    if output == "json":
        click.echo(render.to_json({"item_id": item_id, **entry.to_json()}))
    else:
        click.echo(render.terminal_safe(f"{item_id}: noted “{entry.note}”"))


def _change_line(change: Change) -> str:
    by = f" by {change.made_by}" if change.made_by else ""
    undone = f" (undone {change.undone_at})" if change.undone_at else ""
    return f"{change.id:>4}  {change.made_at}  {change.kind:<8} {change.summary}{by}{undone}"


@click.command("undo", cls=DocketCommand)
@by_option
@format_option("text", "json")
@db_option
@click.pass_context
def undo(ctx: click.Context, by: str | None, output: str) -> None:
    """Revert the last change: a status, edit, note, alias, unalias, rm,
    review decision, unlink or reconcile (all its status changes at once). Run
    it again to revert the one before; `docket log` lists them.

    \b
    Example:
        docket undo
    """
    change = open_store(ctx).undo(by=_by(by))
    if output == "json":
        click.echo(render.to_json(change.to_json()))
    else:
        click.echo(render.terminal_safe(f"undone: change {change.id}, {change.kind}: {change.summary}"))


@click.command("log", cls=DocketCommand)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many changes.")
@format_option("text", "json", "csv")
@db_option
@click.pass_context
def log(ctx: click.Context, limit: int, output: str) -> None:
    """Changes people made (status, edit, note, alias, unalias, rm, review, reconcile), newest first."""
    found = open_store(ctx).changes(limit)
    if output != "text":
        rows = [change.to_json() for change in found]
        click.echo(render.records(output, rows, ["id", "made_at", "made_by", "kind", "summary", "undone_at", "item_ids"]))
    elif not found:
        click.echo("No changes yet.")
    else:
        for change in found:
            click.echo(render.terminal_safe(_change_line(change)))


@click.command("unalias", cls=DocketCommand)
@click.argument("names", nargs=-1, required=True)
@format_option("text", "json")
@db_option
@click.pass_context
def unalias(ctx: click.Context, names: tuple[str, ...], output: str) -> None:
    """Take other names from their bodies: items written with such a name get
    a body of that name again (undo of `docket alias`).

    \b
    Example:
        docket unalias MoF
    """
    found = open_store(ctx).unalias(list(names))
    if output == "json":
        click.echo(render.to_json([{"name": b.name, "aliases": b.aliases} for b in found]))
        return
    for body in found:
        others = f": also {', '.join(body.aliases)}" if body.aliases else ""
        click.echo(render.terminal_safe(f"{body.name}{others}"))


@click.command("rm", cls=DocketCommand)
@click.argument("document_id", metavar="DOC", type=int)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@by_option
@format_option("text", "json")
@db_option
@click.pass_context
def rm(ctx: click.Context, document_id: int, yes: bool, by: str | None, output: str) -> None:
    """Remove a document (see `docket documents`) with its items and their
    history. The removal is logged: `docket undo` brings it all back.

    \b
    Example:
        docket rm 3 --yes
    """
    store = open_store(ctx)
    document = store.document(document_id)
    if not yes:
        count = len(store.items(ItemFilter(document_id=document_id, include_vanished=True)))
        click.confirm(render.terminal_safe(
            f"Remove document {document_id} ({render.shown_path(document.path)}) and its {count} items?"),
            abort=True)
    change = store.remove_document(document_id, by=_by(by))
    if output == "json":
        click.echo(render.to_json(change.to_json()))
    else:
        click.echo(render.terminal_safe(f"removed: {change.summary} (`docket undo` brings it back)"))


@click.command("reextract", cls=DocketCommand)
@click.argument("document_id", metavar="DOC", type=int)
@click.option("--lang", type=LanguageChoice(), default=None,
              help="Language of the document. Default: the one it was stored in.")
@meeting_date_option
@format_option("text", "json")
@db_option
@click.pass_context
def reextract(ctx: click.Context, document_id: int, lang: str | None, meeting_date: date | None,
              output: str) -> None:
    """Extract a stored document again from its file, with other options
    (an ingest run with the wrong --lang or without --meeting-date). Items
    that persist keep their status, notes and corrections; new ones are
    added, missing ones marked vanished.

    \b
    Example:
        docket reextract 3 --lang ur --meeting-date 2025-03-12
    """
    from docket.models.batch import reextract as run

    store = open_store(ctx)
    result = run(store, document_id, lang, meeting_date, review=True)
    if output == "json":
        click.echo(render.to_json({"document": result.document.to_json(), "added": result.added,
                                   "kept": result.kept + result.reappeared, "vanished": result.vanished,
                                   "linked": result.linked, "repeated": result.repeated}))
        return
    for line in result_lines(store, render.shown_path(result.document.path), result):
        click.echo(render.terminal_safe(line))


def _review_edits(item) -> dict:
    """Ask for the corrected action, bodies and deadline; Enter keeps each."""
    from docket.models.edits import UNCHANGED, corrections_to_make
    from docket.options import IsoDate

    action = click.prompt("Action", default=item.action)
    who = click.prompt("Responsible (; between bodies, - for none)", default="; ".join(item.responsible) or "-")
    responsible = [] if who.strip() == "-" else [w for w in who.split(";") if w.strip()]
    shown = item.deadline.isoformat() if item.deadline else "none"
    deadline = click.prompt("Deadline (YYYY-MM-DD or none)", default=shown, type=IsoDate(clear_word="none"))
    return corrections_to_make(
        action if action != item.action else None,
        responsible if responsible != item.responsible else None,
        deadline if deadline != item.deadline else UNCHANGED,
    ) if (action != item.action or responsible != item.responsible or deadline != item.deadline) else {}


@click.command("review", cls=DocketCommand)
@click.option("--accept", "accepted", multiple=True, metavar="ID", help="Accept this item without asking (repeatable).")
@click.option("--reject", "rejected", multiple=True, metavar="ID", help="Reject this item without asking (repeatable).")
@by_option
@format_option("text", "json")
@db_option
@click.pass_context
def review(ctx: click.Context, accepted: tuple[str, ...], rejected: tuple[str, ...], by: str | None,
           output: str) -> None:
    """Walk the items waiting for review: accept, edit then accept, reject
    (cancelled: not a task), skip or quit. New items wait for review when
    docket is unsure of them; until accepted, list, stats and export leave
    them out. With --format json, print the queue and ask nothing.

    \b
    Examples:
        docket review
        docket review --accept 1a2b --reject 9f8e
    """
    store, who = open_store(ctx), _by(by)
    if accepted or rejected:
        for item_id, accept in [(i, True) for i in accepted] + [(i, False) for i in rejected]:
            item = store.decide(item_id, accept, by=who)
            click.echo(f"{item.id}: {'accepted' if accept else 'rejected'}, {item.status.value}")
        return
    queue = store.review_queue()
    if output == "json":
        click.echo(render.to_json([item.to_json() for item in queue]))
        return
    if not queue:
        click.echo("Nothing to review.")
        return
    done = 0
    for number, item in enumerate(queue, 1):
        click.echo(render.terminal_safe(
            f"\n[{number}/{len(queue)}] {item.id}  ({item.review})\n  “{item.text}”\n"
            f"  action: {item.action}\n  responsible: {'; '.join(item.responsible) or '-'}\n"
            f"  deadline: {item.deadline or item.deadline_text or '-'}"))
        choice = click.prompt("[a]ccept, [e]dit, [r]eject, [s]kip, [q]uit",
                              type=click.Choice(["a", "e", "r", "s", "q"]), default="s")
        if choice == "q":
            break
        if choice == "s":
            continue
        values = _review_edits(item) if choice == "e" else None
        store.decide(item.id, choice != "r", values=values, by=who)
        done += 1
        click.echo(f"{item.id}: {'rejected' if choice == 'r' else 'accepted'}")
    click.echo(f"{done} reviewed, {len(store.review_queue())} waiting")


@click.command("unlink", cls=DocketCommand)
@click.argument("item_id", metavar="ID")
@click.argument("mention_id", metavar="MENTION", type=int)
@by_option
@format_option("text", "json")
@db_option
@click.pass_context
def unlink(ctx: click.Context, item_id: str, mention_id: int, by: str | None, output: str) -> None:
    """Split a wrong link: the item's mention MENTION (numbered in `docket
    show ID`) becomes an item of its own, open, in the document it was
    read in; the item gets back the deadline the mention gave it.
    `docket undo` links them again.

    \b
    Example:
        docket unlink 1a2b3c4d 7
    """
    store = open_store(ctx)
    item = store.unlink(item_id, mention_id, by=_by(by))
    if output == "json":
        click.echo(render.to_json({"item_id": store.resolve_id(item_id), "mention": mention_id,
                                   "new_item": item.to_json()}))
    else:
        click.echo(render.terminal_safe(f"{store.resolve_id(item_id)}: mention {mention_id} is item {item.id} now "
                                        f"(document {item.document_id})"))


COMMANDS = (note, undo, log, unalias, rm, reextract, review, unlink)
