"""The one small interface every metadata source implements, and its bookkeeping.

A source answers two questions, always in batches (a source decides how many
requests a batch costs):

* :meth:`Source.lookup` — ids (``"arxiv:2410.08159"``, ``"doi:10.1145/…"``) to papers;
* :meth:`Source.search` — listed titles to candidate papers (ranked by the caller).

Both return :class:`Answers`. The distinction that keeps resolution honest:
a key in ``found`` with an empty list means *the service answered and knows no
such paper*; a key in ``failed`` means *we could not get an answer* (timeout,
5xx, 429 after retries, an HTML error page, an empty body). The resolver never
treats a failure as "no such paper".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from zotsync.model import Paper


@dataclass
class Answers:
    """What one batch call produced: per key, papers found, or why it failed."""

    found: dict[str, list[Paper]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Answers) -> None:
        self.found.update(other.found)
        for key, why in other.failed.items():
            if key not in self.found:
                self.failed[key] = why


@dataclass
class SourceStats:
    """Per-source counters shown in the summary and the benchmark."""

    requests: int = 0  # HTTP requests actually sent (retries included)
    retries: int = 0
    failures: list[str] = field(default_factory=list)  # one line per failed call, after retries
    down: bool = False  # the circuit opened: no more requests this run


class SourceFailure(Exception):
    """A call to a source failed after its retries (never "no such paper")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Source(Protocol):
    """A scholarly metadata service, seen through what the resolver needs."""

    name: str  # "arxiv" | "s2" | "hf"
    id_kinds: frozenset[str]  # which ``kind:`` prefixes lookup() understands ("arxiv", "doi")
    stats: SourceStats

    def lookup(self, ids: Sequence[str]) -> Answers:
        """Papers for ``kind:value`` ids; ``found[id] == []`` when the service knows none."""
        ...

    def search(self, titles: Sequence[str]) -> Answers:
        """Candidate papers per listed title (unranked; the caller scores them)."""
        ...
