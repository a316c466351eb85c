"""The Atom bytes the current arXiv API writes (docs/arxiv-api.md §3.2, §3.6).

Byte shape copied from recorded responses: a single-quoted XML declaration (lxml's),
all three namespaces on ``<feed>``, two-space indentation, ``itemsPerPage`` (the
*requested* ``max_results``) before ``totalResults`` and ``startIndex``, and the entry
elements in the service's order: id, title, updated, alternate and pdf links, summary,
categories, published, comment, primary_category, journal_ref, authors, doi, doi link.
Links in entries are ``https://``; the entry ``<id>`` is still ``http://`` and versioned.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from zotsync.emulators.arxiv.backend import Hit

__all__ = ["FeedHeader", "render_feed", "render_error", "query_id", "now_stamp"]

_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
_FEED_OPEN = (
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n'
)
_SCHEME = "http://arxiv.org/schemas/atom"


def text(value: str) -> str:
    """Escape element text as lxml does (``&``, ``<``, ``>``)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """Escape an attribute value as lxml does (also ``"`` and control whitespace)."""
    return (
        text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def one_line(value: str) -> str:
    """Titles are written on one line. (Abstracts are written verbatim: the recorded
    current-service answers keep an abstract's paragraph breaks and leading spaces.)"""
    return re.sub(r"\s*\n\s*", " ", value)


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def query_id(query: str, ids: str, start: int, max_results: int) -> str:
    """The 27-character feed id: base64(SHA-1) of the canonical request, last '=' dropped."""
    canonical = f"search_query={query}&id_list={ids}&start={start}&max_results={max_results}"
    return (
        base64.b64encode(hashlib.sha1(canonical.encode("utf-8")).digest())
        .decode("ascii")
        .rstrip("=")
    )


@dataclass(frozen=True)
class FeedHeader:
    query: str  # the rewritten query ("" for id-only requests)
    link_query: str  # the parsed query re-serialised
    ids: str  # id_list exactly as sent
    start: int
    max_results: int
    total: int


def render_feed(header: FeedHeader, hits: Sequence[Hit], updated: str | None = None) -> bytes:
    """A search result feed."""
    h = header
    lines = [
        _DECLARATION + _FEED_OPEN.rstrip("\n"),
        f"  <id>https://arxiv.org/api/{query_id(h.query, h.ids, h.start, h.max_results)}</id>",
        f"  <title>{text(f'arXiv Query: search_query={h.query}&id_list={h.ids}&start={h.start}&max_results={h.max_results}')}</title>",
        f"  <updated>{updated or now_stamp()}</updated>",
        f'  <link href="{attr(f"https://arxiv.org/api/query?search_query={h.link_query}&start={h.start}&max_results={h.max_results}&id_list={h.ids}")}"'
        ' type="application/atom+xml"/>',
        f"  <opensearch:itemsPerPage>{h.max_results}</opensearch:itemsPerPage>",
        f"  <opensearch:totalResults>{h.total}</opensearch:totalResults>",
        f"  <opensearch:startIndex>{h.start}</opensearch:startIndex>",
    ]
    lines.extend(line for hit in hits for line in _entry(hit))
    lines.append("</feed>\n")
    return "\n".join(lines).encode("utf-8")


def _entry(hit: Hit) -> list[str]:
    record, vid = hit.record, f"{hit.record.arxiv_id}v{hit.version}"
    lines = [
        "  <entry>",
        f"    <id>http://arxiv.org/abs/{vid}</id>",
        f"    <title>{text(one_line(record.title_at(hit.version)))}</title>",
        f"    <updated>{hit.updated}</updated>",
        f'    <link href="https://arxiv.org/abs/{vid}" rel="alternate" type="text/html"/>',
        f'    <link href="https://arxiv.org/pdf/{vid}" rel="related" type="application/pdf" title="pdf"/>',
        f"    <summary>{text(record.abstract)}</summary>",
    ]
    lines += [f'    <category term="{attr(c)}" scheme="{_SCHEME}"/>' for c in record.categories]
    lines.append(f"    <published>{record.published}</published>")
    if record.comment:
        lines.append(f"    <arxiv:comment>{text(one_line(record.comment))}</arxiv:comment>")
    if record.categories:
        lines.append(f'    <arxiv:primary_category term="{attr(record.categories[0])}"/>')
    if record.journal_ref:
        lines.append(
            f"    <arxiv:journal_ref>{text(one_line(record.journal_ref))}</arxiv:journal_ref>"
        )
    for author in record.authors:
        lines += ["    <author>", f"      <name>{text(author.name)}</name>"]
        lines += [
            f"      <arxiv:affiliation>{text(a)}</arxiv:affiliation>" for a in author.affiliations
        ]
        lines.append("    </author>")
    if record.doi:
        lines.append(f"    <arxiv:doi>{text(record.doi)}</arxiv:doi>")
        lines.append(
            f'    <link rel="related" href="https://doi.org/{attr(record.doi)}" title="doi"/>'
        )
    lines.append("  </entry>")
    return lines


def render_error(message: str, link: str, updated: str | None = None) -> bytes:
    """The error feed: one entry titled ``Error`` whose summary is the message, no ``<published>``."""
    stamp = updated or now_stamp()
    lines = [
        _DECLARATION + _FEED_OPEN.rstrip("\n"),
        "  <id>https://arxiv.org/</id>",
        "  <title>arXiv Search Results</title>",
        f"  <updated>{stamp}</updated>",
        "  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>",
        "  <opensearch:totalResults>1</opensearch:totalResults>",
        "  <opensearch:startIndex>0</opensearch:startIndex>",
        "  <entry>",
        f"    <id>{text(link)}</id>",
        "    <title>Error</title>",
        f"    <updated>{stamp}</updated>",
        f'    <link href="{attr(link)}" rel="alternate" type="text/html"/>',
        f"    <summary>{text(message)}</summary>",
        "    <author>",
        "      <name>arXiv api core</name>",
        "    </author>",
        "  </entry>",
        "</feed>\n",
    ]
    return "\n".join(lines).encode("utf-8")
