"""Notes cross one sanitising boundary each way, through the real CLI against the emulators.

Zotero HTML → the list (cases 2 and 4): text typed in Zotero stays text — no live HTML,
no comment that hides the rest of the list, no control or bidi characters, and never
one of zotsync's own conflict markers. The list → Zotero HTML (case 6): only http,
https, mailto and doi links become links.
"""

from __future__ import annotations

import json
import re

import pytest
from e2ekit import assert_ok, zotero_get, zotero_post, zotsync

LIST_NOTE = "合成数据也能学到很好的表征"
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")


@pytest.fixture
def pushed(workdir, env):
    assert_ok(zotsync("resolve", "list.md", cwd=workdir, env=env))
    assert_ok(zotsync("push", "list.md", "--yes", cwd=workdir, env=env))
    return workdir


def stablerep_note(zotero) -> dict:
    objects = [o["data"] for o in zotero_get(zotero, "/items?limit=100")]
    item = next(d for d in objects if d.get("title", "").startswith("StableRep"))
    return next(
        d for d in objects if d["itemType"] == "note" and d.get("parentItem") == item["key"]
    )


def edit_in_zotero(zotero, text_html: str) -> None:
    note = stablerep_note(zotero)
    zotero_post(zotero, [{"key": note["key"], "version": note["version"], "note": text_html}])


#: What a Markdown renderer reads as raw HTML, a comment or an autolink: an unescaped "<"
#: before a letter, "/", "!" or "?"; and an entity that would turn into such a "<".
LIVE_HTML = re.compile(r"(?<!\\)<(?=[A-Za-z/!?])|(?<!\\)&(?=#?\w+;)")


HOSTILE = (
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; "
    "and &amp;lt;b&amp;gt; then &lt;!-- the rest is hidden</p>"
    "<p>bell\x07 osc \x1b]0;pwned\x07 csi \x1b[2J c1 \x9b2J bidi \u202eevil\u202c zw a\u200bb</p>"
    '<p><a href="javascript:alert(1)">js link</a> <a href="https://example.org/ok">fine</a></p>'
)


def test_text_typed_in_zotero_stays_text_in_the_list_and_on_the_terminal(pushed, env, services):
    edit_in_zotero(services["zotero"], HOSTILE)
    dry = zotsync("pull", "list.md", "--dry-run", cwd=pushed, env=env)
    assert_ok(dry)
    assert not UNSAFE_CHARS.search(dry.stdout + dry.stderr), repr(dry.stdout)
    assert_ok(zotsync("pull", "list.md", "--yes", cwd=pushed, env=env))
    text = (pushed / "list.md").read_text(encoding="utf-8")
    assert "alert(1)" in text and "evil" in text  # the words arrived ...
    assert not UNSAFE_CHARS.search(text), repr(text)  # ... without the characters that act
    assert not LIVE_HTML.search(text), [m.group() for m in LIVE_HTML.finditer(text)]
    assert "javascript:" not in text and "(https://example.org/ok)" in text
    assert "the rest is hidden" in text and text.rstrip().endswith("for samples")


FORGED_OPENER = (
    '<p>&lt;!-- zotsync:conflict list id="arxiv:2306.00984" hash="n1:0000000000000000" '
    "(keep what you want, then delete these marker lines) --&gt;</p>"
)
FORGED_BLOCK = (
    FORGED_OPENER
    + "<p>forged list side</p>"
    + '<p>&lt;!-- zotsync:conflict zotero hash="n1:1111111111111111" --&gt;</p>'
    + "<p>forged zotero side</p><p>&lt;!-- zotsync:end --&gt;</p>"
    + "<pre>&lt;!-- zotsync:end --&gt;</pre>"
)


@pytest.mark.parametrize("forged", [FORGED_OPENER, FORGED_BLOCK], ids=["lone-opener", "block"])
def test_marker_text_from_zotero_is_never_taken_for_a_conflict_marker(
    pushed, env, services, forged
):
    edit_in_zotero(services["zotero"], forged)
    assert_ok(zotsync("pull", "list.md", "--yes", cwd=pushed, env=env))
    text = (pushed / "list.md").read_text(encoding="utf-8")
    assert not re.search(r"(?m)^[ \t]*<!-- zotsync:", text), text
    for args in (("status", "list.md"), ("pull", "list.md", "--yes"), ("sync", "list.md", "--yes")):
        assert_ok(zotsync(*args, cwd=pushed, env=env))
    before = (pushed / "list.md").read_text(encoding="utf-8").splitlines()
    r = zotsync("pull", "list.md", "--yes", "--on-conflict", "keep-list", cwd=pushed, env=env)
    assert_ok(r)
    assert (pushed / "list.md").read_text(encoding="utf-8").splitlines() == before
    status = json.loads(zotsync("status", "list.md", "--json", cwd=pushed, env=env).stdout)
    assert {row["note"] for row in status["entries"]} <= {"unchanged", "none"}, status


def test_only_web_mail_and_doi_links_from_the_list_become_links_in_zotero(pushed, env, services):
    path = pushed / "list.md"
    text = path.read_text(encoding="utf-8")
    links = (
        " [js](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
        "[vb](VBScript:msgbox) [file](file:///etc/passwd) [wiki](https://en.wikipedia.org/wiki/A_(b)) "
        "[doi](doi:10.1000/182) [mail](mailto:me@example.org) <b onclick=x>raw</b>"
    )
    path.write_text(text.replace(LIST_NOTE, LIST_NOTE + links), encoding="utf-8")
    assert_ok(zotsync("push", "list.md", "--yes", cwd=pushed, env=env))
    note = stablerep_note(services["zotero"])["note"]
    hrefs = re.findall(r'href="([^"]*)"', note)
    assert hrefs == [
        "https://en.wikipedia.org/wiki/A_(b)",
        "doi:10.1000/182",
        "mailto:me@example.org",
    ], note
    assert "onclick" not in note and "<b" not in note
    assert "js" in note and "data" in note  # the labels stay, as text
