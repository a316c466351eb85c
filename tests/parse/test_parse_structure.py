"""Entries from the structure of a list, whatever its shape: citations, tables with HTML in
cells, wrapped paragraphs, HTML headings, Org-mode outlines and plain text."""

from __future__ import annotations

from zotsync.parse import parse_text


def titles(text, source="l.md", **kw):
    return [e.title for e in parse_text(text, source, **kw).entries]


def test_citation_with_a_quoted_bold_title_and_a_pdf_label():
    text = (
        '**[1]** LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton. "**Deep learning**." Nature '
        "521.7553 (2015): 436-444. [[pdf]](http://www.cs.toronto.edu/~hinton/absps/NatureDeepReview.pdf)"
        " **(Three Giants' Survey)** :star::star:\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.title == "Deep learning" and entry.kind == "paper"
    assert entry.links["paper"].endswith("NatureDeepReview.pdf")


def test_a_linked_title_after_an_author_list_and_a_year():
    text = (
        "* Ilya Sutskever, Oriol Vinyals, and Quoc V. Le. 2014. [Sequence to Sequence Learning\n"
        "with Neural Networks](https://papers.nips.cc/paper/5346-sequence-to-sequence.pdf). In *NIPS*.\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.title == "Sequence to Sequence Learning with Neural Networks"
    assert [(f.scheme, f.value) for f in entry.ids] == [("neurips", "5346")]
    assert entry.raw.count("\n") == 1  # both source lines are the entry's raw text


def test_plain_title_before_unknown_labels_takes_the_id_behind_pdf():
    text = "- Some Great Paper Title. [[PUB](https://doi.org/10.1145/3442188.3445922)] [[PDF](https://arxiv.org/abs/2101.00001)] [[CODE](https://github.com/a/b)]\n"
    (entry,) = parse_text(text, "l.md").entries
    assert entry.title == "Some Great Paper Title"
    assert entry.arxiv_id == "2101.00001" and entry.doi == "10.1145/3442188.3445922"


def test_bold_wrapped_link_and_escaped_label_headings():
    text = (
        "1. **[Bold Linked Paper Title](https://arxiv.org/abs/2101.00002)** [[code](https://github.com/a/b)]\n"
        "##### • [\\[arXiv:2101.00003\\]](https://arxiv.org/abs/2101.00003) Hand Pose From One Image. "
        "[\\[PDF\\]](https://arxiv.org/pdf/2101.00003) [\\[Code\\]](https://github.com/x/y)\n"
    )
    a, b = parse_text(text, "l.md").entries
    assert (a.title, a.arxiv_id) == ("Bold Linked Paper Title", "2101.00002")
    assert (b.title, b.arxiv_id) == ("Hand Pose From One Image", "2101.00003")


def test_table_cell_with_badges_title_and_authors_split_by_br():
    text = (
        "| Title & Authors | Links |\n|---|---|\n"
        "| [![Star](https://img.shields.io/x.svg)](https://github.com/a/b) <br>[Pruning Large Models Well]"
        "(https://arxiv.org/abs/2301.00774) <br> Elias Frantar, Dan Alistarh | [Github](https://github.com/a/b) |\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert (entry.title, entry.arxiv_id) == ("Pruning Large Models Well", "2301.00774")
    assert entry.hints["authors"] == "Elias Frantar, Dan Alistarh"
    stripped = text.replace("(https://arxiv.org/abs/2301.00774)", "").replace("[Pruning", "Pruning")
    stripped = stripped.replace("Well]", "Well")
    assert titles(stripped) == ["Pruning Large Models Well"]


def test_a_table_whose_title_column_is_not_first_and_has_a_chinese_header():
    text = "| 年份 | 名字 | 简介 |\n|---|---|---|\n| 2017 | [Transformer](https://arxiv.org/abs/1706.03762) | 第四大类架构 |\n"
    (entry,) = parse_text(text, "l.md").entries
    assert entry.arxiv_id == "1706.03762"


def test_html_headings_are_sections():
    text = (
        '<h2 id="nmt">Neural MT</h2>\n\n* [A Neural Paper Title](https://arxiv.org/abs/1409.0473)\n'
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.section == ("Neural MT",)


def test_gbt_and_mla_references_in_a_numbered_plain_list():
    text = (
        "详读的经典论文：\n"
        '1.\tHe, Kaiming, et al. "Deep residual learning for image recognition." arXiv preprint arXiv:1512.03385 (2015).\n'
        "2.\tBa J L, Kiros J R, Hinton G E. Layer normalization[J]. arXiv preprint arXiv:1607.06450, 2016.\n"
        "3.\tVinyals O, Blundell C, Lillicrap T, et al. Matching networks for one shot\n"
        "learning[C]//Advances in neural information processing systems. 2016:\n"
        "3630-3638\n"
    )
    entries = parse_text(text, "refs.md").entries
    assert [(e.title, e.arxiv_id) for e in entries] == [
        ("Deep residual learning for image recognition", "1512.03385"),
        ("Layer normalization", "1607.06450"),
        ("Matching networks for one shot learning", None),
    ]
    assert entries[1].hints["authors"] == "Ba J L, Kiros J R, Hinton G E"


def test_prose_wrapped_over_lines_is_not_a_title():
    text = "# Topic\n\nWe start our survey with the seminal paper on OpenFlow, introducing a\nstandardized interface to manage flow tables.\n"
    assert parse_text(text, "l.md").entries == ()


ORG = """#+TITLE: Reading
* Abstractions
** Low-level APIs
**** McKeown et al.: *[[http://doi.acm.org/10.1145/1355734.1355746][OpenFlow: Enabling Innovation in Campus Networks]]*, /ACM CCR/, 2008.
     :PROPERTIES:
     :RELEVANCE: mustread
     :END:
     The seminal paper.
* Kernel Methods For Deep Learning 2009                  :svm:deep:
arc-cosine kernel
** try
deep kernel pca
"""


def test_org_mode_outline():
    result = parse_text(ORG, "notes.org")
    assert result.dialect == "org"
    a, b = result.entries
    assert (a.title, a.doi, a.section) == (
        "OpenFlow: Enabling Innovation in Campus Networks",
        "10.1145/1355734.1355746",
        ("Abstractions", "Low-level APIs"),
    )
    assert a.hints["properties"] == {"RELEVANCE": "mustread"}
    assert a.notes.endswith("     The seminal paper.")  # notes verbatim, as written in the file
    assert (b.title, b.year, set(b.tags)) == (
        "Kernel Methods For Deep Learning",
        2009,
        {"svm", "deep"},
    )
    assert b.notes == "arc-cosine kernel\n** try\ndeep kernel pca" and b.raw.startswith("* Kernel")
    assert [s.reason for s in result.skipped] == ["Org setting"]
    assert parse_text(ORG, "notes.txt").dialect == "org"  # by content too


def test_plain_text_list_is_its_own_format():
    text = "Attention Is All You Need\nDeep Residual Learning for Image Recognition\n"
    result = parse_text(text, "papers.txt")
    assert result.dialect == "text"
    assert titles(text, "papers.txt") == [
        "Attention Is All You Need",
        "Deep Residual Learning for Image Recognition",
    ]


def test_markdown_bullets_starting_with_a_star_are_not_org_headings():
    # "* note" is a Markdown bullet as much as an Org heading: without Org's own markup
    # (#+ settings, [[url][desc]] links, drawers, ** sub-headings) the list stays Markdown
    text = (
        "# Papers\n\n[Alpha Paper One](https://arxiv.org/abs/2401.00001)\n\n"
        "* idbxmbi iuxayt x\n* wyfd\n\n* ydt\n* ls a < b resolve mwlwm\n\n"
        "[Beta Paper Two](https://arxiv.org/abs/2401.00002)\n"
    )
    result = parse_text(text, "list.md")
    assert result.dialect == "markdown"
    assert [e.title for e in result.entries] == ["Alpha Paper One", "Beta Paper Two"]
