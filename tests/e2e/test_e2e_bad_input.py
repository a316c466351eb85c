"""Every command meets bad input the way a user makes it: one ``Error:`` line, the documented exit code, no traceback,
and nothing written (no lock, no .bib, no sync state, the list and the lock byte-for-byte as they were)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from e2ekit import assert_error, assert_ok, tree_state, writes, zotero_get, zotsync, zotsync_all

# Each command as a user types it (after the list path), with what it would otherwise write.
COMMANDS = {
    "parse": ["parse"],
    "resolve": ["resolve"],
    "bib": ["bib", "-o", "out.bib"],
    "push": ["push", "--yes"],
    "sync": ["sync", "--yes", "--bib", "out.bib"],
    "pull": ["pull", "--yes"],
    "status": ["status"],
}
NEEDS_CONFIG = [c for c in COMMANDS if c != "parse"]
SLOW = (
    pytest.mark.slow
)  # the full command x input matrix runs in CI (-m slow); the default run keeps one of each kind
NEEDS_LOCK = ["resolve", "bib", "push", "sync", "pull", "status"]


def invocation(command: str, list_arg: str = "list.md") -> tuple[str, ...]:
    first, *rest = COMMANDS[command]
    return (first, list_arg, *rest)


def make_bad_lists(root: Path) -> dict[str, tuple[str, str]]:
    """name -> (path argument, fragment the error must contain)."""
    (root / "notes").mkdir()
    (root / "binary.md").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    )
    (root / "empty.md").write_bytes(b"")
    return {
        "missing": ("nope.md", "nope.md"),
        "binary": ("binary.md", "binary"),
        "empty": ("empty.md", "empty"),
    }


@pytest.mark.parametrize(
    "command",
    [c if c in ("parse", "push", "sync") else pytest.param(c, marks=SLOW) for c in COMMANDS],
)
def test_missing_binary_and_empty_lists_exit_3_and_write_nothing(command, workdir, env, services):
    bad = make_bad_lists(workdir)
    before = tree_state(workdir)
    results = zotsync_all(
        [invocation(command, arg) for arg, _ in bad.values()], cwd=workdir, env=env
    )
    for (name, (_, fragment)), r in zip(bad.items(), results):
        assert_error(r, 3, fragment)
        assert r.stdout == "", (name, r.stdout)
    assert tree_state(workdir) == before
    assert all(writes(s) == [] for s in services.values())


@pytest.mark.parametrize(
    "command", ["sync", *(pytest.param(c, marks=SLOW) for c in ("parse", "resolve", "push"))]
)
def test_a_directory_is_an_input_error_that_names_it(command, workdir, env):
    (workdir / "notes").mkdir()
    before = tree_state(workdir)
    r = zotsync(*invocation(command, "notes"), cwd=workdir, env=env)
    assert_error(r, 3, "notes", "directory")
    assert tree_state(workdir) == before


def _encoded_copies(workdir: Path) -> dict[str, Path]:
    text = (workdir / "list.md").read_text(encoding="utf-8")
    out = {}
    for codec in ("gb18030", "utf-16"):
        path = workdir / f"list-{codec}.md"
        path.write_bytes(text.encode(codec))
        out[codec] = path
    return out


def _read_alike(entry: dict) -> dict:
    """An entry without what names its file (the source, the root collection named after it)."""
    return {k: v for k, v in entry.items() if k != "source"} | {
        "collection": entry["collection"][1:]
    }


def test_gb18030_and_utf16_lists_read_exactly_like_the_utf8_list(workdir, env):
    reference = zotsync("parse", "list.md", "--json", cwd=workdir, env=env)
    assert_ok(reference)
    want = [_read_alike(e) for e in json.loads(reference.stdout)]
    assert any(e["section"][-1] == "解耦" for e in want) and any(
        "合成数据" in (e["notes"] or "") for e in want
    )
    for codec, path in _encoded_copies(workdir).items():
        before = path.read_bytes()
        r = zotsync("parse", path.name, "--json", cwd=workdir, env=env)
        assert_ok(r)
        got = [_read_alike(e) for e in json.loads(r.stdout)]
        assert got == want, codec
        assert path.read_bytes() == before


@SLOW
def test_a_gb18030_list_resolves_and_pushes_with_its_chinese_intact(workdir, env, services):
    path = _encoded_copies(workdir)["gb18030"]
    before = path.read_bytes()
    assert_ok(zotsync("resolve", path.name, cwd=workdir, env=env))
    pushed = zotsync("push", path.name, "--yes", "--json", cwd=workdir, env=env)
    assert_ok(pushed)
    report = json.loads(pushed.stdout)
    assert report["applied"] and report["result"]["failed"] == []
    assert report["counts"]["items"]["create"] == 5
    names = {c["data"]["name"] for c in zotero_get(services["zotero"], "/collections?limit=100")}
    assert {"阅读笔记", "解耦", "Data Scale"} <= names
    notes = [
        i["data"]["note"]
        for i in zotero_get(services["zotero"], "/items?limit=100")
        if i["data"]["itemType"] == "note"
    ]
    assert any("合成数据也能学到很好的表征" in n for n in notes)
    assert path.read_bytes() == before  # push never rewrites the list


# --------------------------------------------------------------------------- configuration


def test_a_malformed_config_file_is_exit_4_for_every_command_that_reads_it(workdir, env, services):
    (workdir / "zotsync.toml").write_text("[zotero\nlibrary_id = 1\n", encoding="utf-8")
    before = tree_state(workdir)
    for r in zotsync_all([invocation(c) for c in NEEDS_CONFIG], cwd=workdir, env=env):
        assert_error(r, 4, "zotsync.toml", "not valid TOML", "config.example.toml")
    assert tree_state(workdir) == before
    assert all(
        s.log == [] for s in services.values()
    )  # a bad config stops the run before any request


@pytest.mark.parametrize(
    "toml, fragment",
    [
        ("[zotero]\nlibrary_idd = 1\n", "zotero.library_idd"),
        pytest.param("[zoter]\nlibrary_id = 1\n", "[zoter]", marks=SLOW),
        pytest.param('[resolve]\nthreshold = "high"\n', "resolve.threshold", marks=SLOW),
        pytest.param(
            '[zotero]\napi_key = "Zk9SECRETsecret1234abcd\n', "not valid TOML", marks=SLOW
        ),
    ],
    ids=["unknown-key", "unknown-table", "bad-value", "unterminated-key"],
)
def test_a_wrong_config_key_or_value_is_exit_4_naming_it(toml, fragment, workdir, env, services):
    (workdir / "zotsync.toml").write_text(toml, encoding="utf-8")
    before = tree_state(workdir)
    for r in zotsync_all([invocation("resolve"), invocation("push")], cwd=workdir, env=env):
        line = assert_error(r, 4, fragment)
        assert "Zk9SECRET" not in r.stdout + r.stderr, line
    assert tree_state(workdir) == before
    assert all(s.log == [] for s in services.values())


@SLOW
def test_an_explicit_config_path_that_does_not_exist_is_exit_4(workdir, env):
    r = zotsync("--config", "missing.toml", "resolve", "list.md", cwd=workdir, env=env)
    assert_error(r, 4, "missing.toml")
    assert not (workdir / "zotsync.lock").exists()


# --------------------------------------------------------------------------- the lock file

GOOD_BLOCK = """format = 1

