"""Export targets that are not ordinary files: device nodes, FIFOs, symbolic
links, and the temporary files an interrupted export leaves behind."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from export_samples import TODAY, make_item
from docket.exports import ExportOptions, export
from docket.exports.common import check_target, remove_stale_temporaries
from docket.models.errors import ExportError

DEVICE = Path("/dev/null")


def write(target: Path) -> None:
    export([make_item(1)], target, ExportOptions(TODAY))


def dead_pid() -> int:
    """The pid of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_target_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "actions.csv"
    os.mkfifo(target)
    with pytest.raises(ExportError) as error:
        write(target)
    assert str(error.value) == (f"cannot write {target}: it is a named pipe (FIFO); "
                                "docket writes exports to regular files only")
    assert stat.S_ISFIFO(target.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["actions.csv"]


@pytest.mark.skipif(not DEVICE.exists(), reason="no /dev/null")
def test_a_device_target_is_refused_before_anything_is_written():
    with pytest.raises(ExportError, match=r"^cannot write /dev/null: it is a character device; docket writes"):
        check_target(DEVICE)


@pytest.mark.skipif(not DEVICE.exists(), reason="no /dev/null")
def test_a_link_to_a_device_is_refused_and_stays_a_link(tmp_path):
    link = tmp_path / "actions.json"
    link.symlink_to(DEVICE)
    with pytest.raises(ExportError, match="it is a character device"):
        write(link)
    assert link.is_symlink() and os.readlink(link) == str(DEVICE)
    assert stat.S_ISCHR(DEVICE.stat().st_mode)


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "shared" / "actions.json"
    real.parent.mkdir()
    real.write_text("stale")
    link = tmp_path / "actions.json"
    link.symlink_to(real)
    write(link)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text().startswith("{") and "stale" not in real.read_text()
    assert sorted(p.name for p in real.parent.iterdir()) == ["actions.json"]  # no temporary left


def test_a_link_to_nothing_is_refused(tmp_path):
    link = tmp_path / "actions.json"
    link.symlink_to(tmp_path / "missing" / "elsewhere.json")
    with pytest.raises(ExportError, match=r"it is a symbolic link to .*elsewhere.json, which does not exist"):
        write(link)
    assert not (tmp_path / "missing").exists()


def test_temporaries_of_a_killed_export_are_removed_by_the_next_one(tmp_path):
    target = tmp_path / "actions.csv"
    stale = tmp_path / f".actions.csv.{dead_pid()}.k2j4x9q1.tmp"
    alive = tmp_path / f".actions.csv.{os.getppid()}.a1b2c3d4.tmp"  # an export still running
    other = tmp_path / f".minutes.csv.{dead_pid()}.a1b2c3d4.tmp"  # another target's
    unrelated = tmp_path / ".actions.csv.notes.tmp"
    for path in (stale, alive, other, unrelated):
        path.write_text("half a file")
    write(target)
    assert not stale.exists()
    assert alive.exists() and other.exists() and unrelated.exists()
    assert target.read_text(encoding="utf-8-sig").startswith("id,")


def test_nothing_is_removed_from_a_folder_without_temporaries(tmp_path):
    (tmp_path / "actions.csv").write_text("kept")
    assert remove_stale_temporaries(tmp_path / "actions.csv") == []
    assert (tmp_path / "actions.csv").read_text() == "kept"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_export_command_to_a_fifo_is_one_error_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from docket.cli import main
    from hostile_support import one_error_line

    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "out.csv")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "d.db"), "export", "out.csv"], catch_exceptions=False)
    assert one_error_line(result) == "Error: cannot write out.csv: it is a named pipe (FIFO); docket writes exports to regular files only"
