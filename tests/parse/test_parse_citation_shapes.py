"""Shapes of real lists that the first 24 lists did not show (tests/parse/data/unseen): each is
tested as a property, the same papers written the way another list writes them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from zotsync.parse import parse_text
from zotsync.parse.citation import names_then_title, venue_tail
from zotsync.parse.table import column_roles

WORDS = ["Gradient", "descent", "learns", "linear", "dynamical", "systems", "Neural", "tangent"]
WORDS += ["kernel", "noise", "Escaping", "saddle", "points", "with", "adaptive", "methods"]
VENUES = ["COLT 2016", "JMLR 2017", "ICML 2019", "NeurIPS 2020", "ICLR 2022"]

title_st = st.lists(st.sampled_from(WORDS), min_size=3, max_size=7).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]])
)
subtitle_st = st.one_of(st.just(""), title_st.map(lambda t: ": " + t))
papers_st = st.lists(
    st.tuples(title_st, subtitle_st, st.sampled_from(VENUES), st.integers(10000, 99999)),
    min_size=1,
    max_size=6,
    unique_by=lambda p: p[0] + p[1],
)


def titles(text: str) -> list[str]:
    return [e.title for e in parse_text(text, "list.md").entries]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(papers_st)
def test_a_title_followed_by_its_venue_reads_as_the_title_alone(papers):
    """``- Title. In *COLT 2016*. [[pdf](…)]``: the venue after the title is not part of it,
    with or without ``In``, emphasis or the link, and a colon inside the title stays."""
    want = [t + s for t, s, _, _ in papers]
    plain = "\n".join(f"- {t}{s}" for t, s, _, _ in papers)
    assert titles(plain) == want
    for fmt in (
        "- {t}. In *{v}*. [[pdf](https://arxiv.org/pdf/2101.{n}.pdf)]",
        "- {t}. In {v}.",
        "- {t}. *{v}*. [[pdf](https://openreview.net/pdf?id=x{n})]",
        "1. {t}. {v}",
    ):
        text = "\n".join(fmt.format(t=t + s, v=v, n=n) for t, s, v, n in papers)
        assert titles(text) == want, fmt


def test_venue_tail_leaves_authors_initials_and_full_titles_alone():
    assert venue_tail("Gradient descent only converges to minimizers. In *COLT 2016*.") == (
        "Gradient descent only converges to minimizers",
        "In *COLT 2016*.",
    )
    assert venue_tail("Inferring Rewards from Language in Context. Jessy Lin et al. ACL") == (
        "Inferring Rewards from Language in Context",
        "Jessy Lin et al. ACL",
    )
    assert venue_tail("FP8 Formats for Deep Learning. arXiv preprint") is not None
    assert venue_tail("Ryan Kiros, and Richard S. Zemel, Skip-Thought Vectors, NIPS 2015") is None
    assert venue_tail("*Yonatan Bisk et al. EMNLP*") is None
    assert venue_tail("Q-learning. A Survey of Methods") is None


ROW_NUMBERS = ["编号", "#", "No.", "Index"]
TITLE_HEADERS = ["文章名称", "📑 标题 (Title)", "Paper Name", "论文题目", "Title"]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    st.lists(title_st, min_size=1, max_size=6, unique=True),
    st.sampled_from(ROW_NUMBERS),
    st.sampled_from(TITLE_HEADERS),
    st.booleans(),
)
def test_bullets_as_a_numbered_table_read_the_same(papers, number, header, bold):
    """The same papers as bullets, or as table rows after a row-number column, under a title
    header in English or Chinese, bold or not, with a link to the reader's own notes."""
    bullets = "\n".join(f"- {t}" for t in papers)
    rows = [f"| {number} | {header} | 分类 | 链接 |", "| :--: | --- | --- | :--: |"]
    for n, t in enumerate(papers, start=1):
        cell = f"**{t}**" if bold else t
        rows.append(f"| {n} | {cell} | CNN | [🎫](./CNN/{t.replace(' ', '%20')}) |")
    table = parse_text("\n".join(rows), "list.md").entries
    assert [e.title for e in table] == titles(bullets) == papers
    assert all(e.kind == "paper" for e in table)


