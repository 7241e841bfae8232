"""Paths that are not ordinary readable files: named pipes, character
devices and files the user may not read. Each ends in one InputError (one
`Error:` line from the CLI) within seconds; none is read without bound."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import docket.extractor  # noqa: F401 - imported before `unprivileged` forks
from docket.cli import main
from docket.extractor.readers import read_path
from docket.models.errors import InputError
from hostile_support import one_error_line, open_tmp, time_limit, unprivileged  # noqa: F401 - fixture

DEVICES = [Path(p) for p in ("/dev/zero", "/dev/urandom") if Path(p).exists()]


def extract(*args: str):
    return CliRunner().invoke(main, ["extract", *args], catch_exceptions=False)


def outcome(result) -> tuple[int, str]:
    """A CliRunner result as plain values (they cross a process boundary)."""
    return result.exit_code, result.output


@pytest.fixture
def fifo(tmp_path, request) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    path = tmp_path / f"pipe{getattr(request, 'param', '.txt')}"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("fifo", [".txt", ".md", ".vtt", ".srt", ".pdf", ".docx", ""], indirect=True)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(fifo):
    with time_limit(10), pytest.raises(InputError) as error:
        read_path(fifo)
    assert str(error.value) == f"{fifo}: a named pipe (FIFO), not a regular file; docket reads documents from regular files only"


def test_extract_and_ingest_of_a_named_pipe_end_in_one_error(fifo, tmp_path):
    with time_limit(10):
        assert "named pipe" in one_error_line(extract(str(fifo)))
        result = CliRunner().invoke(main, ["--db", str(tmp_path / "d.db"), "ingest", str(fifo)],
                                    catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "named pipe (FIFO)" in result.output


@pytest.mark.skipif(not DEVICES, reason="no /dev/zero or /dev/urandom here")
@pytest.mark.parametrize("device", DEVICES, ids=str)
def test_a_character_device_is_refused_before_it_is_read(device):
    with time_limit(10):
        line = one_error_line(extract(str(device)))
    assert line == f"Error: {device}: a character device, not a regular file; docket reads documents from regular files only"


def test_a_folder_given_as_a_file_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a directory, not a file"):
        read_path(tmp_path)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".vtt", ".docx", ".pdf"])
def test_a_file_without_read_permission_is_one_error(open_tmp, suffix):
    path = open_tmp / f"secret{suffix}"
    path.write_bytes(b"WEBVTT\n" if suffix == ".vtt" else b"Jane must send the draft by Friday.\n")
    path.chmod(0)
    code, output = unprivileged(lambda: outcome(extract(str(path))))
    assert code == 1 and "Traceback" not in output
    assert output == f"Error: {path}: permission denied (docket cannot read this file)\n"


def test_a_file_in_a_folder_the_user_may_not_enter_is_one_error(open_tmp):
    folder = open_tmp / "locked"
    folder.mkdir()
    path = folder / "notes.txt"
    path.write_text("Jane must send the draft by Friday.\n")
    folder.chmod(0)
    code, output = unprivileged(lambda: outcome(extract(str(path))))
    assert code == 1 and output == f"Error: {path}: permission denied (docket cannot read this file)\n"


def test_a_regular_file_still_reads(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Jane must send the draft by Friday.\n")
    assert read_path(path).text == "Jane must send the draft by Friday.\n"
