"""Writers that turn ActionItems into files: Word, CSV, JSON, Markdown and
iCalendar. They know nothing of extraction or of the store: the caller
passes the items, in the order to print them, and their figures (`Stats`).

    export(store.items(filters), "actions.docx", ExportOptions(today),
           stats=store.stats(filters, today))
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from docket.exports.common import GROUP_BY, check_target, resolve_format, write_atomically
from docket.models.errors import ParameterError
from docket.models.items import ActionItem
from docket.models.query import Stats, compute_stats

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
    return fmt


def export(items: list[ActionItem], path: str | os.PathLike, options: ExportOptions,
           stats: Stats | None = None) -> ExportResult:
    """Write `items` to `path` atomically: a complete file or none, and an
    existing file is only replaced by a complete one. `stats` holds the
    figures to print (the store's, for the same filters); without it they
    are counted from `items` by the same function the store uses."""
    from docket.exports import docx_writer, ical, tabular

    fmt = check_options(path, options)
    if stats is None:
        stats = compute_stats(items, options.today)
    default_title = "Progress report" if options.report else "Action list"
    title = options.title or default_title
    produced = options.produced or datetime.now().astimezone()
    rows = 0

    def write(temp: Path) -> None:
        nonlocal rows
        if fmt == "docx" and options.report:
            rows = docx_writer.write_progress_report(
                items, temp, stats, title=title, scope=options.scope, produced=produced)
        elif fmt == "docx":
            rows = docx_writer.write_action_list(items, temp, stats, title=title, group_by=options.group_by,
                                                 scope=options.scope, produced=produced)
        elif fmt == "csv":
            rows = tabular.write_csv(items, temp, stats)
        elif fmt == "json":
            rows = tabular.write_json(items, temp, stats, title=title, produced=produced)
        elif fmt == "md":
            rows = tabular.write_markdown(items, temp, stats, title=title, group_by=options.group_by,
                                          scope=options.scope, produced=produced)
        else:
            rows = ical.write_ics(items, temp, options.today, kind=options.calendar_entry, title=title)

    write_atomically(path, write)
    return ExportResult(Path(path), fmt, rows)
