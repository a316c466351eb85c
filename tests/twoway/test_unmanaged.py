"""Notes the user wrote in Zotero: never modified; pulled into the list only with --pull-unmanaged."""

from __future__ import annotations

from pathlib import Path

from twokit import setup_small, zotero_html

from zotsync.parse import parse_file
from zotsync.push.state import load_state
from zotsync.twoway.both import sync_both_ways
from zotsync.twoway.pull import pull

ADAIN = "arxiv:1703.06868"


def test_unmanaged_notes_are_left_alone_and_pulled_only_when_asked(tconfig, remote, tmp_path):
    path, keys = setup_small(tconfig, tmp_path)
    state = load_state(tconfig.zotero.state_dir, f"users/{remote.server.user_id}")
    parent = state.notes[f"reading/{ADAIN}#0"].parent
    [mine] = remote.create(
        [
            {
                "itemType": "note",
                "parentItem": parent,
                "note": zotero_html("written by me in Zotero"),
                "tags": [],
                "collections": [],
                "relations": {},
            }
        ]
    )
    mine_before = remote.item(mine)
    listed = Path(path).read_bytes()

    outcome = sync_both_ways([path], tconfig)
    assert Path(path).read_bytes() == listed and not outcome.push.plan.writes
    assert remote.item(mine) == mine_before

    outcome = pull([path], tconfig, pull_unmanaged=True)
    notes = next(e.notes for e in parse_file(path).entries if e.ident == ADAIN)
    assert "written by me in Zotero" in notes and "匹配均值和方差" in notes
    assert [d.action for d in outcome.plan.acted] == ["pulled-unmanaged"]

    pulled = Path(path).read_bytes()
    writes = len(remote.writes())
    again = sync_both_ways([path], tconfig, pull_unmanaged=True)
    assert (
        Path(path).read_bytes() == pulled
        and not again.push.plan.writes
        and len(remote.writes()) == writes
    )
    assert remote.item(mine) == mine_before


def test_the_arxiv_comment_note_is_never_pulled_as_an_unmanaged_note(tconfig, remote, tmp_path):
    """The comment note zotsync makes (as Zotero's arXiv translator does) is zotsync's own child,
    not a note the user wrote: --pull-unmanaged leaves it in Zotero."""
    import dataclasses

    from pushkit import resolutions_for
    from twokit import SMALL, write_list

    from zotsync.push.push import push
    from zotsync.resolve.lockfile import save_lock

    path = write_list(tmp_path, SMALL)
    res = resolutions_for(parse_file(path).entries)
    res[ADAIN] = dataclasses.replace(
        res[ADAIN], paper=dataclasses.replace(res[ADAIN].paper, comment="ICCV 2017, 10 pages")
    )
    save_lock(tconfig.resolve.lock, res)
    assert push([path], tconfig).applied
    assert any(i.get("note") == "Comment: ICCV 2017, 10 pages" for i in remote.items())
    listed = Path(path).read_bytes()
    outcome = pull([path], tconfig, pull_unmanaged=True)
    assert Path(path).read_bytes() == listed and not outcome.plan.acted
