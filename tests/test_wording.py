"""Counted nouns read as English: '1 entry', '2 entries' — never '1 entries', '1 file(s)'."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zotsync.wording import count, noun

PKG = Path(__file__).resolve().parent.parent / "zotsync"


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [
        (1, "entry", "1 entry"),
        (2, "entry", "2 entries"),
        (0, "file", "0 files"),
        (1, "new citation key", "1 new citation key"),
        (3, "new citation key", "3 new citation keys"),
        (1, "distinct paper", "1 distinct paper"),
        (2, "library", "2 libraries"),
        (2, "match", "2 matches"),
    ],
)
def test_count(n, word, expected):
    assert count(n, word) == expected


def test_verbs_agree():
    assert noun(1, "was") == "was" and noun(2, "was") == "were"
    assert noun(1, "is") == "is" and noun(4, "is") == "are"


# An f-string that puts a number before a fixed plural or a "(s)": wrong for one of them.
FIXED_PLURAL = re.compile(
    r"\{[^{}]*(?:len\(|\bn\b|total|missing|count)[^{}]*\}\s+"
    r"(?:new |distinct |resolved )?(?:entries|changes|files|papers|notes|keys|citation keys)\b"
    r"|\b(?!https?\()\w+\(s\)"
)


def test_no_message_hard_codes_a_plural_after_a_number():
    """The whole class: every user-facing f-string goes through zotsync.wording (emulators excepted)."""
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        if "emulators" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if (
                ('f"' in line or "f'" in line)
                and "plural" not in line
                and FIXED_PLURAL.search(line)
            ):
                offenders.append(f"{path.relative_to(PKG)}:{number}: {line.strip()}")
    assert offenders == []
