"""How library errors reach the user: the one place that turns a
docket.models.errors class into click's output and exit code.

- ParameterError (a value or combination of options refused before any
  work): a usage error, exit 2, its parameters spelt as the command's
  options (`no_deadline` becomes `--no-deadline`, `name` becomes NAME);
- any other DocketError: one `Error: ...` line, exit 1, with the advice
  only the command line can give (`choose another file with --db`).

Every command is a `DocketCommand`; the group catches what escapes one.
"""
from __future__ import annotations

import sqlite3
from typing import Any

import click

from docket.render import terminal_safe

from docket.models.errors import (
    DocketError,
    ForeignDatabase,
    NoDatabase,
    ParameterError,
    UnknownDocument,
    UnknownItem,
    UnknownBody,
    UnknownMention,
    UnknownUser,
)
from docket.models.faults import database_fault

HINTS: dict[type[DocketError], str] = {
    NoDatabase: "ingest documents first with `docket ingest FILE`",
    ForeignDatabase: "choose another file with --db",
    UnknownItem: "`docket list --status all` shows every id",
    UnknownDocument: "`docket documents` lists them",
    UnknownUser: "`docket user list` shows them",
    UnknownBody: "`docket bodies` lists them",
    UnknownMention: "`docket show ID` lists an item's mentions",
}


def spell(command: click.Command | None, name: str) -> str:
    """How `command` spells the library parameter `name`: its option
    (`--due-before`) or argument (NAME); a flag made from the name otherwise."""
    flag = "--" + name.replace("_", "-")
    for param in command.params if command else []:
        if isinstance(param, click.Option) and (param.name == name or flag in param.opts):
            return next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
        if isinstance(param, click.Argument) and param.name == name:
            return param.human_readable_name
    return flag


def message(error: DocketError, command: click.Command | None = None) -> str:
    """The error's text for a terminal: escape sequences a document carried
    into it are shown, not obeyed."""
    if isinstance(error, ParameterError):
        return terminal_safe(error.render(lambda name: spell(command, name)))
    hint = next((text for kind, text in HINTS.items() if isinstance(error, kind)), None)
    return terminal_safe(f"{error}; {hint}" if hint else str(error))


def translate(error: DocketError, ctx: click.Context) -> click.ClickException:
    if isinstance(error, ParameterError):
        return click.UsageError(message(error, ctx.command), ctx)
    return click.ClickException(message(error, ctx.command))


class DocketCommand(click.Command):
    """A command whose library errors are reported as above."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocketError as error:
            raise translate(error, ctx) from None
        except sqlite3.Error as error:  # the store turns these into StoreErrors; never a traceback
            raise translate(database_fault(error, (ctx.obj or {}).get("db_path", "the database")), ctx) from None


class DocketGroup(click.Group):
    """The `docket` group: a DocketError that escapes a command (one not
    made a DocketCommand) still becomes one line, not a traceback."""

    command_class = DocketCommand

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocketError as error:
            raise translate(error, ctx) from None
        except sqlite3.Error as error:
            raise translate(database_fault(error, (ctx.obj or {}).get("db_path", "the database")), ctx) from None
