"""Reports and memos: ``.pdf`` (its text layer, through `pypdfium2`) and ``.docx`` (through
`python-docx`), for :mod:`mtsum.ingest`.

- **PDF**: the text of each page, one paragraph per block of lines (a new block where the gap
  between two lines is wider than most of a line's height, or the type size changes); page
  numbers alone on a line are dropped. A PDF with no text at all is a scanned one: named
  ("scanned PDF: no text layer; OCR is not supported"), never guessed at.
- **Word**: the body's headings and paragraphs in order (tables left out).

Their title and date are checked against the text as a saved page's are
(:mod:`mtsum.pages`): the document's own title (its properties) is used when the first lines
of the text name it too ("Microsoft Word - draft3.docx" is not a title), else a short first
line that is not a sentence; a date printed at the top of the text ("15 January 2024") wins
over the document's creation date (often the date a template was made).

The author in a file's properties is not read: it is often the account name of whoever
last saved it, not a byline, and a briefing is published. Other office files and images are
named by :data:`UNREADABLE`, one line each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import threading

from mtsum.errors import InputError

DOCUMENT_SUFFIXES = (".pdf", ".docx")
UNREADABLE = {
    ".doc": "a Word 97-2003 document (.doc): mtsum reads .docx and PDF; save it as one",
    ".dot": "a Word 97-2003 template (.dot): not read",
    ".docm": "a macro-enabled Word document (.docm): not read; save it as .docx",
    ".rtf": "a Rich Text document (.rtf): not read; save it as .docx or .txt",
    ".odt": "an OpenDocument text (.odt): not read; save it as .docx or PDF",
    ".pages": "an Apple Pages document: not read; export it as .docx or PDF",
    ".xls": "a spreadsheet (.xls): not read; mtsum reads articles, not tables",
    ".xlsx": "a spreadsheet (.xlsx): not read; mtsum reads articles, not tables",
    ".xlsm": "a spreadsheet (.xlsm): not read; mtsum reads articles, not tables",
    ".ods": "a spreadsheet (.ods): not read; mtsum reads articles, not tables",
    ".csv": "a table (.csv): not read; mtsum reads articles, not tables",
    ".numbers": "an Apple Numbers spreadsheet: not read",
    ".ppt": "a presentation (.ppt): not read; export it as PDF",
    ".pptx": "a presentation (.pptx): not read; export it as PDF",
    ".odp": "an OpenDocument presentation (.odp): not read; export it as PDF",
    ".key": "an Apple Keynote presentation: not read; export it as PDF",
    ".epub": "an e-book (.epub): not read",
    **{
        suffix: f"an image ({suffix}): not read; OCR is not supported"
        for suffix in (
            ".png",
            ".jpg",
            ".jpeg",
            ".gif",
            ".webp",
            ".tif",
            ".tiff",
            ".bmp",
            ".heic",
            ".heif",
            ".svg",
        )
    },
}
HEADER_CHARS = 300  # how much text at the top may hold its date (as under a page's headline)
TITLE_CHARS = 150  # a longer first line is a sentence, not a title
DOCX_XML_FACTOR = 20  # a .docx's text part (XML) may be this many times the text limit
DOCX_ALL_FACTOR = 50  # all its parts unpacked (images included)
_PDF_LOCK = threading.Lock()  # PDFium is not thread-safe


@dataclasses.dataclass
class Document:
    """What a report or memo gives an article."""

    paragraphs: list[str]
    title: str | None = None
    date: dt.date | None = None
    date_source: str | None = None  # "byline" (printed at its top) or "document" (properties)
    warnings: list[str] = dataclasses.field(default_factory=list)


def is_document(name: str) -> bool:
    return name.lower().endswith(DOCUMENT_SUFFIXES)


def unreadable(name: str) -> str | None:
    """Why a file of this kind is not read (an office format or an image), or None."""
    lower = name.lower()
    return next((why for suffix, why in UNREADABLE.items() if lower.endswith(suffix)), None)


def read_document(path: str, data: bytes, max_chars: int) -> Document:
    """The article of a ``.pdf`` or ``.docx`` file; :class:`InputError` when it has none.
    At most about ``max_chars`` of text is read (the caller holds it to the limit)."""
    if not data.strip():
        raise InputError(path, "empty file", "empty")
    if path.lower().endswith(".pdf") or data[:5] == b"%PDF-":
        blocks, title, created = _pdf(path, data, max_chars)
    else:
        blocks, title, created = _docx(path, data, max_chars)
    return _document(path, blocks, title, created)


# --- PDF -------------------------------------------------------------------------------------


def _pdf(path: str, data: bytes, max_chars: int):
    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(path, "not a PDF (no %PDF- header)", "binary")
    import pypdfium2 as pdfium

    with _PDF_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            reason = str(exc)
            if "password" in reason.lower():
                raise InputError(
                    path, "an encrypted PDF (it needs a password): not read", "binary"
                ) from None
            raise InputError(path, f"not a readable PDF ({reason})", "binary") from None
        try:
            meta = pdf.get_metadata_dict()
            blocks: list[str] = []
            size = 0
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    text_page = page.get_textpage()
                    try:
                        page_blocks = _page_blocks(text_page)
                    finally:
                        text_page.close()
                finally:
                    page.close()
                blocks += page_blocks
                size += sum(map(len, page_blocks))
                if size > max_chars:
                    break
        except pdfium.PdfiumError as exc:
            raise InputError(path, f"not a readable PDF ({exc})", "binary") from None
        finally:
            pdf.close()
    if not any(re.search(r"\w", b) for b in blocks):
        raise InputError(path, "scanned PDF: no text layer; OCR is not supported", "no_words")
    return blocks, meta.get("Title"), _pdf_date(meta.get("CreationDate"))


def _page_blocks(text_page) -> list[str]:
    """A page's text, one string per block of lines."""
    lines: list[tuple[float, float, str]] = []  # bottom, top, text
    for index in range(text_page.count_rects()):
        left, bottom, right, top = text_page.get_rect(index)
        text = text_page.get_text_bounded(left, bottom, right, top).strip()
        if not text:
            continue
        if lines:
            b, t, previous = lines[-1]
            overlap = min(t, top) - max(b, bottom)
            if overlap > 0.5 * min(t - b, top - bottom):  # the same line
                lines[-1] = (min(b, bottom), max(t, top), f"{previous} {text}")
                continue
        lines.append((bottom, top, text))
    blocks: list[list[str]] = []
    last = None
    for bottom, top, text in lines:
        if re.fullmatch(r"[-–—\s]*\d{1,4}[-–—\s]*|page \d+( of \d+)?", text, re.I):
            continue  # a page number
        height = top - bottom
        if last is not None:
            l_bottom, l_top = last
            l_height = l_top - l_bottom
            gap = l_bottom - top
            same = -0.5 * height < gap < 0.7 * max(height, l_height) and abs(
                height - l_height
            ) < 0.25 * max(height, l_height)
            if same:
                blocks[-1].append(text)
                last = (bottom, top)
                continue
        blocks.append([text])
        last = (bottom, top)
    return [_join(block) for block in blocks]


