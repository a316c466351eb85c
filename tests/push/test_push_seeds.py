"""All five real reading lists, parsed by zotsync's parser and pushed to the emulator."""

from __future__ import annotations

from pathlib import Path

import pytest
from pushkit import arxiv_of, resolutions_for, run

from zotsync.parse import parse_files
from zotsync.push.desired import paper_slot
from zotsync.sections import collection_paths

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_list_becomes_a_mirrored_library(seed, zconfig, remote):
    entries = list(parse_files([str(seed)])[0].entries)
    assert entries
    res = resolutions_for(entries)
    root = seed.stem
    outcome = run(zconfig, [(root, entries)], res)
    assert outcome.applied and not outcome.result.failed

    # the collection tree is the headings' tree, as [collections] (default: auto) files them
    paths = collection_paths(entries, zconfig.collections)
    assert remote.tree() == {(root, *p[:d]) for p in paths for d in range(len(p) + 1)}
    if seed.name.startswith("000"):  # the #### topics are not inside the lone ## heading
        assert (root, "RM") in remote.tree() and (root, "Language_based Detector") in remote.tree()
        assert not any(len(path) > 2 for path in remote.tree())

    # one item per distinct paper, each in the collections of every section listing it
    items = [i for i in remote.items() if not i.get("parentItem")]
    papers = {paper_slot(res[e.ident].paper) for e in entries}
    assert len(items) == len(papers)
    colls = {c["key"]: c for c in remote.collections()}
    for e, path in zip(entries, paths):
        if e.arxiv_id:
            item = next(i for i in items if arxiv_of(i) == e.arxiv_id)
            names = {colls[k]["name"] for k in item["collections"]}
            assert (path[-1] if path else root) in names
            assert item["citationKey"] == res[e.ident].citation_key

    # every entry with notes or code links has its managed note, Chinese intact
    children = [i for i in remote.items() if i.get("parentItem")]
    notes = [i for i in children if "data-zotsync" in i.get("note", "")]
    assert len(notes) == outcome.plan.stats["notes"]
    assert (
        len(children) - len(notes) == outcome.plan.stats["children"]
    )  # comment notes, attachments
    assert len(notes) == sum(
        1 for e in entries if e.notes.strip() or any(k not in ("paper",) for k in e.links)
    )
    for e in entries:
        cjk = [ch for ch in e.notes if "\u4e00" <= ch <= "\u9fff"]
        if cjk:
            assert any(
                "".join(cjk[:4]) in n["note"].replace("<br/>", "") or cjk[0] in n["note"]
                for n in notes
            )

    # and a second run writes nothing
    before = len(remote.writes())
    assert run(zconfig, [(root, entries)], res).plan.is_empty
    assert len(remote.writes()) == before
