"""Plain text: UTF-8 (with or without a BOM) or UTF-16 with a BOM.

Bounds: a text file (or standard input) larger than MAX_TEXT_BYTES is refused
before it is read, so reading one holds at most that many bytes plus the
decoded string. Newlines stay as in the file: offsets are into the text as read.
Control and bidirectional-control characters become spaces (base.neutralise),
one for one, so offsets stay those of the file's characters.
"""
from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import BinaryIO

from docket.models.errors import InputError
from docket.models.items import Block, Document
from docket.extractor.readers.base import is_reference, neutralise, read_bounded, sniff

# 16 MiB of text is thousands of pages of minutes; a larger "text" file is a
# log, a dump or a mistake, and the extractor could not get through it anyway.
MAX_TEXT_BYTES = 16 * 1024 * 1024

_PARAGRAPH = re.compile(r"[^\r\n]+")


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as a text document, or raise an InputError naming the problem."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    found = sniff(data)
    if found is not None:
        what, suffix = found
        hint = f"; name it {suffix} to read it" if suffix else ""
        raise InputError(f"{name}: this is {what}, not a text file{hint}")
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and b"\x00" in body:
        if _looks_like_utf16(body):
            raise InputError(
                f"{name}: UTF-16 text without a byte-order mark; save the file as UTF-8"
            )
        raise InputError(f"{name}: binary data (NUL bytes), not a text document")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text (byte {error.start}: "
            f"{error.reason}); save the file as UTF-8"
        ) from None
    text = neutralise(text)
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    return text


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 has a NUL in every other byte."""
    head = data[:1024]
    return len(head) >= 4 and (head[0::2].count(0) > len(head) // 4 or head[1::2].count(0) > len(head) // 4)


def paragraph_blocks(text: str) -> list[Block]:
    """One block per non-empty line (a line of links alone is a `reference`);
    rows of action tables as table rows."""
    from docket.extractor.readers.tables import text_table_blocks

    return text_table_blocks(text, [Block(m.start(), m.end(), "reference" if is_reference(m[0]) else "paragraph")
                                    for m in _PARAGRAPH.finditer(text)])


def read_text_bytes(path: Path) -> str:
    """A text-format file's content, bounded and decoded."""
    return decode_text(read_bounded(path, MAX_TEXT_BYTES, "text file"), str(path))


def read_text_file(path: Path) -> Document:
    text = read_text_bytes(path)
    return Document(text=text, source=str(path), blocks=paragraph_blocks(text), format="text")


def read_stdin(stream: BinaryIO | None = None) -> Document:
    """Standard input as a text document, read up to the same bound as a file."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"<stdin>: more than {MAX_TEXT_BYTES // 2**20} MiB, more than docket reads from a text file"
        )
    text = decode_text(data, "<stdin>")
    return Document(text=text, source="-", blocks=paragraph_blocks(text), format="text")
