"""What the commands share: the ISO date parameter type, option decorators
(--db, --today, --format, --lang, --meeting-date and the filters of `docket
list`), and opening the store. A decorator adds its options to a command in
the way sqlite-utils' cli.py shares `output_options`, so two commands that
take the same option cannot drift apart.

    @click.command("overdue", cls=DocketCommand)
    @db_option
    @list_filter_options()
    @format_option("table", "json")
    @click.pass_context
    def overdue(ctx, filters: ItemFilter, output: str): ...
"""
from __future__ import annotations

import functools
from datetime import date
from typing import Any, Callable

import click

from docket.models.errors import InputError
from docket.models.items import Status
from docket.models.query import ItemFilter
from docket.models.store import Store

DEFAULT_DB = "docket.db"


class IsoDate(click.ParamType):
    """A date typed as YYYY-MM-DD: the one date parser of the command line.
    With `clear_word`, that word (any case) stands for "no date" (None)."""

    name = "date"

    def __init__(self, clear_word: str | None = None):
        self.clear_word = clear_word

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY-MM-DD" + (f"|{self.clear_word}" if self.clear_word else "")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):  # a default: None, a date, or a sentinel of the command's
            return value
        if self.clear_word and value.strip().lower() == self.clear_word:
            return None
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD", param, ctx)


ISO_DATE = IsoDate()


class TypedDate(IsoDate):
    """A deadline as people type it: "2025-06-30", "30/6", "next friday",
    "within 2 weeks", read by the language packs' date grammars and resolved
    by the extractor's resolver (extractor.dates.typed_date) as of --today
    (eager, so read first) or the real today. Unreadable: a usage error."""

    name = "deadline"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "DATE" + (f"|{self.clear_word}" if self.clear_word else "")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        if self.clear_word and value.strip().lower() == self.clear_word:
            return None
        from docket.extractor.dates import typed_date

        today = (ctx.params.get("today") if ctx else None) or date.today()
        found = typed_date(value, today)
        if found is None:
            self.fail(f"{value!r} is not a date docket can read; write it as YYYY-MM-DD, 30/6 or next friday",
                      param, ctx)
        return found


class LanguageChoice(click.Choice):
    """click.Choice of the installed language packs (and "auto", unless
    `auto` is False), listed on first use: starting docket for `list` or
    `--help` does not import the extractor package to find them."""

    def __init__(self, auto: bool = True) -> None:
        self.case_sensitive = True
        self.auto = auto

    @functools.cached_property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        from docket.models.batch import AUTO, languages

        return tuple(code for code in languages() if self.auto or code != AUTO)


# -- the store -------------------------------------------------------------

