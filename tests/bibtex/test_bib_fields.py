"""Entry shapes, titles, names, dates and keywords, as a LaTeX user would read them."""

from __future__ import annotations

import dataclasses

import pytest
from bibworld import entry, paper, resolved

from zotsync.bibtex import assign_keys, render_bib
from zotsync.bibtex.fields import paper_entry
from zotsync.bibtex.latex import protect_title
from zotsync.model import Resolution, Status
from zotsync.names import split_name

DART = paper(
    "DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
    "Jiatao Gu",
    "Yuyang Wang",
    arxiv_id="2410.08159",
    published="2024-10-10",
    updated="2025-03-01",
    year=2025,
)


def fields(p=DART, **kw) -> dict[str, str]:
    e = paper_entry(p, "k", **kw)
    return {"@type": e.entry_type, **dict(e.fields)}


# --------------------------------------------------------------------------- shapes


def test_bibtex_preprint_shape_matches_bbt():
    f = fields()
    assert f["@type"] == "misc"
    assert (
        f["eprint"] == "2410.08159"
        and f["archiveprefix"] == "arXiv"
        and f["primaryclass"] == "cs.CV"
    )
    assert (
        f["doi"] == "10.48550/arXiv.2410.08159" and f["url"] == "https://arxiv.org/abs/2410.08159"
    )
    assert f["author"] == "Gu, Jiatao and Wang, Yuyang"
    assert (f["year"], f["month"]) == ("2025", "mar")  # the latest version's, like its Zotero item


def test_biblatex_preprint_shape():
    f = fields(style="biblatex")
    assert f["@type"] == "online"
    assert (f["eprinttype"], f["eprintclass"], f["pubstate"]) == ("arxiv", "cs.CV", "prepublished")
    assert f["date"] == "2025-03-01" and "year" not in f and "archiveprefix" not in f


def test_date_is_the_described_versions_date():
    """The preprint: its latest version's date (as Zotero's arXiv translator dates the item);
    the published version: its publication year."""
    assert fields()["year"] == "2025"  # v1 2024-10-10, v2 2025-03-01
    assert fields(dataclasses.replace(DART, updated=None))["year"] == "2024"
    published = dataclasses.replace(
        DART, venue="ICLR", venue_type="conference", year=2026, updated="2025-03-01"
    )
    assert fields(published, prefer_published=True)["year"] == "2026"
    assert "month" not in fields(published, prefer_published=True)


def test_month_is_written_as_a_bare_macro():
    from zotsync.bibtex.writer import format_entry

    assert "  month = mar,\n" in format_entry(paper_entry(DART, "k"))


@pytest.mark.parametrize(
    "venue, venue_type, etype, container",
    [
        (
            "International Conference on Learning Representations",
            "conference",
            "inproceedings",
            "International Conference on Learning Representations",
        ),
        (
            "Neural Information Processing Systems",
            "conference",
            "inproceedings",
            "Advances in Neural Information Processing Systems",
        ),
        ("TMLR", "journal", "article", "Transactions on Machine Learning Research"),
    ],
)
def test_published_venue_gives_article_or_inproceedings_and_keeps_eprint(
    venue, venue_type, etype, container
):
    p = dataclasses.replace(
        DART, venue=venue, venue_type=venue_type, doi="10.1000/pub.1", pages="1-9"
    )
    assert fields(p)["@type"] == "misc"  # published versions only when asked for
    f = fields(p, prefer_published=True)
    assert f["@type"] == etype
    assert f.get("booktitle", f.get("journal")) == container
    assert f["eprint"] == "2410.08159" and f["doi"] == "10.1000/pub.1"
    assert f["pages"] == "1--9"
    b = fields(p, style="biblatex", prefer_published=True)
    assert b.get("journaltitle", b.get("booktitle")) == container


@pytest.mark.parametrize(
    "venue, journal_ref",
    [("ICLR 2024", None), ("NeurIPS", None), (None, "Nature 600, 1-10 (2024)")],
)
def test_free_text_venue_or_journal_ref_alone_keeps_the_preprint(venue, journal_ref):
    p = dataclasses.replace(DART, venue=venue, journal_ref=journal_ref, doi="10.1000/pub.1")
    f = fields(p, prefer_published=True)
    assert f["@type"] == "misc" and "booktitle" not in f and "journal" not in f
    assert f["doi"] == "10.48550/arXiv.2410.08159"


