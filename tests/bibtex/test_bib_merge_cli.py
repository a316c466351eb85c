"""--merge keeps foreign text byte-for-byte; bad input never damages a file; the CLI end to end."""

from __future__ import annotations

import dataclasses
import stat
import subprocess
import sys

import pytest
from bibworld import paper, resolved
from click.testing import CliRunner

from zotsync.bibtex import merge_bib, write_atomic
from zotsync.bibtex.writer import entry_keys
from zotsync.cli import cli
from zotsync.errors import InputError
from zotsync.model import Resolution, Status
from zotsync.resolve.lockfile import load_lock, save_lock

FOREIGN = """% My hand-made bibliography -- keep   this spacing!
@string{nips = "Advances in Neural Information Processing Systems"}

@Article{ mine2020 ,
    title={Mine, {ALL} mine},
  journal = nips,
    year = 2020 }

@comment{ a comment with {braces} }
Some stray text BibTeX ignores.
@misc{guDARTDenoisingAutoregressive2024,
  title = {Old title},
  year = {2023}
}

@book(parenStyle, title = "Old School", year = 1999)
"""

RENDERED = """@comment{header}

@misc{guDARTDenoisingAutoregressive2024,
  title = {{DART}: New},
  year = {2024}
}

@misc{newKey2025,
  title = {Brand New},
  year = {2025}
}
"""


def test_merge_replaces_managed_entries_in_place_and_keeps_everything_else_byte_for_byte():
    merged = merge_bib(FOREIGN, RENDERED)
    before = FOREIGN[: FOREIGN.index("@misc{guDART")]
    after = FOREIGN[FOREIGN.index("year = {2023}\n}") + len("year = {2023}\n}") :]
    new_entry = (
        "@misc{guDARTDenoisingAutoregressive2024,\n  title = {{DART}: New},\n  year = {2024}\n}"
    )
    assert merged.startswith(before + new_entry + after)  # only the managed entry's text changed
    assert "Old title" not in merged
    assert merged.rstrip().endswith("@misc{newKey2025,\n  title = {Brand New},\n  year = {2025}\n}")
    assert "@comment{header}" not in merged  # the rendered header is not added to a user's file
    assert entry_keys(merged) == [
        "mine2020",
        "guDARTDenoisingAutoregressive2024",
        "parenStyle",
        "newKey2025",
    ]


def test_merge_is_idempotent():
    once = merge_bib(FOREIGN, RENDERED)
    assert merge_bib(once, RENDERED) == once


def test_merge_into_an_empty_file():
    assert entry_keys(merge_bib("", RENDERED)) == [
        "guDARTDenoisingAutoregressive2024",
        "newKey2025",
    ]


@pytest.mark.parametrize(
    "broken, where",
    [
        ("@article{x,\n  title = {unclosed\n", "line 1"),
        ("ok\n\n@article{title = {no key}}\n", "line 3"),
        ("@article{x, title = {a} year = 2}\n", "'x' on line 1"),
    ],
)
def test_unparseable_bib_is_an_input_error_naming_the_line(broken, where):
    with pytest.raises(InputError) as err:
        merge_bib(broken, RENDERED, source="refs.bib")
    assert where in str(err.value) and "refs.bib" in str(err.value)


def test_write_atomic_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new ü")
    assert target.read_text(encoding="utf-8") == "new ü"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]  # no temp file left behind


def test_write_atomic_errors(tmp_path):
    with pytest.raises(InputError, match="directory"):
        write_atomic(tmp_path, "x")
    with pytest.raises(InputError, match="cannot write"):
        write_atomic(tmp_path / "no" / "such" / "dir" / "refs.bib", "x")


# --------------------------------------------------------------------------- CLI

LIST = """# Diffusion Model

## Text-to-Image

- DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation [paper](https://arxiv.org/abs/2410.08159)

# LVLMs

- DART again [paper](https://arxiv.org/abs/2410.08159v2)
- Some Unknown Paper Title About Things
"""

