"""Hypothesis strategies: notes written the way reading lists write them.

``list_notes(bullet)`` draws Markdown notes in a list's canonical spelling — what
``html2md`` should give back after the note went to Zotero and returned: paragraphs
(possibly several lines), ``*``/``-`` bullets, numbered lists, ``---`` lines, fenced
code, bold, italic, inline code, links, bare URLs, HTML-looking text (``<T>``,
``a < b``, ``&``), CJK and full-width punctuation, ``$L_a$``-style math.
"""

from __future__ import annotations

from hypothesis import strategies as st

_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_CJK = "".join(chr(c) for c in range(0x4E00, 0x4E40)) + "提出模型数据训练视觉语言扩散"

word = st.one_of(
    st.text(_LATIN, min_size=1, max_size=10),
    st.text(_CJK, min_size=1, max_size=8),
)
odd_text = st.sampled_from(
    [
        "<T>",
        "a < b",
        "b > a",
        "&",
        "&amp;",
        "List<int>",
        "<div>",
        "2 * 3",
        "$L_a$",
        "snake_case",
        "(note)",
        "，",
        "。",
        "：",
        "—",
        "x/y",
        "50%",
        "'q'",
        '"q"',
        "1.5",
        "C:\\path",
        "~",
        "|",
        "ACE(All-round)",
    ]
)
plain = st.one_of(word, word, word, odd_text)
url = st.builds(
    lambda host, path: f"https://{host}.org/{path}",
    st.text("abcdefgh", min_size=1, max_size=6),
    st.text("abcdefgh0123456789", min_size=1, max_size=8),
)
marked = st.one_of(
    st.builds(lambda ws: "**" + " ".join(ws) + "**", st.lists(word, min_size=1, max_size=3)),
    st.builds(lambda ws: "*" + " ".join(ws) + "*", st.lists(word, min_size=1, max_size=3)),
    st.builds(lambda w: f"`{w}`", st.one_of(word, st.sampled_from(["x = 1", "f(a, b)", "a<b>"]))),
    st.builds(
        lambda ws, u: "[" + " ".join(ws) + f"]({u})", st.lists(word, min_size=1, max_size=3), url
    ),
    url,
)
token = st.one_of(plain, plain, plain, marked)


def _line(first: str, rest: list[str]) -> str:
    return " ".join([first, *rest])


# A line of text never starts with a list marker, a heading or a code fence.
text_line = st.builds(_line, word, st.lists(token, max_size=8))
paragraph = st.lists(text_line, min_size=1, max_size=3).map("\n".join)
rule = st.just("---")
fenced = st.lists(st.builds(_line, word, st.lists(plain, max_size=5)), min_size=1, max_size=3).map(
    lambda lines: "\n".join(["```", *lines, "```"])
)


def bullet_list(bullet: str):
    return st.lists(text_line, min_size=1, max_size=4).map(
        lambda items: "\n".join(f"{bullet} {i}" for i in items)
    )


numbered_list = st.lists(text_line, min_size=1, max_size=4).map(
    lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))
)


def list_notes(bullet: str = "*"):
    block = st.one_of(paragraph, paragraph, bullet_list(bullet), numbered_list, rule, fenced)
    return st.lists(block, min_size=1, max_size=4).map("\n\n".join)


def _html_text():
    return st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&"), max_size=20
    )


def _inline_html(depth: int):
    leaf = st.one_of(
        _html_text().map(lambda t: t),
        st.sampled_from(["&lt;T&gt;", "a &amp; b", "&nbsp;", "<br>", "&#20013;"]),
    )
    if depth <= 0:
        return leaf
    inner = st.lists(_inline_html(depth - 1), max_size=3).map("".join)
    wrap = st.sampled_from(["strong", "em", "code", "u", "span", "b", "i", "sup"])
    return st.one_of(
        leaf,
        st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>", wrap, inner),
        st.builds(lambda href, body: f'<a href="{href}" rel="noopener">{body}</a>', url, inner),
    )


def _block_html(depth: int):
    inline = st.lists(_inline_html(2), max_size=4).map("".join)
    leaf = st.one_of(
        inline.map(lambda b: f"<p>{b}</p>"),
        st.builds(lambda n, b: f"<h{n}>{b}</h{n}>", st.integers(1, 6), inline),
        _html_text().map(lambda t: f"<pre>{t}</pre>"),
        st.just("<hr>"),
    )
    if depth <= 0:
        return leaf
    children = st.lists(_block_html(depth - 1), min_size=1, max_size=3).map("".join)
    return st.one_of(
        leaf,
        st.builds(
            lambda tag, items: f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>",
            st.sampled_from(["ul", "ol"]),
            st.lists(children, min_size=1, max_size=3),
        ),
        children.map(lambda c: f"<blockquote>{c}</blockquote>"),
    )


#: Zotero-editor-shaped note HTML with arbitrary text (for "never loses text" properties).
zotero_html = st.lists(_block_html(2), max_size=4).map(
    lambda b: '<div data-schema-version="9">' + "".join(b) + "</div>"
)
