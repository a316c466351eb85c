"""``zotsync bib``: reading lists → a .bib with stable citation keys.

Parses options, calls :func:`zotsync.bibtex.run.make_bib`, and prints a summary
to stderr (the .bib itself goes to stdout with ``-o -``), or with ``--json`` the summary
as one JSON object on stdout.
"""

from __future__ import annotations

import json
from typing import Any

import click

from zotsync.cli import get_config, sandbox_option
from zotsync.cli.shape import prefer_published_option
from zotsync.model import to_jsonable
from zotsync.wording import count


def run_json(run) -> dict[str, Any]:
    """``bib --json``: what was written and what was left out, as one object."""
    res = run.result
    data: dict[str, Any] = {
        "output": run.output,
        "keys": list(res.keys),
        "new_keys": list(run.new_keys),
        "lock": run.lock_path,
        "resolved": run.resolved,
        "left_out": [{**to_jsonable(i), "user_choice": i.user_choice} for i in res.left_out],
        "placeholders": list(res.placeholders),
        "kept_edits": list(run.kept_edits),
        "notices": list(run.notices),
        "warnings": list(res.warnings),
    }
    if run.output == "-":
        data["text"] = run.text  # stdout carries the JSON, so the .bib travels inside it
    return data


def _summary(run) -> list[str]:
    res = run.result
    lines = [
        f"{count(len(res.keys), 'entry')} written to {'stdout' if run.output == '-' else run.output}"
        + (
            f" ({count(len(run.new_keys), 'new citation key')} saved to {run.lock_path})"
            if run.new_keys
            else ""
        )
    ]
    if run.resolved:
        lines.append(f"resolved {count(run.resolved, 'new entry')} first")
    lines.extend(run.notices)
    skipped = [i for i in res.left_out if not i.user_choice]
    if skipped:
        lines.append(f"{len(skipped)} left out (not guessed; see `zotsync resolve --review`):")
        lines.extend(f"  {i.where}  [{i.status}] {i.title}" for i in skipped)
    chosen = [i for i in res.left_out if i.user_choice]
    if chosen:
        lines.append(f"{len(chosen)} left out as you marked them (rejected / not a paper)")
    if res.placeholders:
        lines.append(f"{len(res.placeholders)} placeholders written (keys start with 'unresolved')")
    if run.kept_edits:
        n = len(run.kept_edits)
        lines.append(
            f"{n} {'entry' if n == 1 else 'entries'} you edited by hand in {run.output} kept as "
            f"{'it is' if n == 1 else 'they are'} (delete it from the file to get zotsync's version back): "
            + ", ".join(run.kept_edits)
        )
    lines.extend(f"warning: {w}" for w in res.warnings)
    return lines


@click.command(short_help="Write a .bib with stable citation keys from the lock file.")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, help="The .bib to write; '-' for stdout.")
@click.option(
    "--offline", is_flag=True, help="Never resolve: use only what the lock file already knows."
)
@click.option(
    "--style",
    type=click.Choice(["bibtex", "biblatex"]),
    default=None,
    help="bibtex: @misc with LaTeX-escaped text (default). biblatex: @online, UTF-8 kept.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="Update zotsync's entries in an existing OUT.bib; keep all else as is.",
)
@click.option("--abstract", is_flag=True, default=None, help="Include abstracts.")
@click.option(
    "--prefer-preprint",
    is_flag=True,
    default=None,
    help="Cite the arXiv preprint even with --prefer-published / zotero.prefer_published.",
)
@prefer_published_option
@click.option(
    "--include-unresolved", is_flag=True, help="Write marked placeholders for entries not resolved."
)
@click.option("--code-links", is_flag=True, help="Add the list's code link as a note.")
@click.option(
    "--lock",
    "lock",
    type=click.Path(),
    default=None,
    help="Lock file (default: zotsync.lock, or ZOTSYNC_LOCK).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object on stdout instead of the summary: output, keys (written, in "
    "file order), new_keys, lock, resolved, left_out (ident, title, where, status, reason, "
    "user_choice), placeholders, kept_edits, notices, warnings; with -o - also text (the .bib).",
)
@sandbox_option
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[str, ...],
    output: str,
    offline: bool,
    style: str | None,
    merge: bool,
    abstract: bool | None,
    prefer_preprint: bool | None,
    prefer_published: bool,
    include_unresolved: bool,
    code_links: bool,
    lock: str | None,
    as_json: bool,
    sandbox: bool,
) -> None:
    """Write FILE...'s papers to a .bib (BibTeX or biblatex) with Better BibTeX-style keys.

    \b
    Keys come from the lock file and never change once given. Entries still
    under review or unresolved are left out and listed (never guessed).
    Entries describe the arXiv preprint (year: its latest version's), or with
    --prefer-published the published version where an authoritative source names
    its venue -- the same version as the Zotero item.
    Examples:
      zotsync bib notes.md -o refs.bib
      zotsync bib notes.md -o refs.bib --merge --style biblatex
    """
    from zotsync.bibtex.run import BibOptions, make_bib

    config = get_config(ctx, sandbox_for=files if sandbox else None)
    opts = BibOptions(
        output=output,
        style=style,
        merge=merge,
        abstract=abstract or None,
        prefer_preprint=prefer_preprint or None,
        prefer_published=prefer_published or None,
        include_unresolved=include_unresolved,
        code_links=code_links,
        offline=offline,
        lock=lock,
    )
    run = make_bib(list(files), config, opts)
    if as_json:
        click.echo(json.dumps(run_json(run), ensure_ascii=False, indent=2))
        return
    if output == "-":
        click.echo(run.text, nl=False)
    for line in _summary(run):
        click.echo(line, err=True)
