"""`docket ingest -j N`: files read and extracted in a process pool, stored
by one writer in the order of a serial run, so what is stored is the same."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from docket.models import batch
from docket.models.batch import find_files, ingest_files
from docket.models.errors import ParameterError, StoreError
from docket.models.query import ItemFilter
from docket.models.store import Store
from store_support import MINUTES, Clock

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [("en", "app_team_notes.txt"), ("en", "harbour-board-2025-02-20.pdf"), ("en", "digital_id_conference.txt"),
          ("ur", "dc_coordination_minutes.txt"), ("vi", "chi_thi_pccc.txt")]


def run(db: Path, folder: Path, jobs: int, **options) -> tuple[list[dict], list[dict], list[dict]]:
    """The outcomes of ingesting `folder` with `jobs`, then every document
    and every item stored (review and vanished ones included)."""
    with Store.open(db, clock=Clock()) as store:
        outcomes = [{"path": str(o.path), "status": o.status, "error": o.error, "warnings": o.warnings,
                     **({"result": asdict(o.result)} if o.result else {})}
                    for o in ingest_files(store, find_files([folder]), jobs=jobs, **options)]
        documents = [asdict(d) for d in store.documents()]
        items = [asdict(i) for i in store.items(ItemFilter(include_vanished=True, include_review=True))]
    return outcomes, documents, items


@pytest.mark.e2e
def test_two_jobs_store_exactly_what_one_job_stores(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for lang, name in CORPUS:
        shutil.copy(ROOT / "corpus" / lang / name, folder / f"{lang}-{name}")
    shutil.copy(folder / "en-app_team_notes.txt", folder / "z-copy.txt")  # a duplicate of an earlier file
    (folder / "README.md").write_text("About this folder.\n")  # skipped, in its place
    (folder / "empty.txt").write_text("")  # fails, in its place

    first = {jobs: run(tmp_path / f"j{jobs}.db", folder, jobs) for jobs in (1, 2)}
    assert first[2] == first[1]
    statuses = [o["status"] for o in first[1][0]]
    assert statuses.count("new") == len(CORPUS) and {"duplicate", "skipped", "failed"} <= set(statuses)
    assert len(first[1][2]) > 20

    # a second run: one file revised, one new, the rest unchanged
    notes = folder / "en-digital_id_conference.txt"
    lines = notes.read_text(encoding="utf-8").splitlines()
    notes.write_text("\n".join(lines[: len(lines) * 2 // 3]) + "\n", encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "vi" / "tb_ket_luan_giai_ngan_von.txt", folder / "vi-new.txt")
    again = {jobs: run(tmp_path / f"j{jobs}.db", folder, jobs) for jobs in (1, 2)}
    assert again[2] == again[1]
    statuses = [o["status"] for o in again[1][0]]
    assert {"revised", "unchanged", "new"} <= set(statuses)
    assert again[1][1] != first[1][1]  # the revision shows in the documents


def test_in_a_pool_a_failing_file_is_reported_and_the_rest_stored(docket, tmp_path, stand_in_extractor):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MINUTES)
    (tmp_path / "in" / "b.txt").write_text("ACTION: Police => patrol.\nBOOM\n")  # the extractor raises
    (tmp_path / "in" / "c.txt").write_bytes(b"\xff\xfe\x00")  # no text
    (tmp_path / "in" / "d.txt").write_text("ACTION: Police => patrol the market.\n")
    result = docket("ingest", "-j", "2", "in")
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert "failed: in/b.txt: RuntimeError: the extractor broke" in out
    assert any(line.startswith("failed: in/c.txt") for line in out)
    assert out[0] == "new: in/a.txt (document 1, version 1): 3 added, 0 kept, 0 vanished"
    assert "new: in/d.txt (document 2, version 1): 1 added, 0 kept, 0 vanished" in out
    assert "4 files: 2 new; 0 skipped, 2 failed" in out
    assert len(json.loads(docket("list", "--format", "json").output)) == 4


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_below_one_is_a_usage_error(docket, tmp_path, jobs):
    (tmp_path / "a.txt").write_text(MINUTES)
    result = docket("ingest", "-j", jobs, "a.txt")
    assert result.exit_code == 2
    assert "--jobs" in result.output
    assert not (tmp_path / "docket.db").exists()


def test_the_library_refuses_jobs_below_one(memory_store):
    with pytest.raises(ParameterError, match="jobs"):
        ingest_files(memory_store, [], jobs=0)


class NoPool:
    def __init__(self, *args, **kwargs):
        raise AssertionError("a pool was started")


@pytest.mark.parametrize("args", [("-j", "1", "in"), ("-j", "2", "in/a.txt"), ("-j", "2", "one")])
def test_one_job_or_one_file_to_read_starts_no_pool(docket, tmp_path, stand_in_extractor, monkeypatch, args):
    monkeypatch.setattr(batch, "ProcessPoolExecutor", NoPool)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MINUTES)
    (tmp_path / "in" / "b.txt").write_text("ACTION: Police => patrol the market.\n")
    (tmp_path / "one").mkdir()  # one file to read, one docket does not read, one the folder's notes
    (tmp_path / "one" / "a.txt").write_text(MINUTES)
    (tmp_path / "one" / "x.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "one" / "README.txt").write_text("About this folder.\n")
    result = docket("ingest", *args)
    assert result.exit_code == 0
    assert f"new: {args[-1].split('/')[0]}/a.txt (document 1, version 1): 3 added, 0 kept, 0 vanished" in result.output


def test_two_files_to_read_do_start_a_pool(docket, tmp_path, stand_in_extractor, monkeypatch):
    monkeypatch.setattr(batch, "ProcessPoolExecutor", NoPool)  # the check above can fail
    (tmp_path / "a.txt").write_text(MINUTES)
    (tmp_path / "b.txt").write_text("ACTION: Police => patrol the market.\n")
    with pytest.raises(AssertionError, match="a pool was started"):
        docket("ingest", "-j", "2", "a.txt", "b.txt")


def test_a_store_error_in_the_parent_stops_a_pooled_run(tmp_path, store, stand_in_extractor, monkeypatch):
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"ACTION: Police => patrol street {name}.\n")
    real = Store.ingest
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(args[0].source)
        if len(calls) == 2:
            raise StoreError("the disk is full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "ingest", failing)
    outcomes = ingest_files(store, find_files([tmp_path / f"{n}.txt" for n in "abc"]), jobs=2)
    assert next(outcomes).status == "new"
    with pytest.raises(StoreError, match="disk is full"):
        next(outcomes)
    assert len(calls) == 2 and [d.id for d in store.documents()] == [1]


def test_the_workers_module_does_not_import_the_store():
    code = ("import sys, docket.models.workers; "
            "print(sorted(m for m in sys.modules if m in ('docket.models.store', 'sqlite_utils', 'sqlite3')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_a_worker_that_dies_fails_its_file_and_those_after_it(tmp_path, store, monkeypatch):
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"ACTION: Police => patrol street {name}.\n")
    monkeypatch.setattr(batch, "extract_document", die_on_b)
    outcomes = list(ingest_files(store, find_files([tmp_path]), jobs=2))
    assert outcomes[1].status == "failed" and "BrokenProcessPool" in outcomes[1].error
    assert outcomes[1].error.startswith(str(tmp_path / "b.txt"))
    assert {outcomes[0].status, outcomes[2].status} <= {"new", "failed"}  # done before the pool broke, or not
    assert len(store.documents()) == 3 - [o.status for o in outcomes].count("failed")


def die_on_b(document, lang, meeting_date):
    """An extractor that kills its worker process on b.txt (a crash in native code, say)."""
    from store_support import fake_extract

    if "street b" in document.text:
        os._exit(3)
    return fake_extract(document, lang, meeting_date)


def refuse(document, lang, meeting_date):
    """An extractor that must not be called."""
    raise RuntimeError(f"{document.source} was extracted again")


def test_files_stored_before_a_pooled_run_are_not_extracted_again(tmp_path, store, stand_in_extractor, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.txt").write_text(f"ACTION: Police => patrol street {name}.\n")
    assert [o.status for o in ingest_files(store, find_files([folder]))] == ["new"] * 3
    (folder / "c.txt").write_text("ACTION: Police => patrol street c and d.\n")
    (folder / "d.txt").write_text("ACTION: Police => patrol street a.\n")  # a's content at a new path
    monkeypatch.setattr(batch, "extract_document", refuse)
    outcomes = list(ingest_files(store, find_files([folder]), jobs=2))
    assert [o.status for o in outcomes] == ["unchanged", "unchanged", "failed", "duplicate"]
    assert "c.txt was extracted again" in outcomes[2].error
