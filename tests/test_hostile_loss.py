"""Nothing lost in silence: a cue with a malformed timing line keeps its
text (with a warning), folders that cannot be read or hold nothing readable
are reported with a non-zero exit, and an unknown document id is an error."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from docket.cli import main
from docket.extractor.readers import read_path, walk
from docket.extractor.readers.transcript import cue_time
from docket.models.errors import InputError
from hostile_support import one_error_line, open_tmp, unprivileged  # noqa: F401 - fixture
from store_support import fake_extract


@pytest.fixture
def docket(tmp_path, monkeypatch):

    monkeypatch.setattr("docket.models.batch.extract_document", fake_extract)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOCKET_DB", raising=False)

    def run(*args: str):
        return CliRunner().invoke(main, ["--db", str(tmp_path / "d.db"), *args], catch_exceptions=False)

    return run


@pytest.mark.parametrize("line, time", [
    ("00:00:01.000 --> 00:00:04.000", "00:00:01.000"),
    ("01:02.5 --> 01:04.000 align:start", "00:01:02.500"),
    ("00:00:01,000 --> 00:00:04,000", "00:00:01.000"),
    ("99:99:99.999 --> 99:99:99.999", None),  # minutes and seconds stop at 59
    ("00:00:01.000 --> 00:00:60.000", None),
    ("00:00:01.000 --> soon", None),
    ("00:00:01 --> 00:00:04", None),
    ("--> 00:00:04.000", None),
])
def test_cue_time(line, time):
    assert cue_time(line) == time


VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Lan>The budget office must send the figures by Friday.

99:99:99.999 --> 99:99:99.999
<v Minh>The Police must close the bridge before the parade.

00:00:09.000 -> 00:00:12.000 --> oops
<v Lan>Thanks everyone.
"""

SRT = """1
00:00:01,000 --> 00:00:04,000
The budget office must send the figures by Friday.

2
00:00:05,000 --> 00:00:0x,000
The Police must close the bridge before the parade.
"""


@pytest.mark.parametrize("name, content, bad_lines", [("talk.vtt", VTT, [6, 9]), ("talk.srt", SRT, [6])])
def test_a_malformed_timing_line_keeps_its_cue_with_a_warning(tmp_path, name, content, bad_lines):
    path = tmp_path / name
    path.write_text(content)
    document = read_path(path)
    assert "The Police must close the bridge before the parade." in document.text
    turns = [b for b in document.blocks if b.kind == "turn"]
    assert turns[0].time == "00:00:01.000" and turns[1].time is None
    assert [int(re.search(r": line (\d+): ", w)[1]) for w in document.warnings] == bad_lines
    assert all(w.startswith(f"{path}: line ") and "the cue's text is kept without a time" in w
               for w in document.warnings)


def test_well_formed_transcripts_have_no_warnings(tmp_path):
    path = tmp_path / "talk.vtt"
    path.write_text(VTT.split("99:99")[0])
    assert read_path(path).warnings == []


def test_extract_prints_the_warning_and_keeps_the_directive(tmp_path):
    path = tmp_path / "talk.srt"
    path.write_text(SRT)
    result = CliRunner().invoke(main, ["extract", str(path), "--show-text"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"Warning: {path}: line 6: '00:00:05,000 --> 00:00:0x,000' is not a valid cue timing" in result.output
    assert "The Police must close the bridge" in result.output


# -- folders ------------------------------------------------------------------


def test_an_empty_folder_is_an_error(docket, tmp_path):
    (tmp_path / "empty").mkdir()
    result = docket("ingest", "empty")
    assert one_error_line(result) == "Error: no documents docket can read in empty"
    assert one_error_line(docket("extract", "empty")) == "Error: empty: no documents docket can read"


def test_a_folder_of_unsupported_files_is_an_error(docket, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8")
    (folder / "b.xlsx").write_bytes(b"PK")
    assert one_error_line(docket("extract", "photos")) == \
        "Error: photos: no documents docket can read (2 files of types it does not read)"
    result = docket("ingest", "photos")
    assert "skipped: photos/a.jpg" in result.output
    assert one_error_line(result) == "Error: no documents docket can read in photos"


def test_a_folder_with_something_readable_still_exits_0(docket, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8")
    (folder / "notes.txt").write_text("ACTION: Police => patrol the market.\n")
    assert docket("ingest", "mixed").exit_code == 0


def test_walk_reports_a_folder_it_cannot_list(open_tmp):
    (open_tmp / "ok.txt").write_text("x")
    locked = open_tmp / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("x")
    locked.chmod(0)

    def both():
        problems: list[InputError] = []
        found = [p.name for p, _ in walk([open_tmp], problems)]
        try:
            walk([open_tmp])
        except InputError as error:
            return found, [str(p) for p in problems], str(error)
        return found, [str(p) for p in problems], None

    found, problems, raised = unprivileged(both)
    assert found == ["ok.txt"]
    assert problems == [f"{locked}: cannot list this folder (Permission denied); its files are not read"]
    assert raised == problems[0]


def test_ingest_names_an_unreadable_subfolder_and_exits_1(open_tmp, monkeypatch):
    import docket.cmd_ingest  # noqa: F401 - loaded before the fork
    import docket.models.store  # noqa: F401

    monkeypatch.setattr("docket.models.batch.extract_document", fake_extract)
    reports = open_tmp / "reports"
    (reports / "locked").mkdir(parents=True)
    (reports / "a.txt").write_text("ACTION: Police => patrol the market.\n")
    (reports / "locked" / "b.txt").write_text("ACTION: Council => fix the road.\n")
    (reports / "locked").chmod(0)

    def ingest():
        result = CliRunner().invoke(main, ["--db", str(open_tmp / "d.db"), "ingest", str(reports)],
                                    catch_exceptions=False)
        return result.exit_code, result.output

    code, output = unprivileged(ingest)
    assert code == 1 and "Traceback" not in output
    assert f"failed: {reports / 'locked'}: cannot list this folder (Permission denied)" in output
    assert "1 files: 1 new; 0 skipped, 1 failed" in output
    assert output.splitlines()[-1] == "Error: 1 of 2 files and folders could not be ingested"


def test_list_of_an_unknown_document_is_an_error(docket, tmp_path):
    (tmp_path / "notes.txt").write_text("ACTION: Police => patrol the market.\n")
    assert docket("ingest", "notes.txt").exit_code == 0
    assert one_error_line(docket("list", "--document", "99999")) == \
        "Error: no document 99999; `docket documents` lists them"
    assert docket("list", "--document", "1").exit_code == 0
