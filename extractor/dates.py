"""Deadline phrases and the one resolver that turns them into dates.

A language pack's `dates.yml` gives the words (months, weekdays, numbers,
units) and the phrase patterns; this module fills the patterns' macros from
those tables, finds phrases in text, and resolves each to the last day of the
period it names. The resolver knows calendars, not words: it only sees the
canonical fields (`day`, `month`, `year`, `quarter`, `half`, `n`, `unit`,
`weekday`) that the pack's tables map words onto.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable

import regex

from docket.extractor.anchors import Anchor, alternation, first_pieces, line_anchored, opens_with_digits, spaces_of
from docket.extractor.schema import DateKind

TABLE_MACROS = {
    "MONTH": "months", "WEEKDAY": "weekdays", "N": "numbers",
    "UNIT": "units", "QUARTER": "quarters", "HALF": "halves", "WEEK": "weeks",
}
GROUP_OF = {"MONTH": "month", "WEEKDAY": "weekday", "N": "n", "UNIT": "unit",
            "QUARTER": "quarter", "HALF": "half", "WEEK": "week"}


FOUND_CACHE = 4096  # texts whose deadline phrases `find` keeps
FOUND_CACHE_CHARS = 2000  # and the longest text it keeps them for (clauses, lines; not documents)
CITED_REACH = 100  # characters before a date where what cites it may stand ("Law on ... of")


@dataclass(frozen=True)
class DateMatch:
    kind: DateKind
    start: int
    end: int
    fields: dict[str, Any]

    @property
    def has_year(self) -> bool:
        return self.fields.get("year") is not None


class DateGrammar:
    """A pack's date phrases, compiled once."""

    def __init__(self, data: dict[str, Any]):
        """`data` is a pack's dates.yml as the schema typed it."""
        self._anchors: dict[regex.Pattern, Anchor | None] = {}
        self.tables = {
            name: {str(k).lower(): v for k, v in (data.get(name) or {}).items()}
            for name in TABLE_MACROS.values()
        }
        macros = {k: v for k, v in (data.get("macros") or {}).items()}
        self._macros = macros
        self.phrases: list[tuple[str, regex.Pattern]] = []
        for entry in data.get("phrases", []):
            self.phrases.append((entry.kind, self._compile(entry.regex)))
        # A clause with none of these cannot hold a deadline phrase, and is
        # not run through every pattern: digits, the tables' words, and the
        # pack's other trigger words ("week", "soon", "آخر", "tuần").
        words = [w for name in TABLE_MACROS.values() for w in self.tables[name] if not w.isdigit()]
        words += [str(w).lower() for w in data.get("triggers", [])]
        self.prefilter = regex.compile(
            r"\d|\b(?:" + alternation(words) + r")\b", regex.IGNORECASE) if words else None
        meeting = data.get("meeting_date") or {}
        # strong: a date said to be the meeting's ("On the afternoon of ...");
        # weak: any full date near the top (a dateline).
        self.meeting_strong = [self._compile(p) for p in meeting.get("strong", [])]
        self.meeting = [self._compile(p) for p in meeting.get("weak", [])]
        # "the committee met yesterday": the meeting is the day before the dateline
        self.meeting_yesterday = [self._compile(p) for p in meeting.get("yesterday", [])]
        # the page's own date stamp ("date 2021-06-28" above a news story)
        self.page_stamps = [self._compile(p) for p in meeting.get("page", [])]
        # Dates standing alone, as in a Due column: "3 March", "Tháng 6/2025".
        self.bare: list[tuple[str, regex.Pattern]] = []
        for entry in data.get("bare_dates", []):
            self.bare.append((entry.kind, self._compile(entry.regex)))
        cited = data.get("cited_markers") or []
        # "dated 19 October", "مورخہ 22 دسمبر"; not a field label ("مورخہ: 25 فروری");
        # and the pack's patterns of what ends right before a cited date (a
        # document's number or code: "No. 57-NQ/TW of", "số 244/TB-VPCP")
        alternatives = ([alternation(cited)] if cited else []) + [
            self._expand(p) for p in data.get("cited_patterns") or []]
        # Matched from the end (REVERSE): the pattern is anchored there, and
        # searched forward it tried every alternative at each of the
        # CITED_REACH characters before every date (whether it matches is
        # the same either way; only the answer is used).
        self.cited = regex.compile(
            r"(?:^|\W)(?:" + "|".join(f"(?:{a})" for a in alternatives) + r")\s*$",
            regex.IGNORECASE | regex.REVERSE,
        ) if alternatives else None
        # words that open a date phrase which may as well date an event ("on
        # Saturday"): such a phrase is a deadline only in a clause that directs
        events = data.get("event_openers") or []
        self.event_opener = regex.compile(
            r"^\s*(?:" + alternation(events) + r")(?:\W|$)", regex.IGNORECASE) if events else None
        self.cited_anywhere = regex.compile(
            r"(?:^|\W)(?:" + alternation(cited) + r")(?:\W|$)", regex.IGNORECASE
        ) if cited else None
        # Deadline phrases of the texts seen last: running every pattern over a
        # clause is the costliest step of a clause, and the same text (a
        # clause, a template's line, a header repeated on every page) is
        # looked at again. Matches are never changed; `find` hands out a new list.
        self._found = functools.lru_cache(maxsize=FOUND_CACHE)(self._find)

    def _expand(self, pattern: str, depth: int = 0) -> str:
        def fill(match: re.Match) -> str:
            name = match.group(1)
            if name in TABLE_MACROS:
                words = self.tables[TABLE_MACROS[name]]
                body = alternation(words)
                if name == "N":
                    body = r"\d{1,3}|" + body
                return f"(?P<{GROUP_OF[name]}>{body})"
            if name == "NWORD":  # the numbers table's words, as a day may be written
                return f"(?:{alternation(self.tables['numbers'])})"
            if name in self._macros:
                return self._expand(self._macros[name], depth + 1) if depth < 3 else self._macros[name]
            if len(name) == 1:  # a regex property such as \p{L}
                return match.group(0)
            raise ValueError(f"unknown date macro {{{name}}}")

        return re.sub(r"\{([A-Z]+)\}", fill, pattern)

    def _compile(self, pattern: str) -> regex.Pattern:
        # The same group name may appear in two alternatives ("Q2" or "second
        # quarter"): the `regex` module allows that, `re` does not.
        # Opened by a lookahead on the class of its first characters: `regex`
        # otherwise tries a pattern opening with an alternation of words (a
        # day written out, "by|before|...") at every character of the text.
        expanded = self._expand(pattern)
        first, caret = first_pieces(expanded), line_anchored(expanded)
        # Searched near the digits of a long text (`Anchor`) only where that
        # pays: not when the pattern opens with one letter ("ngày", "on") or
        # with a digit, which `regex` finds fast (not so a line's start: with
        # MULTILINE it still tries '^' at every character).
        anchor = None if first and (len(first) == 1 or opens_with_digits(first)) else Anchor.of(expanded)
        if first is not None:
            # a pattern that opens at a line's start says so before the lookahead too
            # ("^\\s*on Monday"): `regex` then tries it at line starts, not at every space
            expanded = f"{'^' if caret else ''}(?=[{''.join(first)}])(?:{expanded})"
        compiled = regex.compile(expanded, regex.IGNORECASE | regex.MULTILINE)
        self._anchors[compiled] = anchor
        return compiled

    def _matches(self, pattern: regex.Pattern, text: str, spaces: int):
        """`pattern.finditer(text)`; a long text is searched near its digits
        when every match holds one (`spaces`: its longest whitespace run)."""
        anchor = self._anchors.get(pattern)
        if anchor is None or not spaces:
            return pattern.finditer(text)
        return anchor.finditer(pattern, text, spaces)

    def _fields(self, match: regex.Match) -> dict[str, Any]:
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        fields: dict[str, Any] = {}
        for name, table in (("month", "months"), ("weekday", "weekdays"), ("quarter", "quarters"),
                            ("half", "halves"), ("unit", "units"), ("week", "weeks")):
            if name in groups:
                raw = groups[name].lower()
                value = self.tables[table].get(raw)
                if value is None and raw.isdigit():
                    value = int(raw)
                fields[name] = value
        if "n" in groups:
            raw = groups["n"].lower()
            fields["n"] = int(raw) if raw.isdigit() else self.tables["numbers"].get(raw)
        for name in ("day", "year"):
            if name in groups:
                raw = groups[name].lower()
                fields[name] = int(raw) if raw.isdigit() else self.tables["numbers"].get(raw)
        return fields

    def find(self, text: str) -> list[DateMatch]:
        """Deadline phrases in `text`, longest first where they overlap."""
        return list(self._found(text) if len(text) <= FOUND_CACHE_CHARS else self._find(text))

    def _find(self, text: str) -> tuple[DateMatch, ...]:
        """`find` without the cache: every phrase pattern runs over `text`."""
        if self.prefilter is not None and not self.prefilter.search(text):
            return ()
        found: list[DateMatch] = []
        spaces = spaces_of(text)
        for kind, pattern in self.phrases:
            for match in self._matches(pattern, text, spaces):
                found.append(DateMatch(kind, match.start(), match.end(), self._fields(match)))
        masks = [m for m in found if m.kind == DateKind.NOT_DEADLINE]
        found = [m for m in found if m.kind != DateKind.NOT_DEADLINE
                 and not any(k.start < m.end and m.start < k.end for k in masks)]
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[DateMatch] = []
        for m in found:
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        return tuple(kept)

    def is_cited(self, text: str, start: int) -> bool:
        """Whether the phrase at `start` is introduced as a cited document's date."""
        return bool(self.cited and self.cited.search(text[max(0, start - CITED_REACH):start]))

    def cited_before(self, text: str, at: int, reach: int = 30) -> bool:
        """Whether a cited-date marker ("dated", "مورخہ") stands shortly before `at`."""
        return bool(self.cited_anywhere and self.cited_anywhere.search(text[max(0, at - reach):at]))

    def meeting_dates(self, text: str, strong: bool = False, offset: int = 0) -> list[DateMatch]:
        """Dates the pack's meeting patterns find in `text`, which starts at
        `offset` of the document."""
        found, spaces = [], spaces_of(text)
        for pattern in (self.meeting_strong if strong else self.meeting):
            for match in self._matches(pattern, text, spaces):
                found.append(DateMatch(DateKind.DATE, offset + match.start(), offset + match.end(),
                                       self._fields(match)))
        found.sort(key=lambda m: m.start)
        return found

    def dates_an_event(self, phrase: str) -> bool:
        """Whether a deadline phrase opens with a word that dates events too."""
        return bool(self.event_opener and self.event_opener.search(phrase))

    def page_stamp(self, text: str) -> tuple[int, int] | None:
        """Where the page's date stamp stands in `text`, if it has one."""
        for pattern in self.page_stamps:
            match = pattern.search(text)
            if match:
                return match.start(), match.end()
        return None

    def says_yesterday(self, text: str) -> bool:
        """Whether `text` says the meeting was held the day before its dateline."""
        return any(p.search(text) for p in self.meeting_yesterday)

    def dated_mentions(self, text: str) -> list[DateMatch]:
        """Every phrase of `text`, deadline or bare ("since August 2025"),
        that names its year. A bare pattern with no year in it names none
        and is not run (a deadline phrase is: it may hide one that does)."""
        dated = [(kind, pattern) for kind, pattern in self.bare if "year" in pattern.groupindex]
        return [m for m in self.find(text) + self._bare(text, dated) if m.has_year]

    def bare_mentions(self, text: str) -> list[DateMatch]:
        """Every date standing alone in `text` ("Oct 3", "on Friday"), overlaps and all."""
        return self._bare(text, self.bare)

    def _bare(self, text: str, patterns: list[tuple[str, regex.Pattern]]) -> list[DateMatch]:
        spaces = spaces_of(text)
        return [DateMatch(kind, m.start(), m.end(), self._fields(m))
                for kind, pattern in patterns for m in self._matches(pattern, text, spaces)]

    def find_bare(self, text: str) -> list[DateMatch]:
        """A date in a cell or after "Due:": deadline phrases, then bare dates."""
        found = self.find(text)
        if found:
            return found
        for kind, pattern in self.bare:
            match = pattern.search(text)
            if match:
                found.append(DateMatch(kind, match.start(), match.end(), self._fields(match)))
        found.sort(key=lambda m: m.start)
        return found


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_workdays(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _next_on_or_after(candidate, meeting: date | None, year: int | None):
    """Build the date for an explicit year, else the first year whose date is
    on or after the meeting."""
    if year is not None:
        return candidate(year)
    if meeting is None:
        return None
    result = candidate(meeting.year)
    if result is not None and result < meeting:
        result = candidate(meeting.year + 1)
    return result


def _day_of_month(f: dict, meeting: date | None) -> date | None:
    """"by Thursday the 17th": the next 17th on or after the meeting."""
    day, month, year = f["day"], meeting.month, meeting.year
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= meeting:
            return date(year, month, day)
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return None


def _date(f: dict, meeting: date | None) -> date | None:
    if f.get("day") and not f.get("month") and meeting is not None:
        return _day_of_month(f, meeting)
    if not f.get("month") or not f.get("day"):
        return None
    return _next_on_or_after(lambda y: date(y, f["month"], f["day"]), meeting, f.get("year"))


def _period_end(field: str, months: int, valid) -> Callable[[dict, date | None], date | None]:
    """A month, quarter or half: the last day of its `months`-long period."""
    def end(f: dict, meeting: date | None) -> date | None:
        n = f.get(field)
        if not valid(n):
            return None
        return _next_on_or_after(lambda y: _month_end(y, months * n), meeting, f.get("year"))
    return end


def _year_end(f: dict, meeting: date | None) -> date | None:
    year = f.get("year") or (meeting.year if meeting else None)
    return date(year, 12, 31) if year else None


WITHIN_UNITS = {  # canonical units that the packs' unit words map onto
    "hour": lambda meeting, n: meeting + timedelta(days=-(-n // 24)),  # the day the hours run out
    "day": lambda meeting, n: meeting + timedelta(days=n),
    "workday": _add_workdays,
    "week": lambda meeting, n: meeting + timedelta(weeks=n),
    "month": _add_months,
}


def _within(f: dict, meeting: date) -> date | None:
    n, unit = f.get("n"), f.get("unit")
    if not n or not unit or unit not in WITHIN_UNITS:
        return None
    return WITHIN_UNITS[unit](meeting, n)


def _next_month(f: dict, meeting: date) -> date:
    nxt = _add_months(meeting.replace(day=1), 1)
    return _month_end(nxt.year, nxt.month)


def _weekday(f: dict, meeting: date) -> date | None:
    """"by Friday": the first Friday after the meeting; "Friday of next
    week" (`week` 1) or "of this week" (0): that week's Friday."""
    wd = f.get("weekday")
    if wd is None:
        return None
    if f.get("week") is not None:
        return meeting + timedelta(days=7 * f["week"] + wd - meeting.weekday())
    return meeting + timedelta(days=(wd - meeting.weekday() - 1) % 7 + 1)


# kinds that name a period of the calendar (the meeting only fills a missing year)
CALENDAR = {
    DateKind.DATE: _date,
    DateKind.MONTH: _period_end("month", 1, bool),
    DateKind.QUARTER: _period_end("quarter", 3, lambda q: bool(q) and 1 <= q <= 4),
    DateKind.HALF: _period_end("half", 6, lambda h: h in (1, 2)),
    DateKind.YEAR: _year_end,
    DateKind.YEAR_END: _year_end,
}
# kinds that count from the meeting's date
RELATIVE = {
    DateKind.WITHIN: _within,
    DateKind.THIS_WEEK: lambda f, m: m + timedelta(days=6 - m.weekday()),
    DateKind.NEXT_WEEK: lambda f, m: m + timedelta(days=13 - m.weekday()),
    DateKind.THIS_MONTH: lambda f, m: _month_end(m.year, m.month),
    DateKind.NEXT_MONTH: _next_month,
    DateKind.WEEKDAY: _weekday,
    DateKind.TOMORROW: lambda f, m: m + timedelta(days=1),
}


def resolve(match: DateMatch, meeting: date | None) -> date | None:
    """The last day of the period a deadline phrase names, or None."""
    try:
        if match.kind in CALENDAR:
            return CALENDAR[match.kind](match.fields, meeting)
        if meeting is None or match.kind not in RELATIVE:
            return None
        return RELATIVE[match.kind](match.fields, meeting)
    except (ValueError, OverflowError):
        return None


# -- dates typed on the command line ----------------------------------------

@functools.lru_cache(maxsize=None)
def pack_grammars() -> tuple[DateGrammar, ...]:
    """Every installed pack's date grammar, read once (no spaCy)."""
    from docket.extractor.lang import available, load_pack

    return tuple(DateGrammar(load_pack(code).dates) for code in available())


def _known_word(grammar: DateGrammar, word: str) -> bool:
    word = word.strip(",.;:")
    return not word or bool(grammar.prefilter and grammar.prefilter.fullmatch(word))


def typed_date(text: str, today: date, grammars: tuple[DateGrammar, ...] | None = None) -> date | None:
    """A deadline as a person types it ("2025-06-30", "30/6", "next friday",
    "within 2 weeks"), resolved by `resolve` as of `today`, as the extractor
    resolves a document's deadline as of its meeting. The longest phrase a
    pack finds counts when every other word of `text` is one of that pack's
    date words: "xyz friday" is no date. None when no pack reads it."""
    text = " ".join(text.split())
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for grammar in grammars if grammars is not None else pack_grammars():
        found = grammar.find(text) + grammar.bare_mentions(text)
        for match in sorted(found, key=lambda m: m.start - m.end):  # longest first, phrases before bare
            rest = (text[:match.start] + " " + text[match.end:]).split()
            day = resolve(match, today)
            if day is not None and all(_known_word(grammar, word) for word in rest):
                return day
    return None
