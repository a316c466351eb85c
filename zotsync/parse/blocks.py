"""The block structure of a Markdown list, read by a CommonMark + GFM parser (markdown-it-py).

:func:`read_blocks` runs markdown-it-py (CommonMark, GFM tables, footnotes, front matter) once
over the whole text and keeps what the line walk in :mod:`.markdown` needs, by 0-based line
index (markdown-it's ``map``), so that every entry keeps its exact source lines for ``pull``:

* ``headings`` – ATX and setext headings, and HTML headings (``<h2 id=…>Title</h2>`` in an
  HTML block, read with :mod:`html.parser`); text with inline markup kept;
* ``code`` – the lines of fenced code (never titles);
* ``tables`` – each GFM table with its header cells and rows (cell source text, escaped pipes
  and pipes in code spans handled by the parser), by the index of its header line;
* ``front_matter`` – a YAML/TOML front matter block at the top (metadata, not papers);
* ``footnotes`` – the first line of each footnote definition (``[^1]: …``);
* ``joined`` – paragraphs whose link text or emphasis runs over a line break
  (``[Sequence to⏎sequence learning](…)``): first index -> index after the last line, so the
  walk reads them as one logical line;
* ``quotes`` – lines inside block quotes (``> …``): prose, unless they link a paper;
* ``lists`` – the lines of each outermost list (a table of contents is one);
* ``chrome`` – lines of HTML blocks that carry no words (``<details>``, ``<a name=…></a>``,
  ``<p align=center>``): page furniture, never a title or a note;
* a ``<summary>`` names the items folded under it: a heading of the deepest level.

Indented code blocks are not taken as code: in hand-written lists an indented line is a
continuation (links under a title, notes), which is how people read them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (0-based line index, cell source texts)
    end: int  # index after the table's last line


@dataclass
class Blocks:
    headings: dict[int, tuple[int, str]] = field(default_factory=dict)
    heading_end: dict[int, int] = field(default_factory=dict)  # index after a heading's lines
    code: set[int] = field(default_factory=set)
    tables: dict[int, Table] = field(default_factory=dict)
    front_matter: range = range(0)
    footnotes: dict[int, str] = field(default_factory=dict)  # line -> label
    joined: dict[int, int] = field(default_factory=dict)
    paragraphs: dict[int, int] = field(default_factory=dict)  # multi-line paragraph: first -> end
    chrome: set[int] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)  # lines inside a block quote (``> …``)
    lists: dict[int, int] = field(default_factory=dict)  # outermost list: first -> end


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """Block structure only: the inline pass (two thirds of markdown-it's time on a long list)
    runs on demand, for the few paragraphs :func:`_crosses_lines` must look into; footnote
    definitions stay where they are written (the tail rule would move them and drop the ones
    no text refers to)."""
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(footnote_plugin)
        .use(front_matter_plugin)
        .disable(["inline", "text_join", "footnote_tail"])
    )


class _HtmlText(HTMLParser):
    """Text of an HTML fragment, and the level of the first ``<hN>`` in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.level: int | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.level is None and len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.level = int(tag[1])

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def html_text(fragment: str) -> tuple[str, int | None]:
    """``<h4 id="x">Neural <b>MT</b></h4>`` -> (``Neural MT``, 4)."""
    reader = _HtmlText()
    try:
        reader.feed(fragment)
        reader.close()
    except Exception:  # html.parser is lenient; never let odd markup stop a parse
        return "", None
    return reader.text, reader.level


def _may_cross(content: str) -> bool:
    """Cheap test before the inline parse: does some line but the last leave a ``[`` open or
    an odd number of ``*``/``_``? (Without one, nothing can run over a line break.)"""
    lines = content.split("\n")
    for line in lines[:-1]:
        if line.count("*") % 2 or line.count("_") % 2:
            return True
        depth = 0
        for ch in line:
            if ch == "[":
                depth += 1
            elif ch == "]" and depth:
                depth -= 1
        if depth:
            return True
    return False


def _crosses_lines(inline: Token, env: dict) -> bool:
    """Does a link or emphasis open on one line and close on another?"""
    if not _may_cross(inline.content):
        return False
    children: list[Token] = []
    md = _parser()
    md.inline.parse(inline.content, md, env, children)
    depth = 0
    for child in children:
        if child.nesting == 1 and child.type in ("link_open", "strong_open", "em_open"):
            depth += 1
        elif child.nesting == -1 and child.type in ("link_close", "strong_close", "em_close"):
            depth = max(0, depth - 1)
        elif child.type == "softbreak" and depth:
            return True
    return False


def _table(tokens: list[Token], i: int) -> tuple[Table, int]:
    """Read the table whose ``table_open`` is ``tokens[i]``; return it and the index after it."""
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    cells: list[str] = []
    row_line = 0
    in_head = False
    end = tokens[i].map[1] if tokens[i].map else 0
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            cells, row_line = [], tok.map[0] if tok.map else row_line
        elif tok.type == "inline":
            cells.append(tok.content)
        elif tok.type == "tr_close":
            if in_head:
                header = cells
            else:
                rows.append((row_line, cells))
        i += 1
    return Table(header=header, rows=rows, end=end), i + 1


SUMMARY_LEVEL = 6  # a <details> group sits inside the sections around it


def _summaries(blocks: Blocks, content: str, first: int) -> None:
    """``<details>⏎<summary>DeepSeek</summary>``: the summary names the group of items folded
    under it, as a heading would (the deepest level, so it stays inside the sections around
    it); lines of the block without words are furniture."""
    for k, line in enumerate(content.split("\n")):
        words, _ = html_text(line)
        if "<summary" in line.lower() and words:
            blocks.headings[first + k] = (SUMMARY_LEVEL, words)
            blocks.heading_end[first + k] = first + k + 1
        elif not words:
            blocks.chrome.add(first + k)


CHUNK_LINES = 5000  # markdown-it's tokens for a long list are read this many lines at a time
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^#{1,6}(?:[ \t]|$)")
_RAW_HTML = (("<!--", "-->"), ("<pre", "</pre>"), ("<script", "</script>"), ("<style", "</style>"))


def chunks(text: str, size: int = CHUNK_LINES) -> list[tuple[int, str]]:
    """``(first line index, text)`` pieces of about ``size`` lines, cut only where CommonMark
    starts afresh whatever came before: an ATX heading at the margin after a blank line,
    outside fenced code and raw HTML. Each piece parses to the blocks the whole text has
    there, and the tokens of one piece at a time are all that is held in memory."""
    lines = text.split("\n")
    if len(lines) <= size:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start, fence, raw_end = 0, "", ""
    for k, line in enumerate(lines):
        if raw_end:
            raw_end = "" if raw_end in line.lower() else raw_end
            continue
        m = _FENCE_OPEN.match(line)
        if m and (not fence or m.group(1).startswith(fence)):
            fence = "" if fence else m.group(1)[:3]
            continue
        if fence:
            continue
        low = line.lower()
        opened = next((end for begin, end in _RAW_HTML if begin in low and end not in low), "")
        if opened:
            raw_end = opened
            continue
        if k - start >= size and _ATX.match(line) and not lines[k - 1].strip():
            out.append((start, "\n".join(lines[start:k]) + "\n"))
            start = k
    out.append((start, "\n".join(lines[start:])))
    return out


def read_blocks(text: str, chunk_lines: int = CHUNK_LINES) -> Blocks:
    """The blocks of ``text`` (see the module docstring); never raises on any text."""
    blocks = Blocks()
    for offset, piece in chunks(text, chunk_lines):
        env: dict = {}
        try:
            tokens = _parser().parse(piece, env)
        except Exception:  # pragma: no cover - markdown-it accepts any text; stay safe
            continue
        if offset:
            for tok in tokens:
                if tok.map:
                    tok.map = [tok.map[0] + offset, tok.map[1] + offset]
        _collect(blocks, tokens, env)
    return blocks


def _collect(blocks: Blocks, tokens: list[Token], env: dict) -> None:
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        first, last = tok.map if tok.map else (None, None)
        if tok.type == "table_open" and first is not None:
            blocks.tables[first], i = _table(tokens, i)
            continue
        if tok.type == "heading_open" and first is not None:
            inline = tokens[i + 1] if i + 1 < len(tokens) else None
            body = inline.content if inline is not None and inline.type == "inline" else ""
            if body.strip():
                blocks.headings[first] = (int(tok.tag[1]), body.strip())
                blocks.heading_end[first] = last
        elif tok.type == "fence" and first is not None:
            blocks.code.update(range(first, last))
        elif tok.type in ("bullet_list_open", "ordered_list_open") and first is not None:
            if tok.level == 0:
                blocks.lists[first] = last
        elif tok.type == "blockquote_open" and first is not None:
            blocks.quotes.update(range(first, last))
        elif tok.type == "front_matter" and first is not None:
            blocks.front_matter = range(first, last)
        elif tok.type == "html_block" and first is not None:
            words, level = html_text(tok.content)
            if level is not None and words:
                blocks.headings[first] = (level, words)
                blocks.heading_end[first] = first + 1
                blocks.chrome.update(range(first + 1, last))
            elif not words:
                blocks.chrome.update(range(first, last))
            elif "<summary" in tok.content.lower():
                _summaries(blocks, tok.content, first)
        elif tok.type == "footnote_reference_open" and first is not None:
            blocks.footnotes[first] = str(tok.meta.get("label", ""))
        elif tok.type == "inline" and first is not None and last - first > 1:
            blocks.paragraphs[first] = last
            if _crosses_lines(tok, env):
                blocks.joined[first] = last
        i += 1
