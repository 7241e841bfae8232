"""The `docket` command. Only this package knows click: the commands live in
the `cmd_*` modules and are added here by name; their shared options are in
options.py, and errors.py turns library errors into one `Error: ...` line,
exit 1 (usage errors: exit 2). No command module imports another's commands,
and none imports spaCy or the readers until it runs."""
from __future__ import annotations

import click

from docket.cmd_export import export_command
from docket.cmd_extract import eval_command, extract_command
from docket.cmd_ingest import ingest
from docket.cmd_items import COMMANDS as ITEM_COMMANDS
from docket.cmd_reconcile import reconcile
from docket.cmd_serve import serve, user
from docket.cmd_store import alias, bodies_command, documents, edit, list_items, show, stats, status
from docket.cmd_track import COMMANDS as TRACKING_COMMANDS
from docket.errors import DocketGroup
from docket.options import group_db_option


@click.group(cls=DocketGroup)
@click.version_option(package_name="docket")
@group_db_option
def main() -> None:
    """Turn meeting minutes and conference reports into tracked action items.

    \b
    Example:
        docket extract report.txt --format table
    """


COMMANDS = (extract_command, eval_command, ingest, list_items, show, status, edit, bodies_command, alias,
            documents, stats, export_command, serve, user, *TRACKING_COMMANDS, *ITEM_COMMANDS)

for _command in COMMANDS:
    main.add_command(_command)
main.add_command(reconcile)
