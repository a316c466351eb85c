"""`zotsync init` and `zotsync doctor` against the Zotero emulator, which answers GET /keys/current and
/users/ID/groups like the real server — with full, read-only, no-notes and group-read-only keys."""

from __future__ import annotations

import json
import socket
import subprocess

import pytest

from zotsync.cli import main
from zotsync.config import load_config

KEY = "InitKey0123456789abcdef"
USER = "4242"
GROUP = "777"


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.fixture
def run(monkeypatch, capsys, tmp_path):
    """The CLI in-process, in an empty directory, with only the given ZOTERO_/ZOTSYNC_ variables."""
    monkeypatch.chdir(tmp_path)

    def call(*args, env):
        import os

        for name in list(os.environ):
            if name.startswith(("ZOTERO_", "ZOTSYNC_")):
                monkeypatch.delenv(name)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return call


def zotero(emulator_factory, *flags):
    return emulator_factory(
        "zotero",
        "--api-key",
        KEY,
        "--user-id",
        USER,
        "--username",
        "ada",
        "--group-id",
        GROUP,
        "--group-name",
        f"{GROUP}=Lab papers",
        *flags,
    )


def test_emulator_answers_keys_current_and_groups_like_the_real_server(emulator_factory):
    import requests

    server = zotero(emulator_factory, "--no-notes", "--group-read-only", GROUP)
    headers = {"Zotero-API-Key": KEY}
    info = requests.get(f"{server.url}/keys/current", headers=headers, timeout=10).json()
    assert info["userID"] == int(USER) and info["username"] == "ada"
    assert info["access"]["user"] == {"library": True, "files": True, "notes": False, "write": True}
    assert info["access"]["groups"] == {GROUP: {"library": True, "write": False}}
    groups = requests.get(f"{server.url}/users/{USER}/groups", headers=headers, timeout=10).json()
    assert [(g["id"], g["data"]["name"]) for g in groups] == [(int(GROUP), "Lab papers")]
    denied = requests.post(
        f"{server.url}/groups/{GROUP}/collections",
        json=[{"name": "x"}],
        headers=headers,
        timeout=10,
    )
    assert denied.status_code == 403 and denied.text == "Write access denied"
    note = requests.post(
        f"{server.url}/users/{USER}/items",
        json=[{"itemType": "note", "note": "<p>x</p>"}],
        headers=headers,
        timeout=10,
    )
    assert note.status_code == 403


def test_init_lists_the_libraries_and_writes_a_config_without_the_key(
    emulator_factory, run, tmp_path
):
    server = zotero(emulator_factory)
    env = {"ZOTERO_API_KEY": KEY, "ZOTSYNC_ZOTERO_URL": server.url}
    r = run("init", env=env)
    assert r.returncode == 0, r.stderr
    assert "The key belongs to ada (user id 4242)." in r.stdout
    assert (
        f"users/{USER}" in r.stdout and f"groups/{GROUP}" in r.stdout and "Lab papers" in r.stdout
    )
    assert "Next: zotsync push LIST.md --dry-run" in r.stdout
    written = (tmp_path / "zotsync.toml").read_text(encoding="utf-8")
    assert f'library_id = "{USER}"' in written and 'library_type = "user"' in written
    assert KEY not in written and KEY not in r.stdout + r.stderr

    again = run("init", env=env)  # never clobbers a config silently
    assert again.returncode == 3 and "already exists" in again.stderr

    # the user's own settings and comments in that file survive --force
    own = '# my settings\n[bib]\noutput = "refs.bib"  # for the paper\n\n[collections]\nmax_depth = 1\n'
    (tmp_path / "zotsync.toml").write_text(written + "\n" + own, encoding="utf-8")
    group = run("init", "--force", "--library", f"groups/{GROUP}", env=env)
    assert group.returncode == 0, group.stderr
    written = (tmp_path / "zotsync.toml").read_text(encoding="utf-8")
    assert f'library_id = "{GROUP}"' in written and 'library_type = "group"' in written
    assert own in written and written.count("library_id") == 1 and KEY not in written
    kept = load_config(tmp_path / "zotsync.toml", env={})
    assert kept.bib.output == "refs.bib" and kept.collections.max_depth == 1
    assert (kept.zotero.library_id, kept.zotero.library_type) == (str(GROUP), "group")

    # the written config works: doctor (services pointed at the emulator too) passes the Zotero checks
    checks = run(
        "doctor",
        "--json",
        env={
            **env,
            "ZOTSYNC_ARXIV_URL": server.url,
            "ZOTSYNC_S2_URL": server.url,
            "ZOTSYNC_HF_URL": server.url,
        },
    )
    assert checks.returncode == 0, checks.stderr
    assert all(c["ok"] for c in json.loads(checks.stdout))


