"""The `docket` command. The only module that knows click, with its siblings
`cmd_*.py`: each registers its commands on `main`. Library errors become one
`Error: ...` line and exit code 1."""
from __future__ import annotations

import click

from models.errors import DocketError


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


def _register() -> None:
    from docket import cmd_extract

    for module in (cmd_extract,):
        module.register(main)
    try:  # commands contributed by later modules
        from docket import cmd_store

        cmd_store.register(main)
    except ImportError:
        pass
    try:
        from docket import cmd_export

        cmd_export.register(main)
    except ImportError:
        pass


_register()
