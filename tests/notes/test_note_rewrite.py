"""Rewriting one note changes only that note's bytes: all five seed lists, several encodings
and line-ending conventions, inserts, deletes, inline ( … ) notes, several edits at once."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import pytest

from zotsync.errors import InputError, RefusedError
from zotsync.notes.rewrite import BlockNoteEdit, InlineNoteEdit, apply_edit, apply_edits, diff_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))
NEW_NOTE = "新的笔记：edited in Zotero\n\n* point **one** <T>\n* point two"

# (name, python codec used to write the file, BOM bytes, the encoding name zotsync's parser reports)
ENCODINGS = [
    ("utf-8", "utf-8", b"", "utf-8"),
    ("utf-8-bom", "utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le-bom", "utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be-bom", "utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("gb18030", "gb18030", b"", "gb18030"),
]
ENDINGS = {
    "lf": lambda i: "\n",
    "crlf": lambda i: "\r\n",
    "mixed": lambda i: ("\r\n", "\n", "\n")[i % 3],
    "cr": lambda i: "\r",  # old Mac files: bare CR ends lines only in a file without LF
}


@dataclass
class Variant:
    """A seed written in one encoding and ending style, with each line's exact bytes known."""

    data: bytes
    encoding: str
    codec: str
    texts: list[str]
    eols: list[str]
    chunks: list[bytes]  # bytes of each line incl. its ending; BOM not included
    bom: bytes

    def offset(self, index: int) -> int:
        """Byte offset of 0-based line ``index`` (== len(data) past the end)."""
        return len(self.bom) + sum(len(c) for c in self.chunks[:index])


def make_variant(seed: Path, enc: tuple, ending: str) -> Variant:
    _, codec, bom, encoding = enc
    raw = seed.read_text(encoding="utf-8")
    texts = raw.split("\n")
    final_newline = raw.endswith("\n")
    if final_newline:
        texts.pop()
    eols = [ENDINGS[ending](i) for i in range(len(texts))]
    if not final_newline:
        eols[-1] = ""  # keep the seed's missing final newline (001, 003)
    chunks = [(t + e).encode(codec) for t, e in zip(texts, eols)]
    return Variant(bom + b"".join(chunks), encoding, codec, texts, eols, chunks, bom)


def middle_span(v: Variant) -> tuple[int, int]:
    """A 1-based span of two to three lines in the middle of the file, starting on a text line."""
    mid = len(v.texts) // 2
    while not v.texts[mid].strip():
        mid += 1
    return (mid + 1, min(mid + 3, len(v.texts)))


def check_only_span_changed(
    v: Variant, new: bytes, first: int, stop: int, expected_lines: list[tuple[str, str]]
):
    """Bytes before line ``first`` and from line ``stop`` on (0-based) are the old bytes; between is
    exactly ``expected_lines`` (text, ending) in the file's encoding."""
    start, end = v.offset(first), v.offset(stop)
    assert new[:start] == v.data[:start]
    tail = v.data[end:]
    assert new[len(new) - len(tail) :] == tail
    middle = new[start : len(new) - len(tail)]
    assert middle == "".join(t + e for t, e in expected_lines).encode(v.codec)


cases = [(s, e, n) for s in SEEDS for e in ENCODINGS for n in ENDINGS]
ids = [f"{s.name[:3]}-{e[0]}-{n}" for s, e, n in cases]


@pytest.mark.parametrize("seed,enc,ending", cases, ids=ids)
def test_replace_block_notes_changes_only_those_bytes(seed, enc, ending):
    v = make_variant(seed, enc, ending)
    first, last = middle_span(v)
    new = apply_edit(v.data, v.encoding, BlockNoteEdit(NEW_NOTE, span=(first, last)))
    note = NEW_NOTE.split("\n")
    nl = v.eols[first - 1]
    expected = [(t, nl) for t in note[:-1]] + [(note[-1], v.eols[last - 1])]
    check_only_span_changed(v, new, first - 1, last, expected)


@pytest.mark.parametrize("seed,enc,ending", cases, ids=ids)
def test_replace_last_lines_keeps_the_files_final_newline_or_its_absence(seed, enc, ending):
    v = make_variant(seed, enc, ending)
    n = len(v.texts)
    new = apply_edit(v.data, v.encoding, BlockNoteEdit("last words", span=(n, n)))
    check_only_span_changed(v, new, n - 1, n, [("last words", v.eols[-1])])