DART = paper(
    "DART: Denoising Autoregressive Transformer for Scalable Text-to-Image Generation",
    "Jiatao Gu",
    "Laurens van der Maaten",
    arxiv_id="2410.08159",
    published="2024-10-10",
)


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
    return CliRunner().invoke(cli, ["bib", *args], catch_exceptions=False)


def test_cli_writes_bib_saves_new_key_to_lock_and_reports_left_out(project):
    result = _bib("list.md", "-o", "refs.bib", "--offline")
    assert result.exit_code == 0, result.output
    text = (project / "refs.bib").read_text(encoding="utf-8")
    assert "@misc{guDARTDenoisingAutoregressive2024," in text
    assert "keywords = {Diffusion Model, Text-to-Image, LVLMs}" in text
    assert "author = {Gu, Jiatao and van der Maaten, Laurens}" in text
    assert (
        load_lock(project / "zotsync.lock")["arxiv:2410.08159"].citation_key
        == "guDARTDenoisingAutoregressive2024"
    )
    assert "1 entry written to refs.bib (1 new citation key saved to zotsync.lock)" in result.stderr
    assert "list.md:10  [unresolved] Some Unknown Paper Title About Things" in result.stderr


def test_cli_second_run_changes_nothing_and_stdout_output(project):
    assert _bib("list.md", "-o", "refs.bib", "--offline").exit_code == 0
    lock_before = (project / "zotsync.lock").read_bytes()
    bib_before = (project / "refs.bib").read_bytes()
    again = _bib("list.md", "-o", "-", "--offline")
    assert again.exit_code == 0
    assert again.stdout.encode() == bib_before
    assert (project / "zotsync.lock").read_bytes() == lock_before


