"""The words of an export in the reader's language: column heads, status
words, dates, the page footer. They live in exports/labels/<code>.yml, one
file per language, loaded with srsly and checked against `SCHEMA` so every
language has every label and no label refers to a value the writers do not
give it. The code below names keys and placeholders, never a word.

    labels = load_labels("vi")
    labels.text("columns.deadline")                 # "Thời hạn"
    labels.text("document.produced_on", date=...)   # "Lập ngày ..."
    labels.date(datetime.date(2025, 1, 31))         # "ngày 31/01/2025"
"""
from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass
import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from docket.models.errors import ExportError
from docket.models.items import Status

LABELS_DIR = Path(__file__).parent / "labels"
DEFAULT_LANG = "en"

# Every label, with the placeholders its text may use. A month list is the
# one value that is not a string.
MONTHS = "months"
SCHEMA: dict[str, frozenset[str] | str] = {
    "language.name": frozenset(),
    "language.direction": frozenset(),  # ltr | rtl
    "dates.months": MONTHS,
    "dates.months_short": MONTHS,
    # day, month (number), month_name, month_short, year; format specs allowed ({day:02d})
    "dates.long": frozenset({"day", "month", "month_name", "month_short", "year"}),
    "dates.short": frozenset({"day", "month", "month_name", "month_short", "year"}),
    "dates.month_year": frozenset({"month", "month_name", "month_short", "year"}),
    "document.action_list": frozenset(),
    "document.progress_report": frozenset(),
    "document.meeting_covered": frozenset(),
    "document.meetings_covered": frozenset(),
    "document.more_meetings": frozenset({"count"}),
    "document.produced_on": frozenset({"date"}),
    "document.selection": frozenset({"scope"}),
    "document.reference": frozenset({"reference"}),
    "document.page_of": frozenset({"page", "pages"}),
    "document.no_actions": frozenset(),
    "document.note": frozenset({"date", "note"}),
    "document.also_raised": frozenset({"document", "date"}),
    "columns.number": frozenset(),
    "columns.id": frozenset(),
    "columns.action": frozenset(),
    "columns.responsible": frozenset(),
    "columns.deadline": frozenset(),
    "columns.status": frozenset(),
    "columns.remarks": frozenset(),
    "columns.source": frozenset(),
    "status.open": frozenset(),
    "status.in-progress": frozenset(),
    "status.blocked": frozenset(),
    "status.done": frozenset(),
    "status.cancelled": frozenset(),
    "marks.overdue": frozenset(),
    "marks.urgent": frozenset(),
    "marks.recurring": frozenset(),
    "marks.no_one_named": frozenset(),
    "marks.no_deadline": frozenset(),
    "marks.no_date": frozenset(),
    "marks.carried_over": frozenset(),
    "marks.unknown_document": frozenset(),
    "groups.no_one_named": frozenset(),
    "groups.no_deadline": frozenset(),
    "groups.due_in": frozenset({"month"}),
    "groups.single_bodies": frozenset(),
    "summary.actions_one": frozenset({"count"}),
    "summary.actions_other": frozenset({"count"}),
    "summary.by_status": frozenset({"open", "in_progress", "blocked", "done", "cancelled"}),
    "summary.overdue": frozenset({"count", "date"}),
    "summary.none_overdue": frozenset({"date"}),
    "summary.no_one_named": frozenset({"count"}),
    "summary.done": frozenset({"done", "tasks"}),
    "summary.done_percent": frozenset({"done", "tasks", "percent"}),
    "report.note": frozenset(),
    "report.overall": frozenset(),
    "report.by_body": frozenset(),
    "report.by_document": frozenset(),
    "report.all_actions": frozenset(),
    "report.no_actions": frozenset(),
    "report.tasks": frozenset(),
    "report.done": frozenset(),
    "report.completion": frozenset(),
    "report.open": frozenset(),
    "report.in_progress": frozenset(),
    "report.blocked": frozenset(),
    "report.overdue": frozenset(),
    "report.cancelled": frozenset(),
    "selection.separator": frozenset(),
    "selection.or": frozenset(),
    "selection.status": frozenset({"statuses"}),
    "selection.overdue": frozenset(),
    "selection.due_by": frozenset({"date"}),
    "selection.due_within": frozenset({"days", "date"}),
    "selection.no_deadline": frozenset(),
    "selection.urgent": frozenset(),
    "selection.body": frozenset({"body"}),
    "selection.document": frozenset({"document"}),
    "selection.search": frozenset({"text"}),
    "selection.vanished": frozenset(),
}
DIRECTIONS = ("ltr", "rtl")


