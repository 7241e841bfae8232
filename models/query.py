"""What to ask the store for (`ItemFilter`) and the figures it answers with (`Stats`).

The store counts the figures in SQL (`Store.stats`, from the conditions of
`Store.items` and `sql.overdue_sql`); `compute_stats` counts the same
figures from ActionItems in Python, for items that are not in a store
(`exports.export` without `stats`) and as the reference the tests compare
the SQL with.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Iterable

from docket.models.errors import ParameterError
from docket.models.items import ActionItem, Status

NO_BODY = "(no responsible body)"


@dataclass(frozen=True)
class ItemFilter:
    """Which items to return. Every condition given must hold (AND).

    statuses: None means every status; `ItemFilter.outstanding()` is open,
    in-progress and blocked, what `docket list` shows by default.
    overdue: deadline before `today` and still outstanding.
    due_before: deadline on or before this date.
    due_within: deadline from `today` to `today + due_within` days, both included.
    body: text found in any name or alias of a responsible body (case-insensitive).
    search: full-text words, all of which must occur (text, action, responsible,
    issuer, deadline).
    include_vanished: also items whose sentence is gone from the latest version
    of their document (left out by default).
    include_review: also items waiting for a person's review (left out by default).
    today: the date "overdue" and "due within" count from; None means the real today.
    """

    statuses: tuple[Status, ...] | None = None
    overdue: bool = False
    due_before: date | None = None
    due_within: int | None = None
    body: str | None = None
    document_id: int | None = None
    search: str | None = None
    urgent: bool = False
    no_deadline: bool = False
    include_vanished: bool = False
    include_review: bool = False  # also items waiting for review (docket review)
    ids: tuple[str, ...] | None = None
    today: date | None = None

    def __post_init__(self) -> None:
        dated = [name for name, on in self._date_conditions() if on]
        if self.no_deadline and dated:
            others = ", ".join(f"{{{name}}}" for name in dated)
            raise ParameterError(f"{{no_deadline}} cannot be combined with {others}", "no_deadline", *dated)
        if self.due_within is not None and self.due_within < 0:
            raise ParameterError(f"{{due_within}}: {self.due_within} is negative; give a number of days",
                                 "due_within")

    def _date_conditions(self) -> list[tuple[str, bool]]:
        return [
            ("overdue", self.overdue),
            ("due_before", self.due_before is not None),
            ("due_within", self.due_within is not None),
        ]

    @classmethod
    def outstanding(cls, **conditions: Any) -> "ItemFilter":
        return cls(statuses=Status.outstanding(), **conditions)

    def reference_date(self) -> date:
        return self.today or date.today()

    def due_within_end(self) -> date | None:
        if self.due_within is None:
            return None
        return self.reference_date() + timedelta(days=self.due_within)

    def on(self, today: date) -> "ItemFilter":
        return replace(self, today=today)


@dataclass
class Counts:
    """How many items are in each status (in the order of `Status`), and how
    many are overdue: the order of the figures of sql.counts_sql."""

    open: int = 0
    in_progress: int = 0
    blocked: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0

    def merge(self, other: "Counts") -> None:
        for name in ("open", "in_progress", "blocked", "done", "cancelled", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def add(self, item: ActionItem, today: date) -> None:
        attribute = item.status.value.replace("-", "_")
        setattr(self, attribute, getattr(self, attribute) + 1)
        self.overdue += item.is_overdue(today)

    @property
    def total(self) -> int:
        return self.open + self.in_progress + self.blocked + self.done + self.cancelled

    @property
    def outstanding(self) -> int:
        return self.open + self.in_progress + self.blocked

    @property
    def tasks(self) -> int:
        """Items that are meant to be done: cancelled ones are not."""
        return self.total - self.cancelled

    @property
    def percent_done(self) -> int | None:
        """Share of `tasks` done, rounded down so 100% means every task is done."""
        if not self.tasks:
            return None
        return math.floor(100 * self.done / self.tasks)

    def summary(self) -> str:
        """"348 of 690 tasks done, 50%"."""
        percent = self.percent_done
        share = f", {percent}%" if percent is not None else ""
        return f"{self.done} of {self.tasks} tasks done{share}"

    def to_json(self) -> dict[str, Any]:
        return {
            "open": self.open,
            "in-progress": self.in_progress,
            "blocked": self.blocked,
            "done": self.done,
            "cancelled": self.cancelled,
            "total": self.total,
            "tasks": self.tasks,
            "outstanding": self.outstanding,
            "overdue": self.overdue,
            "percent_done": self.percent_done,
        }


@dataclass
class Group:
    """The counts of one body or one document."""

    key: str
    label: str
    counts: Counts = field(default_factory=Counts)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, **self.counts.to_json()}


@dataclass
class Stats:
    """Progress figures as of `today`. An item with several responsible bodies
    counts once for each of them in `by_body`, once in `totals`."""

    today: date
    totals: Counts
    by_body: list[Group]
    by_document: list[Group]

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "totals": self.totals.to_json(),
            "by_body": [group.to_json() for group in self.by_body],
            "by_document": [group.to_json() for group in self.by_document],
        }


def by_body_order(group: Group) -> tuple[bool, str, str]:
    """Bodies by name, case aside, items with none last."""
    return group.key == NO_BODY, group.label.casefold(), group.label


def compute_stats(items: Iterable[ActionItem], today: date) -> Stats:
    """Count items by status, overdue, body and document."""
    totals = Counts()
    bodies: dict[str, Group] = {}
    documents: dict[int, Group] = {}
    for item in items:
        totals.add(item, today)
        for name in item.bodies or [NO_BODY]:
            bodies.setdefault(name, Group(name, name)).counts.add(item, today)
        label = item.document_title or item.document_source
        group = documents.setdefault(item.document_id, Group(str(item.document_id), label))
        group.counts.add(item, today)
    by_body = sorted(bodies.values(), key=by_body_order)
    by_document = [documents[key] for key in sorted(documents)]
    return Stats(today=today, totals=totals, by_body=by_body, by_document=by_document)
