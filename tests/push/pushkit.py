"""Helpers for the push tests in this folder (imported as ``pushkit``): papers from the emulators'
sample corpus, hand-built resolutions, and a second "user" client (plain HTTP, independent of
zotsync's code) to read and edit the library behind zotsync's back."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

import requests

from zotsync.config import Config
from zotsync.emulators.corpus import load_corpus
from zotsync.model import Entry, Paper, Resolution, Status
from zotsync.push.push import PushHooks, PushOptions, PushOutcome, push_lists

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def corpus_papers() -> dict[str, Paper]:
    """The emulators' sample corpus as Papers, by arXiv id."""
    out = {}
    for p in load_corpus():
        if p.arxiv_id:
            out[p.arxiv_id] = Paper(
                title=p.title,
                authors=p.authors,
                arxiv_id=p.arxiv_id,
                version=p.version,
                abstract=p.abstract,
                published=p.published,
                updated=p.updated,
                categories=p.categories,
                doi=p.doi,
                journal_ref=p.journal_ref,
                venue=p.venue,
                year=p.year,
            )
    return out


CORPUS = corpus_papers()


def paper_for(entry: Entry) -> Paper:
    """The paper an entry names: the corpus record when there is one, else a hand-built one."""
    if entry.arxiv_id and entry.arxiv_id in CORPUS:
        return CORPUS[entry.arxiv_id]
    return Paper(
        title=entry.title,
        authors=("Ada Lovelace", "Alan Turing"),
        arxiv_id=entry.arxiv_id,
        openreview_id=entry.openreview_id,
        doi=entry.doi,
        published="2024-01-02",
        categories=("cs.LG",),
    )


def resolutions_for(entries: Iterable[Entry]) -> dict[str, Resolution]:
    out = {}
    for e in entries:
        key = "key" + "".join(ch for ch in e.ident if ch.isalnum())[-12:]
        out.setdefault(
            e.ident,
            Resolution(
                e.ident, Status.RESOLVED, paper_for(e), confidence=1.0, via="test", citation_key=key
            ),
        )
    return out


def corpus_entries(
    n: int,
    source: str = "reading.md",
    sections: Sequence[tuple[str, ...]] = (("A",), ("A", "B"), ("C",)),
) -> list[Entry]:
    """n entries for corpus papers spread over nested sections; every third one has notes."""
    papers = sorted(CORPUS.values(), key=lambda p: p.arxiv_id)[:n]
    return [
        Entry(
            source=source,
            line=i + 1,
            raw=p.title,
            section=sections[i % len(sections)],
            title=p.title,
            arxiv_id=p.arxiv_id,
            notes=(f"**Note {i}** 中文笔记 https://example.org/{i}" if i % 3 == 0 else ""),
            tags=(("Scale DPO",) if i % 4 == 0 else ()),
        )
        for i, p in enumerate(papers)
    ]


def arxiv_of(item: dict[str, Any]) -> str:
    """The arXiv id in an item's ``extra`` line (``arXiv:<id> [cat]``), as the arXiv translator writes it."""
    return (item.get("extra") or "").split(" ")[0].removeprefix("arXiv:")


class Remote:
    """The library as another client sees it (plain HTTP, independent of zotsync's code)."""

    def __init__(self, server: Any):
        self.server = server
        self.base = f"{server.url}/users/{server.user_id}"
        self.headers = {"Zotero-API-Key": server.api_key, "Zotero-API-Version": "3"}

    def _all(self, path: str, **params: Any) -> list[dict[str, Any]]:
        out, start = [], 0
        while True:
            r = requests.get(
                f"{self.base}/{path}",
                params={"limit": 100, "start": start, **params},
                headers=self.headers,
                timeout=10,
            )
            r.raise_for_status()
            page = r.json()
            out += [o["data"] for o in page]
            start += 100
            if start >= int(r.headers["Total-Results"]):
                return out

    def items(self) -> list[dict[str, Any]]:
        return self._all("items")

    def collections(self) -> list[dict[str, Any]]:
        return self._all("collections")

    def tree(self) -> set[tuple[str, ...]]:
        """Every collection as its path of names."""
        colls = {c["key"]: c for c in self.collections()}

        def path(c: dict[str, Any]) -> tuple[str, ...]:
            parent = c.get("parentCollection")
            return (*path(colls[parent]), c["name"]) if parent else (c["name"],)

        return {path(c) for c in colls.values()}

    def item(self, key: str) -> dict[str, Any]:
        r = requests.get(f"{self.base}/items/{key}", headers=self.headers, timeout=10)
        r.raise_for_status()
        return r.json()["data"]

    def edit(self, key: str, **fields: Any) -> None:
        """Change an object as the user would in Zotero."""
        current = self.item(key)
        r = requests.patch(
            f"{self.base}/items/{key}",
            json=fields,
            timeout=10,
            headers={**self.headers, "If-Unmodified-Since-Version": str(current["version"])},
        )
        assert r.status_code == 204, r.text

    def create(self, objects: list[dict[str, Any]]) -> list[str]:
        r = requests.post(f"{self.base}/items", json=objects, headers=self.headers, timeout=10)
        r.raise_for_status()
        report = r.json()
        assert not report["failed"], report["failed"]
        return [report["successful"][str(i)]["key"] for i in range(len(objects))]

    def writes(self) -> list[dict[str, Any]]:
        """Write requests in the emulator's log (which records a request just after answering it)."""
        seen = -1
        while True:
            log = self.server.log
            if len(log) == seen:
                return [e for e in log if e["method"] in WRITE_METHODS]
            seen = len(log)
            time.sleep(0.02)


def canonical(remote) -> tuple:
    """The library without keys or versions: what a user would compare."""
    colls = {c["key"]: c for c in remote.collections()}

    def path(key):
        c = colls[key]
        return (
            (*path(c["parentCollection"]), c["name"]) if c.get("parentCollection") else (c["name"],)
        )

    items = [i for i in remote.items()]
    tops = {i["key"]: i for i in items if not i.get("parentItem")}
    top_view = sorted(
        (
            i["title"],
            i["itemType"],
            i.get("citationKey", ""),
            tuple(sorted(path(k) for k in i.get("collections", []))),
            tuple(sorted(t["tag"] for t in i["tags"])),
        )
        for i in tops.values()
    )
    notes = sorted(
        (tops[i["parentItem"]]["title"], i["note"]) for i in items if i.get("parentItem") in tops
    )
    return tuple(sorted(path(k) for k in colls)), tuple(top_view), tuple(notes)


def run(
    config: Config,
    lists: Sequence[tuple[str, Sequence[Entry]]],
    resolutions: dict[str, Resolution] | None = None,
    **options: Any,
) -> PushOutcome:
    """Push these lists; ``options`` are :class:`PushOptions`' fields and ``confirm``/``progress``."""
    entries = [e for _, es in lists for e in es]
    hooks = PushHooks(confirm=options.pop("confirm", None), progress=options.pop("progress", None))
    return push_lists(
        lists, resolutions or resolutions_for(entries), config, PushOptions(**options), hooks
    )
