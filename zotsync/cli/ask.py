"""The one rule for asking before a write: ``--yes`` answers, a terminal asks, anything else refuses.

Without a terminal (cron, CI, a pipe) or with ``--json`` (a script reads stdout),
a command that must ask refuses with exit 2 and says how to proceed, instead of
hanging on a prompt nobody sees.
"""

from __future__ import annotations

import sys

import click

from zotsync.errors import EXIT_USAGE, ZotsyncError


class NoTerminal(ZotsyncError):
    exit_code = EXIT_USAGE


def ask(question: str, *, yes: bool, as_json: bool, what: str, hint: str) -> bool:
    """True to go ahead: ``yes``, or the user said so; refuses (:class:`NoTerminal`) when nobody can answer.

    ``what`` names the command in the refusal ("push needs confirmation, ...").
    """
    if yes:
        return True
    if as_json or not sys.stdin.isatty():
        raise NoTerminal(
            f"{what} needs confirmation, but there is no terminal to ask on", hint=hint
        )
    return click.confirm(question, default=False, err=True)
