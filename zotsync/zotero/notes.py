"""The user's Markdown notes for one entry → the HTML of a managed Zotero child note.

Decisions (documented for users and for ``zotsync pull``):

* One child note per entry that has notes or code/project links. The note is wrapped
  in ``<div data-zotsync="NOTE-ID">`` so zotsync (and the user) can tell it apart
  from notes the user wrote in Zotero; zotsync also remembers the note's key in its
  sync state, which is the primary way it recognises its notes.
* Code/project/website links go into the same note, as a "Links" paragraph of
  clickable links: that is where Zotero users look (the note pane), they sync to
  every device, and they need no extra attachment objects (linked-URL attachments
  would double the write count for little gain).
* Rendering is deliberately small and predictable: paragraphs, bullet and numbered
  lists (nested by indentation — tab, two or four spaces, :mod:`zotsync.notes.nesting` —
  as nested ``<ul>``/``<ol>``, a numbered list keeps its first number), ``**bold**``, ``*italic*``, ``code``, ``[text](url)`` and bare URLs become
  links; everything else is escaped text. Chinese and other non-ASCII text is kept
  as is (no entities).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import nh3

from zotsync.notes.nesting import Nesting
from zotsync.untrusted import SAFE_SCHEMES, safe_url

#: Link labels that are the paper itself (already the item's URL), not worth repeating.
_PAPER_LINK_LABELS = frozenset(
    {"paper", "pdf", "arxiv", "abs", "openreview", "doi", "hf", "huggingface"}
)

_INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\)"
    r"|(?P<bare>https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"，。；：！？）])"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*]*?)\*(?![\w*])"
)
_BULLET = re.compile(r"^(?P<indent>\s*)[-*+]\s+(?P<text>.*)$")
_NUMBERED = re.compile(r"^(?P<indent>\s*)(?P<number>\d{1,9})[.)]\s+(?P<text>.*)$")


def render_inline(text: str) -> str:
    """Escape text and turn Markdown inline marks and URLs into HTML."""
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        pos = m.end()
        if m.group("escaped") is not None:  # a backslash escape: the character, as text
            out.append(html.escape(m.group("escaped"), quote=False))
        elif m.group("code") is not None:
            out.append(f"<code>{html.escape(m.group('code'), quote=False)}</code>")
        elif m.group("url") is not None:
            out.append(_link(m.group("url"), render_inline(m.group("text"))))
        elif m.group("bare") is not None:
            out.append(_link(m.group("bare"), html.escape(m.group("bare"), quote=False)))
        elif m.group("bold") is not None:
            out.append(f"<strong>{render_inline(m.group('bold'))}</strong>")
        else:
            out.append(f"<em>{render_inline(m.group('em'))}</em>")
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _link(url: str, label_html: str) -> str:
    """A link, or only its label when the scheme is not one a note may carry."""
    if not safe_url(url):
        return label_html
    return f'<a href="{html.escape(url, quote=True)}">{label_html}</a>'


@dataclass
class _Item:
    html: str
    lists: list[_List] = field(default_factory=list)


@dataclass
class _List:
    tag: str  # "ul" or "ol"
    start: int
    items: list[_Item] = field(default_factory=list)

    def html(self) -> str:
        start = f' start="{self.start}"' if self.tag == "ol" and self.start != 1 else ""
        inner = "".join(
            f"<li>{item.html}{''.join(sub.html() for sub in item.lists)}</li>"
            for item in self.items
        )
        return f"<{self.tag}{start}>{inner}</{self.tag}>"


def render_markdown(text: str) -> str:
    """Block-level Markdown (paragraphs and lists, nested by indentation) → HTML.

    How deep an item sits is read by :class:`zotsync.notes.nesting.Nesting` (tabs, two or
    four spaces: one rule), so Zotero holds the nesting a pull can give back.
    """
    blocks: list[str] = []
    para: list[str] = []
    open_lists: list[_List] = []  # the list open at each depth, outermost first
    nesting = Nesting()

    def flush_para() -> None:
        if para:
            blocks.append(
                "<p>" + "<br/>".join(render_inline(line.strip()) for line in para) + "</p>"
            )
            para.clear()

    def flush_list() -> None:
        if open_lists:
            blocks.append(open_lists[0].html())
        open_lists.clear()
        nesting.reset()

    def add_item(indent: str, tag: str, number: int, html_text: str) -> None:
        depth = nesting.depth(indent)
        del open_lists[depth + 1 :]
        if depth < len(open_lists) and open_lists[depth].tag != tag:
            if depth == 0:  # a numbered list right after a bullet list: a new list
                blocks.append(open_lists[0].html())
            del open_lists[depth:]
        if depth == len(open_lists):
            new = _List(tag, number)
            if depth:
                open_lists[-1].items[-1].lists.append(new)
            open_lists.append(new)
        open_lists[depth].items.append(_Item(html_text))

    for line in text.splitlines():
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip():
            flush_para()
            flush_list()
        elif bullet or numbered:
            flush_para()
            item = bullet or numbered
            add_item(
                item.group("indent"),
                "ul" if bullet else "ol",
                int(numbered.group("number")) if numbered else 1,
                render_inline(item.group("text").strip()),
            )
        elif open_lists and line.startswith((" ", "\t")):
            open_lists[-1].items[-1].html += " " + render_inline(line.strip())  # wrapped item
        else:
            flush_list()
            para.append(line)
    flush_para()
    flush_list()
    return "".join(blocks)


def extra_links(links: Mapping[str, str]) -> list[tuple[str, str]]:
    """The entry's code/project/website links (not the paper's own link), in list order."""
    return [
        (label, url)
        for label, url in links.items()
        if label.lower() not in _PAPER_LINK_LABELS and url
    ]


def note_html(note_id: str, notes: str, links: Mapping[str, str] = {}) -> str | None:
    """The managed note for one entry, or None when the entry has nothing to say."""
    body = render_markdown(notes) if notes.strip() else ""
    linked = extra_links(links)
    if linked:
        anchors = ", ".join(
            _link(url, html.escape(label.capitalize(), quote=False)) for label, url in linked
        )
        body += f"<p>Links: {anchors}</p>"
    if not body:
        return None
    return sanitize_note_html(
        f'<div data-zotsync="{html.escape(note_id, quote=True)}">{body}</div>'
    )


#: What a managed note may hold: the markup :func:`render_markdown` writes, nothing else.
_NOTE_TAGS = {"div", "p", "br", "ul", "ol", "li", "strong", "em", "code", "a"}
_NOTE_ATTRIBUTES = {"div": {"data-zotsync"}, "a": {"href"}, "ol": {"start"}}


def sanitize_note_html(note: str) -> str:
    """The one boundary list text crosses into Zotero: nh3 keeps only zotsync's own markup,
    and links only with an http, https, mailto or doi target (:data:`SAFE_SCHEMES`)."""
    clean = nh3.clean(
        note,
        tags=_NOTE_TAGS,
        attributes=_NOTE_ATTRIBUTES,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    # nh3 serialises <br/> as <br>: keep the bytes zotsync always sent (text never holds a
    # raw "<", so this only touches tags), or every note with a line break would be re-sent
    return clean.replace("<br>", "<br/>")


def managed_note_id(note_html_text: str) -> str | None:
    """The zotsync note id of a note's HTML, or None for a note the user wrote."""
    m = re.search(r'data-zotsync="([^"]+)"', note_html_text or "")
    return html.unescape(m.group(1)) if m else None
