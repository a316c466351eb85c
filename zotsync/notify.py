"""Things a running command tells the user on the way (not results, not errors).

The library never prints: it logs to the ``zotsync`` logger, and the CLI shows
those records on stderr (``note: …``). A script calling the library sees nothing
unless it configures logging.

    announce_wait("arxiv", 30, "HTTP 429, Retry-After")
"""

from __future__ import annotations

import logging

LOGGER = logging.getLogger("zotsync")

#: Waits at least this long (seconds) are announced; shorter ones are pacing.
ANNOUNCE_WAIT = 5.0


def announce(message: str) -> None:
    LOGGER.warning(message)


def announce_wait(service: str, seconds: float, why: str) -> None:
    """Say that a run is about to sleep for ``seconds`` (only when that is long enough to notice)."""
    if seconds >= ANNOUNCE_WAIT:
        announce(f"{service} asked to wait {seconds:.0f} s ({why}); waiting")
