"""PDF files, through pypdf's text layer.

Text: each page's text in content-stream order (pypdf's plain mode, which for
documents written by word processors is reading order; its layout mode would
interleave columns), then the lines rebuilt into paragraphs, one per line:
  - a line ending in a hyphen after a letter, followed by a line starting with
    a lower-case letter, is one word broken in two ("imple-" + "mentation");
  - a paragraph ends after a line that ends a sentence or is much shorter
    than the document's usual line, and before a line starting a list item;
  - a list item's bullet (not its number) is dropped, as in Markdown;
  - lines holding nothing but a page number are dropped.
The document information's title and creation date become `title` and
`meeting_date_hint`.

A PDF without a text layer (a scan) and one that needs a password are
refused with an InputError saying so. An owner-password PDF (readable, with
restrictions) is read: pypdf tries the empty user password itself.

Bounds: at most MAX_PDF_BYTES on disk, MAX_PDF_PAGES pages and
base.MAX_TEXT_CHARS of text; pages are no longer read once MAX_PDF_SECONDS
have passed. pypdf (>= 7) bounds the work within a page: decompression
(75 MB a stream), content-stream parsing, object counts and nesting
(pypdf.Configuration), so one page cannot stall the reader for long either.
"""
from __future__ import annotations

import io
import logging
import re
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from docket.models.errors import InputError
from docket.models.items import Document
from docket.extractor.readers.base import (
    MAX_TEXT_CHARS,
    LineBuilder,
    not_this_format,
    parsing,
    read_bounded,
    too_much_text,
)

MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_PDF_PAGES = 2000
MAX_PDF_SECONDS = 60

_PAGE_NUMBER = re.compile(r"[\s\-–—]*\d{1,4}[\s\-–—]*")
_BULLET = re.compile(r"[-–•▪◦*]\s+")
_LIST_ITEM = re.compile(r"(?:[-–•▪◦*]|\d{1,3}[.)]|\(?[a-z]\))\s")
# Sentence-final punctuation of any script (Latin, Arabic-script, CJK, Devanagari).
_SENTENCE_END = tuple(".!?:;۔؟。！？।")
_SHORT_LINE = 0.7  # of the usual (90th percentile) line length


def read_pdf_file(path: Path) -> Document:
    name = str(path)
    data = read_bounded(path, MAX_PDF_BYTES, "PDF")
    if b"%PDF-" not in data[:1024]:
        raise not_this_format(name, "a PDF file", data)
    with _quiet_pypdf(), parsing(name, "the PDF"), _aes_needs_cryptography(name):
        reader = _open(name, data)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise InputError(f"{name}: {len(reader.pages)} pages, more than docket reads ({MAX_PDF_PAGES})")
        lines = _page_lines(name, reader)
        title, created = _metadata(reader)
    builder = LineBuilder(name)
    for paragraph in paragraphs(lines):
        builder.add(paragraph)
    if not builder.lines:
        raise InputError(
            f"{name}: the PDF has no text layer (a scanned image?); "
            "run it through OCR first (for example ocrmypdf) and read the result"
        )
    return builder.document(name, "pdf", title=title, meeting_date_hint=created)


def _page_lines(name: str, reader: PdfReader) -> list[str]:
    """Every page's text lines, within the time and size budgets."""
    deadline = time.monotonic() + MAX_PDF_SECONDS
    lines: list[str] = []
    characters = 0
    for page in reader.pages:
        if time.monotonic() > deadline:
            raise InputError(
                f"{name}: reading the PDF's text took more than {MAX_PDF_SECONDS} seconds; "
                "it may be built to stall readers"
            )
        text = page.extract_text() or ""
        characters += len(text)
        if characters > MAX_TEXT_CHARS:
            raise too_much_text(name)
        lines.extend(text.splitlines())
    return lines


def _open(name: str, data: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise InputError(f"{name}: the PDF is protected by a password; save an unprotected copy")
    return reader


@contextmanager
def _aes_needs_cryptography(name: str) -> Iterator[None]:
    """pypdf decrypts AES only with the optional 'cryptography' package, and
    may find out when opening the file or when decoding a page."""
    try:
        yield
    except DependencyError:
        raise InputError(
            f"{name}: the PDF is encrypted with AES, which docket reads only with the "
            "'cryptography' package installed (pip install cryptography)"
        ) from None


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs a warning for each damage it repairs; docket reports
    problems itself, so those are not shown while reading."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _metadata(reader: PdfReader) -> tuple[str | None, date | None]:
    try:
        info = reader.metadata
        if info is None:
            return None, None
        title, created = info.title, info.creation_date
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, None  # damaged metadata is no reason to refuse the text
    title = title.strip() if isinstance(title, str) and title.strip() else None
    return title, created.date() if created else None


def paragraphs(lines: list[str]) -> list[str]:
    """Extracted lines rebuilt into paragraphs (see the module docstring)."""
    lines = [line.strip() for line in lines if not _PAGE_NUMBER.fullmatch(line)]
    lengths = sorted(len(line) for line in lines if line)
    usual = lengths[int(len(lengths) * 0.9)] if lengths else 0
    result: list[str] = []
    current = last = ""
    for line in lines:
        if not line:
            result.append(current)
            current = ""
        elif not current:
            current = _without_bullet(line)
        elif _LIST_ITEM.match(line) or _ends_paragraph(last, usual):
            result.append(current)
            current = _without_bullet(line)
        elif _broken_word(last, line):
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        last = line
    result.append(current)
    return [paragraph for paragraph in result if paragraph]


def _without_bullet(line: str) -> str:
    """A list item's line without its bullet (numbers are kept: they are
    part of what the list says)."""
    match = _BULLET.match(line)
    return line[match.end():] if match else line


def _ends_paragraph(line: str, usual: int) -> bool:
    return line.endswith(_SENTENCE_END) or len(line) < _SHORT_LINE * usual


def _broken_word(text: str, next_line: str) -> bool:
    return (
        len(text) >= 2
        and text[-1] in "-\u00ad"
        and text[-2].isalpha()
        and next_line[:1].islower()
    )
