"""Paper → Zotero item JSON: the arXiv translator's shape, validated against schema 41."""

from __future__ import annotations

import pytest

from zotsync.model import Paper
from zotsync.zotero.mapping import item_data, item_type_for, split_creator
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
    data = item_data(ARXIV, citation_key="vaswani2017attention", user_tags=["Transformers"])
    assert data["itemType"] == "preprint"
    assert data["repository"] == "arXiv"
    assert data["archiveID"] == "arXiv:1706.03762"
    assert data["DOI"] == "10.48550/arXiv.1706.03762"
    assert data["url"] == "https://arxiv.org/abs/1706.03762"
    assert data["extra"] == "arXiv:1706.03762 [cs.CL]"
    assert data["libraryCatalog"] == "arXiv.org"
    assert data["date"] == "2017-06-12"  # the FIRST version's date, like the .bib
    assert data["abstractNote"].startswith("The dominant")
    assert data["citationKey"] == "vaswani2017attention"
    assert data["tags"] == [
        {"tag": "Transformers"},
        {"tag": "cs.CL", "type": 1},
        {"tag": "cs.LG", "type": 1},
    ]
    assert load_schema().validate(data) == []


def test_citation_key_is_a_native_field_in_schema_41():
    schema = load_schema()
    assert schema.version == 41
    for item_type in ("preprint", "journalArticle", "conferencePaper"):
        assert schema.has_field(item_type, "citationKey")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Ashish Vaswani", {"firstName": "Ashish", "lastName": "Vaswani"}),
        ("Ludwig van Beethoven", {"firstName": "Ludwig", "lastName": "van Beethoven"}),
        ("Jeff Z. HaoChen", {"firstName": "Jeff Z.", "lastName": "HaoChen"}),
        ("Lovelace, Ada", {"firstName": "Ada", "lastName": "Lovelace"}),
        ("Plato", {"name": "Plato"}),
        ("张三", {"name": "张三"}),
        ("  Kuan-Chieh   Wang ", {"firstName": "Kuan-Chieh", "lastName": "Wang"}),
    ],
)
def test_creator_split(name, expected):
    assert split_creator(name) == {"creatorType": "author", **expected}


@pytest.mark.parametrize(
    "venue, item_type, venue_field",
    [
        ("ICLR 2024", "conferencePaper", "proceedingsTitle"),
        (
            "Proceedings of the 40th International Conference on Machine Learning",
            "conferencePaper",
            "proceedingsTitle",
        ),
        ("Nature Machine Intelligence", "journalArticle", "publicationTitle"),
        ("Transactions on Machine Learning Research", "journalArticle", "publicationTitle"),
    ],
)
def test_published_papers_get_the_matching_zotero_type(venue, item_type, venue_field):
    paper = Paper(
        title="T",
        authors=("A B",),
        arxiv_id="2401.00001",
        venue=venue,
        doi="10.1000/xyz",
        categories=("cs.LG",),
    )
    data = item_data(paper)
    assert data["itemType"] == item_type
    assert data[venue_field] == venue
    assert data["DOI"] == "10.1000/xyz"  # the publisher DOI, not the arXiv one
    assert "archiveID" not in data and "repository" not in data  # not fields of these types
    assert load_schema().validate(data) == []


def test_prefer_preprint_keeps_the_arxiv_shape():
    paper = Paper(title="T", arxiv_id="2401.00001", venue="ICLR 2024")
    assert item_type_for(paper, prefer_preprint=True) == "preprint"
    assert item_type_for(paper) == "conferencePaper"


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


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Jean de La Fontaine", {"firstName": "Jean", "lastName": "de La Fontaine"}),
        ("Laurens van der Maaten", {"firstName": "Laurens", "lastName": "van der Maaten"}),
        ("Martin Luther King Jr.", {"firstName": "Martin Luther, Jr.", "lastName": "King"}),
    ],
)
def test_creator_family_name_matches_the_bib(name, expected):
    """lastName is the .bib's family name with particle, so a later BBT export gives the same key."""
    from zotsync.names import split_name

    creator = split_creator(name)
    assert creator == {"creatorType": "author", **expected}
    assert creator["lastName"] == split_name(name).family


def test_item_date_is_the_first_version_like_the_bib():
    from zotsync.dates import paper_date
    from zotsync.model import Paper

    paper = Paper(
        title="T", arxiv_id="2401.00001", published="2024-01-02", updated="2025-03-04", year=2025
    )
    assert item_data(paper)["date"] == "2024-01-02" == paper_date(paper).iso
    assert item_data(Paper(title="T", year=2023))["date"] == "2023"
