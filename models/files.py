"""What a path that is not a regular file is, in words, for the errors of the
readers (which read only regular files) and the exports (which write only to
regular files)."""
from __future__ import annotations

import stat

_KINDS = [
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what `mode` (an st_mode) says it is."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")
