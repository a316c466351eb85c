"""The robustness contract, as properties: the same papers written differently read the same.

A generated list (sections, papers with a title, an arXiv link, link labels, a Chinese note
and a nickname) is rendered in several ways a person would consider the same list: with or
without its links, with or without bold, numbered or bulleted (or renumbered), and as a table
instead of bullets. Every rendering must give the same entries: count, cleaned titles,
sections.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zotsync.parse import parse_text

WORDS = [
    "Scaling",
    "Diffusion",
    "Transformers",
    "for",
    "Efficient",
    "Video",
    "Generation",
    "with",
    "Sparse",
    "Attention",
    "Learning",
    "Robust",
    "Reward",
    "Models",
    "via",
    "Preference",
    "Optimization",
    "Language",
]
NOTES = ["提出了一个新的框架", "很有用的笔记", "解决视频生成时长短的问题"]

title_st = st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(
    lambda ws: " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(ws))
)
paper_st = st.fixed_dictionaries(
    {
        "title": title_st,
        "id": st.integers(10000, 99999).map(lambda n: f"2410.{n}"),
        "note": st.sampled_from(["", *NOTES]),
        "code": st.booleans(),
    }
)
list_st = st.lists(
    st.tuples(
        st.sampled_from(["Diffusion Model", "LLMs", "Agents"]),
        st.lists(paper_st, min_size=1, max_size=5, unique_by=lambda p: p["title"]),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda s: s[0],
)


def item(paper, *, links=True, bold=False):
    title = f"**{paper['title']}**" if bold else paper["title"]
    text = f"arXiv [{title}](https://arxiv.org/abs/{paper['id']})" if links else f"arXiv {title}"
    if paper["note"]:
        text += f" ({paper['note']})"
    if paper["code"]:
        text += " [[Code](https://github.com/u/r)]" if links else " [Code]"
    return text


def render(sections, *, links=True, bold=False, marker="numbered", table=False):
    out = ["A list of papers I read, with notes.", ""]
    for name, papers in sections:
        out += [f"# {name}", ""]
        if table:
            out += ["| Paper | Notes |", "|---|---|"]
        for n, paper in enumerate(papers, start=1):
            text = item(paper, links=links, bold=bold)
            if table:
                out.append(f"| {text} |  |")
            elif marker == "numbered":
                out.append(f"{n}. {text}")
            elif marker == "renumbered":
                out.append(f"{n * 10}) {text}")
            else:
                out.append(f"- {text}")
        out.append("")
    return "\n".join(out)


def reading(text):
    return [(e.title, e.section) for e in parse_text(text, "list.md").entries]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(list_st)
def test_the_same_papers_written_differently_read_the_same(sections):
    want = [(p["title"], (name,)) for name, papers in sections for p in papers]
    assert reading(render(sections)) == want
    assert reading(render(sections, links=False)) == want  # every link removed
    assert reading(render(sections, bold=True)) == want  # titles in bold
    assert reading(render(sections, marker="bullets")) == want
    assert reading(render(sections, marker="renumbered")) == want
    assert reading(render(sections, table=True)) == want  # bullets turned into a table


@settings(max_examples=15, deadline=None, derandomize=True)
@given(list_st)
def test_links_removed_keep_notes_and_venue(sections):
    linked = parse_text(render(sections), "list.md").entries
    plain = parse_text(render(sections, links=False), "list.md").entries
    assert [(e.notes, e.venue) for e in linked] == [(e.notes, e.venue) for e in plain]
    assert all(e.arxiv_id for e in linked) and not any(e.arxiv_id for e in plain)
