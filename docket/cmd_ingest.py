"""`docket ingest`: files and folders into the database, one transaction per
document, going on past a bad file. The work is docket.models.batch's; this
module shows it: a line per file (on a terminal, a progress bar first), with
--verbose a line per item added, and a summary."""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Iterable

import click

from docket import render
from docket.errors import DocketCommand
from docket.models.batch import FileOutcome, Tally, find_files, ingest_files
from docket.models.errors import InputError
from docket.models.query import ItemFilter
from docket.models.records import IngestResult
from docket.models.store import Store
from docket.options import db_option, format_option, lang_option, meeting_date_option, open_store


def _lines(store: Store, outcome: FileOutcome, verbose: bool = False) -> list[str]:
    path = outcome.path
    warnings = [f"warning: {warning}" for warning in outcome.warnings]
    if outcome.skipped:
        return [f"skipped: {path} ({outcome.note})"]
    if outcome.error is not None:
        return warnings + [f"failed: {outcome.error}"]
    return warnings + result_lines(store, outcome.path, outcome.result, verbose)


def result_lines(store: Store, path: Path | str, result: IngestResult, verbose: bool = True) -> list[str]:
    """What one stored document's ingest did: a line, then (when `verbose`,
    or for a revision, where the ids are what the user needs) its items by
    id: + added, = kept (or back), - vanished."""
    doc = result.document
    where = f"{path} (document {doc.id}, version {doc.version})"
    if result.outcome == "unchanged":
        return [f"unchanged: {where}"]
    if result.outcome == "duplicate":
        return [f"duplicate: {path} has the same content as document {doc.id} ({render.shown_path(doc.path)})"]
    if result.outcome == "older":
        return [f"older: {path} is an earlier version of document {doc.id} ({render.shown_path(doc.path)}); "
                "nothing changed"]
    counts = f"{len(result.added)} added, {len(result.kept) + len(result.reappeared)} kept, {len(result.vanished)} vanished"
    if result.linked:
        counts += f", {len(result.linked)} linked to earlier items"
    if result.repeated:
        counts += f", {len(result.repeated)} repeated in the document"
    lines = [f"{result.outcome}: {where}: {counts}"]
    if result.previous_path and result.previous_path != doc.path:
        lines.append(f"  a new version of {render.shown_path(result.previous_path)}")
    if not verbose and result.outcome == "new":  # a line per document; the items are `docket list`'s business
        return lines
    marks = {**{i: "-" for i in result.vanished}, **{i: "=" for i in result.kept + result.reappeared},
             **{i: "+" for i in result.added}}
    shown = [] if result.outcome == "new" else result.kept + result.reappeared
    # one query for the three groups (a backlog of revisions lists thousands),
    # each group then in the order the store gives
    listed = store.items(ItemFilter(ids=tuple(dict.fromkeys(result.added + shown + result.vanished)),
                                    include_vanished=True))
    for ids in (set(result.added), set(shown), set(result.vanished)):
        for item in (item for item in listed if item.id in ids):
            due = item.deadline.isoformat() if item.deadline else "no deadline"
            who = "; ".join(item.responsible) or "-"
            lines.append(f"  {marks[item.id]} {item.id}  {due}  {render.clip(who, 40)}: {render.clip(item.action, 70)}")
    also = tuple(dict.fromkeys(result.linked + result.repeated))
    if also and (verbose or result.outcome != "new"):  # most revisions raise nothing again: no query
        for item in store.items(ItemFilter(ids=also, include_vanished=True, include_review=True)):
            lines.append(f"  ~ {item.id}  also raised here: {render.clip(item.action, 70)}")
    return lines


def outcome_json(outcome: FileOutcome) -> dict:
    data = {"path": str(outcome.path), "status": outcome.status, "note": outcome.note, "error": outcome.error,
            "warnings": outcome.warnings}
    result = outcome.result
    if result is not None:
        data.update(document=result.document.id, version=result.document.version,
                    previous_path=result.previous_path, added=result.added,
                    kept=result.kept + result.reappeared, vanished=result.vanished,
                    linked=result.linked, repeated=result.repeated)
    return data


def on_terminal() -> bool:
    return sys.stdout.isatty()


def _echo(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(render.terminal_safe(line), err=line.startswith(("failed: ", "warning: ")))


@click.command("ingest", cls=DocketCommand)
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...")
@lang_option
@meeting_date_option
@click.option("--revises", type=int, metavar="DOC",
              help="The file is a new version of stored document DOC (see `docket documents`).")
@click.option("--no-review", is_flag=True,
              help="Track every new item at once, none waiting for `docket review`.")
@click.option("--no-link", is_flag=True,
              help="Store every directive as an item of its own, none linked to an item it repeats.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", default=lambda: os.cpu_count() or 1,
              show_default="the number of cores",
              help="Read and extract files in N processes (one stores them, in order; 1: no other process).")
@click.option("-v", "--verbose", is_flag=True, help="Also a line for every item added.")
@format_option("text", "json")
@db_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], lang: str, meeting_date: date | None,
           revises: int | None, no_review: bool, no_link: bool, jobs: int, verbose: bool, output: str) -> None:
    """Extract action items from files and folders (recursively) into the database.

    Ingesting the same content again adds nothing. A changed file is a new
    version: its items keep their status, history and corrections, new ones
    are added and missing ones marked vanished. A file at a new path is a new
    version of a stored document with the same title and meeting date, or
    with mostly the same directives (and no other meeting date), or the one
    --revises names. In a folder, files named README, CHANGELOG, LICENSE,
    CONTRIBUTING, AUTHORS, NOTICE, TODO or INDEX (any extension) are the
    folder's own notes and are skipped; name one to ingest it. Exits 1 if
    any file failed.

    New items docket is unsure of (confidence below 0.6, no responsible
    body, no meeting date) wait for `docket review`; list, stats and export
    leave them out until they are accepted (or show them with --with-review).

    A directive that repeats a stored item (an open item of an earlier
    meeting carried forward, the same minutes as .md and .docx, a task
    written twice) is linked to it: the item keeps its id and history and
    gains a mention (`docket show`) and the newer deadline. Links need the
    same sentence, or close wording and the same bodies; `docket unlink`
    splits a wrong one, --no-link makes none.

    \b
    Example:
        docket --db minutes.db ingest reports/ extra/notes.txt
    """
    unreadable: list[InputError] = []  # folders that could not be listed: reported, not skipped in silence
    files = find_files(paths, unreadable)
    store = open_store(ctx, create=True)
    outcomes = ingest_files(store, files, lang, meeting_date, revises, review=not no_review, jobs=jobs,
                            link=not no_link)
    tally = Tally(failed=len(unreadable))
    if output == "json":
        done = [outcome_json(outcome) for outcome in outcomes]
        for outcome in done:
            tally.outcomes[outcome["status"]] = tally.outcomes.get(outcome["status"], 0) + 1
        click.echo(render.to_json([{"path": str(e).split(":")[0], "status": "failed", "error": str(e)}
                                   for e in unreadable] + done))
        if len(unreadable) + tally.outcomes.get("failed", 0):
            raise click.ClickException("some files could not be ingested")
        return
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
