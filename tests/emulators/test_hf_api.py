"""Hugging Face papers emulator: shapes, ids, errors, and search ranking on the sample corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests

from zotsync.emulators.corpus import load_corpus
from zotsync.emulators.hf import HFBackend

TRUTH = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "resolve_truth.json").read_text("utf-8")
)
HF_PAGES = ("001_b36b5920c9660b6f.txt", "002_eac65c1a76fc0cb5.txt", "003_5081c8ff63b2ebaf.txt")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$")


@pytest.fixture(scope="module")
def backend():
    return HFBackend(load_corpus())


def test_search_result_shape(hf_emulator):
    response = requests.get(
        f"{hf_emulator.url}/api/papers/search", params={"q": "consistency models"}, timeout=5
    )
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(
        "application/json"
    )
    results = response.json()
    assert isinstance(results, list) and 0 < len(results) <= 50
    item = results[0]
    assert list(item) == [
        "paper",
        "publishedAt",
        "title",
        "thumbnail",
        "numComments",
        "isAuthorParticipating",
    ]
    paper = item["paper"]
    assert list(paper) == [
        "id",
        "authors",
        "publishedAt",
        "submittedOnDailyAt",
        "title",
        "summary",
        "upvotes",
        "discussionId",
    ]
    assert item["title"] == paper["title"] and item["publishedAt"] == paper["publishedAt"]
    assert ISO.match(paper["publishedAt"]) and paper["submittedOnDailyAt"] > paper["publishedAt"]
    assert all(set(a) == {"_id", "name", "hidden"} for a in paper["authors"])
    assert re.fullmatch(r"\d{4}\.\d{4,5}", paper["id"])


def test_paper_by_id_and_errors(hf_emulator):
    url = f"{hf_emulator.url}/api/papers"
    paper = requests.get(f"{url}/2310.14189", timeout=5).json()
    assert paper["title"] == "Improved Techniques for Training Consistency Models"
    assert paper["summary"].startswith(
        "Consistency models are a nascent family"
    )  # the HF page's abstract
    assert [a["name"] for a in paper["authors"]] == ["Yang Song", "Prafulla Dhariwal"]
    assert requests.get(f"{url}/2310.14189v2", timeout=5).json()["id"] == "2310.14189"
    missing = requests.get(f"{url}/2310.99999", timeout=5)
    assert (missing.status_code, missing.json()) == (404, {"error": "Paper not found"})
    assert requests.get(f"{url}/not-an-id", timeout=5).status_code == 404
    assert requests.get(f"{url}/search", timeout=5).status_code == 400  # q is required
    assert requests.post(f"{url}/search", params={"q": "x"}, timeout=5).status_code == 404


def test_papers_not_on_arxiv_have_no_hf_page(backend):
    assert all(p.arxiv_id for p in backend.papers)
    assert len(backend.papers) < len(load_corpus())  # the OpenReview-only ones are left out


def test_listed_hf_titles_rank_their_paper_first(backend):
    """What a Daily Papers copy lists is found first by its own title: the resolver's HF path."""
    misses = []
    for name in HF_PAGES:
        for entry in TRUTH[name]:
            if "arxiv_id" not in entry:
                continue
            results = backend.search(entry["title"])
            top = results[0]["paper"]["id"] if results else None
            if top != entry["arxiv_id"]:
                misses.append((name, entry["line"], entry["title"], top))
    assert misses == []


def test_near_duplicates_rank_by_closeness(backend):
    titles = [
        r["title"]
        for r in backend.search("Improved Techniques for Training Consistency Models")[:4]
    ]
    assert titles[0] == "Improved Techniques for Training Consistency Models"
    assert "Improved Training Technique for Latent Consistency Models" in titles
    assert backend.search("xylophone zeppelin quasar") == []


def test_abstract_words_find_a_paper(backend):
    results = backend.search("Rectified Flow straightness v-prediction")
    assert any(r["paper"]["id"] == "2410.07303" for r in results[:5])


def test_command_line_start_line():
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "zotsync.emulators", "hf", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert re.fullmatch(r"listening on http://127\.0\.0\.1:\d+", line)
        assert (
            requests.get(f"{line.split()[-1]}/api/papers/2410.08159", timeout=5).status_code == 200
        )
    finally:
        proc.terminate()
        proc.wait(timeout=5)
