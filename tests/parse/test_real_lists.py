"""Real reading lists, read against hand-made expectations.

Two corpora: the 24 lists in ../shared/lists (most carry no licence, so they are read where they
are at test time and tests/data/real_lists_expected.json holds what a careful reader counted in
each), and tests/parse/data/unseen (public lists gathered later to check that fixes generalise
beyond the 24; its manifest.json says where each comes from, its expected.json what a reader
counted). Each expectation file holds a "_how" and, per list, "counted". For every list:

* the entry count is within 5 % of the hand count;
* every sampled title, identifier, section and kind is where the reader found it, the sampled
  non-papers are not of kind ``paper``, and the sampled lines of prose, notes and chrome are
  not entries;
* at least 98 % of the arXiv ids written in the file's link targets and URLs are found;
* the same list with every link removed reads the same way (count within 2 %, or two entries
  for a short list, and the titles found in both agree for at least 95 % of the entries);
* so does the same list with its bold/italic emphasis removed and its ordered lists renumbered.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zotsync.model import normalise_title
from zotsync.parse import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "lists"
UNSEEN = ROOT / "tests" / "parse" / "data" / "unseen"
CORPORA = {  # folder -> what a reader counted in it
    SHARED: ROOT / "tests" / "data" / "real_lists_expected.json",
    UNSEEN: UNSEEN / "expected.json",
}
EXPECTED: dict[str, dict] = {}
FOLDER: dict[str, Path] = {}
for _folder, _expected in CORPORA.items():
    if _folder.is_dir():
        for _name, _want in json.loads(_expected.read_text("utf-8")).items():
            if not _name.startswith("_"):
                EXPECTED[_name], FOLDER[_name] = _want, _folder
NAMES = sorted(EXPECTED)

_ARXIV_URL = re.compile(
    r"https?://(?:[\w.-]*arxiv\.org/(?:abs|pdf|html)|huggingface\.co/papers|(?:www\.)?alphaxiv\.org/(?:abs|overview))/"
    r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})",
    re.IGNORECASE,
)


def strip_links(text: str) -> str:
    """Every Markdown/Org link reduced to its text, images to their alt text, bare URLs removed."""
    text = re.sub(r"\[\[([^\]]+)\]\[([^\]]*)\]\]", lambda m: m.group(2) or "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)", r"\1", text)
    text = re.sub(r"<a\s[^>]*>(.*?)</a>", r"\1", text, flags=re.S | re.I)
    return re.sub(r"<?https?://[^\s)>\]|]+>?", "", text)


_MARKER = re.compile(r"^(\s*(?:\*+\s+|[-+*]\s+|\d{1,9}[.)]\s+)?)(.*)$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_\\])\1(?![\w*])")
_ORG_EM = re.compile(r"(?<![\w*/:])([*/])(?=[^\s*/])([^*/\n]+?)(?<=[^\s*/])\1(?![\w*/])")
_ORDERED = re.compile(r"^(\s*)\d{1,9}([.)])(?=\s)", re.M)


def strip_emphasis(text: str, org: bool = False) -> str:
    """Bold and italic removed (``**x**``, ``__x__``, ``*x*``, ``_x_``; Org ``*x*``, ``/x/``),
    list markers and heading stars kept; every ordered-list number made ``1.`` (CommonMark
    numbers the items itself), as a person retyping the list might write it."""
    out = []
    for line in text.split("\n"):
        marker, rest = _MARKER.match(line).groups()
        if "`" not in rest:
            rest = _ORG_EM.sub(r"\2", rest) if org else _EM.sub(r"\2", _STRONG.sub(r"\2", rest))
        out.append(marker + rest)
    return "\n".join(out) if org else _ORDERED.sub(r"\g<1>1\2", "\n".join(out))


def path_of(name: str) -> Path:
    return FOLDER[name] / name


@pytest.fixture(scope="module")
def parsed():
    return {name: parse_file(path_of(name)) for name in NAMES}


# Known gaps, measured and left for later work (strict: a fixed gap fails here until removed).
_TOPIC_BULLETS = (
    "the first topic bullet ('- GNNs and Knowledge Graphs (3 lectures)') is an entry, its first "
    "citation's title ('…, Yizhou Sun, Heterogeneous Graph Transformer') reading as one more name"
)
COUNT_GAPS: dict[str, str] = {}
ARXIV_GAPS: dict[str, str] = {}
SAMPLE_GAPS = {
    "u09_gnn-course-presentations.md": _TOPIC_BULLETS
    + "; '- *Slides*: which you use …' is an entry; a single author before a title is kept",
    "u01_rl-exploration.md": "the list's introduction, a one-sentence paragraph under its title, is an entry",
    "u04_distributed-training-refs.md": "a library linked as '[GitHub](…)' after its six-word "
    "name, and an online book on a github.io site, are of kind paper",
}
STRIPPED_GAPS = {
    "u09_gnn-course-presentations.md": "without their URLs, two of the nested '[m/d] Authors, "
    "Title. Venue.' items keep their authors in the title",
}
_BOLD_TITLE = "the title is only marked by its bold; without it, "
EMPHASIS_GAPS = {
    "15_llm-agent-survey-papers.md": _BOLD_TITLE
    + "'Title. Authors et al. Venue.' keeps the authors",
    "20_awesome-rnn.md": "'**Name**' heading lines above their citations become the entries",
    "u04_distributed-training-refs.md": _BOLD_TITLE
    + "'Authors (Year). Title. arXiv preprint.' keeps the venue",
}


def gap(name, gaps):
    return pytest.param(name, marks=pytest.mark.xfail(reason=gaps[name], strict=True))


@pytest.mark.parametrize("name", [gap(n, COUNT_GAPS) if n in COUNT_GAPS else n for n in NAMES])
def test_count_is_within_five_percent_of_the_hand_count(parsed, name):
    got, want = len(parsed[name].entries), EXPECTED[name]["count"]
    assert abs(got - want) <= max(1, round(0.05 * want)), (got, want, EXPECTED[name]["counted"])


@pytest.mark.parametrize("name", [gap(n, SAMPLE_GAPS) if n in SAMPLE_GAPS else n for n in NAMES])
def test_sampled_titles_ids_sections_and_kinds(parsed, name):
    want = EXPECTED[name]
    by_line: dict[int, list] = {}
    for entry in parsed[name].entries:
        by_line.setdefault(entry.line, []).append(entry)
    for line, title in want.get("titles", {}).items():
        assert title in [e.title for e in by_line.get(int(line), [])], (line, title)
    for line, value in want.get("ids", {}).items():
        found = {f"{f.scheme}:{f.value}" for e in by_line.get(int(line), []) for f in e.ids}
        assert value in found, (line, value, found)
    for line, section in want.get("sections", {}).items():
        path = list(by_line[int(line)][0].section)
        assert path[-len(section) :] == section, (line, path)  # the innermost sections
    for line, kind in want.get("kinds", {}).items():
        assert by_line[int(line)][0].kind == kind, line
    for line in want.get("non_papers", ()):
        assert by_line[line][0].kind != "paper", (line, by_line[line][0].title)
    titles = {e.title for e in parsed[name].entries}
    for title in want.get("also_titles", ()):
        assert title in titles
    for line in want.get("not_entries", ()):
        assert line not in by_line, (line, [e.title for e in by_line.get(line, [])])


@pytest.mark.parametrize("name", [gap(n, ARXIV_GAPS) if n in ARXIV_GAPS else n for n in NAMES])
def test_arxiv_ids_in_links_are_found(parsed, name):
    text = path_of(name).read_bytes().decode("utf-8", "replace")
    written = {m.group(1) for m in _ARXIV_URL.finditer(text)}
    found = {f.value for e in parsed[name].entries for f in e.ids if f.scheme == "arxiv"}
    if written:
        share = len(written & found) / len(written)
        assert share >= 0.98, (share, sorted(written - found)[:10])


def reads_the_same(original, variant) -> None:
    assert abs(len(variant.entries) - len(original)) <= max(2, round(0.02 * len(original)))
    a = {normalise_title(e.title) for e in original} - {""}
    b = {normalise_title(e.title) for e in variant.entries} - {""}
    assert len(a & b) >= 0.95 * len(a), sorted(a - b)[:8]


@pytest.mark.parametrize(
    "name", [gap(n, STRIPPED_GAPS) if n in STRIPPED_GAPS else n for n in NAMES]
)
def test_the_list_without_its_links_reads_the_same(parsed, name):
    raw = path_of(name).read_bytes().decode("utf-8-sig", "replace")
    reads_the_same(parsed[name].entries, parse_text(strip_links(raw), name))


@pytest.mark.parametrize(
    "name", [gap(n, EMPHASIS_GAPS) if n in EMPHASIS_GAPS else n for n in NAMES]
)
def test_the_list_without_emphasis_and_renumbered_reads_the_same(parsed, name):
    raw = path_of(name).read_bytes().decode("utf-8-sig", "replace")
    plain = strip_emphasis(raw, org=name.endswith(".org"))
    reads_the_same(parsed[name].entries, parse_text(plain, name))


def test_emphasis_is_stripped_the_way_a_person_would():
    assert strip_emphasis("1. **[Title](u)** by *A. B.* and __C__\n12) x_y_z") == (
        "1. [Title](u) by A. B. and C\n1) x_y_z"
    )
    assert strip_emphasis("** Kernel *[[u][Title]]*, /Venue/\n", org=True) == (
        "** Kernel [[u][Title]], Venue\n"
    )
