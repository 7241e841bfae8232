"""What every writer shares: the formats, text cleaning, item ordering and
grouping, and the atomic write that puts a finished file in place."""
from __future__ import annotations

import glob
import json
import os
import re
import stat
import tempfile
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Mapping

from docket.exports.language import Labels, load_labels
from docket.models.errors import ExportError, ParameterError
from docket.models.files import kind_of
from docket.models.items import ActionItem, Status
from docket.models.query import ItemFilter
from docket.models.records import HistoryEntry

FORMATS: dict[str, str] = {
    ".docx": "docx",
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".ics": "ics",
}
GROUP_BY = ("body", "document", "deadline", "status")
# Choices of the Word and iCalendar writers, here so the command line can
# offer them without importing python-docx and icalendar to start.
LAYOUTS = ("compact", "sections")  # Word action list: one table, or a heading and table per group
ENTRY_KINDS = ("todo", "event")  # iCalendar: VTODO or VEVENT

NO_DOCUMENT = "(unknown document)"


def resolve_format(path: str | os.PathLike, explicit: str | None = None) -> str:
    """The format to write: `explicit` when given, else the file's extension."""
    names = sorted(set(FORMATS.values()))
    if explicit:
        fmt = explicit.lower().lstrip(".")
        if fmt not in names:
            raise ParameterError(f"unknown export format '{explicit}'; use one of: {', '.join(names)}", "format")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise ParameterError(
            f"cannot tell the export format of {Path(path).name} ({shown}); "
            f"name the file .{', .'.join(names)} or pass {{format}}", "format",
        )
    return FORMATS[suffix]


# Characters XML 1.0 forbids (python-docx and lxml refuse them), plus the
# Unicode non-characters U+FFFE/U+FFFF; tab, newline and carriage return stay.
# Also DEL, the C1 controls and the bidirectional embedding, override and
# isolate controls (U+202A-U+202E, U+2066-U+2069), which display text in an
# order other than its own: the readers turn them into spaces, and text
# stored before they did must not carry them into a file either.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff\ufffe\uffff]")


# What a terminal or viewer acts on rather than shows: the control
# characters but tab and line feed (ESC starts escape sequences; a carriage
# return lets text overwrite its line), DEL, C1, and the bidirectional
# embedding, override and isolate controls.
DISPLAY_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_json(data, **options) -> str:
    """json.dumps(data, ensure_ascii=False, **options) with the characters
    it leaves raw (DEL, C1, bidi controls; it escapes C0 itself) written as
    \\u escapes: the same JSON value, safe to print or view. They can only
    stand inside JSON strings, so the substitution cannot touch the syntax."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return DISPLAY_UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def clean_text(text: str | None) -> str:
    """Text safe for every format: XML-illegal and display-reordering
    characters removed and composed (NFC) so Vietnamese diacritics render
    as one glyph each."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", _XML_ILLEGAL.sub("", text))


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def is_rtl(text: str | None) -> bool:
    """True when most strong letters of `text` are Arabic-script (Urdu),
    so an Urdu sentence quoting "NADRA" or "IT" stays right to left."""
    if not text or not _ARABIC_SCRIPT.search(text):  # no Arabic letter: cannot be most of them
        return False
    return _mostly_arabic(text)


@lru_cache(maxsize=16384)
def _mostly_arabic(text: str) -> bool:
    # the same names, labels and dates recur in every row of an Urdu list
    rtl = ltr = 0
    for char in text:
        if _ARABIC_SCRIPT.match(char):
            rtl += 1
        elif unicodedata.bidirectional(char) == "L":
            ltr += 1
    return rtl > ltr


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def responsible_label(item: ActionItem) -> str:
    return "; ".join(clean_text(name) for name in item.responsible) if item.responsible else ""


def document_label(item: ActionItem) -> str:
    """The document's title when it reads as one, else its file name (see
    `looks_like_a_title`)."""
    return _document_label(item.document_title, item.document_source)


def _document_label(document_title: str | None, document_source: str) -> str:
    title = " ".join(clean_text(document_title).split())
    if title and looks_like_a_title(title):
        return title
    return Path(clean_text(document_source)).name or title or NO_DOCUMENT


def also_raised(item: ActionItem) -> list[tuple[str, date | None]]:
    """(document, meeting date) of the other documents that raised the item
    again (carried forward, another format of the minutes), oldest first:
    the "also raised" of the exports' remarks."""
    found: dict[tuple[str, date | None], None] = {}
    for mention in item.mentions:
        if not mention.vanished and mention.document_id != item.document_id:
            found[(_document_label(mention.document_title, mention.document_source), mention.meeting_date)] = None
    return list(found)


