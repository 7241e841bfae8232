"""The lines the pipeline reads: a document's blocks in normalized offsets,
overlong ones cut, consecutive plain lines grouped to share one spaCy Doc,
and headings told from the lines under them.
"""
from __future__ import annotations

import functools
import re

from spacy.tokens import Span

from docket.extractor.lang import LanguagePack
from docket.extractor.normalize import Normalized
from docket.models.items import Block, Document

MAX_BLOCK_CHARS = 50_000
CHUNK_LINES = 200
CHUNK_CHARS = 50_000
TITLE_TOKENS = 30  # a document's first line with no closing stop is its title
HEADING_TOKENS = 14


# A line that starts a list item, a numbered point or a Markdown heading,
# table row or quote: never the rest of the line before it.
_STARTS_ITEM = re.compile(r"\s*(?:[#|>]|\(?(?:\d{1,3}|[^\W\d_]|[IVXivx]{1,5})[.)](?:\s|\d|$)|\(\w{1,3}\))")
# a document hard-wrapped at a width: enough lines, and that width is a
# printed line's (paragraphs kept on one line each run far longer)
WRAP_MIN_LINES, WRAP_MIN_WIDTH, WRAP_MAX_WIDTH, WRAP_FULL = 20, 60, 160, 0.85
WRAP_GAP_LINES = 2  # newlines between two lines one sentence may span (one blank line)


def blocks(document: Document, norm: Normalized, pack: LanguagePack | None = None) -> list[Block]:
    """The document's blocks in normalized offsets (paragraphs when it has
    none), hard-wrapped lines joined (with a pack), none longer than
    MAX_BLOCK_CHARS."""
    if document.blocks:
        found = [Block(norm.from_original(b.start), norm.from_original(b.end), b.kind, b.speaker, b.time, b.cells)
                 for b in document.blocks]
    else:
        from docket.extractor.readers.text import paragraph_blocks

        found = paragraph_blocks(norm.text)
    if pack is not None:
        found = join_wraps(found, norm.text, pack)
    return [piece for block in found for piece in _cut(block, norm.text)]


def join_wraps(found: list[Block], text: str, pack: LanguagePack) -> list[Block]:
    """Lines of one sentence, hard-wrapped (a text file, a PDF pasted into
    Markdown with a blank line after every line), become one block: a line
    that does not end a sentence continues on the next when the next starts
    in lower case or the line ends on a word that never ends a sentence
    (the pack's `sentence.wrap_joiners`), and the next starts no list item,
    heading or table row. The block keeps the newlines; `reading_text`
    hides them from the sentence rules."""
    out: list[Block] = []
    width = _wrap_width(found)
    for block in found:
        last = out[-1] if out else None
        if last is not None and _wraps(last, block, text, pack, width):
            out[-1] = Block(last.start, block.end, last.kind, last.speaker, last.time, last.cells)
        else:
            out.append(block)
    return out


def _wrap_width(found: list[Block]) -> int:
    """The width a document's lines are wrapped at: the length most of its
    long lines reach (0 when too few lines to tell)."""
    lengths = sorted(b.end - b.start for b in found if b.kind == "paragraph")
    if len(lengths) < WRAP_MIN_LINES:
        return 0
    return lengths[int(len(lengths) * 0.9)]


def _wraps(line: Block, nxt: Block, text: str, pack: LanguagePack, width: int) -> bool:
    if not (_joinable(line) and _joinable(nxt)) or nxt.kind == "item":
        return False
    gap = text[line.end:nxt.start]
    if gap.strip() or gap.count("\n") > WRAP_GAP_LINES:
        return False
    head, rest = text[line.start:line.end].rstrip(), text[nxt.start:nxt.end]
    if not head or head[-1] in pack.terminators or head[-1] in pack.clause_splitters or head[-1] == ":" \
            or _STARTS_ITEM.match(rest) or rest.lstrip()[:1] in pack.bullets:
        return False
    first = next((c for c in rest if c.isalpha()), "")
    if first.islower():
        return True
    words = head.split()
    if words and words[-1].lower() in pack.wrap_joiners:
        return True
    # a line that runs to the wrap width was cut there
    return WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH and "\n" not in gap.replace("\n", "", 1) and len(head) >= WRAP_FULL * width


def _joinable(block: Block) -> bool:
    return block.kind in ("paragraph", "item") and block.speaker is None and not block.cells


# Markdown strong emphasis left in a text file ("**[ACTION - Ruairi]**",
# "__Decision__"): a pair of marks touching a word, with no third mark on
# either side. The pattern opens with the marks, which the regex engine looks
# for directly; the checks of what stands before them look back past them.
_STRONG = re.compile(r"(?:\*\*|__)(?<![*_][*_][*_])(?![*_])(?:(?=\S)|(?<=[^\s*_][*_][*_]))")


