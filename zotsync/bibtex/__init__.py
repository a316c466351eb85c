"""BibTeX output: stable citation keys, complete arXiv fields, safe merging.

Public API (values in, values out; no paths except :func:`write_atomic`):

* :func:`zotsync.bibtex.keys.assign_keys` — give usable resolutions a BBT-style key, never renaming one;
* :func:`render_bib` — parsed entries + resolutions → :class:`BibResult` (text, keys, left-out entries);
* :func:`merge_bib` — update zotsync's entries inside an existing .bib, everything else byte-for-byte;
* :mod:`zotsync.bibtex.fingerprints` — what zotsync last wrote per entry, so entries edited by hand are kept;
* :func:`write_atomic` — replace a file atomically (temp file + rename);
* :func:`zotsync.dates.version_date` — the date of the version an entry describes, shared with
  Zotero (:func:`zotsync.dates.paper_date`, the first arXiv version, is the year in citation keys);
* :func:`zotsync.venues.edition` — which version an entry describes (preprint or published),
  shared with Zotero so an entry and its item never disagree;
* :func:`zotsync.names.split_name` — BibTeX's name parts, shared with Zotero's creators.

``zotsync bib`` runs :func:`zotsync.bibtex.run.make_bib`, which ties these to the parser, the
lock file and (unless offline) the resolver.
"""

from __future__ import annotations

from zotsync.bibtex.keys import DEFAULT_FORMULA, assign_keys, make_key
from zotsync.bibtex.render import BibResult, LeftOut, render_bib
from zotsync.bibtex.writer import merge_bib, write_atomic

__all__ = [
    "DEFAULT_FORMULA",
    "assign_keys",
    "make_key",
    "render_bib",
    "BibResult",
    "LeftOut",
    "merge_bib",
    "write_atomic",
]
