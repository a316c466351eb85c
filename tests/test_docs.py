"""Documentation cannot drift silently: every command has help and a README mention; exit codes match."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from zotsync import errors
from zotsync.cli import COMMANDS, LazyGroup, cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
AVAILABLE = LazyGroup.list_commands(cli, None)


def test_every_pipeline_command_is_installed():
    assert set(AVAILABLE) == set(COMMANDS)


@pytest.mark.parametrize("name", AVAILABLE)
def test_command_has_help_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 5
    assert re.search(rf"zotsync {name}\b", README), f"README does not show `zotsync {name}`"


def test_readme_exit_code_table_matches_errors_module():
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", README, re.M)}
    defined = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    assert documented == defined


def test_the_command_list_in_help_is_never_cut_off():
    """`zotsync --help` lists each command with a whole sentence, not one click shortened with '...'."""
    result = CliRunner().invoke(cli, ["--help"])
    listing = result.output.split("Commands", 1)[1]
    assert "..." not in listing, listing
