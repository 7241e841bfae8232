"""iCalendar: one entry per action with a deadline date, as a to-do (VTODO,
DUE as a date) or an all-day event (VEVENT). The UID comes from the item id,
so importing a newer export updates entries instead of duplicating them.

Entries are written one by one as the items come, so memory stays flat in
the number of items. Each value is written by the icalendar library's own
property types (escaping, dates) in its property order; only the folding of
long lines is done here, as icalendar folds them (a test compares every
byte with its Component.to_ical): its folding loop measures each character
and took most of an export's time (250 µs an entry)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from icalendar import Calendar, Event, Todo
from icalendar.caselessdict import canonsort_keys
from icalendar.prop import vCategory, vDDDTypes, vText

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


def _text(value: str) -> str:
    return vText(value).to_ical().decode("utf-8")


@lru_cache(maxsize=4096)
def _moment(value: datetime | date) -> str:
    # deadlines and ingest times recur across thousands of items, and
    # vDDDTypes looks up time zones each time: each written once
    return vDDDTypes(value).to_ical().decode("ascii")


def entry_properties(item: ActionItem, kind: str, today: date) -> dict[str, str]:
    """The entry's properties: name -> what follows the name on its line
    (";VALUE=DATE:20250131", ":the text"), in no order."""
    found = {
        "UID": ":" + _text(item_uid(item)),
        "DTSTAMP": ":" + _moment(_timestamp(item.updated_at, today)),
        "SUMMARY": ":" + _text(shorten(clean_text(item.action) or clean_text(item.text), SUMMARY_CHARS)),
        "DESCRIPTION": ":" + _text(_description(item)),
    }
    if item.updated_at:
        found["LAST-MODIFIED"] = ":" + _moment(_timestamp(item.updated_at, today))
    if item.created_at:
        found["CREATED"] = ":" + _moment(_timestamp(item.created_at, today))
    if item.responsible:
        found["CATEGORIES"] = ":" + vCategory([clean_text(name) for name in item.responsible]).to_ical().decode()
    if item.urgent:
        found["PRIORITY"] = ":1"
    status = Status(item.status)
    if kind == "todo":
        found["DUE"] = ";VALUE=DATE:" + _moment(item.deadline)
        found["STATUS"] = ":" + TODO_STATUS[status]
        if status is Status.DONE:
            found["PERCENT-COMPLETE"] = ":100"
    else:
        found["DTSTART"] = ";VALUE=DATE:" + _moment(item.deadline)
        found["DTEND"] = ";VALUE=DATE:" + _moment(item.deadline + timedelta(days=1))
        found["TRANSP"] = ":TRANSPARENT"
        found["STATUS"] = ":" + ("CANCELLED" if status is Status.CANCELLED else "CONFIRMED")
    return found


COMPONENTS = {"todo": Todo, "event": Event}
FOLD_BYTES = 74  # the longest line icalendar writes unfolded (RFC 5545: 75 octets)


def fold(line: str) -> str:
    """`line` folded as icalendar folds it: at most FOLD_BYTES octets of
    UTF-8 a line, never inside a character, and a backslash or caret that
    would end a line (the start of an escape) carried to the next one."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_BYTES:
        return line
    parts, start = [], 0
    while len(data) - start > FOLD_BYTES:
        end = start + FOLD_BYTES
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def entry_ical(item: ActionItem, kind: str, today: date) -> str:
    """One VTODO or VEVENT, as icalendar's Component.to_ical writes it."""
    component = COMPONENTS[kind]
    found = entry_properties(item, kind, today)
    lines = [f"BEGIN:{component.name}"]
    lines += [fold(name + found[name]) for name in canonsort_keys(found, component.canonical_order)]
    lines.append(f"END:{component.name}\r\n")
    return "\r\n".join(lines)


def write_ics(items: Iterable[ActionItem], path: Path, today: date, *, kind: str = "todo",
              title: str = "Action list") -> int:
    """Returns the number of entries: actions without a deadline date have
    no place in a calendar and are left out. Written as `items` come."""
    if kind not in ENTRY_KINDS:
        raise ExportError(f"unknown calendar entry kind '{kind}'; use one of: {', '.join(ENTRY_KINDS)}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", clean_text(title))
    head, end = calendar.to_ical().decode("utf-8").rsplit("END:VCALENDAR", 1)
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(head)
        for item in items:
            if item.deadline is not None:
                handle.write(entry_ical(item, kind, today))
                written += 1
        handle.write("END:VCALENDAR" + end)
    return written
