"""The fast unified diff behind ``--dry-run``: a correct patch, and difflib's output for simple edits."""

from __future__ import annotations

import difflib
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from zotsync.notes.linediff import matching_blocks, unified_diff

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")


def patch(a: list[str], diff: list[str]) -> list[str]:
    """Apply a unified diff, checking every context and removed line against ``a``."""
    out: list[str] = []
    pos = 0
    for line in diff[2:]:
        m = HUNK.match(line)
        if m:
            start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
            out += a[pos:start]
            pos = start
            continue
        tag, text = line[0], line[1:]
        if tag in " -":
            assert a[pos] == text
            pos += 1
        if tag in " +":
            out.append(text)
    return out + a[pos:]


lines = st.lists(
    st.sampled_from(["", "a", "b", "c", "* x", "title 1", "title 2", "note"]), max_size=40
)


@settings(max_examples=examples(150), deadline=None)
@given(lines, lines)
def test_the_diff_patches_a_into_b(a, b):
    diff = list(unified_diff(a, b, "a/f", "b/f"))
    assert (diff == []) == (a == b)
    assert patch(a, diff) == b


@settings(max_examples=examples(100), deadline=None)
@given(
    st.lists(st.text("abc", min_size=1, max_size=3), max_size=30).map(
        lambda xs: [f"{i}:{x}" for i, x in enumerate(xs)]
    ),
    st.data(),
)
def test_a_single_edit_matches_difflib(a, data):
    i = data.draw(st.integers(0, len(a)))
    j = data.draw(st.integers(i, min(len(a), i + 3)))
    new = data.draw(st.lists(st.sampled_from(["new", "*", ""]), max_size=3))
    b = a[:i] + new + a[j:]
    ours = list(unified_diff(a, b, "a/f", "b/f"))
    theirs = list(difflib.unified_diff(a, b, "a/f", "b/f", lineterm=""))
    assert ours == theirs


def test_blocks_end_with_the_sentinel_and_cover_equal_lines():
    a = ["t1", "", "n1", "", "t2", "", "n2", ""]
    b = ["t1", "", "N1", "", "t2", "", "n2", ""]
    blocks = matching_blocks(a, b)
    assert blocks[-1] == (8, 8, 0)
    assert sum(n for _, _, n in blocks) == 7


def test_many_edits_in_a_big_list_are_fast_enough_to_be_linear():
    a = [line for i in range(5000) for line in (f"[P{i}](u{i})", "", f"note {i}", "")]
    b = list(a)
    for i in range(0, 5000, 10):
        b[4 * i + 2] = f"edited {i}"
    diff = list(unified_diff(a, b, "a/f", "b/f"))
    assert patch(a, diff) == b
    assert sum(1 for line in diff if line.startswith("@@")) == 500
