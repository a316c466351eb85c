"""One line of a list -> its Markdown pieces: links, brackets, parentheses, bold, bare URLs, text.

:func:`tokenize` is a single linear pass (brackets and parentheses are matched with
stacks up front), so a pathological line cannot make it slow. It understands the
forms real lists use:

==========================  ====================================================
``[Title](url)``            ``link``
``[[Title](url)]``          ``double`` (the awesome-list habit)
``[Title]``                 ``bracket`` (no link); ``[[Code]]`` too
``[Title]()https://…``      ``link`` with an empty URL, then ``url`` (a broken link)
``(note)`` / ``（注）``       ``paren``
``**bold**``                ``bold``
``https://…``               ``url``
anything else               ``text``
==========================  ====================================================
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from zotsync.parse.identifiers import strip_trailing_punctuation

_URL_START = re.compile(r"https?://", re.IGNORECASE)
_URL_END = re.compile(r"[\s<>\"'\[\]]")
_OPEN = {"[": "]", "(": ")", "（": "）"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKET = re.compile(r"[\[\]()（）]")
_SPECIAL = re.compile(r"[\[(（*]|https?://", re.IGNORECASE)  # where a segment can start


@dataclass(frozen=True)
class Segment:
    kind: str  # link | double | bracket | paren | bold | url | text
    text: str  # link/bracket text, paren/bold content, the URL, or the plain text
    start: int  # offsets into the line: line[start:end] is the segment's raw text
    end: int
    url: str | None = None  # link target ("" for ``[T]()``)


def _match_pairs(line: str) -> dict[int, int]:
    """Opening offset -> closing offset for balanced ``[]``, ``()`` and ``（）`` (one stack each)."""
    stacks: dict[str, list[int]] = {k: [] for k in _OPEN}
    pairs: dict[int, int] = {}
    for m in _BRACKET.finditer(line):
        ch, i = m.group(), m.start()
        if ch in _OPEN:
            stacks[ch].append(i)
        elif stacks[_CLOSE[ch]]:
            pairs[stacks[_CLOSE[ch]].pop()] = i
    return pairs


def _link_target(raw: str) -> str:
    """``<url> "title"`` / ``url 'title'`` / ``url`` -> url."""
    raw = raw.strip()
    if raw.startswith("<") and ">" in raw:
        return raw[1 : raw.index(">")].strip()
    return raw.split()[0] if raw else ""


def _bracket_at(line: str, i: int, pairs: dict[int, int], outer: bool = True) -> Segment | None:
    close = pairs.get(i)
    if close is None:
        return None
    inner = line[i + 1 : close]
    after = close + 1
    if after < len(line) and line[after] == "(" and after in pairs:
        end = pairs[after] + 1
        return Segment("link", inner, i, end, url=_link_target(line[after + 1 : end - 1]))
    if outer and inner.startswith("[") and (i + 1) in pairs:  # [[Title](url)] or [[Code]]
        inner_seg = _bracket_at(line, i + 1, pairs, outer=False)
        if inner_seg and inner_seg.kind == "link" and inner_seg.end == close:
            return Segment("double", inner_seg.text, i, close + 1, url=inner_seg.url)
    return Segment("bracket", inner, i, close + 1)


def tokenize(line: str) -> list[Segment]:
    """Split one line into segments, in order; ``"".join(raw of segments)`` is the line.

    A line is read by several stages (its entry's parts, then its identifiers); segments are
    immutable, so the pieces of the lines seen last are kept and each caller gets a new list."""
    return list(_tokenize(line))


# as many lines as the item cache: dialect detection alone reads up to 5,000
@functools.lru_cache(maxsize=8192)
def _tokenize(line: str) -> tuple[Segment, ...]:
    pairs = _match_pairs(line)
    segments: list[Segment] = []
    text_start = i = 0
    n = len(line)

    def flush(upto: int) -> None:
        if upto > text_start:
            segments.append(Segment("text", line[text_start:upto], text_start, upto))

    first = _SPECIAL.search(line)
    i = first.start() if first else n
    while i < n:
        ch = line[i]
        seg: Segment | None = None
        if ch == "[":
            seg = _bracket_at(line, i, pairs)
        elif ch in "(（" and i in pairs:
            seg = Segment("paren", line[i + 1 : pairs[i]], i, pairs[i] + 1)
        elif ch == "*" and line.startswith("**", i):
            close = line.find("**", i + 2)
            if close > i + 2:
                seg = Segment("bold", line[i + 2 : close], i, close + 2)
        elif ch in "hH" and _URL_START.match(line, i) and (i == 0 or not line[i - 1].isalnum()):
            m = _URL_END.search(line, i)
            end = m.start() if m else n
            url = strip_trailing_punctuation(line[i:end])
            seg = Segment("url", url, i, i + len(url))
        if seg is None:
            nxt = _SPECIAL.search(line, i + 1)
            i = nxt.start() if nxt else n
            continue
        flush(seg.start)
        segments.append(seg)
        i = text_start = seg.end
    flush(n)
    return tuple(segments)
