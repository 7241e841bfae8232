"""How a date pattern is searched fast in a long text, from its shape.

Read with `re`'s parser, a pattern tells what every match opens with (a
class of first characters, set as a lookahead so that `regex` skips other
places), how far a try of it may read, and whether every match holds a
digit or one of a few words (a month's name). `Anchor` then searches a long
text only near those digits or words, each search cut off past all it can
read, so that what it finds is exactly what `finditer` finds over the whole
text. `alternation` writes a table's words as a tree of their shared
openings, which `regex` reads a character at a time. Nothing here knows a
language: the words come from the packs' tables, through `extractor.dates`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex
from re import _constants as sre_constants, _parser as sre_parse

LONG_TEXT = 500  # a text longer than this is searched near its digits only (see `Anchor`)

_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w", sre_constants.CATEGORY_NOT_WORD: r"\W",
}
# what `re` would parse otherwise than `regex` does: POSIX classes, fuzzy counts
_NOT_FOR_RE = regex.compile(r"\[:|\{[^}]*[eids]\s*[<=]|^\(\?[a-zA-Z]+\)")


class _Unknown(Exception):
    """A construct whose first character is not worked out."""


def first_chars(pattern: str) -> str | None:
    """A character class holding the first character of every match of
    `pattern` (read with `re`'s parser), or None when that is not known or
    the pattern may match the empty string. A search for the pattern need
    only try where such a character stands."""
    pieces = first_pieces(pattern)
    return None if pieces is None else "[" + "".join(pieces) + "]"


def _parsed(pattern: str):
    """`pattern` read with `re`'s parser, or None where `regex` reads it otherwise."""
    if _NOT_FOR_RE.search(pattern):
        return None
    try:  # `re` refuses a group name given twice; names do not change what matches
        return sre_parse.parse(regex.sub(r"\(\?P<\w+>", "(?:", pattern))
    except (re.error, ValueError, TypeError):
        return None


def first_pieces(pattern: str) -> list[str] | None:
    """`first_chars`'s class as its pieces ('a', '0-3', '\\d')."""
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


def line_anchored(pattern: str) -> bool:
    """Whether every match of `pattern` opens at a line's start: '^' (read
    with MULTILINE) before anything else, no top-level alternative."""
    parsed = _parsed(pattern)
    return bool(parsed) and parsed[0] == (sre_constants.AT, sre_constants.AT_BEGINNING)


def longest_first(words) -> str:
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


def spaces_of(text: str) -> int:
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
            word_starts.cache_clear()

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
def word_starts(text: str, words: frozenset[str]) -> tuple[tuple[int, int], ...] | None:
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
class Anchor:
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
    def of(pattern: str) -> Anchor | None:
        """The bounds of `pattern`, or None when it needs no digit nor word or they are not known."""
        items = _parsed(pattern)
        reach = None if items is None else _reads(items)
        if reach is None:
            return None
        reach = (reach[0] + 1, reach[1])  # and the lookahead on the first character
        before = _to_digit(items)
        if before is not None:
            return Anchor(before, reach)
        words = _to_words(items)
        if words is None:
            return None
        _LOWERING.add("".join(words[1]))
        lowered = {w.lower() for w in words[1]}
        # a word another opens ("sep" of "september") is found where that one is
        lowered = frozenset(w for w in lowered if not any(v != w and w.startswith(v) for v in lowered))
        return Anchor(words[0], reach, lowered)

    def finditer(self, pattern: regex.Pattern, text: str, spaces: int):
        """`pattern.finditer(text)`, where `spaces` is the text's longest whitespace run."""
        runs = _digit_runs(text) if self.words is None else word_starts(text, self.words)
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


def alternation(words) -> str:
    """The words as a regex that tries what `longest_first` tries, in the
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
        return longest_first(words)
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


def opens_with_digits(first: list[str]) -> bool:
    """Whether a first-character class (`first_pieces`) holds digits only,
    which `regex` finds fast without an anchor."""
    return all(map(_DIGITS.fullmatch, first))
