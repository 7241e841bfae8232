"""What the README promises about running docket: click's shell completion
under _DOCKET_COMPLETE, and a LICENSE matching setup.cfg's."""
from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("shell, marker", [("bash", "_docket_completion()"), ("zsh", "#compdef docket"),
                                           ("fish", "complete --no-files --command docket")])
def test_completion_scripts_come_from_the_variable_the_readme_names(shell, marker):
    assert f"_DOCKET_COMPLETE={shell}_source docket" in (ROOT / "README.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, [], prog_name="docket", env={"_DOCKET_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and marker in result.output


def test_completion_offers_the_new_commands():
    result = CliRunner().invoke(main, [], prog_name="docket",
                                env={"_DOCKET_COMPLETE": "bash_complete", "COMP_WORDS": "docket di", "COMP_CWORD": "1"})
    assert "plain,digest" in result.output.splitlines()


def test_the_license_file_is_the_one_setup_cfg_names():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    assert config["metadata"]["license"] == "MIT" and config["metadata"]["license_files"] == "LICENSE"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