def test_withdrawn_submission_is_not_a_venue():
    p = paper(
        "Some Idea",
        "Ann Smith",
        arxiv_id=None,
        published=None,
        year=2024,
        venue="ICLR 2024 Conference Withdrawn Submission",
        openreview_id="Xq2bK8mVfR",
    )
    f = fields(p, style="biblatex")
    assert f["@type"] == "online" and f["url"] == "https://openreview.net/forum?id=Xq2bK8mVfR"
    assert "eprint" not in f and "pubstate" not in f and f["date"] == "2024"


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    "title, expected",
    [
        ("DART: A Scalable Model", "{DART}: A Scalable Model"),
        ("Training LLMs with MoE Layers", "Training {LLMs} with {MoE} Layers"),
        ("MM1.5: Methods, Analysis", "{MM1.5}: Methods, Analysis"),
        ("CLIP (Contrastive) Pretraining", "{CLIP} (Contrastive) Pretraining"),
        ("GPT-4 on 3D Scenes", "{GPT-4} on {3D} Scenes"),
        (
            "From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function",
            "From $r$ to $Q^*$: Your Language Model is Secretly a {Q-Function}",
        ),
        ("Costs & Benefits: 50% of #1 models_v2", "Costs \\& Benefits: 50\\% of \\#1 models\\_v2"),
        (
            "A $5 Model and an {unbalanced brace",
            "A \\$5 Model and an \\textbraceleft{}unbalanced brace",
        ),
        (
            'Schr\\"odinger meets \\emph{DART} \\& a stray \\ backslash',
            'Schr\\"odinger meets \\emph{DART} \\& a stray \\textbackslash{} backslash',
        ),
        ("Learning $α$-Divergences", "Learning ${\\ensuremath{\\alpha}}$-Divergences"),
        (
            "Schrödinger’s Diffusion — Revisited",
            'Schr{\\"o}dinger{\\textquoteright}s Diffusion {\\textemdash} Revisited',
        ),
    ],
)
def test_title_protection_escaping_math_and_accents(title, expected):
    assert protect_title(title).text == expected


def test_biblatex_keeps_utf8_but_still_protects_and_escapes():
    assert protect_title("Schrödinger & DART", style="biblatex").text == "Schrödinger \\& {DART}"


def test_cjk_title_is_romanised_for_bibtex_and_reported():
    conv = protect_title("扩散模型 Survey")
    assert conv.text == "Kuo San Mo Xing Survey" and conv.transliterated == "扩散模型"
    assert protect_title("扩散模型 Survey", style="biblatex").text == "扩散模型 Survey"


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "full, bibtex",
    [
        ("Laurens van der Maaten", "van der Maaten, Laurens"),
        ("Jean de La Fontaine", "de La Fontaine, Jean"),
        ("Ludwig von Beethoven", "von Beethoven, Ludwig"),
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
        ("Shixiang Shane Gu", "Gu, Shixiang Shane"),
        ("Plato", "Plato"),
        ("Maaten, Laurens van der", "Maaten, Laurens van der"),
    ],
)
def test_names_split_by_bibtex_rules(full, bibtex):
    assert split_name(full).bibtex() == bibtex


def test_accented_and_chinese_names_per_style():
    p = dataclasses.replace(DART, authors=("José Lezama", "Søren Hauberg", "张三"))
    assert fields(p)["author"] == "Lezama, Jos{\\'e} and Hauberg, S{\\o}ren and Zhang, San"
    assert fields(p, style="biblatex")["author"] == "Lezama, José and Hauberg, Søren and {张三}"
    assert paper_entry(p, "k").transliterated == "张三"


# --------------------------------------------------------------------------- render: keywords, left out


def test_one_entry_per_paper_with_keywords_from_all_nested_sections_and_tags():
    entries = [
        entry(
            "DART",
            arxiv_id="2410.08159",
            section=("Diffusion Model", "Text-to-Image"),
            tags=("Scale DPO",),
        ),
        entry("DART again", arxiv_id="2410.08159", section=("LVLMs",), line=9),
        entry(
            "DART third",
            arxiv_id="2410.08159",
            section=("Diffusion Model", "Text-to-Image"),
            line=20,
            tags=("my_tag",),
        ),
    ]
    res = assign_keys({"arxiv:2410.08159": resolved(DART)})
    result = render_bib(entries, res)
    assert result.text.count("@misc{") == 1
    assert "keywords = {Diffusion Model, Text-to-Image, Scale DPO, LVLMs, my_tag}" in result.text


