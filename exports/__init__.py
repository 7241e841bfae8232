"""Writers that turn ActionItems into files: Word, CSV, JSON, Markdown and
iCalendar. They know nothing of extraction or of the store: the caller
passes the items and the figures to print.

    export(items, "actions.docx", ExportOptions(today=date.today()))
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from exports.common import GROUP_BY, resolve_format, write_atomically
from exports.summary import Summary, summarize
from models.errors import ExportError
from models.items import ActionItem

GROUPABLE = ("docx", "md")


@dataclass
class ExportOptions:
    today: date
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
    """The format to write, or an ExportError for a combination that cannot
    work; called before any item is read."""
    fmt = resolve_format(path, options.format)
    if options.report and fmt != "docx":
        raise ExportError(f"--report makes a Word document; name the file .docx (not .{fmt})")
    if options.group_by is not None:
        if options.group_by not in GROUP_BY:
            raise ExportError(f"cannot group by '{options.group_by}'; use one of: {', '.join(GROUP_BY)}")
        if fmt not in GROUPABLE or options.report:
            raise ExportError("--group-by applies to the .docx action list and .md exports")
    if options.calendar_entry != "todo" and fmt != "ics":
        raise ExportError("--calendar-entry applies to .ics exports")
    return fmt


def export(items: list[ActionItem], path: str | os.PathLike, options: ExportOptions,
           summary: Summary | None = None) -> ExportResult:
    """Write `items` to `path` atomically: a complete file or none, and an
    existing file is only replaced by a complete one. `summary` holds the
    figures to print; without one they are counted from `items`."""
    from exports import docx_writer, ical, tabular

    fmt = check_options(path, options)
    if summary is None:
        summary = summarize(items, options.today)
    default_title = "Progress report" if options.report else "Action list"
    title = options.title or default_title
    rows = 0

    def write(temp: Path) -> None:
        nonlocal rows
        if fmt == "docx" and options.report:
            rows = docx_writer.write_progress_report(items, temp, summary, title=title, scope=options.scope)
        elif fmt == "docx":
            rows = docx_writer.write_action_list(
                items, temp, summary, title=title, group_by=options.group_by, scope=options.scope)
        elif fmt == "csv":
            rows = tabular.write_csv(items, temp, summary)
        elif fmt == "json":
            rows = tabular.write_json(items, temp, summary, title=title)
        elif fmt == "md":
            rows = tabular.write_markdown(
                items, temp, summary, title=title, group_by=options.group_by, scope=options.scope)
        else:
            rows = ical.write_ics(items, temp, options.today, kind=options.calendar_entry, title=title)

    write_atomically(path, write)
    return ExportResult(Path(path), fmt, rows)
