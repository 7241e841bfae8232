"""`docket reconcile REPORT`: read a progress report or the next meeting's
minutes, propose the status changes it states for open items, and apply the
ones the user accepts (models/reconcile.py; the statements are found by
extractor/progress.py)."""
from __future__ import annotations

import click

from docket import cmd_store, render
from docket.errors import DocketCommand
from docket.options import LanguageChoice, db_option, format_option, open_store


def _shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _proposal_lines(number: int, proposal) -> list[str]:
    change = f"{proposal.old.value} → {proposal.new.value}"
    return [f"[{number}] {proposal.item_id}: {change}  (score {proposal.score:.2f})",
            f"    item: {_shorten(proposal.action)}",
            f"    says: “{_shorten(proposal.sentence)}”"]


def _left_lines(result) -> list[str]:
    shown = [(said, reason, ids) for said, reason, ids in result.left if said.status or ids]
    if not shown:
        return []
    found = ["Not applied:"]
    for said, reason, ids in shown:
        items = f" [{', '.join(ids)}]" if ids else ""
        found.append(f"  - {reason}{items}: “{_shorten(said.clause, 80)}”")
    return found


def _chosen(proposals: list) -> list:
    """Ask: all, one by one, or none. No answer (standard input closed, or
    Ctrl-C) is an error that says how to go on, not click's bare "Aborted!"."""
    try:
        return _asked(proposals)
    except click.Abort:
        raise click.ClickException("no answer to apply the proposed changes (input closed or interrupted): "
                                   "nothing changed; --yes applies them all, --format json lists them") from None


def _asked(proposals: list) -> list:
    choice = click.prompt("Apply: [a]ll, [o]ne by one, [n]one", type=click.Choice(["a", "o", "n"]), default="n")
    if choice == "a":
        return list(proposals)
    if choice == "n":
        return []
    return [p for number, p in enumerate(proposals, 1)
            if click.confirm(f"[{number}] {p.item_id} → {p.new.value}?", default=False)]


@click.command("reconcile", cls=DocketCommand)
@click.argument("report", metavar="REPORT")
@click.option("--lang", type=LanguageChoice(), default="auto", show_default=True,
              help="Language of the report; auto detects it.")
@click.option("--yes", is_flag=True, help="Apply every proposed change without asking.")
@click.option("--by", "by", metavar="NAME", help="Who made the changes. Default: your user name.")
@format_option("text", "json")
@db_option
@click.pass_context
def reconcile(ctx: click.Context, report: str, lang: str, yes: bool, by: str | None, output: str) -> None:
    """Read a progress report (or the next meeting's minutes) and propose
    status changes for open items it says are done or under way, each with
    the sentence it rests on. Accept all, one by one or none; --yes applies
    them all. Applied changes are one change in `docket log`: `docket undo`
    reverts them together. With --format json, print the proposals and ask
    nothing (apply them with --yes).

    \b
    Examples:
        docket reconcile progress-2025-05.docx
        docket reconcile next-minutes.md --yes --format json
    """
    from docket.extractor import read_path
    from docket.extractor.detect import detect_language
    from docket.extractor.progress import progress_reader
    from docket.models.reconcile import against_store, apply

    store = open_store(ctx)
    document = read_path(report)
    reader = progress_reader(detect_language(document.text) if lang == "auto" else lang)
    result = against_store(store, reader.statements(document), reader.words, reader.rule)
    source = render.shown_path(report)
    chosen = list(result.proposals) if yes else []
    if output == "text" and result.proposals and not yes:
        _show(result, source)
        chosen = _chosen(result.proposals)
    elif output == "text":
        _show(result, source)
    applied = apply(store, chosen, source, by=by or cmd_store.default_user()) if chosen else []
    if output == "json":
        click.echo(render.to_json({**result.to_json(), "applied": [
            {"item_id": c.item_id, "old": c.old.value, "new": c.new.value} for c in applied if c.changed]}))
    elif chosen:
        click.echo(f"{sum(c.changed for c in applied)} changed (`docket undo` reverts them all)")
    elif result.proposals:
        click.echo("Nothing changed.")


def _show(result, source: str) -> None:
    if not result.proposals:
        click.echo(render.terminal_safe(f"Nothing to reconcile: {source} says no open item was done or is under way."))
    else:
        count = len(result.proposals)
        click.echo(render.terminal_safe(f"{source}: {count} proposed change{'' if count == 1 else 's'}"))
        for number, proposal in enumerate(result.proposals, 1):
            for line in _proposal_lines(number, proposal):
                click.echo(render.terminal_safe(line))
    for line in _left_lines(result):
        click.echo(render.terminal_safe(line))
