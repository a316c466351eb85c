"""The paper corpus every paper-service emulator (arXiv, Semantic Scholar, Hugging Face) serves.

One format for all of them: JSON Lines, one paper per line::

    {"arxiv_id": "2410.08159", "version": 2, "title": "DART: ...", "authors": ["Jiatao Gu", ...],
     "abstract": "...", "published": "2024-10-10", "updated": "2024-10-14",
     "categories": ["cs.CV", "cs.LG"], "doi": null, "journal_ref": null, "comment": null,
     "venue": null, "year": 2024, "openreview_id": null}

Every key but ``title`` may be null or absent (absent lists become ``()``).
``version_titles`` (``{"1": "…"}``) gives earlier arXiv versions' titles where a paper
was retitled; arXiv serves them for a versioned id (``id_list=…v1``), and searches the
latest title only. A paper that
is not on arXiv has ``arxiv_id: null`` and usually an ``openreview_id`` or a ``doi``.
Unknown keys are ignored, so a corpus written for a later version still loads.

Loading is strict about the values it does read: a wrong type, a malformed date or a
malformed arXiv id is a :class:`CorpusError` naming the file and the 1-based line, so a
hand-edited corpus fails loudly instead of serving half a paper.

This module is shared by the emulators only; it never imports zotsync's client code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CorpusPaper", "CorpusError", "load_corpus", "parse_paper", "default_corpus_path"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# New style 0704.0001 .. 2412.99999, or old style archive(.SUBJ)/YYMMNNN; no version suffix.
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})$")

_STR_FIELDS = (
    "arxiv_id",
    "abstract",
    "published",
    "updated",
    "doi",
    "journal_ref",
    "comment",
    "venue",
    "openreview_id",
)
_LIST_FIELDS = ("authors", "categories")
_INT_FIELDS = ("version", "year")


class CorpusError(ValueError):
    """A corpus file that cannot be served: unreadable, or a line that is not a valid paper."""


@dataclass(frozen=True)
class CorpusPaper:
    """One paper as the emulated services know it (the arXiv record, plus venue facts)."""

    title: str
    arxiv_id: str | None = (
        None  # "2410.08159" or "hep-th/9901001", no version; None if not on arXiv
    )
    version: int | None = None  # latest version number
    authors: tuple[str, ...] = ()  # full names, "Given Family", in author order
    abstract: str | None = None
    published: str | None = None  # v1 date, YYYY-MM-DD
    updated: str | None = None  # latest version date, YYYY-MM-DD
    categories: tuple[str, ...] = ()  # arXiv categories, primary first
    doi: str | None = None  # publisher DOI of the published version
    journal_ref: str | None = None
    comment: str | None = None
    venue: str | None = None  # published venue, e.g. "ICLR 2024"; None for a preprint only
    year: int | None = None  # publication year (of the venue version when there is one)
    openreview_id: str | None = None
    # titles of earlier arXiv versions that differ from ``title`` (the latest): (version, title)
    version_titles: tuple[tuple[int, str], ...] = ()

    @property
    def latest_version(self) -> int:
        """The latest arXiv version number (1 when the corpus does not say)."""
        return self.version or 1

    @property
    def last_updated(self) -> str | None:
        """Date of the latest version: ``updated``, else ``published``."""
        return self.updated or self.published

    @property
    def effective_year(self) -> int | None:
        """``year`` when given, else the year of ``published``."""
        if self.year is not None:
            return self.year
        return int(self.published[:4]) if self.published else None


def default_corpus_path() -> Path:
    """The sample corpus shipped with zotsync (built from the example reading lists)."""
    return Path(__file__).resolve().parent / "data" / "sample_corpus.jsonl"


def load_corpus(path: str | Path | None = None) -> list[CorpusPaper]:
    """Read a JSON Lines corpus (default: :func:`default_corpus_path`).

    Blank lines are skipped. Raises :class:`CorpusError` for an unreadable file, a line
    that is not a JSON object or not a valid paper (with the line number), and for two
    papers claiming the same arXiv id.
    """
    path = Path(path) if path is not None else default_corpus_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read corpus {path}: {exc}") from exc
    return list(_parse_lines(text.splitlines(), str(path)))


def _parse_lines(lines: Iterable[str], source: str) -> Iterable[CorpusPaper]:
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{source}:{number}: not valid JSON ({exc.msg})") from exc
        try:
            paper = parse_paper(record)
        except CorpusError as exc:
            raise CorpusError(f"{source}:{number}: {exc}") from None
        if paper.arxiv_id is not None:
            if paper.arxiv_id in seen:
                raise CorpusError(
                    f"{source}:{number}: arXiv id {paper.arxiv_id} already on line {seen[paper.arxiv_id]}"
                )
            seen[paper.arxiv_id] = number
        yield paper


def parse_paper(record: Any) -> CorpusPaper:
    """One corpus record (a decoded JSON object) to a :class:`CorpusPaper`; CorpusError if invalid."""
    if not isinstance(record, Mapping):
        raise CorpusError(f"expected a JSON object, got {type(record).__name__}")
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CorpusError("'title' must be a non-empty string")
    values: dict[str, Any] = {"title": title}
    for name in _STR_FIELDS:
        values[name] = _optional(record, name, str)
    for name in _INT_FIELDS:
        value = _optional(record, name, int)
        if isinstance(value, bool) or (value is not None and value < 1):
            raise CorpusError(f"'{name}' must be a positive integer")
        values[name] = value
    for name in _LIST_FIELDS:
        items = _optional(record, name, list) or []
        if not all(isinstance(item, str) and item.strip() for item in items):
            raise CorpusError(f"'{name}' must be a list of non-empty strings")
        values[name] = tuple(items)
    for name in ("published", "updated"):
        if values[name] is not None and not _DATE.match(values[name]):
            raise CorpusError(f"'{name}' must be a YYYY-MM-DD date, got {values[name]!r}")
    if values["arxiv_id"] is not None and not _ARXIV_ID.match(values["arxiv_id"]):
        raise CorpusError(f"'arxiv_id' must be a version-less arXiv id, got {values['arxiv_id']!r}")
    values["version_titles"] = _version_titles(record, values["version"] or 1)
    return CorpusPaper(**values)


def _version_titles(record: Mapping[str, Any], latest: int) -> tuple[tuple[int, str], ...]:
    """``{"1": "old title"}``: earlier versions' titles, each version below the latest."""
    raw = _optional(record, "version_titles", dict) or {}
    out = []
    for key, title in raw.items():
        if not (isinstance(key, str) and key.isdigit() and 1 <= int(key) < latest):
            raise CorpusError(f"'version_titles' keys must be earlier version numbers, got {key!r}")
        if not isinstance(title, str) or not title.strip():
            raise CorpusError("'version_titles' values must be non-empty strings")
        out.append((int(key), title))
    return tuple(sorted(out))


def _optional(record: Mapping[str, Any], name: str, kind: type) -> Any:
    value = record.get(name)
    if value is not None and not isinstance(value, kind):
        raise CorpusError(f"'{name}' must be {kind.__name__} or null, got {type(value).__name__}")
    return value
