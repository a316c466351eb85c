"""Two-way sync of a reading list and a Zotero library: ``zotsync status``, ``zotsync pull``, both ways in ``sync``.

Built on the push engine (:mod:`zotsync.push`: its sync state says what zotsync last
sent and saw per field) and the list-side note tools (:mod:`zotsync.notes`: HTML →
the list's Markdown, byte-exact rewrites, conflict blocks, content hashes).

* :mod:`.classify`   pure three-way classification of one note / item / membership:
                      unchanged, changed in the list, changed in Zotero, changed on both.
* :mod:`.context`    gathers the inputs once (lists, lock, library snapshot, sync state).
* :mod:`.status`     ``zotsync status``: one row per entry.
* :mod:`.conflicts`  ``--on-conflict`` policies for notes and the record of pending conflict blocks.
* :mod:`.pull`       ``zotsync pull``: a pure plan of list edits, then apply + state update.
* :mod:`.both`       :func:`~zotsync.twoway.both.sync_both_ways`: pull, then push.

The one rule everything here keeps: never lose a word. A note changed on both sides
keeps both texts; a note deleted on one side and edited on the other keeps the edit.
"""
