"""Hugging Face papers API emulator (``huggingface.co/api/papers``).

``python -m zotsync.emulators hf --corpus FILE.jsonl --port N``

``GET /api/papers/search?q=TEXT`` (relevance search over titles and abstracts) and
``GET /api/papers/{arxiv_id}`` (404 for a paper HF has no page for; only arXiv papers
have one). Rules in :mod:`.backend`, wire format in :mod:`.app`.
"""

from __future__ import annotations

import argparse

from zotsync.emulators.corpus import default_corpus_path, load_corpus
from zotsync.emulators.hf.app import HFApp
from zotsync.emulators.hf.backend import HFBackend

__all__ = ["add_arguments", "build_app", "HFApp", "HFBackend"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        metavar="FILE.jsonl",
        default=None,
        help=f"papers to serve, JSON Lines (default: the sample corpus, {default_corpus_path().name})",
    )


def build_app(args: argparse.Namespace) -> HFApp:
    """The app for parsed command-line arguments (CorpusError, a ValueError, if the corpus is bad)."""
    return HFApp(HFBackend(load_corpus(args.corpus)))
