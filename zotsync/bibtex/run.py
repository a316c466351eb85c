"""``zotsync bib`` as one library call: list files → a written .bib and a report.

Steps, in order:

1. parse the reading lists (:func:`zotsync.parse.parse_files`, one result per file);
2. load the lock file; unless ``offline``, entries missing from it are first
   resolved with :func:`zotsync.resolve.resolve_entries` (which writes the
   lock); if the resolver is not installed the run continues offline and says so;
3. assign citation keys to usable decisions that have none — reserving the
   keys of foreign entries of the .bib being merged — and save them to the lock
   (only when something changed);
4. render, merge into the existing file if asked, and write atomically (or
   return the text for ``-o -``). Without ``merge`` an existing file is only
   replaced when it holds nothing but zotsync's own output (entries whose keys
   are in the lock or in this run's output, and zotsync's header comment);
   anything else — a user's hand-written entries, ``@string``s, notes, a file
   that is not BibTeX — is refused (:class:`InputError`: use ``--merge``).

Nothing is written when any step fails: an output path that cannot name a
file (a directory, ``out/``, a missing folder) or a .bib that does not parse
(with ``merge``) raises :class:`InputError` before the lock file or the output
is touched; a refused overwrite is detected after resolving (which may have
saved its decisions to the lock) but before the .bib or new keys are written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from zotsync.bibtex.fields import STYLES
from zotsync.bibtex.fingerprints import (
    entry_texts,
    hand_edited,
    load_record,
    record_path,
    save_record,
)
from zotsync.bibtex.keys import assign_keys
from zotsync.bibtex.render import HEADER, SANDBOX_HEADER, BibResult, render_bib
from zotsync.bibtex.writer import (
    check_output_path,
    entry_keys,
    foreign_text,
    merge_bib,
    write_atomic,
)
from zotsync.config import Config
from zotsync.errors import InputError
from zotsync.model import Entry, ParseResult, Resolution
from zotsync.parse import parse_files
from zotsync.resolve import resolve_entries
from zotsync.resolve.lockfile import load_lock, save_lock
from zotsync.wording import count, noun

__all__ = ["BibOptions", "BibRun", "bib_from_entries", "make_bib"]


@dataclass(frozen=True)
class BibOptions:
    """What the user asked for (``None`` = take it from the config's ``[bib]`` table)."""

    output: str = "-"  # a path, or "-" for stdout
    style: str | None = None
    merge: bool = False
    abstract: bool | None = None
    prefer_preprint: bool | None = None
    prefer_published: bool | None = None  # None: [zotero] prefer_published
    include_unresolved: bool = False
    code_links: bool = False
    offline: bool = False
    lock: str | None = None


@dataclass(frozen=True)
class BibRun:
    """What ``make_bib`` did."""

    result: BibResult
    text: str  # the full text written (merged when --merge)
    output: str
    lock_path: str
    new_keys: tuple[str, ...]  # keys assigned (and saved to the lock) by this run
    resolved: int = 0  # identities the resolver decided during this run
    notices: tuple[str, ...] = ()  # e.g. "offline: 2 entries not in the lock were left out"
    kept_edits: tuple[
        str, ...
    ] = ()  # keys of entries edited by hand in the .bib: left as the user has them
    lock: dict[str, Resolution] = field(
        default_factory=dict, repr=False
    )  # the lock after this run, citation keys included (what a push in the same run uses)


def _existing_bib(output: str) -> str | None:
    """The text of the .bib at ``output`` (``None`` for stdout or no file), every byte kept.

    Read with ``newline=""`` so CRLF line endings survive a merge; a UTF-8 BOM
    stays in the text (``\\ufeff``) and is therefore written back too.
    """
    if output == "-":
        return None
    path = check_output_path(output)
    if not path.exists():
        return None
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read {path}, which would be replaced: {exc.__class__.__name__}",
            hint="--merge needs a readable UTF-8 .bib; or write to another file",
        ) from None


def _hand_edited(
    existing_text: str | None, rendered: str, ours: set[str], record: dict[str, str], output: str
) -> set[str]:
    """Case-folded keys of zotsync's entries the user edited in the .bib since zotsync wrote them."""
    if not record or existing_text is None:
        return set()
    try:
        return hand_edited(
            entry_texts(existing_text, ours, output),
            entry_texts(rendered, ours, "<rendered>"),
            record,
        )
    except InputError:
        return (
            set()
        )  # not a readable .bib: refused below (--merge) or reported as foreign text (overwrite)


def _refuse_overwrite(
    existing_text: str, managed: set[str], output: str, edited: Sequence[str]
) -> None:
    """Without ``--merge``, a file holding anything zotsync did not write (or an entry edited by hand) is never
    replaced."""
    if edited:
        shown = ", ".join(edited[:5]) + (" …" if len(edited) > 5 else "")
        raise InputError(
            f"{output} has entries you edited by hand since zotsync wrote them ({shown})",
            hint="--merge keeps them and updates the rest; delete an entry to get zotsync's version back",
        )
    found = foreign_text(existing_text.lstrip("\ufeff"), managed, output)
    if found:
        shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
        raise InputError(
            f"{output} has entries zotsync did not write ({shown}); use --merge or another file",
            hint="--merge updates zotsync's entries and keeps everything else byte-for-byte",
        )


