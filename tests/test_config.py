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
    (in_tmp / "zotsync.toml").write_text(
        '[zotero]\nlibrary_id = 123\napi_key = "filekeyAAAAAAAAAAAA"\n[services]\narxiv_delay = 1\n'
    )
    cfg = load_config(
        env={"ZOTSYNC_ARXIV_URL": "http://127.0.0.1:9/", "ZOTERO_API_KEY": "envkeyBBBBBBBBBBBB"}
    )
    assert cfg.path == "zotsync.toml"
    assert cfg.zotero.library_id == "123"
    assert cfg.services.arxiv_delay == 1.0
    assert cfg.services.arxiv_url == "http://127.0.0.1:9"
    assert cfg.zotero.api_key.reveal() == "envkeyBBBBBBBBBBBB"


def test_secret_never_prints(in_tmp):
    cfg = load_config(env={"ZOTERO_API_KEY": "s3cr3tVALUExyz123", "ZOTERO_LIBRARY_ID": "1"})
    for text in (str(cfg), repr(cfg), str(cfg.zotero.api_key), f"{cfg.zotero}"):
        assert "s3cr3tVALUExyz123" not in text
    assert redact("GET ...?key=s3cr3tVALUExyz123") == "GET ...?key=********"


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
    with pytest.raises(ConfigError, match="ZOTERO_API_KEY and ZOTERO_LIBRARY_ID are not set"):
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
            assert re.search(rf"^#? ?{f.name} = ", text, re.M), (
                f"{section}.{f.name} is not documented"
            )


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ZOTERO_LIBRARY_ID": "abc"}, "ZOTERO_LIBRARY_ID must be a number, not 'abc'"),
        ({"ZOTSYNC_ZOTERO_URL": "htp://x"}, "ZOTSYNC_ZOTERO_URL must be an http(s) URL"),
        ({"ZOTSYNC_ARXIV_URL": "localhost:8000"}, "ZOTSYNC_ARXIV_URL must be an http(s) URL"),
        ({"ZOTERO_API_KEY": "e"}, "too short to be a key"),
        ({"ZOTERO_API_KEY": "abc-def ghi"}, "must be letters and digits only"),
    ],
)
def test_bad_settings_are_config_errors_not_network_errors(in_tmp, env, message):
    with pytest.raises(ConfigError) as err:
        load_config(env=env)
    assert message in str(err.value)


def test_key_pasted_with_spaces_is_stripped_and_blank_key_is_unset(in_tmp):
    assert (
        load_config(env={"ZOTERO_API_KEY": "  Abc123def456  "}).zotero.api_key.reveal()
        == "Abc123def456"
    )
    assert not load_config(env={"ZOTERO_API_KEY": "   "}).zotero.api_key


def test_redact_leaves_text_readable_for_short_values(in_tmp):
    from zotsync import config as cfgmod

    cfgmod._KNOWN_SECRETS.add("e")
    try:
        assert redact("the key was rejected") == "the key was rejected"
    finally:
        cfgmod._KNOWN_SECRETS.discard("e")
