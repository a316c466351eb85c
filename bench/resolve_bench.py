"""Benchmark: resolve reading lists cold and warm against the emulators; requests, time, accuracy.

    python bench/resolve_bench.py [--json] [--scenario NAME ...] [--lists FILE ...]
                                  [--large N] [--wall-scale S]

Scenarios (default: links, titles-only, clean, large):

* ``links`` — the five example lists as they are (``tests/data/seeds``);
* ``titles-only`` — the same lists with every link removed (``bench_lists.strip_links``);
* ``clean`` — the oracle's titles of those lists, one per line;
* ``large`` — a generated list of ``--large`` entries (default 10,000; a quarter linked,
  the rest titles, some in sentence case, some with a venue label) against a generated corpus of
  10,000 papers plus 2,000 near-duplicate distractors (``bench_lists.large_corpus``);
* ``real-lists`` — the 24 real lists of ``../shared/lists`` (``--real-lists DIR``) with their
  links removed, against a corpus built from their papers plus near-duplicate distractors
  and a list of blog posts titled like papers (``real_lists.py`` says how); precision,
  recall and, for nickname rows, the expected paper among the first three review candidates,
  per list. Not in the default set (it needs the lists);
* ``--lists FILE ...`` — your own lists (no accuracy figures).

For each: the requests per service (counted in each emulator's request log), the *polite
time* (Σ requests × the service's minimum interval: arXiv 3 s, Semantic Scholar 1 s,
Hugging Face 0.1 s — the least time a polite client needs against the real services,
one service after the other), the *concurrent wall time at real rate limits* (see below),
outcome counts, accuracy against the oracle (``tests/data/resolve_truth.json``; the large
list's own) — right, wrong (a usable decision naming another paper) and recall over the
entries with a known arXiv id — and the warm re-run's requests (should be 0).

Concurrent wall time: by default (``--wall-scale 1``) one more cold run at the real rate
limits (arXiv 3 s between requests), timed. A quicker estimate, ``--wall-scale S``, repeats the
cold run twice with every service's pacing scaled down by S (S = 30: arXiv 0.1 s) and by S/2; both
runs find the local caches as warm, so the difference of their wall times is pacing on the
critical path only, and the real-rate wall time is extrapolated linearly to the real
pacing: ``W1 + (W2 − W1) × (3 − d1) / (d2 − d1)`` with ``d1 = 3/S``, ``d2 = 6/S``. This
holds only while the pacing, not the local work between two requests, sets the pace: at
S = 30 (0.1 s) the local work hides the pacing and the estimate falls below the floor — the
slowest service's own polite time, printed beside it. ``--wall-scale 1`` measures one cold
run at the real rate limits instead (as long as the run really takes).

The run itself talks only to local emulators started as subprocesses
(``python -m zotsync.emulators NAME --port 0``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_lists  # noqa: E402
import real_lists  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
INTERVAL = {"arxiv": 3.0, "s2": 1.0, "hf": 0.1}
SCENARIOS = ("links", "titles-only", "clean", "large", "real-lists")
DEFAULT_SCENARIOS = SCENARIOS[:4]


def start_emulator(name: str, corpus: Path | None) -> tuple[subprocess.Popen, str]:
    cmd = [sys.executable, "-m", "zotsync.emulators", name, "--port", "0"]
    if corpus:
        cmd += ["--corpus", str(corpus)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    line = proc.stdout.readline().strip() if proc.stdout else ""
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"emulator {name} did not start: {line!r}")
    return proc, line.removeprefix("listening on ")


class Emulators:
    """The three paper services, started once per corpus."""

    def __init__(self, corpus: Path | None = None):
        self.procs = {name: start_emulator(name, corpus) for name in INTERVAL}
        self.urls = {name: url for name, (_, url) in self.procs.items()}

    def reset(self) -> None:
        for url in self.urls.values():
            requests.post(f"{url}/_emulator/reset", timeout=30)

    def requests(self) -> dict[str, int]:
        out = {}
        for name, url in self.urls.items():
            log = requests.get(f"{url}/_emulator/log", timeout=30).json()
            out[name] = sum(1 for r in log if not r["path"].startswith("/_emulator"))
        return out

    def close(self) -> None:
        for proc, _ in self.procs.values():
            proc.terminate()
            proc.wait(timeout=10)


def _config(urls: dict[str, str], lock: Path, delay: float):
    from zotsync.config import load_config

    return load_config(
        env={
            "ZOTSYNC_ARXIV_URL": urls["arxiv"],
            "ZOTSYNC_S2_URL": urls["s2"],
            "ZOTSYNC_HF_URL": urls["hf"],
            "ZOTSYNC_ARXIV_DELAY": str(delay),
            "ZOTSYNC_LOCK": str(lock),
        }
    )


def accuracy(report, truth: dict[tuple[str, int], dict]) -> dict:
    """Right / wrong / recall over the entries with a known arXiv id, judged by (file, line)."""
    right = wrong = 0
    wrong_rows = []
    known = {k for k, row in truth.items() if row.get("arxiv_id")}
    seen = set()
    for row in report.rows:
        key = (Path(row.entry.source).name, row.entry.line)
        want = truth.get(key)
        res = row.resolution
        if want is None or key in seen:
            if res.status.usable and want is None:
                wrong_rows.append(f"{key}: unlisted entry resolved to {res.paper.arxiv_id}")
            continue
        seen.add(key)
        if not res.status.usable:
            continue
        if want.get("arxiv_id") and res.paper.arxiv_id == want["arxiv_id"]:
            right += 1
        elif want.get("arxiv_id") or (res.paper.arxiv_id and not want.get("openreview_id")):
            wrong += 1
            wrong_rows.append(
                f"{key} {row.entry.title!r} -> {res.paper.arxiv_id} {res.paper.title!r}"
            )
    return {
        "known": len(known),
        "right": right,
        "wrong": wrong,
        "recall": round(right / len(known), 3) if known else None,
        "wrong_examples": wrong_rows[:10],
    }


def run(
    name: str,
    lists: Sequence[Path],
    emu: Emulators,
    truth: dict | None,
    wall_scale: float,
    judge=None,
) -> dict:
    from zotsync.resolve import parse_entries, resolve_entries

    entries = parse_entries([str(p) for p in lists])
    with tempfile.TemporaryDirectory() as tmp:
        lock = Path(tmp) / "zotsync.lock"
        emu.reset()
        started = time.perf_counter()
        cold = resolve_entries(entries, _config(emu.urls, lock, 0))
        wall0 = time.perf_counter() - started
        cold_requests = emu.requests()
        emu.reset()
        started = time.perf_counter()
        resolve_entries(entries, _config(emu.urls, lock, 0))
        warm_wall = time.perf_counter() - started
        warm_requests = emu.requests()
    real_rate = None
    if wall_scale == 1:  # measured at the real rate limits: no extrapolation
        real_rate = _paced_wall(entries, emu, 3.0)
    elif wall_scale:
        d1, d2 = 3.0 / wall_scale, 6.0 / wall_scale
        w1, w2 = (_paced_wall(entries, emu, d) for d in (d1, d2))
        real_rate = w1 + max(0.0, w2 - w1) * (3.0 - d1) / (d2 - d1)
    polite = sum(cold_requests[n] * INTERVAL[n] for n in INTERVAL)
    out = {
        "scenario": name,
        "entries": len(entries),
        "distinct": len(cold.resolutions),
        "outcome": dict(cold.counts()),
        "cold_requests": cold_requests,
        "polite_seconds": round(polite, 1),
        "polite_per_entry": round(polite / max(len(entries), 1), 3),
        "slowest_service_seconds": round(max(cold_requests[n] * INTERVAL[n] for n in INTERVAL), 1),
        "naive_polite_seconds": round(len(entries) * INTERVAL["arxiv"], 1),
        "wall_unpaced_seconds": round(wall0, 2),
        "wall_real_rate_seconds": None if real_rate is None else round(real_rate, 1),
        "warm_requests": warm_requests,
        "warm_wall_seconds": round(warm_wall, 2),
    }
    if truth is not None:
        out["accuracy"] = accuracy(cold, truth)
    if judge is not None:
        out["per_list"] = judge(cold)
    return out


def _paced_wall(entries, emu: Emulators, delay: float) -> float:
    """Wall time of a cold resolve (empty lock) with every service paced at ``delay``-scale."""
    from zotsync.resolve import resolve_entries

    with tempfile.TemporaryDirectory() as tmp:
        emu.reset()
        started = time.perf_counter()
        resolve_entries(entries, _config(emu.urls, Path(tmp) / "l", delay))
        return time.perf_counter() - started


def real_lists_run(tmpdir: Path, lists_dir: Path, wall_scale: float) -> dict:
    """The ``real-lists`` scenario: build its corpus and lists, resolve, judge per list."""
    build = real_lists.build(tmpdir / "real", lists_dir)
    emu = Emulators(build.corpus)
    try:
        out = run(
            "real-lists",
            build.lists,
            emu,
            None,
            wall_scale,
            judge=lambda report: real_lists.judge(build, report),
        )
    finally:
        emu.close()
    scores = out.pop("per_list")
    total = real_lists.totals(scores)
    out["corpus"] = build.counts
    out["per_list"] = {name: _score_row(s) for name, s in sorted(scores.items())}
    out["total"] = _score_row(total)
    out["wrong_examples"] = total.wrong_rows[:20]
    out["nickname_misses"] = total.nick_misses
    out["misses"] = total.misses
    return out


def _score_row(s) -> dict:
    return {
        "expected": s.expected,
        "returned": s.returned,
        "right": s.right,
        "wrong": s.wrong,
        "review": s.review,
        "precision": None if s.precision is None else round(s.precision, 4),
        "recall": None if s.recall is None else round(s.recall, 4),
        "nicknames": s.nick_total,
        "nickname_top3": s.nick_top3,
        "unjudged_usable": s.unjudged_usable,
        "titled_returned": s.titled,
        "titled_right": s.titled_right,
    }


def measure(
    scenarios: Sequence[str],
    lists: Sequence[Path],
    large: int,
    wall_scale: float,
    lists_dir: Path = real_lists.LISTS,
) -> list:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        sample = [s for s in scenarios if s not in ("large", "real-lists")]
        if sample or lists:
            emu = Emulators()
            try:
                if lists:
                    results.append(run("lists", lists, emu, None, wall_scale))
                if "links" in sample:
                    results.append(run("links", SEEDS, emu, bench_lists.seed_truth(), wall_scale))
                if "titles-only" in sample:
                    stripped = bench_lists.stripped_seeds(tmpdir / "stripped")
                    results.append(
                        run("titles-only", stripped, emu, bench_lists.seed_truth(), wall_scale)
                    )
                if "clean" in sample:
                    path, truth = bench_lists.clean_titles(tmpdir / "clean")
                    results.append(run("clean", [path], emu, truth, wall_scale))
            finally:
                emu.close()
        if "large" in scenarios:
            corpus = tmpdir / "large.jsonl"
            records = bench_lists.large_corpus(corpus, papers=max(large, 100))
            path = tmpdir / "large_list.md"
            truth = bench_lists.large_list(path, records, entries=large)
            emu = Emulators(corpus)
            try:
                results.append(run("large", [path], emu, truth, wall_scale))
            finally:
                emu.close()
        if "real-lists" in scenarios:
            if not lists_dir.is_dir():
                raise SystemExit(f"Error: the real lists are not at {lists_dir} (--real-lists DIR)")
            results.append(real_lists_run(tmpdir, lists_dir, wall_scale))
    return results


def _print_per_list(r: dict) -> None:
    c = r["corpus"]
    print(f"   corpus: {c['papers']} list papers + {c['distractors']} distractors {c}")
    print(
        f"   {'list':40} {'exp':>4} {'parsed':>6} {'right':>5} {'wrong':>5} {'review':>6} "
        f"{'prec':>6} {'recall':>6} {'nick top3':>9}"
    )
    for name, s in [*r["per_list"].items(), ("all", r["total"])]:
        prec = "-" if s["precision"] is None else f"{s['precision']:.3f}"
        rec = "-" if s["recall"] is None else f"{s['recall']:.3f}"
        nick = f"{s['nickname_top3']}/{s['nicknames']}" if s["nicknames"] else ""
        print(
            f"   {name[:40]:40} {s['expected']:>4} {s['returned']:>6} {s['right']:>5} "
            f"{s['wrong']:>5} {s['review']:>6} {prec:>6} {rec:>6} {nick:>9}"
        )
    t = r["total"]
    print(
        f"   recall on the titled entries the stripped lists still give (nicknames aside): "
        f"{t['titled_right']}/{t['titled_returned']}"
        f" = {t['titled_right'] / max(t['titled_returned'], 1):.3f}"
    )
    for w in r["wrong_examples"]:
        print(f"     wrong: {w}")
    for m in r["nickname_misses"]:
        print(f"     nickname not in the first three: {m}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--scenario", nargs="*", choices=SCENARIOS, default=None)
    ap.add_argument("--lists", nargs="*", type=Path, default=[], help="your own reading lists")
    ap.add_argument(
        "--real-lists", type=Path, default=real_lists.LISTS, help="folder of the 24 real lists"
    )
    ap.add_argument("--large", type=int, default=10_000, help="entries of the generated list")
    ap.add_argument(
        "--wall-scale",
        type=float,
        default=1.0,
        help="1: one cold run at the real rate limits; S > 1: extrapolate from pacing / S; 0: skip",
    )
    args = ap.parse_args()
    scenarios = (
        args.scenario if args.scenario is not None else ([] if args.lists else DEFAULT_SCENARIOS)
    )
    results = measure(scenarios, args.lists, args.large, args.wall_scale, args.real_lists)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        print(
            f"== {r['scenario']}: {r['entries']} entries, {r['distinct']} distinct: {r['outcome']}"
        )
        if "accuracy" in r:
            a = r["accuracy"]
            print(
                f"   accuracy: {a['right']} right, {a['wrong']} wrong of {a['known']} known "
                f"(recall {a['recall']})"
            )
            for w in a["wrong_examples"]:
                print(f"     wrong: {w}")
        print(
            f"   cold requests {r['cold_requests']}; polite {r['polite_seconds']} s "
            f"({r['polite_per_entry']} s/entry; naive {r['naive_polite_seconds']} s)"
        )
        print(
            f"   wall: unpaced {r['wall_unpaced_seconds']} s, "
            f"at real rate limits ≈ {r['wall_real_rate_seconds']} s "
            f"(the slowest service alone needs {r['slowest_service_seconds']} s)"
        )
        print(f"   warm re-run requests {r['warm_requests']} in {r['warm_wall_seconds']} s")
        if "per_list" in r:
            _print_per_list(r)


if __name__ == "__main__":
    main()
