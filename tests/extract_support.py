"""Helpers for extractor tests: one extractor per language for the session."""
from __future__ import annotations

from datetime import date

from docket.extractor.pipeline import get_extractor
from docket.extractor.readers.text import paragraph_blocks
from docket.models.items import Document, Extraction

MEETING = date(2025, 2, 13)  # a Thursday


def run(text: str, lang: str, meeting: date | None = MEETING) -> Extraction:
    return get_extractor(lang).extract(Document(text, blocks=paragraph_blocks(text)), meeting)


def only(text: str, lang: str, meeting: date | None = MEETING):
    """The single directive of `text`, failing when there is not exactly one."""
    found = run(text, lang, meeting).directives
    assert len(found) == 1, [d.text for d in found]
    return found[0]
