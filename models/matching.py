"""Stable keys and ids for directives, and matching of a revised document's
directives with the items already stored for it.

Why the directive's own text is the key: it is the document's words, so it
survives everything that is not an edit of that sentence: paragraphs added
above it (offsets shift), a newer extractor (action, responsible and deadline
may be filled differently), a secretary's correction (stored apart). Offsets
would break on the first inserted line; the action is the extractor's
reading, not the document.

Why a fuzzy fallback on action + responsible: the usual revision of a
directive changes a date or a word in its sentence ("by 31 March" becomes
"by 30 April"), which changes the text key. The task is still the same task
for the same body, and its status and history must follow it. The fallback is
strict (close action wording AND the same bodies, mutually best pairs only)
because a wrong match is worse than none: it would hand one task's "done" to
another. An unmatched old item is marked vanished, not deleted, so nothing
is lost even when the fallback declines.
"""
from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable

# Fallback thresholds: action wording at least this similar (0..1) ...
ACTION_SIMILARITY = 0.8
# ... and responsible bodies overlapping at least this much (Jaccard, 0..1).
RESPONSIBLE_OVERLAP = 0.5

ID_LENGTH = 8


@functools.lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Case, Unicode form, whitespace and surrounding punctuation folded away.
    Kept per text: an ingest folds the same names, titles and actions again
    for every document and every pair it compares."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = folded.split()
    return " ".join(words).strip(" \t.,;:!?\"'“”‘’()[]-–—۔،؛")


def directive_keys(texts: list[str]) -> list[str]:
    """One key per directive text, unique within the document: a sentence
    written twice is two directives, told apart by occurrence (`text#2`)."""
    seen: dict[str, int] = {}
    keys = []
    for text in texts:
        base = normalise(text)
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


def id_candidates(document_path: str, key: str) -> list[str]:
    """Ids for a directive, shortest first: the first 8 hex digits of a hash of
    its document's path and key, then longer prefixes in case of a collision."""
    digest = hashlib.sha1(f"{document_path}\n{key}".encode("utf-8")).hexdigest()
    return [digest[:length] for length in range(ID_LENGTH, len(digest) + 1, 2)]


@dataclass(frozen=True)
class Candidate:
    """What matching looks at: the key and the extractor's reading."""

    key: str
    action: str
    responsible: tuple[str, ...]


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    left, right = {normalise(x) for x in a}, {normalise(x) for x in b}
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)


def similarity(old: Candidate, new: Candidate, matcher: SequenceMatcher) -> float | None:
    """Score of a fuzzy pair, or None when it is not close enough to match.
    `matcher`: one whose second sequence is `new`'s normalised action, made
    once for comparing one directive with many (difflib keeps what it learnt
    of that sequence)."""
    overlap = _overlap(old.responsible, new.responsible)
    if overlap < RESPONSIBLE_OVERLAP:
        return None
    matcher.set_seq1(normalise(old.action))
    # the quick upper bounds first: most pairs fail on them, before the real ratio
    if matcher.real_quick_ratio() < ACTION_SIMILARITY or matcher.quick_ratio() < ACTION_SIMILARITY:
        return None
    action = matcher.ratio()
    if action < ACTION_SIMILARITY:
        return None
    return action + overlap


def match(old: dict[str, Candidate], new: list[Candidate], *,
          accept: Callable[[Candidate, Candidate], bool] | None = None) -> dict[int, str]:
    """Pair new directives (by index) with old items (by id): equal keys
    first, then the best-scoring fuzzy pairs among those left, of those
    `accept` (old, new) lets through, when given (models/mentions.py is
    stricter than a revision)."""
    by_key = {candidate.key: item_id for item_id, candidate in old.items()}
    pairs: dict[int, str] = {}
    for index, candidate in enumerate(new):
        if candidate.key in by_key:
            pairs[index] = by_key.pop(candidate.key)
    left_old = set(by_key.values())
    scored = []
    for index, candidate in enumerate(new):
        if index in pairs:
            continue
        matcher = SequenceMatcher(None, "", normalise(candidate.action))
        for item_id in left_old:
            if accept is not None and not accept(old[item_id], candidate):
                continue
            score = similarity(old[item_id], candidate, matcher)
            if score is not None:
                scored.append((-score, index, item_id))
    for _, index, item_id in sorted(scored):
        if index not in pairs and item_id in left_old:
            pairs[index] = item_id
            left_old.discard(item_id)
    return pairs
