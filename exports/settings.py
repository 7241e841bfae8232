"""What a secretariat sets once for its exports: the organisation and
reference printed in the page header, and the list's language. They come
from `docket.toml` beside the database; the command line overrides them.

    # docket.toml
    [export]
    organisation = "Provincial People's Committee — Office"
    reference = "38/TB-VP"
    lang = "vi"
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from docket.models.errors import ExportError

CONFIG_NAME = "docket.toml"


@dataclass(frozen=True)
class ExportSettings:
    organisation: str | None = None
    reference: str | None = None
    lang: str | None = None

    def overridden(self, **values: str | None) -> "ExportSettings":
        """These settings with every value given (not None) replacing its own."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def config_path(db_path: str | os.PathLike) -> Path:
    return Path(db_path).resolve().parent / CONFIG_NAME


def load_settings(db_path: str | os.PathLike) -> ExportSettings:
    """The [export] table of docket.toml beside the database; nothing set
    when there is no such file. A file that is not TOML, or names a key
    docket does not know, is an ExportError naming the file."""
    path = config_path(db_path)
    if not path.is_file():
        return ExportSettings()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ExportError(f"{path}: not valid TOML ({error})") from None
    except OSError as error:
        raise ExportError(f"cannot read {path}: {error.strerror or error}") from None
    table = data.get("export", {})
    unknown_tables = sorted(set(data) - {"export"})
    if unknown_tables or not isinstance(table, dict):
        raise ExportError(f"{path}: docket reads only an [export] table "
                          f"(found {', '.join(unknown_tables) or 'export = a value'})")
    known = {f.name for f in fields(ExportSettings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ExportError(f"{path}: unknown key {', '.join(unknown)} in [export]; "
                          f"use: {', '.join(sorted(known))}")
    for key, value in table.items():
        if not isinstance(value, str):
            raise ExportError(f"{path}: [export] {key} must be a text in quotes")
    return ExportSettings(**{k: v.strip() or None for k, v in table.items()})
