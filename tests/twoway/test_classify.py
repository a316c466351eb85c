"""The pure three-way classifier: versions and bytes are not content; the base decides which side moved."""

from __future__ import annotations

import pytest

from zotsync.push.state import ObjectState, field_hash
from zotsync.twoway.classify import NoteSides, classify_item, classify_membership, classify_note
from zotsync.zotero.notes import note_html

SENT = note_html("r/x#0", "first idea\n\n* a point")
EDITED = '<div data-schema-version="9"><p>a new idea</p></div>'
REWRAPPED = (
    f'<div data-schema-version="9">{SENT}</div>'  # Zotero re-saved it: other bytes, same text
)


def state(html: str = SENT, seen: str | None = None) -> ObjectState:
    return ObjectState(
        key="NOTEKEY1",
        version=5,
        sent={"note": field_hash(html)},
        seen={"note": field_hash(seen or html)},
    )


@pytest.mark.parametrize(
    "desired,remote,base,expected",
    [
        (SENT, SENT, None, "unchanged"),
        (SENT, REWRAPPED, None, "unchanged"),  # a version bump / re-save is not a change
        (note_html("r/x#0", "edited in the list"), SENT, None, "list"),
        (
            note_html("r/x#0", "edited in the list"),
            REWRAPPED,
            SENT,
            "list",
        ),  # base known: still only the list
        (SENT, EDITED, None, "zotero"),
        (note_html("r/x#0", "edited in the list"), EDITED, SENT, "both"),
        (note_html("r/x#0", "a new idea"), EDITED, SENT, "converged"),
        (None, SENT, None, "list"),  # notes deleted in the list
        (None, EDITED, SENT, "both"),  # deleted in the list, edited in Zotero
        (SENT, None, None, "deleted-in-zotero"),
    ],
)
def test_note_classification(desired, remote, base, expected):
    assert classify_note(NoteSides(desired, state(), remote, base_html=base)) == expected


def test_without_a_base_a_list_edit_and_a_zotero_resave_is_conservatively_both():
    """No cached base and the list moved: the safe answer keeps both texts (a conflict block), never loses one."""
    assert classify_note(NoteSides(note_html("r/x#0", "edited"), state(), REWRAPPED)) == "both"


def test_never_pushed_and_pending_and_absorbed():
    assert classify_note(NoteSides(SENT, None, None)) == "new"
    assert classify_note(NoteSides(None, None, None)) == "none"
    assert classify_note(NoteSides(SENT, state(), EDITED, pending=True)) == "conflict-pending"
    resolved = note_html("r/x#0", "merged by hand")
    assert (
        classify_note(NoteSides(resolved, state(), EDITED, absorbed=field_hash(EDITED))) == "list"
    )
    assert (
        classify_note(NoteSides(resolved, state(), EDITED + " ", absorbed=field_hash(EDITED)))
        == "both"
    )


def test_item_fields_and_tags():
    desired = {"itemType": "preprint", "title": "T", "tags": [{"tag": "mine"}]}
    st = ObjectState(
        key="K",
        sent={"itemType": field_hash("preprint"), "title": field_hash("T")},
        seen={"itemType": field_hash("preprint"), "title": field_hash("T")},
        tags=("mine",),
        created=True,
    )
    remote = {
        "itemType": "preprint",
        "title": "T",
        "tags": [{"tag": "mine"}, {"tag": "user's own"}],
    }
    assert classify_item(desired, st, remote) == "unchanged"
    assert classify_item({**desired, "title": "T2"}, st, remote) == "list"
    assert classify_item(desired, st, {**remote, "title": "Edited"}) == "zotero"
    assert classify_item({**desired, "title": "T2"}, st, {**remote, "title": "Edited"}) == "both"
    assert (
        classify_item(desired, st, {**remote, "tags": []}) == "zotero"
    )  # our tag removed in Zotero
    assert classify_item(desired, st, None) == "deleted-in-zotero"
    assert classify_item(None, st, remote) == "no-longer-listed"


def test_membership_only_counts_zotsyncs_collections():
    managed = {"A", "B"}
    assert classify_membership({"A"}, ["A", "USER"], ["A"], managed) == "unchanged"
    assert classify_membership({"B"}, ["A"], ["A"], managed) == "list"
    assert classify_membership({"A"}, ["A", "B"], ["A"], managed) == "zotero"
    assert classify_membership({"B"}, ["A", "B"], ["A"], managed) == "both"
    assert classify_membership({"A", "B"}, ["A", "B"], ["A"], managed) == "converged"
    assert classify_membership({"B"}, ["A"], None, managed) == "list"
