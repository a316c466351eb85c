"""``zotsync status FILE... [--json]`` — where each entry changed since the last sync.

Per entry: its note, its item and its collection membership, each ``unchanged``,
``list`` (changed in the list), ``zotero`` (changed in Zotero), ``both`` (a conflict),
or ``new`` / ``deleted-in-zotero`` / ``conflict-pending`` / ``none``; an entry with no
usable decision in the lock is ``unresolved`` (or ``left-out`` when you rejected it or
marked it not a paper). Papers no list names any more but still in the lists'
collections are listed after the entries. Reads the library; writes nothing.
"""

from __future__ import annotations

import json

import click

from zotsync.cli import get_config, sandbox_option, style
from zotsync.model import to_jsonable
from zotsync.twoway.status import StatusReport, status
from zotsync.wording import count, noun

_QUIET = ("unchanged", "none")
_WORDS = {
    "list": "changed in the list",
    "zotero": "changed in Zotero",
    "both": "changed on both sides",
    "converged": "changed on both sides, to the same text",
    "new": "not in Zotero yet",
    "deleted-in-zotero": "deleted in Zotero",
    "no-longer-listed": "no longer listed",
    "conflict-pending": "conflict block waiting in the list",
}
_ASIDE = ("unresolved", "left-out")  # entries zotsync does not push: counted, not listed one by one


def render(report: StatusReport) -> str:
    """Human text: only the entries where something changed, then a one-line count per aspect."""
    out = []
    for row in report.rows:
        parts = [
            f"{aspect} {_WORDS.get(value, value)}"
            for aspect, value in (
                ("note", row.note),
                ("item", row.item),
                ("collections", row.collections),
            )
            if value not in _QUIET + _ASIDE
        ]
        if parts:
            both = any(
                v in ("both", "conflict-pending") for v in (row.note, row.item, row.collections)
            )
            detail = style("; ".join(parts), "red" if both else "yellow")
            out.append(f"{row.source}:{row.line}  {row.title[:60]}\n    " + detail)
    if report.unlisted:
        out.append(
            f"{count(len(report.unlisted), 'paper')} no list names any more {noun(len(report.unlisted), 'is')} still in the lists' collections "
            "(the next push takes them out; --prune trashes those zotsync created):"
        )
        out.extend(f"    {title[:70]}" for _, title in report.unlisted)
    aside = sum(1 for r in report.rows if r.item == "unresolved")
    if aside:
        out.append(
            f"{aside} {'entry has' if aside == 1 else 'entries have'} no usable decision in the lock and "
            "so no item in Zotero (`zotsync resolve` decides them; `--review` walks the close calls)."
        )
    pushed = sum(1 for r in report.rows if r.item not in _ASIDE)
    if report.in_sync and pushed:
        out.append(
            f"Everything is in sync with {report.library} ({pushed} of {count(len(report.rows), 'entry')} in Zotero)."
        )
    for aspect in ("note", "item", "collections"):
        counts = ", ".join(f"{n} {k}" for k, n in sorted(report.counts(aspect).items()))
        out.append(f"{aspect + 's' if aspect != 'collections' else 'membership'}: {counts}")
    return "\n".join(out)


@click.command(
    name="status", short_help="Show what changed per entry: in the list, in Zotero, or both."
)
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object: library, in_sync, entries (one object per entry), counts, unlisted.",
)
@click.option(
    "--exit-code",
    "exit_code",
    is_flag=True,
    help="Exit 1 when anything differs between the lists and Zotero, 0 when in sync (like `git diff --exit-code`).",
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
    as_json: bool,
    exit_code: bool,
    lock: str | None,
    sandbox: bool,
) -> None:
    """Show, per entry, whether its note, item and collections changed in the list, in Zotero, or both."""
    report = status(list(files), get_config(ctx, sandbox_for=files if sandbox else None), lock=lock)
    if as_json:
        data = {
            "library": report.library,
            "in_sync": report.in_sync,
            "entries": to_jsonable(report.rows),
            "counts": {a: report.counts(a) for a in ("note", "item", "collections")},
            "unlisted": [{"ident": slot, "title": title} for slot, title in report.unlisted],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render(report))
    if exit_code and not report.in_sync:
        ctx.exit(1)
