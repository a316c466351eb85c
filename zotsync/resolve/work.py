"""The resolver's scratch state for one identity, shared by its stages (:mod:`.pipeline`, :mod:`.enrich`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zotsync.model import Entry, Paper, Resolution


@dataclass
class Work:
    """The resolver's scratch state for one identity."""

    entry: Entry  # the first entry with this identity (its title, hints, abstract)
    prior: Resolution | None = None  # from the lock (a pin to fetch, or a failure to retry)
    found: list[tuple[Paper, str]] = field(
        default_factory=list
    )  # (paper, source) from title searches
    failures: list[str] = field(default_factory=list)
    unknown_id: str | None = None  # the linked id the services answered "no such paper" for
    result: Resolution | None = None
