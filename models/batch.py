"""Ingesting files and folders: each file read, extracted and stored in a
transaction of its own, going on past a file that fails. `docket ingest`
prints the outcomes; a program can call the same functions:

    from docket.models.batch import find_files, ingest_files
    with Store.open("minutes.db") as store:
        for outcome in ingest_files(store, find_files(["reports/"]), lang="en"):
            print(outcome.path, outcome.status)

The readers and the extraction engine are imported when a file is read or
extracted: the engine loads spaCy, which opening a store never needs. With
`ingest_files(..., jobs=N)` files are read and extracted in N processes
(models/workers.py) and stored here, in order.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator, Sequence

from docket.models import workers
from docket.models.errors import InputError, ParameterError, StoreError
from docket.models.items import Document, Extraction
from docket.models.records import IngestResult
from docket.models.store import Store
from docket.models.workers import extract_document, failure, given_date

AUTO = "auto"  # detect the language of each document


def languages() -> list[str]:
    """What `lang` may be: "auto" or the code of an installed language pack."""
    from docket.extractor.lang import available

    return [AUTO, *available()]


def check_language(lang: str) -> None:
    """A ParameterError unless `lang` is one of `languages()`."""
    known = languages()
    if lang not in known:
        raise ParameterError(f"{{lang}}: unknown language {lang!r}; use one of {', '.join(known)}", "lang")


def find_files(paths: Sequence[str | Path], problems: list[InputError] | None = None) -> list[tuple[Path, bool]]:
    """Files and folders (recursively) as `(path, supported)` pairs: a file
    docket does not read is listed, to be reported as skipped. A folder that
    cannot be listed goes to `problems` when given (to report it and go on),
    else its error is raised."""
    from docket.extractor.readers import walk

    named = {Path(p) for p in paths}
    return [(path, supported and (path in named or not is_folder_file(path)))
            for path, supported in walk(list(paths), problems)]


def _extract(document: Document, lang: str, meeting_date: date | None) -> Extraction:
    return given_date(extract_document(document, lang, meeting_date), meeting_date)


def ingest_file(store: Store, path: Path, lang: str = AUTO, meeting_date: date | None = None,
                revises: int | None = None, review: bool = False) -> IngestResult:
    """Read, extract and store one file."""
    from docket.extractor.readers import read_path

    return ingest_document(store, read_path(path), lang, meeting_date, revises, review)


def ingest_document(store: Store, document: Document, lang: str = AUTO,
                    meeting_date: date | None = None, revises: int | None = None,
                    review: bool = False, link: bool = True) -> IngestResult:
    """Extract and store a document read already. Content stored already is
    not extracted again (extraction is the slow part). `revises`: the id of
    the stored document this one is a new version of; `review`: new items
    docket is unsure of wait for review (models/tracking.py); `link`: a
    directive that repeats a stored item is a mention of it (models/mentions.py)."""
    if revises is not None:
        store.document(revises)  # an unknown id fails before the slow part
    known = store.already_stored(document)
    if known is not None:
        return known
    return store.ingest(document, _extract(document, lang, meeting_date), revises=revises, review=review,
                        link=link)


def reextract(store: Store, document_id: int, lang: str | None = None,
              meeting_date: date | None = None, review: bool = False) -> IngestResult:
    """Read a stored document's file again and extract it with `lang` (by
    default the language it was stored in) and `meeting_date` (by default
    the one given at its ingest, if one was; else what the document says).
    What people did to its items is kept (`Store.reextract`)."""
    from docket.extractor.readers import read_path

    stored = store.document(document_id)
    if lang is None:
        lang = stored.lang or AUTO
    check_language(lang)
    if meeting_date is None and stored.meeting_date_source == "given":
        meeting_date = stored.meeting_date
    try:
        document = read_path(stored.path)
    except InputError as error:
        raise InputError(f"document {document_id} cannot be read again ({error}); "
                         "docket keeps no copy of a document's text") from None
    return store.reextract(document_id, document, _extract(document, lang, meeting_date), review=review)


# Files a folder holds about itself, not reports: in a folder ingest a file
# whose name (before the extension, any case) is one of these is skipped with
# a note. Named on the command line, it is ingested like any other file.
FOLDER_FILES = frozenset({"readme", "changelog", "changes", "license", "licence", "copying", "contributing",
                          "authors", "notice", "todo", "index"})


def is_folder_file(path: Path) -> bool:
    return path.name.split(".")[0].casefold() in FOLDER_FILES


@dataclass
class FileOutcome:
    """What became of one file."""

    path: Path
    result: IngestResult | None = None  # stored now, or found stored already
    skipped: bool = False  # a kind of file docket does not read
    error: str | None = None  # why it could not be ingested
    note: str | None = None  # why it was skipped
    warnings: list[str] = field(default_factory=list)  # what the reader kept with a doubt (a bad cue time)

    @property
    def status(self) -> str:
        """skipped, failed, or the store's outcome: new, revised, unchanged, duplicate."""
        if self.skipped:
            return "skipped"
        if self.error is not None:
            return "failed"
        return self.result.outcome


