"""Zotero note HTML → a small tree of blocks and inlines (stdlib ``html.parser``).

Zotero 6/7's note editor (ProseMirror) writes a fixed vocabulary:
``<div data-schema-version="N">`` around everything, ``<p>``, ``<h1>``–``<h6>``,
``<ul>/<ol start>`` with ``<li><p>…</p></li>``, ``<pre>`` code blocks (text directly
inside, no ``<code>``), ``<blockquote>``, ``<hr>``, ``<br>``, and the marks
``<strong> <em> <u> <code> <a href rel> <sub> <sup>`` plus ``<span style=…>`` for
strike-through and colours, ``<span class="highlight|citation|math">``; two spaces
are written as ``" &nbsp;"``. Older (TinyMCE) notes add ``<b> <i> <font> <table>``
and inline styles. zotsync's own notes add ``<div data-zotsync="…">``.

Text from Zotero is untrusted: control, bidi-override and invisible characters are
removed (:func:`zotsync.untrusted.strip_unsafe`), a link whose scheme is not
http(s), mailto or doi keeps only its text, and HTML comments are dropped.
The tree keeps only what a Markdown note can say: every ``div`` is transparent,
attributes other than ``href``/``start`` and presentational marks (underline,
colour, strike, sub/sup) are dropped while their text is kept, images are dropped
(they are Zotero attachments; the Zotero note itself is never modified by a pull).
Whitespace follows HTML: runs collapse to one space, ``&nbsp;`` becomes a space,
``<pre>`` keeps its text exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from zotsync.untrusted import safe_url, strip_unsafe

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
    tidy,
)

# --------------------------------------------------------------------------- generic DOM


@dataclass
class _El:
    tag: str
    attrs: dict[str, str]
    children: list[_El | str] = field(default_factory=list)


#: Deeper elements are flattened into their ancestor (text kept), so no input can
#: exhaust the recursion of the tree walk. Real notes nest a handful of levels.
MAX_DEPTH = 64
_VOID = frozenset("br hr img input meta wbr col link area base source".split())
_CLOSES_P = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol li pre blockquote hr table dl dd dt section article header footer address figure".split()
)


class _DomBuilder(HTMLParser):
    """Forgiving HTML → element tree: implied ``</p>``/``</li>``, stray end tags ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _El("#root", {})
        self.stack = [self.root]

    def _open(self, tag: str) -> bool:
        return any(el.tag == tag for el in self.stack[1:])

    def _close(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) > MAX_DEPTH and tag not in _VOID:
            return  # pathological nesting: keep the text, flatten the structure
        if tag in _CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "li":
            self._close_item()
        el = _El(tag, {k: strip_unsafe(v or "") for k, v in attrs})
        self.stack[-1].children.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def _close_item(self) -> None:
        """An ``<li>`` closes the previous item of the same list, not an outer one."""
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag in ("ul", "ol"):
                return
            if self.stack[i].tag == "li":
                del self.stack[i:]
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag in ("ul", "ol") and self._open(tag):
            self._close(tag)
        elif self._open(tag):
            self._close(tag)

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(strip_unsafe(data))


def _dom(html_text: str) -> _El:
    builder = _DomBuilder()
    builder.feed(html_text or "")
    builder.close()
    return builder.root


# --------------------------------------------------------------------------- DOM → tree

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol li pre blockquote hr table thead tbody tfoot tr dl dd dt "
    "section article header footer address figure".split()
)
_STRONG_TAGS = frozenset({"strong", "b"})
_EM_TAGS = frozenset({"em", "i", "cite", "dfn", "q"})
_CODE_TAGS = frozenset({"code", "tt", "kbd", "samp", "var"})
_ASCII_WS = re.compile(r"[ \t\n\r\f]+")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[5-9]\d\d)", re.I)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)


def parse_note_html(html_text: str) -> list[Block]:
    """The blocks of a note's HTML (wrappers, attributes and styling dropped)."""
    return _blocks(_dom(html_text).children)


def _blocks(nodes: list[_El | str]) -> list[Block]:
    out: list[Block] = []
    pending: list[_El | str] = []

    def flush() -> None:
        inlines = tidy(_inlines(pending))
        if inlines:
            out.append(Para(inlines))
        pending.clear()

    for node in nodes:
        if isinstance(node, str) or node.tag not in _BLOCK_TAGS:
            pending.append(node)
            continue
        flush()
        out.extend(_block(node))
    flush()
    return out


