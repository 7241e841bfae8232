"""The sentence tables in tests/data (one per language, written with the
corpus): single sentences that must be directives, with their party and
deadline, and near misses that must not. A row that fails is listed; the
share that passes must not drop below the recorded floor."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from docket.extractor.evaluate import body_matches

DATA = Path(__file__).parent / "data"
# Recorded when the tables were added; raise them as the rules improve.
FLOORS = {"en": 0.95, "ur": 0.94, "vi": 0.92}


def rows(lang: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"sentences_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def verdict(run, row: dict, lang: str) -> str | None:
    """None when the extractor agrees with the row, else what went wrong."""
    found = run(row["text"], lang, date.fromisoformat(row["meeting_date"])).directives
    if bool(found) != row["directive"]:
        return f"directive={bool(found)}"
    if not found:
        return None
    first = found[0]
    if not body_matches(first.responsible, row["responsible"]):
        return f"responsible={first.responsible}"
    got = first.deadline.date.isoformat() if first.deadline and first.deadline.date else None
    return None if got == row["deadline"] else f"deadline={got}"


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_sentence_table_stays_above_its_floor(run, lang):
    table = rows(lang)
    assert sum(r["directive"] for r in table) >= len(table) // 3, "the table needs both kinds of sentence"
    assert sum(not r["directive"] for r in table) >= len(table) // 3
    wrong = {r["text"]: v for r in table if (v := verdict(run, r, lang))}
    share = 1 - len(wrong) / len(table)
    assert share >= FLOORS[lang], f"{share:.2f} < {FLOORS[lang]}: {wrong}"
