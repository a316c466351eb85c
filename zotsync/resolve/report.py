"""What a resolve run produced: per-entry rows, decisions, and per-source accounting.

:class:`ResolveReport` is the return value of
:func:`zotsync.resolve.resolve_entries`; :func:`summary_lines` renders the
table the CLI prints at the end, and :func:`row_json` the ``--json`` objects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from zotsync.model import Entry, Reason, Resolution, Status
from zotsync.resolve.lockfile import pinned_id
from zotsync.resolve.sources.base import SourceStats
from zotsync.wording import count


@dataclass(frozen=True)
class Row:
    """One input entry and the decision for its identity."""

    entry: Entry
    resolution: Resolution
    cached: bool  # decided by an earlier run (read from the lock, no request made)


@dataclass
class ResolveReport:
    rows: list[Row]  # aligned with the input entries, document order
    resolutions: dict[str, Resolution]  # ident -> decision, for the entries of this run
    sources: dict[str, SourceStats] = field(default_factory=dict)
    offline: bool = False
    lock_path: str | None = None
    lock_written: bool = False
    pending: dict[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # ident -> enrichment a failed service left undone
    lock: dict[str, Resolution] = field(
        default_factory=dict
    )  # the whole lock after this run, as a later read of the file gives it

    @property
    def failed(self) -> list[Row]:
        """Rows left unresolved because a service failed (retried on the next run)."""
        return [r for r in self.rows if r.resolution.reason_kind is Reason.SOURCE_FAILED]

    @property
    def provisional(self) -> list[Row]:
        """Usable rows whose metadata a failed service left incomplete (completed on the next run)."""
        if self.offline:
            return []
        return [
            r
            for r in self.rows
            if r.entry.ident in self.pending
            and r.resolution.reason_kind is not Reason.SOURCE_FAILED
        ]

    @property
    def incomplete(self) -> list[Row]:
        """Rows a service failure left undone: unresolved for a failure, or usable but with pending metadata."""
        return [
            r
            for r in self.rows
            if r.resolution.reason_kind is Reason.SOURCE_FAILED or r.entry.ident in self.pending
        ]

    @property
    def requests(self) -> dict[str, int]:
        return {name: s.requests for name, s in self.sources.items()}

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    @property
    def failures(self) -> dict[str, list[str]]:
        return {name: list(s.failures) for name, s in self.sources.items() if s.failures}

    @property
    def no_network(self) -> bool:
        """Every service that was asked failed to connect at all: the network (or every URL) is down."""
        asked = [s for s in self.sources.values() if s.requests]
        return bool(asked) and all(
            s.failures and all(_is_connection_failure(f) for f in s.failures) for s in asked
        )

    def counts(self) -> Counter[str]:
        """Entries (not identities) per status."""
        return Counter(row.resolution.status.value for row in self.rows)

    def decided_by(self) -> Counter[str]:
        """Usable entries per deciding source (``via``), cached ones counted as ``lock``."""
        return Counter(
            "lock" if r.cached else (r.resolution.via or "?")
            for r in self.rows
            if r.resolution.status.usable
        )


_CONNECTION = ("connection failed", "connectionerror", "timed out", "timeout", "name resolution")


def _is_connection_failure(line: str) -> bool:
    low = line.lower()
    return any(mark in low for mark in _CONNECTION)


SERVICE_NAMES = {"arxiv": "arXiv", "s2": "Semantic Scholar", "hf": "Hugging Face"}


def no_network_line(report: ResolveReport, failed: int) -> str:
    """The one line that replaces a block per entry when no service could be reached."""
    names = ", ".join(SERVICE_NAMES.get(n, n) for n, s in report.sources.items() if s.requests)
    return (
        f"no network: {names} could not be reached, so {count(failed, 'entry')} "
        f"{'is' if failed == 1 else 'are'} left unresolved and retried on the next run "
        "(`--json` lists them; `--offline` works from the lock alone)"
    )


def row_json(row: Row, pending: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The ``--json`` object for one entry (keys documented in ``zotsync resolve --help``)."""
    res, entry = row.resolution, row.entry
    paper = res.paper or pinned_id(res)  # an unfetched pin shows the id it names
    return {
        "source": entry.source,
        "line": entry.line,
        "title": entry.title,
        "ident": res.ident,
        "status": res.status.value,
        "arxiv_id": paper.arxiv_id if paper and paper.arxiv_id else None,
        "version": paper.version if paper else None,
        "doi": paper.doi if paper else None,
        "confidence": round(res.confidence, 3),
        "via": res.via,
        "canonical_title": paper.title if paper and paper.title else None,
        "reason": res.reason,
        "cached": row.cached,
        "pending": list(pending or ()),
        "candidates": [
            {
                "arxiv_id": c.paper.arxiv_id,
                "title": c.paper.title,
                "score": round(c.score, 3),
                "source": c.source,
                "year": c.paper.year,
            }
            for c in res.candidates
        ],
    }


def status_counts(report: ResolveReport) -> list[tuple[str, int]]:
    """(status, number of entries) for every status that occurs, in the order of `Status`."""
    counts = report.counts()
    return [(status.value, counts[status.value]) for status in Status if counts.get(status.value)]


def headline(report: ResolveReport) -> str:
    """One line: how many entries and papers, and how many of each status."""
    parts = [
        f"{count(len(report.rows), 'entry')} ({count(len(report.resolutions), 'distinct paper')})"
    ]
    parts += [f"{status} {n}" for status, n in status_counts(report)]
    return "; ".join(parts)


def summary_lines(report: ResolveReport) -> list[str]:
    """The end-of-run table: statuses, deciding sources, requests and failures per service."""
    lines = [
        f"{count(len(report.rows), 'entry')} ({count(len(report.resolutions), 'distinct paper')})"
    ]
    lines += [f"  {status:<12} {n:>5}" for status, n in status_counts(report)]
    by = report.decided_by()
    if by:
        lines.append(
            "decided by: "
            + ", ".join(f"{k} {v}" for k, v in sorted(by.items(), key=lambda kv: (-kv[1], kv[0])))
        )
    if report.offline:
        lines.append("offline: no request made")
    else:
        lines.append(f"{'source':<8} {'requests':>8} {'retries':>8} {'failures':>8}")
        for name, s in report.sources.items():
            mark = "  DOWN: later calls skipped" if s.down else ""
            lines.append(f"{name:<8} {s.requests:>8} {s.retries:>8} {len(s.failures):>8}{mark}")
        for name, fails in report.failures.items():
            for line in fails[:3]:
                lines.append(f"  ! {line}")
            if len(fails) > 3:
                lines.append(f"  ! ... and {len(fails) - 3} more {name} failures")
    lines.extend(_pending_lines(report))
    if report.lock_path:
        lines.append(
            f"lock file: {report.lock_path}" + ("" if report.lock_written else " (unchanged)")
        )
    return lines


PENDING_WHAT = {
    "arxiv": "their arXiv record (version, categories, dates): arXiv failed",
    "venue": "their published venue: Semantic Scholar failed",
}


def _pending_lines(report: ResolveReport) -> list[str]:
    """Provisional decisions, by what they still lack; fetched by the next run."""
    lines = []
    for kind, what in PENDING_WHAT.items():
        n = sum(1 for r in report.rows if kind in report.pending.get(r.entry.ident, ()))
        if n:
            lines.append(
                f"pending: {count(n, 'entry')} still lack{'s' if n == 1 else ''} {what}; the next `zotsync resolve` fetches it"
            )
    return lines
