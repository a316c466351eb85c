"""The shipped sample corpus and the resolver oracle agree with each other and with the seed lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zotsync.emulators.corpus import default_corpus_path, load_corpus
from zotsync.model import normalise_title

DATA = Path(__file__).resolve().parent.parent / "data"
TRUTH = json.loads((DATA / "resolve_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(default_corpus_path())


def test_every_line_loads_and_it_is_a_realistic_size(corpus):
    lines = [l for l in default_corpus_path().read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(corpus) == len(lines) and 300 <= len(corpus) <= 600
    assert len({normalise_title(p.title) for p in corpus}) == len(corpus), (
        "two records with the same title"
    )


def test_truth_covers_all_five_lists():
    assert sorted(TRUTH) == sorted(p.name for p in (DATA / "seeds").glob("*.txt"))
    assert sum(map(len, TRUTH.values())) > 300


def test_every_truth_id_is_in_the_corpus(corpus):
    ids = {p.arxiv_id for p in corpus}
    openreview = {p.openreview_id for p in corpus if p.arxiv_id is None}
    for name, entries in TRUTH.items():
        for e in entries:
            where = f"{name}:{e['line']}"
            if "arxiv_id" in e:
                assert e["arxiv_id"] in ids, where
            elif "openreview_id" in e:
                assert e["openreview_id"] in openreview, where
            else:
                assert e["expect"] in ("review", "unresolved"), where
                assert e.get("may_resolve_to") is None or e["may_resolve_to"] in ids, where


def test_truth_agrees_with_every_arxiv_link_in_the_lists():
    for name, entries in TRUTH.items():
        lines = (DATA / "seeds" / name).read_text(encoding="utf-8").splitlines()
        for e in entries:
            link = re.search(r"arxiv\.org/abs/(\d{4}\.\d{4,5})", lines[e["line"] - 1])
            if link:
                assert e.get("arxiv_id") == link.group(1), f"{name}:{e['line']}"


def test_absent_papers_are_absent_and_traps_are_present(corpus):
    titles = {normalise_title(p.title) for p in corpus}
    unresolved = [
        e["title"] for es in TRUTH.values() for e in es if e.get("expect") == "unresolved"
    ]
    assert unresolved and not any(normalise_title(t) in titles for t in unresolved)
    # the near-duplicates a naive resolver would take
    for title in (
        "Improved Techniques for Training Consistency Models",
        "Improved Training Technique for Latent Consistency Models",
        "Scaling Laws for Reward Model Overoptimization",
        "Scaling Laws for Reward Model Overoptimization in Direct Alignment Algorithms",
        "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
        "From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function",
    ):
        assert normalise_title(title) in titles, title
    assert (
        sum(
            "dpo" in normalise_title(p.title).split()
            or "preference optimization" in normalise_title(p.title)
            for p in corpus
        )
        >= 8
    )


def test_canonical_titles_differ_from_listed_ones_where_the_real_paper_does(corpus):
    by_id = {p.arxiv_id: p for p in corpus}
    assert by_id["2304.05302"].title.startswith("RRHF: Rank Responses")
    assert (
        by_id["2404.12358"].title
        == "From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function"
    )
    assert by_id["2303.14420"].title.startswith(
        "Human Preference Score: "
    )  # subtitle the list omits
    assert by_id["2403.07874"].title.startswith(
        "Beyond Text"
    )  # the list's "V2T Tokenizer:" nickname
    assert sum(p.arxiv_id is None for p in corpus) >= 2  # OpenReview-only papers
    assert (
        any(p.doi for p in corpus)
        and any(p.journal_ref for p in corpus)
        and any(p.venue for p in corpus)
    )


def test_hf_pages_dates_and_author_counts_match_the_corpus(corpus):
    """Seed 003 shows "• N authors · Mon D, YYYY": the corpus paper must agree (resolver signals)."""
    by_id = {p.arxiv_id: p for p in corpus}
    lines = (DATA / "seeds" / "003_5081c8ff63b2ebaf.txt").read_text(encoding="utf-8").splitlines()
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    checked = 0
    for e in TRUTH["003_5081c8ff63b2ebaf.txt"]:
        if "arxiv_id" not in e:
            continue
        block = lines[e["line"] : e["line"] + 8]
        count = next(int(l.split()[1]) for l in block if l.strip().startswith("•"))
        mon, day, year = re.search(
            r"^([A-Z][a-z]{2}) (\d+), (\d{4})",
            next(l for l in block if re.match(r"[A-Z][a-z]{2} \d", l)),
        ).groups()
        paper = by_id[e["arxiv_id"]]
        assert len(paper.authors) == count, e
        assert paper.published == f"{year}-{months.index(mon) + 1:02d}-{int(day):02d}", e
        assert paper.arxiv_id.startswith(year[2:] + f"{months.index(mon) + 1:02d}"), e
        checked += 1
    assert checked > 30


def test_build_script_reproduces_the_committed_files():
    """The corpus and the oracle are generated: a hand edit that the generator would undo fails here."""
    import importlib.util
    import sys

    script = default_corpus_path().parent / "build_sample_corpus.py"
    spec = importlib.util.spec_from_file_location("build_sample_corpus", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    corpus, truth = module.build()
    assert "".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in corpus
    ) == default_corpus_path().read_text(encoding="utf-8")
    assert json.dumps(truth, ensure_ascii=False, indent=1) + "\n" == (
        DATA / "resolve_truth.json"
    ).read_text(encoding="utf-8")