@pytest.mark.parametrize(
    ("flags", "library", "expected"),
    [
        (("--read-only",), None, "the key is read-only here; zotsync writes collections and items"),
        (("--no-notes",), None, "the key has no notes access"),
        (
            ("--group-read-only", GROUP),
            f"groups/{GROUP}",
            "group 'Lab papers' (groups/777): the key is read-only",
        ),
    ],
    ids=["read-only", "no-notes", "group-read-only"],
)
def test_each_permission_problem_is_one_clear_line_and_nothing_is_written(
    emulator_factory, run, tmp_path, flags, library, expected
):
    server = zotero(emulator_factory, *flags)
    env = {"ZOTERO_API_KEY": KEY, "ZOTSYNC_ZOTERO_URL": server.url}
    r = run("init", *(["--library", library] if library else []), env=env)
    assert r.returncode == 6, r.stderr
    problems = [line for line in r.stderr.splitlines() if line.startswith("problem: ")]
    assert len(problems) == 1 and expected in problems[0], r.stderr
    assert "https://www.zotero.org/settings/keys" in problems[0]
    assert r.stderr.strip().splitlines()[-1].startswith("Error: the key lacks 1 permission")
    assert not (tmp_path / "zotsync.toml").exists()

    doctor = run(
        "doctor",
        env={
            **env,
            "ZOTERO_LIBRARY_ID": library.split("/")[1] if library else USER,
            "ZOTERO_LIBRARY_TYPE": "group" if library else "user",
            "ZOTSYNC_ARXIV_URL": server.url,
            "ZOTSYNC_S2_URL": server.url,
            "ZOTSYNC_HF_URL": server.url,
        },
    )
    assert doctor.returncode == 6 and any(expected in line for line in doctor.stdout.splitlines())


def test_a_rejected_key_and_an_unknown_group_say_what_to_do(emulator_factory, run):
    server = zotero(emulator_factory)
    bad = run("init", env={"ZOTERO_API_KEY": "WrongKey0000", "ZOTSYNC_ZOTERO_URL": server.url})
    assert bad.returncode == 6 and "rejected the API key" in bad.stderr
    assert "WrongKey0000" not in bad.stderr
    nogroup = run(
        "init",
        "--library",
        "groups/1",
        env={"ZOTERO_API_KEY": KEY, "ZOTSYNC_ZOTERO_URL": server.url},
    )
    assert nogroup.returncode == 4 and "groups/777 (Lab papers)" in nogroup.stderr


