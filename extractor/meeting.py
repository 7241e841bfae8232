"""The meeting's date, read from the document.

In order: a date the head says is the meeting's (a pack's `strong`
patterns: "On the afternoon of February 13", "13 فروری کی سہ پہر", "Chiều
13/2", "Date: ..."); any full date near the top (`weak`: a dateline); a
strong one further down; else the hint (a file's name or properties).
Never a cited document's date, nor a date inside a deadline phrase ("report
before 25 October 2023") taken for a dateline.

A date without a year takes it from the document's dateline (the page's
date: the meeting is that day or before it), else from the line it stands
on, else from the first deadline that has one (the meeting is in that year, or
the year before when the deadline's day would fall before the meeting's).
"The committee met yesterday" (a pack's `yesterday` patterns) counts back
one day from the dateline.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from docket.extractor.dates import DateGrammar, DateMatch, resolve
from docket.extractor.schema import DateKind

HEAD_CHARS = 1500
STRONG_CHARS = 1500  # the opening paragraph: later "held on" dates name other meetings
# phrases whose year dates the meeting they were set at
PERIODS = {DateKind.DATE, DateKind.MONTH, DateKind.QUARTER, DateKind.HALF, DateKind.YEAR_END}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_on_line(text: str, at: int) -> int | None:
    """The latest year named on the line of a year-less meeting date: a
    report "reviewing 2024 and deploying tasks for 2025" is held in 2025."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    years = [int(y) for y in _YEAR.findall(text[start:end if end >= 0 else len(text)])]
    return max(years) if years else None


def _year_before(year: int, month: int, day: int, then: date) -> int:
    """The year of a month and day that fall on or before `then`, in `year`'s reach."""
    return year if (month, day) <= (then.month, then.day) else year - 1


def _year_from_context(text: str, grammar: DateGrammar, month: int, day: int) -> int | None:
    for match in grammar.find(text):
        if match.kind in PERIODS and match.has_year:
            period_end = resolve(match, None)
            if period_end is None:
                continue
            return _year_before(period_end.year, month, day, period_end)
    years = Counter(int(y) for y in _YEAR.findall(text))
    if years:
        return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return None


class _Reader:
    """One document's candidate dates and what rules them out."""

    def __init__(self, text: str, grammar: DateGrammar):
        self.text, self.grammar = text, grammar
        self._deadlines: list[tuple[int, int]] | None = None
        self._dateline: list[date | None] = []
        self._head: list[DateMatch] | None = None
        self.stamp = grammar.page_stamp(text[:HEAD_CHARS])
        self.stamp_unconfirmed = self.stamp is not None and not self._confirmed(self.stamp)

    def _confirmed(self, stamp: tuple[int, int]) -> bool:
        """Whether the text agrees with the page's date stamp: names its day
        ("Shimla, Oct 3"), its weekday ("on Friday directed"), or a meeting
        held the day before it. A preview of a coming meeting or a story
        with no date of its own leaves the page's date no meeting date."""
        stamped = [m for m in self.grammar.find_bare(self.text[stamp[0]:stamp[1]]) if m.fields.get("year")]
        if not stamped:
            return True
        try:
            day = date(stamped[0].fields["year"], stamped[0].fields.get("month") or 0, stamped[0].fields.get("day") or 0)
        except (ValueError, KeyError):
            return True
        head = self.text[stamp[1]:HEAD_CHARS]
        if self.grammar.says_yesterday(head):
            return True
        return any(m.fields.get("weekday") == day.weekday() or (m.fields.get("month"), m.fields.get("day")) == (
            day.month, day.day) for m in self.grammar.bare_mentions(head))

    def deadlines(self) -> list[tuple[int, int]]:
        """The deadline phrases near the top, found when a weak date is
        first checked against them: most documents never ask."""
        if self._deadlines is None:
            self._deadlines = [(m.start, m.end) for m in self.grammar.find(self.text[:HEAD_CHARS])]
        return self._deadlines

    def in_deadline(self, match: DateMatch) -> bool:
        return any(a < match.end and match.start < b for a, b in self.deadlines())

    def on_stamp(self, match: DateMatch) -> bool:
        return self.stamp_unconfirmed and self.stamp[0] <= match.start < self.stamp[1]

    def usable(self, match: DateMatch, weak: bool, year_only: bool = False) -> bool:
        return not self.grammar.is_cited(self.text, match.start) and not (weak and self.in_deadline(match)) \
            and (year_only or not self.on_stamp(match))

    def head_dates(self) -> list[DateMatch]:
        """The weak meeting patterns' dates near the top, found once: the
        dateline and the weak reading both go through them."""
        if self._head is None:
            self._head = self.grammar.meeting_dates(self.text[:HEAD_CHARS])
        return self._head

    def dateline(self) -> date | None:
        """The first full date near the top that is neither cited nor a deadline."""
        if not self._dateline:
            found = None
            for match in self.head_dates():
                if match.has_year and self.usable(match, weak=True, year_only=True):
                    found = self._date(match, None)
                    if found:
                        break
            self._dateline.append(found)
        return self._dateline[0]

    def _date(self, match: DateMatch, year: int | None) -> date | None:
        month, day = match.fields.get("month"), match.fields.get("day")
        year = match.fields.get("year") or year
        if not month or not day or not year:
            return None
        try:
            return date(year, month, day)
        except ValueError:
            return None

    def first(self, matches, weak: bool) -> date | None:
        for match in matches:
            if not self.usable(match, weak):
                continue
            month, day = match.fields.get("month"), match.fields.get("day")
            if not month or not day:
                continue
            dateline = self.dateline()
            year = match.fields.get("year") or (_year_before(dateline.year, month, day, dateline) if dateline else (
                _year_on_line(self.text, match.start) or _year_from_context(self.text, self.grammar, month, day)))
            found = self._date(match, year)
            if found:
                return found
        return None


def find_meeting_date(text: str, grammar: DateGrammar, hint: date | None = None) -> date | None:
    return meeting_date_and_source(text, grammar, hint)[0]


# A weak date on a line of more words than this is no dateline but a date a
# sentence names: taken for the meeting's, it is marked inferred.
DATELINE_WORDS = 12


def _line_words(text: str, at: int) -> int:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return len(text[start:end if end >= 0 else len(text)].split())


def meeting_date_and_source(text: str, grammar: DateGrammar, hint: date | None = None) -> tuple[date | None, str | None]:
    """The meeting date and where it came from: "read" (a strong pattern, or
    a dateline: a date on a short line near the top) or "inferred" (a date
    inside a longer line near the top, or the hint: a file's name)."""
    reader = _Reader(text, grammar)
    found = reader.first(grammar.meeting_dates(text[:STRONG_CHARS], strong=True), weak=False)
    if found:
        return found, "read"
    weak = [m for m in reader.head_dates() if reader.usable(m, weak=True)]
    dateline = reader.first(weak, weak=True)
    if dateline:
        at = next((m.start for m in weak if reader._date(m, None) == dateline), None)
        source = "read" if at is None or _line_words(text, at) <= DATELINE_WORDS else "inferred"
        if grammar.says_yesterday(text[:HEAD_CHARS]):
            return dateline - timedelta(days=1), source
        return dateline, source
    later = reader.first(grammar.meeting_dates(text[STRONG_CHARS:], strong=True, offset=STRONG_CHARS), weak=False)
    if later:
        return later, "read"
    return hint, "inferred" if hint else None
