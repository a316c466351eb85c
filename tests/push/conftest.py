"""Fixtures for push tests; the helpers live in pushkit.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pushkit import Remote

from zotsync.config import Config, load_config


@pytest.fixture
def remote(zotero_emulator) -> Remote:
    return Remote(zotero_emulator)


@pytest.fixture
def zconfig(zotero_emulator, tmp_path: Path) -> Config:
    cfg = load_config(
        env={
            "ZOTERO_API_KEY": zotero_emulator.api_key,
            "ZOTERO_LIBRARY_ID": str(zotero_emulator.user_id),
            "ZOTSYNC_ZOTERO_URL": zotero_emulator.url,
            "ZOTSYNC_TIMEOUT": "10",
        }
    )
    return dataclasses.replace(
        cfg, zotero=dataclasses.replace(cfg.zotero, state_dir=str(tmp_path / "state"))
    )
