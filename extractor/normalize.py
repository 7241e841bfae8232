"""Text as the matchers see it, with a map back to the text as read.

Two foldings: a pack's length-preserving character map (Urdu ي/ی, ك/ک, ه/ہ,
Eastern Arabic digits) and Unicode NFC, so that NFD input (common in
Vietnamese text pasted from some editors) matches like NFC. NFC can change
lengths, so `Normalized.to_original` maps every offset back.
"""
from __future__ import annotations

import bisect
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
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        out.append(cluster)
        offsets.extend([i] * len(cluster))
        i = j
    offsets.append(n)
    return "".join(out), offsets


def normalize(text: str, char_map: dict[str, str]) -> Normalized:
    table = str.maketrans(char_map) if char_map else None
    if table:
        text = text.translate(table)
    if unicodedata.is_normalized("NFC", text):
        return Normalized(text, None)
    folded, offsets = _nfc_with_offsets(text)
    return Normalized(folded, offsets)
