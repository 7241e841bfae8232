"""Writers that turn ActionItems into files: Word, CSV, JSON, Markdown and
iCalendar. They know nothing of extraction or of the store: the caller
passes the items, in the order to print them, and their figures (`Stats`).

    export(store.items(filters), "actions.docx", ExportOptions(today, lang="vi"),
           stats=store.stats(filters, today), notes=store.notes())
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Mapping

from docket.exports.common import GROUP_BY, LAYOUTS, Meeting, check_target, resolve_format, write_atomically
from docket.exports.language import load_labels, majority_language
from docket.models.errors import ParameterError
from docket.models.items import ActionItem
from docket.models.query import Stats, compute_stats
from docket.models.records import HistoryEntry

GROUPABLE = ("docx", "md")


@dataclass
class ExportOptions:
    today: date  # overdue is counted as of this date
    produced: datetime | None = None  # when the file is made; None: now
    format: str | None = None  # None: from the file's extension
    title: str | None = None
    group_by: str | None = None  # body | document | deadline | status
    report: bool = False  # Word progress report instead of the action list
    scope: str | None = None  # the selection, in words, printed under the title
    calendar_entry: str = "todo"  # todo | event
    lang: str | None = None  # the list's language; None: the one most items are in
    layout: str | None = None  # compact | sections (Word action list); None: compact
    organisation: str | None = None  # page header of the Word documents
    reference: str | None = None


@dataclass
class ExportResult:
    path: Path
    format: str
    rows: int


def check_options(path: str | os.PathLike, options: ExportOptions) -> str:
    """The format to write, or a ParameterError for a combination that cannot
    work; called before any item is read."""
    fmt = resolve_format(path, options.format)
    check_target(path)
    if options.report and fmt != "docx":
        raise ParameterError(f"{{report}} makes a Word document; name the file .docx (not .{fmt})", "report")
    if options.group_by is not None:
        if options.group_by not in GROUP_BY:
            raise ParameterError(f"cannot group by '{options.group_by}'; use one of: {', '.join(GROUP_BY)}",
                                 "group_by")
        if fmt not in GROUPABLE or options.report:
            raise ParameterError("{group_by} applies to the .docx action list and .md exports", "group_by")
    if options.calendar_entry != "todo" and fmt != "ics":
        raise ParameterError("{calendar_entry} applies to .ics exports", "calendar_entry")
    if options.layout is not None:
        if options.layout not in LAYOUTS:
            raise ParameterError(f"unknown layout '{options.layout}'; use one of: {', '.join(LAYOUTS)}", "layout")
        if fmt != "docx" or options.report:
            raise ParameterError("{layout} applies to the .docx action list", "layout")
    if options.lang is not None:
        load_labels(options.lang)
    return fmt


def list_language(items: list[ActionItem], options: ExportOptions) -> str:
    """The language to write in: the one asked for, else the one most items are in."""
    return options.lang or majority_language(item.lang for item in items)


def streamed(fmt: str, options: ExportOptions) -> bool:
    """Whether the writer of `fmt` takes the items as they are read (an
    iterator), given the figures, the language and, for Word, the meetings
    covered: iCalendar, and the Word action list in one ungrouped table."""
    if fmt == "ics":
        return True
    return fmt == "docx" and not options.report and options.group_by is None and options.layout in (None, "compact")


def export(items: Iterable[ActionItem], path: str | os.PathLike, options: ExportOptions,
           stats: Stats | None = None, notes: Mapping[str, list[HistoryEntry]] | None = None,
           meetings: list[Meeting] | None = None) -> ExportResult:
    """Write `items` to `path` atomically: a complete file or none, and an
    existing file is only replaced by a complete one. `stats` holds the
    figures to print (the store's, for the same filters); without it they
    are counted from `items` by the same function the store uses. `notes`
    (the store's, by item id) fill the remarks of the Word, CSV and
    Markdown tables. When `streamed(format, options)`, `items` may be an
    iterator (the store's `iter_items`), each written as it comes, given
    `stats`, `options.lang` and for Word `meetings` (`meetings_covered` of
    the same items); otherwise the items are listed first."""
    from docket.exports import docx_writer, ical, tabular

    fmt = check_options(path, options)
    if not streamed(fmt, options) or stats is None or options.lang is None or (fmt == "docx" and meetings is None):
        items, meetings = list(items), None
    if stats is None:
        stats = compute_stats(items, options.today)
    labels = load_labels(list_language(items, options))
    title = options.title or labels.text("document.progress_report" if options.report else "document.action_list")
    produced = options.produced or datetime.now().astimezone()
    setup = docx_writer.ListSetup(labels=labels, organisation=options.organisation, reference=options.reference,
                                  notes=notes, layout=options.layout or "compact")
    rows = 0

    def write(temp: Path) -> None:
        nonlocal rows
        if fmt == "docx" and options.report:
            rows = docx_writer.write_progress_report(
                items, temp, stats, title=title, scope=options.scope, produced=produced, setup=setup)
        elif fmt == "docx":
            rows = docx_writer.write_action_list(items, temp, stats, title=title, group_by=options.group_by,
                                                 scope=options.scope, produced=produced, setup=setup,
                                                 meetings=meetings)
        elif fmt == "csv":
            rows = tabular.write_csv(items, temp, stats, notes)
        elif fmt == "json":
            rows = tabular.write_json(items, temp, stats, title=title, produced=produced)
        elif fmt == "md":
            rows = tabular.write_markdown(items, temp, stats, title=title, group_by=options.group_by,
                                          scope=options.scope, produced=produced, labels=labels, notes=notes)
        else:
            rows = ical.write_ics(items, temp, options.today, kind=options.calendar_entry, title=title)

    write_atomically(path, write)
    return ExportResult(Path(path), fmt, rows)
