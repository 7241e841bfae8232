"""The `docket` command. The only module that knows click, with its siblings
`cmd_*.py`: each registers its commands on `main`. Library errors become one
`Error: ...` line and exit code 1."""
from __future__ import annotations

import importlib

import click

from docket.models.errors import DocketError


class DocketGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DocketError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=DocketGroup)
@click.version_option(package_name="docket")
@click.option(
    "--db",
    "db_path",
    envvar="DOCKET_DB",
    default="docket.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file (or set DOCKET_DB).",
)
@click.pass_context
def main(ctx: click.Context, db_path: str) -> None:
    """Turn meeting minutes and conference reports into tracked action items.

    \b
    Example:
        docket extract report.txt --format table
    """
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path


COMMAND_MODULES = ("cmd_extract", "cmd_store", "cmd_export", "cmd_serve")


def _register() -> None:
    """Each `docket.cmd_*` module that exists registers its commands. Only a
    missing module is skipped: an ImportError inside one is a bug and shows."""
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"docket.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"docket.{name}":
                raise
            continue
        module.register(main)


_register()