# What a title is not, in any language: a line set out in columns (a
# letterhead beside the national motto), a sentence (a transcript's first
# caption), a dateline ("Thursday, 09/01/2025 17:45 (GMT+7)"), or a short
# name in capitals or "name, place" (the issuing office's letterhead).
_LAYOUT_GAP = re.compile(r"\S(?: {3,}|\t)\S")
_SENTENCE_END = re.compile(r"[.!?\u06d4\u061f]$")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{1,2}:\d{2}")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_COMMA = re.compile("[,\u060c]")
LETTERHEAD_WORDS = 8
DATELINE_WORDS = 3


def looks_like_a_title(text: str) -> bool:
    """False for a stored "title" that is the first line of a document but
    no title of a meeting; judged on layout, punctuation, digits and case
    only, so it holds for every language."""
    words = text.split()
    if not words or _LAYOUT_GAP.search(text) or _SENTENCE_END.search(text):
        return False
    if _NUMERIC_DATE.search(text) and len(_LETTER_WORD.findall(_NUMERIC_DATE.sub(" ", text))) <= DATELINE_WORDS:
        return False
    cased = [char for char in text if char.isupper() or char.islower()]
    if cased and not any(char.islower() for char in cased) and len(words) <= LETTERHEAD_WORDS:
        return False
    parts = _COMMA.split(text)
    if len(parts) > 1 and ":" not in text and all(len(part.split()) <= 4 for part in parts):
        return False
    return True


def item_notes(item: ActionItem, notes: Mapping[str, list[HistoryEntry]] | None) -> list[tuple[date, str]]:
    """(day, text) of the notes people left on the item's changes (`docket
    status --note`, `docket edit --note`), oldest first."""
    entries = (notes or {}).get(item.id, [])
    return [(date.fromisoformat(e.changed_at[:10]), " ".join(clean_text(e.note).split()))
            for e in entries if e.note and e.note.strip()]


def has_no_deadline(item: ActionItem) -> bool:
    """Neither a date nor a phrase: the directive says nothing about when."""
    return item.deadline is None and not (item.deadline_text or "").strip()


@dataclass
class Group:
    label: str
    items: list[ActionItem] = field(default_factory=list)
    unnamed: bool = False  # the items with no one named, listed last


def _deadline_bucket(item: ActionItem, labels: Labels) -> tuple[tuple, str]:
    if item.deadline is None:
        return (1, 0, 0), labels.text("groups.no_deadline")
    month = item.deadline
    return (0, month.year, month.month), labels.text("groups.due_in", month=labels.month(month))


def body_names(item: ActionItem) -> list[str]:
    """The bodies an item is grouped under: the store's canonical names
    (aliases merged), as `docket stats` counts them; the names as written
    when the item has none."""
    return [clean_text(name) for name in (item.bodies or item.responsible) if clean_text(name)]


def group_items(items: list[ActionItem], by: str | None, labels: Labels | None = None) -> list[Group]:
    """Items split into groups in a stable order, each group keeping the
    caller's order (the store's: soonest deadline first). Grouped by body,
    an item addressed to several bodies is listed under each of them, so
    every body sees all of its own actions. Group labels are in the
    language of `labels` (default English)."""
    if by is None:
        return [Group("", list(items))]
    if by not in GROUP_BY:
        raise ExportError(f"cannot group by '{by}'; use one of: {', '.join(GROUP_BY)}")
    labels = labels or load_labels()
    groups: dict[tuple, Group] = {}

    def add(key: tuple, label: str, item: ActionItem, unnamed: bool = False) -> None:
        groups.setdefault(key, Group(label, unnamed=unnamed)).items.append(item)

    status_rank = {status: rank for rank, status in enumerate(Status)}
    for item in items:
        if by == "body":
            names = body_names(item) or [None]
            for name in names:
                add((name is None, (name or "").casefold()), name or labels.text("groups.no_one_named"), item,
                    unnamed=name is None)
        elif by == "document":
            add((item.meeting_date or date.max, item.document_id), document_label(item), item)
        elif by == "deadline":
            key, label = _deadline_bucket(item, labels)
            add(key, label, item)
        else:
            status = Status(item.status)
            add((status_rank[status],), labels.status(status), item)
    return [groups[key] for key in sorted(groups)]


def gather_single_groups(groups: list[Group], label: str) -> list[Group]:
    """Named groups of one item each gathered into one group, `label`, after
    the other named ones (the unnamed group stays last): 180 bodies named
    once make 180 one-row groups, which is most of the length of a list
    grouped by body. An item under two such bodies is listed there once."""
    single = [group for group in groups if len(group.items) == 1 and not group.unnamed]
    if len(single) < 2:
        return groups
    seen: dict[str, ActionItem] = {}
    for group in single:
        seen.setdefault(group.items[0].id, group.items[0])
    kept = [group for group in groups if group not in single and not group.unnamed]
    unnamed = [group for group in groups if group.unnamed]
    return kept + [Group(label, list(seen.values()))] + unnamed