def test_a_column_of_row_numbers_is_never_the_title():
    assert column_roles(["编号", "Name?", "分类"], [["1", "A", "x"], ["2", "B", "y"]])[:2] == [
        "column:编号",
        "title",
    ]
    assert column_roles(["Date", "Topic"], [["Jan 16", "A"]])[0] == "title"  # as before
    assert column_roles(["Paper Link", "文章名称"])[:2] == ["link", "title"]


AUTHORS = ["Michel Tokic and Günther Palm", "Burda, Yuri and Edwards, Harrison", "MAL Thathachar"]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(papers_st, st.sampled_from(AUTHORS), st.booleans())
def test_a_title_in_angle_brackets_reads_as_without_them(papers, authors, nick):
    """``* **[RND]** <[Title](url)> by Authors, 2018.``: angle brackets quote the title, with
    or without its link (CommonMark would read ``<A class of …>`` as an HTML tag)."""
    want = [t + s for t, s, _, _ in papers]
    lead = "**[RND]** " if nick else ""
    for fmt in (
        "* {lead}<[{t}](https://arxiv.org/pdf/1810.{n})> by {a}, 2018.",
        "* {lead}[{t}](https://arxiv.org/pdf/1810.{n}) by {a}, 2018.",
        "* {lead}<{t}> by {a}, 2018.",
    ):
        text = "## Exploration\n\n" + "\n\n".join(
            fmt.format(lead=lead, t=t + s, n=n, a=authors) for t, s, _, n in papers
        )
        assert titles(text) == want, fmt
    assert titles("* **[Beyesian UCB]** <[]()> by , \n") == []  # an empty template


def test_prose_cut_at_a_comma_or_running_into_a_url_is_no_entry():
    text = (
        "The paper list covers five main directions:\n\n"
        "(1) Learning Dynamics of GD and SGD,\n\n(2) Learning Dynamics of Momentum,\n\n"
        "## DATA AVAILABILITY STATEMENT\n\n"
        "To comply with open science standards, the code and datasets required to reproduce the "
        "findings of this study are publicly accessible through an anonymized repository at "
        "https://anonymous.4open.science/r/x/. Scripts can be provided upon request.\n"
    )
    assert titles(text) == []
    assert titles("- Attention Is All You Need, [[pdf](https://arxiv.org/pdf/1706.03762)]\n") == [
        "Attention Is All You Need"
    ]


def test_a_bold_title_before_its_byline_is_the_title_not_a_nickname():
    text = (
        "- **The Ultra-Scale Playbook** (Hugging Face, 2025). [site](https://example.org/p)\n"
        "- **ViT**: [An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929)\n"
    )
    entries = parse_text(text, "list.md").entries
    assert [e.title for e in entries] == [
        "The Ultra-Scale Playbook",
        "An Image is Worth 16x16 Words",
    ]
    assert entries[1].aliases == ("ViT",)
    # the link after the byline is the entry's: a Hugging Face Space is no paper
    (space,) = parse_text(
        "- **The Ultra-Scale Playbook** (Hugging Face, 2025). [s](https://huggingface.co/spaces/n/u)",
        "list.md",
    ).entries
    assert "https://huggingface.co/spaces/n/u" in dict(space.links).values()
    assert space.kind != "paper"


ORG_BOOKS = """#+TITLE: Reading List
#+TODO: READING NEXT | READ

* Topics
** READ Solaris
CLOSED: [2017-05-14]
:PROPERTIES:
:AUTHOR:    Stanisław Lem
:GOODREADS: https://www.goodreads.com/book/show/95558
:END:

Not very hard sci-fi, but one of the best experiences.

** READING On Growth and Form
:PROPERTIES:
:AUTHOR:    D'Arcy Wentworth Thompson
:END:
* Papers
** READ Kernel Methods For Deep Learning 2009 :svm:deep:
"""


def test_org_headings_that_name_works_are_entries_however_short():
    """The file's own TODO keywords (``#+TODO:``) are no part of a title; a heading with a drawer
    describing a work (``:AUTHOR:``, a URL) is an entry however short; a goodreads page is a
    book; ``CLOSED:`` lines are no notes."""
    entries = parse_text(ORG_BOOKS, "books.org").entries
    got = [(e.title, e.section, e.kind, e.notes) for e in entries]
    assert got[:2] == [
        ("Solaris", ("Topics",), "book", "Not very hard sci-fi, but one of the best experiences."),
        ("On Growth and Form", ("Topics",), "paper", ""),
    ]
    assert [e.title for e in entries][-1] == "Kernel Methods For Deep Learning"
    assert set(entries[-1].tags) == {"svm", "deep"}