def _block(el: _El) -> list[Block]:
    tag = el.tag
    if tag in ("p", "dd", "dt", "address"):
        inlines = tidy(_inlines(el.children))
        return [Para(inlines)] if inlines else []
    if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        inlines = tidy(_inlines(el.children))
        return [Heading(int(tag[1]), inlines)] if inlines else []
    if tag in ("ul", "ol"):
        return _list(el)
    if tag == "li":  # an item outside any list: treat as a one-item bullet list
        return [ListBlock(False, 1, [_blocks(el.children)])]
    if tag == "pre" and "math" in el.attrs.get("class", "").split():
        math = _text_content(el).strip()  # Zotero's display math: "$$…$$", kept as written
        return [Para([Text(math)])] if math else []
    if tag == "pre":  # a lone CR would start a new line in most editors: it is one
        text = _text_content(el).replace("\r\n", "\n").replace("\r", "\n")
        text = text[1:] if text.startswith("\n") else text
        return [CodeBlock(text.rstrip("\n"))]
    if tag == "blockquote":
        inner = _blocks(el.children)
        return [Quote(inner)] if inner else []
    if tag == "hr":
        return [Rule()]
    if tag in ("table", "thead", "tbody", "tfoot"):
        return _table(el)
    if tag == "tr":
        return _table(_El("table", {}, [el]))
    return _blocks(el.children)  # div, section, …: transparent wrappers


def _list(el: _El) -> list[Block]:
    items: list[list[Block]] = []
    loose: list[_El | str] = []
    for child in el.children:
        if isinstance(child, _El) and child.tag == "li":
            if loose:
                items.append(_blocks(loose))
                loose = []
            items.append(_blocks(child.children))
        elif isinstance(child, _El) and child.tag in ("ul", "ol") and items:
            items[-1].extend(_list(child))  # a nested list written as a sibling of <li>
        elif not (isinstance(child, str) and not child.strip()):
            loose.append(child)
    if loose:
        items.append(_blocks(loose))
    items = [item for item in items if item]
    if not items:
        return []
    try:
        start = int(el.attrs.get("start", "1") or "1")
    except ValueError:
        start = 1
    return [ListBlock(el.tag == "ol", max(start, 0), items)]


def _table(el: _El) -> list[Block]:
    """Each table row becomes one paragraph, cells joined by `` | ``."""
    rows: list[Block] = []
    for row in _descendants(el, "tr"):
        cells = [c for c in row.children if isinstance(c, _El) and c.tag in ("td", "th")]
        inlines: list[Inline] = []
        for i, cell in enumerate(cells):
            if i:
                inlines.append(Text(" | "))
            inlines.extend(_inlines(cell.children))
        inlines = tidy(inlines)
        if inlines:
            rows.append(Para(inlines))
    return rows


def _descendants(el: _El, tag: str) -> list[_El]:
    found: list[_El] = []
    for child in el.children:
        if isinstance(child, _El):
            found.extend([child] if child.tag == tag else _descendants(child, tag))
    return found


def _text_content(el: _El | str) -> str:
    if isinstance(el, str):
        return el
    if el.tag == "br":
        return "\n"
    return "".join(_text_content(c) for c in el.children)


def _inlines(nodes: list[_El | str]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(Text(_ASCII_WS.sub(" ", node)))
            continue
        tag, style = node.tag, node.attrs.get("style", "")
        if tag == "br":
            out.append(Break())
        elif tag == "img":
            continue
        elif tag in _CODE_TAGS:
            out.append(Code(_text_content(node).replace("\n", " ")))
        elif tag == "a" and node.attrs.get("href") and safe_url(node.attrs["href"]):
            out.append(Link(node.attrs["href"], _inlines(node.children)))
        elif tag in _STRONG_TAGS or (tag == "span" and _BOLD_STYLE.search(style)):
            out.append(Mark("strong", _inlines(node.children)))
        elif tag in _EM_TAGS or (tag == "span" and _ITALIC_STYLE.search(style)):
            out.append(Mark("em", _inlines(node.children)))
        elif tag in _BLOCK_TAGS:  # a block inside inline content: keep its text on its own line
            out.extend([Break(), *_inlines(node.children), Break()])
        else:  # span, u, s, sub, sup, font, mark, …: text kept, styling dropped
            out.extend(_inlines(node.children))
    return out
