"""Round trip list → Zotero → list: html2md(render(x)) == x, against the push engine's renderer.

``zotsync.zotero.notes.render_markdown`` is what ``zotsync push`` writes into Zotero;
a note that comes back unedited must come back byte-identical, or every pull would
rewrite the user's list.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from notegen import list_notes, zotero_html

from zotsync.notes.hashing import hash_html, hash_markdown
from zotsync.notes.html2md import html2md
from zotsync.notes.mdescape import link_target
from zotsync.notes.style import NoteStyle, detect_style
from zotsync.zotero.notes import note_html, render_markdown


def as_typed(markdown: str) -> str:
    """The note as the user typed it: without the backslash the pull puts before a ``<`` that
    would open HTML (or a comment) and an ``&`` that would spell an entity once rendered."""
    return re.sub(r"\\([<&])", r"\1", markdown)


@settings(max_examples=examples(60), deadline=None)
@given(list_notes("*"))
def test_round_trip_star_bullets(notes):
    assert as_typed(html2md(render_markdown(notes))) == notes


@pytest.mark.slow
@settings(max_examples=examples(2000), deadline=None)
@given(list_notes("*"))
def test_round_trip_star_bullets_long(notes):
    assert as_typed(html2md(render_markdown(notes))) == notes


@settings(max_examples=examples(40), deadline=None)
@given(list_notes("-"))
def test_round_trip_in_the_lists_own_style(notes):
    style = detect_style(notes)
    assert as_typed(html2md(render_markdown(notes), style)) == notes


@settings(max_examples=examples(40), deadline=None)
@given(
    list_notes("*"),
    st.sampled_from(["n-1", "zs-abc"]),
    st.dictionaries(
        st.sampled_from(["code", "project", "website"]),
        st.just("https://github.com/a/b"),
        max_size=2,
    ),
)
def test_round_trip_through_the_managed_note(notes, note_id, links):
    """The whole managed note, wrapper and generated Links paragraph included."""
    assert as_typed(html2md(note_html(note_id, notes, links))) == notes


@settings(max_examples=examples(40), deadline=None)
@given(list_notes("*"))
def test_hashes_agree_across_sides(notes):
    """A note just pushed hashes the same on both sides, in any bullet spelling and line ending."""
    pushed = render_markdown(notes)
    assert hash_html(pushed) == hash_markdown(notes)
    assert hash_markdown(re.sub(r"(?m)^\* ", "- ", notes).replace("\n", "\r\n")) == hash_markdown(
        notes
    )


@settings(max_examples=examples(100), deadline=None)
@given(zotero_html)
def test_no_text_is_lost(html):
    """Every word the Zotero note shows appears in the Markdown (block and inline styles).

    Only the link targets html2md writes for the note's own links are not text; a literal
    ``](0)`` in the note's text is text (the oracle once stripped every ``](...)``).
    """
    visible = _word_chars(_shown(html))
    for style in (NoteStyle(), NoteStyle(inline=True)):
        out = html2md(html, style)
        assert _is_subsequence(visible, _word_chars(_without_link_targets(out, html))), (html, out)
        if style.inline:
            assert "\n" not in out


@pytest.mark.parametrize(
    "html",
    [
        "<p>](0)</p>",  # link-looking text with no link: all of it is text
        '<p>a](b) <a href="https://a.org/b">the paper</a></p>',
        '<p><a href="https://a.org/b">https://a.org/b</a> (0)</p>',
    ],
)
def test_link_looking_text_is_kept_as_text(html):
    for style in (NoteStyle(), NoteStyle(inline=True)):
        out = html2md(html, style)
        assert _is_subsequence(
            _word_chars(_shown(html)), _word_chars(_without_link_targets(out, html))
        ), out


@pytest.mark.xfail(
    strict=True,
    reason="known gap: a ']' inside a Zotero link's text ends the link early once the note is "
    "pushed back, so the text after it is lost",
)
def test_a_bracket_inside_a_links_text_survives_the_push_back():
    html = '<p><a href="https://a.org/b">a](0)</a></p>'
    shown = _shown(render_markdown(html2md(html)))
    assert _is_subsequence(_word_chars(_shown(html)), _word_chars(shown)), shown


def test_link_syntax_typed_in_zotero_stays_text_after_the_push_back():
    html = "<p>see [x](y) here</p>"
    assert _shown(render_markdown(html2md(html))) == "see [x](y) here"


def _shown(html: str) -> str:
    """The text a note's HTML shows (what a reader of the Zotero note sees)."""
    from zotsync.notes.htmltree import _dom, _text_content

    return _text_content(_dom(html))


def _without_link_targets(markdown: str, html: str) -> str:
    """The Markdown without the ``](target)`` parts html2md wrote for the note's links."""
    for href in sorted(set(re.findall(r'href="([^"]*)"', html)), key=len, reverse=True):
        markdown = markdown.replace(f"]({link_target(unescape(href))})", "]")
    return markdown


def _word_chars(text: str) -> str:
    return "".join(re.findall(r"[A-Za-z0-9\u4e00-\u9fff]", text))


def _is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text):
    html2md(text)
    html2md(text, NoteStyle(inline=True))


def test_long_note_round_trips():
    para = "解决视频扩散模型生成视频时长短的问题，通过引入渐进噪声分配 and **progressive denoising** (PA-VDM)."
    notes = "\n\n".join([para * 40] * 50 + ["* " + para] * 20)
    assert len(notes) > 100_000
    assert as_typed(html2md(render_markdown(notes))) == notes


@pytest.mark.parametrize(
    "notes",
    [
        "可能有用的结论\n\n* cross-model transferability phenomenon of this joint space, use text proxy for image task",
        "prompt domain generalization -> image domain generalization, without any images. 通过prompt  synthesize other"
        " style in vision-language space.".replace("  ", " "),
        "**Scale DPO**",
        "Ps: 1. FID这个值本身并没有什么意义，因为他的计算过程强依赖于pretrain data 2. 这个metic用FID感觉还是有点粗糙",
        "遵循LLaVA的预训练-微调范式，但在预训练阶段增加另一个对比损失$L_a$，与下一个令牌预测损失$L_g$一起，得到新的优化损失$L=L_g+\\lambda L_a$",
        "a\n---\nb",
        "```\nx = 1\n```",
    ],
)
def test_seed_like_notes_round_trip(notes):
    assert as_typed(html2md(render_markdown(notes))) == notes
