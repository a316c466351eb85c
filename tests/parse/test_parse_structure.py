"""Entries from the structure of a list, whatever its shape: citations, tables with HTML in
cells, wrapped paragraphs, HTML headings, Org-mode outlines and plain text."""

from __future__ import annotations

import re

import pytest

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


# A title is found from the grammar around it, the same whether or not it is a link.
LINKED_AND_PLAIN = [
    # "Authors. Year. Title. Venue." (ACL anthology style), also with one author
    (
        "* Kishore Papineni, Salim Roukos, Todd Ward, and Wei-Jing Zhu. 2002. {BLEU: a Method for "
        "Automatic Evaluation of Machine Translation}. In *Proceedings of ACL 2002*. (Citation: 9,019)",
        "BLEU: a Method for Automatic Evaluation of Machine Translation",
    ),
    (
        "* Franz Josef Och. 2003. {Minimum Error Rate Training in Statistical Machine Translation}. "
        "In *Proceedings of ACL 2003*.",
        "Minimum Error Rate Training in Statistical Machine Translation",
    ),
    # an emphasised title right after the authors
    (
        "  * Mike Schuster and Kuldip K. Paliwal, *{Bidirectional Recurrent Neural Networks}*, "
        "Trans. on Signal Processing 1997",
        "Bidirectional Recurrent Neural Networks",
    ),
    # "Names, and Last, Title, Venue Year"
    (
        "* Yann LeCun, Yoshua Bengio, and Geoffrey Hinton, {Deep Learning}, Nature 2015",
        "Deep Learning",
    ),
    (
        "* Zachary C. Lipton, {A Critical Review of Recurrent Neural Networks for Sequence "
        "Learning}, arXiv:1506.00019",
        "A Critical Review of Recurrent Neural Networks for Sequence Learning",
    ),
    # "Title - description" and "Title (year): description" list items
    (
        "* {Keys under Doormats} - Or why cryptography shouldn't be backdoored, by a committee.",
        "Keys under Doormats",
    ),
    (
        "* {Using Encryption for Authentication in Large Networks} - By Needham, Schroeder: this "
        "is where crypto-based auth starts.",
        "Using Encryption for Authentication in Large Networks",
    ),
    (
        "* {AlphaSort: A Cache-Sensitive Parallel External Sort} (1995): Sorting is one of the "
        "most essential algorithms in databases.",
        "AlphaSort: A Cache-Sensitive Parallel External Sort",
    ),
]


def _linked(template: str) -> str:
    return template.replace("{", "[").replace("}", "](https://example.org/paper.pdf)")


def _plain(template: str) -> str:
    return template.replace("{", "").replace("}", "")


@pytest.mark.parametrize("template,title", LINKED_AND_PLAIN)
def test_the_title_is_the_same_with_or_without_its_link(template, title):
    for text in (_linked(template), _plain(template)):
        entries = parse_text(text + "\n", "l.md").entries
        assert [e.title for e in entries] == [title], text


