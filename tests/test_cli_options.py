"""What the commands share (docket/options.py, docket/errors.py): one date
parser, one --lang, one --db, the same error text and exit code for the same
mistake in every command, and a light start."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import click
import pytest

from docket.errors import message, spell
from docket.models.errors import ForeignDatabase, InputError, ParameterError
from docket.options import ISO_DATE, IsoDate
from store_support import MINUTES

ROOT = Path(__file__).resolve().parents[1]
NOT_A_DATE = "Error: Invalid value for '--meeting-date': '2025-13-01' is not a date; write it as YYYY-MM-DD"
NOT_A_LANGUAGE = "Error: Invalid value for '--lang': 'xx' is not one of 'auto', 'en', 'ur', 'vi'."


@pytest.mark.parametrize("args, error", [
    (["--meeting-date", "2025-13-01"], NOT_A_DATE),
    (["--lang", "xx"], NOT_A_LANGUAGE),
    (["--lang", "xx", "--meeting-date", "2025-13-01"], NOT_A_LANGUAGE),  # options are checked in order
])
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_extract_and_ingest_refuse_a_bad_option_alike_before_doing_anything(docket, tmp_path, command, args, error):
    (tmp_path / "minutes.txt").write_text(MINUTES)
    result = docket(command, "minutes.txt", *args)
    lines = result.output.splitlines()
    assert (result.exit_code, lines[-1]) == (2, error)
    assert lines[0] == f"Usage: main {command} [OPTIONS] " + ("PATHS..." if command == "extract" else "FILE_OR_FOLDER...")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.txt"]  # no database made


@pytest.mark.parametrize("text, expected", [
    ("2025-02-13", date(2025, 2, 13)),
    (" 2025-02-13 ", date(2025, 2, 13)),
    ("2024-02-29", date(2024, 2, 29)),
])
def test_the_date_type_reads_iso_dates(text, expected):
    assert ISO_DATE.convert(text, None, None) == expected


@pytest.mark.parametrize("text", ["2025-13-01", "2025-02-30", "13/02/2025", "13.02.2025", "tomorrow", "", "none"])
def test_the_date_type_refuses_anything_else(text):
    with pytest.raises(click.BadParameter) as raised:
        ISO_DATE.convert(text, None, None)
    assert raised.value.message == f"{text!r} is not a date; write it as YYYY-MM-DD"


def test_a_clear_word_stands_for_no_date_only_where_asked():
    clearable = IsoDate(clear_word="none")
    assert clearable.convert("None", None, None) is None
    assert clearable.convert("2025-03-01", None, None) == date(2025, 3, 1)
    with pytest.raises(click.BadParameter):
        clearable.convert("never", None, None)


@click.command()
@click.argument("name")
@click.option("--due-before")
@click.option("--format", "fmt")
def sample(name, due_before, fmt):
    """A command to spell parameters against."""


@pytest.mark.parametrize("parameter, spelt", [
    ("due_before", "--due-before"),  # an option by its name
    ("format", "--format"),  # an option whose value has another name
    ("name", "NAME"),  # an argument
    ("no_deadline", "--no-deadline"),  # not on this command: made from the name
])
def test_library_parameters_are_spelt_as_the_commands_options(parameter, spelt):
    assert spell(sample, parameter) == spelt


def test_messages_keep_the_library_neutral_and_add_cli_advice():
    error = ParameterError("{no_deadline} cannot be combined with {due_before} (not {other})", "no_deadline", "due_before")
    assert str(error) == "no_deadline cannot be combined with due_before (not {other})"
    assert message(error, sample) == "--no-deadline cannot be combined with --due-before (not {other})"
    assert message(ForeignDatabase("x.db is not a docket database"), sample) == (
        "x.db is not a docket database; choose another file with --db")
    assert message(InputError("plain"), sample) == "plain"


def test_no_library_error_names_a_command_line_flag():
    """Flags belong to docket/; the library names parameters as data."""
    offenders = []
    for folder in ("models", "exports", "extractor"):
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "Error(" in line and ("--" in line or "`docket " in line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


def test_the_commands_db_option_wins_over_the_groups_and_the_environment(docket, tmp_path, monkeypatch,
                                                                        stand_in_extractor):
    (tmp_path / "minutes.txt").write_text(MINUTES)
    assert docket("ingest", "minutes.txt", "--db", "a.db").exit_code == 0
    monkeypatch.setenv("DOCKET_DB", str(tmp_path / "missing.db"))
    for args in (["list", "--db", "a.db"], ["--db", "missing.db", "list", "--db", "a.db"], ["--db", "a.db", "list"]):
        result = docket(*args, "--format", "json")
        assert result.exit_code == 0, (args, result.output)
        assert len(json.loads(result.output)) == 3
    assert docket("list").output.startswith(f"Error: {tmp_path / 'missing.db'}: no such database")
    assert not (tmp_path / "docket.db").exists() and not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["stats", "--help"]])
def test_starting_docket_imports_neither_spacy_nor_the_extractor(args):
    code = (
        "import sys\n"
        "from docket.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'spacy' or m.startswith('docket.extractor')]\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
