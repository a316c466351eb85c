"""Paper → Zotero item JSON: the arXiv translator's shape, validated against schema 41."""

from __future__ import annotations

from dataclasses import replace

import pytest

from zotsync.model import Paper
from zotsync.zotero.mapping import ItemOptions, item_data, item_type_for, split_creator
from zotsync.zotero.schema import load_schema

ARXIV = Paper(
    title="Attention Is All You Need",
    authors=("Ashish Vaswani", "Noam Shazeer", "Ludwig van Beethoven", "Plato", "张三"),
    arxiv_id="1706.03762",
    version=7,
    abstract="The dominant sequence transduction models…",
    published="2017-06-12",
    updated="2023-08-02",
    categories=("cs.CL", "cs.LG"),
)


def test_arxiv_paper_looks_like_zoteros_arxiv_translator_output():
    data = item_data(
        ARXIV,
        citation_key="vaswani2017attention",
        user_tags=["Transformers"],
        options=ItemOptions(access_date="2026-12-07T06:28:11Z"),
    )
    assert data["itemType"] == "preprint"
    assert data["repository"] == "arXiv"
    assert data["archiveID"] == "arXiv:1706.03762"
    assert data["DOI"] == "10.48550/arXiv.1706.03762"
    assert data["url"] == "http://arxiv.org/abs/1706.03762"
    assert data["extra"] == "arXiv:1706.03762 [cs.CL]"
    assert data["libraryCatalog"] == "arXiv.org"
    assert data["date"] == "2023-08-02"  # the latest version's date, as the translator sets it
    assert data["accessDate"] == "2026-12-07T06:28:11Z"
    assert data["abstractNote"].startswith("The dominant")
    assert data["citationKey"] == "vaswani2017attention"
    assert "shortTitle" not in data  # no colon in the title
    assert data["tags"] == [
        {"tag": "Transformers"},
        {"tag": "Computer Science - Computation and Language", "type": 1},
        {"tag": "Computer Science - Machine Learning", "type": 1},
    ]
    assert load_schema().validate(data) == []


def test_old_style_ids_carry_no_category_in_extra_and_archive_names_stand_alone():
    paper = Paper(
        title="Hot Jupiters: a survey", arxiv_id="astro-ph/0601001", categories=("astro-ph",)
    )
    data = item_data(paper)
    assert data["extra"] == "arXiv:astro-ph/0601001"
    assert data["url"] == "http://arxiv.org/abs/astro-ph/0601001"
    assert data["tags"] == [{"tag": "Astrophysics", "type": 1}]
    assert data["shortTitle"] == "Hot Jupiters"


def test_citation_key_is_a_native_field_in_schema_41():
    schema = load_schema()
    assert schema.version == 41
    for item_type in ("preprint", "journalArticle", "conferencePaper"):
        assert schema.has_field(item_type, "citationKey")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Ashish Vaswani", {"firstName": "Ashish", "lastName": "Vaswani"}),
        ("Ludwig van Beethoven", {"firstName": "Ludwig van", "lastName": "Beethoven"}),
        ("Peter H. N. de With", {"firstName": "Peter H. N. de", "lastName": "With"}),
        ("Jeff Z. HaoChen", {"firstName": "Jeff Z.", "lastName": "HaoChen"}),
        ("JR Smith", {"firstName": "J. R.", "lastName": "Smith"}),
        ("Plato", {"firstName": "", "lastName": "Plato"}),
        ("  Kuan-Chieh   Wang ", {"firstName": "Kuan-Chieh", "lastName": "Wang"}),
        ("K.-H. Müller", {"firstName": "K.-H.", "lastName": "Müller"}),
        ("Martin Luther King Jr.", {"firstName": "Martin Luther King", "lastName": "Jr"}),
    ],
)
def test_creator_split_is_zoteros_clean_author(name, expected):
    assert split_creator(name) == {"creatorType": "author", **expected}


PUBLISHED = Paper(
    title="T",
    authors=("A B",),
    arxiv_id="2401.00001",
    published="2024-01-02",
    updated="2024-05-06",
    doi="10.1000/xyz",
    categories=("cs.LG",),
    year=2024,
)


@pytest.mark.parametrize(
    "venue, venue_type, item_type, container, name",
    [
        (
            "Neural Information Processing Systems",
            "conference",
            "conferencePaper",
            "proceedingsTitle",
            "Advances in Neural Information Processing Systems",
        ),
        (
            "International Conference on Learning Representations",
            "conference",
            "conferencePaper",
            "proceedingsTitle",
            "International Conference on Learning Representations",
        ),
        (
            "Transactions on Machine Learning Research",
            "journal",
            "journalArticle",
            "publicationTitle",
            "Transactions on Machine Learning Research",
        ),
    ],
)
def test_published_version_only_when_asked_and_an_authoritative_venue_is_known(
    venue, venue_type, item_type, container, name
):
    paper = replace(PUBLISHED, venue=venue, venue_type=venue_type, volume="36", pages="1-12")
    assert item_type_for(paper) == "preprint"  # not asked
    data = item_data(paper, options=ItemOptions(prefer_published=True))
    assert data["itemType"] == item_type
    assert data[container] == name
    assert data["date"] == "2024"
    assert data["DOI"] == "10.1000/xyz"  # the publisher DOI, not the arXiv one
    assert data["extra"] == "arXiv:2401.00001 [cs.LG]"  # the arXiv id kept
    assert (data["volume"], data["pages"]) == ("36", "1-12")
    assert "archiveID" not in data and "repository" not in data  # not fields of these types
    assert load_schema().validate(data) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"venue": "NeurIPS"},  # a free-text hint, no type
        {"venue": "ICLR 2022 (Oral)"},
        {"journal_ref": "ActaAstron.56:1-50,2006"},
        {"venue": "arXiv.org", "venue_type": "journal"},
    ],
)
def test_free_text_venues_and_journal_refs_never_change_the_type(changes):
    paper = replace(PUBLISHED, **changes)
    assert item_data(paper, options=ItemOptions(prefer_published=True))["itemType"] == "preprint"


def test_paper_without_arxiv_uses_its_openreview_page():
    data = item_data(
        Paper(title="Confronting Reward Model Overoptimization", openreview_id="gkfUvn0fLU")
    )
    assert data["itemType"] == "preprint"
    assert data["url"] == "https://openreview.net/forum?id=gkfUvn0fLU"
    assert load_schema().validate(data) == []


@pytest.mark.parametrize(
    "bad, message",
    [
        (
            {"itemType": "preprint", "publisher": "X"},
            "'publisher' is not a valid field for type 'preprint'",
        ),
        ({"itemType": "nonsense"}, "'nonsense' is not a valid itemType"),
        (
            {"itemType": "preprint", "creators": [{"creatorType": "seriesEditor", "name": "X"}]},
            "not a valid creator type",
        ),
        ({"itemType": "preprint", "title": "x" * 70000}, "longer than 65535 bytes"),
        ({"itemType": "preprint", "tags": [{"tag": "t" * 300}]}, "longer than 255"),
        ({"itemType": "preprint", "note": "<p>x</p>"}, "valid only for note"),
    ],
)
def test_schema_validation_catches_what_the_server_would_reject(bad, message):
    problems = load_schema().validate(bad)
    assert any(message in p for p in problems), problems


def test_empty_value_for_a_foreign_field_is_ignored_like_the_server_does():
    assert load_schema().validate({"itemType": "preprint", "publisher": ""}) == []
