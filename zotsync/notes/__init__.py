"""The list side of two-way note sync: pure functions, no I/O.

* :mod:`.html2md`   Zotero note HTML → Markdown in the list's own style (:mod:`.style`).
* :mod:`.rewrite`   change only a note's bytes in a list file (any encoding / line endings),
                    and the unified diff for ``--dry-run``.
* :mod:`.conflict`  the conflict block that keeps both versions of a note in the list.
* :mod:`.hashing`   content hashes that ignore what is not content, and the three-way classifier.
"""
