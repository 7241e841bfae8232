"""Which language a document is in, by its letters and its commonest words.

Each pack's `detect` entry names the letters characteristic of its script
(Arabic-script letters for Urdu, Vietnamese's marked vowels and đ) and a few
very common words. The pack whose letters and words cover most of the text
wins; a pack marked `fallback` wins when nothing else does.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from docket.extractor.lang import Detection, LanguagePack, available, load_detection

_WORD = re.compile(r"\w+", re.UNICODE)
SAMPLE_CHARS = 20000


def detect_language(text: str, packs: list[LanguagePack | Detection] | None = None) -> str:
    packs = packs or [load_detection(code) for code in available()]
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS]).lower()
    # each distinct character weighed once, by its count: a sample holds a
    # few hundred distinct characters in thousands
    letters = {char: count for char, count in Counter(sample).items() if char.isalpha()}
    total_letters = sum(letters.values())
    if not total_letters:
        return next((p.code for p in packs if p.detect.get("fallback")), packs[0].code)
    words = Counter(_WORD.findall(sample))
    total_words = sum(words.values()) or 1
    best, best_score = None, 0.0
    for pack in packs:
        own = set(pack.detect.get("letters", ""))
        letter_share = sum(letters.get(c, 0) for c in own) / total_letters if own else 0.0
        common = {str(w).lower() for w in pack.detect.get("words", [])}
        word_share = sum(words[w] for w in common) / total_words
        # A script of its own is decisive; shared-script languages lean on words.
        score = float(pack.detect.get("letter_weight", 3.0)) * letter_share + word_share
        if score > best_score:
            best, best_score = pack.code, score
    if best is None:
        return next((p.code for p in packs if p.detect.get("fallback")), packs[0].code)
    return best
