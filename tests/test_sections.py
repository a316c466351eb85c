"""Headings → collections: one mapping (zotsync.sections) for push, status, pull, the .bib and parse.

Seed 000 is the shape that made it necessary: ``####`` topics at the top of the file, one
``## Language_based Detector``, then every ``####`` topic (RM, DPO and RLHF, …) after it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zotsync.bibtex import render_bib
from zotsync.cli import cli
from zotsync.config import load_config
from zotsync.errors import ConfigError
from zotsync.model import Paper, Resolution, Status
from zotsync.parse import parse_file, parse_text
from zotsync.push.desired import build_desired
from zotsync.sections import Nesting, SectionRules, collection_paths, filing_notes

DATA = Path(__file__).resolve().parent / "data"
SEED_000 = DATA / "seeds" / "000_f3a17fb8dc4736dd.txt"
LISTS = sorted(
    p
    for p in (Path(__file__).resolve().parents[2] / "shared" / "lists").glob("[0-9]*")
    if p.suffix in (".md", ".org")
)
LBD = "Language_based Detector"
HEADINGS = SectionRules(nesting=Nesting.HEADINGS)


@pytest.fixture(scope="module")
def seed():
    return parse_file(str(SEED_000)).entries


def test_seed_000_topics_are_not_filed_under_the_lone_level_2_heading(seed):
    paths = Counter(collection_paths(seed, SectionRules()))
    assert paths == {
        (): 3,
        (LBD,): 2,
        ("Data Scale",): 3,
        ("Composite RM",): 1,
        ("RM",): 5,
        ("MoE",): 2,
        ("Lora",): 4,
        ("RLHF",): 7,
        ("DPO and RLHF",): 10,
        ("解耦",): 1,
    }
    # the parser keeps the headings as written, with their levels
    dpo = next(e for e in seed if e.section[-1:] == ("DPO and RLHF",))
    assert dpo.section == (LBD, "DPO and RLHF") and dpo.section_levels == (2, 4)
    assert seed[0].heading_level == 4 and seed[0].section == ()


def test_seed_000_each_option(seed):
    # headings: exactly as the levels say (the old tree)
    assert collection_paths(seed, HEADINGS) == tuple(e.section for e in seed)
    # flatten the lone heading: the same tree "auto" found
    flat = SectionRules(nesting=Nesting.HEADINGS, flatten=("language_based  detector",))
    assert collection_paths(seed, flat) == collection_paths(seed, SectionRules())
    # only level-2 headings: the topics fold into it; only level 4: its own papers go to the root
    assert set(collection_paths(seed, SectionRules(nesting=Nesting.HEADINGS, levels=(2,)))) == {
        (),
        (LBD,),
    }
    only4 = collection_paths(seed, SectionRules(levels=(4,)))
    assert Counter(only4)[()] == 5 and (LBD,) not in only4
    # max_depth 0: everything in the root; 1 on the literal tree: the lone heading holds all
    assert set(collection_paths(seed, SectionRules(max_depth=0))) == {()}
    assert set(collection_paths(seed, SectionRules(nesting=Nesting.HEADINGS, max_depth=1))) == {
        (),
        (LBD,),
    }


def test_seed_000_auto_says_what_it_did_and_a_misspelt_flatten_is_reported(seed):
    notes = filing_notes(seed, SectionRules())
    assert len(notes) == 1
    assert (
        "8 level-4 headings ('Data Scale', 'Composite RM', 'RM', …) are filed next to" in (notes[0])
    )
    assert "they skip level 3" in notes[0] and "(line 1)" in notes[0]
    assert 'nesting = "headings"' in notes[0]
    assert filing_notes(seed, HEADINGS) == []
    assert filing_notes(seed, SectionRules(nesting=Nesting.HEADINGS, flatten=("Nope",))) == [
        "[collections] flatten: no heading is named 'Nope'"
    ]


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name[:2])
def test_auto_changes_nothing_in_lists_whose_levels_nest(path):
    """Real lists skip levels too (``## Theory`` over ``#### 2019``): that alone is not the shape."""
    entries = parse_file(str(path)).entries
    assert collection_paths(entries, SectionRules()) == tuple(e.section for e in entries)
    assert filing_notes(entries, SectionRules()) == []


def test_a_skipped_level_alone_still_nests():
    text = "## Theory\n\n#### 2019\n\n- [A Paper About Theory](https://arxiv.org/abs/1901.00001)\n"
    (entry,) = parse_text(text, "t.md").entries
    assert collection_paths([entry], SectionRules()) == (("Theory", "2019"),)


# --------------------------------------------------------------------------- generated trees


def _doc(levels: list[int]) -> str:
    return "".join(
        f"{'#' * lv} Topic {i}\n\n- [Generated paper number {i}](https://arxiv.org/abs/2301.{i:05d})\n\n"
        for i, lv in enumerate(levels)
    )


def _scope(levels: list[int]) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """Markdown scope, by hand: each heading closes open ones of its level or deeper."""
    stack: list[tuple[int, str]] = []
    out = []
    for i, lv in enumerate(levels):
        while stack and stack[-1][0] >= lv:
            stack.pop()
        stack.append((lv, f"Topic {i}"))
        out.append((tuple(n for _, n in stack), tuple(lv for lv, _ in stack)))
    return out


trees = st.lists(st.integers(1, 6), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, st.data())
def test_mapping_properties_on_generated_heading_trees(levels, data):
    entries = parse_text(_doc(levels), "gen.md").entries
    assert [(e.section, e.section_levels) for e in entries] == _scope(levels)

    assert collection_paths(entries, HEADINGS) == tuple(e.section for e in entries)

    auto = collection_paths(entries, SectionRules())
    top: set[int] = set()
    for e, path in zip(entries, auto):
        # auto only ever drops outer headings: a non-empty suffix of the headings as written
        assert path and e.section[len(e.section) - len(path) :] == path
        skips = [
            i
            for i in range(1, len(e.section))
            if e.section_levels[i] > e.section_levels[i - 1] + 1 and e.section_levels[i] in top
        ]
        if not skips:
            assert path == e.section
        else:  # filed at (or below) the last heading that skipped a level used at the top
            assert len(path) <= len(e.section) - skips[-1]
        top.add(e.section_levels[0])

    names = sorted({n for e in entries for n in e.section})
    flatten = tuple(data.draw(st.lists(st.sampled_from(names), max_size=3)))
    flat = collection_paths(entries, SectionRules(nesting=Nesting.HEADINGS, flatten=flatten))
    for e, path in zip(entries, flat):
        assert path == (*(n for n in e.section[:-1] if n not in flatten), e.section[-1])

    keep = tuple(data.draw(st.sets(st.integers(1, 6))))
    kept = collection_paths(entries, SectionRules(nesting=Nesting.HEADINGS, levels=keep))
    for e, path in zip(entries, kept):
        wanted = tuple(n for n, lv in zip(e.section, e.section_levels) if not keep or lv in keep)
        assert path == wanted

    depth = data.draw(st.integers(0, 6))
    for full, cut in zip(auto, collection_paths(entries, SectionRules(max_depth=depth))):
        assert cut == full[:depth]

    # each file is read on its own: mixing two files' entries changes nothing
    other = parse_text(_doc(list(reversed(levels))), "other.md").entries
    mixed = [x for pair in zip(entries, other) for x in pair]
    both = collection_paths(mixed, SectionRules())
    assert both[0::2] == auto
    assert both[1::2] == collection_paths(other, SectionRules())


@settings(max_examples=60, deadline=None)
@given(
    top=st.integers(3, 6),
    gap=st.integers(2, 5),
    n=st.integers(1, 4),
)
def test_a_level_used_at_the_top_and_skipped_under_a_lone_heading_is_lifted(top, gap, n):
    """The seed-000 shape at any levels: topics at level L, one heading at L-gap, L topics after."""
    parent = max(1, top - gap)
    if parent + 1 >= top:
        return
    levels = [top, parent, *([top] * n)]
    entries = parse_text(_doc(levels), "gen.md").entries
    paths = collection_paths(entries, SectionRules())
    assert paths[0] == ("Topic 0",) and paths[1] == ("Topic 1",)
    assert paths[2:] == tuple((f"Topic {i}",) for i in range(2, 2 + n))
    assert len(filing_notes(entries, SectionRules())) == 1


# --------------------------------------------------------------------------- one mapping feeds all


def _resolutions(entries):
    out = {}
    for i, e in enumerate(entries):
        paper = Paper(title=e.title, arxiv_id=e.arxiv_id or f"2401.{i:05d}", authors=("A Person",))
        out.setdefault(
            e.ident,
            Resolution(e.ident, Status.RESOLVED, paper, confidence=1.0, citation_key=f"k{i}"),
        )
    return out


@pytest.mark.parametrize(
    "rules",
    [SectionRules(), HEADINGS, SectionRules(flatten=("RLHF",), max_depth=1, levels=(2, 4))],
    ids=["auto", "headings", "mixed"],
)
def test_collections_keywords_and_parse_json_come_from_one_mapping(seed, rules, tmp_path):
    res = _resolutions(seed)
    paths = collection_paths(seed, rules)
    desired = build_desired([("notes", list(seed))], res, sections=rules)
    assert set(desired.collections) == {("notes",)} | {
        ("notes", *p[:d]) for p in paths for d in range(1, len(p) + 1)
    }
    for e, path in zip(seed, paths):
        item = desired.items[f"arxiv:{res[e.ident].paper.arxiv_id}"]
        assert ("notes", *path) in item.collections

    bib = render_bib(seed, res, sections=rules).text
    dpo = [p for e, p in zip(seed, paths) if e.section[-1:] == ("DPO and RLHF",)]
    assert (LBD in dpo[0]) == (rules.nesting is Nesting.HEADINGS)
    words = {
        w.strip()
        for line in bib.splitlines()
        if "keywords" in line
        for w in line.split("{")[1].rstrip("},").split(",")
    }
    assert {n for p in paths for n in p} <= words | {"解耦"}  # CJK is romanised for BibTeX

    # zotsync parse --json: the same path, the list's root first; the config file sets the rules
    (tmp_path / "notes.md").write_bytes(SEED_000.read_bytes())
    table = [f'nesting = "{rules.nesting.value}"', f"flatten = {json.dumps(list(rules.flatten))}"]
    table += [f"levels = {list(rules.levels)}"]
    if rules.max_depth is not None:
        table.append(f"max_depth = {rules.max_depth}")
    (tmp_path / "zotsync.toml").write_text("[collections]\n" + "\n".join(table) + "\n")
    assert load_config(tmp_path / "zotsync.toml", env={}).collections == rules
    r = CliRunner().invoke(
        cli,
        ["--config", str(tmp_path / "zotsync.toml"), "parse", "--json", str(tmp_path / "notes.md")],
    )
    assert r.exit_code == 0, r.output
    shown = [tuple(o["collection"]) for o in json.loads(r.stdout)]
    assert shown == [("notes", *p) for p in paths]
    assert [tuple(o["section"]) for o in json.loads(r.stdout)] == [e.section for e in seed]


def test_parse_shows_the_collection_tree_and_the_note(tmp_path):
    (tmp_path / "notes.md").write_bytes(SEED_000.read_bytes())
    r = CliRunner().invoke(cli, ["parse", str(tmp_path / "notes.md")])
    out = r.stdout.splitlines()
    assert "  § Language_based Detector" in out and "  § DPO and RLHF" in out
    assert "    § DPO and RLHF" not in out
    assert any(
        line.startswith("note: ") and "filed next to 'Language_based Detector'" in line
        for line in out
    )


@pytest.mark.parametrize(
    "table, message",
    [
        ('nesting = "flat"', 'collections.nesting must be "auto" or "headings"'),
        ('flatten = "A"', "collections.flatten must be a list of heading names"),
        ("levels = [0]", "collections.levels must be a list of heading levels"),
        ("max_depth = -1", "collections.max_depth must be a whole number, 0 or more"),
        ("depth = 1", "unknown config key collections.depth"),
    ],
)
def test_bad_collections_settings_are_one_clear_error(tmp_path, table, message):
    (tmp_path / "z.toml").write_text(f"[collections]\n{table}\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(tmp_path / "z.toml", env={})
