"""The reading lists of one run, each read and parsed once.

    lists = read_lists(["reading.md"], config.zotero.root_collection)
    for lf in lists: lf.path, lf.root, lf.data, lf.entries

Every command that works on lists (push, pull, status, sync) starts here, so each
file is read once, keeps its exact bytes (pull rewrites byte-exact) and gets its
root collection name (:func:`~zotsync.push.desired.root_name`) in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zotsync.errors import InputError
from zotsync.model import Entry, ParseResult
from zotsync.parse import parse_file
from zotsync.push.desired import root_name


@dataclass(frozen=True)
class ListFile:
    """One reading list as read: its exact bytes (for byte-exact rewrites) and its parse."""

    path: str
    root: str  # its root collection name (the prefix of its collection and note slots)
    data: bytes
    parsed: ParseResult

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.parsed.entries


def distinct_paths(files: Sequence[str]) -> list[str]:
    """The lists named on the command line, each file once (``list.md ./list.md`` is one list).

    Files are compared by resolved path; the first spelling is kept. Reading a list twice
    would give every managed note two slots (``#0``/``#1``) and so two notes in Zotero.
    """
    seen: set[Path] = set()
    out: list[str] = []
    for name in files:
        real = Path(name).resolve()
        if real not in seen:
            seen.add(real)
            out.append(name)
    return out


def read_lists(
    files: Sequence[str], root_collection: str | None = None, *, command: str = "sync"
) -> list[ListFile]:
    """Read and parse each list once (see :func:`distinct_paths`), keeping its bytes.

    ``root_collection`` (``zotero.root_collection``) names one collection, so it takes one
    list; ``command`` names the command in the hint when several are given.
    """
    files = distinct_paths(files)
    if root_collection and len(files) > 1:
        raise InputError(
            "zotero.root_collection names one collection, but several lists were given",
            hint=f"{command} the lists one at a time, or unset root_collection",
        )
    return [read_list(path, root_name(path, root_collection)) for path in files]


def read_list(path: str, root: str) -> ListFile:
    parsed = parse_file(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:  # parse_file read it a moment ago; report a race plainly
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    return ListFile(path, root, data, parsed)


def all_entries(lists: Sequence[ListFile]) -> list[Entry]:
    """Every entry of the lists, in order."""
    return [e for lf in lists for e in lf.entries]


def by_root(lists: Sequence[ListFile]) -> list[tuple[str, Sequence[Entry]]]:
    """(root collection name, entries) per list: what the push engine plans from."""
    return [(lf.root, lf.entries) for lf in lists]
