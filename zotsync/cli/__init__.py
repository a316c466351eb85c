"""The ``zotsync`` command line: a thin layer over the library.

Each command lives in its own module (``zotsync/cli/<name>.py``) exposing a
click command called ``command``; it parses options, makes one library call and
renders the result. This module holds the group, the shared options and the one
error boundary that turns every :class:`~zotsync.errors.ZotsyncError` into a
single ``Error: ...`` line with a documented exit code.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import click

from zotsync import __version__
from zotsync.config import redact
from zotsync.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ZotsyncError

# command name -> module under zotsync.cli (pipeline order: the order --help shows)
COMMANDS = {
    "init": "init",
    "doctor": "doctor",
    "parse": "parse",
    "resolve": "resolve",
    "bib": "bib",
    "push": "push",
    "pull": "pull",
    "status": "status",
    "sync": "sync",
}


class LazyGroup(click.Group):
    """Loads a command's module only when that command runs (fast startup)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [
            name for name, mod in COMMANDS.items() if importlib.util.find_spec(f"zotsync.cli.{mod}")
        ]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        mod = COMMANDS.get(cmd_name)
        if mod is None or importlib.util.find_spec(f"zotsync.cli.{mod}") is None:
            return None
        return importlib.import_module(f"zotsync.cli.{mod}").command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=70)))
        if rows:
            with formatter.section("Commands (in pipeline order)"):
                formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Config file (TOML). Default: ./zotsync.toml if present. See config.example.toml.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Show details, and a traceback for internal errors."
)
@click.version_option(__version__, prog_name="zotsync")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: bool) -> None:
    """Turn a reading list into a real bibliography.

    \b
    The pipeline, one command per stage:
      zotsync parse LIST.md            what zotsync reads in your list
      zotsync resolve LIST.md          match every entry to real metadata (writes zotsync.lock)
      zotsync bib LIST.md -o refs.bib  BibTeX with stable citation keys
      zotsync push LIST.md             collections, items and notes in Zotero
      zotsync sync LIST.md             all of the above, both directions for notes

    Credentials come from the environment (ZOTERO_API_KEY, ZOTERO_LIBRARY_ID,
    ZOTERO_LIBRARY_TYPE) or from zotsync.toml. Exit codes: 0 ok, 1 internal
    error, 2 usage, 3 input, 4 config, 5 service, 6 auth, 7 refused for safety.
    """
    ctx.color = colour()
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path
    ctx.obj["verbose"] = verbose


def get_config(ctx: click.Context, *, sandbox_for: Sequence[str] | None = None):
    """The Config for this invocation (loaded once, on first use).

    ``sandbox_for`` (the command's lists, when ``--sandbox`` was given): start the
    local emulators of :mod:`zotsync.sandbox` for the rest of the command and return
    the config that points at them (its library, lock and .bib live in
    ``.zotsync-sandbox/``, shared by every command run with ``--sandbox``).
    """
    from zotsync.config import load_config

    root = ctx.find_root()
    root.ensure_object(dict)
    if "config" not in root.obj:
        root.obj["config"] = load_config(root.obj.get("config_path"))
    if sandbox_for is None:
        return root.obj["config"]
    if "sandbox" not in root.obj:
        from zotsync.sandbox import running_sandbox

        click.echo(
            "SANDBOX: local emulation of arXiv, Semantic Scholar, Hugging Face and Zotero; "
            "nothing leaves this machine.",
            err=True,
        )
        root.obj["sandbox"] = root.with_resource(
            running_sandbox(root.obj["config"], [Path(f) for f in sandbox_for])
        )
    return root.obj["sandbox"].config


def sandbox_option(command):
    """``--sandbox`` for a command: pass ``sandbox_for=files if sandbox else None`` to :func:`get_config`."""
    return click.option(
        "--sandbox",
        is_flag=True,
        help="Run against local emulators of every service, in the library, lock and .bib that "
        "`zotsync sync --sandbox` keeps in .zotsync-sandbox/: no network, no account.",
    )(command)


def colour() -> bool | None:
    """False when ``NO_COLOR`` is set (https://no-color.org); else None: click colours terminals only."""
    return False if os.environ.get("NO_COLOR") else None


#: The first characters of a plan or status line, and the colour that marks it.
_MARKS = (("  + ", "green"), ("  ~ ", "yellow"), ("  - ", "red"), ("  ! ", "red"), ("  i ", "cyan"))


def paint(text: str) -> str:
    """Colour a plan's lines by what they do (added, changed, removed, warned); click strips it off-terminal."""
    out = []
    for line in text.split("\n"):
        fg = next((c for mark, c in _MARKS if line.startswith(mark)), None)
        out.append(click.style(line, fg=fg) if fg else line)
    return "\n".join(out)


def _error_line(message: str) -> None:
    click.echo(
        click.style("Error:", fg="red", bold=True) + redact(f" {message}"),
        err=True,
        color=colour(),
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point with the one error boundary."""
    verbose = "-v" in (argv if argv is not None else sys.argv[1:]) or "--verbose" in (
        argv if argv is not None else sys.argv[1:]
    )
    try:
        rv = cli.main(args=argv, prog_name="zotsync", standalone_mode=False)
    except ZotsyncError as exc:
        if verbose:
            traceback.print_exc()
        _error_line(str(exc))
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the boundary for bugs
        if verbose:
            traceback.print_exc()
        _error_line(
            f"internal error: {exc.__class__.__name__}: {exc} (this is a bug in zotsync; re-run with -v and report the traceback)"
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(rv if isinstance(rv, int) else 0)
