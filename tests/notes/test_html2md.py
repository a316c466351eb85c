"""Zotero note HTML → Markdown in the list's style: realistic editor output, table-driven."""

from __future__ import annotations

import pytest

from zotsync.notes.html2md import html2md
from zotsync.notes.style import NoteStyle, detect_style

ZDIV = '<div data-schema-version="9">{}</div>'

# (id, html as Zotero 7's note editor (or zotsync's push) writes it, expected Markdown)
BLOCK_CASES = [
    ("paragraph", ZDIV.format("<p>可能有用的结论</p>"), "可能有用的结论"),
    (
        "paragraphs-and-bullet",
        ZDIV.format(
            "<p>可能有用的结论</p><ul><li><p>cross-model transferability phenomenon of this joint space, "
            "use text proxy for image task</p></li></ul>"
        ),
        "可能有用的结论\n\n* cross-model transferability phenomenon of this joint space, use text proxy for image task",
    ),
    (
        "managed-wrapper-push-output",
        '<div data-zotsync="n-1"><p>受到启发</p><ul><li>a</li><li>b</li></ul></div>',
        "受到启发\n\n* a\n* b",
    ),
    (
        "managed-wrapper-inside-schema-div",
        '<div data-schema-version="8"><div data-zotsync="n-1"><p>x</p></div></div>',
        "x",
    ),
    (
        "numbered-list-with-start",
        ZDIV.format('<ol start="3"><li><p>three</p></li><li><p>four</p></li></ol>'),
        "3. three\n4. four",
    ),
    (
        "nested-list",
        ZDIV.format(
            "<ul><li><p>outer</p><ul><li><p>inner</p></li></ul></li><li><p>next</p></li></ul>"
        ),
        "* outer\n  * inner\n* next",
    ),
    (
        "nested-ordered-in-bullet",
        ZDIV.format(
            "<ul><li><p>steps</p><ol><li><p>one</p></li><li><p>two</p></li></ol></li></ul>"
        ),
        "* steps\n  1. one\n  2. two",
    ),
    (
        "bold-italic-code",
        ZDIV.format(
            "<p>uses <strong>Scale DPO</strong>, <em>not</em> plain <code>dpo_loss()</code></p>"
        ),
        "uses **Scale DPO**, *not* plain `dpo_loss()`",
    ),
    ("bold-with-edge-spaces", ZDIV.format("<p>a<strong> bold </strong>b</p>"), "a **bold** b"),
    (
        "link",
        ZDIV.format(
            '<p>see <a href="https://arxiv.org/abs/2410.08159" rel="noopener noreferrer nofollow">DART</a></p>'
        ),
        "see [DART](https://arxiv.org/abs/2410.08159)",
    ),
    (
        "bare-url-link",
        ZDIV.format('<p><a href="https://github.com/x/y">https://github.com/x/y</a></p>'),
        "https://github.com/x/y",
    ),
    (
        "link-with-parens-in-url",
        ZDIV.format('<p><a href="https://en.wikipedia.org/wiki/A_(b)">wiki</a></p>'),
        "[wiki](https://en.wikipedia.org/wiki/A_%28b%29)",
    ),
    (
        "entities-and-nbsp",
        ZDIV.format("<p>a &lt;T&gt; &amp; b &nbsp;c &#20013;&#x6587;</p>"),
        "a \\<T> & b  c 中文",  # "<T>" would be an HTML tag once the list is rendered
    ),
    (
        "html-looking-text",
        ZDIV.format("<p>if a &lt; b then List&lt;T&gt;</p>"),
        "if a < b then List\\<T>",
    ),
    ("hard-break", ZDIV.format("<p>line one<br>line two</p>"), "line one\nline two"),
    (
        "break-in-list-item-stays-in-item",
        ZDIV.format("<ul><li><p>one<br>two</p></li></ul>"),
        "* one\n  two",
    ),
    (
        "code-block",
        ZDIV.format("<pre>def f(x):\n    return x * 2</pre>"),
        "```\ndef f(x):\n    return x * 2\n```",
    ),
    (
        "code-block-with-fence-inside",
        ZDIV.format("<pre>```\nx\n```</pre>"),
        "````\n```\nx\n```\n````",
    ),
    (
        "display-math",
        ZDIV.format('<pre class="math">$$L=L_g+\\lambda L_a$$</pre>'),
        "$$L=L_g+\\lambda L_a$$",
    ),
    ("inline-math", ZDIV.format('<p>loss <span class="math">$L_a$</span></p>'), "loss $L_a$"),
    (
        "citation-span",
        ZDIV.format(
            '<p>as shown <span class="citation" data-citation="%7B%7D">(<span class="citation-item">Ho, 2020</span>)</span></p>'
        ),
        "as shown (Ho, 2020)",
    ),
    ("hr", ZDIV.format("<p>above</p><hr><p>below</p>"), "above\n\n---\n\nbelow"),
    ("heading-as-bold", ZDIV.format("<h2>Method</h2><p>text</p>"), "**Method**\n\ntext"),
    (
        "blockquote",
        ZDIV.format("<blockquote><p>quoted</p><p>more</p></blockquote>"),
        "> quoted\n>\n> more",
    ),
    ("whitespace-between-tags", ZDIV.format("\n  <p>a</p>\n\n  <p>b</p>\n"), "a\n\nb"),
    (
        "empty-paragraphs-dropped",
        ZDIV.format("<p></p><p>a</p><p> </p><p>b</p><p><br></p>"),
        "a\n\nb",
    ),
    (
        "styles-and-spans-ignored",
        ZDIV.format(
            '<p style="padding-left: 40px"><span style="color: #ff2020">red</span> '
            '<span style="text-decoration: line-through">gone</span> '
            '<span class="highlight" data-annotation="%7B%7D">hl</span> <u>u</u> x<sup>2</sup></p>'
        ),
        "red gone hl u x2",
    ),
    (
        "span-font-weight-bold",
        ZDIV.format('<p><span style="font-weight: bold">b</span></p>'),
        "**b**",
    ),
    ("tinymce-b-i", "<p><b>bold</b> and <i>it</i></p>", "**bold** and *it*"),
    ("unclosed-p-and-li", "<p>one<p>two<ul><li>a<li>b</ul>", "one\n\ntwo\n\n* a\n* b"),
    (
        "image-dropped",
        ZDIV.format('<p>fig <img data-attachment-key="ABCD1234" width="300"> here</p>'),
        "fig here",
    ),
    (
        "table-rows",
        ZDIV.format("<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>"),
        "k | v\n\na | 1",
    ),
    (
        "links-paragraph-from-push-dropped",
        '<div data-zotsync="n"><p>note</p><p>Links: <a href="https://g.com/a">Code</a>, '
        '<a href="https://p.io">Project</a></p></div>',
        "note",
    ),
    (
        "links-looking-paragraph-kept",
        ZDIV.format("<p>Links: are useful in graphs</p>"),
        "Links: are useful in graphs",
    ),
    ("empty-note", ZDIV.format(""), ""),
    ("nothing", "", ""),
    (
        "long-chinese",
        ZDIV.format("<p>" + "解决视频扩散模型生成视频时长短的问题，" * 200 + "</p>"),
        "解决视频扩散模型生成视频时长短的问题，" * 200,
    ),
]


