"""``GET /pdf/<id>[v<n>]``: a small, valid PDF for every version of every record.

arXiv serves a paper's PDF at ``https://arxiv.org/pdf/<id>v<n>`` (the latest version
without ``v<n>``). The emulator answers with a one-page PDF 1.4 document naming the
paper, its version and its authors: a real PDF (header, objects, a cross-reference
table with correct byte offsets, trailer), deterministic for a (record, version), and
different for each version, so a client that stores files sees a new file when a paper
gets a new version and the same bytes on a re-download.
"""

from __future__ import annotations

from zotsync.emulators.arxiv.records import ArxivRecord

CONTENT_TYPE = "application/pdf"


def _text(value: str) -> str:
    """A PDF literal string of printable ASCII (others as '?'), specials escaped."""
    ascii_only = "".join(ch if 32 <= ord(ch) < 127 else "?" for ch in value)
    return ascii_only.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def render_pdf(record: ArxivRecord, version: int) -> bytes:
    lines = [
        f"arXiv:{record.arxiv_id}v{version}",
        record.title[:90],
        ", ".join(a.name for a in record.authors)[:90],
        f"submitted {record.version_date(version)}",
    ]
    stream = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(f"({_text(t)}) '" for t in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream.encode('ascii'))} >>\nstream\n{stream}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)
