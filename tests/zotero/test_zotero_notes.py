"""Markdown notes → managed Zotero note HTML."""

from __future__ import annotations

from zotsync.zotero.notes import managed_note_id, note_html, render_inline, render_markdown


def test_chinese_stays_intact_and_is_not_entity_encoded():
    html = note_html("list/x#0", "可能有用的结论 cross-model transferability")
    assert "可能有用的结论" in html


def test_links_become_clickable():
    html = render_markdown(
        "see [the code](https://github.com/a/b) and https://arxiv.org/abs/2401.00001."
    )
    assert '<a href="https://github.com/a/b">the code</a>' in html
    assert (
        '<a href="https://arxiv.org/abs/2401.00001">https://arxiv.org/abs/2401.00001</a>.' in html
    )


def test_bold_italic_code_and_escaping():
    assert (
        render_inline("**Scale DPO** *x* `a<b` <script>")
        == "<strong>Scale DPO</strong> <em>x</em> <code>a&lt;b</code> &lt;script&gt;"
    )


def test_paragraphs_and_lists():
    html = render_markdown("intro line\nsecond line\n\n* one\n* two\n\n1. first\n2. second")
    assert (
        html
        == "<p>intro line<br/>second line</p><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>"
    )


def test_note_is_marked_as_managed_and_carries_code_links():
    html = note_html(
        "000/arxiv:2304.11463#0",
        "",
        {"paper": "https://arxiv.org/abs/2304.11463", "code": "https://github.com/x/y"},
    )
    assert html.startswith('<div data-zotsync="000/arxiv:2304.11463#0">')
    assert '<a href="https://github.com/x/y">Code</a>' in html
    assert "arxiv.org/abs" not in html  # the paper link is the item's URL already
    assert managed_note_id(html) == "000/arxiv:2304.11463#0"
    assert managed_note_id("<p>my own note</p>") is None


def test_no_note_without_notes_or_links():
    assert note_html("s", "   ", {"paper": "https://arxiv.org/abs/1"}) is None