def test_a_citation_whose_title_runs_over_a_line_break_is_one_entry():
    text = (
        "* Ilya Sutskever, Oriol Vinyals, and Quoc V. Le. 2014. Sequence to Sequence Learning\n"
        "with Neural Networks. In *Proceedings of NIPS 2014*.\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.title == "Sequence to Sequence Learning with Neural Networks"
    assert entry.hints["authors"] == "Ilya Sutskever, Oriol Vinyals, and Quoc V. Le"


def test_two_titles_with_their_years_in_one_item_are_two_entries():
    text = (
        "* Efficient Locking for Concurrent Operations on B-Trees (1981) and R*-tree: An "
        "Efficient and Robust Access Method for Points and Rectangles (1990): B-Tree is a core "
        "data structure in databases.\n"
    )
    assert titles(text) == [
        "Efficient Locking for Concurrent Operations on B-Trees",
        "R*-tree: An Efficient and Robust Access Method for Points and Rectangles",
    ]


def test_a_cited_title_holding_a_link_keeps_the_link_text_and_target():
    text = (
        "* Yufei Wang , Ian D. Wood , Mark Johnson . 2021. Mention Flags (MF): [Mention Flags "
        "(MF): Constraining Transformer-based Text Generators](https://aclanthology.org/2021.acl-long.9/)"
        ". In *Proceedings of ACL 2021* .\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.title == "Mention Flags (MF): Constraining Transformer-based Text Generators"
    assert entry.links["paper"] == "https://aclanthology.org/2021.acl-long.9/"


@pytest.mark.parametrize(
    "text",
    [
        # prose with a dash, outside a list item
        "Based on Torch, this package focuses on predicting the accessibility of the chromatin "
        "– the physical packaging of the genetic information.\n",
        # an author line with escaped asterisks under a paper heading's place
        "_Jameel Malik\\*, Ahmed Elhayek\\*, Didier Stricker_\n",
        # authors and a venue, but no title
        "- Chen, Tianqi, et al. (*OSDI 2018*)\n",
    ],
)
def test_prose_bylines_and_venues_do_not_become_titles(text):
    assert all(
        e.title not in ("Ahmed Elhayek", "OSDI 2018") for e in parse_text(text, "l.md").entries
    )
    assert not any(
        "Based on Torch" in e.title or "physical packaging" == e.title
        for e in parse_text(text, "l.md").entries
    )


@pytest.mark.parametrize(
    "text,title",
    [
        # a bold title is its own span: the dash inside it stays
        (
            "**Basset – learning the regulatory code of the accessible genome with deep "
            "convolutional neural networks** [[github](https://github.com/davek44/Basset)]\n",
            "Basset – learning the regulatory code of the accessible genome with deep "
            "convolutional neural networks",
        ),
        # a Title-Case part after a dash may be a subtitle: kept
        ("- Deep Learning - A Survey of Methods\n", "Deep Learning - A Survey of Methods"),
    ],
)
def test_a_dash_inside_a_title_stays(text, title):
    assert titles(text) == [title]


@pytest.mark.parametrize(
    "line,title",
    [
        # surname particles and names typed in lower case, before ". YEAR."
        (
            "* Nal Kalchbrenner, Aaron van den Oord, and Koray Kavukcuoglu. 2016. Neural Machine "
            "Translation in Linear Time. *arXiv:1610.10099*.",
            "Neural Machine Translation in Linear Time",
        ),
        (
            "* Mingxuan Wang, Jun xie, Deyi Xiong and Lei Li. 2019. Towards Linear Time Neural "
            "Machine Translation with Capsule Networks. In *Proceedings of EMNLP 2019*.",
            "Towards Linear Time Neural Machine Translation with Capsule Networks",
        ),
        # a space before the full stops, no full stop after the year
        (
            "* Zehui Lin , Liwei Wu , Lei Li . 2021. Learning Language Specific Sub-network for "
            "Multilingual Machine Translation . In *Proceedings of ACL 2021* .",
            "Learning Language Specific Sub-network for Multilingual Machine Translation",
        ),
        (
            "* Yuntian Deng, Yoon Kim, and Alexander M. Rush. 2018 Latent Alignment and Variational "
            "Attention. In *Proceedings of NeurIPS 2018*.",
            "Latent Alignment and Variational Attention",
        ),
        # a title with its year and a description is not 'authors (year)'
        (
            "* Paxos Made Simple (2001): Paxos is a fault-tolerant distributed consensus protocol.",
            "Paxos Made Simple",
        ),
        (
            "* The Google File System (2003): Two core components of Google's data infrastructure.",
            "The Google File System",
        ),
        # the description after the last dash; a dash inside the title stays
        (
            "* Post-quantum cryptography - dealing with the fallout of physics success - Brief "
            "observation of mathematical tasks.",
            "Post-quantum cryptography - dealing with the fallout of physics success",
        ),
        # "Title: a long sentence of description." in a list item
        (
            "* What Goes Around Comes Around: Michael Stonebraker and Joseph M. Hellerstein provide "
            "a summary of 35 years of data model proposals.",
            "What Goes Around Comes Around",
        ),
        # a trailing nickname that spells the title's first letters
        (
            "Relative Preference Optimization: Enhancing LLM Alignment through Contrasting "
            "Responses RPO",
            "Relative Preference Optimization: Enhancing LLM Alignment through Contrasting Responses",
        ),
    ],
)
def test_plain_citations_and_described_titles(line, title):
    assert titles(line + "\n") == [title]


def test_an_author_line_wrapped_before_the_year_and_linked_title_is_not_the_title():
    text = (
        "* Yao-Hung Hubert Tsai, Shaojie Bai, and Ruslan Salakhutdinov\n"
        ". 2019. [Transformer Dissection: An Unified Understanding for Transformer's Attention via "
        "the Lens of Kernel](https://arxiv.org/pdf/1908.11775). In *Proceedings of EMNLP 2019*.\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.title.startswith("Transformer Dissection") and entry.arxiv_id == "1908.11775"


def test_a_table_of_contents_is_not_a_list_of_papers_with_or_without_its_links():
    toc = [
        "## Contents",
        "",
        "* [Basics](#basics).",
        "  * [Brief engineer-oriented introductions](#brief).",
        "  * [Hashing](#hashing) - important bits on modern and classic hashes.",
        "  * [Secret key cryptography](#secret) - all things symmetric encryption.",
        "",
        "## Basics",
        "",
        "### Brief introductions",
        "",
        "* [An Overview of Cryptography](https://example.org/crypto.pdf) - By Gary C. Kessler.",
        "",
        "### Hashing",
        "",
        "* [FIPS 198-1: HMACs](https://example.org/fips.pdf) - The Keyed-Hash Message Authentication Code.",
        "",
        "### Secret key cryptography",
        "",
        "* [Cache Attacks and Countermeasures: the Case of AES](https://example.org/aes.pdf) - Side channel attacks.",
    ]
    text = "\n".join(toc) + "\n"
    want = [
        "An Overview of Cryptography",
        "FIPS 198-1: HMACs",
        "Cache Attacks and Countermeasures: the Case of AES",
    ]
    assert titles(text) == want
    stripped = "\n".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ln) for ln in toc) + "\n"
    assert titles(stripped) == want


NESTED = """\
* GFRNN [[Paper-arXiv](http://arxiv.org/pdf/1502.02367)] [[Paper-ICML](http://jmlr.org/v37/chung15.pdf)]
  * Junyoung Chung, Caglar Gulcehre, Yoshua Bengio, *Gated Feedback Recurrent Neural Networks*, ICML 2015
* Tree-Structured RNNs
  * Kai Sheng Tai and Christopher D. Manning, *Improved Semantic Representations From Tree-Structured LSTM Networks*, ACL 2015 [[Paper](http://arxiv.org/pdf/1503.00075)]
  * Samuel R. Bowman and Christopher Potts, *Tree-structured composition in neural networks*, arXiv:1506.04834 [[Paper](http://arxiv.org/pdf/1506.04834)]
* Alex Graves (2008)
  * [Supervised Sequence Labelling with Recurrent Neural Networks](http://www.cs.toronto.edu/~graves/preprint.pdf)
* Jan "Honza" Cernocky and Sanjeev Khudanpur, *Extensions of Recurrent Neural Network Language Model*, ICASSP 2011
"""
NESTED_TITLES = [
    "Gated Feedback Recurrent Neural Networks",
    "Improved Semantic Representations From Tree-Structured LSTM Networks",
    "Tree-structured composition in neural networks",
    "Supervised Sequence Labelling with Recurrent Neural Networks",
    "Extensions of Recurrent Neural Network Language Model",
]


def test_a_citation_under_a_label_bullet_is_the_paper_with_or_without_links():
    result = parse_text(NESTED, "l.md")
    assert [e.title for e in result.entries] == NESTED_TITLES
    gfrnn, tai, _, graves, _ = result.entries
    assert gfrnn.aliases == ("GFRNN",) and gfrnn.arxiv_id == "1502.02367"
    assert gfrnn.links["paper"] == "http://arxiv.org/pdf/1502.02367"
    assert tai.hints["group"] == "Tree-Structured RNNs" and tai.arxiv_id == "1503.00075"
    assert graves.hints["authors"] == "Alex Graves"
    assert {s.line for s in result.skipped} >= {1, 3, 6}  # the label bullets, reported
    stripped = re.sub(r"\[\[([^\]]*)\]\([^)]*\)\]|\[([^\]]*)\]\([^)]*\)", r"\1\2", NESTED)
    assert [e.title for e in parse_text(stripped, "l.md").entries] == NESTED_TITLES


def test_author_lines_under_an_entry_stay_its_notes():
    text = (
        "- MArk: Exploiting Cloud Services for Cost-Effective Inference Serving [[Paper]](https://www.usenix.org/atc19.pdf)\n"
        "  - Zhang, C., Yu, M., Wang, W. and Yan, F., 2019.\n"
        "  - Summary: address the scalability and cost minimization issues for model serving.\n"
        "- Deep Learning Inference Service at Microsoft [[Paper]](https://www.usenix.org/opml19.pdf)\n"
        "  - J Soifer, et al. (*OptML2019*)\n"
        "- Colorful Image Colorization\n"
        "  - Wang, Xiaolong and Gupta, Abhinav. *ICCV 2015*\n"
    )
    assert titles(text) == [
        "MArk: Exploiting Cloud Services for Cost-Effective Inference Serving",
        "Deep Learning Inference Service at Microsoft",
        "Colorful Image Colorization",
    ]


@pytest.mark.parametrize(
    "text,title",
    [
        # a bold title opening the line, then a link named after the journal
        (
            "**(2019-12) Deep learning of pharmacogenomics resources: moving towards precision "
            "oncology** [[Briefings in Bioinformatics](https://academic.oup.com/bib/bbz144)]\n",
            "Deep learning of pharmacogenomics resources: moving towards precision oncology",
        ),
        (
            "**(2019-04) Deep learning: new computational modelling techniques for genomics** "
            "[[Nature Reviews Genetics paper](https://www.nature.com/articles/s41576-019-0122-6)]\n",
            "Deep learning: new computational modelling techniques for genomics",
        ),
        # a bold title ending in a full stop, with the authors in italics after it
        (
            "- [2023/05] **Training language models to follow instructions with human feedback.** "
            "*Long Ouyang et al. NeurIPS.* [paper]\n",
            "Training language models to follow instructions with human feedback",
        ),
        # a sentence-case title over a line of the paper's own link labels
        (
            "-   Contrastive learning, multi-view redundancy, and linear models.\n    [pdf]\n",
            "Contrastive learning, multi-view redundancy, and linear models",
        ),
        # the first sentence of a described list item
        (
            "- Model Card Toolkit. The Model Card Toolkit (MCT) streamlines and automates generation "
            "of Model Cards, machine learning documents that provide context and transparency. It "
            "is used widely. [[Paper]](https://arxiv.org/pdf/1810.03993.pdf)\n",
            "Model Card Toolkit",
        ),
        # a line break in HTML ends the title
        (
            "* Active Learning in Collaborative Filtering Recommender Systems(UNIBZ 2014) <br />\n",
            "Active Learning in Collaborative Filtering Recommender Systems",
        ),
        (
            "**scPRINT: pre-training on 50 million cells allows robust gene network predictions** [github]\n",
            "scPRINT: pre-training on 50 million cells allows robust gene network predictions",
        ),
    ],
)
def test_titles_read_the_same_with_or_without_links_more_shapes(text, title):
    assert titles(text) == [title]


@pytest.mark.parametrize(
    "text",
    [
        "* Email: someone@example.org\n",
        "* LinkedIn: 王喆的LinkedIn\n",
        "This impressive collaborative review was written completely in the open on "
        "[Github](https://github.com/greenelab/deep-review). It is focused on deep learning.\n",
        "This is a Theano implementation of stacked denoising autoencoders for extracting relevant "
        "patterns, a kind of feature construction approach if you will. I have played around "
        "with this package. The authors published a [conference paper](https://doi.org/10.1142/9789814644730_0014) "
        "applying the model.\n",
    ],
)
def test_contact_lines_and_prose_with_a_link_are_not_entries(text):
    assert titles(text) == []


def test_items_folded_under_a_details_summary_are_entries_in_its_group():
    text = (
        "## Open LLM\n"
        "<details>\n"
        "<summary>DeepSeek</summary>\n"
        "  \n"
        "  - [DeepSeek-Math-7B](https://huggingface.co/collections/deepseek-ai/deepseek-math-65f29)\n"
        "  - [DeepSeek-v2-236B-MoE](https://arxiv.org/abs/2405.04434)\n"
        "\n"
        "</details>\n"
        "<details>\n"
        "<summary>Meta</summary>\n"
        "\n"
        "  - [Llama 2-7|13|70B](https://llama.meta.com/llama2/)\n"
        "</details>\n"
    )
    entries = parse_text(text, "l.md").entries
    assert [e.title for e in entries] == [
        "DeepSeek-Math-7B",
        "DeepSeek-v2-236B-MoE",
        "Llama 2-7|13|70B",
    ]
    assert [e.section for e in entries] == [("Open LLM", "DeepSeek")] * 2 + [("Open LLM", "Meta")]


def test_a_repo_label_is_a_label_not_the_title():
    text = (
        "- FAIR Self-Supervision Benchmark [[pdf]](https://arxiv.org/abs/1905.01235) "
        "[[repo]](https://github.com/facebookresearch/fair_self_supervision_benchmark): tasks\n"
    )
    (entry,) = parse_text(text, "l.md").entries
    assert entry.title == "FAIR Self-Supervision Benchmark" and entry.arxiv_id == "1905.01235"
    assert entry.links["code"].startswith("https://github.com/")


@pytest.mark.parametrize(
    "footnote,want",
    [
        (
            '[^1]: Vaswani et al. "Attention Is All You Need." NeurIPS 2017; Devlin et al. "BERT: '
            'Pre-training of Deep Bidirectional Transformers." NAACL 2019; Brown et al. "Language '
            'Models are Few-Shot Learners." NeurIPS 2020.',
            [
                ("Attention Is All You Need", None),
                ("BERT: Pre-training of Deep Bidirectional Transformers", None),
                ("Language Models are Few-Shot Learners", None),
            ],
        ),
        (
            "[^1]: Attention Is All You Need (https://arxiv.org/abs/1706.03762); BERT: Pre-training "
            "of Deep Bidirectional Transformers (https://arxiv.org/abs/1810.04805)",
            [
                ("Attention Is All You Need", "1706.03762"),
                ("BERT: Pre-training of Deep Bidirectional Transformers", "1810.04805"),
            ],
        ),
        (
            "[^1]: [Attention Is All You Need](https://arxiv.org/abs/1706.03762); [Language Models "
            "are Few-Shot Learners](https://arxiv.org/abs/2005.14165).",
            [
                ("Attention Is All You Need", "1706.03762"),
                ("Language Models are Few-Shot Learners", "2005.14165"),
            ],
        ),
    ],
)
def test_a_footnote_citing_several_papers_gives_one_entry_each(footnote, want):
    text = f"# Notes\n\nAs shown before[^1].\n\n{footnote}\n"
    entries = parse_text(text, "l.md", "markdown").entries
    assert [(e.title, e.arxiv_id) for e in entries] == want
    assert {e.line for e in entries} == {5}


def test_a_venue_and_a_year_alone_are_not_a_paper():
    assert titles("- 2023 ACL\n- NeurIPS 2023\n- 2022 NAACL\n") == []


def test_a_paper_title_label_with_nothing_under_it_makes_no_entries_of_its_notes():
    text = (
        "## 論文名\n"
        "Identifying Transferable Information Across Domains\n"
        "### 著者\n"
        "- Raha Ghosh\n"
        "\n"
        "## 論文名\n"
        "\n"
        "### 著者\n"
        "### 概要\n"
        "- Functional Expression Detection\n"
        "- CRF++\n"
    )
    assert titles(text) == ["Identifying Transferable Information Across Domains"]
