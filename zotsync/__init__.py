"""zotsync: reading list → resolved metadata → BibTeX and a synced Zotero library.

The library is the product; the CLI is a thin layer over it. Stages:

- :mod:`zotsync.parse`   reading-list text → :class:`zotsync.model.Entry` values
- :mod:`zotsync.resolve` entries → :class:`zotsync.model.Resolution` values (+ lock file)
- :mod:`zotsync.bibtex`  resolutions → a .bib file
- :mod:`zotsync.push`    entries + resolutions → a plan (pure) → applied to Zotero
- :mod:`zotsync.emulators` local emulators of arXiv, Semantic Scholar, Hugging Face and Zotero
"""

__version__ = "0.1.0"
