"""iCalendar, parsed again with the icalendar library."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
from icalendar import Calendar

from export_samples import TODAY, URDU_ACTION, URDU_BODY, URDU_TEXT, VIET_ACTION, make_item, sample_items
from docket.exports import ExportOptions, export
from docket.exports.ical import write_ics
from docket.models.errors import ExportError
from docket.models.items import Status


def read(tmp_path, items, name="a.ics", **options):
    path = tmp_path / name
    result = export(items, path, ExportOptions(TODAY, **options))
    return Calendar.from_ical(path.read_bytes()), result


def test_one_todo_per_item_with_a_deadline_date(tmp_path):
    items = sample_items()
    calendar, result = read(tmp_path, items)
    todos = calendar.walk("VTODO")
    dated = [i for i in items if i.deadline]
    assert result.rows == len(todos) == len(dated) == 5
    assert {str(t["uid"]) for t in todos} == {f"{i.id}@docket" for i in dated}
    assert str(calendar["prodid"]) == "-//docket//action items//EN"


def test_due_is_a_date_and_fields_carry_the_item(tmp_path):
    calendar, _ = read(tmp_path, sample_items())
    todos = {str(t["uid"]): t for t in calendar.walk("VTODO")}
    overdue = todos["item00002@docket"]
    due = overdue.decoded("due")
    assert due == date(2025, 1, 31) and not isinstance(due, datetime)
    assert str(overdue["status"]) == "NEEDS-ACTION"
    assert str(overdue["summary"]) == "connect the population database with ministries and localities"
    assert [str(c) for c in overdue["categories"].cats] == ["Ministry of Public Security", "Provincial Police"]
    description = str(overdue["description"])
    assert "Deadline as written: in January 2025" in description
    assert "Source: Cabinet meeting on digital transformation, meeting of 2025-02-13" in description
    assert overdue.decoded("dtstamp") == datetime(2025, 2, 15, 10, 30, tzinfo=timezone.utc)
    assert str(todos["item00005@docket"]["summary"]) == URDU_ACTION
    done = todos["item00006@docket"]
    assert str(done["summary"]) == VIET_ACTION
    assert str(done["status"]) == "COMPLETED" and int(done["percent-complete"]) == 100


def test_urgent_items_get_the_highest_priority(tmp_path):
    items = [make_item(1, urgent=True), make_item(2)]
    calendar, _ = read(tmp_path, items)
    priorities = {str(t["uid"]): t.get("priority") for t in calendar.walk("VTODO")}
    assert priorities == {"item00001@docket": 1, "item00002@docket": None}


def test_reexport_keeps_uids_so_an_import_updates(tmp_path):
    items = sample_items()
    first, _ = read(tmp_path, items, "first.ics")
    changed = [replace(i, status=Status.DONE, updated_at="2025-03-09T08:00:00") for i in items]
    second, _ = read(tmp_path, changed, "second.ics")
    uids = [str(t["uid"]) for t in first.walk("VTODO")]
    assert uids == [str(t["uid"]) for t in second.walk("VTODO")]
    assert len(set(uids)) == len(uids)
    assert all(str(t["status"]) == "COMPLETED" for t in second.walk("VTODO"))
    later = second.walk("VTODO")[0].decoded("last-modified")
    assert later == datetime(2025, 3, 9, 8, 0, tzinfo=timezone.utc)


def test_all_day_events_instead_of_todos(tmp_path):
    calendar, result = read(tmp_path, sample_items(), calendar_entry="event")
    events = calendar.walk("VEVENT")
    assert not calendar.walk("VTODO") and len(events) == result.rows == 5
    event = next(e for e in events if str(e["uid"]) == "item00001@docket")
    assert event.decoded("dtstart") == date(2025, 3, 31)
    assert event.decoded("dtend") == date(2025, 4, 1)
    cancelled = [e for e in events if str(e["status"]) == "CANCELLED"]
    assert cancelled == []  # the cancelled sample item has no date


def test_text_with_control_characters_still_parses(tmp_path):
    calendar, _ = read(tmp_path, [make_item(1, action="a\x00b\x1bc", text="x\x0cy")])
    (todo,) = calendar.walk("VTODO")
    assert str(todo["summary"]) == "abc"


def test_unknown_entry_kind_is_refused(tmp_path):
    with pytest.raises(ExportError, match="unknown calendar entry kind 'meeting'"):
        write_ics([make_item(1)], tmp_path / "a.ics", TODAY, kind="meeting")


def test_no_dated_items_gives_an_empty_but_valid_calendar(tmp_path):
    calendar, result = read(tmp_path, [make_item(1, deadline=None)])
    assert result.rows == 0 and calendar.walk("VTODO") == []


# -- the streamed writer against the icalendar library ------------------------

def _library_entry(item, kind, today):
    """The entry as the icalendar library builds it: the reference the
    streamed writer (exports/ical.py) must match byte for byte."""
    from datetime import timedelta

    from icalendar import Event, Todo

    from docket.exports.common import clean_text, shorten
    from docket.exports.ical import SUMMARY_CHARS, TODO_STATUS, _description, _timestamp, item_uid

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


def _awkward_items():
    """Text that folds at every awkward place: an escape or a multi-byte
    character at the 74th octet, commas and semicolons, long Urdu and
    Vietnamese, no owner, every status."""
    items = []
    for n, status in enumerate(Status):
        for shift in range(6):
            pad = "x" * (60 + shift)
            items += [
                make_item(100 + 10 * n + shift, status=status, action=pad + "\\;,\\\\ a^b " * 8,
                          text=pad + URDU_TEXT * 3, responsible=[pad + ", one; two", URDU_BODY]),
                make_item(200 + 10 * n + shift, status=status, action=VIET_ACTION * 3, text=pad + VIET_ACTION * 4,
                          responsible=[], urgent=True, deadline_text="; by, \\ the end^"),
            ]
    return items


@pytest.mark.parametrize("kind", ["todo", "event"])
def test_the_streamed_calendar_is_what_the_library_writes(tmp_path, kind):
    items = sample_items() + _awkward_items()
    calendar = Calendar()
    for name, value in (("prodid", "-//docket//action items//EN"), ("version", "2.0"), ("calscale", "GREGORIAN"),
                        ("x-wr-calname", "Action list")):
        calendar.add(name, value)
    for item in items:
        if item.deadline is not None:
            calendar.add_component(_library_entry(item, kind, TODAY))
    path = tmp_path / "a.ics"
    written = write_ics(iter(items), path, TODAY, kind=kind)
    assert path.read_bytes() == calendar.to_ical()
    assert written == sum(1 for item in items if item.deadline is not None) > 20


@pytest.mark.parametrize("line", ["", "a" * 74, "a" * 75, "a" * 73 + "\\;" + "b" * 80, "ư" * 40, "x" + "ư" * 80,
                                  "\\" * 200, "^" * 150, "نے" * 90])
def test_fold_is_the_library_fold(line):
    from icalendar.parser.string import _foldline

    from docket.exports.ical import fold

    assert fold(line) == _foldline(line)
