"""Request counts and timings of two-way note sync (``status`` / ``pull`` / push after pull) on the five example lists.

    python bench/twoway_bench.py [--edits 20] [--json]

Against an in-process Zotero emulator: push the five lists (one library), edit
``--edits`` managed notes in Zotero the way its note editor saves them, then

1. ``status``  (reads only: an incremental ``since=`` refresh of the cached library);
2. ``pull``    (reads only; the lists are rewritten locally);
3. ``push``    right after the pull — must send 0 write requests;
4. ``pull``    again — must change no byte and record nothing.

Counts come from the emulator's request log (every HTTP request it answered).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from push_bench import resolutions  # noqa: E402  (same resolutions as the push benchmark)

from zotsync.config import load_config  # noqa: E402
from zotsync.emulators.pytest_plugin import build_server  # noqa: E402
from zotsync.parse import parse_files  # noqa: E402
from zotsync.push.push import push  # noqa: E402
from zotsync.push.state import load_state  # noqa: E402
from zotsync.resolve.lockfile import save_lock  # noqa: E402
from zotsync.twoway.pull import pull  # noqa: E402
from zotsync.twoway.status import status  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
KEY, USER = "benchkey0123456789abcdef", "4242"
EDITED = (
    '<div data-schema-version="9"><p>Edited in Zotero: <strong>note {n}</strong> 中文笔记。</p>'
    '<ul><li><p>a point</p></li><li><p>see <a href="https://example.org/{n}">code</a></p></li></ul></div>'
)


def measure(server, fn):
    """(result, reads, writes, seconds) of one call, from the emulator's log."""
    before = len(server.log)
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    log = server.log[before:]
    writes = sum(1 for e in log if e["method"] in ("POST", "PUT", "PATCH", "DELETE"))
    return result, len(log) - writes, writes, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    server = build_server("zotero", "--api-key", KEY, "--user-id", USER).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            files = []
            for seed in SEEDS:
                shutil.copy(seed, Path(tmp) / f"{seed.stem[:3]}.md")
                files.append(str(Path(tmp) / f"{seed.stem[:3]}.md"))
            entries = [e for r in parse_files(files) for e in r.entries]
            cfg = load_config(
                env={
                    "ZOTERO_API_KEY": KEY,
                    "ZOTERO_LIBRARY_ID": USER,
                    "ZOTSYNC_ZOTERO_URL": server.url,
                }
            )
            cfg = dataclasses.replace(
                cfg,
                zotero=dataclasses.replace(cfg.zotero, state_dir=f"{tmp}/state"),
                resolve=dataclasses.replace(cfg.resolve, lock=f"{tmp}/zotsync.lock"),
            )
            save_lock(cfg.resolve.lock, resolutions(entries))
            push(files, cfg)
            state = load_state(cfg.zotero.state_dir, f"users/{USER}")
            keys = [st.key for _, st in sorted(state.notes.items())][: args.edits]
            headers = {"Zotero-API-Key": KEY, "Zotero-API-Version": "3"}
            for n, key in enumerate(keys):
                item = requests.get(
                    f"{server.url}/users/{USER}/items/{key}", headers=headers, timeout=10
                ).json()
                requests.patch(
                    f"{server.url}/users/{USER}/items/{key}",
                    json={"note": EDITED.format(n=n)},
                    timeout=10,
                    headers={**headers, "If-Unmodified-Since-Version": str(item["version"])},
                ).raise_for_status()
            rows = {}
            report, *rows["status"] = measure(server, lambda: status(files, cfg))
            pulled, *rows["pull"] = measure(server, lambda: pull(files, cfg))
            pushed, *rows["push after pull"] = measure(server, lambda: push(files, cfg))
            again, *rows["pull again"] = measure(server, lambda: pull(files, cfg))
    finally:
        server.stop()
    facts = {
        "entries": len(entries),
        "managed notes": len(state.notes),
        "notes edited in Zotero": len(keys),
        "status: changed in Zotero": report.counts("note").get("zotero", 0),
        "pull: files written": len(pulled.written),
        "push after pull: planned writes": len(pushed.plan.writes),
        "pull again: files written / state changes": f"{len(again.written)} / {again.state_changes}",
    }
    if args.json:
        print(
            json.dumps(
                {
                    "requests": {
                        k: {"reads": r, "writes": w, "seconds": round(s, 3)}
                        for k, (r, w, s) in rows.items()
                    },
                    "facts": facts,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    print(f"{'step':<18}{'reads':>7}{'writes':>8}{'seconds':>9}")
    for name, (r, w, s) in rows.items():
        print(f"{name:<18}{r:>7}{w:>8}{s:>9.3f}")
    for k, v in facts.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