@dataclass(frozen=True)
class Meeting:
    document_id: int
    title: str
    day: date | None


def meetings_covered(items: list[ActionItem]) -> list[Meeting]:
    """Each distinct document, in date order, with its title (see
    `document_label`); two of the same title and date are told apart by
    their file names."""
    seen: dict[int, ActionItem] = {}
    for item in items:
        seen.setdefault(item.document_id, item)
    meetings = [Meeting(i.document_id, document_label(i), i.meeting_date) for i in seen.values()]
    twins = Counter((m.title, m.day) for m in meetings)
    meetings = [
        Meeting(m.document_id, f"{m.title} ({Path(clean_text(seen[m.document_id].document_source)).name})", m.day)
        if twins[m.title, m.day] > 1 and m.title != Path(seen[m.document_id].document_source).name else m
        for m in meetings
    ]
    return sorted(meetings, key=lambda m: (m.day or date.max, m.title, m.document_id))


def check_target(target: str | os.PathLike) -> Path:
    """The regular file to write for `target`, or an ExportError when it
    cannot be one.

    The export replaces the file (a new file moved over it), so only a
    regular file or nothing may be there: a device node, a FIFO or a socket
    would be replaced by a file, not written to, and is refused. A symbolic
    link is written through on purpose: the file it points to is replaced
    and the link kept, as an editor saving through the link would. A link
    to nothing is refused rather than create a file wherever it points."""
    target = Path(target)
    written = target
    if target.is_symlink():
        written = Path(os.path.realpath(target))
        if not written.exists():
            raise ExportError(f"cannot write {target}: it is a symbolic link to {written}, which does not exist")
    try:
        mode = written.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    what = kind_of(mode) if mode is not None else None
    if what is not None:
        if what == "a folder":
            raise ExportError(f"cannot write {target}: it is a folder")
        raise ExportError(f"cannot write {target}: it is {what}; docket writes exports to regular files only")
    if not written.parent.is_dir():
        raise ExportError(f"cannot write {target}: folder {written.parent} does not exist")
    return written


# An export in progress writes ".NAME.PID.XXXXXXXX.tmp" beside NAME; the PID
# says whether the process that wrote it is still alive.
_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[a-z0-9_]{8}\.tmp")


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files that exports of `target` killed half way
    (kill -9, power cut) left beside it: those whose process is gone.
    Returns what was removed."""
    removed = []
    try:
        candidates = list(target.parent.glob(f".{glob.escape(target.name)}.*.tmp"))
    except OSError:
        return removed
    for path in candidates:
        match = _TEMP.fullmatch(path.name)
        if not match or match["name"] != target.name or _process_alive(int(match["pid"])):
            continue
        try:
            if stat.S_ISREG(path.lstat().st_mode):
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # not ours to remove, or gone already
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # exists (another user's), or not a pid: leave it
    return True


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `target` (beside the file a symbolic
    link points to); when the block finishes, move it over that file in one
    step. On any failure the temporary file is removed and an existing file
    is left exactly as it was. Temporaries an interrupted export left are
    removed first."""
    target = check_target(target)
    folder = target.parent
    remove_stale_temporaries(target)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        _copy_mode(target, temp)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _copy_mode(target: Path, temp: Path) -> None:
    """mkstemp makes 0600 files; give the result the mode a plain open()
    would, or the replaced file's mode."""
    if target.exists():
        mode = target.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def write_atomically(target: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """Run `write(temp_path)` and move the finished file onto `target`."""
    with atomic_path(target) as temp:
        write(temp)


def describe_selection(filters: ItemFilter, document: str | None = None,
                       labels: Labels | None = None) -> str | None:
    """The filters of an export in words (the list's language), printed
    under the title so a reader knows what the list leaves out; None when it
    leaves out nothing but vanished items (which no one expects to see)."""
    labels = labels or load_labels()
    say, day = labels.text, labels.date
    parts = []
    if filters.statuses is not None:
        statuses = labels.text("selection.or").join(labels.status(s).lower() for s in filters.statuses)
        parts.append(say("selection.status", statuses=statuses))
    if filters.overdue:
        parts.append(say("selection.overdue"))
    if filters.due_before:
        parts.append(say("selection.due_by", date=day(filters.due_before)))
    if filters.due_within is not None:
        parts.append(say("selection.due_within", days=filters.due_within, date=day(filters.reference_date())))
    if filters.no_deadline:
        parts.append(say("selection.no_deadline"))
    if filters.urgent:
        parts.append(say("selection.urgent"))
    if filters.body:
        parts.append(say("selection.body", body=filters.body))
    if filters.document_id is not None:
        parts.append(say("selection.document", document=document or filters.document_id))
    if filters.search:
        parts.append(say("selection.search", text=filters.search))
    if filters.include_vanished:
        parts.append(say("selection.vanished"))
    return say("selection.separator").join(parts) or None