def _remember_db(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["db_path"] = value


def db_option(command: Callable) -> Callable:
    """--db FILE on a command: the database to use, overriding `docket --db`
    and DOCKET_DB (which the group reads). Read it with `open_store`."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), expose_value=False, callback=_remember_db,
        is_eager=True, help="SQLite database file (default: docket --db, DOCKET_DB or docket.db).",
    )(command)


def group_db_option(group: Callable) -> Callable:
    """--db FILE on the `docket` group, with DOCKET_DB and the default."""
    return click.option(
        "--db", "db_path", envvar="DOCKET_DB", default=DEFAULT_DB, show_default=True,
        type=click.Path(dir_okay=False), expose_value=False, callback=_remember_db, is_eager=True,
        help="SQLite database file (or set DOCKET_DB).",
    )(group)


def db_path(ctx: click.Context) -> str:
    """The database file chosen by --db (command or group) or DOCKET_DB."""
    return (ctx.obj or {}).get("db_path", DEFAULT_DB)


def open_store(ctx: click.Context, create: bool = False) -> Store:
    """The store at `db_path(ctx)`, closed when the command ends. Without
    `create`, a missing file is an error."""
    store = Store.open(db_path(ctx), create=create)
    ctx.call_on_close(store.close)
    return store


# -- options shared by several commands -------------------------------------

def _today(ctx: click.Context, param: click.Parameter, value: date | None) -> date:
    return value or date.today()


def today_option(command: Callable) -> Callable:
    """--today YYYY-MM-DD, passed as `today` (a date; the real today by default)."""
    return click.option(
        "--today", type=ISO_DATE, callback=_today, is_eager=True,  # read before a typed deadline
        help="Count overdue and due-soon from this date instead of the real today.",
    )(command)


def format_option(*choices: str) -> Callable[[Callable], Callable]:
    """--format among `choices` (the first is the default), passed as `output`."""
    machine = " or ".join(c for c in choices if c in ("json", "csv"))
    return click.option("--format", "output", type=click.Choice(choices), default=choices[0], show_default=True,
                        help=f"{choices[0]} for people" + (f", {machine} for programs." if machine else "."))


def lang_option(command: Callable) -> Callable:
    """--lang auto|<pack code>, checked before the command does anything."""
    return click.option("--lang", type=LanguageChoice(), default="auto", show_default=True,
                        help="Language of the documents; auto detects it per document.")(command)


def meeting_date_option(command: Callable) -> Callable:
    """--meeting-date YYYY-MM-DD, passed as `meeting_date` (a date or None)."""
    return click.option("--meeting-date", type=ISO_DATE,
                        help="Date of the meeting, for relative deadlines ('within 30 days'), "
                             "when a document does not say it.")(command)


def body_option(command: Callable) -> Callable:
    return click.option("--body", metavar="TEXT",
                        help="Only items of bodies whose name or alias contains TEXT.")(command)


def document_option(command: Callable) -> Callable:
    return click.option("--document", "document_id", type=int, metavar="ID",
                        help="Only items of one document (see `docket documents`).")(command)


def _statuses(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[Status, ...] | str:
    """--status values (repeatable, comma-separated) as Statuses; "all" for
    every status, "" when none is given. A misspelt one is a usage error."""
    words = [w.strip() for value in values for w in value.split(",") if w.strip()]
    if any(w.lower() == "all" for w in words):
        return "all"
    try:
        return tuple(dict.fromkeys(Status.parse(w) for w in words)) or ""
    except InputError as error:
        raise click.BadParameter(str(error), ctx, param) from None


def _selected(statuses: tuple[Status, ...] | str, default: str) -> tuple[Status, ...] | None:
    """What the store takes (None: every status); `default` when none was given."""
    chosen = statuses or default
    if chosen == "all":
        return None
    return Status.outstanding() if chosen == "outstanding" else chosen


FILTERS = ("statuses", "overdue", "due_before", "due_within", "body", "document_id", "search",
           "urgent", "no_deadline", "include_vanished", "include_review", "today")


def list_filter_options(default_status: str = "outstanding") -> Callable[[Callable], Callable]:
    """The filters of `docket list` and --today. The command receives them
    as one `filters` (an ItemFilter whose `today` is set); without --status,
    `default_status` ("outstanding" or "all") items are selected."""
    outstanding = [status.value for status in Status.outstanding()]
    shown = ", ".join(outstanding[:-1]) + " and " + outstanding[-1] if default_status == "outstanding" else "all"
    statuses = ", ".join(status.value for status in Status)

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def with_filters(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in FILTERS}
            given["statuses"] = _selected(given["statuses"], default_status)
            return command(*args, filters=ItemFilter(**given), **kwargs)

        for option in reversed((
            click.option("--status", "statuses", multiple=True, metavar="STATUS", callback=_statuses,
                         help=f"{statuses}, or all; repeatable. Default: {shown}."),
            click.option("--overdue", is_flag=True, help="Deadline passed and not done or cancelled."),
            click.option("--due-before", type=ISO_DATE, help="Deadline on or before this date."),
            click.option("--due-within", type=click.IntRange(min=0), metavar="DAYS",
                         help="Deadline between today and DAYS days from today."),
            body_option,
            document_option,
            click.option("--search", metavar="TEXT",
                         help="Full-text search of sentence, action, responsible, issuer, deadline."),
            click.option("--urgent", is_flag=True, help="Only items marked urgent."),
            click.option("--no-deadline", is_flag=True, help="Only items without a deadline date."),
            click.option("--vanished", "include_vanished", is_flag=True,
                         help="Also items no longer in the latest version of their document."),
            click.option("--with-review", "include_review", is_flag=True,
                         help="Also items waiting for review (`docket review`)."),
            today_option,
        )):
            with_filters = option(with_filters)
        return with_filters

    return decorate
