"""arXiv API emulator (export.arxiv.org ``/api/query``, the current Elasticsearch-backed service).

``python -m zotsync.emulators arxiv --corpus FILE.jsonl --port N``

Layout: :mod:`.query` (search_query rewrite and parse), :mod:`.records` (papers, ids),
:mod:`.matching` (per-field term matching and scoring), :mod:`.backend` (id filter,
evaluation, sorting, paging) hold the service's rules; :mod:`.app` (routes, validation,
errors) and :mod:`.atom` (the exact feed bytes) hold its wire format.
"""

from __future__ import annotations

import argparse

from zotsync.emulators.arxiv.app import ArxivApp
from zotsync.emulators.arxiv.backend import ArxivBackend
from zotsync.emulators.arxiv.records import ArxivRecord, Author, records_from_corpus
from zotsync.emulators.corpus import default_corpus_path, load_corpus

__all__ = [
    "add_arguments",
    "build_app",
    "ArxivApp",
    "ArxivBackend",
    "ArxivRecord",
    "Author",
    "records_from_corpus",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        metavar="FILE.jsonl",
        default=None,
        help=f"papers to serve, JSON Lines (default: the sample corpus, {default_corpus_path().name})",
    )
    parser.add_argument(
        "--legacy",
        action="store_true",
        help="answer in the pre-2025-11 feed shape (perl/Lucene service) instead of the current one",
    )
    parser.add_argument(
        "--lie-total",
        type=int,
        default=0,
        metavar="N",
        help="fault: claim N more results than exist (later pages come back empty)",
    )


def build_app(args: argparse.Namespace) -> ArxivApp:
    """The app for parsed command-line arguments (a CorpusError, a ValueError, if the corpus is bad)."""
    backend = ArxivBackend(records_from_corpus(load_corpus(args.corpus)))
    return ArxivApp(
        backend, legacy=getattr(args, "legacy", False), lie_total=getattr(args, "lie_total", 0)
    )
