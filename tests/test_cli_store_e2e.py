"""End to end: `docket ingest` with the REAL extraction engine on the sample
corpus, then the tracking commands. Marked e2e: they load spaCy and take
seconds, not milliseconds (`pytest -m "not e2e"` leaves them out)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docket.extractor.readers import walk
from docket.models.store import Store

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
NOTES = "app_team_notes.txt"


@pytest.fixture
def corpus(tmp_path, docket) -> Path:
    """A copy of the English corpus in tmp_path, where `docket` runs."""
    shutil.copytree(ROOT / "corpus" / "en", tmp_path / "en")
    return tmp_path / "en"


@pytest.fixture
def listed(docket):
    def items(*args: str) -> list[dict]:
        return json.loads(docket("list", "--format", "json", "--status", "all", *args).output)

    return items


def test_ingest_the_english_corpus_then_again(corpus, docket, listed):
    first = docket("ingest", "en")
    assert first.exit_code == 0, first.output
    documents = sum(supported for _, supported in walk([corpus]))
    assert first.output.splitlines()[-1] == f"{documents} files: {documents} new; 0 skipped, 0 failed"
    items = listed()
    assert len(items) >= documents and len({i["id"] for i in items}) == len(items)
    again = docket("ingest", "en")
    assert again.output.splitlines()[-1] == f"{documents} files: {documents} unchanged; 0 skipped, 0 failed"
    assert len(listed()) == len(items)


def test_a_revised_document_keeps_status_and_corrections(corpus, docket, listed):
    notes = corpus / NOTES
    docket("ingest", str(notes))
    items = {i["text"]: i for i in listed()}
    phones = next(i for t, i in items.items() if "Android test phones by the end of March" in t)
    dashboard = next(i for t, i in items.items() if "crash dashboard" in t)
    changelog = next(i for t, i in items.items() if "changelog" in t)
    docket("status", phones["id"], "in-progress", "--by", "Lan")
    docket("edit", changelog["id"], "--deadline", "2025-04-15")
    text = notes.read_text()
    text = text.replace("by the end of March", "by the end of April").replace("Attendees:", "Note: revised.\nAttendees:")
    notes.write_text("".join(line for line in text.splitlines(True) if "crash dashboard" not in line))
    result = docket("ingest", str(notes))
    assert "version 2" in result.output and "1 vanished" in result.output
    after = {i["id"]: i for i in listed("--vanished")}
    assert after[phones["id"]]["status"] == "in-progress"
    assert after[phones["id"]]["deadline"]["date"] == "2025-04-30"
    assert after[changelog["id"]]["deadline"]["date"] == "2025-04-15"
    assert after[dashboard["id"]]["vanished"] is True
    assert len(after) == len(items)


def test_two_docket_ingest_processes_at_once(corpus, tmp_path, docket):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DOCKET_DB": str(tmp_path / "shared.db")}
    command = [sys.executable, "-m", "docket", "ingest", str(corpus)]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        outputs.append(out)
    documents = sum(supported for _, supported in walk([corpus]))
    news = sum(line.startswith("new: ") for out in outputs for line in out.splitlines())
    assert news == documents
    with Store.open(tmp_path / "shared.db") as shared:
        shared_ids = sorted(i.id for i in shared.items())
    single = docket("--db", str(tmp_path / "single.db"), "ingest", str(corpus))
    assert single.exit_code == 0
    with Store.open(tmp_path / "single.db") as alone:
        assert shared_ids == sorted(i.id for i in alone.items())
