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
from re import _constants as sre_constants, _parser as sre_parse

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
LONG_TEXT = 500  # a text longer than this is searched near its digits only (see `_Anchor`)


@dataclass(frozen=True)
class DateMatch:
    kind: DateKind
    start: int
    end: int
    fields: dict[str, Any]

    @property
    def has_year(self) -> bool:
        return self.fields.get("year") is not None


_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w", sre_constants.CATEGORY_NOT_WORD: r"\W",
}
# what `re` would parse otherwise than `regex` does: POSIX classes, fuzzy counts
_NOT_FOR_RE = regex.compile(r"\[:|\{[^}]*[eids]\s*[<=]|^\(\?[a-zA-Z]+\)")


class _Unknown(Exception):
    """A construct whose first character is not worked out."""


def _first_chars(pattern: str) -> str | None:
    """A character class holding the first character of every match of
    `pattern` (read with `re`'s parser), or None when that is not known or
    the pattern may match the empty string. A search for the pattern need
    only try where such a character stands."""
    pieces = _first_pieces(pattern)
    return None if pieces is None else "[" + "".join(pieces) + "]"


def _parsed(pattern: str):
    """`pattern` read with `re`'s parser, or None where `regex` reads it otherwise."""
    if _NOT_FOR_RE.search(pattern):
        return None
    try:  # `re` refuses a group name given twice; names do not change what matches
        return sre_parse.parse(regex.sub(r"\(\?P<\w+>", "(?:", pattern))
    except (re.error, ValueError, TypeError):
        return None


def _first_pieces(pattern: str) -> list[str] | None:
    """`_first_chars`'s class as its pieces ('a', '0-3', '\\d')."""
    parsed = _parsed(pattern)
    try:
        pieces, nullable = _first_of_sequence(parsed) if parsed is not None else ([], True)
    except (_Unknown, ValueError, TypeError):
        return None
    return None if nullable or not pieces else list(dict.fromkeys(pieces))


def _first_of_sequence(items) -> tuple[list[str], bool]:
    pieces: list[str] = []
    for op, av in items:
        got, nullable = _first_of_item(op, av)
        pieces += got
        if not nullable:
            return pieces, False
    return pieces, True


