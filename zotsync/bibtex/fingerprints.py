"""What zotsync last wrote for each of its entries in a .bib, so an entry edited by hand is never overwritten.

A user who fixes a title's capitalisation or adds a ``note`` to one of zotsync's
entries in ``references.bib`` expects the fix to survive the next ``zotsync bib
--merge`` or ``zotsync sync``. After writing a .bib, zotsync keeps a hash of each
of its entries as written (:func:`entry_hash`: line endings and trailing blanks
ignored) in ``<state_dir>/bib/<file name>-<path hash>.json``. On the next run an
entry whose text matches neither that hash nor the new rendering was edited by
hand: it is kept as it is and reported. Deleting it from the .bib brings
zotsync's version back. Without a record (a fresh clone, the first run) every
entry is zotsync's, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from zotsync.atomic import write_json_atomic
from zotsync.bibtex.writer import split_blocks

FORMAT = 1


def entry_hash(text: str) -> str:
    """A short hash of one entry's text, blind to line endings and trailing whitespace."""
    lines = [
        line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    ]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def record_path(state_dir: str | os.PathLike[str], output: str) -> Path:
    """Where the hashes of ``output``'s entries are kept (one file per .bib path)."""
    where = os.path.abspath(output)
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:10]
    return Path(state_dir) / "bib" / f"{Path(where).name}-{digest}.json"


def load_record(path: Path) -> dict[str, str]:
    """Case-folded citation key → hash of the entry as zotsync wrote it (empty when unknown or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data.get("entries", {}) if isinstance(data, dict) else {}
        return {str(k): str(v) for k, v in entries.items()}
    except (OSError, ValueError):
        return {}  # no record: every managed entry counts as zotsync's own, as before records existed


def entry_texts(text: str, keys: set[str], source: str) -> dict[str, str]:
    """The text of each entry of ``text`` whose case-folded key is in ``keys`` (the first one of a key)."""
    found: dict[str, str] = {}
    for block in split_blocks(text, source):
        folded = block.key.casefold() if block.is_entry and block.key else None
        if folded in keys and folded not in found:
            found[folded] = text[block.start : block.end]
    return found


def hand_edited(
    existing: Mapping[str, str], rendered: Mapping[str, str], record: Mapping[str, str]
) -> set[str]:
    """Keys whose entry in the file is neither what zotsync last wrote nor what it would write now."""
    return {
        key
        for key, text in existing.items()
        if key in record
        and key in rendered
        and entry_hash(text) not in (record[key], entry_hash(rendered[key]))
    }


def save_record(
    path: Path, written: Mapping[str, str], record: Mapping[str, str], kept: set[str]
) -> None:
    """Record the entries zotsync just wrote; a kept hand edit keeps its old hash (it stays the user's)."""
    entries = {
        key: record[key] if key in kept else entry_hash(text)
        for key, text in sorted(written.items())
    }
    write_json_atomic(path, {"format": FORMAT, "entries": entries})
