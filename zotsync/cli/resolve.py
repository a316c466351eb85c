"""``zotsync resolve``: match every listed paper to real metadata, recorded in the lock file."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from zotsync.cli import colour, get_config, sandbox_option
from zotsync.errors import EXIT_USAGE, InputError, ServiceError, ZotsyncError
from zotsync.model import Reason
from zotsync.untrusted import terminal_safe
from zotsync.wording import count

JSON_KEYS_HELP = (
    "source, line, title (as listed), ident, status (resolved, review, unresolved, or a decision "
    "you made in the lock: pinned, rejected, not-a-paper), arxiv_id (no version, or null), version, doi, "
    "confidence (0-1), via, canonical_title, reason, cached, pending (metadata a failed service left "
    "undone: arxiv, venue), candidates"
)


@click.command(
    "resolve",
    help=f"""Match every entry of the lists to real paper metadata (arXiv first).

\b
Decisions go to the lock file (default ./zotsync.lock, or --lock PATH, or
ZOTSYNC_LOCK); entries already in it make no request. Review it and commit
it: its header explains how to pin an id, reject a match or mark an entry
"not a paper" by editing it. Identifiers (arXiv, DOI) are looked up in
batches; titles are searched on arXiv, Hugging Face and Semantic Scholar and
accepted only as a clear winner (score >= [resolve] threshold, default 0.90,
and ahead of the runner-up by >= [resolve] margin, default 0.08);
close calls become "review", nothing found "unresolved" with the reason.
A failed service is never taken as "no such paper": those entries stay
unresolved, are retried next run, and the command exits 5. Entries decided
while a service was down are provisional ("pending" in the lock): the next
run fetches the metadata they lack. A pinned id no source knows becomes a
review item and the command exits 3.

--json prints one object per entry, in document order, with: {JSON_KEYS_HELP}.
""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON array (one object per entry) to stdout."
)
@click.option(
    "--offline", is_flag=True, help="Make no network request; report what the lock cannot answer."
)
@click.option(
    "--lock",
    "lock_path",
    type=click.Path(),
    default=None,
    help="Lock file to read and update (default: config [resolve] lock, ./zotsync.lock).",
)
@click.option(
    "--review", is_flag=True, help="Walk the review items interactively (needs a terminal)."
)
@click.option(
    "--accept",
    multiple=True,
    metavar="REF=ARXIVID",
    help="Pin an entry (its ident, or FILE:LINE) to an arXiv id. Repeatable.",
)
@click.option(
    "--reject",
    multiple=True,
    metavar="REF",
    help="Reject an entry's match; never guessed again. Repeatable.",
)
@click.option(
    "--not-a-paper",
    "not_a_paper",
    multiple=True,
    metavar="REF",
    help="Mark an entry as not a paper. Repeatable.",
)
@sandbox_option
@click.pass_context
def command(
    ctx: click.Context,
    files: Sequence[str],
    as_json: bool,
    offline: bool,
    lock_path: str | None,
    review: bool,
    accept: Sequence[str],
    reject: Sequence[str],
    not_a_paper: Sequence[str],
    sandbox: bool,
) -> None:
    from zotsync.resolve import parse_entries, resolve_entries
    from zotsync.resolve.review import apply_edits, edits_from_options

    entries = parse_entries(files)  # a bad list fails before any emulator starts
    config = get_config(ctx, sandbox_for=files if sandbox else None)
    lock = lock_path or config.resolve.lock
    titles = {e.ident: e.title for e in entries}
    apply_edits(lock, edits_from_options(entries, accept, reject, not_a_paper), titles)
    if (
        review and not sys.stdin.isatty()
    ):  # a command that must ask but has no terminal: exit 2, like push/pull
        raise ZotsyncError(
            "--review needs an interactive terminal",
            exit_code=EXIT_USAGE,
            hint="use --accept REF=ARXIVID / --reject REF / --not-a-paper REF, or edit the lock file",
        )
    report = _with_progress(
        lambda progress: resolve_entries(
            entries, config, lock_path=lock, offline=offline, progress=progress
        )
    )
    if review and _interactive_review(report, lock, titles, config, offline):
        report = resolve_entries(
            entries, config, lock_path=lock, offline=offline
        )  # fetches the new pins
    _render(report, as_json)
    _exit_status(report)


def _exit_status(report) -> None:
    """Exit 5 when a service failure left work undone (retried next run); 3 when a pinned id does not exist."""
    failed, provisional = report.failed, report.provisional
    if failed and report.no_network:
        raise ServiceError(
            f"no network: {count(len(failed), 'entry')} could not be resolved",
            hint="check your connection and the ZOTSYNC_*_URL settings, or run `zotsync doctor`; "
            f"decisions made so far are saved in {report.lock_path}",
        )
    if failed or provisional:
        what = [f"{count(len(failed), 'entry')} could not be resolved"] if failed else []
        what += (
            [
                f"{count(len(provisional), 'resolved entry')} still lack{'s' if len(provisional) == 1 else ''} metadata"
            ]
            if provisional
            else []
        )
        raise ServiceError(
            f"{' and '.join(what)} because a service failed",
            hint=f"decisions made so far are saved in {report.lock_path}; run `zotsync resolve` again later",
        )
    lost = [r for r in report.rows if r.resolution.reason_kind is Reason.PINNED_NOT_FOUND]
    if lost:
        where = ", ".join(f"{r.entry.source}:{r.entry.line}" for r in lost[:3])
        raise InputError(
            f"{len(lost)} pinned ids name no paper any source knows ({where})",
            hint="pin another id with --accept REF=ARXIVID, or delete the block in the lock file",
        )


