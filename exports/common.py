"""What every writer shares: the formats, text cleaning, item ordering and
grouping, and the atomic write that puts a finished file in place."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from docket.models.errors import ExportError, ParameterError
from docket.models.items import ActionItem, Status
from docket.models.query import ItemFilter

FORMATS: dict[str, str] = {
    ".docx": "docx",
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".ics": "ics",
}
GROUP_BY = ("body", "document", "deadline", "status")

NO_ONE_NAMED = "no one named"
NO_DEADLINE = "no deadline"
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
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str | None) -> str:
    """Text safe for every format: XML-illegal characters removed and
    composed (NFC) so Vietnamese diacritics render as one glyph each."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", _XML_ILLEGAL.sub("", text))


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def is_rtl(text: str | None) -> bool:
    """True when most strong letters of `text` are Arabic-script (Urdu),
    so an Urdu sentence quoting "NADRA" or "IT" stays right to left."""
    if not text:
        return False
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
    return clean_text(item.document_title or item.document_source) or NO_DOCUMENT


def has_no_deadline(item: ActionItem) -> bool:
    """Neither a date nor a phrase: the directive says nothing about when."""
    return item.deadline is None and not (item.deadline_text or "").strip()


@dataclass
class Group:
    label: str
    items: list[ActionItem] = field(default_factory=list)


def _deadline_bucket(item: ActionItem) -> tuple[tuple, str]:
    if item.deadline is None:
        return (1, 0, 0), NO_DEADLINE.capitalize()
    month = item.deadline
    return (0, month.year, month.month), f"Due in {month:%B %Y}"


def body_names(item: ActionItem) -> list[str]:
    """The bodies an item is grouped under: the store's canonical names
    (aliases merged), as `docket stats` counts them; the names as written
    when the item has none."""
    return [clean_text(name) for name in (item.bodies or item.responsible) if clean_text(name)]


def group_items(items: list[ActionItem], by: str | None) -> list[Group]:
    """Items split into groups in a stable order, each group keeping the
    caller's order (the store's: soonest deadline first). Grouped by body,
    an item addressed to several bodies is listed under each of them, so
    every body sees all of its own actions."""
    if by is None:
        return [Group("", list(items))]
    if by not in GROUP_BY:
        raise ExportError(f"cannot group by '{by}'; use one of: {', '.join(GROUP_BY)}")
    groups: dict[tuple, Group] = {}

    def add(key: tuple, label: str, item: ActionItem) -> None:
        groups.setdefault(key, Group(label)).items.append(item)

    status_rank = {status: rank for rank, status in enumerate(Status)}
    for item in items:
        if by == "body":
            names = body_names(item) or [None]
            for name in names:
                add((name is None, (name or "").casefold()), name or NO_ONE_NAMED.capitalize(), item)
        elif by == "document":
            add((item.meeting_date or date.max, document_label(item)), document_label(item), item)
        elif by == "deadline":
            key, label = _deadline_bucket(item)
            add(key, label, item)
        else:
            status = Status(item.status)
            add((status_rank[status],), status.value.replace("-", " ").capitalize(), item)
    return [groups[key] for key in sorted(groups)]


def meetings_covered(items: list[ActionItem]) -> list[tuple[str, date | None]]:
    """(title, meeting date) of each distinct document, in date order."""
    seen: dict[tuple[str, date | None], None] = {}
    for item in items:
        seen.setdefault((document_label(item), item.meeting_date), None)
    return sorted(seen, key=lambda pair: (pair[1] or date.max, pair[0]))


def check_target(target: str | os.PathLike) -> Path:
    """`target` as a Path, or an ExportError when it cannot be a file."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: folder {target.parent} does not exist")
    return target


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `target`; when the block finishes, move
    it over `target` in one step. On any failure the temporary file is
    removed and an existing `target` is left exactly as it was."""
    target = check_target(target)
    folder = target.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
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


def describe_selection(filters: ItemFilter, document: str | None = None) -> str | None:
    """The filters of an export in words, printed under the title so a
    reader knows what the list leaves out; None when it leaves out nothing
    but vanished items (which no one expects to see)."""
    parts = []
    if filters.statuses is not None:
        parts.append("status " + " or ".join(s.value.replace("-", " ") for s in filters.statuses))
    if filters.overdue:
        parts.append("overdue")
    if filters.due_before:
        parts.append(f"due by {filters.due_before.isoformat()}")
    if filters.due_within is not None:
        parts.append(f"due within {filters.due_within} days of {filters.reference_date().isoformat()}")
    if filters.no_deadline:
        parts.append("no deadline date")
    if filters.urgent:
        parts.append("urgent")
    if filters.body:
        parts.append(f"responsible body matching “{filters.body}”")
    if filters.document_id is not None:
        parts.append(f"document “{document}”" if document else f"document {filters.document_id}")
    if filters.search:
        parts.append(f"containing “{filters.search}”")
    if filters.include_vanished:
        parts.append("including directives gone from the latest version of their document")
    return "; ".join(parts) or None
