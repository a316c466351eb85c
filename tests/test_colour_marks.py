"""zotsync's colours cross its terminal-safe stdout as marks; text from outside (a title from
arXiv, a Zotero note) must not be able to spell one and so paint the terminal."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from zotsync.cli import _SafeStdout, style
from zotsync.untrusted import terminal_safe


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _printed(text: str, monkeypatch) -> str:
    monkeypatch.delenv("NO_COLOR", raising=False)
    stream = _Terminal()
    _SafeStdout(stream).write(text)
    return stream.getvalue()


def test_private_use_marks_in_outside_text_stay_inert(monkeypatch):
    title = "Evil \ue000green\ue0ff and \ue002red\ue0ff title"  # the old mark characters, bare
    out = _printed(f"{title} {style('ok', 'green')}\n", monkeypatch)
    assert out == ("Evil \\ue000green\\ue0ff and \\ue002red\\ue0ff title \x1b[32mok\x1b[0m\n")


def test_terminal_safe_shows_the_mark_block():
    assert terminal_safe("a\ue000b\ue0ffc\ue100") == "a\\ue000b\\ue0ffc\ue100"


@given(
    st.text(
        alphabet=st.characters(
            min_codepoint=0xDFF0, max_codepoint=0xE110, blacklist_categories=("Cs",)
        )
    )
)
def test_no_outside_text_around_the_mark_block_makes_an_escape(text):
    term = _Terminal()
    _SafeStdout(term).write(text)
    assert "\x1b" not in term.getvalue()