def _join(lines: list[str]) -> str:
    """Lines of one block as a paragraph: a word broken at a line's end joined again."""
    out = ""
    for line in lines:
        line = line.replace("\x00", "").strip()
        if out.endswith(("\x02", "\xad")):
            out = out[:-1] + line
        elif re.search(r"\w-$", out) and line[:1].islower():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return re.sub(r"\s+", " ", out.replace("\x02", "").replace("\xad", "")).strip()


def _pdf_date(value: str | None) -> dt.date | None:
    """A PDF date ("D:20240115093000+01'00'") as a calendar date."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", (value or "").strip())
    if not match or not match.group(2) or not match.group(3):
        return None
    try:
        date = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return date if date.year >= 1900 else None


# --- Word ------------------------------------------------------------------------------------


def _docx(path: str, data: bytes, max_chars: int):
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        body = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(
            path, "not a Word document (.docx is a zip with word/document.xml)", "binary"
        ) from None
    # python-docx unpacks every part into memory: a zip that unpacks to far more than its
    # text could need (a "zip bomb") is refused before it is opened
    unpacked = sum(member.file_size for member in archive.infolist())
    if body.file_size > DOCX_XML_FACTOR * max_chars or unpacked > DOCX_ALL_FACTOR * max_chars:
        raise InputError(
            path,
            f"too large (it unpacks to {unpacked / 1e6:.1f} MB, its text part to "
            f"{body.file_size / 1e6:.1f} MB)",
            "too_large",
        )
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"not a readable Word document ({exc})", "binary") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a damaged file
        raise InputError(
            path, f"not a readable Word document ({type(exc).__name__})", "binary"
        ) from None
    blocks, size, heading = [], 0, None
    for paragraph in document.paragraphs:
        text = re.sub(r"\s+", " ", paragraph.text).strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if heading is None and not blocks and style.lower().startswith(("title", "heading")):
            heading = text
        blocks.append(text)
        size += len(text)
        if size > max_chars:
            break
    if not blocks:
        raise InputError(path, "a Word document with no text", "no_words")
    properties = document.core_properties
    created = properties.created.date() if properties.created else None
    if created and created.year < 1900:
        created = None
    return blocks, properties.title or heading, created


# --- title and date, checked against the text ------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _document(path, blocks, title, created) -> Document:
    blocks = [b for b in blocks if b]
    title = re.sub(r"\s+", " ", title or "").strip() or None
    chosen = None
    if title and _norm(title):
        # the document's title, where its first lines name it too
        top = _norm(" ".join(blocks[:3]))
        if _norm(title) in top:
            chosen = title
    if chosen is None and len(blocks) > 1:
        first = blocks[0]
        if len(first) <= TITLE_CHARS and not first.endswith((".", ":")):
            chosen = first
    if chosen is not None and blocks and _norm(blocks[0]) == _norm(chosen):
        blocks = blocks[1:]  # the title printed as the first line (a block that goes on
        # after the title is kept whole)
    if not blocks:
        raise InputError(path, "no text beyond its title", "no_words")
    date, source = _printed_date(" ".join(blocks)[:HEADER_CHARS], created), "byline"
    if date is None and created is not None:
        date, source = created, "document"
    return Document(
        paragraphs=blocks,
        title=chosen,
        date=date,
        date_source=source if date else None,
    )


def _printed_date(top: str, created: dt.date | None) -> dt.date | None:
    """A date printed at the top of the text, as a byline's (:func:`mtsum.pages._byline_date`),
    in the language the text is in."""
    from mtsum.detect import detect_language
    from mtsum.pages import _byline_date

    if not top:
        return None
    lang = detect_language(top).lang or "en"
    return _byline_date(top, lang, created)
