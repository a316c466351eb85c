"""``zotsync sync`` is one pass: each list parsed once, the lock read once, one Zotero client.

The run is instrumented by code object (``sys.setprofile``), so a second parse or lock
read counts however it is reached (another module's import of the function, a helper
calling it, a thread).
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from zotsync.cli import cli
from zotsync.parse import parse_text
from zotsync.resolve.lockfile import read_lock
from zotsync.zotero.client import ZoteroClient

SEEDS = sorted((Path(__file__).resolve().parent / "data" / "seeds").glob("*.txt"))


@contextmanager
def counting(**functions: Callable) -> Iterator[Counter]:
    """Count the calls of each function while the block runs (any thread, any caller)."""
    names = {f.__code__: name for name, f in functions.items()}
    counts: Counter = Counter()

    def profile(frame, event, arg):
        if event == "call" and frame.f_code in names:
            counts[names[frame.f_code]] += 1

    sys.setprofile(profile)
    threading.setprofile(profile)
    try:
        yield counts
    finally:
        sys.setprofile(None)
        threading.setprofile(None)


def _env(arxiv, s2, hf, zotero) -> dict[str, str]:
    return {
        "ZOTERO_API_KEY": zotero.api_key,
        "ZOTERO_LIBRARY_ID": str(zotero.user_id),
        "ZOTSYNC_ZOTERO_URL": zotero.url,
        "ZOTSYNC_ARXIV_URL": arxiv.url,
        "ZOTSYNC_S2_URL": s2.url,
        "ZOTSYNC_HF_URL": hf.url,
        "ZOTSYNC_ARXIV_DELAY": "0",
    }


EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.md"))


def _one_pass(lists: list[Path], workdir: Path, env: dict[str, str]) -> None:
    names = []
    for path in lists:
        shutil.copy(path, workdir / path.name)
        names.append(path.name)
    args = ["sync", *names, "--yes", "--json", "--bib", "refs.bib"]
    once = {"parse": len(lists), "lock_read": 1, "client": 1}
    with counting(parse=parse_text, lock_read=read_lock, client=ZoteroClient.__init__) as counts:
        result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code in (0, 5), result.output  # 5: a corpus gap is not this test's concern
    summary = json.loads(result.stdout)
    assert summary["applied"] and summary["requests"]["writes"] > 0
    assert dict(counts) == once, dict(counts)
    # a second run (nothing to write) is one pass too
    with counting(parse=parse_text, lock_read=read_lock, client=ZoteroClient.__init__) as again:
        second = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert json.loads(second.stdout)["requests"]["writes"] == 0
    assert dict(again) == once, dict(again)


def test_sync_of_the_example_lists_is_one_pass(
    in_tmp, arxiv_emulator, s2_emulator, hf_emulator, zotero_emulator
):
    assert len(EXAMPLES) == 2
    _one_pass(EXAMPLES, in_tmp, _env(arxiv_emulator, s2_emulator, hf_emulator, zotero_emulator))


@pytest.mark.slow
def test_sync_of_the_five_seed_lists_is_one_pass(
    in_tmp, arxiv_emulator, s2_emulator, hf_emulator, zotero_emulator
):
    """Parses each list once, reads the lock once and builds one Zotero client (357 entries)."""
    assert len(SEEDS) == 5
    _one_pass(SEEDS, in_tmp, _env(arxiv_emulator, s2_emulator, hf_emulator, zotero_emulator))
