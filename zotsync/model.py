"""The values that flow through the pipeline.

    reading list --parse--> Entry --resolve--> Resolution(Paper) --render--> .bib
                                                               \\--plan/apply--> Zotero

Everything here is a frozen dataclass with plain-data fields (str, int, tuples,
mappings), so values can be compared, hashed where useful, and turned into JSON
with :func:`to_jsonable`. No I/O lives in this module.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------- parse


@dataclass(frozen=True)
class Skipped:
    """A line the parser read but could not place as a title or a note.

    Reported to the user (and in ``--json``) so nothing is dropped silently.
    """

    source: str
    line: int  # 1-based
    text: str
    reason: str  # e.g. "page chrome", "unrecognised line"


ENTRY_KINDS = (
    "paper",
    "repo",
    "blog",
    "video",
    "book",
    "dataset",
    "model",
    "tool",
    "course",
    "standard",
    "website",
)


@dataclass(frozen=True)
class FoundId:
    """One identifier found in an entry, and where: ``where`` is ``link`` (a link's target),
    ``url`` (a bare URL) or ``text`` (written out, e.g. ``arXiv:2410.08159``); ``line`` is the
    line it is on (the title's, or the line under it that holds only the id); ``label`` is the
    link's text when it came from a link."""

    scheme: str  # arxiv | doi | openreview | acl | pmlr | jmlr | neurips | cvf | s2 | pwc | iacr | pubmed | pmc | ieee
    value: str
    where: str
    line: int  # 1-based line it was found on
    version: int | None = None  # arXiv version the link pinned
    url: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Entry:
    """One paper as the user listed it.

    A paper listed in two sections is two entries (same :attr:`ident`).
    """

    source: str  # the file path as the user gave it
    line: int  # 1-based line of the title
    raw: str  # the raw text of the entry's title line(s), verbatim
    section: tuple[str, ...]  # heading path, outermost first; () for a file without headings
    title: str  # cleaned title (no venue prefix, alias prefix, trailing aside)
    arxiv_id: str | None = (
        None  # new style "2410.08159" or old style "astro-ph/0601001", no version
    )
    arxiv_version: int | None = None  # the version the link named, if any
    openreview_id: str | None = None
    doi: str | None = None  # bare DOI, lower-cased prefix "10.", no resolver URL
    venue: str | None = (
        None  # venue hint removed from the title ("NeurIPS", "EMNLP Findings", "CVPR 22")
    )
    year: int | None = None  # year hint when the list gives one
    aliases: tuple[
        str, ...
    ] = ()  # nicknames removed from the title ("GLIP", "DDPO", "SoM prompting")
    notes: str = ""  # the user's notes, verbatim (Markdown), "" if none
    tags: tuple[str, ...] = ()  # the user's tags, e.g. bold "**Scale DPO**"
    abstract: str | None = None  # where the list carries one (Hugging Face pages)
    links: Mapping[str, str] = field(
        default_factory=dict
    )  # label -> url: "paper", "code", "project", ...
    hints: Mapping[str, Any] = field(
        default_factory=dict
    )  # e.g. {"authors_count": 5, "date": "2025-04-17", "upvotes": 2, "read_notes": 3}
    dialect: str = "markdown"  # "markdown" | "awesome" | "hf" | "table" | "org" | "text"
    notes_span: tuple[int, int] | None = (
        None  # 1-based inclusive line span of the notes in the file, for pull
    )
    kind: str = (
        "paper"  # one of ENTRY_KINDS: what the entry names; later stages resolve papers only
    )
    ids: tuple[FoundId, ...] = ()  # every identifier found in the entry, in document order
    section_levels: tuple[int, ...] = ()  # heading level of each ``section`` component (## = 2)
    heading_level: int | None = None  # the title is itself a heading of this level ("#### Title")

    @property
    def ident(self) -> str:
        """Identity of the paper this entry names, stable across edits elsewhere in the list.

        Strongest identifier *the list gave* first: ``arxiv:<id>``, ``openreview:<id>``,
        ``doi:<doi>``, else ``title:<normalised title>``. It keys the lock (one decision per
        way of naming a paper); the .bib entry and the Zotero item are keyed by
        :attr:`Paper.ident`, so one paper named two ways is still one entry and one item
        (tests/test_identities.py).
        """
        if self.arxiv_id:
            return f"arxiv:{self.arxiv_id}"
        if self.openreview_id:
            return f"openreview:{self.openreview_id}"
        if self.doi:
            return f"doi:{self.doi.lower()}"
        return f"title:{normalise_title(self.title)}"


@dataclass(frozen=True)
class ParseResult:
    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...] = ()
    dialect: str = "markdown"
    encoding: str = "utf-8"


# --------------------------------------------------------------------------- resolve


class Status(str, enum.Enum):
    RESOLVED = "resolved"  # a clear winner, or an identifier lookup
    REVIEW = "review"  # close call: candidates kept for the user
    UNRESOLVED = "unresolved"  # nothing good enough; reason says why
    PINNED = "pinned"  # the user pinned an id in the lock file
    REJECTED = "rejected"  # the user rejected the match; never re-guessed
    NOT_A_PAPER = "not-a-paper"  # the user said this entry is not a paper

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value

    @property
    def usable(self) -> bool:
        """Whether downstream stages (BibTeX, Zotero) may use the paper."""
        return self in (Status.RESOLVED, Status.PINNED)


class Reason(str, enum.Enum):
    """What kind of "why" a resolution's ``reason`` text gives, where a later stage acts on it.

    The lock file keeps the reason as text (``"source failed: arXiv timed out"``); the kind
    is its leading words. Stages ask :attr:`Resolution.reason_kind`, never the text.
    """

    SOURCE_FAILED = "source failed"  # a service failed: retried on the next run
    OFFLINE = "offline"  # decided without the network: never saved to the lock
    PINNED_NOT_FOUND = "pinned id not found"  # no source knows the id the user pinned
    NOT_A_PAPER = "not a paper"  # flagged by the parser's kind or its heading: not looked up

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value

    def because(self, detail: str) -> str:
        """The reason text for this kind: ``"source failed: <detail>"``."""
        return f"{self.value}: {detail}"

    @classmethod
    def of(cls, reason: str | None) -> Reason | None:
        """The kind of a reason text (None for a reason no stage acts on)."""
        for kind in cls:
            if (reason or "").startswith(kind.value):
                return kind
        return None


@dataclass(frozen=True)
class Paper:
    """Canonical metadata of one paper, as a scholarly source knows it."""

    title: str  # canonical title, may contain LaTeX ($Q^*$)
    authors: tuple[str, ...] = ()  # full names in source order, "Given Family"
    arxiv_id: str | None = None  # without version
    version: int | None = None  # latest known version
    abstract: str | None = None
    published: str | None = None  # v1 date YYYY-MM-DD
    updated: str | None = None  # latest version date YYYY-MM-DD
    categories: tuple[str, ...] = ()  # primary first
    doi: str | None = None  # the publisher DOI (not the 10.48550 arXiv DOI)
    journal_ref: str | None = None
    comment: str | None = None
    venue: str | None = None  # published venue when a source knows it
    venue_type: str | None = (
        None  # "conference" | "journal" when an authoritative source (S2 publicationVenue) says so
    )
    volume: str | None = None  # of the published version, when a source gives it
    pages: str | None = None  # of the published version, when a source gives it
    year: int | None = None  # publication year when known (else from `published`)
    openreview_id: str | None = None
    url: str | None = None

    @property
    def primary_category(self) -> str | None:
        return self.categories[0] if self.categories else None

    @property
    def has_identifier(self) -> bool:
        return bool(self.arxiv_id or self.doi or self.openreview_id)

    @property
    def ident(self) -> str:
        """What makes two records the same paper: ``arxiv:``, else ``doi:``, else ``openreview:``,
        else ``title:<normalised title>``. One .bib entry and one Zotero item per ident."""
        if self.arxiv_id:
            return f"arxiv:{self.arxiv_id}"
        if self.doi:
            return f"doi:{self.doi.lower()}"
        if self.openreview_id:
            return f"openreview:{self.openreview_id}"
        return f"title:{normalise_title(self.title)}"


@dataclass(frozen=True)
class Candidate:
    """A paper a source offered for an entry, with the local score it got."""

    paper: Paper
    score: float  # 0..1
    source: str  # "arxiv" | "s2" | "hf" | ...


@dataclass(frozen=True)
class Resolution:
    """The decision for one entry identity. Serialised to the lock file."""

    ident: str  # Entry.ident
    status: Status
    paper: Paper | None = None
    confidence: float = 0.0
    via: str | None = (
        None  # the source that decided ("arxiv-id", "arxiv-title", "s2", "hf", "user")
    )
    reason: str | None = None  # why review/unresolved
    candidates: tuple[Candidate, ...] = ()
    citation_key: str | None = None  # assigned once, then stable (see bibtex.keys)
    listed_title: str | None = None  # the title as listed, for humans reading the lock

    @property
    def reason_kind(self) -> Reason | None:
        return Reason.of(self.reason)


# --------------------------------------------------------------------------- helpers


_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """A loose comparison form of a title: NFKD, no accents, lower case, words only.

    Used for identities; the resolver has its own richer normaliser for scoring.
    """
    text = title
    if not text.isascii():  # (ASCII is its own NFKD form, with no combining marks)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # one space for each run of non-word characters (white space among them): words only
    return _NON_WORD.sub(" ", text.casefold()).strip()


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums, tuples and mappings to plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value
