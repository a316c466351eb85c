"""The S2 emulator answers the recorded requests (tests/data/s2/, real S2 responses) in the same shape.

Same keys in the same order, same value types, same body bytes layout (separators,
trailing newline), same error texts. The corpus for these tests holds the recorded papers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests

DATA = Path(__file__).resolve().parent.parent / "data" / "s2"
REFERENCE = json.loads((DATA / "Reference.json").read_text(encoding="utf-8"))["citedPaper"]


def cassette(name: str) -> tuple[str, int, str]:
    """(request uri, status, body) of a one-interaction vcrpy cassette (no YAML parser needed)."""
    text = (DATA / name).read_text(encoding="utf-8")
    uri = re.search(r"^\s+uri: (\S+)$", text, re.M).group(1)
    status = int(re.search(r"^\s+code: (\d+)$", text, re.M).group(1))
    raw = re.search(r"string: '(.*?)'\n\s+headers:", text, re.S).group(1)
    body, pending_space = "", False
    lines = raw.split("\n")
    if not lines[-1].strip():
        lines.pop()  # the indentation before the closing quote
    for line in lines:  # YAML single-quoted folding: line break = space, blank line = newline
        line = line.strip()
        if not line:
            body, pending_space = body + "\n", False
            continue
        body += (" " if pending_space else "") + line
        pending_space = True
    return uri, status, body.replace("''", "'")


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("s2") / "corpus.jsonl"
    papers = [
        {
            "arxiv_id": None,
            "title": "Mining association rules between sets of items in large databases",
            "authors": ["R. Agrawal", "T. Imielinski", "A. Swami"],
            "venue": "SIGMOD 1993",
            "year": 1993,
            "doi": "10.1145/170035.170072",
            "abstract": "We are given a large database of customer transactions.",
        },
        {
            "arxiv_id": None,
            "title": "Fast algorithms for mining association rules",
            "authors": ["R. Agrawal"],
            "year": 1994,
        },
        {
            "arxiv_id": "1402.0030",
            "version": 2,
            "title": REFERENCE["title"],
            "abstract": REFERENCE["abstract"],
            "authors": ["A. Mnih", "Karol Gregor"],
            "published": REFERENCE["publicationDate"],
            "updated": "2014-06-04",
            "categories": ["cs.LG", "stat.ML"],
            "venue": "ICML 2014",
            "year": 2014,
        },
    ]
    path.write_text("".join(json.dumps(p) + "\n" for p in papers), encoding="utf-8")
    return path


@pytest.fixture
def s2(emulator_factory, corpus_file):
    return emulator_factory("s2", "--corpus", str(corpus_file))


def same_shape(ours, theirs, where="$"):
    """Recursive shape check: dict keys in the same order, same JSON types, lists element-wise by first item."""
    assert type(ours) is type(theirs) or (
        isinstance(ours, (int, float))
        and isinstance(theirs, (int, float))
        and not isinstance(ours, bool)
    ), f"{where}: {ours!r} vs {theirs!r}"
    if isinstance(theirs, dict):
        assert list(ours) == list(theirs), f"{where}: keys {list(ours)} vs {list(theirs)}"
        for key in theirs:
            same_shape(ours[key], theirs[key], f"{where}.{key}")
    elif isinstance(theirs, list) and theirs and ours:
        for item in ours:
            same_shape(item, theirs[0], f"{where}[]")


def test_search_match_cassette_same_shape_and_bytes_layout(s2):
    uri, status, recorded = cassette("test_search_paper_match_title.yaml")
    path_and_query = uri.split("api.semanticscholar.org", 1)[1]
    response = requests.get(s2.url + path_and_query, timeout=5)
    assert response.status_code == status == 200
    assert response.headers["Content-Type"] == "application/json"
    theirs, ours = json.loads(recorded), response.json()
    same_shape(ours, theirs)
    assert len(ours["data"]) == 1
    assert (
        ours["data"][0]["title"] == theirs["data"][0]["title"]
    )  # the partial title found the whole one
    assert re.fullmatch(r"[0-9a-f]{40}", ours["data"][0]["paperId"])
    # body layout: Python's default separators, a final newline, like the recording
    assert response.text == json.dumps(ours) + "\n" and recorded == json.dumps(theirs) + "\n"


def test_paper_record_matches_the_recorded_full_record(s2):
    fields = ",".join(REFERENCE)
    response = requests.get(
        f"{s2.url}/graph/v1/paper/ARXIV:1402.0030", params={"fields": fields}, timeout=5
    )
    assert response.status_code == 200
    ours = response.json()
    assert list(ours) == list(REFERENCE)  # S2's key order, whatever the fields= order
    for key in (
        "paperId",
        "corpusId",
        "publicationVenue",
        "url",
        "title",
        "abstract",
        "venue",
        "year",
        "referenceCount",
        "citationCount",
        "influentialCitationCount",
        "isOpenAccess",
        "s2FieldsOfStudy",
        "publicationTypes",
        "publicationDate",
        "journal",
        "authors",
    ):
        same_shape(ours[key], REFERENCE[key], key)
    for key in ("title", "abstract", "venue", "year", "publicationDate"):
        assert ours[key] == REFERENCE[key], key
    assert ours["externalIds"]["ArXiv"] == "1402.0030" and isinstance(
        ours["externalIds"]["CorpusId"], int
    )
    assert ours["externalIds"]["CorpusId"] == ours["corpusId"]
    s2_order = ["DBLP", "MAG", "ArXiv", "DOI", "CorpusId"]
    assert list(ours["externalIds"]) == sorted(ours["externalIds"], key=s2_order.index)
    assert ours["url"] == f"https://www.semanticscholar.org/paper/{ours['paperId']}"
    assert [a["name"] for a in ours["authors"]] == [a["name"] for a in REFERENCE["authors"]]


def test_field_order_is_s2s_not_the_requests(s2):
    response = requests.get(
        f"{s2.url}/graph/v1/paper/ARXIV:1402.0030", params={"fields": "year,title,venue"}, timeout=5
    )
    assert list(response.json()) == ["paperId", "title", "venue", "year"]


def test_error_bodies_are_compact_like_the_real_service(s2):
    """Real: 404 '{"error":"Paper with id 0 not found"}\\n', 400 '{"error":"Unrecognized or unsupported fields: [unknown]"}\\n'."""
    missing = requests.get(f"{s2.url}/graph/v1/paper/0", params={"fields": "title"}, timeout=5)
    assert (missing.status_code, missing.text) == (404, '{"error":"Paper with id 0 not found"}\n')
    bad = requests.get(
        f"{s2.url}/graph/v1/paper/DOI:10.1145/170035.170072",
        params={"fields": "unknown"},
        timeout=5,
    )
    assert (bad.status_code, bad.text) == (
        400,
        '{"error":"Unrecognized or unsupported fields: [unknown]"}\n',
    )
    nomatch = requests.get(
        f"{s2.url}/graph/v1/paper/search/match", params={"query": "quantum banana zebra"}, timeout=5
    )
    assert (nomatch.status_code, nomatch.json()) == (404, {"error": "Title match not found"})
