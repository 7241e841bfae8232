"""Every error docket reports to a user, in one module that knows no
command-line flag.

Messages are written for people but name no `--option`: an error about a
value the caller passed names the library's own parameter as data, and the
CLI (docket/cli.py) says which option that is. Advice that only makes sense
on the command line ("choose another file with --db") is the CLI's too: it
keys on the error's class.
"""
from __future__ import annotations

import re
from typing import Callable

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class DocketError(Exception):
    """Base of every error docket reports to a user (the CLI exits 1)."""


class InputError(DocketError):
    """What docket was given cannot be used: a file that cannot be read as a
    document, an id that is not one, a status docket does not know."""


class ParameterError(InputError):
    """A value or a combination of values passed to a library function is
    refused before any work is done (the CLI reports it as a usage error,
    exit 2, naming the options).

    `message` refers to the parameters it is about as `{name}`, with the
    names listed in `params`; `str()` spells them plainly, `render(spell)`
    as `spell(name)`:

        ParameterError("{no_deadline} cannot be combined with {overdue}",
                       "no_deadline", "overdue")
    """

    def __init__(self, message: str, *params: str):
        self.template = message
        self.params = params
        super().__init__(self.render())

    def render(self, spell: Callable[[str], str] = str) -> str:
        def name(match: re.Match) -> str:
            return spell(match[1]) if match[1] in self.params else match[0]

        return _PLACEHOLDER.sub(name, self.template)


class StoreError(DocketError):
    """The database cannot be opened or does not hold what was asked for."""


class NoDatabase(StoreError):
    """The database file does not exist (and was not to be created)."""


class ForeignDatabase(StoreError):
    """The file is not a docket database: not SQLite, or another application's."""


class UnknownItem(StoreError):
    """No item has the id (or id prefix) asked for."""


class UnknownDocument(StoreError):
    """No document has the id asked for."""


class UnknownMention(StoreError):
    """The item has no mention with the number asked for (models/mentions.py)."""


class UnknownUser(StoreError):
    """No user of the web page (`docket serve`) has the name asked for."""


class ExportError(DocketError):
    """An export cannot be written."""


class PackError(DocketError):
    """A language pack is missing or malformed."""


class UnknownBody(StoreError):
    """No body has the name asked for."""


class NothingToUndo(StoreError):
    """`undo` found no change to revert."""


class UndoConflict(StoreError):
    """The change to undo was overtaken by a later one on the same item."""
