"""The *legacy* Atom shape (the perl/Lucene service before 2025-11-12), for parser tests.

``--legacy`` serves this instead of the current shape (docs/arxiv-api.md §3.8): a
double-quoted XML declaration, only the Atom namespace on ``<feed>`` (``opensearch`` and
``arxiv`` declared on each element), a ``rel="self"`` feed link with a percent-encoded
query, ``<title type="html">ArXiv Query: …``, an ``http://`` feed id, a midnight US-Eastern
``<updated>``, totals in the order totalResults/startIndex/itemsPerPage, and entries in
the old order with ``http://`` links, ``http://dx.doi.org/`` DOI links (``title`` written
first), and ``scheme`` on ``arxiv:primary_category``. Titles and abstracts are
hard-wrapped as the old service stored them: text that already holds line breaks is
written verbatim, one-line text is wrapped here.
"""

from __future__ import annotations

import base64
import hashlib
import textwrap
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from zotsync.emulators.arxiv.atom import FeedHeader, attr, text
from zotsync.emulators.arxiv.backend import Hit

__all__ = ["render_legacy_feed", "render_legacy_error", "legacy_stamp"]

_OS = 'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'
_AX = 'xmlns:arxiv="http://arxiv.org/schemas/atom"'
_SCHEME = "http://arxiv.org/schemas/atom"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'


def legacy_stamp() -> str:
    """Today's midnight in New York, as the old service wrote ``<updated>``."""
    now = datetime.now(ZoneInfo("America/New_York")).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return now.isoformat()


def _hash(canonical: str) -> str:
    return (
        base64.b64encode(hashlib.sha1(canonical.encode("utf-8")).digest())
        .decode("ascii")
        .rstrip("=")
    )


def _wrap_title(title: str) -> str:
    return title if "\n" in title else "\n  ".join(textwrap.wrap(title, width=70)) or title


def _wrap_abstract(abstract: str) -> str:
    if "\n" in abstract:
        return abstract
    return textwrap.fill(abstract.strip(), width=80, initial_indent="  ") + "\n"


def _header(canonical: str, stamp: str, total: int, start: int, per_page: int) -> list[str]:
    return [
        _HEAD,
        f'  <link href="http://arxiv.org/api/query?{attr(quote(canonical, safe=""))}" rel="self" type="application/atom+xml"/>',
        f'  <title type="html">{text("ArXiv Query: " + canonical)}</title>',
        f"  <id>http://arxiv.org/api/{_hash(canonical)}</id>",
        f"  <updated>{stamp}</updated>",
        f"  <opensearch:totalResults {_OS}>{total}</opensearch:totalResults>",
        f"  <opensearch:startIndex {_OS}>{start}</opensearch:startIndex>",
        f"  <opensearch:itemsPerPage {_OS}>{per_page}</opensearch:itemsPerPage>",
    ]


def render_legacy_feed(
    header: FeedHeader, raw_query: str, hits: Sequence[Hit], stamp: str | None = None
) -> bytes:
    """A result feed in the old shape; ``raw_query`` is echoed as sent (no rewrite)."""
    h = header
    canonical = (
        f"search_query={raw_query}&id_list={h.ids}&start={h.start}&max_results={h.max_results}"
    )
    lines = _header(canonical, stamp or legacy_stamp(), h.total, h.start, h.max_results)
    lines.extend(line for hit in hits for line in _entry(hit))
    lines.append("</feed>\n")
    return "\n".join(lines).encode("utf-8")


def _entry(hit: Hit) -> list[str]:
    record, vid = hit.record, f"{hit.record.arxiv_id}v{hit.version}"
    lines = [
        "  <entry>",
        f"    <id>http://arxiv.org/abs/{vid}</id>",
        f"    <updated>{hit.updated}</updated>",
        f"    <published>{record.published}</published>",
        f"    <title>{text(_wrap_title(record.title))}</title>",
        f"    <summary>{text(_wrap_abstract(record.abstract))}</summary>",
    ]
    for author in record.authors:
        lines += ["    <author>", f"      <name>{text(author.name)}</name>"]
        lines += [
            f"      <arxiv:affiliation {_AX}>{text(a)}</arxiv:affiliation>"
            for a in author.affiliations
        ]
        lines.append("    </author>")
    if record.doi:
        lines.append(f"    <arxiv:doi {_AX}>{text(record.doi)}</arxiv:doi>")
        lines.append(
            f'    <link title="doi" href="http://dx.doi.org/{attr(record.doi)}" rel="related"/>'
        )
    if record.comment:
        lines.append(f"    <arxiv:comment {_AX}>{text(record.comment)}</arxiv:comment>")
    if record.journal_ref:
        lines.append(f"    <arxiv:journal_ref {_AX}>{text(record.journal_ref)}</arxiv:journal_ref>")
    lines.append(f'    <link href="http://arxiv.org/abs/{vid}" rel="alternate" type="text/html"/>')
    lines.append(
        f'    <link title="pdf" href="http://arxiv.org/pdf/{vid}" rel="related" type="application/pdf"/>'
    )
    if record.categories:
        lines.append(
            f'    <arxiv:primary_category {_AX} term="{attr(record.categories[0])}" scheme="{_SCHEME}"/>'
        )
    lines += [f'    <category term="{attr(c)}" scheme="{_SCHEME}"/>' for c in record.categories]
    lines.append("  </entry>")
    return lines


def render_legacy_error(
    message: str, anchor: str, raw_query: str, ids: str, stamp: str | None = None
) -> bytes:
    """The old error feed (its link and id name only the query and the ids)."""
    stamp = stamp or legacy_stamp()
    canonical = f"search_query={raw_query}&id_list={ids}"
    link = f"http://arxiv.org/api/errors#{anchor}"
    lines = _header(canonical, stamp, 1, 0, 1)
    lines += [
        "  <entry>",
        f"    <id>{text(link)}</id>",
        "    <title>Error</title>",
        f"    <summary>{text(message)}</summary>",
        f"    <updated>{stamp}</updated>",
        f'    <link href="{attr(link)}" rel="alternate" type="text/html"/>',
        "    <author>",
        "      <name>arXiv api core</name>",
        "    </author>",
        "  </entry>",
        "</feed>\n",
    ]
    return "\n".join(lines).encode("utf-8")
