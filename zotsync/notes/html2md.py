"""Zotero note HTML → Markdown, spelled the way the reading list spells its notes.

    >>> html2md('<div data-schema-version="9"><p>受到<strong>启发</strong></p><ul><li><p>a</p></li></ul></div>')
    '受到**启发**\\n\\n* a'

Block rules (multi-line notes, the default):

* blocks are separated by one blank line; a list directly under a paragraph inside a
  list item is tight (``* a\\n  * b``); ``style.list_gap=False`` also makes top-level
  lists follow their paragraph without a blank line;
* list items are tight (one item per line); nested levels and continuation lines are
  indented by the marker width (or ``style.indent``); numbered lists keep their start;
* ``<br>`` is a line break (the next line is indented to stay inside its list item);
* ``<pre>`` becomes a fenced code block; ``<hr>`` becomes ``---``; quotes get ``> ``;
* a heading becomes a **bold** line (``style.headings="bold"``, the default), because a
  ``#`` line inside a reading list would start a new section; ``"atx"`` keeps ``#``;
* links are ``[text](url)``, or the bare URL when the text is the URL itself.

Inline parenthetical notes (``style.inline=True``, awesome lists: ``[Title](url) (note)``)
must stay on the title line, so the whole note becomes ONE line: paragraphs, list items
(``1. a 2. b``) and line breaks are joined with ``style.inline_joiner`` (a space) — or
with nothing after full-width punctuation (``。；！？：，``) — code blocks become inline
code, rules are dropped, and unbalanced parentheses are escaped so the note cannot end
early.

Text is escaped minimally (:mod:`zotsync.notes.mdescape`): ``a < b``, ``<T>`` and CJK
stay as typed.
"""

from __future__ import annotations

import re

from .htmltree import parse_note_html
from .mdescape import balance_parens, code_span, escape_inline, escape_line_start, link_target
from .style import DEFAULT_STYLE, NoteStyle
from .tree import (
    Block,
    Break,
    Code,
    CodeBlock,
    Heading,
    Inline,
    Link,
    ListBlock,
    Mark,
    Para,
    Quote,
    Rule,
    Text,
)

_FULLWIDTH_END = tuple("。；！？：，、）】」』")
_LINKS_PARAGRAPH = re.compile(r"^Links: ")


def html2md(
    html_text: str, style: NoteStyle = DEFAULT_STYLE, *, drop_links_paragraph: bool = True
) -> str:
    """The Markdown for a Zotero note's HTML, in ``style``; ``""`` for an empty note.

    ``drop_links_paragraph``: zotsync's push appends a ``Links: [Code](…), …`` paragraph
    built from the entry's links (they already live on the title line); pulling it back
    would duplicate them, so a last paragraph of that shape is dropped.
    """
    blocks = parse_note_html(html_text)
    if drop_links_paragraph:
        blocks = _without_links_paragraph(blocks)
    return render_blocks(blocks, style)


def render_blocks(blocks: list[Block], style: NoteStyle = DEFAULT_STYLE) -> str:
    """Markdown for parsed blocks (see :func:`zotsync.notes.htmltree.parse_note_html`)."""
    if style.inline:
        return _render_inline_note(blocks, style)
    return "\n".join(_block_lines(blocks, style, top=True))


def _without_links_paragraph(blocks: list[Block]) -> list[Block]:
    if not blocks or not isinstance(blocks[-1], Para):
        return blocks
    inlines = blocks[-1].inlines
    head = inlines[0] if inlines else None
    if not (isinstance(head, Text) and _LINKS_PARAGRAPH.match(head.text)):
        return blocks
    rest = [head.text[len("Links: ") :], *inlines[1:]]
    only_links = all(
        isinstance(n, Link) or (isinstance(n, (Text, str)) and _is_separator(n)) for n in rest
    )
    return blocks[:-1] if only_links else blocks


def _is_separator(node: Text | str) -> bool:
    text = node if isinstance(node, str) else node.text
    return text.strip(" ,") == ""


# --------------------------------------------------------------------------- blocks (multi-line)


def _block_lines(blocks: list[Block], style: NoteStyle, *, top: bool) -> list[str]:
    lines: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            tight = (
                isinstance(block, ListBlock)
                and isinstance(blocks[i - 1], Para)
                and (not top or not style.list_gap)
            )
            if not tight:
                lines.append("")
        lines.extend(_one_block(block, style))
    return lines


