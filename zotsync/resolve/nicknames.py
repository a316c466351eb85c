"""Entries that name a paper the way people talk: ``BERT``, ``ViT``, ``Zooming Slow-Mo``, or a
description with a model name in it (``阿里同义千问 Qwen2.5-Coder 技术报告``).

A title search cannot find them (the name is not the title), so an entry the title stage left
open is looked up *by name*: one arXiv query per batch of names asks for papers whose title or
abstract holds the name (``ti:"BERT" OR abs:"BERT"``). The papers found are ranked the way a
careful reader would, by what connects each one to the name and to the list (:func:`evidence`):

* its title is named by it (``BERT: Pre-training …``) or holds it;
* its abstract introduces it (``… called BERT``, ``(BERT)``, ``we propose BERT``), or only
  mentions it in passing (a paper that compares with BERT);
* its year agrees with the year the list gives (a year column, a year heading, ``CVPR 20``);
* it shares words with the row's other cells (keywords, notes).

The result is **never** an automatic decision: a name is ambiguous (an acronym reused in
another field, a follow-up ``BERT++``), so the entry goes to review with the ranked candidates,
and the reason says, per candidate, why it is there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zotsync.model import Candidate, Entry, Paper, Resolution, Status
from zotsync.resolve import matching
from zotsync.resolve.lockfile import compact_candidate
from zotsync.resolve.sources import Source

if TYPE_CHECKING:  # pragma: no cover
    from zotsync.resolve.work import Work

__all__ = ["name_of", "evidence", "rank_by_name", "by_name", "Evidence", "NICKNAME"]

NICKNAME = "nickname"  # the reason's first word for entries reviewed by name
KEEP = 5  # candidates kept for review
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# a model name written in Latin letters: with a digit (Qwen2.5-Coder) or two capitals (AlphaEvolve)
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z][A-Za-z0-9.+-]*\d[A-Za-z0-9.+-]*|[A-Z][A-Za-z0-9.+-]*[A-Z][A-Za-z0-9.+-]*)"
)
# a field's own acronyms name no paper
_FIELD_WORDS = frozenset("AI API CNN CV GPU LLM LLMS ML MLP NLP RL RNN SOTA".split())
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_VENUE_YEAR = re.compile(r"\b[A-Z][A-Za-z]{2,}\s*'?(\d{2})\b")
_INTRO = (
    r"(?:call(?:ed)?|named|dub(?:bed)?|term(?:ed)?|propose|introduce|present|develop|release|"
    r"train|we\s+call\s+the\s+resulting\s+models?)"
)


def name_of(entry: Entry) -> str | None:
    """The name to look up when the entry is a nickname or a description, else None.

    A nickname is a word or two (``BERT``, ``Llama 2``); a description in another script keeps
    the model name written in Latin letters inside it, if there is one.
    """
    title = matching.strip_labels(entry.title).strip()
    if not title:
        return None
    if _CJK.search(title):
        names = [n for n in _LATIN_NAME.findall(title) if n.upper() not in _FIELD_WORDS]
        return names[0] if names else None
    return title if matching.is_acronym_only(title) else None


def _phrase_in(name: str, text: str) -> bool:
    return matching.contains_phrase(name, text)


def _introduces(name: str, abstract: str) -> bool:
    n = re.escape(name)
    patterns = (
        rf"\({n}\)",
        rf"\b{_INTRO}\w*\s+(?:\w+\s+){{0,8}}?{n}(?![\w-])",
        rf"(?<![\w-]){n},\s+(?:a|an|the)\b",
        rf"(?<![\w-]){n}\s+(?:stands\s+for|is\s+a|is\s+an)\b",
    )
    return any(re.search(p, abstract, re.I) for p in patterns)


def _listed_year(entry: Entry) -> int | None:
    """The year the list gives the entry: its year, a year heading, a ``CVPR 20`` venue cell."""
    if entry.year:
        return entry.year
    for heading in reversed(entry.section):
        m = _YEAR.fullmatch(heading.strip())
        if m:
            return int(m.group(1))
    cells = entry.hints.get("columns")
    texts = [entry.venue or ""] + (
        [str(v) for v in cells.values()] if isinstance(cells, Mapping) else []
    )
    for text in texts:
        m = _YEAR.search(text) or _VENUE_YEAR.search(text)
        if m:
            y = int(m.group(1))
            return y if y > 1900 else 2000 + y
    return None


def _context_words(entry: Entry, name: str) -> set[str]:
    text = " ".join([*entry.tags, entry.notes or ""])
    return {t for t in matching.tokens(text) if len(t) > 3} - set(matching.tokens(name))


@dataclass(frozen=True)
class Evidence:
    score: float
    reasons: tuple[str, ...]


def evidence(entry: Entry, name: str, paper: Paper) -> Evidence:
    """How strongly ``paper`` is the paper ``entry`` names by ``name``, and why (0..1)."""
    score, why = 0.0, []
    parts = re.split(r"\s*:\s+", paper.title, maxsplit=1)
    if len(parts) == 2 and matching.tokens(parts[0]) == matching.tokens(name):
        score += 0.45
        why.append(f"its title is named {name!r}")
    elif _phrase_in(name, paper.title):
        score += 0.3
        why.append(f"its title holds {name!r}")
    abstract = paper.abstract or ""
    if abstract and _introduces(name, abstract):
        score += 0.35
        why.append(f"its abstract introduces {name!r}")
    elif abstract and _phrase_in(name, abstract):
        score += 0.05
        why.append(f"its abstract only mentions {name!r}")
    year, paper_year = _listed_year(entry), matching.year_of(paper)
    if year and paper_year:
        if abs(year - paper_year) <= 1:
            score += 0.15
            why.append(f"{paper_year}, as the list says")
        else:
            score -= 0.25
            why.append(f"{paper_year}, but the list says {year}")
    context = _context_words(entry, name)
    if context:
        shared = context & set(matching.tokens(f"{paper.title} {abstract}"))
        if shared:
            score += min(0.15, 0.05 * len(shared))
            why.append("shares " + ", ".join(repr(w) for w in sorted(shared)[:3]) + " with the row")
    return Evidence(round(max(0.0, min(1.0, score)), 3), tuple(why))


def rank_by_name(
    entry: Entry, name: str, found: Iterable[tuple[Paper, str]]
) -> list[tuple[Candidate, Evidence]]:
    """The papers found by name, best first (one per paper), with their evidence."""
    best: dict[str, tuple[Candidate, Evidence]] = {}
    for paper, source in found:
        ev = evidence(entry, name, paper)
        key = matching.paper_key(paper)
        if ev.score > 0 and (key not in best or ev.score > best[key][1].score):
            best[key] = (Candidate(paper=paper, score=ev.score, source=source), ev)
    return sorted(best.values(), key=lambda ce: (-ce[1].score, matching.paper_key(ce[0].paper)))


def review_reason(name: str, ranked: Sequence[tuple[Candidate, Evidence]]) -> str:
    """The review reason: the name, then each candidate and why it is there."""
    head = f"{NICKNAME} {name!r}: looked up by name, not a title; never decided automatically"
    lines = [
        f"{i}) {c.paper.arxiv_id or c.paper.title}: {'; '.join(ev.reasons)}"
        for i, (c, ev) in enumerate(ranked[:KEEP], 1)
    ]
    return f"{head}; candidates: " + " | ".join(lines)


def by_name(work: Mapping[str, Work], srcs: Mapping[str, Source]) -> dict[str, Resolution]:
    """Review items for the entries named by a nickname or a description (see the module doc).

    ``work``: the entries the title stage left open. Entries without a name are skipped; the
    rest cost one arXiv request per :data:`~.arxiv_source.NAMES_PER_QUERY` names. What the
    title stage already found is ranked too (a paper titled ``Name: …``).
    """
    arxiv = srcs.get("arxiv")
    search_names = getattr(arxiv, "search_names", None)
    names = {i: n for i, w in work.items() if (n := name_of(w.entry))}
    if not names or search_names is None or arxiv.stats.down:
        return {}
    answers = search_names(sorted(set(names.values())))
    out = {}
    for ident, name in names.items():
        if name in answers.failed:
            continue  # the entry stays open: the title stage's decision (and failure) stands
        w = work[ident]
        found = [*w.found, *((p, "arxiv") for p in answers.found.get(name, []))]
        ranked = rank_by_name(w.entry, name, found)[:KEEP]
        if not ranked:
            continue  # nothing names it: the title stage's own verdict stands
        out[ident] = Resolution(
            ident=w.entry.ident,
            status=Status.REVIEW,
            confidence=min(ranked[0][1].score, matching.ACRONYM_REVIEW_CAP),
            via=ranked[0][0].source,
            reason=review_reason(name, ranked),
            listed_title=w.entry.title,
            candidates=tuple(compact_candidate(c) for c, _ in ranked),
            citation_key=w.prior.citation_key if w.prior else None,
        )
    return out
