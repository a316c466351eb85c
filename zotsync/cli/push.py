"""``zotsync push FILE...`` — make the Zotero library mirror the reading lists.

Shows the plan, asks before writing (``--yes`` skips the question; without a
terminal and without ``--yes`` it refuses with exit 2 instead of hanging),
then applies it with a progress bar and prints a summary. ``--dry-run`` only
shows the plan; ``--json`` prints the plan/result as JSON (see
:mod:`zotsync.push.describe`) and needs ``--yes`` to write.

Exit codes: 0 done (conflicts settled by the policy are reported, not errors);
2 confirmation needed but no terminal; 4 Zotero not configured; 5 Zotero
unreachable or some objects not written; 6 key rejected / no write access / no
such library; 7 refused for safety (library looks empty or different, or
conflicts under ``--on-conflict fail``).
"""

from __future__ import annotations

import json
import sys

import click

from zotsync.cli import get_config, paint, sandbox_option
from zotsync.cli.ask import ask
from zotsync.cli.shape import pdf_option, prefer_published_option, with_item_shape
from zotsync.errors import ServiceError
from zotsync.push import describe
from zotsync.push.actions import Plan
from zotsync.push.merge import POLICIES
from zotsync.push.push import push
from zotsync.wording import count, noun


def confirm_plan(plan: Plan, *, yes: bool, as_json: bool) -> bool:
    """Ask before a plan is applied to Zotero (see :mod:`zotsync.cli.ask`)."""
    return ask(
        f"Apply {count(len(plan.writes), 'change')} to Zotero?",
        yes=yes,
        as_json=as_json,
        what="push",
        hint="add --yes to apply the plan, or --dry-run to only show it",
    )


@click.command(name="push", short_help="Make Zotero mirror the lists: collections, items, notes.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--dry-run", is_flag=True, help="Show the plan; write nothing (not even the local state)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the plan and result as JSON.")
@click.option("-y", "--yes", is_flag=True, help="Apply without asking.")
@click.option(
    "--prune", is_flag=True, help="Trash items zotsync created that no list mentions any more."
)
@click.option(
    "--on-conflict",
    type=click.Choice(POLICIES),
    default=None,
    help="When a field changed both in the list and in Zotero (default: zotero.on_conflict, keep-zotero).",
)
@click.option(
    "--lock",
    "lock",
    type=click.Path(),
    default=None,
    help="Lock file (default: config [resolve] lock, ./zotsync.lock, or ZOTSYNC_LOCK).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Sync even if the library looks empty or different from the last sync.",
)
@prefer_published_option
@pdf_option
@sandbox_option
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[str, ...],
    dry_run: bool,
    as_json: bool,
    yes: bool,
    prune: bool,
    on_conflict: str | None,
    lock: str | None,
    force: bool,
    prefer_published: bool,
    pdf: str | None,
    sandbox: bool,
) -> None:
    """Create/update collections, items and notes in Zotero to mirror the lists.

    Collections follow the headings as `zotsync parse` shows them ([collections]
    in the config says how); each resolved paper is one item (in every
    collection that lists it) with the same citation key as the .bib; the
    entry's notes become one managed child note. Re-running changes only what
    changed; edits made in Zotero are kept and reported.
    """
    config = with_item_shape(
        get_config(ctx, sandbox_for=files if sandbox else None),
        prefer_published=prefer_published,
        pdf=pdf,
    )
    shown: dict[str, bool] = {}

    def confirm(plan: Plan) -> bool:
        if not as_json:
            click.echo(paint(describe.plan_text(plan)), err=False)
            shown["plan"] = True
        return confirm_plan(plan, yes=yes, as_json=as_json)

    with _Progress(enabled=not as_json and sys.stderr.isatty()) as progress:
        outcome = push(
            list(files),
            config,
            lock=lock,
            prune=prune,
            on_conflict=on_conflict,
            force=force,
            dry_run=dry_run,
            confirm=confirm,
            progress=progress,
        )
    if as_json:
        click.echo(json.dumps(describe.to_json(outcome), ensure_ascii=False, indent=2))
    else:
        if not shown:
            click.echo(paint(describe.plan_text(outcome.plan)))
        click.echo(describe.summary_text(outcome))
    if outcome.result is not None and outcome.result.failed:
        raise ServiceError(
            f"{count(len(outcome.result.failed), 'object')} {noun(len(outcome.result.failed), 'was')} not written to Zotero (listed above)",
            service="zotero",
            hint="re-running is safe: what was written is remembered",
        )
    if outcome.result is not None and outcome.result.upload_failed:
        raise ServiceError(
            f"{count(len(outcome.result.upload_failed), 'PDF')} "
            f"{noun(len(outcome.result.upload_failed), 'was')} not uploaded to Zotero (listed above)",
            service="zotero",
            hint="re-running uploads only what is missing",
        )


class _Progress:
    """A click progress bar on stderr (count and ETA of the writes and PDF uploads), created on
    the first report."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None
        self.done = 0

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total,
                label="Writing to Zotero",
                file=sys.stderr,
                show_pos=True,  # "12/40": writes and PDF uploads, as counted by apply_plan
                show_eta=True,
            )
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