[[entry]]
ident = "arxiv:2306.00984"
status = "{status}"
arxiv_id = "2306.00984"
confidence = {confidence}
"""


@pytest.mark.parametrize(
    "lock, fragment",
    [
        ("[[entry]\nident = 'x'\n", "not valid TOML"),
        (GOOD_BLOCK.format(status="bogus", confidence="1.0"), "unknown status 'bogus'"),
        pytest.param(
            GOOD_BLOCK.format(status="resolved", confidence='"high"'), "confidence", marks=SLOW
        ),
        pytest.param(
            'format = 1\n\n[[entry]]\nstatus = "resolved"\n', "without an ident", marks=SLOW
        ),
        pytest.param(
            GOOD_BLOCK.format(status="resolved", confidence="1.0") + "paper = 3\n",
            "'paper' must be a table",
            marks=SLOW,
        ),
        pytest.param(
            'format = 1\n\n[[entry]]\nident = "arxiv:2306.00984"\nstatus = "pinned"\n',
            "pinned",
            marks=SLOW,
        ),
    ],
    ids=[
        "not-toml",
        "unknown-status",
        "confidence-text",
        "no-ident",
        "paper-not-table",
        "pin-without-id",
    ],
)
def test_a_malformed_lock_is_exit_3_naming_it_and_stays_byte_identical(
    lock, fragment, workdir, env, services
):
    (workdir / "zotsync.lock").write_text(lock, encoding="utf-8")
    before = tree_state(workdir)
    for r in zotsync_all([invocation(c) for c in NEEDS_LOCK], cwd=workdir, env=env):
        assert_error(r, 3, "zotsync.lock", fragment)
    assert tree_state(workdir) == before
    assert all(writes(s) == [] for s in services.values())


@SLOW
def test_a_lock_that_is_a_directory_is_exit_3(workdir, env):
    (workdir / "zotsync.lock").mkdir()
    r = zotsync("resolve", "list.md", cwd=workdir, env=env)
    assert_error(r, 3, "zotsync.lock")


# --------------------------------------------------------------------------- the .bib


@pytest.fixture
def resolved(workdir, env) -> Path:
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    return workdir


@pytest.mark.parametrize(
    "content",
    [
        b"@article{mine,\n  title = {Unclosed\n\n@misc{other, title = {x}}\n",
        pytest.param(b"\x00\x01\xff\xfebinary\x00", marks=SLOW),
    ],
    ids=["unclosed-entry", "binary"],
)
def test_merge_into_an_unparseable_bib_is_exit_3_and_leaves_bib_and_lock_alone(
    content, resolved, env
):
    (resolved / "refs.bib").write_bytes(content)
    before = tree_state(resolved)
    r = zotsync("bib", "list.md", "-o", "refs.bib", "--merge", cwd=resolved, env=env)
    assert_error(r, 3, "refs.bib")
    assert tree_state(resolved) == before


@pytest.mark.parametrize(
    "target",
    ["no/such/dir/refs.bib", *(pytest.param(t, marks=SLOW) for t in ("list.md/refs.bib", "adir"))],
)
def test_an_unwritable_output_path_is_one_error_and_nothing_written(target, resolved, env):
    (resolved / "adir").mkdir()
    before = tree_state(resolved)
    r = zotsync("bib", "list.md", "-o", target, cwd=resolved, env=env)
    assert_error(r, 3, target.split("/")[0])
    assert tree_state(resolved) == before


@pytest.mark.parametrize(
    "target", ["list.md/refs.bib", pytest.param("no/such/dir/refs.bib", marks=SLOW)]
)
def test_sync_with_an_unwritable_bib_stops_before_zotero(target, resolved, env, services):
    before = tree_state(resolved)
    r = zotsync("sync", "list.md", "--yes", "--bib", target, cwd=resolved, env=env)
    assert_error(r, 3, target)
    assert writes(services["zotero"]) == []
    assert tree_state(resolved) == before  # the lock was already complete: not even it is rewritten


def test_an_unknown_option_is_a_usage_error(workdir, env):
    r = zotsync("push", "list.md", "--no-such-flag", cwd=workdir, env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "--no-such-flag" in r.stderr
    assert not (workdir / "zotsync.lock").exists()


# --------------------------------------------------------------------------- environment and options


@pytest.mark.parametrize(
    "name, value, fragment",
    [
        ("ZOTERO_API_KEY", "", "ZOTERO_API_KEY"),
        ("ZOTERO_LIBRARY_TYPE", "team", "ZOTERO_LIBRARY_TYPE"),
        ("ZOTSYNC_TIMEOUT", "soon", "timeout"),
    ],
)
def test_a_bad_setting_in_the_environment_is_exit_4_before_any_request(
    name, value, fragment, workdir, env, services
):
    r = zotsync("push", "list.md", "--yes", cwd=workdir, env={**env, name: value})
    assert_error(r, 4, fragment)
    assert services["zotero"].log == [] and not (workdir / ".zotsync").exists()


@pytest.mark.parametrize(
    "option, fragment",
    [
        (("--accept", "list.md:5=notanid"), "not an arXiv id"),
        pytest.param(("--accept", "list.md:999=2306.00984"), "list.md:999", marks=SLOW),
        pytest.param(("--accept", "nonsense"), "REF=ARXIVID", marks=SLOW),
        pytest.param(("--reject", "other.md:5"), "other.md:5", marks=SLOW),
    ],
)
def test_a_bad_accept_or_reject_reference_is_exit_3_and_the_lock_is_kept(
    option, fragment, workdir, env
):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    before = tree_state(workdir)
    r = zotsync("resolve", "list.md", *option, cwd=workdir, env=env)
    assert_error(r, 3, fragment)
    assert tree_state(workdir) == before
