"""The README's code blocks are run, so the README cannot drift from the program again.

* every ``zotsync …`` line of every ``sh`` block is parsed by the real command line
  (fast: an unknown command or flag fails here), and — in the slow suite — run in
  order against the emulators, from a fresh directory holding ``examples/``;
* ``python -m zotsync.emulators …`` lines: every flag is one the emulator accepts;
* ``python bench/…`` lines name scripts that exist; ``export`` lines name variables
  zotsync reads; ``pip``/``pytest`` lines are the only ones not run;
* the Python block runs as written; every ``toml`` block is a config zotsync loads; a plain
  block of ``parse`` output is what ``zotsync parse`` prints, line for line.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import click
import pytest

from tests.conftest import ROOT
from zotsync.cli import cli, main
from zotsync.config import ENV

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
NEEDS_A_TERMINAL = ("--review",)  # documented as needing one: exit 2 without


def blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCK.findall(README) if kind == lang]


def commands() -> list[list[str]]:
    """Every command of the sh blocks, in README order, as argv lists (comments dropped)."""
    out = []
    for body in blocks("sh"):
        for line in body.splitlines():
            for part in line.split("&&"):
                argv = shlex.split(part, comments=True)
                if argv:
                    out.append(argv)
    return out


def zotsync_lines() -> list[list[str]]:
    return [argv[1:] for argv in commands() if argv[0] == "zotsync"]


def test_every_sh_line_is_of_a_kind_this_test_checks():
    kinds = {"zotsync", "pip", "export", "python"}
    assert {argv[0] for argv in commands()} <= kinds
    for argv in commands():
        if argv[0] == "python":
            assert argv[1:3] in (["-m", "pytest"], ["-m", "zotsync.emulators"]) or argv[
                1
            ].startswith("bench/"), argv


@pytest.mark.parametrize("argv", zotsync_lines(), ids=lambda a: " ".join(a)[:60])
def test_every_zotsync_line_parses_with_the_real_command_line(argv):
    """Command and every flag exist, with valid values (no command is run here)."""
    name, args = argv[0], argv[1:]
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, f"README runs `zotsync {name}`: no such command"
    command.make_context(name, list(args), parent=click.Context(cli))


def test_emulator_lines_use_flags_the_emulators_have():
    for argv in commands():
        if argv[:3] != ["python", "-m", "zotsync.emulators"]:
            continue
        service = argv[3]
        help_text = subprocess.run(
            [sys.executable, "-m", "zotsync.emulators", service, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        for flag in (a.strip("[]") for a in argv[4:] if a.strip("[]").startswith("--")):
            assert flag in help_text, f"`{flag}` of the README's {service} emulator line"


def test_bench_scripts_and_exported_variables_exist():
    for argv in commands():
        if argv[0] == "python" and argv[1].startswith("bench/"):
            assert (ROOT / argv[1]).is_file(), argv[1]
        if argv[0] == "export":
            name = argv[1].split("=", 1)[0]
            assert name in ENV.values(), name


def test_readme_names_only_variables_zotsync_reads():
    named = set(re.findall(r"\b((?:ZOTERO|ZOTSYNC)_[A-Z0-9_]+)", README))
    assert named <= set(ENV.values()), named - set(ENV.values())


def test_every_toml_block_is_a_config_zotsync_loads(tmp_path):
    from zotsync.config import load_config

    assert blocks("toml")
    for i, body in enumerate(blocks("toml")):
        (tmp_path / f"{i}.toml").write_text(body, encoding="utf-8")
        load_config(tmp_path / f"{i}.toml", env={})


def test_the_parse_output_shown_is_what_parse_prints(in_tmp):
    from click.testing import CliRunner

    shutil.copytree(ROOT / "examples", in_tmp / "examples")
    shown = [b for b in blocks("") if "§ " in b]
    assert shown
    printed = CliRunner().invoke(cli, ["parse", "examples/reading-list.md"]).stdout.splitlines()
    for body in shown:
        for line in body.splitlines():
            assert line == "..." or line in printed, line


@pytest.mark.slow
def test_the_readme_commands_run_in_order_against_the_emulators(
    arxiv_emulator, s2_emulator, hf_emulator, zotero_emulator, tmp_path, monkeypatch, capsys
):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("ZOTERO_", "ZOTSYNC_", "NO_COLOR")):
            monkeypatch.delenv(name)
    env = {
        "ZOTERO_API_KEY": zotero_emulator.api_key,
        "ZOTERO_LIBRARY_ID": str(zotero_emulator.user_id),
        "ZOTSYNC_ZOTERO_URL": zotero_emulator.url,
        "ZOTSYNC_ARXIV_URL": arxiv_emulator.url,
        "ZOTSYNC_S2_URL": s2_emulator.url,
        "ZOTSYNC_HF_URL": hf_emulator.url,
        "ZOTSYNC_ARXIV_DELAY": "0",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for argv in zotsync_lines():
        capsys.readouterr()
        try:
            main(list(argv))
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
        out = capsys.readouterr()
        wanted = 2 if any(flag in argv for flag in NEEDS_A_TERMINAL) else 0
        assert code == wanted, f"`zotsync {' '.join(argv)}` exited {code}: {out.err[-600:]}"
        assert "Traceback" not in out.err
    assert (tmp_path / "zotsync.toml").is_file() and "references.bib" in os.listdir(tmp_path)

    for body in blocks("python"):  # the library example, as written
        exec(compile(body, "README.md", "exec"), {})


def test_the_table_of_what_each_command_takes_matches_the_commands():
    """`--json`, `--sandbox`, `--dry-run` columns: "yes" exactly where the command has the flag."""
    rows = re.findall(r"^\| `(\w+)` \|(.*)\|\s*$", README, re.M)
    table = {name: [c.strip() for c in cells.split("|")] for name, cells in rows}
    assert set(table) >= {"parse", "bib", "push", "pull", "status", "sync"}
    for name, cells in table.items():
        command = cli.get_command(click.Context(cli), name)
        flags = {opt for p in command.params for opt in getattr(p, "opts", [])}
        for flag, cell in zip(("--json", "--sandbox", "--dry-run"), cells):
            assert (cell == "yes") == (flag in flags), f"README table: `{name}` {flag}"
