"""The parser benchmark runs and compares like with like (its figures are printed, not tested)."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("parse_bench", ROOT / "bench" / "parse_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_reports_its_figures(capsys):
    _bench().main(["--lines", "300"])
    out = capsys.readouterr().out
    assert "file: 300 lines" in out and "entries: 96" in out
    assert "parse CPU time: best" in out and "max RSS:" in out


def test_against_another_commit_parses_the_same_file_on_both_sides(tmp_path, capsys):
    try:
        subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--verify", "HEAD"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no git history here")
    bench = _bench()
    path = tmp_path / "list.md"
    path.write_text(bench.generate(200), encoding="utf-8")
    bench.compare("HEAD", path, pairs=1)
    out = capsys.readouterr().out
    assert "this tree: 64 entries" in out and "HEAD: 64 entries" in out
    assert "CPU this tree / HEAD: median" in out


def test_the_readings_a_list_repeats_on_most_lines_stay_cached():
    """Pure readings asked again and again in one parse (a link label, a venue, a URL, a
    heading's name, a line's segments) keep their caches: an edit that moves a decorator to
    another function would otherwise slow every parse without failing anything."""
    from zotsync.parse import hints, identifiers, inline, items, markdown

    for reading in (
        items._is_annotation_text,
        hints.match_venue,
        identifiers.url_id,
        inline._tokenize,
        markdown.section_name,
    ):
        assert hasattr(reading, "cache_info"), reading