def available() -> list[str]:
    """The language codes with a labels file."""
    return sorted(path.stem for path in LABELS_DIR.glob("*.yml"))


@dataclass(frozen=True)
class Labels:
    code: str
    values: dict[str, Any]

    @property
    def rtl(self) -> bool:
        return self.values["language.direction"] == "rtl"

    def text(self, key: str, **fields: Any) -> str:
        return self.values[key].format(**fields) if fields else self.values[key]

    def status(self, status: Status | str) -> str:
        return self.values[f"status.{Status(status).value}"]

    def date(self, day: datetime.date | None, style: str = "long") -> str:
        """`day` as this language writes it: "31 January 2025",
        "ngày 31/01/2025", "31 جنوری 2025"; "" for no date."""
        if day is None:
            return ""
        return self.values[f"dates.{style}"].format(**self._date_fields(day), day=day.day)

    def month(self, day: datetime.date) -> str:
        return self.values["dates.month_year"].format(**self._date_fields(day))

    def _date_fields(self, day: datetime.date) -> dict[str, Any]:
        return {"month": day.month, "year": day.year,
                "month_name": self.values["dates.months"][day.month - 1],
                "month_short": self.values["dates.months_short"][day.month - 1]}

    def plural(self, key: str, count: int, **fields: Any) -> str:
        return self.text(f"{key}_{'one' if count == 1 else 'other'}", count=count, **fields)


def load_labels(code: str | None = None) -> Labels:
    """The labels of language `code` (default English); an ExportError
    naming the choices for a language without a labels file."""
    code = (code or DEFAULT_LANG).strip().lower()
    if code not in available():
        raise ExportError(f"no labels for language '{code}'; use one of: {', '.join(available())}")
    return _load(code)


@lru_cache(maxsize=None)
def _load(code: str) -> Labels:
    return Labels(code, read_labels(LABELS_DIR / f"{code}.yml"))


def read_labels(path: Path) -> dict[str, Any]:
    """One labels file, flattened to SCHEMA's dotted keys and checked; any
    fault is an ExportError naming the file and the key."""
    import srsly  # here, not at the top: it imports numpy, which a start needs not

    try:
        data = srsly.read_yaml(path)
    except Exception as error:  # srsly raises ruamel's own errors
        raise ExportError(f"{path}: not readable YAML ({error})") from None
    if not isinstance(data, dict):
        raise ExportError(f"{path}: expected a mapping of label groups")
    values = _flatten(data)
    missing = sorted(set(SCHEMA) - set(values))
    unknown = sorted(set(values) - set(SCHEMA))
    if missing:
        raise ExportError(f"{path}: missing label {', '.join(missing)}")
    if unknown:
        raise ExportError(f"{path}: unknown label {', '.join(unknown)}")
    for key, allowed in SCHEMA.items():
        _check(path, key, values[key], allowed)
    if values["language.direction"] not in DIRECTIONS:
        raise ExportError(f"{path}: language.direction must be one of {', '.join(DIRECTIONS)}")
    return values


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _check(path: Path, key: str, value: Any, allowed: frozenset[str] | str) -> None:
    if allowed == MONTHS:
        if not (isinstance(value, list) and len(value) == 12 and all(isinstance(v, str) and v for v in value)):
            raise ExportError(f"{path}: {key} must list the 12 months")
        return
    if not isinstance(value, str) or not value.strip():
        raise ExportError(f"{path}: {key} must be a non-empty text")
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise ExportError(f"{path}: {key}: {error}") from None
    if "" in used or used - allowed:
        shown = ", ".join(sorted(allowed)) or "none"
        raise ExportError(f"{path}: {key} uses {{{', '.join(sorted(used - allowed)) or ''}}}; "
                          f"it may use: {shown}")


def majority_language(codes: Iterable[str | None]) -> str:
    """The language most items are in, among those with labels (ties go
    to the first met); English when none is."""
    known = set(available())
    counts = Counter(code for code in codes if code in known)
    return counts.most_common(1)[0][0] if counts else DEFAULT_LANG
