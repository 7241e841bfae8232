"""The figures an export prints: counts by status, overdue, per body and per
document, completion. Computed only from the items the caller passes, so a
filtered export summarises exactly what it lists.

This is a stand-in for the store's `Stats` (one query function shared by
`stats`, `list` and the exports); the writers only read the fields below.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from exports.common import NO_ONE_NAMED, clean_text, document_label, has_no_deadline
from models.items import ActionItem, Status


@dataclass
class Figures:
    name: str = ""
    total: int = 0
    open: int = 0
    in_progress: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0
    urgent: int = 0
    no_deadline: int = 0
    no_responsible: int = 0

    @property
    def completion(self) -> float | None:
        """Percent done of the actions still meant to happen (cancelled ones
        left out); None when there are none."""
        due = self.total - self.cancelled
        return round(100.0 * self.done / due, 1) if due else None

    def count(self, item: ActionItem, today: date) -> None:
        self.total += 1
        status = Status(item.status)
        attribute = status.value.replace("-", "_")
        setattr(self, attribute, getattr(self, attribute) + 1)
        self.overdue += item.is_overdue(today)
        self.urgent += bool(item.urgent)
        self.no_deadline += has_no_deadline(item)
        self.no_responsible += not item.responsible

    def by_status(self) -> dict[str, int]:
        return {status.value: getattr(self, status.value.replace("-", "_")) for status in Status}


@dataclass
class Summary:
    today: date
    overall: Figures
    per_body: list[Figures] = field(default_factory=list)
    per_document: list[Figures] = field(default_factory=list)


def summarize(items: list[ActionItem], today: date) -> Summary:
    """Figures over `items`. An item addressed to several bodies counts once
    for each body, and once overall."""
    overall = Figures("All actions")
    bodies: dict[str, Figures] = {}
    documents: dict[str, Figures] = {}
    for item in items:
        overall.count(item, today)
        for name in [clean_text(n) for n in item.responsible] or [NO_ONE_NAMED.capitalize()]:
            bodies.setdefault(name.casefold(), Figures(name)).count(item, today)
        label = document_label(item)
        documents.setdefault(label, Figures(label)).count(item, today)
    return Summary(
        today=today,
        overall=overall,
        per_body=sorted(
            bodies.values(),
            key=lambda f: (f.name == NO_ONE_NAMED.capitalize(), -f.total, f.name.casefold()),
        ),
        per_document=sorted(documents.values(), key=lambda f: f.name.casefold()),
    )
