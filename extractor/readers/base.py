"""What every reader shares: bounded reading, content sniffing, a guard around
third-party parsers, dates in names, and the builder of a Document's text.

A reader that builds its own text (everything but plain .txt) adds one line
per paragraph, heading, table row or speaker turn; lines are joined by "\\n"
and each gets a Block with its exact offsets in `Document.text`.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

from docket.models.errors import InputError
from docket.models.files import kind_of
from docket.models.items import Block, Document

# The text docket builds from one file is never longer than this (characters);
# meeting minutes run to a few hundred thousand at the very most.
MAX_TEXT_CHARS = 16 * 1024 * 1024

# File signatures, to say what a file really is when its extension lies.
_SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "a PDF file", ".pdf"),
    (b"PK\x03\x04", "a zip archive (a Word .docx is one)", ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word 97-2003 .doc file or a password-protected Office file", ""),
    (b"{\\rtf", "an RTF file", ""),
]


def sniff(data: bytes) -> tuple[str, str] | None:
    """(what the bytes are, the extension docket reads them under) for the
    binary formats docket can recognise, else None."""
    head = data[:64].lstrip()
    for magic, what, suffix in _SIGNATURES:
        if head.startswith(magic):
            return what, suffix
    return None


def not_this_format(name: str, expected: str, data: bytes) -> InputError:
    """The error for a file whose content is not its extension's format."""
    if not data.strip():
        return InputError(f"{name}: the file is empty")
    found = sniff(data)
    if found is None:
        return InputError(f"{name}: not {expected}")
    what, suffix = found
    if not suffix:
        hint = "; save it as .docx, .pdf or .txt"
    else:
        hint = "" if name.lower().endswith(suffix) else f"; rename it to {suffix}"
    return InputError(f"{name}: not {expected} but {what}{hint}")


def unreadable(path: Path, error: OSError) -> InputError:
    """The error for a file the system will not let docket open or read."""
    if isinstance(error, FileNotFoundError):
        return InputError(f"{path}: no such file")
    if isinstance(error, PermissionError):
        return InputError(f"{path}: permission denied (docket cannot read this file)")
    return InputError(f"{path}: cannot be read ({error.strerror or type(error).__name__})")


def check_regular(path: Path, status: os.stat_result) -> None:
    """Refuse anything but a regular file: a FIFO or a device has no size
    (st_size is 0), so no size check bounds it, and reading one blocks
    forever (a FIFO without a writer) or never ends (/dev/zero, /dev/urandom)."""
    what = kind_of(status.st_mode)
    if what is None:
        return
    raise InputError(f"{path}: {what}, not a regular file; docket reads documents from regular files only")


def check_size(path: Path, limit: int, what: str) -> None:
    """Refuse a file that is not a regular file or is larger than `limit`
    bytes, before anything opens it (stat never blocks, even on a FIFO)."""
    try:
        status = path.stat()
    except OSError as error:
        raise unreadable(path, error) from None
    check_regular(path, status)
    _check_limit(path, status.st_size, limit, what)


def _check_limit(path: Path, size: int, limit: int, what: str) -> None:
    if size > limit:
        raise InputError(f"{path}: {_mib(size)} is more than docket reads from a {what} ({_mib(limit)})")


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The file's bytes, refusing a non-regular file or one larger than
    `limit` before reading it. The file is opened without blocking (a FIFO
    swapped in after a check cannot stall the open), checked on the open
    descriptor, and read with a hard cap of `limit` + 1 bytes, so a file that
    grows while it is read is refused rather than read without end."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise unreadable(path, error) from None
    try:
        with open(descriptor, "rb", closefd=True) as stream:
            status = os.fstat(stream.fileno())
            check_regular(path, status)
            _check_limit(path, status.st_size, limit, what)
            data = stream.read(limit + 1)
    except OSError as error:
        raise unreadable(path, error) from None
    _check_limit(path, len(data), limit, what)
    if not data:
        raise InputError(f"{path}: the file is empty")
    return data


def _mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size >= 2**20 else f"{size} bytes"


