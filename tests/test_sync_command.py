"""`zotsync sync`: the whole pipeline, as a newcomer first meets it (--sandbox) and with real settings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from zotsync.workflow import collection_tree

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "reading-list.md"


def zotsync(*args, cwd, env=None):
    return subprocess.run(
        [sys.executable, "-m", "zotsync", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_sandbox_runs_the_whole_pipeline_then_is_idempotent(in_tmp):
    listed = (
        EXAMPLE.read_text(encoding="utf-8")
        + "\n- Quantum Llamas Herd Entangled Alpacas Across Twelve Dimensions\n"
    )
    (in_tmp / "reading-list.md").write_text(listed, encoding="utf-8")
    first = zotsync("sync", "reading-list.md", "--sandbox", cwd=in_tmp)
    assert first.returncode == 0, first.stderr
    # the one-line resolve summary accounts for every entry, the unresolved one included
    counts = re.search(
        r"^Resolve: (\d+) entries \(\d+ distinct papers\)((?:; [a-z-]+ \d+)+)$", first.stdout, re.M
    )
    assert counts, first.stdout
    by_status = dict((s, int(n)) for s, n in re.findall(r"; ([a-z-]+) (\d+)", counts.group(2)))
    assert by_status.get("unresolved") == 1 and sum(by_status.values()) == int(counts.group(1)), (
        counts.group(0)
    )
    # each stage is reported as it ends, in pipeline order, before the push shows its plan
    order = [
        ("\n" + first.stdout).index(mark)
        for mark in ("\nResolve: ", "\nBibTeX: ", "\nPull: ", "Zotero library users/", "Done: ")
    ]
    assert order == sorted(order), first.stdout
    assert "SANDBOX: local emulation" in first.stderr
    assert "Zotero collections (SANDBOX library):" in first.stdout
    # the collection tree mirrors the list's sections (root named after the file)
    assert re.search(r"^  reading-list  \(\d+ items?\)$", first.stdout, re.M)
    for section in ("RLHF", "DPO and RLHF", "解耦", "Data Scale"):
        assert re.search(rf"^ {{4,}}{re.escape(section)}  \(\d+ items?\)$", first.stdout, re.M), (
            section
        )
    written = re.search(
        r"Done: created (\d+) collections, (\d+) items, (\d+) notes, (\d+) attachments/comment notes "
        r"\((\d+) read / (\d+) write",
        first.stdout,
    )
    assert written and int(written.group(2)) == 36
    objects = sum(int(written.group(i)) for i in (2, 3, 4))
    assert int(written.group(6)) <= 1 + -(-objects // 50)  # the minimum: batches of 50
    bib = (in_tmp / ".zotsync-sandbox" / "reading-list.bib").read_text(encoding="utf-8")
    assert bib.count("\n@") - bib.count("\n@comment") == 36
    assert "Diffusion-DPO" in first.stdout  # the acronym-only entry is reported, not guessed
    # the sandbox's .bib says it is made of sample data; the sandbox is never committed by accident
    assert "SANDBOX" in bib.split("\n@", 1)[0] and "do not cite" in bib.split("\n@", 1)[0]
    assert (in_tmp / ".zotsync-sandbox" / ".gitignore").read_text(encoding="utf-8").splitlines()[
        -1
    ] == "*"
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=in_tmp, check=True)
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", ".zotsync-sandbox/reading-list.bib"], cwd=in_tmp
        )
        assert ignored.returncode == 0

    second = zotsync("sync", "reading-list.md", "--sandbox", cwd=in_tmp)
    assert second.returncode == 0, second.stderr
    assert "nothing to write: Zotero already matches the lists" in second.stdout
    assert re.search(r"\(\d+ read / 0 write requests\)", second.stdout)


def test_every_command_with_sandbox_works_on_the_sandbox_library_a_sync_left(in_tmp):
    """The tour, offline: after `sync --sandbox`, a note edited in the list shows in `status --sandbox`, `push
    --sandbox --dry-run` plans exactly that update, `push --sandbox --yes` sends it, then all is in sync again.
    No Zotero credentials are set: nothing can reach a real library."""
    shutil.copy(EXAMPLE, in_tmp / "reading-list.md")
    assert zotsync("sync", "reading-list.md", "--sandbox", cwd=in_tmp).returncode == 0
    listed = in_tmp / "reading-list.md"
    listed.write_text(
        listed.read_text(encoding="utf-8").replace("通过prompt", "通过 prompt 生成"),
        encoding="utf-8",
    )
    status = zotsync("status", "reading-list.md", "--sandbox", cwd=in_tmp)
    assert status.returncode == 0, status.stderr
    assert (
        "SANDBOX: local emulation" in status.stderr and "note changed in the list" in status.stdout
    )
    plan = zotsync("push", "reading-list.md", "--sandbox", "--dry-run", cwd=in_tmp)
    assert "Dry run: would update 1 note." in plan.stdout, plan.stdout
    assert zotsync("push", "reading-list.md", "--sandbox", "--yes", cwd=in_tmp).returncode == 0
    again = zotsync("status", "reading-list.md", "--sandbox", cwd=in_tmp)
    assert "Everything is in sync" in again.stdout, again.stdout
    pull = zotsync("pull", "reading-list.md", "--sandbox", "--dry-run", cwd=in_tmp)
    assert pull.returncode == 0, pull.stderr
    resolve = zotsync("resolve", "reading-list.md", "--sandbox", cwd=in_tmp)
    assert (
        resolve.returncode == 0
        and ".zotsync-sandbox/zotsync.lock (unchanged)" in resolve.stdout + resolve.stderr
    )
    bib = zotsync("bib", "reading-list.md", "--sandbox", "-o", "refs.bib", cwd=in_tmp)
    refs = (in_tmp / "refs.bib").read_text(encoding="utf-8")
    assert bib.returncode == 0 and refs.count("\n@") - refs.count("\n@comment") == 36
    assert (
        not (in_tmp / "zotsync.lock").exists() and not (in_tmp / ".zotsync").exists()
    )  # the real ones untouched


def test_sync_without_credentials_fails_before_any_request(in_tmp):
    shutil.copy(EXAMPLE, in_tmp / "reading-list.md")
    r = zotsync("sync", "reading-list.md", "--yes", cwd=in_tmp)
    assert r.returncode == 4
    assert (
        r.stderr.strip()
        .splitlines()[-1]
        .startswith("Error: Zotero is not configured: ZOTERO_API_KEY")
    )
    assert not (in_tmp / "zotsync.lock").exists()


def test_collection_tree_orders_depth_first_by_name():
    colls = [
        {"key": "B", "data": {"name": "b", "parentCollection": "R"}, "meta": {"numItems": 2}},
        {"key": "R", "data": {"name": "root", "parentCollection": False}, "meta": {"numItems": 1}},
        {"key": "A", "data": {"name": "A", "parentCollection": "R"}, "meta": {"numItems": 0}},
        {"key": "C", "data": {"name": "c", "parentCollection": "A"}, "meta": {"numItems": 5}},
    ]
    assert collection_tree(colls) == [(0, "root", 1), (1, "A", 0), (2, "c", 5), (1, "b", 2)]


def test_sync_brings_a_zotero_note_edit_back_into_the_list(in_tmp):
    """Both directions: a note edited in the sandbox Zotero comes back into the list; the next sync writes nothing."""
    import json

    import requests

    shutil.copy(EXAMPLE, in_tmp / "reading-list.md")
    assert zotsync("sync", "reading-list.md", "--sandbox", cwd=in_tmp).returncode == 0
    state = json.loads(
        (in_tmp / ".zotsync-sandbox" / "zotero-library.json").read_text(encoding="utf-8")
    )
    text = json.dumps(state, ensure_ascii=False)
    assert "可能有用的结论" in text  # the list's Chinese note reached Zotero

    # Edit that note "in Zotero": start the sandbox library once more and PATCH the note through the Web API.
    from zotsync.sandbox import SANDBOX_API_KEY, SANDBOX_USER_ID

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zotsync.emulators",
            "zotero",
            "--port",
            "0",
            "--api-key",
            SANDBOX_API_KEY,
            "--user-id",
            SANDBOX_USER_ID,
            "--state",
            str(in_tmp / ".zotsync-sandbox" / "zotero-library.json"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().split("listening on ", 1)[1].strip()
        headers = {"Zotero-API-Key": SANDBOX_API_KEY}
        notes = requests.get(
            f"{url}/users/{SANDBOX_USER_ID}/items?itemType=note&limit=100",
            headers=headers,
            timeout=10,
        ).json()
        note = next(n for n in notes if "可能有用的结论" in n["data"]["note"])
        new_html = note["data"]["note"].replace("可能有用的结论", "结论：很有用")
        r = requests.patch(
            f"{url}/users/{SANDBOX_USER_ID}/items/{note['key']}",
            json={"note": new_html},
            headers={**headers, "If-Unmodified-Since-Version": str(note["version"])},
            timeout=10,
        )
        assert r.status_code == 204, r.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    before = (in_tmp / "reading-list.md").read_bytes()
    # the sandbox library is the sandbox's, but the list is the user's: pull asks (no terminal: refuses)
    refused = zotsync("sync", "reading-list.md", "--sandbox", cwd=in_tmp)
    assert refused.returncode == 2, refused.stderr
    assert "needs confirmation" in refused.stderr.strip().splitlines()[-1]
    assert (in_tmp / "reading-list.md").read_bytes() == before
    second = zotsync("sync", "reading-list.md", "--sandbox", "--yes", cwd=in_tmp)
    assert second.returncode == 0, second.stderr
    after = (in_tmp / "reading-list.md").read_bytes()
    assert after == before.replace("可能有用的结论".encode(), "结论：很有用".encode())
    third = zotsync("sync", "reading-list.md", "--sandbox", cwd=in_tmp)
    assert third.returncode == 0 and re.search(r"\(\d+ read / 0 write requests\)", third.stdout)
    assert (in_tmp / "reading-list.md").read_bytes() == after


def test_sandbox_bib_for_several_lists_is_not_named_after_the_first(in_tmp):
    from zotsync.sandbox import bib_name

    assert bib_name([Path("a/notes.md")]) == "notes.bib"
    assert bib_name([Path("notes.md"), Path("more/notes.md")]) == "notes.bib"
    assert bib_name([Path("notes.md"), Path("papers.md")]) == "references.bib"
