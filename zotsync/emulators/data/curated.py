"""The hand-curated facts behind the sample corpus, read from two JSON Lines files.

``curated_papers.jsonl`` — one object per line, ``table`` says which list it belongs to:

``real``                   a real paper a list names: ``arxiv_id`` (or null), canonical ``title``,
                           ``authors`` ("A; B; ..." or "" = synthesise) and ``extras`` (venue, year,
                           doi, journal_ref, comment, openreview_id, published, version,
                           categories, listed: other listed spellings that name this paper).
``distractors``            real near-duplicates a naive resolver would pick instead (same shape).
``synthetic_distractors``  not real papers (marked synthetic in README.md): ``title``, ``extras``.
``absent``                 listed titles deliberately absent from the corpus (expected unresolved).
``absent_neighbours``      their near neighbours that are in the corpus (so absence is a trap).
``acronym_only``           a ``listed`` acronym or nickname and the one acceptable paper's ``title``.

``section`` (optional) says which seed list or group a row was curated for.
``curated_abstracts.jsonl`` — ``key`` (arXiv id, or title off arXiv) and ``abstract``.

Read by ``build_sample_corpus.py`` only; row order is kept (the build is byte-reproducible).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

Row = tuple[str | None, str, str, dict[str, Any]]  # (arxiv_id, title, authors, extras)


@dataclass(frozen=True)
class Curated:
    real: list[Row]
    distractors: list[Row]
    synthetic_distractors: list[tuple[str, dict[str, Any]]]
    absent: list[str]
    absent_neighbours: list[str]
    acronym_only: dict[str, str]
    abstracts: dict[str, str]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load(folder: Path = HERE) -> Curated:
    rows = _jsonl(folder / "curated_papers.jsonl")

    def table(name: str) -> list[dict[str, Any]]:
        return [r for r in rows if r["table"] == name]

    def paper(r: dict[str, Any]) -> Row:
        return (r["arxiv_id"], r["title"], r["authors"], r["extras"])

    unknown = {r["table"] for r in rows} - {
        "real",
        "distractors",
        "synthetic_distractors",
        "absent",
        "absent_neighbours",
        "acronym_only",
    }
    if unknown:
        raise ValueError(f"curated_papers.jsonl: unknown table(s) {sorted(unknown)}")
    return Curated(
        real=[paper(r) for r in table("real")],
        distractors=[paper(r) for r in table("distractors")],
        synthetic_distractors=[(r["title"], r["extras"]) for r in table("synthetic_distractors")],
        absent=[r["title"] for r in table("absent")],
        absent_neighbours=[r["title"] for r in table("absent_neighbours")],
        acronym_only={r["listed"]: r["title"] for r in table("acronym_only")},
        abstracts={r["key"]: r["abstract"] for r in _jsonl(folder / "curated_abstracts.jsonl")},
    )
