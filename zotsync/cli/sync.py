"""``zotsync sync FILE...``: resolve, write the .bib, push to Zotero — or all of it in a local sandbox."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from zotsync.cli import get_config, paint
from zotsync.cli.ask import ask
from zotsync.cli.push import _Progress, confirm_plan
from zotsync.cli.shape import pdf_option, prefer_published_option, with_item_shape
from zotsync.config import Config
from zotsync.errors import RefusedError, ServiceError
from zotsync.twoway.conflicts import NOTE_POLICIES
from zotsync.wording import count, noun

if TYPE_CHECKING:
    from zotsync.workflow import SyncOptions


@click.command(name="sync")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--bib",
    "bib_output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write/merge this .bib (default: config [bib] output; in --sandbox: LIST.bib in .zotsync-sandbox/).",
)
@click.option(
    "--sandbox",
    is_flag=True,
    help="Run everything against local emulators of arXiv, Semantic Scholar, Hugging Face and Zotero: "
    "no network, no account, nothing leaves this machine.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Resolve and show the Zotero plan; write no .bib and nothing to Zotero.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the push plan/result as JSON (stdout)."
)
@click.option("-y", "--yes", is_flag=True, help="Apply the Zotero plan without asking.")
@click.option(
    "--prune", is_flag=True, help="Trash items zotsync created that no list mentions any more."
)
@click.option(
    "--on-conflict",
    type=click.Choice(NOTE_POLICIES),
    default=None,
    help="A note changed both in the list and in Zotero: keep-both (default: a marked conflict block in "
    "the list, the Zotero note untouched), keep-list, keep-zotero, or fail (exit 7).",
)
@click.option(
    "--pull-unmanaged",
    is_flag=True,
    help="Also copy notes you wrote in Zotero yourself into the list.",
)
@click.option(
    "--lock", type=click.Path(), default=None, help="Lock file (default: ./zotsync.lock)."
)
@click.option(
    "--force",
    is_flag=True,
    help="Sync even if the library looks empty or different from the last sync.",
)
@prefer_published_option
@pdf_option
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[str, ...],
    bib_output: str | None,
    sandbox: bool,
    dry_run: bool,
    as_json: bool,
    yes: bool,
    prune: bool,
    on_conflict: str | None,
    pull_unmanaged: bool,
    lock: str | None,
    force: bool,
    prefer_published: bool,
    pdf: str | None,
) -> None:
    """Resolve the lists, write the .bib, and make Zotero mirror them.

    \b
    The same as running, in order:
      zotsync resolve FILE...        (decisions saved in the lock file)
      zotsync bib FILE... -o OUT     (when --bib or [bib] output is set; merged, never clobbered)
      zotsync pull FILE...           (notes edited in Zotero back into the lists; asks first)
      zotsync push FILE...           (collections, items, notes; asks before writing)
    With --sandbox the push to the sandbox library does not ask, but writing
    Zotero's note edits into your list still does (unless --yes).

    \b
    Try it with no account and no network:
      zotsync sync examples/reading-list.md --sandbox
    The sandbox starts local emulators of every service (with the example's
    bundled corpus), keeps its library in .zotsync-sandbox/, prints the
    resulting collection tree and writes the .bib there. It is never used
    unless you ask for it.
    """
    from zotsync.workflow import SyncOptions  # lazy: the whole pipeline, only when syncing

    options = SyncOptions(
        bib_output=bib_output,
        lock=lock,
        dry_run=dry_run,
        prune=prune,
        on_conflict=on_conflict,
        force=force,
        pull_unmanaged=pull_unmanaged,
    )
    shape = {"prefer_published": prefer_published, "pdf": pdf}
    if not sandbox:
        _run(with_item_shape(get_config(ctx), **shape), files, options, as_json=as_json, yes=yes)
        return
    from zotsync.sandbox import bib_name

    config = with_item_shape(get_config(ctx, sandbox_for=files), **shape)
    directory = ctx.find_root().obj["sandbox"].directory
    output = bib_output or str(directory / bib_name([Path(f) for f in files]))
    _run(
        config,
        files,
        replace(options, bib_output=output),
        as_json=as_json,
        yes=True,
        pull_yes=yes,  # the sandbox library is the sandbox's, but the list is yours: pull still asks
        show_tree=not as_json,
    )
    if not as_json:
        click.echo(f"SANDBOX library, lock and .bib are in {directory}/ (delete it to start over).")


def _run(
    config: Config,
    files: tuple[str, ...],
    options: SyncOptions,
    *,
    as_json: bool,
    yes: bool,
    pull_yes: bool | None = None,
    show_tree: bool = False,
) -> None:
    from zotsync.push import describe
    from zotsync.resolve.report import headline
    from zotsync.workflow import SyncHooks, sync
    from zotsync.zotero.client import ZoteroClient

    shown: dict[str, bool] = {}

    def confirm(plan) -> bool:
        if not as_json:
            click.echo(paint(describe.plan_text(plan)))
            shown["plan"] = True
        return confirm_plan(plan, yes=yes, as_json=as_json)

    def confirm_pull(plan) -> bool:
        if not as_json:
            click.echo(plan.diff, nl=False)
        return ask(
            f"Write these changes to {count(len(plan.files), 'file')}?",
            yes=yes if pull_yes is None else pull_yes,
            as_json=as_json,
            what="sync (writing notes from Zotero into the lists)",
            hint="add --yes, or --dry-run to only show the changes",
        )

    out = sys.stderr if as_json else sys.stdout

    def report_stage(
        name: str, result
    ) -> None:  # as each stage ends, before pull and push ask anything
        if name == "resolve":
            click.echo("Resolve: " + headline(result), file=out)
        elif name == "bib":
            from zotsync.cli.bib import _summary as bib_summary

            for line in bib_summary(result):
                click.echo(f"BibTeX: {line}", file=out)
        else:
            from zotsync.cli.pull import report_lines as pull_lines

            for line in pull_lines(result):
                click.echo(f"Pull: {line}", file=out)

    zcfg = config.require_zotero()  # a missing key fails before anything is read
    client = ZoteroClient.for_services(zcfg, config.services)  # the run's one client
    try:
        with _Progress(enabled=not as_json and sys.stderr.isatty()) as progress:
            hooks = SyncHooks(
                confirm_pull=confirm_pull,
                confirm_push=confirm,
                push_progress=progress,
                on_stage=report_stage,
            )
            outcome = sync(files, config, options, hooks, client=client)
        for notice in outcome.notices:
            click.echo(f"warning: {notice}", err=True)
        if as_json:
            click.echo(json.dumps(describe.to_json(outcome.push), ensure_ascii=False, indent=2))
        else:
            if not shown:
                click.echo(paint(describe.plan_text(outcome.push.plan)))
            click.echo(describe.summary_text(outcome.push))
        if outcome.notices:
            raise ServiceError(outcome.notices[0], hint="run `zotsync sync` again later")
        _refuse_while_conflicts_wait(outcome.pull)
        if show_tree:
            _print_tree(client)
    finally:
        client.close()


def _refuse_while_conflicts_wait(pull) -> None:
    """Exit 7 while a note conflict block waits in a list: the sync is not finished until the user settles it."""
    waiting = pull.waiting
    if waiting:
        where = ", ".join(f"{d.source}:{d.line}" for d in waiting[:3])
        raise RefusedError(
            f"{count(len(waiting), 'note conflict')} {noun(len(waiting), 'waits')} in the list ({where})",
            hint="keep the text you want in each block, delete its marker lines, then run `zotsync sync` again",
        )


def _print_tree(client) -> None:
    from zotsync.workflow import collection_tree

    collections, _ = client.all_collections()
    click.echo("Zotero collections (SANDBOX library):")
    for depth, name, items in collection_tree(collections):
        noun = "item" if items == 1 else "items"
        click.echo(f"  {'  ' * depth}{name}  ({items} {noun})")
