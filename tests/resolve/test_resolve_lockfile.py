"""The lock file: round trip, user edits respected, unknown keys kept, errors name the line."""

from __future__ import annotations

import dataclasses
import os
import tomllib

import pytest

from zotsync.errors import InputError
from zotsync.model import Candidate, Paper, Resolution, Status
from zotsync.resolve.lockfile import HEADER, dumps, load_lock, needs_fetch, pinned_id, save_lock

PAPER = Paper(
    title="$Q^*$: Improving Multi-step Reasoning for LLMs with Deliberative Planning",
    authors=("Chaojie Wang", "Yanchen Deng", "Zhiyi Lyu"),
    arxiv_id="2406.14283",
    version=4,
    abstract='Line one "quoted" \\ backslash\nline two\ttab — 中文',
    published="2024-06-20",
    updated="2024-07-22",
    categories=("cs.AI", "cs.CL"),
    doi="10.1234/abc",
    journal_ref="NeurIPS 2024",
    venue="NeurIPS",
    year=2024,
    url="https://arxiv.org/abs/2406.14283v4",
)


def _resolutions() -> dict[str, Resolution]:
    resolved = Resolution(
        ident="arxiv:2406.14283",
        status=Status.RESOLVED,
        paper=PAPER,
        confidence=1.0,
        via="arxiv-id",
        listed_title="Q*: Improving Multi-step Reasoning",
        citation_key="wang2024q",
    )
    review = Resolution(
        ident="title:diffusion dpo",
        status=Status.REVIEW,
        confidence=0.71,
        via="hf",
        reason="close call",
        listed_title="Diffusion-DPO",
        candidates=(
            Candidate(
                Paper(
                    title="Diffusion Model Alignment Using Direct Preference Optimization",
                    authors=("Bram Wallace",),
                    arxiv_id="2311.12908",
                    year=2023,
                ),
                0.71,
                "hf",
            ),
            Candidate(Paper(title="Other paper", arxiv_id="2401.00001"), 0.55, "arxiv"),
        ),
    )
    unresolved = Resolution(
        ident="title:some blog post",
        status=Status.UNRESOLVED,
        reason="source failed: arxiv 503",
        listed_title="Some blog post",
    )
    return {r.ident: r for r in (unresolved, review, resolved)}


def test_round_trip_is_exact(tmp_path):
    path = tmp_path / "zotsync.lock"
    before = _resolutions()
    save_lock(path, before)
    after = load_lock(path)
    assert after == before
    # deterministic: saving again gives the same bytes
    first = path.read_bytes()
    save_lock(path, after)
    assert path.read_bytes() == first


def test_file_is_readable_and_sorted(tmp_path):
    text = dumps(_resolutions())
    assert text.startswith("# " + HEADER[0])
    idents = [line.split(" = ", 1)[1] for line in text.splitlines() if line.startswith("ident = ")]
    assert idents == sorted(idents)
    data = tomllib.loads(text)
    assert data["entry"][0]["paper"]["title"].startswith("$Q^*$")
    assert "2026" not in text and "timestamp" not in text  # no volatile fields


def test_missing_file_is_empty(tmp_path):
    assert load_lock(tmp_path / "nope.lock") == {}


def test_malformed_names_the_line(tmp_path):
    path = tmp_path / "zotsync.lock"
    path.write_text('format = 1\n\n[[entry]]\nident = "x"\nstatus = "resolved\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 5"):
        load_lock(path)


def test_unknown_status_names_the_block_line(tmp_path):
    path = tmp_path / "zotsync.lock"
    path.write_text(
        'format = 1\n\n[[entry]]\nident = "a"\nstatus = "resolved"\n\n[[entry]]\nident = "b"\nstatus = "maybe"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"line 7.*maybe"):
        load_lock(path)


def test_user_pin_becomes_a_stub_to_fetch(tmp_path):
    path = tmp_path / "zotsync.lock"
    save_lock(path, _resolutions())
    text = path.read_text(encoding="utf-8")
    # the user pins the review item to a different id
    text = text.replace(
        'ident = "title:diffusion dpo"\nstatus = "review"',
        'ident = "title:diffusion dpo"\nstatus = "pinned"\narxiv_id = "2311.12908v2"',
    )
    path.write_text(text, encoding="utf-8")
    res = load_lock(path)["title:diffusion dpo"]
    assert res.status is Status.PINNED
    assert res.paper is None and pinned_id(res) == Paper(
        title="", arxiv_id="2311.12908"
    )  # nothing usable yet
    assert needs_fetch(res)
    # a pin that agrees with the stored paper keeps it (no fetch)
    pinned = dataclasses.replace(
        _resolutions()["arxiv:2406.14283"], status=Status.PINNED, via="user"
    )
    save_lock(path, {pinned.ident: pinned})
    again = load_lock(path)[pinned.ident]
    assert again.paper == PAPER and not needs_fetch(again)


def test_pinned_without_id_is_an_error(tmp_path):
    path = tmp_path / "zotsync.lock"
    path.write_text('[[entry]]\nident = "title:x"\nstatus = "pinned"\n', encoding="utf-8")
    with pytest.raises(InputError, match="no arxiv_id"):
        load_lock(path)


def test_unknown_keys_survive_a_rewrite(tmp_path):
    path = tmp_path / "zotsync.lock"
    save_lock(path, _resolutions())
    text = path.read_text(encoding="utf-8").replace(
        'ident = "arxiv:2406.14283"\n', 'ident = "arxiv:2406.14283"\nmy_note = "read twice"\n'
    )
    text = text.replace("[entry.paper]\n", '[entry.paper]\npages = "1-10"\n', 1)
    path.write_text(text, encoding="utf-8")
    loaded = load_lock(path)
    # downstream writes back a citation key through save_lock
    loaded["arxiv:2406.14283"] = dataclasses.replace(
        loaded["arxiv:2406.14283"], citation_key="wang2024improving"
    )
    save_lock(path, loaded)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    block = next(b for b in data["entry"] if b["ident"] == "arxiv:2406.14283")
    assert block["my_note"] == "read twice"
    assert block["paper"]["pages"] == "1-10"
    assert block["citation_key"] == "wang2024improving"


def test_save_is_atomic_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "zotsync.lock"
    save_lock(path, _resolutions())
    before = path.read_bytes()

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="cannot write .*zotsync.lock: disk full"):
        save_lock(path, {})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["zotsync.lock"]  # no temp file left behind


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st
from hypothesis_profiles import examples

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=examples(30), deadline=None)
@given(
    title=_text,
    abstract=_text,
    authors=st.lists(_text, max_size=3),
    reason=_text,
    confidence=st.floats(0, 1),
    ident=_text.filter(bool),
)
def test_any_text_round_trips(
    tmp_path_factory, title, abstract, authors, reason, confidence, ident
):
    paper = Paper(
        title=title or "t", abstract=abstract or None, authors=tuple(authors), arxiv_id="2401.00001"
    )
    res = Resolution(
        ident=ident,
        status=Status.RESOLVED,
        paper=paper,
        confidence=round(confidence, 3),
        via="arxiv-id",
        reason=reason or None,
        listed_title=title or None,
    )
    path = tmp_path_factory.mktemp("lock") / "z.lock"
    save_lock(path, {ident: res})
    assert load_lock(path) == {ident: res}
