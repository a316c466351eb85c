"""Which collection a listed paper goes into: the list's headings → collection paths.

The parser keeps the headings as written (:attr:`Entry.section`, with the level of each in
:attr:`Entry.section_levels`). This module decides, once, which of them a paper is filed
under; the same path names its collections in Zotero (``push``, ``status``, ``pull``), gives
its ``keywords`` in the .bib and is the tree ``zotsync parse`` shows:

    paths = collection_paths(entries, SectionRules())        # one path per entry, in order
    for note in filing_notes(entries, SectionRules()): ...   # what "auto" read differently

The rules (``[collections]`` in ``zotsync.toml``), applied in this order:

``nesting``
    ``"headings"``: a heading sits inside every open heading of a lower level, as Markdown
    scope says. ``"auto"`` (the default) does the same, except for one common shape: a heading
    that *skips* a level under its parent (``####`` right under ``##``, no ``###`` between)
    while headings of its level already stood at the top of the file, outside any section.
    Then the author uses that level for top-level topics and the shallower heading was a
    one-off: the heading starts a new top-level collection instead of nesting. (Seed 000 of
    the project: ``#### Data Scale``, ``#### RM``, ``#### DPO and RLHF`` … after a lone
    ``## Language_based Detector``, with ``####`` headings at the top of the file.) A skipped
    level alone is not enough (``## Theory`` over ``#### 2019`` is a real subsection).
``flatten``
    Heading names whose subsections become their siblings: with
    ``flatten = ["Language_based Detector"]``, ``#### RM`` under it is filed as ``RM``, next
    to it; papers directly under the heading stay in it. Names compare case-insensitively.
``levels``
    Only headings of these levels become collections (``[2, 3]``); papers under another
    level's heading go into the nearest kept heading above (or the list's root). Empty: all.
``max_depth``
    At most this many collections below the list's root; deeper headings are filed under
    their ancestor at that depth. ``0``: every paper in the root collection, no keywords
    from headings. Unset: no limit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from zotsync.config import Nesting, SectionRules
from zotsync.model import Entry
from zotsync.wording import count, noun

CollectionPath = tuple[str, ...]

__all__ = [
    "CollectionPath",
    "Lift",
    "Nesting",
    "SectionRules",
    "collection_paths",
    "filing_notes",
]


@dataclass(frozen=True)
class Lift:
    """A heading that ``nesting = "auto"`` filed next to its parent instead of inside it."""

    source: str
    name: str
    level: int
    parent: str
    parent_level: int
    evidence_line: int  # where a heading of ``level`` stood at the top of the file


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _levels(entry: Entry) -> tuple[int, ...]:
    """The level of each section component (by depth when the parser did not record levels)."""
    if len(entry.section_levels) == len(entry.section):
        return entry.section_levels
    return tuple(range(1, len(entry.section) + 1))


def _by_file(entries: Sequence[Entry]) -> dict[str, list[int]]:
    """Indexes of the entries of each file, in document order."""
    files: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        files.setdefault(entry.source, []).append(i)
    for indexes in files.values():
        indexes.sort(key=lambda i: entries[i].line)
    return files


def _walk(
    entries: Sequence[Entry], rules: SectionRules
) -> Iterator[tuple[int, CollectionPath, list[Lift]]]:
    """(index, collection path below the root, headings lifted for it) for every entry."""
    flattened = frozenset(_fold(name) for name in rules.flatten)
    for indexes in _by_file(entries).values():
        top: dict[int, int] = {}  # heading level -> first line it stood at the top of the file
        for i in indexes:
            entry = entries[i]
            levels = _levels(entry)
            kept: list[tuple[str, int]] = []
            lifts: list[Lift] = []
            for name, level in zip(entry.section, levels):
                if (
                    rules.nesting is Nesting.AUTO
                    and kept
                    and level > kept[-1][1] + 1
                    and level in top
                    and top[level] < entry.line
                ):
                    parent, parent_level = kept[-1]
                    lifts.append(Lift(entry.source, name, level, parent, parent_level, top[level]))
                    kept = []
                kept.append((name, level))
            if entry.section:
                top.setdefault(levels[0], entry.line)
            elif entry.heading_level is not None:
                top.setdefault(entry.heading_level, entry.line)
            path = [
                (name, level)
                for depth, (name, level) in enumerate(kept)
                if depth == len(kept) - 1 or _fold(name) not in flattened
            ]
            if rules.levels:
                path = [(name, level) for name, level in path if level in rules.levels]
            names = tuple(name for name, _ in path)
            if rules.max_depth is not None:
                names = names[: rules.max_depth]
            yield i, names, lifts


def collection_paths(entries: Sequence[Entry], rules: SectionRules) -> tuple[CollectionPath, ...]:
    """The collection path (below the list's root) of each entry, in the order given.

    Entries of several files may be mixed: each file is read on its own, in line order.
    """
    out: list[CollectionPath] = [()] * len(entries)
    for i, path, _ in _walk(entries, rules):
        out[i] = path
    return tuple(out)


def filing_notes(entries: Sequence[Entry], rules: SectionRules) -> list[str]:
    """One line per heading ``nesting = "auto"`` did not nest under its parent, and per
    ``flatten`` name no heading has (a typo would otherwise change nothing, silently)."""
    lifted: dict[tuple[str, str, str], Lift] = {}
    for _, _, lifts in _walk(entries, rules):
        for lift in lifts:
            lifted.setdefault((lift.source, lift.parent, lift.name), lift)
    notes = []
    groups: dict[tuple[str, str, int, int, int], list[str]] = {}
    for lift in lifted.values():
        key = (lift.source, lift.parent, lift.parent_level, lift.level, lift.evidence_line)
        groups.setdefault(key, []).append(lift.name)
    for (source, parent, parent_level, level, line), names in groups.items():
        shown = ", ".join(f"'{n}'" for n in names[:3]) + (", …" if len(names) > 3 else "")
        skipped = (
            f"level {parent_level + 1}"
            if level == parent_level + 2
            else f"levels {parent_level + 1}-{level - 1}"
        )
        notes.append(
            f"{source}: {count(len(names), f'level-{level} heading')} ({shown}) "
            f"{noun(len(names), 'is')} filed next to '{parent}' (level {parent_level}), not inside "
            f"it: {noun(len(names), 'it')} {noun(len(names), 'skips')} {skipped}, and level {level} "
            f'is used at the top of the file (line {line}). To nest: [collections] nesting = "headings"'
        )
    names = {_fold(n) for e in entries for n in e.section}
    for wanted in rules.flatten:
        if _fold(wanted) not in names:
            notes.append(f"[collections] flatten: no heading is named '{wanted}'")
    return notes
