"""Benchmark: cold and warm resolve of the five example lists against the emulators.

    python bench/resolve_bench.py [--json] [--lists FILE...]

Starts the arXiv, Semantic Scholar and Hugging Face emulators as subprocesses
(``python -m zotsync.emulators NAME --port 0``, sample corpus), resolves every
entry of the lists cold (empty lock) and warm (same lock), and reports:

* requests per service, counted in each emulator's request log;
* the *polite time*: requests × each service's minimum interval (arXiv 3 s,
  Semantic Scholar 1 s, Hugging Face 0.1 s), i.e. the least wall time a
  polite client needs against the real services;
* the naive baseline: one arXiv query per entry (entries × 3 s);
* the warm re-run's requests (should be 0) and the outcome counts.

The run itself uses ``ZOTSYNC_ARXIV_DELAY=0`` (the emulators do not rate-limit).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
INTERVAL = {"arxiv": 3.0, "s2": 1.0, "hf": 0.1}


def start_emulator(name: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "zotsync.emulators", name, "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    line = proc.stdout.readline().strip() if proc.stdout else ""
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"emulator {name} did not start: {line!r}")
    return proc, line.removeprefix("listening on ")


def api_requests(url: str) -> int:
    log = requests.get(f"{url}/_emulator/log", timeout=10).json()
    return sum(1 for r in log if not r["path"].startswith("/_emulator"))


def reset_logs(urls: dict[str, str]) -> None:
    for url in urls.values():
        requests.post(f"{url}/_emulator/reset", timeout=10)


def measure(lists: list[Path]) -> dict:
    from zotsync.config import load_config
    from zotsync.resolve import parse_entries, resolve_entries

    procs = {name: start_emulator(name) for name in INTERVAL}
    urls = {name: url for name, (_, url) in procs.items()}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cfg = load_config(
                env={
                    "ZOTSYNC_ARXIV_URL": urls["arxiv"],
                    "ZOTSYNC_S2_URL": urls["s2"],
                    "ZOTSYNC_HF_URL": urls["hf"],
                    "ZOTSYNC_ARXIV_DELAY": "0",
                    "ZOTSYNC_LOCK": os.path.join(tmp, "zotsync.lock"),
                }
            )
            entries = parse_entries([str(p) for p in lists])
            reset_logs(urls)
            started = time.perf_counter()
            cold = resolve_entries(entries, cfg)
            cold_wall = time.perf_counter() - started
            cold_requests = {name: api_requests(url) for name, url in urls.items()}
            reset_logs(urls)
            started = time.perf_counter()
            resolve_entries(entries, cfg)
            warm_wall = time.perf_counter() - started
            warm_requests = {name: api_requests(url) for name, url in urls.items()}
    finally:
        for proc, _ in procs.values():
            proc.terminate()
            proc.wait(timeout=10)
    polite = sum(cold_requests[n] * INTERVAL[n] for n in INTERVAL)
    naive = len(entries) * INTERVAL["arxiv"]
    return {
        "lists": [p.name for p in lists],
        "entries": len(entries),
        "distinct_papers": len(cold.resolutions),
        "outcome": dict(cold.counts()),
        "cold_requests": cold_requests,
        "cold_polite_seconds": round(polite, 1),
        "naive_polite_seconds": round(naive, 1),
        "speedup_vs_naive": round(naive / polite, 1) if polite else None,
        "cold_wall_seconds_with_delay_0": round(cold_wall, 2),
        "warm_requests": warm_requests,
        "warm_wall_seconds": round(warm_wall, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--lists",
        nargs="*",
        type=Path,
        default=SEEDS,
        help="reading lists (default: the five seeds)",
    )
    args = ap.parse_args()
    r = measure(args.lists)
    if args.json:
        print(json.dumps(r, indent=2))
        return
    print(f"{r['entries']} entries, {r['distinct_papers']} distinct papers: {r['outcome']}")
    print(f"cold requests: {r['cold_requests']}")
    print(
        f"cold polite time: {r['cold_polite_seconds']} s ({r['cold_polite_seconds'] / 60:.1f} min) "
        f"vs naive one-arXiv-query-per-entry {r['naive_polite_seconds']} s ({r['naive_polite_seconds'] / 60:.1f} min): "
        f"{r['speedup_vs_naive']}x"
    )
    print(f"cold wall time (delay 0, local emulators): {r['cold_wall_seconds_with_delay_0']} s")
    print(f"warm re-run requests: {r['warm_requests']} in {r['warm_wall_seconds']} s")


if __name__ == "__main__":
    main()
