"""Word (.docx), Excel (.xlsx) and PDF reports, read as text with the tables kept as rows.

The readers (python-docx, openpyxl, pdfplumber) are dependencies, imported only when
such a file is read.  Each file becomes lines of text:
a paragraph per line, a table row per line with its cells separated by tabs
(the reader of the model turns tab rows back into a table).  Every line keeps
its ``Origin`` — paragraph 12, table 2 row 3, Sheet1 row 7, page 3 — so a finding
is shown where a person can find it (``report.xlsx:Sheet1!F7``).

Word: paragraphs and tables in body order, text inside content controls and
tracked insertions included and deleted text left out; a cell merged across
columns or rows is counted once; a table nested in a cell follows its row.
Excel: every sheet, cell values as displayed (percent formats as percents,
cached formula results); a merged range is its top-left cell.  PDF: the text
of each page and the tables pdfplumber finds on it, in reading order.

Hostile files are bounded: an archive that would inflate past
``MAX_UNCOMPRESSED`` or by more than ``MAX_RATIO`` (a zip bomb) is refused
before anything is inflated; a sheet larger than ``MAX_CELLS``, a PDF of more
than ``MAX_PAGES`` pages, or a read that takes longer than ``TIME_LIMIT``
seconds is refused.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .regex_cache import compiled
from .source import MAX_BYTES, InputError, Origin, Source

MAX_ENTRIES = 5000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_PAGES = 2000
MAX_CELLS = 2_000_000
TIME_LIMIT = 60.0

DOCUMENT_SUFFIXES = (".docx", ".xlsx", ".pdf")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def read_source(path: str, data: bytes | None = None) -> Source:
    """A report as text: plain text directly, Word, Excel and PDF through their extras
    (``data``: the file's bytes when the caller has read them already)."""
    if Path(path).suffix.lower() in DOCUMENT_SUFFIXES:
        return read_document_file(path)
    return Source.from_path(path) if data is None else Source.from_bytes(path, data)


def read_stdin(name: str = "-") -> Source:
    """A report piped in (``perflint - --stdin-filename report.docx``): text is decoded as a
    file's would be; Word, Excel and PDF bytes go through a temporary file to their reader."""
    import tempfile

    from .source import read_limited

    data = read_limited("-")
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        return Source.from_bytes(name, data)
    if not data:
        raise InputError("empty file")
    with tempfile.TemporaryDirectory(prefix="perflint-stdin-") as folder:
        temp = Path(folder) / f"stdin{suffix}"
        temp.write_bytes(data)
        source = read_document_file(str(temp))
    source.path = name
    return source


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
    suffix = p.suffix.lower()
    if suffix in (".docx", ".xlsx"):
        _check_archive(p, suffix)
    reader = {".docx": _docx_lines, ".xlsx": _xlsx_lines, ".pdf": _pdf_lines}[suffix]
    lines: list[tuple[str, Origin]] = _bounded(lambda: list(reader(p)), suffix)
    text = "\n".join(line for line, _ in lines)
    if not text.strip():
        raise InputError("no text in this document (a scanned PDF needs OCR first)")
    source = Source(str(path), text, encoding=suffix.lstrip("."))
    source.origins = [origin for _, origin in lines]
    if suffix == ".pdf":
        source.page_starts = _page_starts(source.origins)
    return source


def _bounded(read: Callable[[], Any], suffix: str) -> Any:
    """Run a reader in a thread and give up after TIME_LIMIT seconds."""
    result: dict[str, Any] = {}

    def run() -> None:
        _quiet_libraries()
        try:
            result["value"] = read()
        except InputError as exc:
            result["error"] = exc
        except ImportError as exc:
            library = {".docx": "python-docx", ".xlsx": "openpyxl", ".pdf": "pdfplumber"}[suffix]
            result["error"] = InputError(f"reading {suffix} needs {library}, which perflint depends on: pip install {library} ({exc.name} missing)")
        except Exception as exc:  # the libraries raise many types on malformed files
            result["error"] = InputError(f"cannot read this {suffix} file: {type(exc).__name__}: {exc}")

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(TIME_LIMIT)
    if worker.is_alive():
        raise InputError(f"reading did not finish in {TIME_LIMIT:.0f} s")
    if "error" in result:
        raise result["error"]
    return result["value"]


_QUIETED = False


def _quiet_libraries() -> None:
    """The readers' own logging and warnings (pdfminer's "Could not get FontBBox…", openpyxl's
    style warnings) would reach stderr as extra unprefixed lines: a damaged file is reported
    once, by perflint, or not at all when its text could be read."""
    global _QUIETED
    if _QUIETED:
        return
    import logging
    import warnings

    for name in ("pdfminer", "pdfplumber", "docx", "openpyxl"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
        logger.setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module=r"(?:openpyxl|docx|pdfminer|pdfplumber)(?:\.|$)")
    _QUIETED = True


def _check_archive(path: Path, suffix: str) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        kind = "Word .docx" if suffix == ".docx" else "Excel .xlsx"
        article = "an" if kind[0] in "AEIOU" else "a"
        raise InputError(f"not {article} {kind} file (not a zip archive)") from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"refusing a {suffix} with {len(infos)} entries (limit {MAX_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"refusing a {suffix} that inflates to {total} bytes (limit {MAX_UNCOMPRESSED}): a zip bomb?")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1024 * 1024:
            raise InputError(f"refusing a {suffix} entry {info.filename} compressed {info.file_size // info.compress_size}:1: a zip bomb?")


# --- Word -------------------------------------------------------------------------------


def _docx_lines(path: Path) -> Iterator[tuple[str, Origin]]:
    import docx

    document = docx.Document(str(path))
    counter = {"paragraph": 0, "table": 0}
    for text, origin, _ in _body_lines(document.element.body, counter, ListLabels(document)):
        yield text, origin


#: Where the text of a line comes from: (offset in the line, w:p element) of each paragraph in it.
Pieces = list[tuple[int, Any]]


def docx_line_pieces(document: Any) -> list[Pieces]:
    """For each line the reader makes of a Word document (the same walk, so the same lines),
    the paragraphs its text comes from and where each starts in the line: what a comment or
    an edit on a finding's line and column is anchored to."""
    return [pieces for _, _, pieces in _body_lines(document.element.body, {"paragraph": 0, "table": 0}, ListLabels(document))]


def _body_lines(element: Any, counter: dict[str, int], labels: ListLabels) -> Iterator[tuple[str, Origin, Pieces]]:
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            counter["paragraph"] += 1
            label = labels.label(child)
            yield label + paragraph_text(child), Origin(paragraph=counter["paragraph"]), [(len(label), child)]
        elif tag == f"{_W}tbl":
            counter["table"] += 1
            yield from _table_lines(child, counter["table"], counter, labels)
        elif tag == f"{_W}sdt":  # a content control around paragraphs or tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_lines(content, counter, labels)


class ListLabels:
    """The numbers Word draws before paragraphs of a numbered list (一、 （一） 1. ①), which are
    not in the text: a report whose headings Word numbers would otherwise have no outline.

    From numbering.xml and the styles (a heading style may carry the numbering): each list
    (abstract numbering) counts per level in document order, a level's count restarts when a
    higher level advances, a list instance may restart a level (startOverride), and a level's
    text (%1、, （%2）, %1.%2) is filled with the counts in each level's format."""

    def __init__(self, document: Any):
        self.levels: dict[str, dict[int, dict[str, Any]]] = {}  # abstractNumId → ilvl → start, fmt, text, suffix, style
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, ilvl → start override)
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # styleId → (numId, ilvl, basedOn)
        self.counts: dict[str, dict[int, int]] = {}  # abstractNumId → ilvl → the count drawn last
        self.started: set[str] = set()  # list instances met so far
        self.restarts: dict[tuple[str, int], int] = {}  # a level's first count where an instance restarts it
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in numbering.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = {
                    "start": _int(_val(lvl, "start"), 1), "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "", "suffix": _val(lvl, "suff") or "tab",
                    "style": _val(lvl, "pStyle"), "legal": lvl.find(f"{_W}isLgl") is not None}
            self.levels[abstract.get(f"{_W}abstractNumId") or ""] = levels
        for num in numbering.iterchildren(f"{_W}num"):
            overrides = {_int(o.get(f"{_W}ilvl"), 0): _int(_val(o, "startOverride"), 1)
                         for o in num.iterchildren(f"{_W}lvlOverride") if _val(o, "startOverride") is not None}
            self.nums[num.get(f"{_W}numId") or ""] = (_val(num, "abstractNumId") or "", overrides)
        try:
            styles = document.part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        for style in styles.iterchildren(f"{_W}style") if styles is not None else ():
            ppr = style.find(f"{_W}pPr")
            numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
            self.styles[style.get(f"{_W}styleId") or ""] = (
                _val(numpr, "numId") if numpr is not None else None, _val(numpr, "ilvl") if numpr is not None else None,
                _val(style, "basedOn"))

    def label(self, p: Any) -> str:
        """The paragraph's list label as drawn, with the blank after it; "" for none."""
        if not self.nums:
            return ""
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id, ilvl = (_val(numpr, "numId"), _val(numpr, "ilvl")) if numpr is not None else (None, None)
        own = style = _val(ppr, "pStyle") if ppr is not None else None
        seen = 0
        while num_id is None and style is not None and seen < 20:  # the style's numbering, through basedOn
            style_num, style_lvl, based = self.styles.get(style, (None, None, None))
            if style_num is not None:
                num_id, ilvl = style_num, ilvl if ilvl is not None else style_lvl
                break
            style, seen = based, seen + 1
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl is None:  # the level whose pStyle is the paragraph's style (标题 1 → level 0)
            ilvl = next((str(k) for k, v in levels.items() if own is not None and v["style"] == own), "0")
        level = _int(ilvl, -1)
        if level not in levels:
            return ""
        counts = self.counts.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k, start in overrides.items():  # this instance of the list starts its level anew
                counts.pop(k, None)
                self.restarts[(abstract, k)] = start
        spec = levels[level]
        counts[level] = counts[level] + 1 if level in counts else self.restarts.pop((abstract, level), spec["start"])
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if spec["fmt"] in ("bullet", "none") or not spec["text"]:
            return ""
        legal = spec["legal"]

        def shown(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counts.get(k, levels.get(k, {}).get("start", 1))
            return _list_number(value, "decimal" if legal and k != level else levels.get(k, {}).get("fmt", "decimal"))

        text = re.sub(r"%([1-9])", shown, spec["text"])
        return text + ("" if spec["suffix"] == "nothing" or text.endswith(("、", "）", ")")) else " ")


def _int(text: str | None, default: int) -> int:
    """A number attribute of the XML (a numbering level, a span); a damaged one counts as its
    default, never as an error."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _val(element: Any, tag: str) -> str | None:
    """The w:val of the child ``tag`` of ``element``."""
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _list_number(value: int, fmt: str) -> str:
    """A list count in a Word number format (decimal, chineseCounting 十一, decimalEnclosedCircle ①…)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting") and 0 < value < 100:
        tens, ones = divmod(value, 10)
        return ((_CN_DIGITS[tens] if tens > 1 else "") + "十" if tens else "") + (_CN_DIGITS[ones] if ones else "")
    if fmt in ("ideographDigital", "taiwaneseDigital") and value >= 0:
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "ideographTraditional" and 0 < value <= 10:
        return _TIANGAN[value - 1]
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("upperLetter", "lowerLetter") and 0 < value <= 26:
        letter = chr(ord("A") + value - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < value < 40:
        numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out, rest = "", value
        for n, r in numerals:
            while rest >= n:
                out, rest = out + r, rest - n
        return out if fmt == "upperRoman" else out.lower()
    if fmt == "decimalZero" and 0 <= value < 10:
        return f"0{value}"
    return str(value)


def paragraph_text(p: Any) -> str:
    """The paragraph's text as shown: runs, content controls and tracked insertions;
    not deleted text (w:delText is another element); tabs and breaks as blanks.  A text box
    is written twice, for Word (mc:Choice) and for older readers (mc:Fallback): once here.
    Text moved with changes tracked is read where it went (w:moveTo), not also where it was
    (w:moveFrom keeps it in w:t), which would read as a copied paragraph; hidden text is not
    read (see not_shown)."""
    parts = []
    hidden = has_hidden(p)
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if hidden and not_shown(node, p):
            continue
        parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return "".join(parts).replace("\t", " ")


#: Containers whose text Word does not show in the document as it now reads: a text box's
#: copy for older readers, text moved away or deleted with changes tracked.
_NOT_SHOWN = frozenset((f"{_MC}Fallback", f"{_W}moveFrom", f"{_W}del"))
_OFF = ("0", "false", "off")


_HIDING = (*_NOT_SHOWN, f"{_W}vanish")


def has_hidden(p: Any) -> bool:
    """Whether the paragraph holds any text Word does not show (most hold none): one walk
    of its elements for all the tags that hide text."""
    return next(p.iter(*_HIDING), None) is not None


def not_shown(node: Any, top: Any) -> bool:
    """Whether ``node`` (a run, or what a run holds) is text Word does not show: inside one
    of those containers below ``top``, or in a run formatted as hidden text (w:vanish, as
    templates hide their filling notes), which is neither shown nor printed."""
    element = node
    while element is not None and element is not top:
        tag = element.tag
        if tag in _NOT_SHOWN:
            return True
        if tag == f"{_W}r":
            vanish = element.find(f"{_W}rPr/{_W}vanish")
            if vanish is not None and vanish.get(f"{_W}val", "true").lower() not in _OFF:
                return True
        element = element.getparent()
    return False


def _table_lines(tbl: Any, number: int, counter: dict[str, int], labels: ListLabels) -> Iterator[tuple[str, Origin, Pieces]]:
    """A Word table's rows as tab-separated lines: a cell spanning columns once, a cell
    continued from the row above (vMerge) blank, nested tables after their row."""
    nested: list[Any] = []
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr"), 1):
        cells, columns, col = [], [], 1
        pieces: Pieces = []
        at = 0  # where the current cell starts in the line
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span, continued = 1, False
            if props is not None:
                grid = props.find(f"{_W}gridSpan")
                if grid is not None:
                    span = max(1, _int(grid.get(f"{_W}val"), 1))  # a damaged span is one column, as Word reads it
                merge = props.find(f"{_W}vMerge")
                continued = merge is not None and merge.get(f"{_W}val") in (None, "continue")
            paragraphs = []
            for child in tc.iterchildren():
                if child.tag == f"{_W}p":
                    paragraphs.append(child)
                elif child.tag == f"{_W}tbl":
                    nested.append(child)
                elif child.tag == f"{_W}sdt":
                    content = child.find(f"{_W}sdtContent")
                    if content is not None:
                        paragraphs.extend(content.iter(f"{_W}p"))
            shown = [] if continued else [(p, labels.label(p), paragraph_text(p).replace("\t", " ")) for p in paragraphs]
            shown = [(p, label, label + t) for p, label, t in shown if t.strip()]
            offset = at
            for p, label, t in shown:
                pieces.append((offset + len(label), p))
                offset += len(t) + 1
            cell = " ".join(t for _, _, t in shown)
            cells.append(cell)
            at += len(cell) + 1
            columns.append(col)
            col += span
        yield "\t".join(cells), Origin(table=number, row=r, columns=tuple(columns)), pieces
        for inner in nested:
            counter["table"] += 1
            yield from _table_lines(inner, counter["table"], counter, labels)
        nested = []


# --- Excel ------------------------------------------------------------------------------


def _xlsx_lines(path: Path) -> Iterator[tuple[str, Origin]]:
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    sheets = _sheet_xml_facts(path)
    # a workbook written by a program (an export, a script) may hold formulas whose values
    # were never computed: such a cell shows its formula (=SUM(G6:G7)), never nothing
    has_formulas = any(facts.formulas for facts in sheets.values())
    formulas = openpyxl.load_workbook(str(path), read_only=True, data_only=False) if has_formulas else None
    try:
        seen, shown_sheets = 0, 0
        for n, sheet in enumerate(book.worksheets):
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue  # a hidden sheet (lists for drop-downs, the template's notes): not what a reader sees
            if shown_sheets:
                yield "", Origin(sheet=sheet.title)  # sheets apart, as pages are
            shown_sheets += 1
            # hidden rows and columns are neither shown nor printed (a row the writer hid
            # rather than deleted would otherwise count in the form's sums)
            facts = sheets.get(getattr(sheet, "_worksheet_path", ""), _NOTHING_HIDDEN)
            written = formulas.worksheets[n].iter_rows() if formulas is not None else None
            for number, row in enumerate(sheet.iter_rows(), 1):
                seen += len(row)
                if seen > MAX_CELLS:
                    raise InputError(f"refusing a workbook of more than {MAX_CELLS} cells")
                formula_row = next(written, ()) if written is not None else ()
                if number in facts.hidden_rows:
                    continue
                values = [_shown(cell) for cell in row]
                for k, cell in enumerate(formula_row):
                    formula = getattr(cell, "value", None)
                    if k < len(values) and not values[k] and isinstance(formula, str) and formula.startswith("="):
                        values[k] = formula
                for k in facts.hidden_columns:
                    if k <= len(values):
                        values[k - 1] = ""
                while values and not values[-1]:
                    values.pop()
                if not any(values):
                    continue
                yield ("\t".join(values),
                       Origin(sheet=sheet.title, row=number, columns=tuple(get_column_letter(c) for c in range(1, len(values) + 1))))
    finally:
        book.close()
        if formulas is not None:
            formulas.close()


class _SheetFacts(NamedTuple):
    """What a worksheet's XML says that openpyxl's read-only mode does not: whether it holds
    formulas, and which rows and columns (1-based) are hidden."""

    formulas: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()


_NOTHING_HIDDEN = _SheetFacts()


def _sheet_xml_facts(path: Path) -> dict[str, _SheetFacts]:
    """Each worksheet's facts, by its path in the package (one read of each sheet's XML)."""
    import zipfile

    found = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            xml = archive.read(name)
            rows: set[int] = set()
            columns: set[int] = set()
            if b'hidden="1"' in xml or b'hidden="true"' in xml:
                for attributes in re.findall(rb"<row\b([^>]*)>", xml):
                    number = re.search(rb'\br="([0-9]+)"', attributes)
                    if number and re.search(rb'\bhidden="(?:1|true)"', attributes):
                        rows.add(int(number.group(1)))
                for attributes in re.findall(rb"<col\b([^>]*)>", xml):
                    low, high = re.search(rb'\bmin="([0-9]+)"', attributes), re.search(rb'\bmax="([0-9]+)"', attributes)
                    if low and high and re.search(rb'\bhidden="(?:1|true)"', attributes):
                        columns.update(range(int(low.group(1)), min(int(high.group(1)), 16384) + 1))
            found[name] = _SheetFacts(b"<f>" in xml or b"<f " in xml, frozenset(rows), frozenset(columns))
    return found


def _shown(cell: Any) -> str:
    """A cell's value as Excel shows it: 1 formatted 0.00% is 100.00%, 251.89 stays 251.89."""
    from decimal import Decimal

    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        number = Decimal(repr(value))  # the shortest decimal that is this float: 251.89, not 251.8899…
        fmt = getattr(cell, "number_format", "") or ""
        decimals = len(fmt.split(".", 1)[1]) - len(fmt.split(".", 1)[1].lstrip("0")) if "." in fmt else None
        if "%" in fmt:
            return f"{number * 100:.{decimals or 0}f}%"
        if decimals:
            return f"{number:.{decimals}f}"
        return format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


# --- PDF --------------------------------------------------------------------------------


def _pdf_lines(path: Path) -> Iterator[tuple[str, Origin]]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        count = len(pdf.pages)
        if count > MAX_PAGES:
            raise InputError(f"refusing a PDF of {count} pages (limit {MAX_PAGES})")
        pages = []  # per page: its text lines outside tables, and its tables' rows with where they stand
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict, boxes: list = boxes) -> bool:
                x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
                y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            rows = [(table.bbox[1] + k * 0.001, "\t".join((c or "").replace("\n", "").replace("\t", " ") for c in row))
                    for table in tables for k, row in enumerate(table.extract())]
            lines = [ln for ln in page.filter(outside).extract_text_lines() if ln.get("text", "").strip()]
            pages.append((lines, rows))
        pages = _without_furniture(pages)
        layout = _Layout([ln for lines, _ in pages for ln in lines])
        yield from _paragraphs(pages, layout)


def _without_furniture(pages: list[tuple[list[dict], list]]) -> list[tuple[list[dict], list]]:
    """The pages less their running header and footer: a first (or last) line of a page
    that is the first (last) line of at least half the pages, numbers aside (the title
    atop every page, - 3 -, 第3页 共9页)."""
    if len(pages) < 2:
        return pages

    def key(line: dict) -> str:
        return re.sub(r"[0-9０-９]+", "#", "".join(line["text"].split()))

    firsts = [min(lines, key=lambda ln: ln["top"]) if lines else None for lines, _ in pages]
    lasts = [max(lines, key=lambda ln: ln["bottom"]) if lines else None for lines, _ in pages]
    out = []
    for band in (firsts, lasts):
        counts: dict[str, int] = {}
        for line in band:
            if line is not None:
                counts[key(line)] = counts.get(key(line), 0) + 1
        out.append({k for k, n in counts.items() if n >= 2 and n * 2 >= len(pages)})
    header, footer = out
    kept = []
    for (lines, rows), first, last in zip(pages, firsts, lasts, strict=True):
        drop = {id(first)} if first is not None and key(first) in header else set()
        if last is not None and key(last) in footer:
            drop.add(id(last))
        kept.append(([ln for ln in lines if id(ln) not in drop], rows))
    return kept


#: A line that ends within this many characters of the text's right margin was wrapped by
#: the layout (left-aligned text stops short of the margin before what may not start a line).
WRAP_SLACK = 2.5
#: A first line indented by at least this many characters begins a paragraph.
INDENT = 1.0
#: Characters of prose stand closer than this (in characters); a wider gap separates cells.
GAP = 1.5
#: Cells of a table drawn without rules stand further apart than this (in characters): the
#: cells' padding; justified prose spreads its characters by less.
CELL_GAP = 0.9
#: A gap wider than this (in characters) between two characters of a cell is a blank in its text.
SPACE = 0.25
#: A line of prose holds at least this many characters, and a text block has this many full lines.
MIN_PROSE = 20
MIN_FULL = 3
@functools.cache
def _heading_start() -> re.Pattern[str]:
    """An outline marker opening a line (compiled when a PDF is read: most runs read none)."""
    return compiled(r"[ \u3000]*(?:\[[^\]\n]{0,60}\])?[ \u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]"
                      r"|第[一二三四五六七八九十]{1,3}[部章]|[0-9０-９]{1,2}[.．、](?![0-9０-９]))")


class _Layout:
    """The document's text block, from its lines of prose: the left and right margins and
    the width of a Han character (the median), against which a line is full or indented.
    Without at least ``MIN_FULL`` lines of ``MIN_PROSE`` characters reaching the same right
    edge (a form's title and signature lines) there is no text block, and nothing is joined."""

    def __init__(self, lines: list[dict]):
        prose = [ln for ln in lines if len(ln.get("text", "").strip()) >= MIN_PROSE]
        widths = sorted(c["x1"] - c["x0"] for ln in prose for c in ln.get("chars", ())
                        if (c.get("text") or " ")[0] >= "\u3000")
        self.char = widths[len(widths) // 2] if widths else 10.0
        self.left = min((ln["x0"] for ln in prose), default=0.0)
        ends = sorted(ln["x1"] for ln in prose)
        self.right = ends[len(ends) * 3 // 4] if ends else 0.0  # most prose lines are full: not the one that overhangs
        self.block = sum(1 for ln in prose if ln["x1"] >= self.right - WRAP_SLACK * self.char) >= MIN_FULL

    def full(self, line: dict) -> bool:
        """The line runs from the left margin (or a first-line indent) to the right margin, as
        prose: a row of a table drawn without rules spreads its cells with wide gaps."""
        if not self.block or len(line.get("text", "").strip()) < MIN_PROSE:
            return False
        if line["x1"] < self.right - WRAP_SLACK * self.char or line["x0"] >= self.left + 3 * self.char:
            return False
        chars = line.get("chars") or ()
        gap = max((b["x0"] - a["x1"] for a, b in zip(chars, chars[1:], strict=False)), default=0.0)
        return gap < GAP * self.char

    def cells(self, line: dict) -> str | None:
        """A line whose characters stand in three or more groups apart by more than CELL_GAP
        characters, as a table drawn without rules sets its cells, tab-separated; None for
        prose, and for a title spaced out letter by letter (绩 效 自 评 报 告)."""
        chars = [c for c in line.get("chars") or () if (c.get("text") or "").strip()]
        if len(chars) < 3:
            return None
        groups: list[list[dict]] = [[chars[0]]]
        for a, b in zip(chars, chars[1:], strict=False):
            if b["x0"] - a["x1"] > CELL_GAP * self.char:
                groups.append([b])
            else:
                groups[-1].append(b)
        if len(groups) < 3 or sum(1 for g in groups if len(g) == 1) * 2 > len(groups):
            return None

        def text(group: list[dict]) -> str:
            out = group[0]["text"]
            for a, b in zip(group, group[1:], strict=False):
                out += (" " if b["x0"] - a["x1"] > SPACE * self.char else "") + b["text"]
            return out

        return "\t".join(text(g) for g in groups)

    def indented(self, line: dict) -> bool:
        return line["x0"] >= self.left + INDENT * self.char


def _paragraphs(pages: list[tuple[list[dict], list]], layout: _Layout) -> Iterator[tuple[str, Origin]]:
    """The document's lines and table rows in reading order, with the lines the layout
    wrapped joined back into their paragraph, across a page break too: a line that runs to
    the right margin goes on in the next, unless that one is indented (a first line) or
    opens with an outline marker.  A blank line marks where each page begins."""
    pending: list = []  # [text, page] of the paragraph still open
    wrapped = False
    shown = 1  # the page whose lines are being given
    for number, (lines, rows) in enumerate(pages, 1):
        items = sorted([(ln["top"], ln, None) for ln in lines] + [(top, None, row) for top, row in rows],
                       key=lambda item: item[0])
        for _, line, row in items:
            if line is not None and pending and wrapped and not layout.indented(line) and not _heading_start().match(line["text"]):
                pending[0] += line["text"]
                wrapped = layout.full(line)
                continue
            if pending:
                yield pending[0], Origin(page=pending[1])
                pending = []
            while shown < number:
                shown += 1
                yield "", Origin(page=shown)  # a page break, as PDF-to-text conversions leave it
            if row is not None:
                yield row, Origin(page=number)
                wrapped = False
            else:
                cells = layout.cells(line)
                if cells is not None:  # a row of a table drawn without rules: its cells, tab-separated
                    yield cells, Origin(page=number)
                    wrapped = False
                    continue
                pending, wrapped = [line["text"], number], layout.full(line)
    if pending:
        yield pending[0], Origin(page=pending[1])
    while shown < len(pages):
        shown += 1
        yield "", Origin(page=shown)


def _page_starts(origins: list[Origin | None]) -> list[int]:
    starts, page = [], 0
    for i, origin in enumerate(origins, 1):
        if origin is not None and origin.page and origin.page != page:
            page = origin.page
            starts.append(i)
    return starts
