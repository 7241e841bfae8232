"""Rule tables: one row per sentence (or short passage) that a rule must get
right, written in our own words, with the near misses it must not catch.
Unlike the sentence tables with their floors (test_extract_tables.py), every
row here must pass: a row is added with the rule it tests.

tests/data/rules/<lang>_<area>.jsonl, one JSON object a line:
  text         the passage (newlines allowed)
  directive    true when the first directive found must be this one, false when none may be found
  responsible  accepted party (token F1 >= 0.5, as the scorer; [] for none); optional
  deadline     the ISO date, or null; optional
  meeting_date the meeting's date, ISO
  count        how many directives the passage holds; optional
  action       the action must start with this; optional
  format       read the passage as this kind of file (md, vtt, srt; default txt)
  why          the rule the row tests
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from docket.extractor.evaluate import body_matches
from docket.extractor.pipeline import get_extractor
from docket.extractor.readers import read_path

RULES = Path(__file__).parent / "data" / "rules"


def _rows():
    for path in sorted(RULES.glob("*.jsonl")):
        lang = path.stem.split("_")[0]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield pytest.param(lang, json.loads(line), id=f"{path.stem}:{number}")


def _extract(row: dict, lang: str, tmp_path: Path):
    source = tmp_path / f"passage.{row.get('format', 'txt')}"
    source.write_text(row["text"], encoding="utf-8")
    meeting = date.fromisoformat(row["meeting_date"]) if row.get("meeting_date") else None
    return get_extractor(lang).extract(read_path(source), meeting).directives


@pytest.mark.parametrize("lang, row", list(_rows()))
def test_rule_row(lang, row, tmp_path):
    found = _extract(row, lang, tmp_path)
    texts = [d.text for d in found]
    if not row["directive"]:
        assert not found, f"{row['why']}: found {texts}"
        return
    assert found, f"{row['why']}: nothing found"
    if "count" in row:
        assert len(found) == row["count"], f"{row['why']}: {texts}"
    first = found[0]
    if "responsible" in row:
        assert body_matches(first.responsible, row["responsible"]), f"{row['why']}: party {first.responsible}"
    if "deadline" in row:
        got = first.deadline.date.isoformat() if first.deadline and first.deadline.date else None
        assert got == row["deadline"], f"{row['why']}: deadline {got}"
    if "action" in row:
        assert first.action.startswith(row["action"]), f"{row['why']}: action {first.action!r}"