@pytest.mark.parametrize(
    "html,expected", [c[1:] for c in BLOCK_CASES], ids=[c[0] for c in BLOCK_CASES]
)
def test_block_notes(html, expected):
    assert html2md(html) == expected


# Text that looks like Markdown must stay text when written back to the list.
ESCAPE_CASES = [
    ("line-starting-with-bullet", "<p>* not a list</p>", r"\* not a list"),
    ("line-starting-with-dash", "<p>- not a list</p>", r"\- not a list"),
    ("line-starting-with-number", "<p>1. not a list</p>", r"1\. not a list"),
    ("line-starting-with-hash", "<p># not a heading</p>", r"\# not a heading"),
    ("hashtag-kept", "<p>#tag stays</p>", "#tag stays"),
    ("star-pair", "<p>a *b* c</p>", r"a \*b\* c"),
    ("double-star-pair", "<p>**x**</p>", r"\*\*x\*\*"),
    ("lone-stars-kept", "<p>2 * 3 * 4 and a*b</p>", "2 * 3 * 4 and a*b"),
    (
        "underscores-kept",
        "<p>snake_case and $L_a$ and $L=L_g+\\lambda L_a$</p>",
        "snake_case and $L_a$ and $L=L_g+\\lambda L_a$",
    ),
    ("backtick-pair", "<p>use `x` here</p>", r"use \`x\` here"),
    ("lone-backticks-kept", "<p>```</p>", "```"),
    ("link-lookalike", "<p>[a](b)</p>", r"\[a](b)"),
    ("backslash-before-punctuation", "<p>C:\\*dir</p>", r"C:\\*dir"),
    ("backslash-before-letter-kept", "<p>C:\\path</p>", "C:\\path"),
    ("dashes-line-kept", "<p>---</p>", "---"),
]


@pytest.mark.parametrize(
    "html,expected", [c[1:] for c in ESCAPE_CASES], ids=[c[0] for c in ESCAPE_CASES]
)
def test_text_that_looks_like_markdown_is_escaped_minimally(html, expected):
    assert html2md(html) == expected


def test_style_bullet_bold_italic_and_delimiter():
    html = ZDIV.format(
        "<p><strong>b</strong> <em>i</em></p><ul><li><p>x</p></li></ul><ol><li><p>y</p></li></ol>"
    )
    style = NoteStyle(bullet="-", strong="__", emphasis="_", ordered_delim=")")
    assert html2md(html, style) == "__b__ _i_\n\n- x\n\n1) y"


def test_style_indent_and_tight_list_after_paragraph():
    html = ZDIV.format("<p>Key ideas:</p><ul><li><p>a</p><ul><li><p>b</p></li></ul></li></ul>")
    assert html2md(html, NoteStyle(indent="    ", list_gap=False)) == "Key ideas:\n* a\n    * b"


