"""Plain text: UTF-8 (with or without a BOM) or UTF-16 with a BOM."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from models.errors import InputError
from models.items import Block, Document

# Text files larger than this are refused rather than read into memory whole.
MAX_TEXT_BYTES = 200 * 1024 * 1024

_PARAGRAPH = re.compile(r"[^\r\n]+")


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as a text document, or raise an InputError naming the problem."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and b"\x00" in body:
        raise InputError(f"{name}: binary data (NUL bytes), not a text document")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text (byte {error.start}: "
            f"{error.reason}); save the file as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    # Newlines stay as in the file: offsets are into the text as read.
    return text


def paragraph_blocks(text: str) -> list[Block]:
    """One block per non-empty line; rows of action tables as table rows."""
    from extractor.readers.tables import table_blocks

    return table_blocks(text, [Block(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)])


def read_text_file(path: Path) -> Document:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(f"{path}: {size // 2**20} MiB is more than docket reads ({MAX_TEXT_BYTES // 2**20} MiB)")
    text = decode_text(path.read_bytes(), str(path))
    return Document(text=text, source=str(path), blocks=paragraph_blocks(text), format="text")
