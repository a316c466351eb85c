"""Draft -> Entry: the small named passes every dialect's output goes through.

A dialect module only finds things (which lines are titles, which are notes, what
is linked); it records them in a :class:`Draft`. :data:`PASSES` then turns the
draft into the clean :class:`~zotsync.model.Entry`, one concern per pass:

``clean_title_pass``   title cleaning (:mod:`zotsync.parse.titles`): venue, aliases, year, date
``identifier_pass``    arXiv / OpenReview / DOI from the links (:mod:`zotsync.parse.identifiers`)
``notes_pass``         inline notes and note lines -> ``notes`` and its exact ``notes_span``
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zotsync.model import Entry
from zotsync.parse.hints import Venue
from zotsync.parse.identifiers import NONE, Identifiers, from_text, from_url
from zotsync.parse.lines import Line
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
    venue: Venue | None = None  # venue written outside the title (awesome prefix)
    paper_url: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    inline_notes: list[str] = field(default_factory=list)
    note_lines: list[Line] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)
    abstract: str | None = None
    # filled by the passes
    title: str = ""
    year: int | None = None
    ids: Identifiers = NONE
    notes: str = ""
    notes_span: tuple[int, int] | None = None

    @property
    def last_line(self) -> int:
        return self.line + len(self.raw_lines) - 1


def clean_title_pass(d: Draft) -> None:
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


def identifier_pass(d: Draft) -> None:
    ids = from_url(d.paper_url) if d.paper_url else NONE
    for _, url in d.links:
        ids = ids.merged(from_url(url))
    d.ids = ids.merged(from_text(d.title_text))


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


PASSES: tuple[Callable[[Draft], None], ...] = (clean_title_pass, identifier_pass, notes_pass)


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
    )
