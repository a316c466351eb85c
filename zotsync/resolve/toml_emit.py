"""A tiny, deterministic TOML writer for the lock file.

Why not a dependency: the lock file uses a fixed, small subset of TOML (string,
int, float, bool and string-array values; plain tables; arrays of tables), and
its bytes must be stable across versions of any library so that diffs only
show real changes. Writing that subset is ~60 lines; reading stays with the
standard library's :mod:`tomllib`, which checks that everything we write is
valid TOML (the tests round-trip every value type through it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\b": "\\b",
    "\f": "\\f",
}


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def key(name: str) -> str:
    """A key, bare when TOML allows it, else quoted."""
    return name if _BARE_KEY.match(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string: one line, every control character escaped."""
    if not _NEEDS_ESCAPE.search(text):  # the common case, without a per-character loop
        return f'"{text}"'
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def value(v: Any) -> str:
    """One value of the supported subset."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"cannot write non-finite float {v!r} to the lock file")
        return repr(round(v, 4))
    if isinstance(v, str):
        return string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise TypeError(f"unsupported TOML value type {type(v).__name__}")


def pairs(table: Mapping[str, Any]) -> list[str]:
    """``key = value`` lines for the scalar and array members of a table, in insertion order.

    ``None`` values are omitted (TOML has no null); nested mappings and lists of
    mappings are the caller's business (they become their own table headers).
    """
    lines = []
    for k, v in table.items():
        if v is None or isinstance(v, Mapping) or _is_table_array(v):
            continue
        lines.append(f"{key(k)} = {value(v)}")
    return lines


def _is_table_array(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and bool(v) and all(isinstance(x, Mapping) for x in v)


def table_block(header: str, table: Mapping[str, Any], *, array: bool = False) -> list[str]:
    """A table header followed by its pairs, then its sub-tables and arrays of tables."""
    lines = [f"[[{header}]]" if array else f"[{header}]"]
    lines.extend(pairs(table))
    for k, v in table.items():
        if isinstance(v, Mapping):
            lines.append("")
            lines.extend(table_block(f"{header}.{key(k)}", v))
        elif _is_table_array(v):
            for item in v:
                lines.append("")
                lines.extend(table_block(f"{header}.{key(k)}", item, array=True))
    return lines


def comment_block(text: Iterable[str]) -> list[str]:
    """Lines of ``# …`` comments."""
    return [f"# {line}".rstrip() for line in text]