def _resolve_missing(
    entries: Sequence[Entry], config: Config, lock_path: str, lock: dict[str, Resolution]
) -> tuple[dict[str, Resolution], int]:
    """Resolve the identities the lock lacks (the resolver saves them to the lock)."""
    missing = {e.ident for e in entries} - set(lock)
    if not missing:
        return lock, 0
    fresh = resolve_entries(list(entries), config, lock_path=lock_path).lock
    return fresh, len(missing & set(fresh))


@dataclass(frozen=True)
class _Existing:
    """The .bib at the output path as it is before the run."""

    text: str | None  # without its BOM; None for stdout or no file
    bom: str
    keys: list[str]  # its entries' keys (read only when merging)


def _read_existing(opts: BibOptions) -> _Existing:
    text = _existing_bib(opts.output)
    bom = "\ufeff" if text and text.startswith("\ufeff") else ""
    if bom:
        text = text[1:]
    keys = entry_keys(text, opts.output) if opts.merge and text is not None else []
    return _Existing(text, bom, keys)


def _style(opts: BibOptions, config: Config) -> str:
    style = opts.style or config.bib.style
    if style not in STYLES:
        raise InputError(f"unknown style {style!r}", hint=f"use one of: {', '.join(STYLES)}")
    return style


def make_bib(
    paths: Sequence[str],
    config: Config,
    opts: BibOptions,
    parse: Callable[[list[str]], Sequence[ParseResult]] = parse_files,
) -> BibRun:
    """Run the steps in the module docstring and return what happened."""
    style = _style(opts, config)
    entries = [e for result in parse(list(paths)) for e in result.entries]
    existing = _read_existing(opts)  # a bad output path or unreadable .bib stops here
    lock_path = opts.lock or config.resolve.lock
    lock = load_lock(lock_path)
    notices: list[str] = []
    resolved = 0
    if opts.offline:
        missing = len({e.ident for e in entries} - set(lock))
        if missing:
            notices.append(
                f"offline: {count(missing, 'entry')} not in the lock {noun(missing, 'was')} left out"
            )
    else:
        lock, resolved = _resolve_missing(entries, config, lock_path, lock)
    return _write_bib(entries, lock, config, opts, style, existing, resolved, notices)


def bib_from_entries(
    entries: Sequence[Entry], lock: Mapping[str, Resolution], config: Config, opts: BibOptions
) -> BibRun:
    """Steps 3 and 4 for entries already parsed and a lock already read and resolved
    (``zotsync sync`` passes its own; nothing is parsed, read from the lock or resolved here)."""
    style = _style(opts, config)
    existing = _read_existing(opts)
    return _write_bib(entries, dict(lock), config, opts, style, existing, 0, [])


def _write_bib(
    entries: Sequence[Entry],
    lock: dict[str, Resolution],
    config: Config,
    opts: BibOptions,
    style: str,
    existing: _Existing,
    resolved: int,
    notices: list[str],
) -> BibRun:
    """Assign keys, render, merge or refuse, write; save new keys to the lock."""
    existing_text = existing.text
    lock_path = opts.lock or config.resolve.lock
    managed = {r.citation_key.casefold() for r in lock.values() if r.citation_key}
    foreign = [k for k in existing.keys if k.casefold() not in managed]
    keyed = assign_keys(lock, config.bib.key_format, reserved=foreign)
    new_keys = tuple(
        sorted(
            {
                r.citation_key
                for i, r in keyed.items()
                if r.citation_key and not lock[i].citation_key
            }
        )
    )

    result = render_bib(
        entries,
        keyed,
        style=style,
        abstract=config.bib.abstract if opts.abstract is None else opts.abstract,
        prefer_preprint=config.bib.prefer_preprint
        if opts.prefer_preprint is None
        else opts.prefer_preprint,
        prefer_published=config.zotero.prefer_published
        if opts.prefer_published is None
        else opts.prefer_published,
        include_unresolved=opts.include_unresolved,
        code_links=opts.code_links,
        header=SANDBOX_HEADER if config.sandbox else HEADER,
        sections=config.collections,
    )
    ours = {k.casefold() for k in result.keys}
    record_file = record_path(config.zotero.state_dir, opts.output) if opts.output != "-" else None
    record = load_record(record_file) if record_file and existing_text is not None else {}
    edited = _hand_edited(existing_text, result.text, ours, record, opts.output)
    kept = tuple(sorted(k for k in result.keys if k.casefold() in edited))
    if opts.merge and existing_text is not None:
        text = existing.bom + merge_bib(
            existing_text, result.text, source=opts.output, keep=frozenset(edited)
        )
    else:
        if existing_text is not None:
            _refuse_overwrite(
                existing_text,
                managed | {k.casefold() for k in result.keys + result.placeholders},
                opts.output,
                kept,
            )
        text = result.text
    if record_file is not None:
        write_atomic(opts.output, text)
        save_record(record_file, entry_texts(text, ours, opts.output), record, edited)
    if new_keys:
        save_lock(lock_path, keyed)
    return BibRun(
        result,
        text,
        opts.output,
        str(lock_path),
        new_keys,
        resolved,
        tuple(notices),
        kept,
        lock=dict(keyed),
    )
