"""Fixtures for the end-to-end tests (helpers: e2ekit.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2ekit import SECRET_KEY, SECRET_USER, SHORT_LIST

from zotsync.emulators.pytest_plugin import build_server


@pytest.fixture(scope="session")
def _secret_zotero_session() -> Iterator:
    server = build_server("zotero", "--api-key", SECRET_KEY, "--user-id", SECRET_USER).start()
    yield server
    server.stop()


@pytest.fixture
def zotero(_secret_zotero_session):
    """The Zotero emulator with a distinctive key, empty library, no faults."""
    _secret_zotero_session.reset()
    return _secret_zotero_session


@pytest.fixture
def services(arxiv_emulator, s2_emulator, hf_emulator, zotero) -> dict:
    return {"arxiv": arxiv_emulator, "s2": s2_emulator, "hf": hf_emulator, "zotero": zotero}


@pytest.fixture
def env(services) -> dict[str, str]:
    """A user's environment: credentials and every service pointed at the emulators."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ZOTERO_", "ZOTSYNC_"))}
    return {
        **base,
        "ZOTERO_API_KEY": SECRET_KEY,
        "ZOTERO_LIBRARY_ID": SECRET_USER,
        "ZOTERO_LIBRARY_TYPE": "user",
        "ZOTSYNC_ZOTERO_URL": services["zotero"].url,
        "ZOTSYNC_ARXIV_URL": services["arxiv"].url,
        "ZOTSYNC_S2_URL": services["s2"].url,
        "ZOTSYNC_HF_URL": services["hf"].url,
        "ZOTSYNC_ARXIV_DELAY": "0",
        "ZOTSYNC_TIMEOUT": "5",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """An empty working directory holding a copy of the short list (``list.md``)."""
    shutil.copy(SHORT_LIST, tmp_path / "list.md")
    return tmp_path