def _with_progress(run):
    """Run with a click progress bar on stderr (identities decided / total), only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return run(None)
    with click.progressbar(length=1, label="Resolving", file=sys.stderr, show_pos=True) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        return run(progress)


def _interactive_review(report, lock: str, titles, config, offline: bool) -> bool:
    """Walk the review items; each answer is confirmed and saved to the lock before the next question."""
    import webbrowser

    from zotsync.model import Status
    from zotsync.resolve.review import (
        apply_edits,
        load_skipped,
        order_for_resume,
        save_skipped,
        walk,
    )

    seen: set[str] = set()
    items = []
    for row in report.rows:
        if row.resolution.status is Status.REVIEW and row.entry.ident not in seen:
            seen.add(row.entry.ident)
            items.append((row.entry, row.resolution))
    state_dir = config.zotero.state_dir
    if not items:
        save_skipped(state_dir, [])
        click.echo("Nothing to review.", err=True)
        return False
    before = [i for i in load_skipped(state_dir) if i in seen]
    items = order_for_resume(items, before)
    if before:
        click.echo(
            f"Resuming: {count(len(items), 'item')} to review; {count(len(before), 'item')} you "
            f"skipped last time {'comes' if len(before) == 1 else 'come'} last.",
            err=True,
        )
    details = {} if offline else _candidate_details(items, config)
    skipped = list(before)
    decided = 0

    def ask(question: str, lines: Sequence[str]) -> str:
        for line in lines:
            click.echo(line, err=True)
        return click.prompt(question, default="s", show_default=False, err=True)

    def on_decision(entry, edit, line: str) -> None:
        nonlocal decided
        ident = edit.ident if edit is not None else next(r.ident for e, r in items if e is entry)
        if edit is None:
            skipped.append(ident)
        else:
            apply_edits(lock, [edit], titles)
            decided += 1
            while ident in skipped:
                skipped.remove(ident)
        save_skipped(state_dir, list(dict.fromkeys(skipped)))
        # stderr is not the marks-rendering stdout: click colours it (terminals only, no NO_COLOR)
        shown = terminal_safe(line)
        click.echo(
            click.style(shown, fg="green") if edit is not None else shown, err=True, color=colour()
        )

    walk(items, ask, details=details, on_decision=on_decision, open_url=webbrowser.open)
    return decided > 0


def _candidate_details(items, config) -> dict:
    """Full records (abstracts) of the candidates' arXiv ids, in one batched lookup; {} if arXiv fails."""
    from zotsync.resolve.sources import build_sources

    ids = sorted({c.paper.arxiv_id for _, r in items for c in r.candidates if c.paper.arxiv_id})
    if not ids:
        return {}
    try:
        answers = build_sources(config)["arxiv"].lookup([f"arxiv:{i}" for i in ids])
    except ZotsyncError:
        return {}
    return {key.split(":", 1)[1]: papers[0] for key, papers in answers.found.items() if papers}


def _render(report, as_json: bool) -> None:
    from zotsync.resolve.report import no_network_line, row_json, summary_lines

    if as_json:
        click.echo(
            json.dumps(
                [row_json(r, report.pending.get(r.entry.ident)) for r in report.rows],
                ensure_ascii=False,
                indent=2,
            )
        )
        for line in summary_lines(report):
            click.echo(line, err=True)
        return
    quiet = report.no_network  # one line for all of them, not a block per entry
    failed = 0
    for row in report.rows:
        res = row.resolution
        marks = report.pending.get(row.entry.ident, ())
        if quiet and res.reason_kind is Reason.SOURCE_FAILED:
            failed += 1
            continue
        if res.status.value in ("rejected", "not-a-paper") or (
            res.status.usable and not res.reason and not marks
        ):
            continue
        label = ("pending" if marks else "note") if res.status.usable else res.status.value
        click.echo(f"{label:<10} {row.entry.source}:{row.entry.line}  {row.entry.title}")
        why = [res.reason] if res.reason else []
        why += (
            [f"provisional: {', '.join(marks)} metadata not fetched yet (a service failed)"]
            if marks
            else []
        )
        click.echo(f"{'':<10} {'; '.join(why)}")
        for cand in res.candidates[:3]:
            click.echo(
                f"{'':<10}   ? {cand.paper.title} [{cand.paper.arxiv_id or cand.paper.doi or '-'}] "
                f"{cand.score:.2f} ({cand.source})"
            )
    if failed:
        click.echo(no_network_line(report, failed))
    for line in summary_lines(report):
        click.echo(line)
