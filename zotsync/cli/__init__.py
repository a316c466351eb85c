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
import logging
import os
import re
import secrets
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import click

from zotsync import __version__
from zotsync.config import redact
from zotsync.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ZotsyncError
from zotsync.untrusted import terminal_safe

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
    """False when ``NO_COLOR`` is set (https://no-color.org); else None: colour on terminals only."""
    return False if os.environ.get("NO_COLOR") else None


# Colours cross the terminal-safe stdout (which shows every escape character as ``\uXXXX``)
# as marks that only the stream itself turns into SGR codes, on a terminal. A mark is a
# private-use character plus a nonce drawn per process: text from outside cannot spell one
# (and its private-use characters are shown as ``\uXXXX`` by terminal_safe).
_COLOURS = {"green": "32", "yellow": "33", "red": "31", "cyan": "36", "bold": "1"}
_NONCE = secrets.token_hex(4)
_MARK = {name: chr(0xE000 + i) + _NONCE for i, name in enumerate(_COLOURS)}
_RESET = chr(0xE0FF) + _NONCE
_MARKS_RE = re.compile("(" + "|".join(map(re.escape, [*_MARK.values(), _RESET])) + ")")
_SGR = {mark: f"\x1b[{_COLOURS[name]}m" for name, mark in _MARK.items()} | {_RESET: "\x1b[0m"}


def style(text: str, fg: str | None) -> str:
    """``text`` in colour ``fg`` (green, yellow, red, cyan, bold) when stdout is a terminal."""
    return f"{_MARK[fg]}{text}{_RESET}" if fg else text


def _render_marks(text: str, enabled: bool) -> str:
    """``text`` made terminal-safe, with zotsync's own marks as SGR codes (or nothing)."""
    pieces = _MARKS_RE.split(text)  # text, mark, text, mark, …, text
    return "".join(
        (_SGR[piece] if enabled else "") if i % 2 else terminal_safe(piece)
        for i, piece in enumerate(pieces)
    )


#: The first characters of a plan line, and the colour that marks it.
_PLAN_MARKS = (
    ("  + ", "green"),
    ("  ~ ", "yellow"),
    ("  - ", "red"),
    ("  ! ", "red"),
    ("  i ", "cyan"),
)


def paint(text: str) -> str:
    """Colour a plan's lines by what they do (added, changed, removed, warned)."""
    out = []
    for line in text.split("\n"):
        fg = next((c for mark, c in _PLAN_MARKS if line.startswith(mark)), None)
        out.append(style(line, fg))
    return "\n".join(out)


def _traceback() -> None:
    """The current exception's traceback on stderr (``-v``), with every secret redacted."""
    sys.stderr.write(redact(traceback.format_exc()))


class _NoteHandler(logging.Handler):
    """Shows what the library announces (:mod:`zotsync.notify`) as ``note: …`` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(redact(f"note: {terminal_safe(record.getMessage())}"), err=True)


class _SafeStdout:
    """``sys.stdout`` for the length of a command: nothing printed can be a terminal escape.

    Titles, notes and names come from the list, arXiv or Zotero; :func:`terminal_safe`
    shows control and bidi characters as ``\\uXXXX`` (the same value inside a JSON string).
    """

    def __init__(self, stream):
        self._stream = stream
        isatty = getattr(stream, "isatty", lambda: False)
        self._colour = colour() is not False and isatty()

    def write(self, text: str) -> int:
        self._stream.write(_render_marks(text, self._colour))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _show_notes() -> None:
    logger = logging.getLogger("zotsync")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler())
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _error_line(message: str) -> None:
    click.echo(
        click.style("Error:", fg="red", bold=True) + redact(terminal_safe(f" {message}")),
        err=True,
        color=colour(),
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point with the one error boundary: every outcome is an exit code, Ctrl-C included."""
    try:
        code = _run(argv)
    except KeyboardInterrupt:  # also one that lands inside a handler below
        code = _aborted()
    sys.exit(code)


def _aborted() -> int:
    click.echo("Aborted.", err=True)
    return EXIT_INTERRUPTED


def _run(argv: list[str] | None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    verbose = "-v" in args or "--verbose" in args
    _show_notes()
    stdout, sys.stdout = sys.stdout, _SafeStdout(sys.stdout)
    try:
        rv = cli.main(args=argv, prog_name="zotsync", standalone_mode=False)
    except ZotsyncError as exc:
        if verbose:
            _traceback()
        _error_line(str(exc))
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        return _aborted()
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the boundary for bugs
        if verbose:
            _traceback()
        _error_line(
            f"internal error: {exc.__class__.__name__}: {exc} (this is a bug in zotsync; re-run with -v and report the traceback)"
        )
        return EXIT_INTERNAL
    finally:
        sys.stdout = stdout
    return rv if isinstance(rv, int) else 0
