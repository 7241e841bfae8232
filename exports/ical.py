"""iCalendar: one entry per action with a deadline date, as a to-do (VTODO,
DUE as a date) or an all-day event (VEVENT). The UID comes from the item id,
so importing a newer export updates entries instead of duplicating them."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from icalendar import Calendar, Event, Todo

from docket.exports.common import ENTRY_KINDS, clean_text, document_label, responsible_label, shorten
from docket.models.errors import ExportError
from docket.models.items import ActionItem, Status

PRODID = "-//docket//action items//EN"
SUMMARY_CHARS = 160

TODO_STATUS = {
    Status.OPEN: "NEEDS-ACTION",
    Status.IN_PROGRESS: "IN-PROCESS",
    Status.BLOCKED: "NEEDS-ACTION",  # iCalendar has no "blocked": the work still needs doing
    Status.DONE: "COMPLETED",
    Status.CANCELLED: "CANCELLED",
}


def item_uid(item: ActionItem) -> str:
    return f"{item.id}@docket"


def _timestamp(value: str | None, fallback: date) -> datetime:
    """A store timestamp as UTC; the export date at midnight when there is none."""
    if value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return moment.astimezone(timezone.utc)
    return datetime.combine(fallback, time(0), tzinfo=timezone.utc)


def _description(item: ActionItem) -> str:
    lines = [
        f"Responsible: {responsible_label(item) or 'no one named'}",
        f"Deadline as written: {clean_text(item.deadline_text) or '-'}",
        f"Status: {Status(item.status).value}",
        f"Source: {document_label(item)}"
        + (f", meeting of {item.meeting_date.isoformat()}" if item.meeting_date else ""),
        "",
        clean_text(item.text),
    ]
    return "\n".join(lines)


def _entry(item: ActionItem, kind: str, today: date) -> Todo | Event:
    component = Todo() if kind == "todo" else Event()
    component.add("uid", item_uid(item))
    component.add("dtstamp", _timestamp(item.updated_at, today))
    if item.updated_at:
        component.add("last-modified", _timestamp(item.updated_at, today))
    if item.created_at:
        component.add("created", _timestamp(item.created_at, today))
    component.add("summary", shorten(clean_text(item.action) or clean_text(item.text), SUMMARY_CHARS))
    component.add("description", _description(item))
    if item.responsible:
        component.add("categories", [clean_text(name) for name in item.responsible])
    if item.urgent:
        component.add("priority", 1)
    status = Status(item.status)
    if kind == "todo":
        component.add("due", item.deadline)
        component.add("status", TODO_STATUS[status])
        if status is Status.DONE:
            component.add("percent-complete", 100)
    else:
        component.add("dtstart", item.deadline)
        component.add("dtend", item.deadline + timedelta(days=1))
        component.add("transp", "TRANSPARENT")
        component.add("status", "CANCELLED" if status is Status.CANCELLED else "CONFIRMED")
    return component


def write_ics(items: list[ActionItem], path: Path, today: date, *, kind: str = "todo",
              title: str = "Action list") -> int:
    """Returns the number of entries: actions without a deadline date have
    no place in a calendar and are left out."""
    if kind not in ENTRY_KINDS:
        raise ExportError(f"unknown calendar entry kind '{kind}'; use one of: {', '.join(ENTRY_KINDS)}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", clean_text(title))
    dated = [item for item in items if item.deadline is not None]
    for item in dated:
        calendar.add_component(_entry(item, kind, today))
    with open(path, "wb") as handle:
        handle.write(calendar.to_ical())
    return len(dated)
