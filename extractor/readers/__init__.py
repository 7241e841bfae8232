"""Readers: one function per file format, each returning a `Document`.

`read_path` picks the reader by extension; each reader checks the content is
what the extension says (a .docx must be a Word zip, a .pdf a PDF, a .vtt
start with WEBVTT). Every failure is an `InputError` whose message names the
file and the problem; each module's docstring states its bounds.

Every reader but plain text builds its text one line per paragraph, heading,
table row or speaker turn, joined by "\n", with one Block per line giving its
exact offsets in `Document.text` (base.LineBuilder). Plain text keeps its
newlines as in the file. A year-first date in the file name is the meeting
date hint when the content gives none.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable

from docket.models.errors import InputError
from docket.models.items import Block, Document
from docket.extractor.readers.base import date_in_name, unreadable
from docket.extractor.readers.markdown import read_markdown_file
from docket.extractor.readers.text import read_stdin, read_text_file
from docket.extractor.readers.transcript import read_srt_file, read_vtt_file

Reader = Callable[[Path], Document]


# python-docx and pypdf are imported when a Word or PDF file is read: together
# about 0.12 s CPU at every start of a process that reads neither.
def read_docx_file(path: Path) -> Document:
    from docket.extractor.readers.word import read_docx_file as read

    return read(path)


def read_pdf_file(path: Path) -> Document:
    from docket.extractor.readers.pdf import read_pdf_file as read

    return read(path)


READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".docx": read_docx_file,
    ".vtt": read_vtt_file,
    ".srt": read_srt_file,
    ".pdf": read_pdf_file,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


GOLD_SUFFIX = ".gold.json"


def walk(
    paths: list[str | os.PathLike], problems: list[InputError] | None = None
) -> list[tuple[Path, bool]]:
    """Expand files and folders (recursively, in sorted order) into
    `(path, supported)` pairs. Gold files and hidden files are left out;
    a file named on the command line is always listed, supported or not.

    A folder that cannot be listed (no permission) is never skipped in
    silence: its error goes to `problems` when the caller gives that list
    (to report it and go on), else it is raised."""
    found: list[tuple[Path, bool]] = []
    errors: list[InputError] = []
    for given in paths:
        given = Path(given)
        try:
            is_dir = stat.S_ISDIR(given.stat().st_mode)
        except OSError as error:
            if isinstance(error, FileNotFoundError):
                is_dir = False  # read_path says "no such file"
            else:
                errors.append(unreadable(given, error))
                continue
        if is_dir:
            found += _files_under(given, errors)
        else:
            found.append((given, True))
    if errors and problems is None:
        raise errors[0]
    if problems is not None:
        problems.extend(errors)
    return found


def _files_under(folder: Path, errors: list[InputError]) -> list[tuple[Path, bool]]:
    """The files under `folder` (not under hidden folders; symbolic links to
    folders are not followed), sorted as paths."""

    def cannot_list(error: OSError) -> None:
        errors.append(InputError(f"{error.filename}: cannot list this folder ({error.strerror}); its files are not read"))

    files = []
    for root, folders, names in os.walk(folder, onerror=cannot_list):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            path = Path(root, name)
            if name.startswith(".") or name.endswith(GOLD_SUFFIX) or not path.is_file():
                continue
            files.append(path)
    return [(path, path.suffix.lower() in READERS) for path in sorted(files)]


def read_path(path: str | os.PathLike) -> Document:
    """Read one file (or `-` for standard input) into a Document."""
    if str(path) == "-":
        return read_stdin()
    path = Path(path)
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:  # missing, or a folder on the way docket may not enter
        raise unreadable(path, error) from None
    if is_dir:
        raise InputError(f"{path}: is a directory, not a file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        if path.suffix:
            known = ", ".join(supported_suffixes())
            raise InputError(f"{path}: unsupported file type {path.suffix!r} (docket reads {known})")
        reader = read_text_file
    document = reader(path)
    if document.meeting_date_hint is None:
        document.meeting_date_hint = date_in_name(path)
    return document


__all__ = ["Block", "Document", "read_path", "supported_suffixes", "walk", "READERS"]
