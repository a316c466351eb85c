"""Shared test setup.

Tests never touch the network beyond loopback: the emulator fixtures
(zotsync.emulators.pytest_plugin) start the local services on 127.0.0.1.
"""

from __future__ import annotations

import os
from pathlib import Path

import hypothesis_profiles  # noqa: F401  (loads the ci / dev / long profile before any test module)
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))

# Never let a developer's real credentials or proxies leak into a test run.
for _var in (
    "ZOTERO_API_KEY",
    "ZOTERO_LIBRARY_ID",
    "ZOTERO_LIBRARY_TYPE",
    "ZOTSYNC_ZOTERO_URL",
    "ZOTSYNC_ARXIV_URL",
    "ZOTSYNC_S2_URL",
    "ZOTSYNC_HF_URL",
    "ZOTSYNC_LOCK",
):
    os.environ.pop(_var, None)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
os.environ.setdefault("ZOTSYNC_ARXIV_DELAY", "0")

pytest_plugins = ["zotsync.emulators.pytest_plugin"]


@pytest.fixture
def seeds() -> list[Path]:
    return SEEDS


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Run the test inside an empty working directory (no stray zotsync.toml)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
