"""The corpus format: what loads, what is refused and how the error points at the line."""

from __future__ import annotations

import json

import pytest

from zotsync.emulators.corpus import CorpusError, CorpusPaper, load_corpus


def write(tmp_path, *records, raw_lines=()):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps(r) for r in records] + list(raw_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_full_and_minimal_records(tmp_path):
    full = {
        "arxiv_id": "2410.08159",
        "version": 2,
        "title": "DART",
        "authors": ["A B", "C D"],
        "abstract": "x",
        "published": "2024-10-10",
        "updated": "2024-10-14",
        "categories": ["cs.CV"],
        "doi": None,
        "journal_ref": None,
        "comment": "c",
        "venue": None,
        "year": 2024,
        "openreview_id": None,
        "extra_key_from_the_future": 1,
    }
    minimal = {"title": "Only On OpenReview", "openreview_id": "gkfUvn0fLU"}
    papers = load_corpus(write(tmp_path, full, minimal))
    assert papers[0] == CorpusPaper(
        title="DART",
        arxiv_id="2410.08159",
        version=2,
        authors=("A B", "C D"),
        abstract="x",
        published="2024-10-10",
        updated="2024-10-14",
        categories=("cs.CV",),
        comment="c",
        year=2024,
    )
    assert papers[1].arxiv_id is None and papers[1].authors == () and papers[1].categories == ()
    assert papers[1].latest_version == 1 and papers[1].effective_year is None
    assert papers[0].last_updated == "2024-10-14"


def test_old_style_ids_load(tmp_path):
    papers = load_corpus(
        write(tmp_path, {"title": "t", "arxiv_id": "hep-th/9901001", "published": "1999-01-01"})
    )
    assert papers[0].effective_year == 1999


@pytest.mark.parametrize(
    "record, message",
    [
        ({"title": ""}, "'title'"),
        ({"title": "t", "authors": "A B"}, "'authors'"),
        ({"title": "t", "published": "2024-1-1"}, "'published'"),
        ({"title": "t", "version": 0}, "'version'"),
        ({"title": "t", "arxiv_id": "2410.08159v2"}, "'arxiv_id'"),
        ({"title": "t", "year": "2024"}, "'year'"),
    ],
)
def test_bad_record_names_its_line(tmp_path, record, message):
    path = write(tmp_path, {"title": "fine"}, record)
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    assert f"{path}:2:" in str(info.value) and message in str(info.value)


def test_bad_json_and_duplicates(tmp_path):
    with pytest.raises(CorpusError, match=r":3: not valid JSON"):
        load_corpus(write(tmp_path, {"title": "a"}, raw_lines=["", "{nope"]))
    with pytest.raises(CorpusError, match=r":2: arXiv id 2401.00001 already on line 1"):
        load_corpus(
            write(
                tmp_path,
                {"title": "a", "arxiv_id": "2401.00001"},
                {"title": "b", "arxiv_id": "2401.00001"},
            )
        )
    with pytest.raises(CorpusError, match="cannot read corpus"):
        load_corpus(tmp_path / "missing.jsonl")


def test_version_titles_name_earlier_versions_only():
    from zotsync.emulators.corpus import CorpusError, parse_paper

    base = {"title": "New", "arxiv_id": "2410.05265", "version": 3}
    paper = parse_paper({**base, "version_titles": {"1": "Old", "2": "Older"}})
    assert paper.version_titles == ((1, "Old"), (2, "Older"))
    for bad in ({"3": "the latest is the title"}, {"v1": "x"}, {"1": ""}, ["1", "x"]):
        with pytest.raises(CorpusError, match="version_titles"):
            parse_paper({**base, "version_titles": bad})
