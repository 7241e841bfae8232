"""SQLite's errors as `StoreError`s a user can act on.

sqlite3 raises DatabaseError (and its subclass OperationalError) for faults
of the file or the machine: damaged pages, a file that is not a database, a
read-only file or folder, a full disk, a file that cannot be opened. Each
becomes one message that names the database and says what to do; the
transaction in progress is rolled back by the caller, so nothing stored is
half-written."""
from __future__ import annotations

import functools
import sqlite3
from typing import Any, Callable, TypeVar

from docket.models.errors import ForeignDatabase, StoreError

# (words in SQLite's message, what docket says after the path)
_FAULTS = [
    (("malformed", "corrupt"),
     "is damaged ({error}); restore it from a backup, or try `sqlite3 FILE .recover` to save what is left"),
    (("file is not a database",), "is not a docket database ({error})"),
    (("readonly", "read-only"),
     "is read-only: docket cannot record changes in it (check the permissions of the file and its folder)"),
    (("disk is full", "database or disk is full"), "cannot be written: the disk is full; nothing was changed"),
    (("unable to open",),
     "cannot be opened ({error}); check the permissions of the file and its folder"),
    (("disk i/o error",), "cannot be read or written: the disk reported an I/O error ({error})"),
    (("locked", "busy"), "is busy: another docket has been writing to it too long; try again"),
]


def database_fault(error: sqlite3.Error, path: str) -> StoreError:
    """The StoreError for an sqlite3 error on the database at `path`."""
    text = str(error)
    lowered = text.lower()
    for needles, message in _FAULTS:
        if any(needle in lowered for needle in needles):
            kind = ForeignDatabase if "not a database" in needles[0] else StoreError
            return kind(f"{path} {message.format(error=text)}")
    return StoreError(f"{path}: database error: {text}")


F = TypeVar("F", bound=Callable[..., Any])


def as_store_errors(method: F) -> F:
    """Wrap a Store method: an sqlite3 error inside becomes `database_fault`."""

    @functools.wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise database_fault(error, self.path) from None

    return wrapper  # type: ignore[return-value]
