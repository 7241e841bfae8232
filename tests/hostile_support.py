"""Helpers for the tests that recreate hostile input and machine faults:
running a piece of a test as a user who is not root (file permissions mean
nothing to root), a folder such a user can reach, and a time limit that makes
a hang fail the test instead of stalling the suite."""
from __future__ import annotations

import os
import pickle
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

NOBODY = 65534  # the conventional unprivileged uid and gid


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def unprivileged(function: Callable[[], Any]) -> Any:
    """`function()` run as a user without root's powers, its result returned.
    Not root: runs here. Root: runs in a forked child that drops to uid and
    gid 65534 first (modules the function needs must be imported before);
    skips the test when the child cannot drop privileges."""
    if not is_root():
        return function()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            try:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            except OSError as error:
                payload = ("skip", f"cannot drop root privileges: {error}")
            else:
                try:
                    payload = ("ok", function())
                except BaseException as error:  # noqa: BLE001 - reported to the parent
                    payload = ("raised", f"{type(error).__name__}: {error}")
            with os.fdopen(write, "wb") as out:
                pickle.dump(payload, out)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as incoming:
        data = incoming.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    if kind == "skip":
        pytest.skip(value)
    if kind == "raised":
        pytest.fail(f"unprivileged run raised {value}")
    return value


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder every user can reach (tmp_path's parents are
    private to the user running pytest), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="docket-hostile-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o777)
        shutil.rmtree(folder, ignore_errors=True)


def give_to_nobody(*paths: Path) -> None:
    """Make `paths` belong to the unprivileged user `unprivileged` runs as."""
    if is_root():
        for path in paths:
            os.chown(path, NOBODY, NOBODY)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, when the block takes longer than `seconds`
    (a blocking open or read is interrupted by the alarm)."""

    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def one_error_line(result) -> str:
    """The single `Error: ...` line a failed CliRunner run printed, checking
    the run ended the way docket promises: exit 1, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.output
    return errors[0]
