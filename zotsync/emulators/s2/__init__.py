"""Semantic Scholar Graph API emulator (``api.semanticscholar.org/graph/v1``).

``python -m zotsync.emulators s2 --corpus FILE.jsonl --port N``

Serves ``GET /graph/v1/paper/search/match``, ``GET /graph/v1/paper/search``,
``GET /graph/v1/paper/{id}`` and ``POST /graph/v1/paper/batch`` over the corpus.
Rules live in :mod:`.backend` (with :mod:`.records` for S2's view of a paper and
:mod:`.ranking` for relevance), the wire format in :mod:`.app`. Rate limiting (429)
comes from the core fault plane; :data:`TOO_MANY_REQUESTS_BODY` is S2's body for it.
"""

from __future__ import annotations

import argparse

from zotsync.emulators.corpus import default_corpus_path, load_corpus
from zotsync.emulators.s2.app import TOO_MANY_REQUESTS_BODY, S2App
from zotsync.emulators.s2.backend import S2Backend, S2Error

__all__ = ["add_arguments", "build_app", "S2App", "S2Backend", "S2Error", "TOO_MANY_REQUESTS_BODY"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        metavar="FILE.jsonl",
        default=None,
        help=f"papers to serve, JSON Lines (default: the sample corpus, {default_corpus_path().name})",
    )
    parser.add_argument(
        "--api-key",
        default=None,
        help="if given, a request whose x-api-key differs gets 403 (no header: shared pool)",
    )


def build_app(args: argparse.Namespace) -> S2App:
    """The app for parsed command-line arguments (CorpusError, a ValueError, if the corpus is bad)."""
    return S2App(S2Backend(load_corpus(args.corpus)), api_key=getattr(args, "api_key", None))
