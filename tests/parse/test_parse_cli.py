"""``zotsync parse`` as a user runs it: exit codes, exact error lines, --json shape, the tree."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zotsync.model import ENTRY_KINDS

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
KEYS = {
    "title",
    "section",
    "arxiv_id",
    "openreview_id",
    "doi",
    "venue",
    "notes",
    "abstract",
    "links",
    "source",
    "line",
}


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "zotsync", "parse", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "name,setup,error",
    [
        (
            "missing.md",
            lambda p: None,
            "Error: cannot read missing.md: no such file (check the path and the file name)",
        ),
        (
            "adir",
            lambda p: p.mkdir(),
            "Error: cannot read adir: it is a directory (name the reading-list files inside it, e.g. adir/*.md)",
        ),
        (
            "paper.pdf",
            lambda p: p.write_bytes(b"%PDF-1.7\n\x00\x00\x01binary"),
            "Error: cannot read paper.pdf: it looks like a binary file, not a text reading list "
            "(export the list as Markdown or plain text)",
        ),
        (
            "empty.md",
            lambda p: p.write_bytes(b""),
            "Error: empty.md is empty (add papers to the list, or name another file)",
        ),
        (
            "bad.md",
            lambda p: p.write_bytes(b"\x81\x30\xff\xfe\xfa" * 10),
            "Error: cannot decode bad.md: not UTF-8, UTF-16 or GB18030 text (re-save the file as UTF-8)",
        ),
    ],
)
def test_input_errors_exit_3_with_one_error_line(in_tmp, name, setup, error):
    setup(in_tmp / name)
    r = run(name, cwd=in_tmp)
    assert r.returncode == 3
    assert r.stderr.strip().splitlines() == [error]
    assert r.stdout == ""


def test_one_bad_file_among_good_ones_fails_the_command(in_tmp):
    shutil.copy(SEEDS / "000_f3a17fb8dc4736dd.txt", in_tmp / "a.md")
    r = run("a.md", "missing.md", "--json", cwd=in_tmp)
    assert r.returncode == 3 and r.stdout == "" and "missing.md" in r.stderr


@pytest.mark.parametrize(
    "encoding,bom", [("gbk", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")]
)
def test_chinese_encodings_parse(in_tmp, encoding, bom):
    text = (
        "## 解耦\n\nMoA: Mixture-of-Attention for Subject-Context Disentanglement (很有用的笔记)\n"
    )
    (in_tmp / "l.md").write_bytes(bom + text.encode(encoding))
    r = run("l.md", "--json", cwd=in_tmp)
    assert r.returncode == 0, r.stderr
    (entry,) = json.loads(r.stdout)
    assert (entry["section"], entry["notes"]) == (["解耦"], "很有用的笔记")
    assert entry["title"] == "MoA: Mixture-of-Attention for Subject-Context Disentanglement"


def test_json_shape_over_all_seeds(in_tmp):
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names:
        shutil.copy(SEEDS / name, in_tmp / name)
    r = run(*names, "--json", cwd=in_tmp)
    assert r.returncode == 0
    data = json.loads(r.stdout)  # stdout is pure JSON even though chrome was skipped
    assert len(data) == 38 + 97 + 119 + 39 + 64
    for obj in data:
        assert KEYS <= obj.keys()
        assert (
            isinstance(obj["title"], str)
            and isinstance(obj["section"], list)
            and isinstance(obj["notes"], str)
        )
        assert (
            isinstance(obj["links"], dict)
            and isinstance(obj["line"], int)
            and obj["source"] in names
        )
        assert obj["arxiv_id"] is None or "v" not in obj["arxiv_id"]
        assert obj["ident"] and obj["dialect"] in ("markdown", "awesome", "hf", "table")
        assert obj["kind"] in ENTRY_KINDS and isinstance(obj["ids"], list)
        for found in obj["ids"]:
            assert {"scheme", "value", "where", "line"} <= found.keys()
            assert found["where"] in ("link", "url", "text")
        if obj["arxiv_id"]:  # the main field is one of the ids found, with its source line
            assert any(f["scheme"] == "arxiv" and f["value"] == obj["arxiv_id"] for f in obj["ids"])
    assert [o["source"] for o in data] == sorted(
        o["source"] for o in data
    )  # files in order, lines in order
    broken = next(o for o in data if o["source"].startswith("004") and o["line"] == 41)
    assert broken["arxiv_id"] == "2410.05210" and broken["venue"] == "EMNLP"
    assert (
        "warning: 001_b36b5920c9660b6f.txt:1: skipped (page chrome): new" in r.stderr.splitlines()
    )


def test_text_tree_and_summary(in_tmp):
    shutil.copy(SEEDS / "000_f3a17fb8dc4736dd.txt", in_tmp / "notes.md")
    shutil.copy(SEEDS / "002_eac65c1a76fc0cb5.txt", in_tmp / "page.txt")
    r = run("notes.md", "page.txt", cwd=in_tmp)
    assert r.returncode == 0
    out = r.stdout.splitlines()
    assert out[0] == "notes.md  (markdown, utf-8)"
    # the § lines are the collections: seed 000's #### topics next to the lone ## heading
    assert "  § Language_based Detector" in out and "  § 解耦" in out
    assert any(line.startswith("    - OmniLabel") and "arXiv:2304.11463" in line for line in out)
    assert "notes.md: 38 entries, 0 skipped" in out and "page.txt: 119 entries, 3 skipped" in out
    assert out[-1] == "total: 157 entries, 3 skipped in 2 files"
    assert r.stderr.splitlines()[-1] == "warning: page.txt:3: skipped (page chrome): Subscribe"


def test_format_flag_and_help(in_tmp):
    (in_tmp / "l.md").write_text(
        "Paper Title Number One\n\n" + "An abstract sentence. " * 20 + "\n", encoding="utf-8"
    )
    r = run("l.md", "--format", "hf", "--json", cwd=in_tmp)
    assert r.returncode == 0 and json.loads(r.stdout)[0]["abstract"].startswith("An abstract")
    assert run("l.md", "--format", "rst", cwd=in_tmp).returncode == 2
    h = run("--help", cwd=in_tmp)
    assert h.returncode == 0 and "stderr" in h.stdout and "--json" in h.stdout


def test_fifty_megabyte_file_is_refused_at_once(in_tmp):
    with open(in_tmp / "dump.md", "wb") as fh:  # sparse file: 50 MB by size, no disk used
        fh.truncate(50 * 1000 * 1000)
    r = run("dump.md", cwd=in_tmp)
    assert r.returncode == 3
    assert r.stderr.strip() == (
        "Error: cannot read dump.md: 50.0 MB is over the 20 MB limit for a reading list "
        "(split the list into smaller files, or check that this is the right file)"
    )