def _in_class(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "\\[]^-" else char


def _first_of_item(op, av) -> tuple[list[str], bool]:
    c = sre_constants
    if op is c.LITERAL:
        return [_in_class(av)], False
    if op is c.IN:
        pieces = []
        for kind, value in av:
            if kind is c.LITERAL:
                pieces.append(_in_class(value))
            elif kind is c.RANGE:
                pieces.append(_in_class(value[0]) + "-" + _in_class(value[1]))
            elif kind is c.CATEGORY and value in _CATEGORIES:
                pieces.append(_CATEGORIES[value])
            else:
                raise _Unknown(kind)
        return pieces, False
    if op is c.SUBPATTERN:
        return _first_of_sequence(av[3])
    if op is c.ATOMIC_GROUP:
        return _first_of_sequence(av)
    if op is c.BRANCH:
        pieces, nullable = [], False
        for branch in av[1]:
            got, empty = _first_of_sequence(branch)
            pieces += got
            nullable = nullable or empty
        return pieces, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        pieces, nullable = _first_of_sequence(av[2])
        return pieces, nullable or av[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: the character after it comes first
        return [], True
    raise _Unknown(op)


def _line_anchored(pattern: str) -> bool:
    """Whether every match of `pattern` opens at a line's start: '^' (read
    with MULTILINE) before anything else, no top-level alternative."""
    parsed = _parsed(pattern)
    return bool(parsed) and parsed[0] == (sre_constants.AT, sre_constants.AT_BEGINNING)


def _longest_first(words) -> str:
    """The words as one alternation, longest first: where two of them match
    at the same place, the longer is tried first."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _reads(items) -> tuple[int, int] | None:
    """How far a try of `items` may read past the place it starts from, at
    most: (characters, runs of whitespace), each run as long as the text's
    longest; None when that is not bounded. A lookaround or an anchor ('$',
    '\\b') counts as what it reads, though it consumes nothing."""
    chars = runs = 0
    for op, av in items:
        got = _reads_item(op, av)
        if got is None:
            return None
        chars, runs = chars + got[0], runs + got[1]
    return chars, runs


def _reads_item(op, av) -> tuple[int, int] | None:
    c = sre_constants
    if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN, c.AT):
        return 1, 0
    if op is c.SUBPATTERN:
        return _reads(av[3])
    if op is c.ATOMIC_GROUP:
        return _reads(av)
    if op in (c.ASSERT, c.ASSERT_NOT):
        return _reads(av[1])
    if op is c.BRANCH:
        got = [_reads(branch) for branch in av[1]]
        return None if None in got else (max(g[0] for g in got), max(g[1] for g in got))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        if av[1] == c.MAXREPEAT:
            return (0, 1) if _whitespace(av[2]) else None
        got = _reads(av[2])
        return None if got is None else (av[1] * got[0], av[1] * got[1])
    return None


def _whitespace(items) -> bool:
    """Whether `items` is one character that only whitespace matches ('\\s', ' ')."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is sre_constants.LITERAL:
        return bool(regex.fullmatch(r"\s", chr(av)))
    return op is sre_constants.IN and all(
        (kind is sre_constants.CATEGORY and value is sre_constants.CATEGORY_SPACE)
        or (kind is sre_constants.LITERAL and regex.fullmatch(r"\s", chr(value))) for kind, value in av)


def _to_digit(items) -> tuple[int, int] | None:
    """How far into a match of `items` stands, at most, a digit that every
    match holds: (characters, whitespace runs) as `_reads` counts them; None
    when a match may hold no digit or that is not bounded."""
    for k, (op, av) in enumerate(items):
        inner = _digit_item(op, av)
        if inner is not None:
            before = _reads(items[:k])
            return None if before is None else (before[0] + inner[0], before[1] + inner[1])
    return None


def _digit_item(op, av) -> tuple[int, int] | None:
    c = sre_constants
    if op is c.LITERAL:
        return (0, 0) if _DIGIT.fullmatch(chr(av)) else None
    if op is c.IN:
        digits = all((kind is c.CATEGORY and value is c.CATEGORY_DIGIT) or (kind is c.LITERAL and _DIGIT.fullmatch(
            chr(value))) or (kind is c.RANGE and "0" <= chr(value[0]) <= chr(value[1]) <= "9") for kind, value in av)
        return (0, 0) if digits else None
    if op is c.SUBPATTERN:
        return _to_digit(av[3])
    if op is c.ATOMIC_GROUP:
        return _to_digit(av)
    if op is c.BRANCH:
        got = [_to_digit(branch) for branch in av[1]]
        return None if None in got else (max(g[0] for g in got), max(g[1] for g in got))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _to_digit(av[2])
    return None


_DIGIT = regex.compile(r"\d")
_DIGITS = regex.compile(r"\\d|[0-9](?:-[0-9])?")  # a piece of a first-character class that only digits match
_DIGIT_RUNS = regex.compile(r"\d+")
_SPACE_RUNS = regex.compile(r"\s{2,}")


def _spaces(text: str) -> int:
    """The longest run of whitespace in a long text (at least 1); 0 for a
    short one, which `DateGrammar._matches` searches whole."""
    return _longest_space_run(text) if len(text) > LONG_TEXT else 0


@functools.lru_cache(maxsize=8)  # a document's head is read by the strong, weak and deadline patterns in turn
def _longest_space_run(text: str) -> int:
    return max(map(len, _SPACE_RUNS.findall(text)), default=1)


@functools.lru_cache(maxsize=8)  # and so are its digits, by every pattern that needs one
def _digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Where the runs of digits of `text` start, and where their last digit stands."""
    return tuple((run.start(), run.end() - 1) for run in _DIGIT_RUNS.finditer(text))


WORDS_SPELLED = 200  # the most strings a piece of a pattern may spell to anchor a search on them
CLASS_SPELLED = 10  # and the most characters of a class it spells ('[1-4]', not '[a-z]')


def _spells(items) -> frozenset[str] | None:
    """The strings every match of `items` is one of, as the pattern writes
    them, when they are few (a table's words, "by|before", "19|20"); None
    when a piece matches a class, a run, or a character `lower` lengthens."""
    spelled = {""}
    for op, av in items:
        got = _spells_item(op, av)
        if got is None:
            return None
        spelled = {a + b for a in spelled for b in got}
        if len(spelled) > WORDS_SPELLED:
            return None
    return frozenset(spelled)


def _spells_item(op, av) -> frozenset[str] | None:
    c = sre_constants
    if op is c.LITERAL:
        return frozenset([chr(av)]) if len(chr(av).lower()) == 1 else None
    if op is c.IN and all(kind in (c.LITERAL, c.RANGE) for kind, _ in av):  # 'ab', '1-4'
        chars = [chr(v) for kind, value in av
                 for v in ([value] if kind is c.LITERAL else range(value[0], value[1] + 1))]
        return frozenset(chars) if len(chars) <= CLASS_SPELLED and all(
            len(char.lower()) == 1 for char in chars) else None
    if op is c.SUBPATTERN and not av[1] and not av[2]:  # no flags set or cleared inside
        return _spells(av[3])
    if op is c.BRANCH:
        got = [_spells(branch) for branch in av[1]]
        return None if None in got else frozenset().union(*got)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[1] <= 1:
        inner = _spells(av[2])
        return None if inner is None else inner | ({""} if av[0] == 0 else set())
    return None


def _to_words(items) -> tuple[tuple[int, int], frozenset[str]] | None:
    """Where in a match of `items` stands, at most, one of a few words
    that every match holds (as `_to_digit`, for a word), and those words:
    the longest and fewest of them where several would do; None when
    no such words are known."""
    found = []
    for k, (op, av) in enumerate(items):
        before = _reads(items[:k])
        if before is None:
            break
        spelled = next((s for j in range(len(items), k, -1) if (s := _spells(items[k:j])) and "" not in s), None)
        inner = _spelled_inside(op, av) if spelled is None else ((0, 0), spelled)
        if inner is not None:
            found.append(((before[0] + inner[0][0], before[1] + inner[0][1]), inner[1]))
    return max(found, key=lambda f: (min(map(len, f[1])), -len(f[1])), default=None)


def _spelled_inside(op, av) -> tuple[tuple[int, int], frozenset[str]] | None:
    c = sre_constants
    if op is c.SUBPATTERN and not av[1] and not av[2]:
        return _to_words(av[3])
    if op is c.BRANCH:
        got = [_to_words(branch) for branch in av[1]]
        if None in got:
            return None
        return (max(g[0][0] for g in got), max(g[0][1] for g in got)), frozenset().union(*(g[1] for g in got))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _to_words(av[2])
    return None


def _lowers_alike(char: str, letters: str) -> bool:
    """Whether `char` lowers as every letter of `letters` it matches with case ignored does."""
    return not _letter_class(letters).fullmatch(char) or all(
        char.lower() == letter.lower() for letter in letters
        if regex.fullmatch(regex.escape(letter), char, regex.IGNORECASE))


LOWERED_ALIKE = 4096  # the most characters `_Lowering` keeps as lowering alike


class _Lowering:
    """Whether a text's lowered form holds each anchor word wherever `regex`
    finds it, case ignored: every character of the text lowers as each
    letter of the anchors' words that it matches with case ignored does
    ('ſ' is 's' so, but lowers to itself). The characters found alike are
    kept, and a text is searched (with `re`, a set of characters) for the
    others only; a new anchor's letters start the set afresh."""

    def __init__(self) -> None:
        self.letters = ""  # of every anchor's words so far
        self.alike: set[str] = set()
        self.other = re.compile("(?s).")  # a character not known to lower alike

    def add(self, letters: str) -> None:
        new = set(letters) - set(self.letters)
        if new:
            self.letters += "".join(sorted(new))
            self._keep(set())
            _lowered.cache_clear()
            _word_starts.cache_clear()

    def finds(self, text: str) -> bool:
        others = set(self.other.findall(text))
        if not all(_lowers_alike(char, self.letters) for char in others):
            return False
        if others:
            self._keep(self.alike | others if len(self.alike) < LOWERED_ALIKE else others)
        return True

    def _keep(self, alike: set[str]) -> None:
        self.alike = alike
        self.other = re.compile("(?s)[^" + "".join(map(re.escape, sorted(alike))) + "]" if alike else "(?s).")


@functools.lru_cache(maxsize=64)
def _letter_class(letters: str) -> regex.Pattern:
    return regex.compile("[" + "".join(map(regex.escape, letters)) + "]", regex.IGNORECASE)


# the one character `str.lower` lowers by its neighbours: 'Σ' ends a word as 'ς', else 'σ'
_LOWERED_BY_CONTEXT = "\u03a3"


@functools.lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """`text` lowered, or None when lowering lengthens a character, lowers
    one by its neighbours, or lowers one otherwise than a letter of the
    anchors' words it matches (`_Lowering`): each character of the lowered
    text is then its own character lowered alone, as `regex` reads it."""
    lowered = text.lower()
    if len(lowered) != len(text) or _LOWERED_BY_CONTEXT in text or not _LOWERING.finds(text):
        return None
    return lowered


_LOWERING = _Lowering()


@functools.lru_cache(maxsize=64)
def _word_starts(text: str, words: frozenset[str]) -> tuple[tuple[int, int], ...] | None:
    """Where the words stand in `text`, case ignored as `regex` ignores it:
    each found with `str.find` in the lowered text; None when that may
    miss one (`_lowered`)."""
    lowered = _lowered(text)
    if lowered is None:
        return None
    starts = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            starts.append((at, at))
            at = lowered.find(word, at + 1)
    return tuple(sorted(starts))


@dataclass(frozen=True)
class _Anchor:
    """How a date pattern whose every match holds a digit (a year, a day in
    figures), or one of a few words (a month's name), is searched in a long
    text without being tried at every letter: a match starts at most
    `before` characters before such a digit or word, and a try reads no
    further than `reach` characters from where it starts; both as
    (characters, whitespace runs), a run as long as the text's longest (the
    patterns repeat '\\s' without bound). The pattern is tried only at the
    starts that reach a digit or word, each search cut off (`endpos`) past
    all it can read, so the matches are those of `finditer` over the whole
    text. `words` (lowered) is None for a digit."""
    before: tuple[int, int]
    reach: tuple[int, int]
    words: frozenset[str] | None = None

    @staticmethod
    def of(pattern: str) -> _Anchor | None:
        """The bounds of `pattern`, or None when it needs no digit nor word or they are not known."""
        items = _parsed(pattern)
        reach = None if items is None else _reads(items)
        if reach is None:
            return None
        reach = (reach[0] + 1, reach[1])  # and the lookahead on the first character
        before = _to_digit(items)
        if before is not None:
            return _Anchor(before, reach)
        words = _to_words(items)
        if words is None:
            return None
        _LOWERING.add("".join(words[1]))
        lowered = {w.lower() for w in words[1]}
        # a word another opens ("sep" of "september") is found where that one is
        lowered = frozenset(w for w in lowered if not any(v != w and w.startswith(v) for v in lowered))
        return _Anchor(words[0], reach, lowered)

    def finditer(self, pattern: regex.Pattern, text: str, spaces: int):
        """`pattern.finditer(text)`, where `spaces` is the text's longest whitespace run."""
        runs = _digit_runs(text) if self.words is None else _word_starts(text, self.words)
        if runs is None:
            yield from pattern.finditer(text)
            return
        before = self.before[0] + self.before[1] * spaces
        reach = self.reach[0] + self.reach[1] * spaces
        pos = 0  # where the last match ended
        for first, last in _starts(runs, before, reach):
            start = max(pos, first)
            while start <= last:
                match = pattern.search(text, start, min(len(text), last + reach))
                if match is None or match.start() > last:
                    break
                yield match
                start = pos = match.end()


def _starts(runs, before: int, reach: int):
    """The stretches of a text where a match may start: up to `before`
    characters before a run of digits or a word (`runs`: where each starts,
    and where its last character that may be the one needed stands).
    Stretches closer than `reach` are joined: one search reads that far
    past a stretch anyway."""
    first = last = None
    for start, end in runs:
        if last is not None and start - before > last + reach:
            yield first, last
            first = None
        if first is None:
            first = max(0, start - before)
        last = end
    if first is not None:
        yield first, last


def _alternation(words) -> str:
    """The words as a regex that tries what `_longest_first` tries, in the
    same order, written as a tree of their shared openings ("j(?:an(?:uary)?
    |un(?:e)?)" rather than "january|june|jan|jun"): `regex` then reads each
    character once instead of trying every word where an opening letter
    stands. The order holds because the words matching at one place are
    openings of one another, one path of the tree, where a longer word is
    tried before a word that ends on the way; and no two branches of a node
    match the same character, unless two of the words' letters are one when
    case is ignored ('s' and 'ſ'): then the plain alternation is kept."""
    return _tree(tuple(words))


@functools.lru_cache(maxsize=64)  # a grammar fills the same table into many patterns
def _tree(words: tuple[str, ...]) -> str:
    letters = "".join(set("".join(words)))
    if any(len(regex.findall(regex.escape(c), letters, regex.IGNORECASE)) > 1 for c in letters):
        return _longest_first(words)
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    parts = [regex.escape(char) + _branches(rest) for char, rest in node.items() if char]
    if not parts:
        return ""
    if len(parts) > 1:
        return "(?:" + "|".join(parts) + ")" + ("?" if "" in node else "")
    return f"(?:{parts[0]})?" if "" in node else parts[0]


class DateGrammar:
    """A pack's date phrases, compiled once."""

    def __init__(self, data: dict[str, Any]):
        """`data` is a pack's dates.yml as the schema typed it."""
        self._anchors: dict[regex.Pattern, _Anchor | None] = {}
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
            r"\d|\b(?:" + _alternation(words) + r")\b", regex.IGNORECASE) if words else None
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
        alternatives = ([_alternation(cited)] if cited else []) + [
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
            r"^\s*(?:" + _alternation(events) + r")(?:\W|$)", regex.IGNORECASE) if events else None
        self.cited_anywhere = regex.compile(
            r"(?:^|\W)(?:" + _alternation(cited) + r")(?:\W|$)", regex.IGNORECASE
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
                body = _alternation(words)
                if name == "N":
                    body = r"\d{1,3}|" + body
                return f"(?P<{GROUP_OF[name]}>{body})"
            if name == "NWORD":  # the numbers table's words, as a day may be written
                return f"(?:{_alternation(self.tables['numbers'])})"
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
        first, caret = _first_pieces(expanded), _line_anchored(expanded)
        # Searched near the digits of a long text (`_Anchor`) only where that
        # pays: not when the pattern opens with one letter ("ngày", "on") or
        # with a digit, which `regex` finds fast (not so a line's start: with
        # MULTILINE it still tries '^' at every character).
        anchor = None if first and (len(first) == 1 or all(map(_DIGITS.fullmatch, first))) else _Anchor.of(expanded)
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
        spaces = _spaces(text)
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
        found, spaces = [], _spaces(text)
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
        spaces = _spaces(text)
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
