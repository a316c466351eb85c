"""Metadata sources, one module per service, behind one small interface (:mod:`.base`).

:func:`build_sources` makes the three from a :class:`~zotsync.config.Config`.
Politeness: one knob, ``services.arxiv_delay`` (``ZOTSYNC_ARXIV_DELAY``, default
3 s), sets arXiv's minimum interval; Semantic Scholar gets a third of it (1 s)
and Hugging Face a thirtieth (0.1 s). ``ZOTSYNC_ARXIV_DELAY=0`` (the tests)
turns all pacing off. ``services.timeout`` bounds every request.
"""

from __future__ import annotations

from zotsync.config import Config
from zotsync.resolve.sources.arxiv_source import ArxivSource
from zotsync.resolve.sources.base import Answers, Source, SourceFailure, SourceStats
from zotsync.resolve.sources.hf import HFSource
from zotsync.resolve.sources.s2 import S2Source

__all__ = [
    "Answers",
    "Source",
    "SourceFailure",
    "SourceStats",
    "build_sources",
    "ArxivSource",
    "S2Source",
    "HFSource",
]

S2_SHARE = 1 / 3
HF_SHARE = 1 / 30


def build_sources(config: Config) -> dict[str, Source]:
    """The real sources, pointed at the configured base URLs."""
    s = config.services
    return {
        "arxiv": ArxivSource(
            s.arxiv_url, interval=s.arxiv_delay, timeout=s.timeout, max_wait=s.max_wait
        ),
        "s2": S2Source(
            s.s2_url,
            interval=s.arxiv_delay * S2_SHARE,
            timeout=s.timeout,
            api_key=s.s2_api_key,
            max_wait=s.max_wait,
        ),
        "hf": HFSource(
            s.hf_url, interval=s.arxiv_delay * HF_SHARE, timeout=s.timeout, max_wait=s.max_wait
        ),
    }
