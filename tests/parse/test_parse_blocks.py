"""The block structure read by markdown-it-py (:mod:`zotsync.parse.blocks`)."""

from __future__ import annotations

from zotsync.parse.blocks import read_blocks
from zotsync.parse.items import parse_item


def test_footnote_definitions_are_found_whether_or_not_the_text_cites_them():
    text = "Intro[^a].\n\n[^a]: First cited.\n\n[^b]: Never cited, still a definition.\n"
    assert read_blocks(text).footnotes == {2: "a", 4: "b"}


def test_only_a_link_or_emphasis_running_over_a_break_joins_lines():
    text = (
        "[Sequence to\nsequence learning](https://x.org/a.pdf) 2014\n\n"
        "*Wrapped\nemphasis* here\n\n"
        "[One line](https://x.org/b.pdf)\n[Another line](https://x.org/c.pdf)\n\n"
        "snake_case and a * star\nsecond line\n"
    )
    blocks = read_blocks(text)
    assert blocks.joined == {0: 2, 3: 5}
    assert set(blocks.paragraphs) == {0, 3, 6, 9}


def test_a_line_parsed_twice_gives_equal_parts_even_after_a_caller_changed_the_first():
    line = (
        "arXiv [A Title](https://arxiv.org/abs/2401.00001) (note) [[Code](https://github.com/a/b)]"
    )
    first = parse_item(line)
    first.title = None
    first.links.clear()
    first.notes.append("changed")
    second = parse_item(line)
    assert second.title == "A Title" and second.notes == ["note"]
    assert second.links == [("code", "https://github.com/a/b")]


def test_each_caller_gets_every_field_of_the_parsed_line():
    from zotsync.parse.items import _parse_item

    for line in (
        "arXiv [A Title](https://arxiv.org/abs/2401.00001) (note) [[Code](https://github.com/a/b)] "
        "**ReadNotes 2** [[Paper]] **tag** RPO",
        '**[12]** Smith, A. et al. "A Quoted Title." Nature (2015). [[pdf]](https://x.org/a.pdf)',
        "**A Bold Title Of Four Words** [[Journal of Things](https://x.org/j)]",
        "A (1981) and B Title Here (1990): a description follows here.",
    ):
        assert parse_item(line, listed=True) == _parse_item(line, True)
        assert parse_item(line) == _parse_item(line, False)


def test_a_long_list_is_read_in_pieces_with_the_same_blocks():
    from zotsync.parse.blocks import chunks

    block = [
        "## Topic",
        "",
        "1. [A](https://arxiv.org/abs/2401.00001)",
        "2. [B](https://arxiv.org/abs/2401.00002)",
        "   continued",
        "",
        "| Title | Link |",
        "|---|---|",
        "| T | https://arxiv.org/abs/2401.00003 |",
        "",
        "```",
        "",
        "# not a heading: inside code",
        "```",
        "",
        "<!-- a comment",
        "",
        "# not a heading either",
        "-->",
        "[Wrapped",
        "link](https://x.org/a.pdf)",
        "",
        "[^1]: a footnote",
        "",
    ]
    text = "\n".join(block * 40)
    whole = read_blocks(text, chunk_lines=10**9)
    assert len(chunks(text, 30)) > 10
    assert read_blocks(text, chunk_lines=30) == whole


def test_parsing_leaves_the_garbage_collector_as_it_found_it():
    import gc

    from zotsync.parse import parse_text

    was = gc.isenabled()
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            parse_text("- [A Title](https://arxiv.org/abs/2401.00001)\n", "l.md")
            assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
