"""Resolve reading-list entries to real paper metadata (arXiv first), with a reviewable lock file.

Public API:

* :func:`resolve_entries` (``zotsync.resolve.pipeline``) — entries + config → :class:`ResolveReport`;
* :func:`zotsync.resolve.lockfile.load_lock` / :func:`~zotsync.resolve.lockfile.save_lock` — the lock file.
"""

from __future__ import annotations

from typing import Any

__all__ = ["resolve_entries", "resolve_files", "parse_entries", "ResolveReport"]


def __getattr__(name: str) -> Any:  # lazy: `import zotsync.resolve.lockfile` stays light
    if name == "ResolveReport":
        from zotsync.resolve.report import ResolveReport

        return ResolveReport
    if name in __all__:
        from zotsync.resolve import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
