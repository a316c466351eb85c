"""``zotsync pull FILE... [--dry-run] [--yes] [--on-conflict P] [--pull-unmanaged] [--json]``.

Brings notes edited in Zotero back into the lists, changing only those bytes.
``--dry-run`` prints the unified diff and writes nothing. Otherwise the diff is shown
and the user is asked before a file is written; ``--yes`` skips the question; with
no terminal and no ``--yes`` it refuses (exit 2) instead of waiting for an answer.
"""

from __future__ import annotations

import json

import click

from zotsync.cli import get_config, sandbox_option
from zotsync.cli.ask import ask
from zotsync.twoway.conflicts import NOTE_POLICIES
from zotsync.twoway.pull import PullOutcome, PullPlan, pull
from zotsync.wording import count


def report_lines(outcome: PullOutcome) -> list[str]:
    """What happened, one line per note zotsync acted on, then the summary."""
    lines = [f"{d.source}:{d.line}  {d.title[:60]}: {d.message}" for d in outcome.plan.acted]
    files = len(outcome.plan.files)
    if outcome.dry_run:
        lines.append(f"Dry run: {count(files, 'file')} would change; nothing written.")
    elif outcome.written:
        lines.append(
            f"Updated {count(len(outcome.written), 'file')}: " + ", ".join(outcome.written)
        )
    elif files:
        lines.append("Nothing written.")
    else:
        lines.append(
            "The lists already say what Zotero says"
            + (" (sync state updated)." if outcome.state_changes else ".")
        )
    return lines


def to_json(outcome: PullOutcome) -> dict:
    return {
        "dry_run": outcome.dry_run,
        "applied": outcome.applied,
        "written": outcome.written,
        "state_changes": outcome.state_changes,
        "diff": outcome.diff,
        "notes": [
            {
                "source": d.source,
                "line": d.line,
                "title": d.title,
                "slot": d.slot,
                "change": d.change,
                "action": d.action,
                "message": d.message,
            }
            for d in outcome.plan.acted
        ],
    }


@click.command(name="pull", short_help="Bring notes edited in Zotero back into the lists.")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")
@click.option("-y", "--yes", is_flag=True, help="Write without asking.")
@click.option(
    "--on-conflict",
    type=click.Choice(NOTE_POLICIES),
    default=None,
    help="A note changed in the list and in Zotero (default keep-both: a conflict block in the list).",
)
@click.option(
    "--pull-unmanaged",
    is_flag=True,
    help="Also add notes you wrote in Zotero yourself to the list.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the result as JSON (needs --yes or --dry-run to write).",
)
@click.option(
    "--lock",
    "lock",
    type=click.Path(),
    default=None,
    help="Lock file (default: config [resolve] lock, ./zotsync.lock, or ZOTSYNC_LOCK).",
)
@sandbox_option
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[str, ...],
    dry_run: bool,
    yes: bool,
    on_conflict: str | None,
    pull_unmanaged: bool,
    as_json: bool,
    lock: str | None,
    sandbox: bool,
) -> None:
    """Bring notes edited in Zotero back into the reading lists (only those bytes change)."""

    def confirm(plan: PullPlan) -> bool:
        if not as_json:
            click.echo(plan.diff, nl=False)
        return ask(
            f"Write these changes to {count(len(plan.files), 'file')}?",
            yes=yes,
            as_json=as_json,
            what="pull",
            hint="add --yes to write the changes, or --dry-run to only show them",
        )

    outcome = pull(
        list(files),
        get_config(ctx, sandbox_for=files if sandbox else None),
        lock=lock,
        dry_run=dry_run,
        on_conflict=on_conflict,
        pull_unmanaged=pull_unmanaged,
        confirm=confirm,
    )
    if as_json:
        click.echo(json.dumps(to_json(outcome), ensure_ascii=False, indent=2))
        return
    if dry_run:
        click.echo(outcome.diff, nl=False)
    click.echo("\n".join(report_lines(outcome)))
