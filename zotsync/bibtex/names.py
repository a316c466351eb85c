"""Moved to :mod:`zotsync.names` (name parts are shared by the .bib output and Zotero's creators)."""

from zotsync.names import Name, is_cjk, split_name

__all__ = ["Name", "is_cjk", "split_name"]
