"""Request counts of ``zotsync push`` against the Zotero emulator, versus the minimum possible.

    python bench/push_bench.py [--library-size 20000] [--json]

Scenarios (all five example lists in one push, resolutions from the emulators'
sample corpus where it knows the paper, hand-built otherwise):

1. cold push into an empty library;
2. the same push again, nothing changed (should write nothing);
3. first push into a library that already holds N unrelated items plus half of
   the lists' papers (zotsync must read the library once, adopt those papers, and
   create only the rest);
4. a no-change re-run in that big library (reads only what changed since);
5. a cold push with ``--pdf upload`` (the arXiv emulator serves the PDFs): every PDF
   uploaded with Zotero's protocol, one request chain per file (authorise, upload,
   register: 3 requests, or 1 when Zotero answers "exists");
6. the same push again (uploads nothing).

"minimum writes" is ⌈objects/50⌉ per endpoint (collections are a separate endpoint
from items, notes and the items' children — comment notes and attachments — so the
true floor is ⌈collections/50⌉ + ⌈(items+notes+children)/50⌉); file upload requests are
counted apart (``upload_requests``, ``uploads``).

"naive" is what a straightforward pyzotero script does: one write request per object
(``create_items([x])`` / ``update_item``), and a full read of the library on every run
to find existing items (⌈items/100⌉ + ⌈collections/100⌉ pages, at least 1 each);
``ratio`` = naive requests / zotsync's requests.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zotsync.config import Config, load_config  # noqa: E402
from zotsync.emulators.corpus import load_corpus  # noqa: E402  (bench may drive the emulator directly)
from zotsync.emulators.pytest_plugin import build_server  # noqa: E402
from zotsync.emulators.zotero.writes import ITEMS, write_many  # noqa: E402
from zotsync.model import Entry, Paper, Resolution, Status  # noqa: E402
from zotsync.parse import parse_files  # noqa: E402
from zotsync.push.actions import CREATE  # noqa: E402
from zotsync.push.desired import paper_slot  # noqa: E402
from zotsync.push.push import push_lists  # noqa: E402
from zotsync.zotero.mapping import item_data  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
KEY, USER = "benchkey0123456789abcdef", "4242"


def resolutions(entries: list[Entry]) -> dict[str, Resolution]:
    corpus = {p.arxiv_id: p for p in load_corpus() if p.arxiv_id}
    out: dict[str, Resolution] = {}
    for e in entries:
        c = corpus.get(e.arxiv_id or "")
        paper = (
            Paper(
                title=c.title,
                authors=c.authors,
                arxiv_id=c.arxiv_id,
                abstract=c.abstract,
                published=c.published,
                updated=c.updated,
                version=c.version,
                comment=c.comment,
                categories=c.categories,
                doi=c.doi,
                venue=c.venue,
                year=c.year,
            )
            if c
            else Paper(
                title=e.title,
                authors=("Ada Lovelace",),
                arxiv_id=e.arxiv_id,
                openreview_id=e.openreview_id,
                doi=e.doi,
                published="2024-01-01",
                categories=("cs.LG",),
            )
        )
        out.setdefault(
            e.ident, Resolution(e.ident, Status.RESOLVED, paper, citation_key=f"k{len(out)}")
        )
    return out


def config(server, state_dir: str) -> Config:
    cfg = load_config(
        env={"ZOTERO_API_KEY": KEY, "ZOTERO_LIBRARY_ID": USER, "ZOTSYNC_ZOTERO_URL": server.url}
    )
    return dataclasses.replace(cfg, zotero=dataclasses.replace(cfg.zotero, state_dir=state_dir))


def _is_upload(entry: dict) -> bool:
    return entry["path"].endswith("/file") or entry["path"].startswith("/_storage/")


def measure(server, name: str, lists, res, cfg) -> dict:
    server.clear_log()
    start = time.perf_counter()
    outcome = push_lists(lists, res, cfg)
    seconds = time.perf_counter() - start
    log = server.log
    uploads = [e for e in log if e["method"] == "POST" and _is_upload(e)]
    log = [e for e in log if not _is_upload(e)]
    writes = sum(1 for e in log if e["method"] in ("POST", "PUT", "PATCH", "DELETE"))
    library = server.app.library()
    before_items = len(library.items) - sum(
        1 for w in outcome.plan.writes if w.op == CREATE and w.kind != "collections"
    )
    before_colls = len(library.collections) - sum(
        1 for w in outcome.plan.writes if w.op == CREATE and w.kind == "collections"
    )
    by_kind = {
        k: sum(1 for w in outcome.plan.writes if w.kind == k)
        for k in ("collections", "items", "notes", "children")
    }
    objects = sum(by_kind.values())
    floor = math.ceil(by_kind["collections"] / 50) + math.ceil(
        (by_kind["items"] + by_kind["notes"] + by_kind["children"]) / 50
    )
    created = sum(1 for w in outcome.plan.writes if w.op == CREATE)
    return {
        "scenario": name,
        "objects_written": objects,
        "created": created,
        "adopted": sum(1 for n in outcome.plan.notices if n.code == "adopted"),
        "write_requests": writes,
        "min_writes_objects_50": math.ceil(objects / 50),
        "min_writes_per_endpoint": floor,
        "read_requests": len(log) - writes,
        "seconds": round(seconds, 2),
        "naive_requests": (
            naive := objects
            + max(1, math.ceil(before_items / 100))
            + max(1, math.ceil(before_colls / 100))
        ),
        "ratio": f"{naive / max(1, len(log)):.1f}x",
        "failed": len(outcome.result.failed) if outcome.result else 0,
        "uploads": len(outcome.result.uploaded) if outcome.result else 0,
        "upload_requests": len(uploads),
    }


def seed_library(server, papers: list[Paper], size: int) -> None:
    """Fill the emulated library in-process: `size` unrelated items plus the given papers."""
    app = server.app
    lib = app.library()
    filler = [
        {
            "itemType": "journalArticle",
            "title": f"Unrelated paper number {n}",
            "DOI": f"10.9999/bench.{n}",
            "creators": [
                {"creatorType": "author", "firstName": "Some", "lastName": f"Author{n % 97}"}
            ],
        }
        for n in range(size)
    ]
    mine = [{k: v for k, v in item_data(p).items() if k != "citationKey"} for p in papers]
    objects = filler + mine
    for start in range(0, len(objects), 50):
        write_many(app.schema, lib, ITEMS, objects[start : start + 50], None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library-size", type=int, default=20000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    results = parse_files([str(s) for s in SEEDS])
    lists = [(seed.stem, list(r.entries)) for seed, r in zip(SEEDS, results)]
    res = resolutions([e for _, es in lists for e in es])
    server = build_server("zotero", "--api-key", KEY, "--user-id", USER).start()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cfg = config(server, f"{tmp}/a")
            rows.append(measure(server, "cold push, 5 lists", lists, res, cfg))
            rows.append(measure(server, "no-change re-run", lists, res, cfg))
            server.reset()
            papers = list({paper_slot(r.paper): r.paper for r in res.values()}.values())
            seed_library(server, papers[::2], args.library_size)
            cfg = config(server, f"{tmp}/b")
            rows.append(
                measure(
                    server, f"first push into {args.library_size:,}-item library", lists, res, cfg
                )
            )
            rows.append(measure(server, "no-change re-run (big library)", lists, res, cfg))
            server.reset()
            arxiv = build_server("arxiv").start()
            try:
                cfg = config(server, f"{tmp}/c")
                cfg = dataclasses.replace(
                    cfg,
                    zotero=dataclasses.replace(cfg.zotero, pdf="upload"),
                    services=dataclasses.replace(
                        cfg.services, arxiv_url=arxiv.url, arxiv_delay=0.0
                    ),
                )
                rows.append(measure(server, "cold push, --pdf upload", lists, res, cfg))
                rows.append(measure(server, "re-run, --pdf upload", lists, res, cfg))
            finally:
                arxiv.stop()
    finally:
        server.stop()
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    cols = [
        "scenario",
        "objects_written",
        "created",
        "adopted",
        "write_requests",
        "min_writes_objects_50",
        "min_writes_per_endpoint",
        "read_requests",
        "naive_requests",
        "ratio",
        "seconds",
        "failed",
        "uploads",
        "upload_requests",
    ]
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row[c]) for c in cols))


if __name__ == "__main__":
    main()
