"""The pipeline's shared values."""

from __future__ import annotations


def test_paper_ident_prefers_arxiv_then_doi_then_openreview_then_title():
    from zotsync.model import Paper

    assert Paper(title="X", arxiv_id="2401.1", doi="10.1/A").ident == "arxiv:2401.1"
    assert Paper(title="X", doi="10.1/A", openreview_id="o").ident == "doi:10.1/a"
    assert Paper(title="X", openreview_id="o").ident == "openreview:o"
    assert Paper(title="Héllo, World!").ident == "title:hello world"
