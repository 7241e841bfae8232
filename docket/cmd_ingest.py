"""`docket ingest`: files and folders into the database, one transaction per
document, going on past a bad file. The work is docket.models.batch's; this
module shows it: a line per file (on a terminal, a progress bar first), with
--verbose a line per item added, and a summary."""
from __future__ import annotations

import sys
from datetime import date
from typing import Iterable

import click

from docket import render
from docket.errors import DocketCommand
from docket.models.batch import FileOutcome, Tally, find_files, ingest_files
from docket.models.errors import InputError
from docket.models.query import ItemFilter
from docket.models.store import Store
from docket.options import db_option, lang_option, meeting_date_option, open_store


def _lines(store: Store, outcome: FileOutcome, verbose: bool = False) -> list[str]:
    path = outcome.path
    warnings = [f"warning: {warning}" for warning in outcome.warnings]
    if outcome.skipped:
        return [f"skipped: {path} (docket does not read {path.suffix or 'this'} files)"]
    if outcome.error is not None:
        return warnings + [f"failed: {outcome.error}"]
    return warnings + _result_lines(store, outcome, verbose)


def _result_lines(store: Store, outcome: FileOutcome, verbose: bool) -> list[str]:
    path, result = outcome.path, outcome.result
    doc = result.document
    where = f"{path} (document {doc.id}, version {doc.version})"
    if result.outcome == "unchanged":
        return [f"unchanged: {where}"]
    if result.outcome == "duplicate":
        return [f"duplicate: {path} has the same content as document {doc.id} ({render.shown_path(doc.path)})"]
    counts = f"{len(result.added)} added, {len(result.kept) + len(result.reappeared)} kept, {len(result.vanished)} vanished"
    lines = [f"{result.outcome}: {where}: {counts}"]
    if not verbose:  # a line per document; the items are `docket list`'s business
        return lines
    for item in store.items(ItemFilter(ids=tuple(result.added))):
        due = item.deadline.isoformat() if item.deadline else "no deadline"
        who = "; ".join(item.responsible) or "-"
        lines.append(f"  + {item.id}  {due}  {render.clip(who, 40)}: {render.clip(item.action, 70)}")
    return lines


def on_terminal() -> bool:
    return sys.stdout.isatty()


def _echo(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(render.terminal_safe(line), err=line.startswith(("failed: ", "warning: ")))


@click.command("ingest", cls=DocketCommand)
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...")
@lang_option
@meeting_date_option
@click.option("-v", "--verbose", is_flag=True, help="Also a line for every item added.")
@db_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], lang: str, meeting_date: date | None,
           verbose: bool) -> None:
    """Extract action items from files and folders (recursively) into the database.

    Ingesting the same content again adds nothing. A changed file is a new
    version: its items keep their status, history and corrections, new ones
    are added and missing ones marked vanished. Exits 1 if any file failed.

    \b
    Example:
        docket --db minutes.db ingest reports/ extra/notes.txt
    """
    unreadable: list[InputError] = []  # folders that could not be listed: reported, not skipped in silence
    files = find_files(paths, unreadable)
    store = open_store(ctx, create=True)
    outcomes = ingest_files(store, files, lang, meeting_date)
    tally = Tally(failed=len(unreadable))
    _echo(f"failed: {error}" for error in unreadable)
    if on_terminal() and len(files) > 1:  # lines after the bar, so they do not tear it
        lines: list[str] = []
        with click.progressbar(outcomes, length=len(files), label="Ingesting",
                               item_show_func=lambda o: str(o.path) if o else "") as bar:
            for outcome in bar:
                tally.add(outcome)
                lines += _lines(store, outcome, verbose)
        _echo(lines)
    else:
        for outcome in outcomes:
            tally.add(outcome)
            _echo(_lines(store, outcome, verbose))
    click.echo(tally.summary(len(files)))
    if tally.failed:
        what = "files and folders" if unreadable else "files"
        raise click.ClickException(f"{tally.failed} of {len(files) + len(unreadable)} {what} could not be ingested")
    if not tally.outcomes:
        raise click.ClickException(f"no documents docket can read in {', '.join(paths)}")
