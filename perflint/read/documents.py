"""Word (.docx) and PDF reports, read as text through the optional extras.

``pip install 'perflint[docx]'`` (python-docx) and ``pip install 'perflint[pdf]'``
(pypdf).  A .docx becomes one line per paragraph (table rows become one line,
cells separated by tabs), so a finding's line is the paragraph number; a PDF
becomes its pages' text lines with a blank line between pages (the page break
the reader re-joins across), and ``Source.page_starts`` maps lines to pages.

Both are bounded against hostile files: a .docx whose zip would inflate past
``MAX_UNCOMPRESSED`` or by more than ``MAX_RATIO`` (a zip bomb) is refused
before anything is inflated; a PDF with more than ``MAX_PAGES`` pages, or whose
text takes longer than ``TIME_LIMIT`` seconds to extract, is refused.
"""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

from .source import MAX_BYTES, InputError, Source

MAX_ENTRIES = 5000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_PAGES = 2000
TIME_LIMIT = 60.0


DOCUMENT_SUFFIXES = (".docx", ".pdf")


def read_source(path: str) -> Source:
    """A report as text: plain text directly, Word and PDF through their extras."""
    if Path(path).suffix.lower() in DOCUMENT_SUFFIXES:
        return read_document_file(path)
    return Source.from_path(path)


def read_document_file(path: str) -> Source:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read") from None
    if size == 0:
        raise InputError("empty file")
    if size > MAX_BYTES:
        raise InputError(f"file too large ({size} bytes, limit {MAX_BYTES})")
    if p.suffix.lower() == ".docx":
        lines, pages = _docx_lines(p), None
    else:
        lines, pages = _pdf_lines(p)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError("no text in this document (a scanned PDF needs OCR first)")
    source = Source(str(path), text, encoding=p.suffix.lower().lstrip("."))
    source.page_starts = pages
    return source


def _docx_lines(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise InputError("not a Word .docx file (not a zip archive)") from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"refusing a .docx with {len(infos)} entries (limit {MAX_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"refusing a .docx that inflates to {total} bytes (limit {MAX_UNCOMPRESSED}): a zip bomb?")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1024 * 1024:
            raise InputError(f"refusing a .docx entry {info.filename} compressed {info.file_size // info.compress_size}:1: a zip bomb?")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise InputError("reading .docx needs the docx extra: pip install 'perflint[docx]'") from None
    try:
        document = docx.Document(str(path))
        lines = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, document).text)
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
        return lines
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many types on malformed files
        raise InputError(f"cannot read this .docx: {type(exc).__name__}: {exc}") from None


def _pdf_lines(path: Path) -> tuple[list[str], list[int]]:
    try:
        import pypdf
    except ImportError:
        raise InputError("reading .pdf needs the pdf extra: pip install 'perflint[pdf]'") from None
    result: dict[str, object] = {}

    def extract() -> None:
        try:
            reader = pypdf.PdfReader(str(path), strict=False)
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise InputError(f"refusing a PDF of {count} pages (limit {MAX_PAGES})")
            result["pages"] = [page.extract_text() or "" for page in reader.pages]
        except InputError as exc:
            result["error"] = exc
        except Exception as exc:  # pypdf raises many types on malformed files
            result["error"] = InputError(f"cannot read this PDF: {type(exc).__name__}: {exc}")

    worker = threading.Thread(target=extract, daemon=True)
    worker.start()
    worker.join(TIME_LIMIT)
    if worker.is_alive():
        raise InputError(f"PDF text extraction did not finish in {TIME_LIMIT:.0f} s")
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    lines: list[str] = []
    starts: list[int] = []
    for text in result["pages"]:  # type: ignore[union-attr]
        if lines:
            lines.append("")  # a page break, as PDF-to-text conversions leave it
        starts.append(len(lines) + 1)
        lines.extend(text.splitlines())
    return lines, starts
