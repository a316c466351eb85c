"""A Zotero edit to one paragraph of a note leaves the note's other lines byte-for-byte as the user wrote them.

Notes travel to Zotero as HTML, which collapses runs of spaces; a paragraph the user
did not touch in Zotero must not come back with its two spaces turned into one.
"""

from __future__ import annotations

from pathlib import Path

from twokit import setup_small

from zotsync.twoway.pull import pull

PROMPTSTYLER = "arxiv:2307.15199"
LIST = """# Reading

## Style

- [PromptStyler: Prompt-driven Style Generation for Source-free Domain Generalization](https://arxiv.org/abs/2307.15199)

  prompt domain generalization -> image domain generalization, without any images. 通过prompt  synthesize other style in vision-language space.

  a totally new training paradigm,   where we train a classifier using text features.
"""


def test_pull_keeps_the_bytes_of_paragraphs_edited_nowhere(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path, text=LIST)
    note = remote.item(keys[PROMPTSTYLER])["note"]
    assert "a totally new training paradigm" in note
    edited = note.replace("text features.", "text features. Edited in Zotero.")
    assert edited != note
    remote.edit(keys[PROMPTSTYLER], note=edited)

    pull([path], tconfig)

    after = Path(path).read_text(encoding="utf-8")
    assert "Edited in Zotero." in after
    assert "通过prompt  synthesize other style" in after  # untouched: two spaces, as written
    before_lines = LIST.splitlines()
    changed = [line for line in after.splitlines() if line not in before_lines]
    assert len(changed) == 1 and changed[0].endswith("Edited in Zotero."), changed
