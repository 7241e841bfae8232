"""The meeting's date, read from the head of the document.

The first date in the document's head that a pack's `meeting_date` patterns
recognise (a dateline, "On the afternoon of February 13", "13 فروری کی سہ
پہر", "Chiều 13/2") is the meeting date. A date without a year takes it from
the document's first deadline that has one: the meeting is in that year, or
the year before when the deadline's day would fall before the meeting's.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from docket.extractor.dates import DateGrammar, resolve
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


def _year_from_context(text: str, grammar: DateGrammar, month: int, day: int) -> int | None:
    for match in grammar.find(text):
        if match.kind in PERIODS and match.has_year:
            period_end = resolve(match, None)
            if period_end is None:
                continue
            year = period_end.year
            return year if (month, day) <= (period_end.month, period_end.day) else year - 1
    years = Counter(int(y) for y in _YEAR.findall(text))
    if years:
        return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return None


def find_meeting_date(text: str, grammar: DateGrammar, hint: date | None = None) -> date | None:
    found = _first(text, grammar, grammar.meeting_dates(text[:STRONG_CHARS], strong=True))
    return found or _first(text, grammar, grammar.meeting_dates(text[:HEAD_CHARS])) or hint


def _first(text: str, grammar: DateGrammar, matches) -> date | None:
    for match in matches:
        if grammar.is_cited(text, match.start):
            continue  # "Resolution 14 dated 9 September 2024" is no meeting's date
        month, day = match.fields.get("month"), match.fields.get("day")
        if not month or not day:
            continue
        year = match.fields.get("year") or _year_on_line(text, match.start) \
            or _year_from_context(text, grammar, month, day)
        if year is None:
            continue
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None
