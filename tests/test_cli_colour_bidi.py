"""Colour for overdue and urgent items on a terminal only (NO_COLOR
respected; never in CSV or JSON) and bidi isolation of right-to-left cells
in tables."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from docket.cli import main
from docket.render import FSI, PDI, isolate, table, width

RED, YELLOW_BOLD = "\x1b[31m", "\x1b[33m\x1b[1m"


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run docket; color=True is what click sees on a terminal."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOCKET_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def invoke(*args, color=False, env=None):
        return runner.invoke(main, list(args), color=color, env=env, catch_exceptions=False)

    for action, deadline, urgent in [("repair the bridge", "2025-02-20", []), ("send the budget", "2025-03-20", ["--urgent"]),
                                     ("paint the school", "2025-04-30", [])]:
        assert invoke("add", action, "--body", "Works", "--deadline", deadline, *urgent).exit_code == 0
    return invoke


def test_a_terminal_shows_overdue_in_red_and_urgent_in_bold_yellow(run):
    lines = run("list", "--today", "2025-03-01", color=True).output.splitlines()
    assert RED not in lines[0]  # the header
    assert lines[1].startswith(RED) and "repair the bridge" in lines[1]
    assert lines[2].startswith(YELLOW_BOLD) and "send the budget" in lines[2]
    assert "\x1b[" not in lines[3] and "paint the school" in lines[3]


@pytest.mark.parametrize("args, color, env", [
    (["list", "--today", "2025-03-01"], True, {"NO_COLOR": "1"}),
    (["list", "--today", "2025-03-01"], False, None),  # a pipe or a file
    (["list", "--today", "2025-03-01", "--format", "csv"], True, None),
    (["list", "--today", "2025-03-01", "--format", "json"], True, None),
    (["digest", "--today", "2025-03-01", "--due-within", "30", "--format", "md"], True, None),
    (["digest", "--today", "2025-03-01", "--due-within", "30"], True, {"NO_COLOR": "yes"}),
])
def test_no_colour_without_a_terminal_with_no_color_or_for_programs(run, args, color, env):
    result = run(*args, color=color, env=env)
    assert result.exit_code == 0 and "\x1b[" not in result.output


def test_digest_on_a_terminal_colours_overdue_lines(run):
    lines = run("digest", "--today", "2025-03-01", "--due-within", "30", color=True).output.splitlines()
    late = next(line for line in lines if "repair the bridge" in line)
    assert late.startswith(RED)


URDU = "وزارت خزانہ"


def test_right_to_left_cells_are_isolated_and_the_columns_stay_aligned():
    lines = table(["BODY", "OPEN"], [[URDU, 3], ["Police", 12]]).splitlines()
    assert lines[1] == f"{FSI}{URDU}{PDI}  3"
    assert lines[2] == "Police" + " " * (len(URDU) - len("Police")) + "  12"
    assert width(lines[1]) == width(f"{URDU}  3")  # the isolates take no column


@pytest.mark.parametrize("cell, isolated", [
    (URDU, True), ("Bộ Tài chính", False), ("Ministry of Finance", False), ("MoF / " + URDU, True), ("", False)])
def test_only_cells_with_right_to_left_letters_are_isolated(cell, isolated):
    assert (isolate(cell) == f"{FSI}{cell}{PDI}") is isolated
    assert (isolate(cell) == cell) is not isolated


def test_isolates_a_document_carried_are_shown_not_obeyed():
    line = table(["ACTION"], [[f"{PDI}pay"]]).splitlines()[1]
    assert PDI not in line and "\\u2069pay" in line