def _one_block(block: Block, style: NoteStyle) -> list[str]:
    if isinstance(block, Para):
        return [escape_line_start(line) for line in _inline_text(block.inlines, style).split("\n")]
    if isinstance(block, Heading):
        if style.headings == "atx":
            text = _inline_text(block.inlines, style).replace("\n", " ")
            return ["#" * block.level + " " + text]
        return _one_block(Para([Mark("strong", block.inlines)]), style)
    if isinstance(block, CodeBlock):
        longest = max((len(run) for run in re.findall(r"`{3,}", block.text)), default=2)
        fence = "`" * (longest + 1)
        return [fence, *(_inert_code_line(line) for line in block.text.split("\n")), fence]
    if isinstance(block, Quote):
        inner = _block_lines(block.blocks, style, top=False)
        return [("> " + line) if line else ">" for line in inner]
    if isinstance(block, Rule):
        return ["---"]
    return _list_lines(block, style)


_COMMENT_LINE = re.compile(r"^([ \t]*)<!--")


def _inert_code_line(line: str) -> str:
    """A code line that starts an HTML comment would read as one of zotsync's conflict
    markers (they are found by lines, fences or not): its ``<`` is written ``&lt;``."""
    return _COMMENT_LINE.sub(r"\1&lt;!--", line)


def _list_lines(block: ListBlock, style: NoteStyle) -> list[str]:
    lines: list[str] = []
    for n, item in enumerate(block.items):
        marker = f"{block.start + n}{style.ordered_delim} " if block.ordered else f"{style.bullet} "
        pad = style.indent if style.indent is not None else " " * len(marker)
        body = _block_lines(item, style, top=False) or [""]
        first, rest = body[0], body[1:]
        lines.append((marker + first).rstrip(" ") if first else marker.rstrip(" "))
        lines.extend((pad + line) if line else "" for line in rest)
    return lines


# --------------------------------------------------------------------------- inlines


def _inline_text(inlines: list[Inline], style: NoteStyle) -> str:
    return "".join(_inline(node, style) for node in inlines)


def _inline(node: Inline, style: NoteStyle) -> str:
    if isinstance(node, Text):
        return escape_inline(node.text)
    if isinstance(node, Break):
        return "\n"
    if isinstance(node, Code):
        return code_span(node.text)
    if isinstance(node, Link):
        label = _inline_text(node.children, style)
        if label == node.href or label == escape_inline(node.href):
            return node.href
        return f"[{label}]({link_target(node.href)})"
    marker = style.strong if node.kind == "strong" else style.emphasis
    inner = _inline_text(node.children, style)
    core = inner.strip(" ")
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip(" "))]
    trail = inner[len(inner.rstrip(" ")) :]
    return f"{lead}{marker}{core}{marker}{trail}"


# --------------------------------------------------------------------------- inline parenthetical notes


def _render_inline_note(blocks: list[Block], style: NoteStyle) -> str:
    return _join(_pieces(blocks, style), style.inline_joiner)


def note_pieces(
    html_text: str, style: NoteStyle = DEFAULT_STYLE, *, drop_links_paragraph: bool = True
) -> list[str]:
    """The note as one-line pieces, one per awesome-list parenthetical.

    The push renders an entry's parentheticals ``(a) (b)`` as ``a<br>b``; coming back,
    each line of a paragraph (and each paragraph, heading, list, code block) is one
    piece, so ``(a) (b)`` maps back onto ``(a) (b)``. Pieces are inline-styled and
    parenthesis-balanced; ``html2md(html, style.as_inline())`` is the pieces joined.
    """
    blocks = parse_note_html(html_text)
    if drop_links_paragraph:
        blocks = _without_links_paragraph(blocks)
    return _pieces(blocks, style.as_inline())


def _pieces(blocks: list[Block], style: NoteStyle) -> list[str]:
    pieces: list[str] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            joined = _join(_flat_pieces(block, style), style.inline_joiner)
            pieces += [joined] if joined else []
        else:
            pieces += _flat_pieces(block, style)
    return [balance_parens(p.strip()) for p in pieces if p.strip()]


def _flat_pieces(block: Block, style: NoteStyle) -> list[str]:
    if isinstance(block, (Para, Heading)):
        inlines = block.inlines if isinstance(block, Para) else [Mark("strong", block.inlines)]
        return [p for p in _inline_text(inlines, style).split("\n") if p.strip()]
    if isinstance(block, CodeBlock):
        text = " ".join(part.strip() for part in block.text.split("\n") if part.strip())
        return [code_span(text)] if text else []
    if isinstance(block, Quote):
        return [p for b in block.blocks for p in _flat_pieces(b, style)]
    if isinstance(block, Rule):
        return []
    pieces: list[str] = []
    for n, item in enumerate(block.items):
        marker = f"{block.start + n}{style.ordered_delim} " if block.ordered else f"{style.bullet} "
        inner = _join([p for b in item for p in _flat_pieces(b, style)], style.inline_joiner)
        if inner:
            pieces.append(marker + inner)
    return pieces


def _join(pieces: list[str], joiner: str) -> str:
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out:
            out += "" if out.endswith(_FULLWIDTH_END) else joiner
        out += piece
    return out
