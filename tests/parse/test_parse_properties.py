"""Property tests: the parser never raises on any text, and read_text only ever raises InputError."""

from __future__ import annotations

import string
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from zotsync.errors import InputError
from zotsync.model import Entry
from zotsync.parse import parse_file, parse_text, read_text

# Text biased towards the characters that drive the dialects, plus any Unicode.
MARKUP = [
    "[",
    "]",
    "(",
    ")",
    "（",
    "）",
    "**",
    "*",
    "#",
    "## ",
    "|",
    "|---|",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "- ",
    "1. ",
    "https://arxiv.org/abs/2410.08159v2",
    "https://openreview.net/forum?id=abcdEFGH12",
    "(https://x.y/z)",
    "doi:10.1/x",
    "arXiv ",
    ": ",
    "Subscribe",
    "• 3 authors",
    "·",
    "Apr 17, 2025 2",
    "Mar 14",
    "[[Code]]",
    "**ReadNotes 3**",
    "(Apr. 15, 2024",
    "笔记",
    "\x00",
    "\ufeff",
    "```",
]
texty = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.text(min_size=0, max_size=12),
        st.text(alphabet=string.ascii_letters + " :", max_size=30),
    ),
    max_size=60,
).map("".join)


def _check(result, source):
    for entry in result.entries:
        assert isinstance(entry, Entry) and isinstance(entry.title, str) and entry.source == source
        assert entry.line >= 1 and all(isinstance(s, str) for s in entry.section)
        if entry.notes_span:
            assert entry.notes_span[0] <= entry.notes_span[1]
    for skipped in result.skipped:
        assert skipped.line >= 1


@settings(max_examples=examples(300), deadline=None)
@given(texty, st.sampled_from([None, "markdown", "awesome", "hf", "table", "org", "text"]))
def test_parse_text_never_raises(text, fmt):
    _check(parse_text(text, "x.md", fmt), "x.md")


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=400) | texty.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_read_text_and_parse_file_raise_only_input_errors(tmp_path, data):
    path = tmp_path / "list.md"
    path.write_bytes(data)
    try:
        text, encoding = read_text(path)
        assert isinstance(text, str) and encoding
        _check(parse_file(path), str(path))
    except InputError as exc:
        assert exc.hint and exc.exit_code == 3


N = 19_000  # just under MAX_LINE: the longest line that still goes through every pass
PATHOLOGICAL = {
    "heading-spaces": "# " + " \t" * N + "x",
    "heading-hashes": "## " + "a #" * N,
    "bold": "**a " * (N // 4),
    "italic": "*a " * (N // 3),
    "parens": "x (" + " " * N + ")",
    "asides": "Title" + " (" * N,
    "colons": "a: " * N,
    "venues": ", ICLR" * (N // 6),
    "links": "[a](" * (N // 4),
    "indent": " " * N + "- x",
    "tabs": "\t" * N + "x",
    "bullets": "* " * N + "x",
    "authors": "Daily Papers\nTitle\n" + " " * N + "5 authors",
    "pipes": "|" * N,
    "table": "| a |\n|---|\n" + "| --- " * N,
    "cjk": "笔记" * N,
    "sentences": "Word. " * (N // 6),
    "urls": "https://arxiv.org/abs/" + "1" * N,
    "brackets": "[(" * N,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_lines_parse_in_linear_time(name):
    """Each input would take many seconds of CPU with a quadratic regex or scan; linear code needs milliseconds."""
    for fmt in (None, "markdown", "hf"):
        start = time.process_time()
        parse_text(PATHOLOGICAL[name], "x.md", fmt)
        assert time.process_time() - start < 1.5, (name, fmt)
