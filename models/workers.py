"""What a worker process of `ingest -j N` does: read a file and extract it,
in one task (`prepare`), unless its content was stored before the run.
Nothing here imports the store (sqlite-utils, the database): the parent
process is the one writer. Every function returns `(ok, value)` with an
error already put in words, as the serial path words it, since an
exception object need not survive the trip between processes.
"""
from __future__ import annotations

import hashlib
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


def content_hash(text: str) -> str:
    """What identifies a document's content in the store (documents.content_hash)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The content hashes the store held when the pool started (`remember`): a
# document with one of them may be stored already, and is not extracted here
# (the writer decides, as `ingest_document` does). One stored later in the
# run is extracted; the writer finds it stored and keeps nothing of that.
_stored: frozenset[str] = frozenset()


def remember(stored: frozenset[str]) -> None:
    """The pool's initializer: the content hashes stored before the run."""
    global _stored
    _stored = stored


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


def prepare(extractor: Callable[[Document, str, date | None], Extraction], path: Path, lang: str,
            meeting_date: date | None) -> tuple[bool, tuple[Document, Extraction | None, str | None] | str]:
    """Read `path` and extract it, one trip to the worker and back: `(False,
    error)` when it cannot be read, else `(True, (document, extraction,
    error))`, the extraction None when its content may be stored already
    (`_stored`) or when extracting failed (`error`)."""
    ok, document = read(path)
    if not ok:
        return False, document
    if content_hash(document.text) in _stored:
        return True, (document, None, None)
    ok, extraction = extract(extractor, path, document, lang, meeting_date)
    return True, (document, extraction, None) if ok else (document, None, extraction)


def warm(lang: str) -> None:
    """Build the engine for `lang` (every installed language for "auto") in
    this process, so that workers forked from it share it, built once,
    instead of each building its own (about 0.6 s of CPU a language)."""
    from docket.extractor.lang import available
    from docket.extractor.pipeline import get_extractor

    for code in available() if lang == "auto" else [lang]:
        get_extractor(code)