NAMES = ["Ziniu Hu", "Yuxiao Dong", "Hongyu Ren", "Jure Leskovec", "Makoto Yamada", "Le Song"]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(title_st, st.lists(st.sampled_from(NAMES), min_size=2, max_size=4, unique=True)),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["ICLR 2020", "NeurIPS 2020", "WWW 2020", "arXiv preprint, 2020"]),
    st.booleans(),
)
def test_a_course_schedule_citation_reads_as_its_title(papers, venue, labelled):
    """``- [1/19] First Last, First Last, Title. ICLR 2020. https://arxiv.org/abs/…`` (and with
    ``and`` before the last name, a ``(Optional Reading)`` label before it): the title alone,
    its authors and label kept."""
    lines, want = [], []
    for n, (title, names) in enumerate(papers):
        title += " for graphs"  # capitalised words alone could be one more name
        if len(names) > 2:  # "A B, C D, and E F. Title." / "A B, C D, Title."
            authors = ", ".join(names[:-1]) + ", and " + names[-1] + "."
        else:
            authors = ", ".join(names) + ","
        lead = "(Optional Reading) " if labelled else f"[1/{n + 1}] "
        lines.append(f"- {lead}{authors} {title}. {venue}. https://arxiv.org/abs/2001.{n:05d}")
        want.append(title)
    entries = parse_text("\n".join(lines), "course.md").entries
    assert [e.title for e in entries] == want
    assert all(names[0] in e.hints["authors"] for e, (_, names) in zip(entries, papers))
    if labelled:
        assert all("Optional Reading" in e.notes for e in entries)


def test_names_then_title_needs_two_full_names_and_a_title_that_is_no_name():
    assert names_then_title("Ziniu Hu, Yizhou Sun, Heterogeneous graph transformer for text") == (
        "Ziniu Hu, Yizhou Sun",
        "Heterogeneous graph transformer for text",
    )
    assert names_then_title("Ryoma Sato, A Survey on The Expressive Power of GNNs") is None
    assert names_then_title("Attention, Learn to Solve Routing Problems!") is None


LABELS = [
    "[[Nature Genetics paper](https://www.nature.com/articles/s41588-018-0295-5)]",
    "[[Briefings in Bioinformatics](https://academic.oup.com/bib/article/bbz144)]",
    "[[github](https://github.com/u/r)]",
    "[[Youtube talk](https://youtube.com/watch?v=x)]",
]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(papers_st, st.lists(st.sampled_from(LABELS), min_size=1, max_size=3), st.booleans())
def test_a_title_before_double_bracket_links_reads_the_same_bold_or_not(papers, labels, dated):
    """``**(2019-12) Title** [[Journal](…)][[github](…)]`` with or without its bold: the title
    is the text before the links, whatever the links' labels say."""
    lead = "(2019-12) " if dated else ""
    want = [f"{t} in genomics{s}" for t, s, _, _ in papers]  # four words or more
    for bold in ("**", ""):
        text = "\n\n".join(f"{bold}{lead}{w}{bold} {''.join(labels)}" for w in want)
        assert titles(text) == want, bold


def test_a_citation_reads_the_same_without_its_emphasis():
    for text in (
        "* Mike Schuster and Kuldip K. Paliwal, Bidirectional Recurrent Neural Networks, "
        "Trans. on Signal Processing 1997",
        "* Kai Sheng Tai, Richard Socher, and Christopher D. Manning, Improved Semantic "
        "Representations From Tree-Structured Long Short-Term Memory Networks, ACL 2015",
    ):
        emphasised = re.sub(r", ([A-Z][^,]+), ([A-Z][\w.]+ )", r", *\1*, \2", text, count=1)
        assert titles(text) == titles(emphasised) != [], text