def ingest_one(store: Store, path: Path, supported: bool, lang: str = AUTO,
               meeting_date: date | None = None, revises: int | None = None,
               review: bool = False, link: bool = True) -> FileOutcome:
    """One file's outcome. A file that cannot be read or extracted fails on
    its own; a StoreError (the database itself) is raised, to stop the run."""
    from docket.extractor.readers import read_path

    if not supported:
        if is_folder_file(path):
            return FileOutcome(path, skipped=True, note="a folder's own notes, not a report; name it to ingest it")
        return FileOutcome(path, skipped=True, note=f"docket does not read {path.suffix or 'this'} files")

    def work() -> FileOutcome:
        document = read_path(path)
        return FileOutcome(path, result=ingest_document(store, document, lang, meeting_date, revises, review, link),
                           warnings=list(document.warnings))

    return guarded(path, work)


def guarded(path: Path, work: Callable[[], FileOutcome]) -> FileOutcome:
    """`work()`, or a failed outcome for whatever it raised except a
    StoreError (the database itself), which is raised to stop the run."""
    try:
        return work()
    except StoreError:
        raise
    except Exception as error:  # an extractor bug must not stop a folder of good files
        return FileOutcome(path, error=failure(path, error))


def ingest_files(store: Store, files: Sequence[tuple[Path, bool]], lang: str = AUTO,
                 meeting_date: date | None = None, revises: int | None = None,
                 review: bool = False, jobs: int = 1, link: bool = True) -> Iterator[FileOutcome]:
    """Ingest `files` (as `find_files` lists them), yielding each outcome in
    their order. `lang` is checked before the first file; `revises` (a
    stored document's id) takes one file only. With `jobs` above 1 the files
    are read and extracted in that many processes (when two or more are to
    be read); this process stores them, in order, so the ids, versions and
    outcomes are those of `jobs=1`."""
    check_language(lang)
    if jobs < 1:
        raise ParameterError(f"{{jobs}} must be 1 or more, not {jobs}", "jobs")
    if revises is not None:
        if len(files) != 1:
            raise ParameterError("{revises} takes one file, the new version of the document", "revises")
        store.document(revises)
    if jobs > 1 and sum(supported for _, supported in files) > 1:
        return _pooled(store, files, lang, meeting_date, review, jobs, link)
    return (ingest_one(store, path, supported, lang, meeting_date, revises, review, link)
            for path, supported in files)