@pytest.mark.parametrize("seed,enc,ending", cases, ids=ids)
def test_insert_then_delete_restores_every_byte(seed, enc, ending):
    """Insert notes under an entry followed by a blank line, delete them: the original bytes.

    In a list without blank lines (002) the insertion also adds the blank line that
    separates the notes from the next entry, and deleting keeps one blank line there.
    """
    v = make_variant(seed, enc, ending)
    anchors = [
        i + 1
        for i in range(len(v.texts) // 3, len(v.texts) - 1)
        if v.texts[i].strip() and not v.texts[i + 1].strip()
    ]
    anchor = anchors[0] if anchors else len(v.texts) // 2
    gap = not anchors
    inserted = apply_edit(v.data, v.encoding, BlockNoteEdit(NEW_NOTE, after_line=anchor))
    nl = v.eols[anchor - 1]
    body = [("", nl)] + [(t, nl) for t in NEW_NOTE.split("\n")] + ([("", nl)] if gap else [])
    check_only_span_changed(v, inserted, anchor, anchor, body)
    count = NEW_NOTE.count("\n") + 1
    restored = apply_edit(
        inserted,
        v.encoding,
        BlockNoteEdit("", span=(anchor + 2, anchor + 1 + count), expected=NEW_NOTE),
    )
    if gap:
        check_only_span_changed(v, restored, anchor, anchor, [("", nl)])
    else:
        assert restored == v.data


@pytest.mark.parametrize("seed,enc,ending", cases, ids=ids)
def test_insert_after_the_last_line(seed, enc, ending):
    v = make_variant(seed, enc, ending)
    n = len(v.texts)
    inserted = apply_edit(v.data, v.encoding, BlockNoteEdit("tail note", after_line=n))
    assert inserted.startswith(v.data[: v.offset(n - 1)])
    lines = inserted[len(v.bom) :].decode(v.codec)
    assert lines.endswith("tail note" + (v.eols[-1] and v.eols[-1]))
    assert apply_edit(inserted, v.encoding, BlockNoteEdit("", span=(n + 2, n + 2))) == v.data


@pytest.mark.parametrize("enc", ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_inline_note_on_an_awesome_list_line(enc, ending):
    v = make_variant(SEEDS[4], enc, ending)
    line = v.texts[4]  # 1. arXiv [DART: ...](...) (提出DART文生图框架，...) ␠
    start = line.index("(提出") + 1
    end = line.index(")", start)
    new = apply_edit(
        v.data,
        v.encoding,
        InlineNoteEdit(5, start, end, "新的笔记 **bold**", expected=line[start:end]),
    )
    check_only_span_changed(
        v, new, 4, 5, [(line[:start] + "新的笔记 **bold**" + line[end:], v.eols[4])]
    )
    assert line.endswith(
        ") "
    )  # the trailing space after the note survives, as every other byte does


def test_inline_delete_and_insert_round_trip():
    v = make_variant(SEEDS[4], ENCODINGS[0], "lf")
    line = v.texts[4]
    start = line.index("(提出") + 1
    end = line.index(")", start)
    deleted = apply_edit(v.data, "utf-8", InlineNoteEdit(5, start, end, ""))
    new_line = deleted.decode().split("\n")[4]
    assert new_line == line[: start - 2] + line[end + 1 :]
    insert_at = start - 2
    restored = apply_edit(
        deleted, "utf-8", InlineNoteEdit(5, insert_at, insert_at, line[start:end])
    )
    assert restored == v.data


def test_inline_note_with_fullwidth_parentheses_deleted_with_them():
    data = "1. [T](https://arxiv.org/abs/2410.08159) （中文笔记） [[Code](x)]\n".encode()
    text = data.decode()
    start = text.index("（") + 1
    out = apply_edit(data, "utf-8", InlineNoteEdit(1, start, text.index("）"), ""))
    assert out.decode() == "1. [T](https://arxiv.org/abs/2410.08159) [[Code](x)]\n"


def test_several_edits_in_one_file_equal_one_by_one_from_the_bottom():
    v = make_variant(SEEDS[0], ENCODINGS[0], "crlf")
    edits = [
        BlockNoteEdit("top note", span=(7, 9)),
        BlockNoteEdit("inserted", after_line=21),
        BlockNoteEdit("", span=(13, 15)),
    ]
    together = apply_edits(v.data, v.encoding, edits)
    one_by_one = v.data
    for edit in sorted(edits, key=lambda e: (e.span or (e.after_line + 1,))[0], reverse=True):
        one_by_one = apply_edit(one_by_one, v.encoding, edit)
    assert together == one_by_one
    text = together.decode()
    assert (
        "top note\r\n" in text
        and "inserted\r\n" in text
        and "prompt domain generalization" not in text
    )
    assert "\n" not in text.replace("\r\n", "")  # still pure CRLF


def test_several_inline_edits_on_one_line_and_block_edits_elsewhere():
    data = b"1. [A](u) (note a) [B](v) (note b)\n\nsome notes\n"
    line = data.decode().split("\n")[0]
    a, b = line.index("note a"), line.index("note b")
    out = apply_edits(
        data,
        "utf-8",
        [
            InlineNoteEdit(1, a, a + 6, "AA"),
            InlineNoteEdit(1, b, b + 6, "BB"),
            BlockNoteEdit("other", span=(3, 3)),
        ],
    )
    assert out == b"1. [A](u) (AA) [B](v) (BB)\n\nother\n"


def test_overlapping_edits_are_refused():
    v = make_variant(SEEDS[0], ENCODINGS[0], "lf")
    with pytest.raises(ValueError, match="overlap"):
        apply_edits(
            v.data, "utf-8", [BlockNoteEdit("a", span=(7, 9)), BlockNoteEdit("b", span=(9, 11))]
        )


def test_a_file_changed_since_it_was_read_is_not_written():
    v = make_variant(SEEDS[0], ENCODINGS[0], "lf")
    with pytest.raises(RefusedError, match="changed since"):
        apply_edit(v.data, "utf-8", BlockNoteEdit("x", span=(7, 9), expected="something else"))
    # the parser's notes (trailing spaces stripped) are accepted
    ok = apply_edit(
        v.data, "utf-8", BlockNoteEdit("x", span=(7, 9), expected=v.texts[6] + "\n\n" + v.texts[8])
    )
    assert b"\nx\n" in ok


def test_block_notes_keep_their_indentation():
    data = b"1. [T](u)\n\n   old note\n   * bullet\n\n2. next\n"
    out = apply_edit(data, "utf-8", BlockNoteEdit("new\n\n* b", span=(3, 4)))
    assert out == b"1. [T](u)\n\n   new\n\n   * b\n\n2. next\n"


def test_insert_before_a_non_blank_line_adds_a_separating_blank():
    data = b"1. [A](u)\n2. [B](v)\n"
    out = apply_edit(data, "utf-8", BlockNoteEdit("note", after_line=1, indent="   "))
    assert out == b"1. [A](u)\n\n   note\n\n2. [B](v)\n"


def test_characters_the_encoding_cannot_hold_are_refused_before_writing():
    data = "标题\n\n笔记\n".encode("gbk")
    with pytest.raises(InputError, match="cannot write"):
        apply_edit(data, "gbk", BlockNoteEdit("emoji 😀", span=(3, 3)))
    assert (
        apply_edit(data, "gb18030", BlockNoteEdit("emoji 😀", span=(3, 3))).decode("gb18030")
        == "标题\n\nemoji 😀\n"
    )


def test_undecodable_bytes_are_refused():
    with pytest.raises(InputError, match="not valid utf-8"):
        apply_edit(b"ok\n\xff\xfe bad\n", "utf-8", BlockNoteEdit("x", span=(1, 1)))


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding"):
        apply_edit(b"x\n", "klingon-8", BlockNoteEdit("y", span=(1, 1)))


def test_span_outside_the_file_is_a_programming_error():
    with pytest.raises(ValueError):
        apply_edit(b"x\n", "utf-8", BlockNoteEdit("y", span=(2, 3)))


def test_diff_text_for_dry_run():
    v = make_variant(SEEDS[0], ENCODINGS[1], "crlf")
    new = apply_edit(v.data, v.encoding, BlockNoteEdit("new note", span=(7, 7)))
    diff = diff_text(v.data, new, v.encoding, "notes.md")
    assert diff.startswith("--- a/notes.md\n+++ b/notes.md\n@@ -4,7 +4,7 @@\n")
    assert "-可能有用的结论\n+new note\n" in diff
    assert "\r" not in diff
    assert diff_text(v.data, v.data, v.encoding, "notes.md") == ""
    only_endings = v.data.replace(b"\r\n", b"\n")
    assert "only line endings" in diff_text(v.data, only_endings, v.encoding, "notes.md")


@pytest.mark.parametrize(
    "text",
    [
        *(s.read_text(encoding="utf-8") for s in SEEDS),
        "a\rb\nc\r\n",
        "a\rb\rc",
        "x\n\n",
        "one line",
        "crlf\r\n\r\nend",
    ],
)
def test_line_numbers_are_the_parsers(text):
    """A notes_span from the parser must point at the same lines here."""
    from zotsync.notes.lines import line_texts
    from zotsync.parse.lines import split_lines as parser_lines

    assert line_texts(text.encode("utf-8"), "utf-8") == [line.text for line in parser_lines(text)]


def test_bare_cr_inside_a_line_of_an_lf_file_is_kept():
    data = b"title\n\nnote with \r inside\nnext\n"
    out = apply_edit(data, "utf-8", BlockNoteEdit("new", span=(4, 4)))
    assert out == b"title\n\nnote with \r inside\nnew\n"
