"""`zotsync bib` never destroys a user's .bib, keeps its line endings, and refuses folder-like outputs."""

from __future__ import annotations

import pytest
from bibworld import paper, resolved
from click.testing import CliRunner

from zotsync.bibtex.writer import foreign_text, line_ending, merge_bib
from zotsync.cli import cli
from zotsync.errors import InputError
from zotsync.model import Resolution, Status
from zotsync.resolve.lockfile import save_lock

LIST = """# Diffusion

- DART [paper](https://arxiv.org/abs/2410.08159)
- Some Unknown Paper Title About Things
"""

DART = paper(
    "DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
    "Jiatao Gu",
    "Laurens van der Maaten",
    arxiv_id="2410.08159",
    published="2024-10-10",
)

USER_ENTRY = "@article{mine2020,\r\n  title = {Mine},\r\n  year = 2020\r\n}\r\n"


@pytest.fixture
def project(in_tmp):
    (in_tmp / "list.md").write_text(LIST, encoding="utf-8")
    save_lock(
        in_tmp / "zotsync.lock",
        {
            "arxiv:2410.08159": resolved(DART),
            "title:some unknown paper title about things": Resolution(
                "title:some unknown paper title about things",
                Status.UNRESOLVED,
                reason="no candidate above threshold",
            ),
        },
    )
    return in_tmp


def _bib(*args: str):
    return CliRunner().invoke(cli, ["bib", "list.md", "--offline", *args])


def _assert_refused(result, *fragments: str) -> None:
    """The command raised InputError (the CLI boundary prints it as one `Error:` line, exit 3 - see tests/e2e)."""
    assert isinstance(result.exception, InputError), result.output
    assert result.exception.exit_code == 3
    for fragment in fragments:
        assert fragment in str(result.exception), str(result.exception)


# --------------------------------------------------------------------------- bug 2: no silent overwrite


def test_overwriting_a_users_own_bib_without_merge_is_refused_and_nothing_changes(project):
    mine = b"@article{mine2020,\n  title = {Mine},\n  year = 2020\n}\n"
    (project / "refs.bib").write_bytes(mine)
    lock_before = (project / "zotsync.lock").read_bytes()
    result = _bib("-o", "refs.bib")
    _assert_refused(
        result, "refs.bib has entries zotsync did not write", "'mine2020' on line 1", "use --merge"
    )
    assert (project / "refs.bib").read_bytes() == mine
    assert (project / "zotsync.lock").read_bytes() == lock_before  # no new key saved either


@pytest.mark.parametrize(
    "content",
    [
        "% my notes on what to cite\n",
        '@string{nips = "NeurIPS"}\n',
        "@article{x,\n  title = {never closed\n",
    ],
)
def test_a_file_with_anything_else_zotsync_did_not_write_is_refused_too(project, content):
    (project / "refs.bib").write_text(content, encoding="utf-8")
    _assert_refused(_bib("-o", "refs.bib"), "use --merge or another file")
    assert (project / "refs.bib").read_text(encoding="utf-8") == content


def test_zotsyncs_own_output_is_overwritten_including_placeholders(project):
    assert _bib("-o", "refs.bib", "--include-unresolved").exit_code == 0
    written = (project / "refs.bib").read_text(encoding="utf-8")
    assert "@misc{unresolved" in written
    again = _bib("-o", "refs.bib", "--style", "biblatex")
    assert again.exit_code == 0, again.output
    text = (project / "refs.bib").read_text(encoding="utf-8")
    assert (
        "@online{guDARTDenoisingAutoregressive2024," in text
        and "unresolved" not in text.split("}", 1)[1]
    )


def test_merge_still_accepts_a_users_bib(project):
    (project / "refs.bib").write_text("@article{mine2020,\n  title = {Mine}\n}\n", encoding="utf-8")
    assert _bib("-o", "refs.bib", "--merge").exit_code == 0
    assert (
        (project / "refs.bib")
        .read_text(encoding="utf-8")
        .startswith("@article{mine2020,\n  title = {Mine}\n}\n")
    )


def test_foreign_text_names_what_an_overwrite_would_lose():
    text = "@comment{Written by zotsync (`zotsync bib`).}\n\n@misc{a1,\n title={A}\n}\n@misc{b2,\n title={B}\n}\n% hi\n"
    assert foreign_text(text, {"a1", "b2"}) == ["text at the end"]
    assert foreign_text(text.replace("% hi\n", ""), {"a1"}) == ["'b2' on line 6"]
    assert foreign_text(text.replace("% hi\n", ""), {"a1", "b2"}) == []


# --------------------------------------------------------------------------- bug 3: CRLF kept by --merge


def test_merge_keeps_crlf_bytes_and_writes_new_entries_with_crlf(project):
    original = ("% my refs\r\n\r\n" + USER_ENTRY).encode()
    (project / "refs.bib").write_bytes(original)
    result = _bib("-o", "refs.bib", "--merge")
    assert result.exit_code == 0, result.output
    data = (project / "refs.bib").read_bytes()
    assert data.startswith(original)
    added = data[len(original) :]
    assert b"@misc{guDARTDenoisingAutoregressive2024," in added
    assert b"\n" not in added.replace(
        b"\r\n", b""
    )  # every line break is CRLF, like the user's file
    # idempotent: a second merge changes nothing
    assert _bib("-o", "refs.bib", "--merge").exit_code == 0
    assert (project / "refs.bib").read_bytes() == data


def test_merge_keeps_a_utf8_bom(project):
    original = "\ufeff@article{mine2020,\n  title = {M\u00fcller}\n}\n".encode()
    (project / "refs.bib").write_bytes(original)
    assert _bib("-o", "refs.bib", "--merge").exit_code == 0
    assert (project / "refs.bib").read_bytes().startswith(original)


def test_merge_bib_replaces_a_managed_entry_with_the_files_line_ending():
    existing = "@misc{k1,\r\n  title = {Old}\r\n}\r\n% tail\r\n"
    merged = merge_bib(existing, "@misc{k1,\n  title = {New}\n}\n")
    assert merged == "@misc{k1,\r\n  title = {New}\r\n}\r\n% tail\r\n"
    assert (
        line_ending("a\nb\r\n") == "\n"
        and line_ending("a\r\nb") == "\r\n"
        and line_ending("") == "\n"
    )


# --------------------------------------------------------------------------- bug 4: out/ is a folder


@pytest.mark.parametrize("output", ["adir2/", "adir2/refs.bib"])
def test_an_output_naming_a_missing_folder_is_refused_before_anything_is_written(project, output):
    lock_before = (project / "zotsync.lock").read_bytes()
    _assert_refused(_bib("-o", output), f"cannot write {output}")
    assert not (project / "adir2").exists()
    assert (project / "zotsync.lock").read_bytes() == lock_before


def test_an_existing_directory_as_output_is_refused(project):
    (project / "adir").mkdir()
    _assert_refused(_bib("-o", "adir/"), "cannot write adir/: it names a directory")
    _assert_refused(_bib("-o", "adir", "--merge"), "cannot write adir: it names a directory")