def reading_text(text: str, found: list[Block]) -> str:
    """The text the sentence rules read: the line breaks inside a block
    (joined hard wraps) and Markdown emphasis marks left in plain text
    become spaces, so that offsets stay as they are."""
    pieces, pos = [], 0
    for block in found:
        inside = text[block.start:block.end]
        if "\n" in inside or "\r" in inside:
            pieces += [text[pos:block.start], inside.replace("\r", " ").replace("\n", " ")]
            pos = block.end
    text = "".join(pieces) + text[pos:] if pieces else text
    return _STRONG.sub(lambda m: " " * len(m[0]), text) if "**" in text or "__" in text else text


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
    return block.kind in ("paragraph", "item", "reference", "code") and block.speaker is None


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


def is_label(line: Span, block: Block, pack: LanguagePack) -> bool:
    """A short paragraph with no cue (the caller knows) and no closing stop
    inside a passage, as an article's title ("Article 3. Duties of the
    agencies"): it names a section, it neither continues nor ends a run."""
    return block.kind == "paragraph" and len(line) <= HEADING_TOKENS \
        and line[-1].text not in pack.terminators | pack.clause_splitters | {":"}


# a field's name with nothing filled in: "Tasks to do: ...", "Owner: ____"
_EMPTY_FIELD = re.compile(r":\s*(?:\.{2,}|…+|_{2,}|-{2,})?\s*(?:\.{2,}|…+|_{2,})\s*$")


def is_empty_field(text: str) -> bool:
    """A template's field left blank ("Tasks to do: ..."): a name, a colon
    and only dots, an ellipsis or underscores after it."""
    return bool(_EMPTY_FIELD.search(text))


CHROME_WORDS = 2  # a paragraph this short, with no stop, is a page's button or label
BYLINE_TOKENS = 12


def is_chrome(line: Span, block: Block, pack: LanguagePack) -> bool:
    """A web page's furniture kept with the text: a stop-less paragraph of
    at most CHROME_WORDS words ("Share", "Print this page") or a short
    "site | date" byline. A real directive, however short, ends its
    sentence."""
    if block.kind != "paragraph" or line[-1].text in pack.terminators:
        return False
    words = 0  # counted up to one more than CHROME_WORDS: a long line is not read to its end
    for token in line:
        if not (token.is_punct or token.is_space):
            words += 1
            if words > CHROME_WORDS:
                break
    if words <= CHROME_WORDS:
        return True
    return len(line) <= BYLINE_TOKENS and any(t.text == "|" for t in line) and any(t.like_num for t in line)


def is_heading(line: Span, block: Block, title: bool, pack: LanguagePack) -> bool:
    """A heading block, the document's title line (`title`: the line is
    the first of several), or a line in capitals without a stop ("PRESENT:",
    "IN ATTENDANCE", a document's wrapped title) of at most TITLE_TOKENS."""
    if block.kind == "heading":
        return True
    last = line[-1].text
    if title and last not in pack.terminators and last != ":" and len(line) <= TITLE_TOKENS:
        return True
    if len(line) > TITLE_TOKENS or last in pack.terminators:
        return False
    cased = 0
    for token in line:
        if token.is_alpha and token.text.lower() != token.text.upper():
            if not token.is_upper:
                return False  # one cased word in lower case: no line in capitals (stops reading there)
            cased += 1
    return cased >= 2


# an issue or pull request's number closing a line, bare ("#377",
# "lang-team#91") or as a Markdown link ("[#412](https://...)")
_ISSUE_REF = re.compile(r"(?:\S*#\d+|\[[^\[\]]*#\d+\]\([^()\s]*\))[\s.]*$")


@functools.lru_cache(maxsize=None)
def _timebox(units: frozenset[str]) -> re.Pattern[str] | None:
    """An agenda item's timebox closing its line: "(5m, Lee)", "(Lee, 10 min)",
    "(15 minutes)", with a pack's `sentence.timebox_units`."""
    if not units:
        return None
    units = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    span = rf"\d+(?:[.,]\d+)?\s?(?:{units})\.?"
    return re.compile(rf"\((?:{span}(?:\s*[,;/]\s*[^()]{{1,40}})?|[^()]{{1,40}}[,;/]\s*{span})\)[\s.]*$",
                      re.IGNORECASE)


def is_topic_title(text: str, pack: LanguagePack) -> bool:
    """A line that names a topic of the meeting rather than saying what to
    do: an agenda item closed by its timebox ("Review the budget (10m,
    Dana)") or an issue's title closed by its number ("Migrate the CI
    jobs #377"). Minutes write their tasks as sentences under these."""
    # each pattern holds a character most lines lack: a search tries every
    # position of the line, the `in` test does not
    if "#" in text and _ISSUE_REF.search(text):
        return True
    timebox = _timebox(frozenset(pack.timebox_units))
    return bool(timebox and "(" in text and timebox.search(text))


# the longest line (in words) that may be a repeated caption
MAX_CAPTION_WORDS = 20


def repeated_lines(text: str, blocks: list[Block]) -> set[tuple[int, int]]:
    """The short lines whose text occurs more than once in the document: a
    photo caption repeated under each picture, page chrome. The caller
    drops those with no cue; they are no comment between a run's
    directives."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for block in blocks:
        words = text[block.start:block.end].split()  # once: a long line's words are not joined
        if words and len(words) <= MAX_CAPTION_WORDS:
            seen.setdefault(" ".join(words), []).append((block.start, block.end))
    return {where for spans in seen.values() if len(spans) > 1 for where in spans}