def test_cli_json_is_the_summary_as_one_object(project):
    import json

    result = _bib("list.md", "-o", "refs.bib", "--offline", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["output"] == "refs.bib" and data["keys"] == ["guDARTDenoisingAutoregressive2024"]
    assert data["new_keys"] == data["keys"] and data["lock"] == "zotsync.lock"
    (left,) = data["left_out"]
    assert left["where"] == "list.md:10" and left["status"] == "unresolved"
    assert left["user_choice"] is False
    assert "entry written" not in result.stderr  # the summary is the JSON, not stderr lines
    assert "@misc{guDARTDenoisingAutoregressive2024," in (project / "refs.bib").read_text()

    to_stdout = json.loads(_bib("list.md", "-o", "-", "--offline", "--json").stdout)
    assert to_stdout["text"] == (project / "refs.bib").read_text(encoding="utf-8")
    assert to_stdout["new_keys"] == []


def test_cli_merge_keeps_foreign_entries_and_avoids_their_keys(project):
    foreign = (
        "@misc{guDARTDenoisingAutoregressive2024x,\n  title = {unrelated}\n}\n\n"
        "@misc{GUdartdenoisingautoregressive2024,\n  title = {someone else's key}\n}\n"
    )
    (project / "refs.bib").write_text(foreign, encoding="utf-8")
    result = _bib("list.md", "-o", "refs.bib", "--offline", "--merge", "--style", "biblatex")
    assert result.exit_code == 0, result.output
    text = (project / "refs.bib").read_text(encoding="utf-8")
    assert text.startswith(foreign)
    assert "@online{guDARTDenoisingAutoregressive2024a," in text  # the user's own key was taken


def test_cli_merge_into_unparseable_bib_fails_and_leaves_everything_untouched(project):
    broken = "@article{x,\n  title = {never closed\n"
    (project / "refs.bib").write_text(broken)
    lock_before = (project / "zotsync.lock").read_bytes()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "zotsync",
            "bib",
            "list.md",
            "-o",
            "refs.bib",
            "--offline",
            "--merge",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 3
    assert proc.stderr.startswith("Error: refs.bib: the entry starting on line 1 is not closed")
    assert "Traceback" not in proc.stderr
    assert (project / "refs.bib").read_text() == broken
    assert (project / "zotsync.lock").read_bytes() == lock_before


TWO = "- DART [paper](https://arxiv.org/abs/2410.08159)\n- Attention [paper](https://arxiv.org/abs/1706.03762)\n"
ATTENTION = paper(
    "Attention Is All You Need", "Ashish Vaswani", arxiv_id="1706.03762", published="2017-06-12"
)


def _relock(folder, dart_title: str, attention_title: str) -> None:
    lock = load_lock(folder / "zotsync.lock")
    for ident, title in (("arxiv:2410.08159", dart_title), ("arxiv:1706.03762", attention_title)):
        res = lock[ident]
        lock[ident] = dataclasses.replace(res, paper=dataclasses.replace(res.paper, title=title))
    save_lock(folder / "zotsync.lock", lock)


def test_hand_edits_are_told_from_zotsync_s_own_changes(tmp_path):
    from zotsync.bibtex.fingerprints import entry_hash, hand_edited, load_record, record_path

    old, new, mine = (
        "@misc{k,\n  title = {Old}\n}",
        "@misc{k,\n  title = {New}\n}",
        "@misc{k,\n  title = {Mine}\n}",
    )
    record = {"k": entry_hash(old)}
    assert entry_hash(old.replace("\n", "\r\n") + "  \n") == entry_hash(
        old
    )  # line endings are not edits
    assert hand_edited({"k": old}, {"k": new}, record) == set()  # zotsync's own update
    assert hand_edited({"k": mine}, {"k": new}, record) == {"k"}
    assert (
        hand_edited({"k": new}, {"k": new}, record) == set()
    )  # the user typed what zotsync writes now
    assert hand_edited({"k": mine}, {"k": new}, {}) == set()  # no record: zotsync's, as before
    path = record_path(tmp_path, str(tmp_path / "refs.bib"))
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_record(path) == {}
    assert record_path(tmp_path, "a/refs.bib") != record_path(tmp_path, "b/refs.bib")


def test_an_entry_edited_by_hand_in_the_bib_survives_the_next_run_and_is_reported(in_tmp):
    """The user fixes an entry in refs.bib; new metadata arrives for both papers: the edited entry stays as the user
    left it (and is named), the other one is updated; a plain overwrite is refused; deleting the entry brings
    zotsync's version back."""
    (in_tmp / "list.md").write_text(TWO, encoding="utf-8")
    save_lock(
        in_tmp / "zotsync.lock",
        {"arxiv:2410.08159": resolved(DART), "arxiv:1706.03762": resolved(ATTENTION)},
    )
    assert _bib("list.md", "-o", "refs.bib", "--offline").exit_code == 0
    bib = in_tmp / "refs.bib"
    mine = "title = {{DART}: My Own Capitalisation},\n  note = {read twice},"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "title = {{DART}: Denoising Autoregressive Transformer for Scalable {Text-to-Image} Generation},",
            mine,
        ),
        encoding="utf-8",
    )
    _relock(
        in_tmp,
        "DART: Denoising Autoregressive Transformer, Revised",
        "Attention Is All You Need, Revised",
    )
    edited = bib.read_bytes()
    assert mine.encode() in edited, edited.decode()

    refused = subprocess.run(
        [sys.executable, "-m", "zotsync", "bib", "list.md", "-o", "refs.bib", "--offline"],
        cwd=in_tmp,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 3 and "guDARTDenoisingAutoregressive2024" in refused.stderr, (
        refused.stderr
    )
    assert "Traceback" not in refused.stderr
    assert bib.read_bytes() == edited

    for _ in range(2):  # kept on every run, and said each time
        merged = _bib("list.md", "-o", "refs.bib", "--offline", "--merge")
        assert merged.exit_code == 0, merged.output
        text = bib.read_text(encoding="utf-8")
        assert mine in text and "Revised}" not in text.split("@misc{vaswani")[0]
        assert "title = {Attention Is All You Need, Revised}" in text
        assert "1 entry you edited by hand in refs.bib kept as it is" in merged.stderr
        assert "guDARTDenoisingAutoregressive2024" in merged.stderr

    bib.write_text(
        text[text.index("@misc{vaswani") :], encoding="utf-8"
    )  # the user deletes their version
    back = _bib("list.md", "-o", "refs.bib", "--offline", "--merge")
    assert back.exit_code == 0 and "edited by hand" not in back.stderr
    assert "title = {{DART}: Denoising Autoregressive Transformer, Revised}" in bib.read_text(
        encoding="utf-8"
    )


def test_cli_unwritable_output_is_an_input_error(project):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "zotsync",
            "bib",
            "list.md",
            "-o",
            "missing/dir/refs.bib",
            "--offline",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 3
    assert proc.stderr.startswith("Error: cannot write missing/dir/refs.bib")


def test_cli_without_offline_resolves_what_the_lock_lacks_first(
    in_tmp, monkeypatch, arxiv_emulator, s2_emulator, hf_emulator
):
    """Against the emulators: an id-linked entry missing from the lock is fetched, keyed, written."""
    for var, server in (
        ("ZOTSYNC_ARXIV_URL", arxiv_emulator),
        ("ZOTSYNC_S2_URL", s2_emulator),
        ("ZOTSYNC_HF_URL", hf_emulator),
    ):
        monkeypatch.setenv(var, server.url)
    (in_tmp / "list.md").write_text(
        "# Robustness\n\n- Fine-Tuning can Distort Pretrained Features [paper](https://arxiv.org/abs/2202.10054)\n",
        encoding="utf-8",
    )
    result = _bib("list.md", "-o", "refs.bib")
    assert result.exit_code == 0, result.output
    assert "resolved 1 new entry first" in result.stderr
    text = (in_tmp / "refs.bib").read_text(encoding="utf-8")
    assert "@misc{kumarFineTuningCanDistort2022," in text and "eprint = {2202.10054}" in text
    assert (
        load_lock(in_tmp / "zotsync.lock")["arxiv:2202.10054"].citation_key
        == "kumarFineTuningCanDistort2022"
    )
    assert any(r["path"].endswith("/api/query") for r in arxiv_emulator.log)


# --------------------------------------------------------------------------- merge (property)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis_profiles import examples

_GAP = st.sampled_from(
    ["\n", "\n\n", "\n% a comment\n", "\nstray text\n\n", "\n@comment{note {x}}\n", "  \n"]
)
_KEYS = st.sampled_from(["mine2020", "guDART2024", "Smith99", "other:key", "newKey2025"])
_BODY = st.sampled_from(
    ["title = {A}", 'title = "B {c}", year = 2001', "author = {X and Y},\n  note = {%}"]
)


@st.composite
def _bib_file(draw):
    blocks = draw(st.lists(st.tuples(_KEYS, _BODY, _GAP), max_size=6, unique_by=lambda t: t[0]))
    return draw(_GAP) + "".join(f"@article{{{k},\n  {b}\n}}{g}" for k, b, g in blocks)


@settings(max_examples=examples(80), deadline=None)
@given(existing=_bib_file(), managed=st.lists(_KEYS, min_size=1, max_size=3, unique=True))
def test_merge_changes_only_managed_entries(existing, managed):
    rendered = "".join(f"@misc{{{k},\n  title = {{managed {k}}}\n}}\n\n" for k in managed)
    merged = merge_bib(existing, rendered)
    # Blank out every managed entry's text: what is left must be the user's file, unchanged.
    from zotsync.bibtex.writer import split_blocks

    def without_managed(text: str) -> str:
        out, pos = [], 0
        for block in split_blocks(text):
            if block.key in managed:
                out.append(text[pos : block.start])
                pos = block.end
        return "".join(out) + text[pos:]

    assert without_managed(merged).rstrip("\n") == without_managed(existing).rstrip("\n")
    assert sorted(k for k in entry_keys(merged) if k in managed) == sorted(managed)
    assert merge_bib(merged, rendered) == merged
