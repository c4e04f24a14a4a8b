"""Bytes in, text out: decoding, line/column positions and display width.

Every position perflint reports is an offset into ``Source.text``, the text
exactly as decoded (a leading BOM removed, nothing normalised).  Lines and
columns are computed once, here, by bisecting over line starts; ``\\r\\n``,
``\\r`` and ``\\n`` each end one line.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Refuse files larger than this: a report is a few hundred kilobytes.
MAX_BYTES = 128 * 1024 * 1024

# Compiled as usual, not through regex_cache: this module is imported before the command
# line's options are read, and --no-cache must be able to leave the kept patterns unread.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0/C1 controls other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A file perflint cannot read; the message names the reason."""


#: The header of an OLE2 compound file: Word 97-2003 .doc, WPS .wps, Excel 97-2003 .xls, WPS .et.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, refusing anything that could hang or exhaust memory.

    A FIFO, a socket or a character device (/dev/zero) is refused before it is
    opened for reading, and the size limit holds while reading, not only by
    what ``stat`` says (a file may grow, or lie).  ``-`` reads standard input,
    within the same limit.
    """
    import os
    import stat
    import sys

    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"standard input too large (limit {limit} bytes)")
        return data
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(mode):
            raise InputError("not a regular file (a pipe, socket or device is not read)")
        # O_NONBLOCK: should the path have become a FIFO since stat, opening it does not block
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError("not a regular file (a pipe, socket or device is not read)")
            # ask for what stat says (read(limit + 1) allocates the whole limit for every file),
            # then for the rest should the file have grown, never past the limit
            data = handle.read(min(st.st_size, limit) + 1)
            if len(data) > st.st_size and len(data) <= limit:
                data += handle.read(limit + 1 - len(data))
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise InputError(f"file too large (more than {limit} bytes)")
    return data


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) for report bytes, or raise InputError.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are tried first, then
    GB18030, the encoding of most Chinese government text files.  Text that
    decodes but is full of control characters is binary, not a report.
    """
    if not data:
        raise InputError("empty file")
    if len(data) > MAX_BYTES:
        raise InputError(f"file too large ({len(data)} bytes, limit {MAX_BYTES})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} after its byte-order mark at byte {exc.start}") from None
            return _checked(text.lstrip("\ufeff"), encoding)
    if data.startswith(_OLE2):
        raise InputError("a Word 97-2003, WPS or old Excel file (.doc, .wps, .xls, .et): save it as .docx or .xlsx "
                         "(or convert it: soffice --headless --convert-to docx FILE; an Excel or .et file: --convert-to xlsx)")
    if data.startswith(b"PK\x03\x04"):
        raise InputError("a zip archive (an Office file with another suffix?): name a Word file .docx, an Excel file .xlsx")
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("not UTF-8, UTF-16 or GB18030 text")


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    controls = len(_CONTROL.findall(text))
    if controls and controls * 100 > len(text):
        raise InputError(f"binary file ({controls} control characters)")
    return text, encoding


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a line of a Word, Excel or PDF file came from, to show a finding where a person finds it."""

    paragraph: int | None = None  # Word: the paragraph's number in the body
    table: int | None = None  # Word: the table's number
    row: int | None = None  # Word table row, or Excel row number
    columns: tuple[int | str, ...] = ()  # per tab-separated cell: Word column number, Excel column letter
    sheet: str | None = None  # Excel sheet
    page: int | None = None  # PDF page

    def where(self, cell: int | None = None) -> dict[str, int | str]:
        """The place of the line, or of its cell ``cell`` (0-based among its tab-separated cells)."""
        column = self.columns[cell] if cell is not None and cell < len(self.columns) else None
        if self.sheet is not None and self.row is not None:
            return {"sheet": self.sheet, "cell": f"{column or 'A'}{self.row}"}
        if self.table is not None:
            found: dict[str, int | str] = {"table": self.table, "row": self.row or 0}
            if column is not None:
                found["column"] = column
            return found
        if self.paragraph is not None:
            return {"paragraph": self.paragraph}
        if self.page is not None:
            return {"page": self.page}
        return {}


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open [start, end) offsets into Source.text."""

    start: int
    end: int


@dataclass
class Source:
    """A decoded report and its line index."""

    path: str
    text: str
    encoding: str = "utf-8"
    line_starts: list[int] = field(init=False, repr=False)
    page_starts: list[int] | None = field(default=None, repr=False)  # first line of each page (PDF)
    origins: list[Origin] | None = field(default=None, repr=False)  # per line, for Word, Excel and PDF files

    def __post_init__(self) -> None:
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> Source:
        text, encoding = decode(data)
        return cls(path, text, encoding)

    @classmethod
    def from_path(cls, path: str | Path) -> Source:
        return cls.from_bytes(str(path), read_limited(path))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column in characters) of an offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def page(self, line: int) -> int | None:
        """The 1-based page a line is on, for sources that have pages."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, line)

    def origin(self, line: int, column: int) -> dict[str, int | str]:
        """Where (line, column) is in the file a person opens: {} for a text file."""
        if not self.origins or not 1 <= line <= len(self.origins):
            return {}
        origin = self.origins[line - 1]
        cell = self.line_text(line)[: column - 1].count("\t") if origin.columns else None
        return origin.where(cell)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line, line breaks excluded."""
        spans = []
        starts = self.line_starts
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            while end > start and self.text[end - 1] in "\r\n":
                end -= 1
            spans.append((start, end))
        return spans

