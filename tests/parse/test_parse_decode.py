"""read_text: encodings, binary refusal, size policy; every failure is an InputError with a hint."""

from __future__ import annotations

import os

import pytest

from zotsync.errors import InputError
from zotsync.parse import MAX_BYTES, parse_file, read_text

TEXT = "# 笔记\n\n[Attention Is All You Need](https://arxiv.org/abs/1706.03762) (经典)\n"


@pytest.mark.parametrize(
    "encoding,data,expected",
    [
        ("utf-8", TEXT.encode("utf-8"), "utf-8"),
        ("utf-8 BOM", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        ("utf-16 LE BOM", b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        ("utf-16 BE BOM", b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        ("gbk", TEXT.encode("gbk"), "gb18030"),
        ("gb18030", TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoding, data, expected):
    path = tmp_path / "list.md"
    path.write_bytes(data)
    assert read_text(path) == (TEXT, expected)
    entry = parse_file(path).entries[0]
    assert entry.arxiv_id == "1706.03762" and entry.notes == "经典" and entry.section == ("笔记",)


def test_utf16_without_bom_and_cp1252(tmp_path):
    (tmp_path / "a.md").write_bytes("Attention Is All You Need\n".encode("utf-16-le"))
    assert read_text(tmp_path / "a.md") == ("Attention Is All You Need\n", "utf-16-le")
    (tmp_path / "b.md").write_bytes("Caf\xe9 Models: A Survey\n".encode("cp1252"))
    assert read_text(tmp_path / "b.md") == ("Caf\xe9 Models: A Survey\n", "cp1252")


def test_crlf_lines_keep_numbers(tmp_path):
    (tmp_path / "a.md").write_bytes(
        b"## A\r\n\r\nFirst Paper Title Here\r\nSecond Paper Title Here\r\n"
    )
    entries = parse_file(tmp_path / "a.md").entries
    assert [(e.line, e.title, e.raw) for e in entries] == [
        (3, "First Paper Title Here", "First Paper Title Here"),
        (4, "Second Paper Title Here", "Second Paper Title Here"),
    ]


@pytest.mark.parametrize(
    "setup,message",
    [
        (lambda p: None, "cannot read {p}: no such file"),
        (lambda p: p.mkdir(), "cannot read {p}: it is a directory"),
        (
            lambda p: p.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary"),
            "cannot read {p}: it looks like a binary file",
        ),
        (
            lambda p: p.write_bytes(b"\x81\x30\xff\xfe\xfa" * 10),
            "cannot decode {p}: not UTF-8, UTF-16 or GB18030 text",
        ),
    ],
)
def test_unreadable_files_raise_input_error_with_hint(tmp_path, setup, message):
    path = tmp_path / "list.md"
    setup(path)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert info.value.message.startswith(message.format(p=path)) and info.value.hint
    assert info.value.exit_code == 3


def test_empty_and_blank_files_are_input_errors(tmp_path):
    for content in (b"", b"\n  \n\t\n", b"\xef\xbb\xbf"):
        (tmp_path / "e.md").write_bytes(content)
        with pytest.raises(InputError, match="is empty"):
            parse_file(tmp_path / "e.md")


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.md"
    with open(path, "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1000 * 1000)
    with pytest.raises(InputError, match=r"50\.0 MB is over the 20 MB limit") as info:
        read_text(path)
    assert "split the list" in info.value.hint
    assert os.path.getsize(path) > MAX_BYTES


def test_unreadable_permissions(tmp_path):
    path = tmp_path / "secret.md"
    path.write_text("A Paper Title Here\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(InputError, match="permission denied"):
            read_text(path)
    finally:
        path.chmod(0o644)