def test_review_and_unresolved_are_left_out_with_their_lines_and_placeholders_only_on_request():
    entries = [
        entry("DART", arxiv_id="2410.08159"),
        entry("Diffusion-DPO", line=5),
        entry("Unknown Paper", line=7),
        entry("A Blog Post", line=9),
    ]
    res = assign_keys(
        {
            "arxiv:2410.08159": resolved(DART),
            "title:diffusion dpo": Resolution(
                "title:diffusion dpo", Status.REVIEW, reason="close call"
            ),
            "title:a blog post": Resolution("title:a blog post", Status.NOT_A_PAPER),
        }
    )
    result = render_bib(entries, res)
    assert result.keys == ("guDARTDenoisingAutoregressive2024",)
    assert [(o.where, o.status) for o in result.left_out] == [
        ("list.md:5", "review"),
        ("list.md:7", "missing"),
        ("list.md:9", "not-a-paper"),
    ]
    assert "Diffusion" not in result.text.split("@misc{gu", 1)[0]  # nothing guessed

    with_placeholders = render_bib(entries, res, include_unresolved=True)
    assert with_placeholders.placeholders == ("unresolvedDiffusionDPO", "unresolvedUnknownPaper")
    assert "UNRESOLVED (review) by zotsync: listed at list.md:5" in with_placeholders.text
    assert "Blog" not in with_placeholders.text  # the user's "not a paper" is respected


def test_abstract_and_code_link_only_when_asked():
    p = dataclasses.replace(DART, abstract="We use 50% less & more.")
    entries = [entry("DART", arxiv_id="2410.08159", links={"code": "https://github.com/x/dart"})]
    res = assign_keys({"arxiv:2410.08159": resolved(p)})
    plain = render_bib(entries, res).text
    assert "abstract" not in plain and "note" not in plain
    rich = render_bib(entries, res, abstract=True, code_links=True).text
    assert "abstract = {We use 50\\% less \\& more.}" in rich
    assert "note = {Code: \\url{https://github.com/x/dart}}" in rich


def test_output_order_is_by_key_not_by_list_order():
    a = paper("Alpha Paper Title", "Zed Zulu", arxiv_id="2401.00001")
    b = paper("Beta Paper Title", "Amy Able", arxiv_id="2401.00002")
    res = assign_keys({"arxiv:2401.00001": resolved(a), "arxiv:2401.00002": resolved(b)})
    forward = render_bib(
        [entry("a", arxiv_id="2401.00001"), entry("b", arxiv_id="2401.00002")], res
    )
    backward = render_bib(
        [entry("b", arxiv_id="2401.00002"), entry("a", arxiv_id="2401.00001")], res
    )
    assert forward.text == backward.text
    assert forward.keys == ("ableBetaPaperTitle2024", "zuluAlphaPaperTitle2024")


# --------------------------------------------------------------------------- any text stays a valid .bib (property)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis_profiles import examples

from zotsync.bibtex.writer import entry_keys, format_entry  # noqa: E402

_NASTY = st.text(
    alphabet=st.sampled_from(
        list("aZ 09{}\\$%&#_^~\"',.:;()-@=\n|<>`")
        + ["é", "ø", "张", "—", "\u00a0", "α", "∑", "\u200b", "😀"]
    ),
    min_size=1,
    max_size=40,
)


def _braces_balance(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


@settings(max_examples=examples(120), deadline=None)
@given(title=_NASTY, author=_NASTY, abstract=_NASTY, style=st.sampled_from(["bibtex", "biblatex"]))
def test_any_title_author_or_abstract_yields_a_parseable_entry(title, author, abstract, style):
    p = dataclasses.replace(DART, title=title, authors=(author,), abstract=abstract)
    text = format_entry(
        paper_entry(p, "someKey2024", style=style, abstract=abstract, keywords=[title])
    )
    for name, value in paper_entry(p, "k", style=style, abstract=abstract).fields:
        assert _braces_balance(value), (name, value)
    assert entry_keys(text) == ["someKey2024"]
    if style == "bibtex":  # keywords are written as the list has them; everything else is ASCII
        assert all(
            ord(ch) < 128 for line in text.splitlines() if "keywords =" not in line for ch in line
        )
