"""Two identities on purpose: an entry's (what the list says) and a paper's (what it is).

``Entry.ident`` keys the lock: the strongest identifier *the list gave*, so a decision stays
with the line that asked for it (an OpenReview link before a DOI: lists of conference papers
link the forum). ``Paper.ident`` keys the .bib entry and the Zotero item: the strongest
identifier *of the paper* (a DOI before an OpenReview forum: the DOI is what other tools and
libraries know). So one paper named two ways in a list is two lock rows but one citation key,
one .bib entry and one Zotero item — the ordering difference can never split a paper in two.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from zotsync.bibtex import assign_keys, render_bib
from zotsync.model import Entry, Paper, Resolution, Status
from zotsync.push.desired import build_desired

PAPER = Paper(
    title="Scaling Forum Papers",
    authors=("Ada Lovelace", "Alan Turing"),
    year=2024,
    doi="10.5555/forum.2024.17",
    openreview_id="AbCdEf123",
    venue="ICLR 2024",
)


def _entry(line: int, section: str, **ids: str) -> Entry:
    return Entry(
        source="l.md", line=line, raw=PAPER.title, section=(section,), title=PAPER.title, **ids
    )


NAMINGS = {
    "openreview": {"openreview_id": PAPER.openreview_id},
    "doi": {"doi": PAPER.doi},
    "both": {"openreview_id": PAPER.openreview_id, "doi": PAPER.doi},
    "title": {},
}


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.sampled_from(sorted(NAMINGS)), min_size=2, max_size=4, unique=True))
def test_one_paper_named_several_ways_is_one_key_one_entry_one_item(namings):
    entries = [_entry(i + 1, f"S{i}", **NAMINGS[n]) for i, n in enumerate(namings)]
    lock = {
        e.ident: Resolution(ident=e.ident, status=Status.RESOLVED, paper=PAPER, via="s2")
        for e in entries
    }
    # each identifier the list gives is its own decision in the lock (an OpenReview link
    # with or without a DOI beside it is one)
    assert len(lock) == len({"openreview" if n == "both" else n for n in namings})
    keyed = assign_keys(lock)
    assert len({r.citation_key for r in keyed.values()}) == 1
    bib = render_bib(entries, keyed)
    assert len(bib.keys) == 1 and bib.text.count("@misc{") + bib.text.count("@inproceedings{") == 1
    desired = build_desired([("l", entries)], keyed)
    assert list(desired.items) == [PAPER.ident]
    assert len(desired.items[PAPER.ident].collections) == len(namings)  # under every section


def test_entry_and_paper_order_openreview_and_doi_differently_by_design():
    both = _entry(1, "S", openreview_id=PAPER.openreview_id, doi=PAPER.doi)
    assert both.ident == f"openreview:{PAPER.openreview_id}"
    assert PAPER.ident == f"doi:{PAPER.doi}"
