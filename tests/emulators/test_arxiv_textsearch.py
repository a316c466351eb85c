"""The English analyzer and the search_query rewriter/parser, unit and property tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from zotsync.emulators.arxiv.query import QuerySyntaxError, compile_query, parse, rewrite, serialize
from zotsync.emulators.textsearch import analyze, phrase_positions, porter_stem, tokenize

# Porter's published examples (the original algorithm, as Lucene's PorterStemmer implements it)
PORTER = {
    "caresses": "caress",
    "ponies": "poni",
    "cats": "cat",
    "agreed": "agre",
    "plastered": "plaster",
    "motoring": "motor",
    "conflated": "conflat",
    "troubled": "troubl",
    "sized": "size",
    "hopping": "hop",
    "falling": "fall",
    "filing": "file",
    "happy": "happi",
    "relational": "relat",
    "conditional": "condit",
    "digitizer": "digit",
    "vietnamization": "vietnam",
    "predication": "predic",
    "hopefulness": "hope",
    "sensibiliti": "sensibl",
    "triplicate": "triplic",
    "electrical": "electr",
    "adjustable": "adjust",
    "replacement": "replac",
    "adoption": "adopt",
    "effective": "effect",
    "controll": "control",
    "generalization": "gener",
    "objectivity": "object",
    "objective": "object",
    "networks": "network",
    "networking": "network",
    "training": "train",
    "techniques": "techniqu",
}


@pytest.mark.parametrize("word, stem", sorted(PORTER.items()))
def test_porter_stems(word, stem):
    assert porter_stem(word) == stem


def test_tokenizer_splits_like_the_standard_tokenizer():
    assert tokenize("BERT: Pre-training, e.g. GPT-3.5's U.S. don't $Q^*$ x_y 1,000") == [
        "BERT",
        "Pre",
        "training",
        "e.g",
        "GPT",
        "3.5",
        "s",
        "U.S",
        "don't",
        "Q",
        "x_y",
        "1,000",
    ]


def test_stop_words_leave_position_gaps_and_possessives_go():
    assert analyze("Attention Is All You Need") == [
        (0, "attent"),
        (2, "all"),
        (3, "you"),
        (4, "need"),
    ]
    assert analyze("Let's Verify Step by Step") == [
        (0, "let"),
        (1, "verifi"),
        (2, "step"),
        (4, "step"),
    ]
    assert analyze("Schrödinger Networks") == [
        (0, "schrödinger"),
        (1, "network"),
    ]  # lower-cased, not folded


def test_phrase_positions():
    doc = analyze("Attention is all you need in speech separation")
    assert phrase_positions(analyze("you need"), doc) == [3]
    assert phrase_positions(analyze("all you need in speech"), doc) == [2]
    assert phrase_positions(analyze("need speech"), doc) == []  # the 'in' gap is missing
    assert phrase_positions([], doc) == []


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-:'", min_size=1, max_size=12)
titles = st.lists(
    st.one_of(words, st.sampled_from(["the", "of", "a", "is", "by", "Pre-training", "$Q^*$"])),
    min_size=1,
    max_size=12,
).map(" ".join)


@given(titles, st.data())
@settings(max_examples=examples(200), deadline=None)
def test_any_contiguous_slice_of_a_title_is_a_phrase_match(title, data):
    """The resolver relies on it: a listed title that is a contiguous part of the real one matches."""
    words_ = title.split(" ")
    i = data.draw(st.integers(0, len(words_) - 1))
    j = data.draw(st.integers(i + 1, len(words_)))
    phrase = analyze(" ".join(words_[i:j]))
    if phrase:  # a slice of only stop words or punctuation matches nothing, by design
        assert phrase_positions(phrase, analyze(title))


@given(titles)
@settings(max_examples=examples(200), deadline=None)
def test_case_and_separators_never_change_the_analysis(title):
    assert analyze(title.upper()) == analyze(title.lower()) or "ß" in title
    assert [t for _, t in analyze(title.replace("-", " ").replace(":", " "))] == [
        t for _, t in analyze(title.replace("-", " - ").replace(":", " : "))
    ]


# --------------------------------------------------------------------------- query language

REWRITES = [  # docs/arxiv-api.md §3.3, confirmed against the service's published rewriter
    ('ti:"Attention Is All You Need"', 'ti:"Attention Is All You Need"'),
    ("ti:Attention Is All You Need", "ti:Attention OR all:Is OR all:All OR all:You OR all:Need"),
    ("Attention Is All You Need", "all:Attention OR all:Is OR all:All OR all:You OR all:Need"),
    ("testing", "all:testing"),
    ("ti:(attention need)", "(ti:attention OR ti:need)"),
    ("title:foo", "ti:foo"),
    ("ti:foo AND NOT au:bar", "ti:foo ANDNOT au:bar"),
    ("au:del_maestro AND ti:checkerboard", 'au:"del maestro" AND ti:checkerboard'),
    ('ti:"a" AND AND ti:b', 'ti:"a" AND ti:b'),
    ("ti:BERT: Pre-training", "ti:BERT: OR all:Pre-training"),
    ("lastUpdatedDate:[2023 TO 2024]", 'submittedDate:"202301010000 TO 202412312359"'),
    ("ti:a\r\nti:b", "ti:a OR ti:b"),
    ("ti: foo", "all:foo"),
]


@pytest.mark.parametrize("raw, rewritten", REWRITES)
def test_rewrite(raw, rewritten):
    assert compile_query(raw)[0] == rewritten


@pytest.mark.parametrize(
    "raw, tree",
    [
        ("ti:a AND ti:b OR ti:c", "ti:a AND (ti:b OR ti:c)"),
        ("ti:a OR ti:b AND ti:c", "ti:a OR (ti:b AND ti:c)"),
        ("(ti:a OR ti:b) AND ti:c", "(ti:a OR ti:b) AND ti:c"),
        ("ANDNOT ti:x", "ANDNOT ti:x"),
        ("ti:a ANDNOT ti:b OR ti:c", "ti:a ANDNOT (ti:b OR ti:c)"),
    ],
)
def test_parse_is_right_associative_without_precedence(raw, tree):
    assert serialize(compile_query(raw)[1]) == tree


@pytest.mark.parametrize(
    "raw", ["(ti:a", "ti:a)", 'ti:"a', "ti:a AND", "AND", "ti:", "()", "ti:a ANDNOT"]
)
def test_invalid_queries(raw):
    with pytest.raises(QuerySyntaxError):
        compile_query(raw)


terms = st.builds(
    lambda f, w, q: f'{f}:"{w} {w}"' if q else f"{f}:{w}",
    st.sampled_from(["ti", "au", "abs", "all", "cat"]),
    st.text(alphabet="abcxyz019.-", min_size=1, max_size=6),
    st.booleans(),
)
queries = st.recursive(
    terms,
    lambda inner: st.one_of(
        st.builds(
            lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(["AND", "OR", "ANDNOT"]), inner
        ),
        st.builds(lambda a: f"({a})", inner),
    ),
    max_leaves=6,
)


@given(queries)
@settings(max_examples=examples(200), deadline=None)
def test_rewriting_is_idempotent_and_serialisation_reparses(query):
    rewritten, tree = compile_query(query)
    assert compile_query(rewritten)[0] == rewritten
    assert parse(rewrite(serialize(tree))) == tree


# --------------------------------------------------------------------------- command line


def test_command_line_start_line(tmp_path):
    corpus = Path(__file__).resolve().parent.parent / "data" / "arxiv" / "corpus.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zotsync.emulators",
            "arxiv",
            "--corpus",
            str(corpus),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:")
        answer = requests.get(
            f"{line.split(' on ')[1]}/api/query", params={"id_list": "1706.03762"}, timeout=10
        )
        assert answer.status_code == 200 and "1706.03762v7" in answer.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_command_line_refuses_a_bad_corpus(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x", "published": "2024/01/01"}\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "zotsync.emulators", "arxiv", "--corpus", str(bad), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode != 0 and "bad.jsonl:1" in proc.stderr and "Traceback" not in proc.stderr
