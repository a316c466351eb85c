"""A list file's bytes as lines, each knowing its exact byte range and its own line ending.

Rewriting a note must leave every other byte alone, whatever the file's encoding
(UTF-8 with or without BOM, UTF-16 LE/BE, GB18030/GBK, …) and line endings (LF,
CRLF, CR, or a mix). So we never decode-and-re-encode a whole file: we find the
byte range of each line and splice new bytes in place.

Lines are numbered from 1 exactly as the parser numbers them
(:func:`zotsync.parse.lines.split_lines`): a line ends at ``\\n`` or ``\\r\\n``; only in
a file with no ``\\n`` at all does a bare ``\\r`` end lines (old Mac files). Elsewhere a
bare ``\\r`` is just a character of its line and is kept. The last line may have no ending. A file that does not decode, or whose
decoded lines do not encode back to exactly the same bytes, is refused with an
:class:`~zotsync.errors.InputError` rather than risked.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from zotsync.errors import InputError
from zotsync.parse.lines import eol_pattern

#: BOMs by codec family, longest first (UTF-32-LE's BOM starts with UTF-16-LE's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Line:
    """One line: ``text`` without its ending, ``eol`` as written ("", "\\n", "\\r\\n", "\\r")."""

    number: int  # 1-based
    text: str
    eol: str
    start: int  # byte offset of the line's first byte
    end: int  # byte offset just past its ending


@dataclass(frozen=True)
class TextFile:
    """A decoded view of a file that remembers where every line's bytes are."""

    data: bytes
    codec: str  # a byte-order-explicit Python codec name, e.g. "utf-16-le"
    bom: bytes  # the BOM bytes kept in front of the text ("" if none)
    lines: tuple[Line, ...]

    def encode(self, text: str) -> bytes:
        """New text in this file's encoding; refuses characters the encoding cannot hold."""
        try:
            return text.encode(self.codec)
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise InputError(
                f"cannot write {bad!r} into a {self.codec} file",
                hint="convert the list to UTF-8, or remove that character from the note in Zotero",
            ) from None

    def newline(self, near: int) -> str:
        """The line ending to use for new lines written near line ``near`` (1-based).

        The ending of that line, else of the closest line above that has one, else
        the file's most common ending, else ``\\n``.
        """
        for line in reversed(self.lines[: max(near, 1)]):
            if line.eol:
                return line.eol
        counts: dict[str, int] = {}
        for line in self.lines:
            if line.eol:
                counts[line.eol] = counts.get(line.eol, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else "\n"


def codec_and_bom(data: bytes, encoding: str) -> tuple[str, bytes]:
    """A byte-order-explicit codec for ``encoding`` and the BOM ``data`` starts with.

    ``"utf-8-sig"``/``"utf-8"`` accept a UTF-8 BOM; ``"utf-16"``/``"utf-32"`` take
    their byte order from the BOM (little-endian without one). The BOM is kept as raw
    bytes so it survives a rewrite untouched.
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r}",
            hint="use a Python codec name such as utf-8 or gb18030",
        ) from None
    family = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}.get(name, name)
    for bom, codec in _BOMS:
        if data.startswith(bom) and codec.startswith(family):
            return codec, bom
    if family in ("utf-16", "utf-32"):
        return family + "-le", b""
    return family, b""


def split_lines(data: bytes, encoding: str) -> TextFile:
    """Decode ``data`` and locate every line's bytes (see module docs)."""
    codec, bom = codec_and_bom(data, encoding)
    try:
        text = data[len(bom) :].decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not valid {encoding} (byte {exc.start + len(bom)})",
            hint="re-detect the encoding, or convert the file to UTF-8",
        ) from None
    lines: list[Line] = []
    offset = len(bom)
    pos = 0
    number = 0
    for m in eol_pattern(text).finditer(text):
        number += 1
        offset = _add_line(lines, number, text[pos : m.start()], m.group(0), offset, codec)
        pos = m.end()
    if pos < len(text) or not lines:
        number += 1
        offset = _add_line(lines, number, text[pos:], "", offset, codec)
    if offset != len(data) or text.encode(codec) != data[len(bom) :]:
        raise InputError(
            f"the file does not re-encode byte-for-byte as {encoding}",
            hint="zotsync will not rewrite it; convert it to UTF-8 first",
        )
    return TextFile(data=data, codec=codec, bom=bom, lines=tuple(lines))


def _add_line(lines: list[Line], number: int, text: str, eol: str, offset: int, codec: str) -> int:
    size = len((text + eol).encode(codec))
    lines.append(Line(number=number, text=text, eol=eol, start=offset, end=offset + size))
    return offset + size


def line_texts(data: bytes, encoding: str) -> list[str]:
    """The file's lines as text, without endings, numbered as :func:`split_lines` numbers them."""
    return [line.text for line in split_lines(data, encoding).lines]
