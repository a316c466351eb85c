"""Untrusted metadata stays inert TeX, even where ``@`` is a letter, and carries no invisible
characters (found by the hostile-strings property, tests/e2e/test_e2e_hostile_strings.py)."""

from __future__ import annotations

import re

import pytest

from zotsync.bibtex.latex import convert_text


@pytest.mark.parametrize(
    "text",
    ["\\@@input canary", "\\@input{canary}", "$\\alpha@input$", "\\ss@input x", "\\i@@input"],
)
def test_no_command_reads_a_file_where_at_is_a_letter(text):
    out = convert_text(text).text
    assert not re.search(r"\\@[@A-Za-z]|\\[A-Za-z]+@", out), out
    assert "input" in out  # the words stay, as text


def test_a_spacing_at_sign_stays():
    assert convert_text("e.g.\\@ more").text == "e.g.\\@ more"


@pytest.mark.parametrize("char", ["\u2060", "\u200b", "\u202e", "\x1b", "\x07", "\ufeff"])
def test_invisible_and_control_characters_never_reach_the_bib(char):
    out = convert_text(f"Ann{char} Lee").text
    assert out == "Ann Lee", out
