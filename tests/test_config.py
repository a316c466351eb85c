from __future__ import annotations

import pytest

from zotsync.config import Secret, load_config, redact
from zotsync.errors import ConfigError


def test_defaults_without_file(in_tmp):
    cfg = load_config(env={})
    assert cfg.path is None
    assert cfg.services.arxiv_url == "https://export.arxiv.org"
    assert cfg.services.s2_url == "https://api.semanticscholar.org"
    assert cfg.services.hf_url == "https://huggingface.co"
    assert cfg.zotero.url == "https://api.zotero.org"
    assert cfg.zotero.library_type == "user"
    assert not cfg.zotero.api_key


def test_file_then_env_override(in_tmp):
    (in_tmp / "zotsync.toml").write_text('[zotero]\nlibrary_id = 123\napi_key = "filekey-aaaaaaaaaaaa"\n[services]\narxiv_delay = 1\n')
    cfg = load_config(env={"ZOTSYNC_ARXIV_URL": "http://127.0.0.1:9/", "ZOTERO_API_KEY": "envkey-bbbbbbbbbbbb"})
    assert cfg.path == "zotsync.toml"
    assert cfg.zotero.library_id == "123"
    assert cfg.services.arxiv_delay == 1.0
    assert cfg.services.arxiv_url == "http://127.0.0.1:9"
    assert cfg.zotero.api_key.reveal() == "envkey-bbbbbbbbbbbb"


def test_secret_never_prints(in_tmp):
    cfg = load_config(env={"ZOTERO_API_KEY": "s3cr3t-value-xyz123", "ZOTERO_LIBRARY_ID": "1"})
    for text in (str(cfg), repr(cfg), str(cfg.zotero.api_key), f"{cfg.zotero}"):
        assert "s3cr3t-value-xyz123" not in text
    assert redact("GET ...?key=s3cr3t-value-xyz123") == "GET ...?key=********"


@pytest.mark.parametrize(
    "content, message",
    [
        ("[zotero\nlibrary_id = 1", "not valid TOML"),
        ("[nope]\na = 1", "unknown config table [nope]"),
        ("[zotero]\ncolour = 1", "unknown config key zotero.colour"),
        ("[services]\ntimeout = 'soon'", "must be a number"),
        ('[zotero]\nlibrary_type = "team"', "must be 'user' or 'group'"),
    ],
)
def test_malformed_config_is_a_config_error(in_tmp, content, message):
    (in_tmp / "zotsync.toml").write_text(content)
    with pytest.raises(ConfigError) as err:
        load_config(env={})
    assert message in str(err.value)


def test_explicit_missing_config(in_tmp):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config("nope.toml", env={})


def test_require_zotero_names_missing_variables(in_tmp):
    with pytest.raises(ConfigError, match="ZOTERO_API_KEY and ZOTERO_LIBRARY_ID missing"):
        load_config(env={}).require_zotero()


def test_secret_equality_and_truth():
    assert Secret("a") == Secret("a") and not Secret(None) and Secret("a")


def test_example_config_loads_and_documents_every_key(in_tmp):
    import dataclasses
    import re

    from tests.conftest import ROOT
    from zotsync.config import _SECTIONS

    example = ROOT / "config.example.toml"
    cfg = load_config(example, env={})
    assert cfg.zotero.library_type == "user" and cfg.resolve.threshold == 0.90
    text = example.read_text(encoding="utf-8")
    for section, cls in _SECTIONS.items():
        assert f"[{section}]" in text
        for f in dataclasses.fields(cls):
            assert re.search(rf"^#? ?{f.name} = ", text, re.M), f"{section}.{f.name} is not documented"