def test_style_atx_headings_kept_when_asked():
    assert html2md(ZDIV.format("<h3>Method</h3>"), NoteStyle(headings="atx")) == "### Method"


INLINE_CASES = [
    ("single-paragraph", "<p>提出DART文生图框架</p>", "提出DART文生图框架"),
    (
        "paragraphs-joined-with-space",
        "<p>first point</p><p>second point</p>",
        "first point second point",
    ),
    ("no-space-after-fullwidth-punctuation", "<p>第一句。</p><p>第二句</p>", "第一句。第二句"),
    ("breaks-joined", "<p>a<br>b</p>", "a b"),
    (
        "numbered-list-on-one-line",
        "<p>Ps:</p><ol><li><p>FID</p></li><li><p>metric</p></li></ol>",
        "Ps: 1. FID 2. metric",
    ),
    ("bold-kept", "<p><strong>Notes</strong>：训练数据</p>", "**Notes**：训练数据"),
    ("code-block-inlined", "<pre>x = 1\ny = 2</pre>", "`x = 1 y = 2`"),
    ("rule-dropped", "<p>a</p><hr><p>b</p>", "a b"),
    ("unbalanced-close-paren-escaped", "<p>ends early) here</p>", r"ends early\) here"),
    ("balanced-parens-kept", "<p>ACE(All-round Creator)</p>", "ACE(All-round Creator)"),
    ("line-start-markers-not-escaped", "<p>1. only item</p>", "1. only item"),
]


@pytest.mark.parametrize(
    "html,expected", [c[1:] for c in INLINE_CASES], ids=[c[0] for c in INLINE_CASES]
)
def test_inline_parenthetical_notes_are_one_line(html, expected):
    out = html2md(ZDIV.format(html), NoteStyle(inline=True))
    assert out == expected
    assert "\n" not in out


def test_inline_custom_joiner():
    html = ZDIV.format("<p>one</p><p>two</p>")
    assert html2md(html, NoteStyle().as_inline("；")) == "one；two"


@pytest.mark.parametrize(
    "notes,expected",
    [
        ("可能有用的结论\n\n* cross-model", NoteStyle()),
        ("- a\n- b", NoteStyle(bullet="-")),
        ("Key ideas:\n- a", NoteStyle(bullet="-", list_gap=False)),
        ("__b__ and _i_\n\n1) x", NoteStyle(strong="__", emphasis="_", ordered_delim=")")),
        ("* a\n    * b", NoteStyle(indent="    ")),
        ("---\n\n**Scale DPO**", NoteStyle()),
        ("", NoteStyle()),
    ],
)
def test_detect_style(notes, expected):
    assert detect_style(notes) == expected


def test_detect_style_inline_flag():
    assert detect_style("提出DART", inline=True).inline is True


@pytest.mark.parametrize(
    "field,value",
    [
        ("bullet", "x"),
        ("strong", "*"),
        ("emphasis", "**"),
        ("ordered_delim", ":"),
        ("headings", "setext"),
        ("inline_joiner", "\n"),
    ],
)
def test_style_rejects_unknown_spellings(field, value):
    with pytest.raises(ValueError):
        NoteStyle(**{field: value})


def test_pathological_nesting_keeps_the_text_and_never_overflows():
    out = html2md("<ul><li>" * 3000 + "deep" + "</li></ul>" * 3000)
    assert out.endswith("deep")
    assert html2md("<strong><em>" * 3000 + "x" + "</em></strong>" * 3000).replace("*", "") == "x"


def test_a_note_at_zoteros_size_limit():
    """Zotero accepts notes up to 500,000 characters; all of the text comes back."""
    html = (
        "<p>" + '解决视频扩散模型 <strong>b</strong> <a href="https://x.org">l</a> ' * 8000 + "</p>"
    )
    assert len(html) > 450_000
    out = html2md(html)
    assert out.count("解决视频扩散模型") == 8000 and out.count("[l](https://x.org)") == 8000


def test_a_recorded_zotero_7_note():
    """A note as the real Web API returned it (web-library fixture): heading + embedded images."""
    import json
    from pathlib import Path

    golden = (
        Path(__file__).resolve().parent.parent
        / "data"
        / "zotero"
        / "web-library"
        / "test-user-get-items-golden.json"
    )
    notes = [
        it["data"]["note"]
        for it in json.loads(golden.read_text(encoding="utf-8"))
        if "data-schema-version" in it["data"].get("note", "")
    ]
    assert notes and notes[0].startswith('<div data-schema-version="8"><h1>Photos</h1>\n<p><img')
    assert html2md(notes[0]) == "**Photos**"
    assert html2md(notes[0], NoteStyle(headings="atx")) == "# Photos"


def test_a_lone_carriage_return_in_a_code_block_is_a_line_break():
    """A bare CR would start a line in most editors (a marker there would look real): it is
    written as a line break, and a marker-looking line of code stays inert."""
    md = html2md("<pre>a\r&lt;!-- zotsync:end --&gt;\r\nb</pre>")
    assert "\r" not in md
    assert md == "```\na\n&lt;!-- zotsync:end -->\nb\n```"
