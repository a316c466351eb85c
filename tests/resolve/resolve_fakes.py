"""A fake source behind the resolver's Source interface, for fast unit tests."""

from __future__ import annotations

from collections.abc import Sequence

from zotsync.config import Config, load_config
from zotsync.model import Entry, Paper
from zotsync.resolve import matching
from zotsync.resolve.sources.base import Answers, SourceStats


class FakeSource:
    """Answers from an in-memory list of papers; can be told to fail.

    ``search`` returns every paper whose title shares a contiguous 3-word run
    with the query (a rough phrase search), so distractors come back too.
    """

    def __init__(
        self, name: str, papers: Sequence[Paper], *, id_kinds=("arxiv",), fail: bool = False
    ):
        self.name = name
        self.id_kinds = frozenset(id_kinds)
        self.papers = list(papers)
        self.fail = fail
        self.stats = SourceStats()
        self.lookups: list[list[str]] = []
        self.searches: list[list[str]] = []

    def lookup(self, ids):
        self.lookups.append(list(ids))
        self.stats.requests += 1
        if self.fail:
            self.stats.failures.append(f"{self.name}: HTTP 503")
            return Answers(failed={i: f"{self.name} id lookup: HTTP 503" for i in ids})
        out = Answers()
        for key in ids:
            kind, _, value = key.partition(":")
            out.found[key] = [
                p
                for p in self.papers
                if (kind == "arxiv" and p.arxiv_id == value)
                or (kind == "doi" and (p.doi or "").lower() == value.lower())
            ]
        return out

    def search(self, titles):
        self.searches.append(list(titles))
        self.stats.requests += 1
        if self.fail:
            self.stats.failures.append(f"{self.name}: HTTP 503")
            return Answers(failed={t: f"{self.name} search: HTTP 503" for t in titles})
        out = Answers()
        for t in titles:
            q = matching.tokens(t)
            grams = {tuple(q[i : i + 3]) for i in range(max(1, len(q) - 2))}
            out.found[t] = [
                p
                for p in self.papers
                if any(g and _contains(matching.tokens(p.title), g) for g in grams)
            ]
        return out


def _contains(seq: list[str], gram: tuple[str, ...]) -> bool:
    n = len(gram)
    return any(tuple(seq[i : i + n]) == gram for i in range(len(seq) - n + 1))


def entry(title: str, line: int = 1, **kw) -> Entry:
    return Entry(
        source=kw.pop("source", "list.md"),
        line=line,
        raw=title,
        section=kw.pop("section", ()),
        title=title,
        **kw,
    )


def emulated_config(servers, lock) -> Config:
    """A config whose arXiv, S2 and HF point at these running emulators (no arXiv pacing)."""
    return load_config(
        env={
            "ZOTSYNC_ARXIV_URL": servers["arxiv"].url,
            "ZOTSYNC_S2_URL": servers["s2"].url,
            "ZOTSYNC_HF_URL": servers["hf"].url,
            "ZOTSYNC_ARXIV_DELAY": "0",
            "ZOTSYNC_LOCK": str(lock),
        }
    )
