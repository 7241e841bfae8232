"""The lines the pipeline reads: a document's blocks in normalized offsets,
overlong ones cut, consecutive plain lines grouped to share one spaCy Doc,
and headings told from the lines under them.
"""
from __future__ import annotations

from spacy.tokens import Span

from docket.extractor.lang import LanguagePack
from docket.extractor.normalize import Normalized
from docket.models.items import Block, Document

MAX_BLOCK_CHARS = 50_000
CHUNK_LINES = 200
CHUNK_CHARS = 50_000
TITLE_TOKENS = 30  # a document's first line with no closing stop is its title
HEADING_TOKENS = 14


def blocks(document: Document, norm: Normalized) -> list[Block]:
    """The document's blocks in normalized offsets (paragraphs when it has
    none), none longer than MAX_BLOCK_CHARS."""
    if document.blocks:
        found = [Block(norm.from_original(b.start), norm.from_original(b.end), b.kind, b.speaker, b.time, b.cells)
                 for b in document.blocks]
    else:
        from docket.extractor.readers.text import paragraph_blocks

        found = paragraph_blocks(norm.text)
    return [piece for block in found for piece in _cut(block, norm.text)]


def _cut(block: Block, text: str) -> list[Block]:
    out, start = [], block.start
    while block.end - start > MAX_BLOCK_CHARS:
        cut = text.rfind(" ", start, start + MAX_BLOCK_CHARS)
        cut = cut if cut > start else start + MAX_BLOCK_CHARS
        out.append(Block(start, cut, block.kind, block.speaker, block.time, block.cells))
        start = cut
    out.append(Block(start, block.end, block.kind, block.speaker, block.time, block.cells))
    return out


def _plain(block: Block) -> bool:
    return block.kind == "paragraph" and block.speaker is None


def chunks(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive plain lines share one spaCy Doc (a Doc per line costs
    more than the line); table rows, headings and transcript turns keep
    their own."""
    groups: list[list[Block]] = []
    for block in blocks:
        if (_plain(block) and groups and _plain(groups[-1][-1])
                and len(groups[-1]) < CHUNK_LINES and block.end - groups[-1][0].start < CHUNK_CHARS):
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def is_heading(line: Span, block: Block, title: bool, pack: LanguagePack) -> bool:
    """A heading block, the document's title line (`title`: the line is
    the first of several), or a short line in capitals without a stop."""
    if block.kind == "heading":
        return True
    last = line[-1].text
    if title and last not in pack.terminators and last != ":" and len(line) <= TITLE_TOKENS:
        return True
    if len(line) > HEADING_TOKENS or last in pack.terminators or last == ":":
        return False
    cased = [t for t in line if t.is_alpha and t.text.lower() != t.text.upper()]
    return len(cased) >= 2 and all(t.is_upper for t in cased)
