"""Type checks for values read from the lock file: a wrong type is an InputError naming the block and field.

TOML gives typed values, but a hand-edited lock can hold anything (``title = 5``,
``authors = "A B"``, ``score = "hi"``, ``published = "yesterday"``). These
checks turn such a value into one ``Error:`` line (exit 3) that names the
block's line and the field, instead of a paper with garbage in it downstream.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from zotsync.errors import InputError
from zotsync.model import Candidate, Paper

_PAPER_FIELDS = tuple(f.name for f in dataclasses.fields(Paper))
_STR_FIELDS = (
    "title",
    "arxiv_id",
    "abstract",
    "doi",
    "journal_ref",
    "comment",
    "venue",
    "venue_type",
    "volume",
    "pages",
    "openreview_id",
    "url",
)
_DATE_FIELDS = ("published", "updated")
_INT_FIELDS = ("version", "year")
_LIST_FIELDS = ("authors", "categories")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def typed(
    table: Mapping[str, Any], key: str, types: tuple[type, ...], what: str, where: str
) -> None:
    value = table.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
        raise InputError(
            f"lock file {where}: field {key!r} must be {what}, not {value!r}",
            hint="fix the value, or delete the block to resolve it again",
        )


def number(value: Any, key: str, where: str) -> float:
    typed({key: value}, key, (int, float), "a number", where)
    return float(value)


def paper_from_table(table: Any, where: str, what: str = "paper") -> Paper | None:
    """An ``[entry.paper]`` (or candidate) table as a Paper, every field type-checked."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(f"lock file {where}: '{what}' must be a table")
    here = f"{where} ({what})"
    for name in _STR_FIELDS:
        typed(table, name, (str,), "text", here)
    for name in _INT_FIELDS:
        typed(table, name, (int,), "a whole number", here)
    for name in _DATE_FIELDS:
        typed(table, name, (str,), "a date YYYY-MM-DD", here)
        if name in table and not _DATE.match(table[name]):
            raise InputError(
                f"lock file {here}: field {name!r} must be a date YYYY-MM-DD, not {table[name]!r}"
            )
    for name in _LIST_FIELDS:
        v = table.get(name)
        if v is not None and (not isinstance(v, list) or not all(isinstance(x, str) for x in v)):
            raise InputError(
                f"lock file {here}: field {name!r} must be a list of strings, not {v!r}",
                hint=f'write it like {name} = ["A", "B"]',
            )
    kwargs = {
        name: tuple(table[name]) if name in _LIST_FIELDS else table[name]
        for name in _PAPER_FIELDS
        if name in table
    }
    kwargs.setdefault("title", "")
    return Paper(**kwargs)


def candidate_from_table(table: Mapping[str, Any], where: str) -> Candidate:
    paper = paper_from_table(
        {k: v for k, v in table.items() if k in _PAPER_FIELDS}, where, "candidate"
    )
    assert paper is not None
    score = number(table.get("score", 0.0), "score", f"{where} (candidate)")
    typed(table, "source", (str,), "text", f"{where} (candidate)")
    return Candidate(paper=paper, score=score, source=str(table.get("source", "?")))
