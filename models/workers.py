"""What a worker process of `ingest -j N` does: read a file, or extract a
document read already. Nothing here imports the store (sqlite-utils, the
database): the parent process is the one writer. Every function returns
`(ok, value)` with an error already put in words, as the serial path words
it, since an exception object need not survive the trip between processes.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from docket.models.errors import DocketError
from docket.models.items import Document, Extraction


def failure(path: Path, error: Exception) -> str:
    """A file's `failed:` line, worded as models.batch.ingest_one words it."""
    if isinstance(error, DocketError):
        return str(error)
    return f"{path}: {type(error).__name__}: {error}"


def read(path: Path) -> tuple[bool, Document | str]:
    from docket.extractor.readers import read_path

    try:
        return True, read_path(path)
    except Exception as error:  # noqa: BLE001 - reported as this file's failure
        return False, failure(path, error)


def extract_document(document: Document, lang: str, meeting_date: date | None) -> Extraction:
    """The extraction engine, imported when first needed (it loads spaCy)."""
    from docket.extractor import extract as run

    return run(document, lang=lang, meeting_date=meeting_date)


def given_date(extraction: Extraction, meeting_date: date | None) -> Extraction:
    """A meeting date the caller gave is marked as given, not found."""
    if meeting_date is not None:
        extraction.meeting_date_source = "given"
    return extraction


def extract(extractor: Callable[[Document, str, date | None], Extraction], path: Path, document: Document,
            lang: str, meeting_date: date | None) -> tuple[bool, Extraction | str]:
    """`extractor` is models.batch.extract_document as the parent has it:
    `extract_document` above, or what a caller put in its place."""
    try:
        return True, given_date(extractor(document, lang, meeting_date), meeting_date)
    except Exception as error:  # noqa: BLE001 - an extractor bug must not stop a folder of good files
        return False, failure(path, error)


def warm(lang: str) -> None:
    """Build the engine for `lang` (every installed language for "auto") in
    this process, so that workers forked from it share it, built once,
    instead of each building its own (about 0.6 s of CPU a language)."""
    from docket.extractor.lang import available
    from docket.extractor.pipeline import get_extractor

    for code in available() if lang == "auto" else [lang]:
        get_extractor(code)