@settings(max_examples=20, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["TSD-SR", "TADSR", "In-Place-TTT", "SecOPD", "GCG"]),
        min_size=1,
        max_size=4,
        unique=True,
    )
)
def test_a_name_linked_to_the_readers_notes_folder_is_a_paper_as_unlinked(names):
    """``| [TSD-SR](./%5BCVPR%202025%5D%20TSD-SR/) | CVPR 2025 |``: a short name linked to a
    folder next to the list (its reader's notes on the paper) is a paper, as the same row
    without the link is; a name linked to a site, or to a page of the list's own site, is not."""
    head = "| 论文 | 会议 |\n|---|---|\n"
    linked = head + "".join(f"| [{n}](./%5BCVPR%202025%5D%20{n}/) | CVPR 2025 |\n" for n in names)
    plain = head + "".join(f"| {n} | CVPR 2025 |\n" for n in names)
    kinds = [(e.title, e.kind) for e in parse_text(linked, "list.md").entries]
    assert kinds == [(e.title, e.kind) for e in parse_text(plain, "list.md").entries]
    assert all(kind == "paper" for _, kind in kinds)
    for url in ("https://livebench.ai", "./2023/WMT.md"):
        (entry,) = parse_text(f"- [{names[0]}]({url})\n", "list.md").entries
        assert entry.kind == "website", url


@settings(max_examples=25, deadline=None, derandomize=True)
@given(papers_st, st.booleans(), st.sampled_from(["", "@[card]({url})", "[link]({url})"]))
def test_apa_footnote_references_read_as_their_titles(papers, elided, card):
    """``[^1]: Xiong, R., Yang, Y., ... & Liu, T. Y. (2020). Title. arXiv preprint arXiv:ID.``
    with the link on the next line as Zenn writes it (``@[card](url)``): one entry per
    reference, titled by its title, with its identifier, whether names are left out or not."""
    authors = "Xiong, R., Yang, Y., " + ("... " if elided else "He, D., ") + "& Liu, T. Y."
    refs = []
    for n, (t, s, _, i) in enumerate(papers, start=1):
        url = f"https://arxiv.org/abs/2104.{i}"
        ref = f"[^{n}]: {authors} (2020). {t}{s}. arXiv preprint arXiv:2104.{i}."
        refs.append(ref + ("\n" + card.format(url=url) if card else ""))
    entries = parse_text("# References\n\n" + "\n\n".join(refs) + "\n", "notes.md").entries
    assert [e.title for e in entries] == [t + s for t, s, _, _ in papers]
    assert [e.arxiv_id for e in entries] == [f"2104.{i}" for _, _, _, i in papers]


def test_who_presents_a_paper_is_no_paper():
    """``- Presenters: **Shuwen Qiu**, **Jiayue Sun (email)**`` under a scheduled paper: the
    presenters' names in bold are no citation's title; the line is the paper's note."""
    text = (
        "- [1/28] Peter W. Battaglia, Razvan Pascanu, Interaction Networks for Learning about "
        "Objects, Relations and Physics, NIPS 2016. https://arxiv.org/abs/1612.00222\n"
        "    - Presenters: **Shuwen Qiu**, **Jiayue Sun (jysun@cs.ucla.edu)**\n"
        "    - Guest Lecturer: **Ziniu Hu**\n"
    )
    entries = parse_text(text, "course.md").entries
    assert [e.title for e in entries] == [
        "Interaction Networks for Learning about Objects, Relations and Physics"
    ]
    assert "Shuwen Qiu" in entries[0].notes


def test_topic_bullets_over_course_citations_are_labels_not_papers():
    """``- Expressive Power of GNNs (2 lectures)`` over ``  - [3/2] First Last, …, and First
    Last. Title? ICLR 2019.``: the nested citation is the paper, the topic bullet its label;
    an author list with affiliations (``A B*, UC Berkeley; C D, …``) is no title."""
    text = (
        "- Expressive Power of GNNs (2 lectures)\n"
        "  - [3/2] (GNN and WL) Keyulu Xu, Weihua Hu, Jure Leskovec, and Stefanie Jegelka. "
        "How powerful are graph neural networks?  ICLR 2019.\n"
        "      - Presenters: **Yu Yang (yuyang@cs.ucla.edu)**\n"
    )
    assert titles(text) == ["How powerful are graph neural networks?"]
    assert (
        names_then_title("Dinesh Jayaraman*, UC Berkeley; Ruohan Gao, University of Texas") is None
    )
    assert names_then_title("Sanjeev Arora, Mikhail Khodak, and Nikunj Saunshi") is None
