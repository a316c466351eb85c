"""Fixtures for two-way tests: the push tests' helpers (tests/push/pushkit.py) and fixtures, reused, not copied."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SYNC_TESTS = Path(__file__).resolve().parent.parent / "push"
if str(_SYNC_TESTS) not in sys.path:
    sys.path.insert(0, str(_SYNC_TESTS))


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_sync_fixtures = _load("_sync_conftest_for_twoway", _SYNC_TESTS / "conftest.py")
remote = _sync_fixtures.remote
zconfig = _sync_fixtures.zconfig


import dataclasses  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture
def tconfig(zconfig, tmp_path):
    """The push tests' Zotero config, with the lock file in the test's directory."""
    return dataclasses.replace(
        zconfig, resolve=dataclasses.replace(zconfig.resolve, lock=str(tmp_path / "zotsync.lock"))
    )
