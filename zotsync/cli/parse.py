"""``zotsync parse FILE... [--json] [--format …]``: show what zotsync reads in a reading list."""

from __future__ import annotations

import json
from typing import Any

import click

from zotsync.cli import get_config
from zotsync.model import Entry, ParseResult, Skipped, to_jsonable
from zotsync.sections import CollectionPath, SectionRules, collection_paths, filing_notes
from zotsync.wording import count


def entry_json(entry: Entry, collection: CollectionPath = ()) -> dict[str, Any]:
    """One entry as the ``--json`` object: the documented keys first, then everything else.

    ``collection``: the Zotero collection path a push files it in (the list's root first).
    """
    data = to_jsonable(entry)
    data["ident"] = entry.ident
    data["collection"] = list(collection)
    first = (
        "title",
        "section",
        "arxiv_id",
        "openreview_id",
        "doi",
        "venue",
        "notes",
        "abstract",
        "links",
        "source",
        "line",
    )
    return {**{k: data[k] for k in first}, **{k: v for k, v in data.items() if k not in first}}


def _warn(skipped: Skipped) -> None:
    text = skipped.text if len(skipped.text) <= 100 else skipped.text[:97] + "..."
    click.echo(
        f"warning: {skipped.source}:{skipped.line}: skipped ({skipped.reason}): {text}", err=True
    )


def _ids(entry: Entry) -> str:
    if entry.arxiv_id:
        return f"arXiv:{entry.arxiv_id}" + (
            f"v{entry.arxiv_version}" if entry.arxiv_version else ""
        )
    if entry.openreview_id:
        return f"openreview:{entry.openreview_id}"
    if entry.doi:
        return f"doi:{entry.doi}"
    return ""


def render_tree(result: ParseResult, source: str, rules: SectionRules | None = None) -> list[str]:
    """The readable tree: the collections the entries go into (indented by depth, as ``rules``
    file the headings) and their entries, then a note for every heading filed differently from
    what its level says."""
    out = [f"{source}  ({result.dialect}, {result.encoding})"]
    shown: tuple[str, ...] = ()
    rules = rules or SectionRules()
    for entry, path in zip(result.entries, collection_paths(result.entries, rules)):
        common = 0
        while common < min(len(shown), len(path)) and shown[common] == path[common]:
            common += 1
        for depth in range(common, len(path)):
            out.append("  " * (depth + 1) + f"§ {path[depth]}")
        shown = path
        notes = f"notes: {len(entry.notes)} chars" if entry.notes else ""
        kind = f"({entry.kind})" if entry.kind != "paper" else ""
        extras = [x for x in (kind, _ids(entry), entry.venue, entry.hints.get("date"), notes) if x]
        title = entry.title or "(untitled link)"
        out.append(
            "  " * (len(path) + 1)
            + f"- {title}  [line {entry.line}]"
            + (f"  {' · '.join(extras)}" if extras else "")
        )
    out.extend(f"note: {note}" for note in filing_notes(result.entries, rules))
    out.append(f"{source}: {count(len(result.entries), 'entry')}, {len(result.skipped)} skipped")
    return out


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a JSON array of entries (one object per entry, document order) on stdout; "
    "`kind` says what an entry names (paper, repo, blog, video, …), `ids` lists every "
    "identifier found with where it came from, `section` is the headings above it as written "
    "and `collection` the Zotero collection path a push files it in (the list's root first). "
    "Skipped lines are still reported as warnings on stderr, so stdout stays pure JSON.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "markdown", "awesome", "hf", "table", "org", "text"]),
    default="auto",
    show_default=True,
    help="List dialect; auto detects it per file.",
)
@click.pass_context
def command(ctx: click.Context, files: tuple[str, ...], as_json: bool, fmt: str) -> None:
    """Show the papers, collections and notes zotsync reads in each FILE.

    \b
    Dialects: Markdown notes, awesome-list READMEs, Markdown tables, Org-mode outlines,
    plain-text lists, and Hugging Face "Daily Papers" pages copied as text. Lines that are neither a title nor a note
    (page chrome, stray text) are reported on stderr as "warning: FILE:LINE: skipped …".
    The § lines are the collections a push files the papers in (under the list's root
    collection) and the .bib's keywords: the headings, as [collections] in the config maps them.
    Exit 3 when a file is missing, a directory, binary, empty or not decodable.
    """
    from zotsync.parse import parse_files
    from zotsync.push.desired import root_name

    config = get_config(ctx)
    rules = config.collections
    results = parse_files(files, None if fmt == "auto" else fmt)
    for result in results:
        for skipped in result.skipped:
            _warn(skipped)
    if as_json:
        entries = [
            entry_json(e, (root_name(source, config.zotero.root_collection), *path))
            for source, r in zip(files, results)
            for e, path in zip(r.entries, collection_paths(r.entries, rules))
        ]
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    for source, result in zip(files, results):
        for line in render_tree(result, source, rules):
            click.echo(line)
    if len(results) > 1:
        total = sum(len(r.entries) for r in results)
        skipped = sum(len(r.skipped) for r in results)
        click.echo(
            f"total: {count(total, 'entry')}, {skipped} skipped in {count(len(results), 'file')}"
        )
