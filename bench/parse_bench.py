"""Parser benchmark: generate a 100,000-line reading list and time ``zotsync.parse.parse_file`` on it.

    python bench/parse_bench.py [--lines 100000] [--keep PATH]

The generated list mixes every dialect feature the Markdown walk handles: topic
headings at two levels, paper headings with note paragraphs, awesome-list items
(venue prefix, arXiv link, Chinese parenthetical note, ``[[Code](…)]``, ``ReadNotes``),
broken and duplicated links, plain titles with asides, bare URLs, tables and bullet
notes. It reports the wall and CPU time of the parse (best of 3), lines and entries
per second, and the peak memory: traced Python allocations (tracemalloc, in a separate
run because tracing slows the parse) and the process's maximum resident set size.

``--against REV`` also parses the same file with the parser of another commit (say the
regular-expression parser the Markdown one replaced, ``a23647f``): both run in fresh child
processes, in turn (A B A B …), one untraced parse each, and the report gives each side's
median CPU time and peak RSS and the median of the paired CPU ratios, which holds when a
shared machine's speed drifts. It needs the repository's git history.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zotsync.parse import parse_file  # noqa: E402


def _block(rng: random.Random, n: int) -> list[str]:
    """One section's worth of lines (about 25), using every feature once or more."""
    aid = f"{rng.randint(2001, 2412)}.{rng.randint(10000, 99999)}"
    return [
        f"## Topic {n}",
        "",
        f"### Sub topic {n}",
        "",
        f"1. arXiv [Model{n}: A Study of Scaling Number {n}](https://arxiv.org/abs/{aid}) (提出了一个新的框架{n}) "
        f"[[Code](https://github.com/u/r{n})] **ReadNotes {n % 7}**",
        f"2. EMNLP Findings [Second Paper About Things {n}]()https://arxiv.org/abs/{aid}v2 (笔记) [[Code]]",
        f"3. Arxiv [Alias{n}: Alias{n}: Duplicated Prefix Title {n}](https://www.arxiv.org/abs/{aid}) "
        f"(https://www.arxiv.org/abs/{aid})",
        f"   [[Project](https://p{n}.github.io/)]",
        "",
        f"Grounded Pre-training Variant {n}(GLIP{n % 10}, CVPR 22)",
        "",
        f"[Confronting Overoptimization {n}](https://openreview.net/forum?id=abcDEF{n:04d}x)",
        "",
        f"https://arxiv.org/abs/astro-ph/{rng.randint(1000000, 9999999)}",
        "",
        "| Title | Link | Notes |",
        "|---|---|---|",
        f"| Table Paper {n} | https://arxiv.org/abs/{aid} | 表格笔记 |",
        "",
        f"#### A Long Paper Heading Number {n} With Notes, ICLR 2023",
        "",
        "可能有用的结论",
        "",
        f"* a bullet note about idea {n}, in lower case",
        "",
    ]


def generate(lines: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    n = 0
    while len(out) < lines:
        out.extend(_block(rng, n))
        n += 1
    return "\n".join(out[:lines]) + "\n"


# One untraced parse in a fresh process: the parser of the source tree given first.
_CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from zotsync.parse import parse_file
start, cpu = time.perf_counter(), time.process_time()
result = parse_file(sys.argv[2])
try:  # this process's own peak (ru_maxrss would count the parent it was forked from)
    with open("/proc/self/status") as status:
        peak_kb = next(int(ln.split()[1]) for ln in status if ln.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - start,
                  "rss_mb": peak_kb / 1024, "entries": len(result.entries)}))
"""


def _child_parse(tree: Path, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def _export(rev: str, into: Path) -> None:
    """The ``zotsync`` package as it was at ``rev`` (``git archive``), under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "zotsync"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)


def compare(rev: str, path: Path, pairs: int) -> None:
    """Print this tree's parser against ``rev``'s on ``path``, ``pairs`` runs each, in turn."""
    with tempfile.TemporaryDirectory() as other:
        _export(rev, Path(other))
        runs: dict[str, list[dict]] = {"this tree": [], rev: []}
        for _ in range(pairs):
            runs["this tree"].append(_child_parse(ROOT, path))
            runs[rev].append(_child_parse(Path(other), path))
    for name, results in runs.items():
        print(
            f"{name:>12}: {results[0]['entries']:,} entries, CPU median "
            f"{statistics.median(r['cpu'] for r in results):.2f} s, wall median "
            f"{statistics.median(r['wall'] for r in results):.2f} s, max RSS "
            f"{max(r['rss_mb'] for r in results):.0f} MB"
        )
    ratios = [a["cpu"] / b["cpu"] for a, b in zip(runs["this tree"], runs[rev])]
    print(
        f"CPU this tree / {rev}: median {statistics.median(ratios):.2f} "
        f"(pairs: {', '.join(f'{r:.2f}' for r in ratios)})"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--keep", help="write the generated list here instead of a temporary file")
    ap.add_argument("--against", metavar="REV", help="also time the parser of this git commit")
    ap.add_argument("--pairs", type=int, default=3, help="runs of each side with --against")
    args = ap.parse_args(argv)

    text = generate(args.lines)
    path = Path(args.keep) if args.keep else Path(tempfile.mkstemp(suffix=".md")[1])
    path.write_text(text, encoding="utf-8")
    try:
        times, cpu = [], []
        for _ in range(3):
            start, start_cpu = time.perf_counter(), time.process_time()
            result = parse_file(path)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        tracemalloc.start()
        parse_file(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        report(args.lines, text, result, times, cpu, peak)
        if args.against:
            compare(args.against, path, args.pairs)
    finally:
        if not args.keep:
            os.unlink(path)


def report(lines: int, text: str, result, times: list[float], cpu: list[float], peak: int) -> None:
    best = min(times)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"file: {lines:,} lines, {len(text.encode('utf-8')) / 1e6:.1f} MB, dialect {result.dialect}"
    )
    print(f"entries: {len(result.entries):,}  skipped: {len(result.skipped):,}")
    print(
        f"parse time: best {best:.2f} s of 3 (runs: {', '.join(f'{t:.2f}' for t in times)}), "
        f"{lines / best:,.0f} lines/s, {len(result.entries) / best:,.0f} entries/s"
    )
    print(
        f"parse CPU time: best {min(cpu):.2f} s (wall time above includes any waiting for a busy CPU)"
    )
    print(f"peak traced memory: {peak / 1e6:.1f} MB  max RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
