"""Helpers for the store tests: a stand-in extractor whose output is spelled
out in the document itself, so tests control exactly what gets stored.

A directive line looks like
    ACTION: Ministry of Finance; Police => submit the budget by 2025-03-31 urgently.
(responsible bodies before `=>`, `; `-separated; deadline and urgency optional).
A document containing BOOM makes the stand-in raise, like a broken extractor.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from docket.models.items import Deadline, Directive, Document, Extraction

MEETING = date(2025, 2, 13)
LINE = re.compile(
    r"^ACTION: (?P<who>[^=\n]*)=> (?P<action>.*?)(?: by (?P<due>\d{4}-\d{2}-\d{2}))?"
    r"(?P<urgent> urgently)?\.?$",
    re.M,
)


def fake_extract(document: Document, lang: str = "auto", meeting_date: date | None = None) -> Extraction:
    if "BOOM" in document.text:
        raise RuntimeError("the extractor broke")
    directives = []
    for m in LINE.finditer(document.text):
        who = [w.strip() for w in m["who"].split(";") if w.strip()]
        due = Deadline(f"by {m['due']}", date.fromisoformat(m["due"])) if m["due"] else None
        directives.append(Directive(
            text=m.group(0), start=m.start(), end=m.end(), action=m["action"], responsible=who,
            deadline=due, urgent=bool(m["urgent"]), confidence=0.9,
        ))
    return Extraction(document.source, "en" if lang == "auto" else lang, meeting_date or MEETING, directives)


def document(path: Path, text: str) -> tuple[Document, Extraction]:
    """Write `text` to `path` and return what a reader and extractor would."""
    path.write_text(text, encoding="utf-8")
    doc = Document(text=text, source=str(path), title=None)
    return doc, fake_extract(doc)


class Clock:
    """A clock that ticks one minute per call, from 2025-03-01 09:00 UTC."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


MINUTES = """Minutes of the coordination meeting, 13 February 2025
ACTION: Ministry of Finance => submit the draft budget by 2025-03-31.
ACTION: Provincial Police; Ministry of Finance => review the traffic plan by 2025-02-20 urgently.
ACTION: Department of Health => publish the vaccination schedule.
The meeting reviewed 348 completed tasks.
"""

