"""`docket serve`: the store as a web page (Datasette), and `docket user`:
who may log in to it to change items. Datasette comes with the `serve`
extra (`pip install 'docket[serve]'`); without it these commands say so."""
from __future__ import annotations

import click

from docket import render
from docket.errors import DocketCommand, DocketGroup
from docket.models.store import Store
from docket.options import db_option, db_path, open_store

NEEDS_EXTRA = "docket serve needs Datasette: install docket with `pip install 'docket[serve]'`"
EXTRA_MODULES = ("datasette", "datasette_auth_passwords", "uvicorn")


@click.command("serve", cls=DocketCommand)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the page to other machines.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@db_option
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Browse and update the items in a web page (Datasette).

    Everyone who can reach the page can read it; changing an item's status
    needs a login, made with `docket user add NAME`. Restart after adding users.

    \b
    Example:
        docket serve --port 8001      # then open http://127.0.0.1:8001/
    """
    with Store.open(db_path(ctx), create=False) as store:  # closed before serving: the page opens its own
        accounts, path = store.password_hashes(), store.path
    try:
        from docket.web import app
    except ModuleNotFoundError as error:
        if error.name and error.name.split(".")[0] in EXTRA_MODULES:
            raise click.ClickException(NEEDS_EXTRA) from None
        raise
    datasette = app.build(path, accounts)
    users = f"{len(accounts)} user(s) may log in" if accounts else "nobody may log in yet: `docket user add NAME`"
    click.echo(render.terminal_safe(f"docket: serving {path} at http://{host}:{port}/ ({users}); Ctrl-C stops"))
    app.run(datasette, host, port)


@click.group("user", cls=DocketGroup)
def user() -> None:
    """People who may log in to `docket serve` to change items."""


def _hash(password: str) -> str:
    try:
        from datasette_auth_passwords.utils import hash_password
    except ModuleNotFoundError:
        raise click.ClickException(NEEDS_EXTRA) from None
    return hash_password(password)


@user.command("add")
@click.argument("name")
@click.password_option(help="The password (asked for twice when not given).")
@db_option
@click.pass_context
def user_add(ctx: click.Context, name: str, password: str) -> None:
    """Let NAME log in to the web page, or change NAME's password. Only a
    salted hash of the password is stored. Changes NAME makes are recorded
    under NAME, as `docket status --by NAME` records them.

    \b
    Example:
        docket user add Lan
    """
    if not password:
        raise click.UsageError("the password cannot be empty")
    new = open_store(ctx).save_user(name, _hash(password))
    click.echo(render.terminal_safe(f"{name.strip()}: {'added' if new else 'password changed'}"))


@user.command("remove")
@click.argument("name")
@db_option
@click.pass_context
def user_remove(ctx: click.Context, name: str) -> None:
    """Stop NAME logging in (after `docket serve` restarts). History keeps their name."""
    open_store(ctx).remove_user(name)
    click.echo(render.terminal_safe(f"{name.strip()}: removed"))


@user.command("list")
@db_option
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """The people who may log in."""
    names = open_store(ctx).users()
    click.echo(render.terminal_safe("\n".join(names)) if names else "No users yet: `docket user add NAME` adds one.")