@dataclass
class _Pending:
    """A file of a pooled run on its way: read and extracted by a worker in
    one task (workers.prepare), then stored in its turn."""

    path: Path
    supported: bool
    future: Future | None = None  # the worker's read and extraction
    document: Document | None = None
    extraction: Extraction | None = None
    error: str | None = None  # why it could not be read (or the worker died)
    failed: str | None = None  # why it could not be extracted, unless it turns out stored

    def advance(self) -> None:
        """Take a finished task."""
        if self.future is None or not self.future.done():
            return
        try:
            ok, value = self.future.result()
        except Exception as error:  # the worker died, or its result could not be sent back
            ok, value = False, failure(self.path, error)
        self.future = None
        if ok:
            self.document, self.extraction, self.failed = value
        else:
            self.error = value

    def submit(self, pool: ProcessPoolExecutor, work: Callable, *args) -> None:
        try:
            self.future = pool.submit(work, *args)
        except Exception as error:  # a pool broken by a worker that died fails the files still to do
            self.error = failure(self.path, error)

    def outcome(self, store: Store, lang: str, meeting_date: date | None, review: bool,
                link: bool = True) -> FileOutcome:
        if not self.supported:
            return ingest_one(store, self.path, False)
        if self.error is not None:
            return FileOutcome(self.path, error=self.error)
        document, extraction = self.document, self.extraction
        if self.failed is not None and not _stored(store, document):
            return FileOutcome(self.path, error=self.failed)
        if extraction is None:  # maybe stored already (not extracted, or failed): extracted here if it is not
            return guarded(self.path, lambda: FileOutcome(
                self.path, result=ingest_document(store, document, lang, meeting_date, None, review, link),
                warnings=list(document.warnings)))
        return guarded(self.path, lambda: FileOutcome(
            self.path, result=store.ingest(document, extraction, review=review, link=link),
            warnings=list(document.warnings)))


def _stored(store: Store, document: Document) -> bool:
    """Whether extracting `document` can be skipped: its content is stored.
    Anything but a StoreError counts as no, to fail in the file's turn."""
    try:
        return store.already_stored(document) is not None
    except StoreError:
        raise
    except Exception:  # noqa: BLE001 - raised again, and reported, when the file is stored
        return False


def _pooled(store: Store, files: Sequence[tuple[Path, bool]], lang: str, meeting_date: date | None,
            review: bool, jobs: int, link: bool = True) -> Iterator[FileOutcome]:
    """`ingest_files` with a pool of `jobs` processes reading and extracting
    a few files ahead of the one being stored; a StoreError stops the run
    (and the pool)."""
    if extract_document is workers.extract_document and multiprocessing.get_start_method() == "fork":
        workers.warm(lang)  # the engine the workers will run, built once, before they are forked
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=workers.remember, initargs=(store.content_hashes(),))
    ahead = 4 * jobs  # files on their way at once: the workers kept busy, the memory bounded
    waiting = iter(files)
    pending: deque[_Pending] = deque()
    try:
        while True:
            for path, supported in islice(waiting, ahead - len(pending)):
                entry = _Pending(path, supported)
                if supported:
                    entry.submit(pool, workers.prepare, extract_document, path, lang, meeting_date)
                pending.append(entry)
            if not pending:
                return
            for entry in pending:
                entry.advance()
            if pending[0].future is None:
                yield pending.popleft().outcome(store, lang, meeting_date, review, link)
            else:
                wait([entry.future for entry in pending if entry.future is not None], return_when=FIRST_COMPLETED)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class Tally:
    """What a run did, for its closing summary."""

    outcomes: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    failed: int = 0
    linked: int = 0  # directives linked to items stored before (models/mentions.py)

    def add(self, outcome: FileOutcome) -> None:
        if outcome.skipped:
            self.skipped += 1
        elif outcome.error is not None:
            self.failed += 1
        else:
            self.outcomes[outcome.status] = self.outcomes.get(outcome.status, 0) + 1
            self.linked += len(outcome.result.linked) + len(outcome.result.repeated)

    def summary(self, files: int) -> str:
        done = ", ".join(f"{n} {outcome}" for outcome, n in self.outcomes.items()) or "nothing stored"
        linked = f"; {self.linked} directives linked to earlier items" if self.linked else ""
        return f"{files} files: {done}; {self.skipped} skipped, {self.failed} failed{linked}"
