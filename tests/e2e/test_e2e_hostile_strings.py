"""Random hostile strings across every trust boundary (slow suite; issue 16's property).

Strings mixing markup, HTML, comments, TeX commands, control, bidi and zero-width
characters and zotsync's own conflict-marker text are fed

* through a note: typed in the list → ``push`` → edited in Zotero (through the emulator's
  API, as a hostile client could) → ``pull`` → ``sync`` → ``sync``: Zotero only ever holds
  zotsync's own markup with web/mail/doi links; the list never gains markup, an entity, a
  control character or a marker the user did not type, no entry or section appears or
  disappears, and the sides converge (the last sync writes nothing anywhere);
* through arXiv metadata → ``resolve`` → ``bib`` → pdflatex + bibtex: no command that
  does more than print reaches the .bib, and TeX never opens a file it was not meant to
  (``-recorder`` lists every file TeX opened; a canary file next to the document would
  print a marker if it were ever read).

The CLI runs in this process (``e2ekit.zotsync``) against the loopback emulators; examples
are few (``HYPOTHESIS_PROFILE=long`` draws ten times more), so the file takes well under a
minute.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from e2ekit import SECRET_KEY, SECRET_USER, assert_ok, zotero_get, zotero_post, zotsync
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from markdown_it import MarkdownIt

from zotsync.bibtex.latex import MATH_COMMANDS, TEXT_COMMANDS
from zotsync.emulators.pytest_plugin import build_server
from zotsync.notes.conflict import detect_conflicts
from zotsync.parse import parse_text

pytestmark = pytest.mark.slow

MARKERS = [
    '<!-- zotsync:conflict list id="arxiv:2306.00984" hash="n1:0000000000000000" '
    "(keep what you want, then delete these marker lines) -->",
    '<!-- zotsync:conflict zotero hash="n1:1111111111111111" -->',
    "<!-- zotsync:end -->",
]
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b onclick=x>bold</b>",
    "<!--",
    "-->",
    "<![CDATA[x]]>",
    "<?php ?>",
    "&lt;b&gt;",
    "&amp;",
    "&#60;",
    "&#x3c;",
    "<T>",
    "a < b",
    "[js](javascript:alert(1))",
    "[d](data:text/html,<script>)",
    "[f](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "**b**",
    "`c`",
    "_i_",
    "(",
    ")",
    "]",
    "\\",
]
TEX = [
    "\\input{/etc/passwd}",
    "\\input{canary}",
    "\\input canary ",
    "\\@@input canary ",
    "\\openin1=canary ",
    "\\catcode`\\{=12 ",
    "\\def\\x{1}",
    "\\immediate\\write18{touch pwned}",
    "\\csname input\\endcsname{canary}",
    "^^5cinput{canary}",
    "^^5c",
    "$\\input{canary}$",
    "$x^2$",
    "{",
    "}",
    "#",
    "%",
    "~",
    "_",
    "^",
    "&",
]
CONTROL = ["\x1b[2J", "\x1b]0;pwned\x07", "\x07", "\x08", "\x9b", "\x7f", "\x0b", "\x0c", "\t"]
INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200e", "\ufeff", "\u2060"]
WORDS = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
PLAIN = st.one_of(WORDS, st.just(" "), st.sampled_from(["表征", "Zoë", "ß", "—", "'", '"']))


def hostile(*pools: list[str], max_size: int = 10) -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(PLAIN, *(st.sampled_from(pool) for pool in pools)), min_size=1, max_size=max_size
    ).map("".join)


#: A line typed in the list: anything but a line break or NUL (a list with NUL is refused).
LIST_TEXT = hostile(MARKERS, MARKUP, TEX, CONTROL, INVISIBLE)
#: Text typed into Zotero's editor (stored escaped), and raw HTML a hostile API client stores.
ZOTERO_TEXT = hostile(MARKERS, MARKUP, TEX, CONTROL, INVISIBLE, ["\n", "\x00", "\r"])
ZOTERO_RAW = st.lists(st.sampled_from(MARKUP + MARKERS + ["<p>", "</p>", "<pre>", "<br>"]))
TEX_TEXT = hostile(TEX, MARKUP, CONTROL, INVISIBLE)

UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")
NOTE_TAGS = {"div", "p", "br", "ul", "ol", "li", "strong", "em", "code", "a"}


def ok(run: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert_ok(run)
    return run


@pytest.fixture(scope="module")
def zotero_server():
    server = build_server("zotero", "--api-key", SECRET_KEY, "--user-id", SECRET_USER).start()
    yield server
    server.stop()


def base_env(**urls: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOTERO_", "ZOTSYNC_"))}
    return {
        **env,
        "ZOTERO_API_KEY": SECRET_KEY,
        "ZOTERO_LIBRARY_ID": SECRET_USER,
        "ZOTERO_LIBRARY_TYPE": "user",
        "ZOTSYNC_ARXIV_DELAY": "0",
        "ZOTSYNC_TIMEOUT": "5",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        **urls,
    }


# --------------------------------------------------------------------------- notes both ways

TITLE = (
    "[StableRep: Synthetic Images from Text-to-Image Models Make Strong Visual "
    "Representation Learners](https://arxiv.org/abs/2306.00984)"
)
NEXT = "[Learning Vision from Models Rivals Learning Vision from Data](https://arxiv.org/abs/2312.17742)"


def reading_list(note: str) -> str:
    return f"# Notes\n\n## Data Scale\n\n{TITLE}\n\n* my note: {note}\n\n## Later\n\n{NEXT}\n"


def the_note(zotero) -> dict:
    objects = [o["data"] for o in zotero_get(zotero, "/items?limit=100")]
    item = next(d for d in objects if d.get("title", "").startswith("StableRep"))
    return next(
        d for d in objects if d["itemType"] == "note" and d.get("parentItem") == item["key"]
    )


def assert_only_zotsync_markup(note_html: str) -> None:
    tags = {t.lower() for t in re.findall(r"<\s*/?\s*([A-Za-z][\w-]*)", note_html)}
    assert tags <= NOTE_TAGS, (tags - NOTE_TAGS, note_html)
    assert not re.search(r"\son\w+\s*=", note_html), note_html
    for href in re.findall(r'href="([^"]*)"', note_html):
        assert href.startswith(("http://", "https://", "mailto:", "doi:")), note_html
    assert "<!--" not in note_html, note_html


def live_markup(markdown: str) -> list[str]:
    """What a Markdown renderer (CommonMark, raw HTML allowed) makes of the text that is
    more than text: raw HTML or comments, images, and links other than web/mail/doi."""
    found: list[str] = []

    def walk(tokens) -> None:
        for token in tokens:
            if token.type in ("html_inline", "html_block", "image"):
                found.append(token.content or token.type)
            if token.type == "link_open":
                href = str(token.attrs.get("href", ""))
                if not href.lower().startswith(("http://", "https://", "mailto:", "doi:")):
                    found.append(href)
            walk(token.children or [])

    walk(MarkdownIt("commonmark", {"html": True}).parse(markdown))
    return found


def shape(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """What the list is made of: its entries, each with its section path."""
    return [(e.title, e.section) for e in parse_text(text, "list.md").entries]


@settings(
    max_examples=examples(5),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(typed=LIST_TEXT, in_zotero=ZOTERO_TEXT, raw=ZOTERO_RAW)
def test_hostile_note_text_stays_text_both_ways_and_the_sides_converge(
    zotero_server, arxiv_emulator, s2_emulator, hf_emulator, typed, in_zotero, raw
):
    typed = typed.replace("\x00", "")
    zotero_server.reset()
    env = base_env(
        ZOTSYNC_ZOTERO_URL=zotero_server.url,
        ZOTSYNC_ARXIV_URL=arxiv_emulator.url,
        ZOTSYNC_S2_URL=s2_emulator.url,
        ZOTSYNC_HF_URL=hf_emulator.url,
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        listed = reading_list(typed)
        (work / "list.md").write_text(listed, encoding="utf-8")
        expected_shape = shape(listed)
        assert len(expected_shape) == 2
        ok(zotsync("resolve", "list.md", cwd=work, env=env))
        ok(zotsync("push", "list.md", "--yes", cwd=work, env=env))
        note = the_note(zotero_server)
        assert_only_zotsync_markup(note["note"])  # the list's text reached Zotero inert

        edited = (
            f"<ul><li>edited in zotero: SENTINEL {html.escape(in_zotero, quote=False)}</li></ul>"
            f"{''.join(raw)}<pre>{html.escape(in_zotero, quote=False)}</pre>"
            "<ul><li>and the LASTWORD</li></ul>"
        )
        zotero_post(
            zotero_server, [{"key": note["key"], "version": note["version"], "note": edited}]
        )
        stored = the_note(zotero_server)["note"]  # as the server keeps it
        pulled_run = ok(zotsync("pull", "list.md", "--yes", cwd=work, env=env))
        pulled = (work / "list.md").read_text(encoding="utf-8")
        head, _, rest = listed.partition("* my note: ")
        tail = listed[listed.index("\n\n## Later") :]
        assert pulled.startswith(head) and pulled.endswith(tail), pulled
        new_note = pulled[len(head) : len(pulled) - len(tail)]
        if "stays in Zotero only" in pulled_run.stdout:  # the list's syntax cannot hold it whole
            event("pull declined: the note stays in Zotero only")
            assert pulled == listed
        else:
            assert "SENTINEL" in new_note, new_note
            if not re.search(r"<(script|style|textarea|title|!--|!\[CDATA|\?)", "".join(raw)):
                assert "LASTWORD" in new_note, new_note  # nothing in Zotero hides it either
            assert live_markup(new_note) == [], (live_markup(new_note), new_note)
            assert not UNSAFE_CHARS.search(new_note) and "\r" not in new_note, repr(new_note)
            assert not re.search(r"(?m)^[ \t>*]*<!-- zotsync:", new_note), new_note  # no marker
        assert detect_conflicts(pulled) == []
        assert shape(pulled) == expected_shape  # no entry, heading or section injected

        ok(zotsync("push", "list.md", "--yes", cwd=work, env=env))
        after_push = the_note(zotero_server)["note"]
        if after_push != stored:  # zotsync wrote it: only its own markup
            assert_only_zotsync_markup(after_push)
        ok(zotsync("sync", "list.md", "--yes", cwd=work, env=env))
        settled = (work / "list.md").read_bytes()
        zotero_server.clear_log()
        again = ok(zotsync("sync", "list.md", "--yes", "--json", cwd=work, env=env))
        writes = [r for r in zotero_server.log if r["method"] in {"POST", "PUT", "PATCH", "DELETE"}]
        assert writes == [], (writes, again.stdout)
        assert (work / "list.md").read_bytes() == settled


# --------------------------------------------------------------------------- metadata → TeX

CANARY = "CANARYWASREAD"


def arxiv_record(n: int, title: str, author: str, abstract: str, journal: str) -> dict:
    return {
        "arxiv_id": f"2501.0000{n}",
        "version": 1,
        "title": f"Hostile{n} {title}",
        "authors": [f"Ann {author}", "Bob Builder"],
        "abstract": abstract,
        "published": "2025-01-01",
        "updated": "2025-01-02",
        "categories": ["cs.LG"],
        "doi": None,
        "journal_ref": journal or None,
        "comment": None,
        "openreview_id": None,
        "venue": None,
        "year": 2025,
    }


ALLOWED = TEXT_COMMANDS | MATH_COMMANDS | {"url"}


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex and bibtex (.ci/run)")
@settings(
    max_examples=examples(4),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(fields=st.lists(st.tuples(TEX_TEXT, TEX_TEXT, TEX_TEXT, TEX_TEXT), min_size=1, max_size=3))
def test_hostile_metadata_never_makes_tex_read_a_file(
    tmp_path_factory, s2_emulator, hf_emulator, fields
):
    work = tmp_path_factory.mktemp("tex")
    records = [arxiv_record(n + 1, *f) for n, f in enumerate(fields)]
    corpus = work / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (work / "canary.tex").write_text(f"\\message{{{CANARY}}}{CANARY}\n", encoding="utf-8")
    (work / "list.md").write_text(
        "# Reading\n\n"
        + "".join(f"- [Hostile{n}](https://arxiv.org/abs/2501.0000{n})\n" for n in range(1, 4)),
        encoding="utf-8",
    )
    arxiv = build_server("arxiv", "--corpus", str(corpus)).start()
    try:
        env = base_env(
            ZOTSYNC_ARXIV_URL=arxiv.url,
            ZOTSYNC_S2_URL=s2_emulator.url,
            ZOTSYNC_HF_URL=hf_emulator.url,
        )
        ok(zotsync("resolve", "list.md", cwd=work, env=env))
        ok(zotsync("bib", "list.md", "-o", "refs.bib", cwd=work, env=env))
    finally:
        arxiv.stop()
    bib = (work / "refs.bib").read_text(encoding="utf-8")
    for n in range(1, len(records) + 1):
        assert f"Hostile{n}" in bib, bib
    assert set(re.findall(r"\\([A-Za-z]+)", bib)) <= ALLOWED, bib
    assert not re.search(r"\\@[@A-Za-z]|\\[A-Za-z]+@", bib), (
        bib
    )  # nothing to run where @ is a letter
    assert "^^" not in bib, bib

    (work / "paper.tex").write_text(
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage[utf8]{inputenc}"
        "\\usepackage{url}\n\\begin{document}\\nocite{*}\\bibliographystyle{plain}"
        "\\bibliography{refs}\\end{document}\n",
        encoding="utf-8",
    )
    run = {"cwd": work, "capture_output": True, "timeout": 120}
    latex = ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "-recorder", "paper.tex"]
    subprocess.run(latex, **run)
    subprocess.run(["bibtex", "paper"], **run)
    final = subprocess.run(latex, **run)
    log = (work / "paper.log").read_text(encoding="latin-1")
    opened = (work / "paper.fls").read_text(encoding="latin-1")  # every file TeX opened
    assert "canary" not in opened and "passwd" not in opened, opened
    assert CANARY not in log and not (work / "pwned").exists()
    assert final.returncode == 0, log[-3000:]
    bbl = (work / "paper.bbl").read_text(encoding="latin-1")
    for n in range(1, len(records) + 1):
        assert f"Hostile{n}" in bbl, bbl
