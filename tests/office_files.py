"""Small PDF and Word files for tests and bench/hostile.py, built offline: a PDF written by
hand (Helvetica, WinAnsi, one page; a text layer, or a filled box and no text as a scan
has) and a .docx written with python-docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(text: str, width: int = 80) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return out + ([line] if line else [])


def make_pdf(
    path: Path,
    blocks: list[str] = (),
    *,
    heading: str | None = None,
    title: str | None = None,
    created: str | None = None,
    scanned: bool = False,
) -> Path:
    """A one-page PDF: ``heading`` at 18 pt, then each block's lines at 12 pt (14 pt apart),
    a blank line between blocks; ``title`` and ``created`` ("20240115093000Z") in its
    properties. ``scanned``: a grey box, no text."""
    if scanned:
        content = b"q 0.5 g 72 72 468 648 re f Q"
    else:
        ops = ["BT", "72 720 Td"]
        if heading:
            ops += ["/F1 18 Tf", f"({_escape(heading)}) Tj", "0 -32 Td"]
        ops.append("/F1 12 Tf")
        for block in blocks:
            for line in _lines(block):
                ops += [f"({_escape(line)}) Tj", "0 -14 Td"]
            ops.append("0 -14 Td")
        ops.append("ET")
        content = "\n".join(ops).encode("cp1252")
    info = []
    if title:
        info.append(b"/Title (" + _escape(title).encode("cp1252") + b")")
    if created:
        info.append(b"/CreationDate (D:" + created.encode() + b")")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< " + b" ".join(info) + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def make_docx(
    path: Path,
    paragraphs: list[str],
    *,
    heading: str | None = None,
    subheadings: dict[int, str] | None = None,
    title: str | None = None,
    created: dt.datetime | None = None,
) -> Path:
    """A .docx: ``heading`` as a level-1 heading, the paragraphs (``subheadings[i]`` as a
    level-2 heading before paragraph i), ``title`` and ``created`` in its core properties."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for index, text in enumerate(paragraphs):
        if subheadings and index in subheadings:
            document.add_heading(subheadings[index], level=2)
        document.add_paragraph(text)
    document.core_properties.title = title or ""
    if created:
        document.core_properties.created = created
    document.save(path)
    return path
