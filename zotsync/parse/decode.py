"""Bytes on disk -> text, or a clear :class:`~zotsync.errors.InputError`.

Policy (in this order):

1. The path must be an existing regular file we may read (not a directory).
2. **Size limit**: files larger than :data:`MAX_BYTES` (20 MiB) are refused before
   reading. The largest real reading lists are a few MB; a 50 MB "list" is almost
   certainly the wrong file (a PDF, a dump, a log), and refusing it at once is better
   than a long parse whose result nobody can review. The hint says how to proceed.
3. A **byte-order mark** decides: UTF-8 (BOM dropped), UTF-16 LE/BE, UTF-32 LE/BE. Mostly-ASCII
   UTF-16 without a BOM (a NUL in every other byte, nowhere else) is recognised too.
4. **Binary** content is refused: NUL bytes (in a file without a UTF-16/32 BOM) or more
   than 10% control characters in the first 64 KiB.
5. Strict **UTF-8**; then strict **GB18030** (a superset of GBK and GB2312), accepted only
   when the decoded text is mostly CJK among its non-ASCII letters (so Latin-1 bytes are not
   mistaken for Chinese); then **cp1252** for a Western file with a few accented letters;
   otherwise a clear error asking the user to re-save the file as UTF-8.

Line endings are kept as they are (the line splitter handles ``\\r\\n``), so a later
rewrite of one note can leave the rest of the file byte-for-byte identical.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from zotsync.errors import InputError
from zotsync.parse.lines import cjk_ratio

MAX_BYTES = 20 * 1024 * 1024
_SNIFF = 64 * 1024
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


def _stat(path: Path, shown: str) -> os.stat_result:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(
            f"cannot read {shown}: no such file", hint="check the path and the file name"
        ) from None
    except PermissionError:
        raise InputError(
            f"cannot read {shown}: permission denied", hint="check the file's permissions"
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot read {shown}: {exc.strerror or exc}", hint="check the path"
        ) from None
    if path.is_dir():
        raise InputError(
            f"cannot read {shown}: it is a directory",
            hint="name the reading-list files inside it, e.g. " + os.path.join(shown, "*.md"),
        )
    return st


def _read_bytes(path: Path, shown: str) -> bytes:
    st = _stat(path, shown)
    if st.st_size > MAX_BYTES:
        raise InputError(
            f"cannot read {shown}: {st.st_size / 1e6:.1f} MB is over the {MAX_BYTES // (1024 * 1024)} MB "
            f"limit for a reading list",
            hint="split the list into smaller files, or check that this is the right file",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(
            f"cannot read {shown}: permission denied", hint="check the file's permissions"
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot read {shown}: {exc.strerror or exc}", hint="check the path"
        ) from None
    if len(data) > MAX_BYTES:  # a pipe or a file that grew while we looked
        raise InputError(
            f"cannot read {shown}: more than {MAX_BYTES // (1024 * 1024)} MB",
            hint="split the list into smaller files, or check that this is the right file",
        )
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10% control characters, in the first 64 KiB."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > 0.10


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NULs sit in every other byte (UTF-16 text without a BOM)."""
    head = (
        data[: _SNIFF - (_SNIFF % 2)] if len(data) > _SNIFF else data[: len(data) - len(data) % 2]
    )
    pairs = len(head) // 2
    if pairs < 2 or len(data) % 2:
        return None
    for encoding, zero_at in (("utf-16-le", 1), ("utf-16-be", 0)):
        zeros = sum(1 for i in range(zero_at, len(head), 2) if head[i] == 0)
        if zeros >= 0.9 * pairs and not any(head[i] == 0 for i in range(1 - zero_at, len(head), 2)):
            return encoding
    return None


def _mostly_cjk(text: str) -> bool:
    non_ascii = "".join(ch for ch in text[:_SNIFF] if ord(ch) > 127)
    return cjk_ratio(non_ascii) >= 0.6 or not any(ch.isalpha() for ch in non_ascii)


def decode_bytes(data: bytes, shown: str) -> tuple[str, str]:
    """Decode per the module policy; ``shown`` names the file in error messages."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                raise InputError(
                    f"cannot decode {shown}: it starts with a {encoding} byte-order mark but is not "
                    f"valid {encoding} text",
                    hint="re-save the file as UTF-8",
                ) from None
    utf16 = _bomless_utf16(data) if b"\x00" in data[:_SNIFF] else None
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise InputError(
            f"cannot read {shown}: it looks like a binary file, not a text reading list",
            hint="export the list as Markdown or plain text",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _mostly_cjk(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if sum(1 for ch in text if ord(ch) > 127) <= max(8, len(text) // 50):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    raise InputError(
        f"cannot decode {shown}: not UTF-8, UTF-16 or GB18030 text",
        hint="re-save the file as UTF-8",
    )


def read_text(path: str | os.PathLike) -> tuple[str, str]:
    """Read a reading list: ``(text, encoding name)``; raises :class:`InputError` with a hint.

    The encoding name is the Python codec used (``utf-8``, ``utf-8-sig``, ``utf-16-le``,
    ``utf-16-be``, ``gb18030``, ``cp1252``…), so a rewrite can encode the same way.
    """
    shown = os.fspath(path)
    data = _read_bytes(Path(shown), shown)
    return decode_bytes(data, shown)
