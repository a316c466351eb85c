"""A pulled note's lines, with the user's own bytes wherever the user's text did not change.

A note goes to Zotero as HTML and comes back as Markdown (:mod:`.html2md`): runs of spaces,
the list's indentation (tab, two or four spaces), lazy ``1.`` numbering and the bullet
character are lost on the way. So pull must not take the Markdown as it comes back; it
keeps, for every line:

* the user's exact line, when its words came back unchanged at the same place (a list
  item at the same depth, still a bullet or still numbered; any other line still
  indented or not);
* the user's indentation and marker, when only the item's text changed (one line
  replaced by one at the same depth and kind);
* the indentation the user gives that depth elsewhere in the note, for a new item.

The structure is checked at the end: if the kept bytes would nest any item differently
from the note in Zotero, the plain Markdown is used instead — bytes are only kept when
they say the same thing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from .nesting import ITEM, item_depths

_BULLET_MARK = re.compile(r"^[-*+](?=\s)")
_NUMBER_MARK = re.compile(r"^\d{1,9}[.)](?=\s)")

Key = tuple[int | bool | None, str]


def keep_untouched(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """``new`` (the pulled note's lines) with the user's bytes from ``old`` kept (module docs)."""
    old, new = list(old), list(new)
    old_keys, new_keys = line_keys(old), line_keys(new)
    kept = list(new)
    fixed = [False] * len(new)
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept[j1:j2] = old[i1:i2]
            fixed[j1:j2] = [True] * (j2 - j1)
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if _same_place(old_keys[i], new_keys[j]):
                    kept[j] = _prefix(old[i]) + _text(new[j])
                    fixed[j] = True
    _indent_new_items(kept, fixed, new_keys, old, old_keys)
    wanted = list(item_depths(new))
    if list(item_depths(kept)) == wanted:
        return kept
    plain = list(new)
    for block in matcher.get_matching_blocks():
        plain[block.b : block.b + block.size] = old[block.a : block.a + block.size]
    return plain if list(item_depths(plain)) == wanted else list(new)


def line_keys(texts: Sequence[str]) -> list[Key]:
    """Each line as a Zotero note can tell it apart: its words (spaces collapsed; bullet
    character and numbers are spelling) and where it sits — a list item's depth
    (:mod:`.nesting`), else whether it is indented."""
    keys: list[Key] = []
    for text, depth in zip(texts, item_depths(texts)):
        words = " ".join(text.split())
        if depth is None:
            keys.append((text[:1] in (" ", "\t"), words))
        else:
            keys.append((depth, _NUMBER_MARK.sub("#", _BULLET_MARK.sub("*", words))))
    return keys


def _same_place(a: Key, b: Key) -> bool:
    """Both list items, at one depth, of one kind (bullet or numbered)."""
    return (
        isinstance(a[0], int)
        and not isinstance(a[0], bool)
        and a[0] == b[0]
        and a[1][:1] == b[1][:1]
        and a[1][:1] in ("*", "#")
    )


def _prefix(line: str) -> str:
    m = ITEM.match(line)
    return line[: m.start("text")] if m else ""


def _text(line: str) -> str:
    m = ITEM.match(line)
    return line[m.start("text") :] if m else line.lstrip()


def _indent_new_items(
    kept: list[str], fixed: list[bool], keys: list[Key], old: list[str], old_keys: list[Key]
) -> None:
    """A new item takes the indentation the user gives its depth: the nearest item of that
    depth above it, else the first one in the old note."""
    seen: dict[int, str] = {}
    for line, key in zip(old, old_keys):
        if _is_depth(key[0]):
            seen.setdefault(key[0], _indent(line))  # type: ignore[arg-type]
    for j, key in enumerate(keys):
        if not _is_depth(key[0]):
            continue
        depth: int = key[0]  # type: ignore[assignment]
        if not fixed[j] and depth in seen:
            kept[j] = seen[depth] + kept[j].lstrip(" \t")
        seen[depth] = _indent(kept[j])


def _is_depth(value: int | bool | None) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]