@contextmanager
def parsing(name: str, what: str) -> Iterator[None]:
    """Turn whatever a third-party parser raises on damaged or hostile input
    into one InputError. python-docx, lxml, zipfile and pypdf each raise many
    exception types on bad files (KeyError, ValueError, AssertionError,
    RecursionError, ...), none of which a user can act on differently."""
    try:
        yield
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"{name}: {what} needs more memory than docket allows") from None
    except Exception as error:  # noqa: BLE001 - see docstring
        detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else type(error).__name__
        raise InputError(f"{name}: {what} is damaged, truncated or not supported ({detail})") from None


# A date written year first (2025-03-04, 2025_03_04, 20250304): the only
# order that is the same in every language, so the only one read from names
# and transcript headers without a language pack.
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(\d\d)\2(\d\d)(?!\d)")


def find_iso_date(text: str) -> date | None:
    """The first valid year-first date in `text`, or None."""
    for match in _ISO_DATE.finditer(text):
        try:
            return date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            continue
    return None


def date_in_name(path: str | Path) -> date | None:
    """A meeting date written in a file's name ("2025-03-04 weekly.vtt")."""
    return find_iso_date(Path(path).name)


def too_much_text(name: str) -> InputError:
    return InputError(
        f"{name}: more than {MAX_TEXT_CHARS // 2**20} Mi characters of text, "
        "more than docket reads from one document"
    )


# Characters that never belong in a document's text: control characters
# other than whitespace (C0 but tab, line feed, vertical tab, form feed and
# carriage return; DEL; C1), which a terminal runs as commands (ESC ]0;...
# retitles the window, ESC [2J clears it), and the bidirectional embedding,
# override and isolate controls (U+202A-U+202E, U+2066-U+2069), which make
# text display in an order other than the one it is read in. The marks
# (LRM, RLM, ALM) and the joiners Urdu needs (ZWJ, ZWNJ) are text and stay.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def neutralise(text: str) -> str:
    """`text` with each unsafe character (see _UNSAFE) replaced by a space:
    one character for one, so every offset into the text stays right, and
    a control between two words ("Police<BEL>must") still separates them."""
    return _UNSAFE.sub(" ", text)


# Markdown links ("[text](url)", "<https://...>") and bare URLs, for telling
# a line made of links alone (a reference list, a "see here" pointer)
_LINK = re.compile(r"!?\[[^\[\]]*\]\([^()]*\)|<(?:https?|mailto):[^<>\s]+>|(?:https?://|www\.)\S+")


def is_reference(raw: str) -> bool:
    """A line (as written, markup and all) made only of links and the
    punctuation between them: it points somewhere, it tells nobody to do
    anything."""
    rest, found = _LINK.subn(" ", raw)
    return found > 0 and not any(c.isalnum() for c in rest)


def one_line(text: str) -> str:
    """`text` as one line: unsafe characters made spaces, zero-width
    no-break spaces (stray byte-order marks) dropped, every run of
    whitespace (including line and paragraph separators) one space."""
    return " ".join(neutralise(text).replace("\ufeff", "").split())


class LineBuilder:
    """Collects lines and their blocks; `document()` joins them with "\\n"."""

    def __init__(self, name: str):
        self.name = name
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self._length = 0

    def add(
        self,
        text: str,
        kind: str = "paragraph",
        *,
        speaker: str | None = None,
        time: str | None = None,
        cells: dict[str, str] | None = None,
    ) -> bool:
        """Add `text` as one line (whitespace collapsed); empty text adds nothing."""
        line = one_line(text)
        if not line:
            return False
        start = self._length + 1 if self.lines else 0
        end = start + len(line)
        if end > MAX_TEXT_CHARS:
            raise too_much_text(self.name)
        self.lines.append(line)
        self.blocks.append(Block(start, end, kind, speaker, time, cells))
        self._length = end
        return True

    def document(self, source: str, format: str, **fields) -> Document:
        return Document(
            text="\n".join(self.lines), source=source, blocks=self.blocks, format=format, **fields
        )
