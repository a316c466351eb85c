"""Semantic Scholar emulator on the sample corpus: id forms, fields, search paging/filters, batch, match, faults."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from zotsync.emulators.corpus import load_corpus
from zotsync.emulators.s2 import TOO_MANY_REQUESTS_BODY, S2Backend
from zotsync.emulators.s2.backend import parse_fields

TRUTH = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "resolve_truth.json").read_text("utf-8")
)
G = "/graph/v1/paper"


def get(server, path, **params):
    return requests.get(server.url + path, params=params, timeout=5)


@pytest.fixture(scope="module")
def backend():
    return S2Backend(load_corpus())


def test_default_fields_are_paper_id_and_title(s2_emulator):
    body = get(s2_emulator, f"{G}/ARXIV:2210.10760").json()
    assert (
        list(body) == ["paperId", "title"]
        and body["title"] == "Scaling Laws for Reward Model Overoptimization"
    )


@pytest.mark.parametrize(
    "paper_id",
    [
        "ARXIV:2210.10760",
        "arXiv:2210.10760v1",
        "arxiv:2210.10760",
        "DOI:10.48550/arXiv.2210.10760",
        "URL:https://arxiv.org/abs/2210.10760v2",
        "URL:https://arxiv.org/pdf/2210.10760",
    ],
)
def test_id_forms_name_the_same_paper(s2_emulator, paper_id):
    canonical = get(s2_emulator, f"{G}/ARXIV:2210.10760", fields="corpusId").json()
    assert get(s2_emulator, f"{G}/{paper_id}", fields="corpusId").json() == canonical
    by_sha = get(s2_emulator, f"{G}/{canonical['paperId']}", fields="corpusId").json()
    by_corpus = get(s2_emulator, f"{G}/CorpusId:{canonical['corpusId']}", fields="corpusId").json()
    assert by_sha == by_corpus == canonical


def test_publisher_doi_and_venue_merge(s2_emulator):
    body = get(
        s2_emulator,
        f"{G}/DOI:10.1109/iccv.2017.167",
        fields="externalIds,venue,year,publicationVenue,journal",
    ).json()
    assert (
        body["externalIds"]["ArXiv"] == "1703.06868"
        and body["externalIds"]["DOI"] == "10.1109/ICCV.2017.167"
    )
    assert (
        body["venue"] == "IEEE International Conference on Computer Vision" and body["year"] == 2017
    )
    assert body["publicationVenue"]["type"] == "conference"
    preprint = get(
        s2_emulator, f"{G}/ARXIV:2410.08159", fields="venue,publicationVenue,journal"
    ).json()
    assert preprint["venue"] == "arXiv.org" and preprint["publicationVenue"]["name"] == "arXiv.org"
    assert preprint["journal"] == {"name": "ArXiv", "volume": "abs/2410.08159"}


def test_openreview_only_paper_has_no_arxiv_id(s2_emulator):
    hit = get(
        s2_emulator,
        f"{G}/search/match",
        fields="externalIds,venue,year",
        query="Improving Generalization of Alignment with Human Preferences through Group Invariant Learning",
    )
    paper = hit.json()["data"][0]
    assert (
        "ArXiv" not in paper["externalIds"]
        and paper["venue"] == "International Conference on Learning Representations"
    )


def test_authors_subfields_and_bad_fields(s2_emulator):
    body = get(s2_emulator, f"{G}/ARXIV:2210.10760", fields="authors.name,authors.url").json()
    assert body["authors"][0] == {
        "authorId": body["authors"][0]["authorId"],
        "url": body["authors"][0]["url"],
        "name": "Leo Gao",
    }
    bad = get(s2_emulator, f"{G}/ARXIV:2210.10760", fields="title,titles,authors.nope")
    assert bad.status_code == 400 and bad.json() == {
        "error": "Unrecognized or unsupported fields: [titles, authors.nope]"
    }
    assert parse_fields("").top == ("paperId", "title")


def test_search_pages_with_next_until_the_last(s2_emulator):
    first = get(
        s2_emulator, f"{G}/search", query="preference optimization", limit=5, fields="title"
    ).json()
    assert (
        list(first) == ["total", "offset", "next", "data"]
        and first["next"] == 5
        and len(first["data"]) == 5
    )
    last_offset = first["total"] - 2
    last = get(
        s2_emulator, f"{G}/search", query="preference optimization", limit=5, offset=last_offset
    ).json()
    assert list(last) == ["total", "offset", "data"] and len(last["data"]) == 2
    seen = set()
    for offset in range(0, first["total"], 5):
        page = get(
            s2_emulator, f"{G}/search", query="preference optimization", limit=5, offset=offset
        ).json()
        seen.update(p["paperId"] for p in page["data"])
    assert len(seen) == first["total"]  # stable order: pages neither repeat nor skip
    none = get(s2_emulator, f"{G}/search", query="xylophone zeppelin").json()
    assert none == {"total": 0, "offset": 0, "data": []}


def test_search_limits(s2_emulator):
    assert get(s2_emulator, f"{G}/search", query="diffusion", limit=101).status_code == 400
    too_deep = get(s2_emulator, f"{G}/search", query="diffusion", offset=990, limit=20)
    assert too_deep.status_code == 400 and "limit and/or offset" in too_deep.json()["error"]
    assert get(s2_emulator, f"{G}/search").status_code == 400  # query is required


def test_search_filters(s2_emulator):
    body = get(
        s2_emulator,
        f"{G}/search",
        query="diffusion",
        year="2023-",
        venue="ICLR",
        fields="year,venue",
        limit=100,
    ).json()
    assert body["total"] > 0
    assert all(
        p["year"] >= 2023 and p["venue"] == "International Conference on Learning Representations"
        for p in body["data"]
    )
    exact = get(
        s2_emulator, f"{G}/search", query="diffusion", year="2022", fields="year", limit=100
    ).json()
    assert {p["year"] for p in exact["data"]} <= {2022}
    assert get(s2_emulator, f"{G}/search", query="diffusion", year="20x2").status_code == 400
    window = get(
        s2_emulator,
        f"{G}/search",
        query="diffusion",
        publicationDateOrYear="2024-03-01:2024-06",
        fields="publicationDate",
        limit=100,
    ).json()
    assert window["total"] > 0 and all(
        "2024-03-01" <= p["publicationDate"] <= "2024-06-31" for p in window["data"]
    )


def test_batch_keeps_order_and_nulls_unknown_ids(s2_emulator):
    ids = [
        "ARXIV:2305.18290",
        "ARXIV:0000.00000",
        "10.1109/ICCV.2017.167",
        "nonsense",
        "CorpusId:1",
    ]
    response = requests.post(
        f"{s2_emulator.url}{G}/batch",
        params={"fields": "title,externalIds"},
        json={"ids": ids},
        timeout=5,
    )
    body = response.json()
    assert response.status_code == 200 and len(body) == 5
    assert (
        body[0]["externalIds"]["ArXiv"] == "2305.18290"
        and body[2]["externalIds"]["ArXiv"] == "1703.06868"
    )
    assert body[1] is None and body[3] is None and body[4] is None
    too_many = requests.post(f"{s2_emulator.url}{G}/batch", json={"ids": ["x"] * 501}, timeout=5)
    assert too_many.status_code == 400
    broken = requests.post(f"{s2_emulator.url}{G}/batch", data=b"{not json", timeout=5)
    assert broken.status_code == 400 and "error" in broken.json()


def test_every_corpus_title_matches_its_own_paper(backend):
    fields = parse_fields("externalIds")
    wrong = []
    for paper, record in zip(backend.papers, backend.records):
        got = backend.match(paper.title, {}, fields)["data"][0]
        if got["paperId"] != record["paperId"]:
            wrong.append(paper.title)
    assert wrong == []


@pytest.mark.parametrize(
    "listed, expected",
    [
        (
            "Rrhf: Rank responses to align language models with human feedback without tears",
            "2304.05302",
        ),
        ("From r to Q∗ : Your Language Model is Secretly a Q-Function", "2404.12358"),
        ("Scaling laws for reward model overoptimization", "2210.10760"),
        ("Improved Techniques for Training Consistency Models", "2310.14189"),
        ("Improved Training Technique for Latent Consistency Models", "2502.01441"),
    ],
)
def test_match_finds_listed_spellings(s2_emulator, listed, expected):
    body = get(s2_emulator, f"{G}/search/match", query=listed, fields="externalIds").json()
    assert body["data"][0]["externalIds"]["ArXiv"] == expected
    assert isinstance(body["data"][0]["matchScore"], float)


def test_match_returns_a_poor_best_match_like_s2(s2_emulator):
    """Acronym-only and absent titles still get *a* match: the client must verify (the resolver's job)."""
    acronym = get(s2_emulator, f"{G}/search/match", query="Diffusion-DPO").json()["data"][0]
    assert acronym["title"] != "Diffusion Model Alignment Using Direct Preference Optimization"
    absent = next(e for e in TRUTH["002_eac65c1a76fc0cb5.txt"] if e.get("expect") == "unresolved")
    poor = get(s2_emulator, f"{G}/search/match", query=absent["title"]).json()["data"][0]
    assert poor["title"] != absent["title"]


def test_429_from_the_fault_plane_then_recovery(s2_emulator):
    fault = {"kind": "status", "status": 429, "body": TOO_MANY_REQUESTS_BODY, "times": 2}
    assert (
        requests.post(f"{s2_emulator.url}/_emulator/faults", json=[fault], timeout=5).status_code
        == 200
    )
    for _ in range(2):
        limited = get(s2_emulator, f"{G}/ARXIV:2210.10760")
        assert limited.status_code == 429 and limited.json()["message"].startswith(
            "Too Many Requests"
        )
    assert get(s2_emulator, f"{G}/ARXIV:2210.10760").status_code == 200
    deadline = time.monotonic() + 2  # the core logs a request just after answering it
    while len(s2_emulator.log) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [r["status"] for r in s2_emulator.log] == [429, 429, 200]


def test_api_key_and_unknown_route(emulator_factory):
    server = emulator_factory("s2", "--api-key", "k1")
    ok = requests.get(f"{server.url}{G}/ARXIV:2210.10760", headers={"x-api-key": "k1"}, timeout=5)
    anonymous = requests.get(f"{server.url}{G}/ARXIV:2210.10760", timeout=5)
    wrong = requests.get(
        f"{server.url}{G}/ARXIV:2210.10760", headers={"x-api-key": "k2"}, timeout=5
    )
    assert (ok.status_code, anonymous.status_code, wrong.status_code) == (200, 200, 403)
    assert requests.get(f"{server.url}/graph/v1/nothing", timeout=5).status_code == 403


def test_command_line_start_line_and_bad_corpus(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "zotsync.emulators", "s2", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:")
        url = line.split()[-1]
        assert requests.get(f"{url}{G}/ARXIV:2210.10760", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok"}\n{"title": 3}\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "zotsync.emulators", "s2", "--corpus", str(bad), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert run.returncode == 2 and f"{bad}:2:" in run.stderr
