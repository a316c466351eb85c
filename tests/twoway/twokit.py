"""Helpers for two-way tests: a list file on disk, resolutions for it, a push, a Zotero-side note edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pushkit import resolutions_for

from zotsync.model import Resolution
from zotsync.parse import parse_file
from zotsync.push.push import push
from zotsync.push.state import load_state
from zotsync.resolve.lockfile import save_lock

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))


#: What Zotero's note editor saves: its schema div, paragraphs, a list, a link, bold, Chinese.
def zotero_html(words: str) -> str:
    return (
        '<div data-schema-version="9"><p>Edited in Zotero: <strong>'
        + words
        + "</strong> 中文笔记，效果很好。</p>"
        '<ul><li><p>first point</p></li><li><p>see <a href="https://example.org/x" rel="noopener">the code</a></p></li></ul></div>'
    )


def write_list(tmp: Path, text: str | bytes, name: str = "reading.md") -> str:
    path = tmp / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def lock_for(config: Any, files: list[str]) -> dict[str, Resolution]:
    """Resolutions (sample corpus, else hand-built) for every entry, saved as the config's lock file."""
    entries = [e for f in files for e in parse_file(f).entries]
    res = resolutions_for(entries)
    save_lock(config.resolve.lock, res)
    return res


def push_all(config: Any, files: list[str]):
    return push(files, config)


def note_keys(config: Any, library: str) -> dict[str, str]:
    """Managed note slot -> Zotero key, from the sync state."""
    state = load_state(config.zotero.state_dir, library)
    return {slot: st.key for slot, st in state.notes.items()}


#: A small list in the Markdown-notes dialect, CRLF-free; notes of three shapes.
SMALL = """# Reading

## Style

- [Instance Normalization: The Missing Ingredient for Fast Stylization](https://arxiv.org/abs/1607.08022)
  - works for style transfer
  - simple idea

- [Arbitrary Style Transfer in Real-time with Adaptive Instance Normalization](https://arxiv.org/abs/1703.06868)
  AdaIN: 匹配均值和方差。

## Other

- [Convergent Learning: Do different neural networks learn the same representations?](https://arxiv.org/abs/1511.07543)
"""


def setup_small(
    config: Any, tmp: Path, text: str = SMALL, name: str = "reading.md"
) -> tuple[str, dict[str, str]]:
    """Write ``text``, lock it, push it; the file path and the managed note keys by entry ident."""
    path = write_list(tmp, text, name)
    lock_for(config, [path])
    out = push([path], config)
    assert out.applied and not out.result.failed
    keys = note_keys(config, out.plan.library)
    return path, {slot.split("/", 1)[1].rsplit("#", 1)[0]: key for slot, key in keys.items()}


def edit_list(path: str, old: str, new: str) -> None:
    """Edit the list file as the user would (text replace, must match once)."""
    data = Path(path).read_text(encoding="utf-8")
    assert data.count(old) == 1, old
    Path(path).write_text(data.replace(old, new), encoding="utf-8")


def note_writes(remote: Any) -> list[dict[str, Any]]:
    return remote.writes()
