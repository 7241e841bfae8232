"""`docket ingest`: read, extract and store files and folders, one
transaction per document, going on past a bad file. The extractor is
imported inside the command: it loads spaCy, which list and show never need."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

import click

from docket import render
from docket.cmd_store import open_store
from docket.models.errors import DocketError, StoreError
from docket.models.items import Document, Extraction
from docket.models.query import ItemFilter, parse_date
from docket.models.records import IngestResult
from docket.models.store import Store


def extract_document(document: Document, lang: str, meeting_date: date | None) -> Extraction:
    """The extraction engine, imported when first needed (it loads spaCy)."""
    from docket.extractor import extract

    return extract(document, lang=lang, meeting_date=meeting_date)


def ingest_file(store: Store, path: Path, lang: str, meeting_date: date | None) -> IngestResult:
    from docket.extractor.readers import read_path

    document = read_path(path)
    for warning in document.warnings:
        click.echo(render.terminal_safe(f"warning: {warning}"), err=True)
    known = store.already_stored(document)  # skip the slow extraction when nothing changed
    if known is not None:
        return known
    return store.ingest(document, extract_document(document, lang, meeting_date))


@dataclass
class Tally:
    """What a run did, for the closing summary."""

    outcomes: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    failed: int = 0

    def summary(self, files: int) -> str:
        done = ", ".join(f"{n} {outcome}" for outcome, n in self.outcomes.items()) or "nothing stored"
        return f"{files} files: {done}; {self.skipped} skipped, {self.failed} failed"


def _result_lines(store: Store, result: IngestResult, path: Path) -> list[str]:
    doc = result.document
    where = f"{path} (document {doc.id}, version {doc.version})"
    if result.outcome == "unchanged":
        return [f"unchanged: {where}"]
    if result.outcome == "duplicate":
        return [f"duplicate: {path} has the same content as document {doc.id} ({render.shown_path(doc.path)})"]
    counts = f"{len(result.added)} added, {len(result.kept) + len(result.reappeared)} kept, {len(result.vanished)} vanished"
    lines = [f"{result.outcome}: {where}: {counts}"]
    for item in store.items(ItemFilter(ids=tuple(result.added))):
        due = item.deadline.isoformat() if item.deadline else "no deadline"
        who = "; ".join(item.responsible) or "-"
        lines.append(f"  + {item.id}  {due}  {render.clip(who, 40)}: {render.clip(item.action, 70)}")
    return lines


def _one(store: Store, path: Path, supported: bool, lang: str, meeting: date | None, tally: Tally) -> list[str]:
    """Ingest one file; the lines to print about it."""
    if not supported:
        tally.skipped += 1
        return [f"skipped: {path} (docket does not read {path.suffix or 'this'} files)"]
    try:
        result = ingest_file(store, path, lang, meeting)
    except StoreError:
        raise  # the database itself is the problem: stop
    except DocketError as error:
        tally.failed += 1
        return [f"failed: {error}"]
    except Exception as error:  # an extractor bug must not stop a folder of good files
        tally.failed += 1
        return [f"failed: {path}: {type(error).__name__}: {error}"]
    tally.outcomes[result.outcome] = tally.outcomes.get(result.outcome, 0) + 1
    return _result_lines(store, result, path)


def on_terminal() -> bool:
    return sys.stdout.isatty()


def _run(store: Store, files: list[tuple[Path, bool]], lang: str, meeting: date | None, tally: Tally) -> None:
    """Plain lines as each file is done; on a terminal, a progress bar and
    the lines after it, so they do not tear the bar."""
    if not (on_terminal() and len(files) > 1):
        for path, supported in files:
            _echo(_one(store, path, supported, lang, meeting, tally))
        return
    lines: list[str] = []
    with click.progressbar(files, label="Ingesting", item_show_func=lambda f: str(f[0]) if f else "") as bar:
        for path, supported in bar:
            lines += _one(store, path, supported, lang, meeting, tally)
    _echo(lines)


def _echo(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(render.terminal_safe(line), err=line.startswith("failed: "))


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...")
@click.option("--lang", default="auto", show_default=True, help="Language of the documents (en, ur, vi) or auto.")
@click.option("--meeting-date", metavar="YYYY-MM-DD", help="Meeting date, when the documents do not say it.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], lang: str, meeting_date: str | None) -> None:
    """Extract action items from files and folders (recursively) into the database.

    Ingesting the same content again adds nothing. A changed file is a new
    version: its items keep their status, history and corrections, new ones
    are added and missing ones marked vanished. Exits 1 if any file failed.

    \b
    Example:
        docket --db minutes.db ingest reports/ extra/notes.txt
    """
    from docket.extractor.readers import walk

    meeting = parse_date(meeting_date, "--meeting-date") if meeting_date else None
    unreadable: list[DocketError] = []  # folders that could not be listed: reported, not skipped in silence
    files = walk(list(paths), unreadable)
    store = open_store(ctx, create=True)
    tally = Tally(failed=len(unreadable))
    _echo(f"failed: {error}" for error in unreadable)
    _run(store, files, lang, meeting, tally)
    click.echo(tally.summary(len(files)))
    if tally.failed:
        what = "files and folders" if unreadable else "files"
        raise click.ClickException(f"{tally.failed} of {len(files) + len(unreadable)} {what} could not be ingested")
    if not tally.outcomes:
        raise click.ClickException(f"no documents docket can read in {', '.join(paths)}")


def register(main: click.Group) -> None:
    main.add_command(ingest)
