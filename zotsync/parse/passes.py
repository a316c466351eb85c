"""Draft -> Entry: the small named passes every dialect's output goes through.

A dialect module only finds things (which lines are titles, which are notes, what
is linked); it records them in a :class:`Draft`. :data:`PASSES` then turns the
draft into the clean :class:`~zotsync.model.Entry`, one concern per pass:

``clean_title_pass``   title cleaning (:mod:`zotsync.parse.titles`): venue, aliases, year, date
``identifier_pass``    every identifier of the entry (:mod:`zotsync.parse.idscan`) -> ``ids``; the
                       arXiv / OpenReview / DOI fields from them, the title's link first
``kind_pass``          paper, or what else the entry names (:mod:`zotsync.parse.kinds`)
``notes_pass``         inline notes and note lines -> ``notes`` and its exact ``notes_span``
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zotsync.model import Entry, FoundId
from zotsync.parse.citation import strip_lead
from zotsync.parse.hints import Venue
from zotsync.parse.identifiers import NONE, Identifiers, from_text, from_url
from zotsync.parse.idscan import scan_line, unique
from zotsync.parse.kinds import entry_kind
from zotsync.parse.lines import Line, strip_list_marker
from zotsync.parse.titles import clean_title


@dataclass
class Draft:
    """An entry while it is being built (mutable, internal to the parser)."""

    line: int
    raw_lines: list[str]
    section: tuple[str, ...]
    title_text: str
    dialect: str
    nicknames: bool = True  # apply nickname/alias/venue cleaning (False for canonical HF titles)
    own_urls: set[str] | None = None  # one of several papers on a line: only these links are its
    venue: Venue | None = None  # venue written outside the title (awesome prefix)
    paper_url: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    inline_notes: list[str] = field(default_factory=list)
    note_lines: list[Line] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)
    abstract: str | None = None
    # lines outside raw and notes whose links are this entry's (a label bullet above a citation)
    link_lines: list[Line] = field(default_factory=list)
    # filled by the passes
    title: str = ""
    year: int | None = None
    ids: Identifiers = NONE
    found: tuple[FoundId, ...] = ()
    kind: str = "paper"
    notes: str = ""
    notes_span: tuple[int, int] | None = None
    section_levels: tuple[int, ...] = ()  # heading level of each section component
    heading_level: int | None = None  # the entry's title is a heading of this level

    @property
    def last_line(self) -> int:
        return self.line + len(self.raw_lines) - 1


def clean_title_pass(d: Draft) -> None:
    if d.nicknames:  # "[Negative Sampling] Word2vec …", "(2021-11) A Unified View …"
        d.title_text, lead = strip_lead(d.title_text)
        d.aliases.extend(a for a in lead.get("aliases", ()) if a not in d.aliases)
        if lead.get("date"):
            d.hints.setdefault("listed_date", lead["date"])
        d.venue = d.venue or lead.get("venue")
    cleaned = clean_title(d.title_text, nicknames=d.nicknames)
    d.title = cleaned.title
    venue = d.venue
    if cleaned.venue and (venue is None or venue.name.startswith("arXiv")):
        venue = cleaned.venue  # a real venue in the title beats an "arXiv" prefix
    d.venue = venue
    if venue and venue.as_written.split()[0].lower() != venue.name.split()[0].lower():
        d.hints["venue_as_written"] = venue.as_written  # e.g. the "ICRL" typo, shown as ICLR
    d.year = cleaned.year or (venue.year if venue else None) or d.year
    d.aliases = list(dict.fromkeys([*cleaned.aliases, *d.aliases]))
    if cleaned.date:
        d.hints.setdefault("date", cleaned.date)
    if cleaned.by:
        d.hints.setdefault("by", cleaned.by)


def _as_identifiers(found: FoundId) -> Identifiers:
    if found.scheme == "arxiv":
        return Identifiers(arxiv_id=found.value, arxiv_version=found.version)
    if found.scheme == "openreview":
        return Identifiers(openreview_id=found.value)
    if found.scheme == "doi":
        return Identifiers(doi=found.value)
    return NONE


_ID_LABEL = re.compile(r"^[\w /.()\[\]-]{1,30}[:：]\s*")


def only_identifier(line: Line) -> list[FoundId]:
    """The identifier of a note line that holds nothing else (``\tarxiv:hep-th/9905111``,
    ``- Paper: https://arxiv.org/abs/…``, ``[[pdf]](url)``): the link of a title written on
    the line above. A note that mentions an id inside prose is not the entry's id."""
    found = scan_line(line.text, line.number)
    if len({(f.scheme, f.value) for f in found}) != 1:
        return []
    rest = strip_list_marker(line.text)[2]
    for f in found:
        for piece in (f.url, f.label, f.value):
            if piece:
                rest = rest.replace(piece, " ")
    rest = _ID_LABEL.sub("", rest, count=1)
    rest = re.sub(r"(?i)arxiv|doi|\bv\d+\b|[\[\]()<>:：*`\s|-]", "", rest)
    return found if not rest else []


def identifier_pass(d: Draft) -> None:
    found = [f for k, text in enumerate(d.raw_lines) for f in scan_line(text, d.line + k)]
    if d.own_urls is not None:
        found = [f for f in found if f.url in d.own_urls]
    if not found:
        for line in d.note_lines:
            if not line.blank:
                found = only_identifier(line)
                break
    urls = {u for u in (d.paper_url, *(u for _, u in d.links)) if u}
    for line in [*d.link_lines, *d.note_lines]:  # links merged from another line
        if urls and any(u in line.text for u in urls):
            found += [f for f in scan_line(line.text, line.number) if f.url in urls]
    d.found = unique(found)
    ids = from_url(d.paper_url) if d.paper_url else NONE
    for _, url in d.links:
        ids = ids.merged(from_url(url))
    ids = ids.merged(from_text(d.title_text))
    for f in d.found:
        ids = ids.merged(_as_identifiers(f))
    d.ids = ids
    linked = {f.value for f in d.found if f.scheme == "arxiv" and f.where in ("link", "url")}
    written = {f.value for f in d.found if f.scheme == "arxiv" and f.where == "text"}
    if linked and written - linked:
        d.hints["ids_disagree"] = sorted(f"arxiv:{v}" for v in linked | written)


def kind_pass(d: Draft) -> None:
    urls = [d.paper_url or "", *(url for _, url in d.links)]
    d.kind = entry_kind(d.title_text, d.paper_url, urls, has_id=bool(d.found) or bool(d.ids))


def notes_pass(d: Draft) -> None:
    lines = d.note_lines
    while lines and lines[-1].blank:
        lines = lines[:-1]
    while lines and lines[0].blank:
        lines = lines[1:]
    block = "\n".join(line.text for line in lines)
    inline = "\n".join(d.inline_notes)
    d.notes = "\n\n".join(part for part in (inline, block) if part)
    first = d.line if inline else (lines[0].number if lines else None)
    last = lines[-1].number if lines else (d.line if inline else None)
    d.notes_span = (first, last) if first is not None and last is not None else None
    if inline:
        d.hints["notes_inline"] = True


PASSES: tuple[Callable[[Draft], None], ...] = (
    clean_title_pass,
    identifier_pass,
    kind_pass,
    notes_pass,
)


def finish(d: Draft, source: str) -> Entry:
    """Run every pass over the draft and freeze it into an Entry."""
    for step in PASSES:
        step(d)
    links = dict(d.links)
    if d.paper_url:
        links = {"paper": d.paper_url, **links}
    return Entry(
        source=source,
        line=d.line,
        raw="\n".join(d.raw_lines),
        section=d.section,
        section_levels=d.section_levels,
        heading_level=d.heading_level,
        title=d.title,
        arxiv_id=d.ids.arxiv_id,
        arxiv_version=d.ids.arxiv_version,
        openreview_id=d.ids.openreview_id,
        doi=d.ids.doi,
        venue=d.venue.name if d.venue else None,
        year=d.year,
        aliases=tuple(d.aliases),
        notes=d.notes,
        tags=tuple(dict.fromkeys(d.tags)),
        abstract=d.abstract,
        links=links,
        hints=dict(d.hints),
        dialect=d.dialect,
        notes_span=d.notes_span,
        kind=d.kind,
        ids=d.found,
    )
