"""A lock file with a value of the wrong type, or from a newer zotsync, is refused with the
line and the field named (exit 3), never read as garbage nor rewritten; pending marks and pins round-trip."""

from __future__ import annotations

import pytest

from zotsync.errors import InputError
from zotsync.model import Paper, Resolution, Status
from zotsync.resolve.lockfile import (
    load_lock,
    needs_fetch,
    pin_candidate,
    pinned_id,
    read_lock,
    save_lock,
)

GOOD = """format = 1

[[entry]]
ident = "title:a"
status = "resolved"
confidence = 0.5

[[entry]]
ident = "arxiv:2402.11111"
status = "review"
confidence = 0.7

[entry.paper]
title = "A paper"
authors = ["Yeming Wen", "B C"]
published = "2024-02-01"
year = 2024

[[entry.candidates]]
score = 0.7
source = "arxiv"
title = "A paper"
arxiv_id = "2402.11111"
"""


def write(tmp_path, text: str):
    path = tmp_path / "zotsync.lock"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_good_file_loads(tmp_path):
    lock = load_lock(write(tmp_path, GOOD))
    assert lock["arxiv:2402.11111"].paper.authors == ("Yeming Wen", "B C")
    assert lock["arxiv:2402.11111"].candidates[0].score == 0.7


@pytest.mark.parametrize(
    "old,new,field",
    [
        ('title = "A paper"', "title = 5", "'title'"),
        ("score = 0.7", 'score = "hi"', "'score'"),
        ('authors = ["Yeming Wen", "B C"]', 'authors = "Yeming"', "'authors'"),
        ('published = "2024-02-01"', 'published = "yesterday"', "'published'"),
        ("year = 2024", 'year = "2024"', "'year'"),
        ("confidence = 0.7", 'confidence = "high"', "'confidence'"),
        ('source = "arxiv"', "source = 3", "'source'"),
    ],
)
def test_a_value_of_the_wrong_type_names_the_line_and_field(tmp_path, old, new, field):
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(InputError) as info:
        load_lock(path)
    assert field in str(info.value) and "line 8" in str(info.value)
    assert info.value.exit_code == 3


def test_a_newer_format_is_refused_and_not_rewritten(tmp_path):
    path = write(tmp_path, GOOD.replace("format = 1", "format = 99"))
    before = path.read_bytes()
    with pytest.raises(InputError, match="format = 99, newer"):
        load_lock(path)
    with pytest.raises(InputError, match="newer"):
        save_lock(path, {})
    assert path.read_bytes() == before


@pytest.mark.parametrize("value", ['"1"', "0", "true"])
def test_a_format_that_is_not_a_version_is_refused(tmp_path, value):
    with pytest.raises(InputError, match="'format'"):
        load_lock(write(tmp_path, GOOD.replace("format = 1", f"format = {value}")))


def test_pending_marks_round_trip_and_are_kept_by_a_save_that_does_not_name_them(tmp_path):
    path = tmp_path / "zotsync.lock"
    res = Resolution(
        ident="arxiv:2402.11111",
        status=Status.RESOLVED,
        paper=Paper(title="A", arxiv_id="2402.11111"),
    )
    save_lock(path, {res.ident: res}, {res.ident: ("arxiv", "venue")})
    assert read_lock(path)[1] == {res.ident: ("arxiv", "venue")}
    save_lock(
        path, {res.ident: res.__class__(**{**res.__dict__, "citation_key": "a2024"})}
    )  # e.g. `zotsync bib`
    assert read_lock(path)[1] == {res.ident: ("arxiv", "venue")}
    save_lock(path, {res.ident: res}, {})
    assert read_lock(path)[1] == {}


def test_an_unknown_pending_mark_is_an_input_error(tmp_path):
    text = GOOD.replace('status = "resolved"', 'status = "resolved"\npending = ["everything"]')
    with pytest.raises(InputError, match="'pending'"):
        load_lock(write(tmp_path, text))


def test_an_unfetched_pin_has_no_paper_and_survives_a_rewrite(tmp_path):
    path = tmp_path / "zotsync.lock"
    pin = Resolution(
        ident="title:a",
        status=Status.PINNED,
        via="user",
        candidates=(pin_candidate(arxiv_id="9999.99999"),),
    )
    save_lock(path, {pin.ident: pin})
    assert 'arxiv_id = "9999.99999"' in path.read_text(encoding="utf-8")
    again = load_lock(path)["title:a"]
    assert again.paper is None and needs_fetch(again) and pinned_id(again).arxiv_id == "9999.99999"
    assert again == pin
