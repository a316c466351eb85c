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
  lists, ``**bold**``, ``*italic*``, ``code``, ``[text](url)`` and bare URLs become
  links; everything else is escaped text. Chinese and other non-ASCII text is kept
  as is (no entities).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import nh3

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
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


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


def render_markdown(text: str) -> str:
    """Block-level Markdown (paragraphs and lists) → HTML."""
    blocks: list[str] = []
    para: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush_para() -> None:
        if para:
            blocks.append(
                "<p>" + "<br/>".join(render_inline(line.strip()) for line in para) + "</p>"
            )
            para.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            blocks.append(
                f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{list_tag}>"
            )
            items.clear()
        list_tag = ""

    for line in text.splitlines():
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip():
            flush_para()
            flush_list()
        elif bullet or numbered:
            flush_para()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            items.append(render_inline((bullet or numbered).group(1).strip()))
        elif items and line.startswith((" ", "\t")):
            items[-1] += " " + render_inline(line.strip())  # a wrapped list item
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
_NOTE_ATTRIBUTES = {"div": {"data-zotsync"}, "a": {"href"}}


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
