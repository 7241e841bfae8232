"""Text as the matchers see it, with a map back to the text as read.

Two foldings: a pack's length-preserving character map (Urdu ي/ی, ك/ک, ه/ہ,
Eastern Arabic digits) and Unicode NFC, so that NFD input (common in
Vietnamese text pasted from some editors) matches like NFC. NFC can change
lengths, so `Normalized.to_original` maps every offset back.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass


@dataclass
class Normalized:
    text: str
    _offsets: list[int] | None  # normalized index -> original index; None when identical

    def to_original(self, index: int) -> int:
        if self._offsets is None:
            return index
        return self._offsets[index]

    def from_original(self, index: int) -> int:
        """The first normalized offset at or after an original offset."""
        if self._offsets is None:
            return index
        return bisect.bisect_left(self._offsets, index)


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFC by clusters (a character and the combining marks after it), each
    cluster's characters mapped to where the cluster starts. A stretch of
    characters that NFC leaves alone and that no mark follows is copied in
    one piece: a mostly composed text has few clusters to fold."""
    chars = set(text)
    marks = {c for c in chars if unicodedata.combining(c)}
    special = marks | {c for c in chars - marks if unicodedata.normalize("NFC", c) != c}
    if not special:
        return text, [*range(len(text) + 1)]
    finder = re.compile("[" + "".join(re.escape(c) for c in sorted(special)) + "]")
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        found = finder.search(text, i)
        k = found.start() if found else n
        if k > i and k < n and text[k] in marks:
            k -= 1  # the character before a mark starts its cluster
        if k > i:
            out.append(text[i:k])
            offsets.extend(range(i, k))
            i = k
            if i >= n:
                break
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        out.append(cluster)
        offsets.extend([i] * len(cluster))
        i = j
    offsets.append(n)
    return "".join(out), offsets


@functools.lru_cache(maxsize=16)
def _folding(keys: tuple, values: tuple) -> tuple[re.Pattern, dict]:
    """A pack's character map as a translate table and a pattern finding
    the characters it maps."""
    table = str.maketrans(dict(zip(keys, values)))
    return re.compile("[" + "".join(re.escape(c) for c in keys) + "]"), table


def normalize(text: str, char_map: dict[str, str]) -> Normalized:
    if char_map:
        # the same as text.translate(table), character for character: a text
        # holds few mapped characters, and str.translate looks every character
        # of a non-ASCII text up in the table (about ten times slower)
        mapped, table = _folding(tuple(char_map), tuple(char_map.values()))
        text = mapped.sub(lambda m: m[0].translate(table), text)
    if unicodedata.is_normalized("NFC", text):
        return Normalized(text, None)
    folded, offsets = _nfc_with_offsets(text)
    return Normalized(folded, offsets)


@dataclass(frozen=True)
class TextRef:
    """A stretch of the normalized text, by offsets: what a stage keeps
    instead of a string, until the directive is built."""
    start: int
    end: int

    @staticmethod
    def of_tokens(tokens, base: int) -> "TextRef":
        """The stretch from the first to the last of `tokens` of a doc that
        starts at `base` in the text."""
        return TextRef(base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1]))


Piece = str | TextRef  # a name as found: a string taken as it is, or a stretch of the text


class TextMap:
    """The one place that maps normalized offsets back to the text as read."""

    def __init__(self, normalized: Normalized, original: str):
        self.normalized = normalized
        self.original = original

    def span(self, ref: TextRef) -> tuple[int, int, str]:
        """Original offsets and text of a stretch."""
        a, b = self.normalized.to_original(ref.start), self.normalized.to_original(ref.end)
        return a, b, self.original[a:b]

    def exact(self, piece: Piece) -> str:
        return piece if isinstance(piece, str) else self.span(piece)[2]

    def name(self, piece: Piece) -> str:
        """A name or phrase, without the spaces around it."""
        return piece if isinstance(piece, str) else self.span(piece)[2].strip()

    def passage(self, ref: TextRef, rstrip: bool = True) -> tuple[int, int, str]:
        """A directive's text with its original offsets, trailing spaces left out."""
        start, end, text = self.span(ref)
        if rstrip:
            stripped = text.rstrip()
            end -= len(text) - len(stripped)
            text = stripped
        return start, end, text