def test_doctor_tells_no_network_from_a_wrong_url(emulator_factory, run):
    server = zotero(emulator_factory)
    env = {"ZOTERO_API_KEY": KEY, "ZOTERO_LIBRARY_ID": USER, "ZOTSYNC_ZOTERO_URL": server.url}
    wrong = closed_port_url()
    one_wrong = run(
        "doctor",
        env={
            **env,
            "ZOTSYNC_ARXIV_URL": wrong,
            "ZOTSYNC_S2_URL": server.url,
            "ZOTSYNC_HF_URL": server.url,
        },
    )
    assert one_wrong.returncode == 5
    assert (
        f"FAIL  arXiv: {wrong}: nothing answers there: a wrong URL or port; check ZOTSYNC_ARXIV_URL"
        in one_wrong.stdout
    )
    assert "no network" not in one_wrong.stdout

    nowhere = run(
        "doctor",
        env={
            **env,
            "ZOTSYNC_ARXIV_URL": "http://no-such-host.invalid",
            "ZOTSYNC_S2_URL": "http://no-such-host.invalid",
            "ZOTSYNC_HF_URL": "http://no-such-host.invalid",
        },
    )
    assert nowhere.returncode == 5
    assert "cannot be found: no network, or a wrong URL" in nowhere.stdout
    assert "FAIL  network: no network: none of the services can be reached" in nowhere.stdout

    unconfigured = run(
        "doctor",
        env={
            "ZOTSYNC_ARXIV_URL": server.url,
            "ZOTSYNC_S2_URL": server.url,
            "ZOTSYNC_HF_URL": server.url,
        },
    )
    assert (
        unconfigured.returncode == 4
        and "FAIL  Zotero: Zotero is not configured" in unconfigured.stdout
    )


def test_unreachable_zotero_url_says_to_check_the_url(run):
    wrong = closed_port_url()
    r = run("init", env={"ZOTERO_API_KEY": KEY, "ZOTSYNC_ZOTERO_URL": wrong})
    assert r.returncode == 5
    last = r.stderr.strip().splitlines()[-1]
    assert last == (
        f"Error: cannot reach Zotero at {wrong}: nothing answers there: a wrong URL or port "
        "(check ZOTSYNC_ZOTERO_URL and your network; re-running is safe)"
    ), last


def test_not_configured_names_the_next_steps_in_one_plain_line(run, tmp_path):
    (tmp_path / "list.md").write_text("# A\n\n- Attention Is All You Need\n", encoding="utf-8")
    r = run("push", "list.md", "--dry-run", env={})
    assert r.returncode == 4
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: Zotero is not configured: ZOTERO_API_KEY and ZOTERO_LIBRARY_ID")
    assert "zotsync init" in last and "https://www.zotero.org/settings/keys" in last
    assert "--sandbox" in last
    inner = last[last.index("(") + 1 : last.rindex(")")]
    assert "(" not in inner and ")" not in inner  # no nested parentheses


def test_colour_only_on_a_terminal_and_never_with_no_color(emulator_factory):
    """Colour on a terminal (a pseudo-terminal here); NO_COLOR (https://no-color.org) and pipes get plain text."""
    import os
    import pty
    import sys

    server = zotero(emulator_factory)
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZOTERO_", "ZOTSYNC_", "NO_COLOR"))
    }
    env = {
        **base,
        "ZOTERO_API_KEY": KEY,
        "ZOTERO_LIBRARY_ID": USER,
        "ZOTSYNC_ZOTERO_URL": server.url,
        "ZOTSYNC_ARXIV_URL": server.url,
        "ZOTSYNC_S2_URL": server.url,
        "ZOTSYNC_HF_URL": server.url,
    }

    def on_terminal(extra):
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "zotsync", "doctor"],
            stdout=slave,
            stderr=slave,
            env={**env, **extra},
        )
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        assert proc.wait(timeout=60) == 0, out
        return out.decode()

    coloured = on_terminal({})
    assert "\x1b[32mok  \x1b[0m" in coloured and "\\u001b" not in coloured
    assert "\x1b[" not in on_terminal({"NO_COLOR": "1"})
    piped = subprocess.run(
        [sys.executable, "-m", "zotsync", "doctor"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert piped.returncode == 0 and "ok  " in piped.stdout and "\x1b[" not in piped.stdout
    assert not any(0xE000 <= ord(c) <= 0xE0FF for c in piped.stdout)  # no colour marks left
