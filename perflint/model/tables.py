"""Tables: the rows and columns of a self-evaluation form, wherever the text came from.

A form reaches perflint as pipe rows (``年度资金总额: | 1172.55 | 1268.72 | 10 |``),
tab-separated rows (what the Word, Excel and PDF readers write), or one cell
per line (``总额 |`` ``238.93 |`` …, a form flattened by a web page).  This
module finds the header rows by the pack's column names (``form_columns``:
全年预算数 / 调整后预算数 → 预算数; 权重 / 分值 → 分值 …), groups the cells that
follow into rows, and aligns each row's cells to the columns by what they hold:
a row that lost its leading merged cells (一级指标 written once for several
rows) is shifted until its numbers sit under number columns.

Each row becomes a ``Block`` whose segments map every cell back to the source,
and each number in a cell a fact labelled by its column (``model/facts.py``), so
the ratio, sum, range and target kinds read a form as they read prose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..read.regex_cache import compiled
from .document import Block, Segment
from .vocabulary import Vocabulary

#: What a cell holds, for aligning it to a column.
NUMBER, TEXT, EMPTY, MARK = "number", "text", "empty", "mark"
_NUMBER = compiled(r"^[≥≤=<>＝＞＜]?\s*-?[0-9０-９][0-9０-９,，.]*\s*(?:%|％|分|万元|元|个|人|次|篇|项|期|户|天|年|月)?$")
_MARK = compiled(r"^(?:[/／—\-–－]+|[≥≤=<>＝＞＜]|%|％|万元|元|个|人|次|篇|项|期|户|天|小时|百分比|是|否)$")
# 分值(10分), 年初预算数(A), 执行率(B/A), 项目资金(万元): a header's qualifier, not its name
_QUALIFIER = compiled(r"[（(][^）)]{0,12}[）)]")
_HEADER_NOISE = compiled(r"[\s\u3000|:：]+")
_POINTS = compiled(r"[（(]\s*([0-9]{1,3}(?:\.[0-9])?)\s*分\s*[）)]")


@dataclass(eq=False)
class Cell:
    text: str  # as written, without the separators
    block: Block  # the cell's own text, with positions into the source
    column: str = ""  # canonical column name, "" when the cell's column is unknown
    what: str = TEXT
    at: int = 0  # where the cell starts in its row's block text
    line: Block | None = None  # the line (block of the reader) the cell was written on

    @property
    def folded(self) -> str:
        return self.block.folded


@dataclass(eq=False)
class Row:
    cells: list[Cell]
    block: Block  # the row as one block: its cells joined by tabs, segments into the source
    total: bool = False  # the form's total row (合计, 总分): its 得分 is the form's score
    funds: bool = False  # the total of a project form's funds (年度资金总额): its 执行率 is the project's

    def get(self, column: str) -> Cell | None:
        return next((c for c in self.cells if c.column == column), None)

    @property
    def lines(self) -> list[Block]:
        """The reader's blocks this row was written on (one pipe line, or one line per cell)."""
        seen: list[Block] = []
        for cell in self.cells:
            if cell.line is not None and all(cell.line is not b for b in seen):
                seen.append(cell.line)
        return seen

    @property
    def label(self) -> str:
        """The row's name: its last text cell before the first number (三级指标, 资金来源)."""
        cell = self.label_cell()
        return cell.text.strip() if cell is not None else ""

    def label_cell(self) -> Cell | None:
        """The cell that names the row (see ``label``), or None."""
        found = None
        for cell in self.cells:
            if cell.what == NUMBER:
                break
            if cell.what == TEXT and cell.column in ("", "一级指标", "二级指标", "三级指标", "项目"):
                found = cell
        return found


@dataclass(eq=False)
class Table:
    header: list[str]  # canonical column names in order ("" for an unknown column)
    header_text: list[str]
    rows: list[Row] = field(default_factory=list)
    header_block: Block | None = None

    @property
    def columns(self) -> set[str]:
        return {c for c in self.header if c}

    def group_points(self) -> dict[str, str]:
        """Maxima written into headers and labels: 产出指标(50分) → {产出指标: 50}."""
        return {}


def kind_of(text: str) -> str:
    stripped = text.strip(" \t\u3000:：")
    if not stripped:
        return EMPTY
    if _NUMBER.match(stripped):
        return NUMBER
    if _MARK.match(stripped):
        return MARK
    return TEXT


#: The period a monitoring form's column covers, before what it counts (1-6月执行数, 截至6月底执行率).
_PERIOD = compiled(r"^(?:[0-9０-９]{1,2}[-—–~～至到][0-9０-９]{1,2}月份?|截[至止][0-9０-９]{1,2}月(?:底|末|[0-9０-９]{1,2}日)?)")


def column_of(text: str, vocabulary: Vocabulary) -> str:
    """The canonical column a header cell names, or "" (a period before the name, as
    monitoring forms write it, is not part of it)."""
    key = _QUALIFIER.sub("", _HEADER_NOISE.sub("", text))
    found = vocabulary.columns.get(key, "")
    if not found and key[:1] in "0123456789０１２３４５６７８９截":
        found = vocabulary.columns.get(_PERIOD.sub("", key), "")
    return found


def points_in(text: str) -> str:
    """产出指标(50分) → "50"; "" when the text states no maximum."""
    m = _POINTS.search(text)
    return m.group(1) if m else ""


def find_tables(blocks: Sequence[Block], vocabulary: Vocabulary) -> list[Table]:
    """The tables among a part's cell blocks, with their rows aligned to their headers."""
    if not vocabulary.columns:
        return []
    tables: list[Table] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.cell:
            run.append(block)
            continue
        if run:
            tables.extend(_tables_in(run, vocabulary))
            run = []
    for table in tables:
        for row in table.rows:
            # the packs' words are matched folded (合計 is 合计); a row without a name by its first cell
            named = row.label_cell()
            key = (named or row.cells[0]).folded.strip() if named or row.cells else ""
            row.total, row.funds = vocabulary.total_row(key), named is not None and vocabulary.funds_row(key)
    return _continued(tables)


def _continued(tables: list[Table]) -> list[Table]:
    """Tables with a table that goes on after its header row repeated (a form printed over two
    pages, its header atop each) joined back: the same header, before the first table's total
    row.  A second form with the same header begins after the first one's total."""
    joined: list[Table] = []
    for table in tables:
        previous = joined[-1] if joined else None
        if (previous is not None and table.header_text == previous.header_text and previous.rows
                and not any(row.total for row in previous.rows)):
            previous.rows.extend(table.rows)
            continue
        joined.append(table)
    return joined


def _cells_of(block: Block) -> list[Cell]:
    """The cells of a pipe or tab row; a one-cell line is one cell (its trailing | dropped)."""
    text = block.text
    sep = "\t" if "\t" in text else "|"
    cells, start = [], 0
    pieces = text.split(sep)
    for piece in pieces:
        end = start + len(piece)
        lead = len(piece) - len(piece.lstrip(" \u3000"))
        trail = len(piece) - len(piece.rstrip(" \u3000"))
        i, j = start + lead, max(start + lead, end - trail)
        sub = _sub(block, i, j)
        cells.append(Cell(text[i:j], sub, what=kind_of(block.folded[i:j]), line=block))
        start = end + 1
    if sep == "|" and len(cells) > 1 and cells[-1].what == EMPTY:
        cells.pop()  # the | that ends a row
    return cells


def _sub(block: Block, i: int, j: int) -> Block:
    if j <= i:
        at = block.offset(i) if i < len(block.text) else block.end
        return Block("", (Segment(at, at, 0),), "", section=block.section, part=block.part, cell=True)
    return Block(block.text[i:j], (Segment(block.offset(i), block.offset(j - 1) + 1, 0),), block.folded[i:j],
                 section=block.section, part=block.part, cell=True)


def _tables_in(run: list[Block], vocabulary: Vocabulary) -> list[Table]:
    one_per_line = sum(1 for b in run if b.text.strip(" |").count("|") == 0 and "\t" not in b.text) * 2 > len(run)
    if one_per_line:
        return _one_per_line(run, vocabulary)
    tables: list[Table] = []
    current: Table | None = None
    for block in run:
        cells = _cells_of(block)
        header = [column_of(c.folded, vocabulary) for c in cells]
        if _is_header(header):
            current = Table(header, [c.text for c in cells], header_block=block)
            tables.append(current)
            continue
        if current is None or all(c.what == EMPTY for c in cells):
            continue
        if (current.rows and cells and cells[0].what in (NUMBER, MARK) and all(c.what != TEXT for c in cells)
                and _short(current.rows[-1], current)):
            # a row broken across two lines (基本支出 | 985.19 | 914.97 | / 10 | 10 |)
            last = current.rows[-1]
            _align(last.cells + cells, current, last, vocabulary)
            last.block = _row_block(last.cells)
            continue
        if cells and cells[0].what == NUMBER and not current.rows:
            continue  # 1 | 规划 (15分) |: a serial number or a broken header, not a row with a name
        row = Row([], block)
        _align(cells, current, row, vocabulary)
        row.block = _row_block(row.cells)
        current.rows.append(row)
    return tables


def _short(row: Row, table: Table) -> bool:
    filled = sum(1 for c in row.cells if c.what in (NUMBER, MARK))
    wanted = sum(1 for h in table.header if h in _NUMERIC_COLUMNS)
    return filled < wanted


_NUMERIC_COLUMNS = {"年初预算", "预算数", "执行数", "执行率", "分值", "得分", "指标值", "完成值"}
_LABEL_COLUMNS = {"一级指标", "二级指标", "三级指标", "项目", ""}


def _align(cells: list[Cell], table: Table, into: Row, vocabulary: Vocabulary) -> None:
    """Place a row's cells under the columns they fit: try every shift to the right (a row
    that lost leading merged cells) and keep the one that puts numbers under number columns.
    A total row that spans the name columns (合计 | 100 | |, its numbers written where the
    names are) has them go under 分值 and 得分; one written cell by cell (合计 | | | 100 | 97,
    as a spreadsheet keeps it) is aligned as any row."""
    header = table.header
    written = max((k + 1 for k, c in enumerate(cells) if c.what != EMPTY), default=0)
    if cells and vocabulary.total_cell(cells[0].folded) and "分值" in header and written < len(header) - 1:
        start = header.index("分值")
        if any(c.what != EMPTY for c in cells[1:start]):
            cells[0].column = ""
            for k, cell in enumerate(cells[1:]):
                cell.column = header[start + k] if start + k < len(header) else ""
            into.cells = cells
            return
    best, best_shift = None, 0
    for shift in range(0, max(1, len(header) - len(cells) + 1) + 1):
        score = 0
        for k, cell in enumerate(cells):
            col = header[k + shift] if k + shift < len(header) else None
            if col is None:
                score -= 1 if cell.what != EMPTY else 0
            elif cell.what == NUMBER:
                # under a number column: right; under a column the packs do not name (年初批复数
                # in a province's form): no evidence either way; under a name column: wrong
                score += 2 if col in _NUMERIC_COLUMNS else 0 if col == "" else -2
            elif cell.what == TEXT:
                score += 1 if col in _LABEL_COLUMNS or col not in _NUMERIC_COLUMNS else 0
        if best is None or score > best:
            best, best_shift = score, shift
    for k, cell in enumerate(cells):
        i = k + best_shift
        cell.column = header[i] if i < len(header) else ""
    into.cells = cells


def _row_block(cells: list[Cell]) -> Block:
    """One block for a row: the cells' text joined by tabs, each cell's segment into the source."""
    text, folded, segments = "", "", []
    for cell in cells:
        if text:
            text += "\t"
            folded += "\t"
        cell.at = len(text)
        if cell.text:
            segments.append(Segment(cell.block.start, cell.block.end, len(text)))
        text += cell.text
        folded += cell.folded
    if not segments:
        first = cells[0].block if cells else None
        at = first.start if first is not None else 0
        segments.append(Segment(at, at, 0))
    anchor = cells[0].block if cells else None
    return Block(text, tuple(segments), folded, section=anchor.section if anchor else None,
                 part=anchor.part if anchor else None, cell=True)


def _one_per_line(run: list[Block], vocabulary: Vocabulary) -> list[Table]:
    """Cells one per line (``总额 |`` ``238.93 |`` …): headers are runs of column names; a row
    is its name cells, then its value cells, up to the next name after a value."""
    cells: list[Cell] = []
    for block in run:
        text = block.text.strip()
        if set(text) <= {"|", " "}:
            at = block.start
            cells.append(Cell("", Block("", (Segment(at, at, 0),), "", section=block.section, part=block.part, cell=True),
                              what=EMPTY, line=block))
            continue
        cells.extend(c for c in _cells_of(block) if c.what != EMPTY or not c.text)
    tables: list[Table] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and (column_of(cells[j].folded, vocabulary) or (j == i and cells[j].what == TEXT)):
            j += 1
        names = [column_of(c.folded, vocabulary) for c in cells[i:j]]
        if not _is_header(names):
            i += 1
            continue
        table = Table(names, [c.text for c in cells[i:j]], header_block=cells[i].block)
        tables.append(table)
        k = j
        row: list[Cell] = []
        seen_value = False
        while k < len(cells):
            cell = cells[k]
            if column_of(cell.folded, vocabulary) and cell.what == TEXT and _header_run(cells, k, vocabulary):
                break  # the next table's header
            if cell.what == TEXT and seen_value and len(cell.text) < 30:
                _close(row, table, vocabulary)
                row, seen_value = [], False
            row.append(cell)
            seen_value = seen_value or cell.what in (NUMBER, MARK, EMPTY)
            k += 1
        _close(row, table, vocabulary)
        i = k
    return tables


def _is_header(names: list[str]) -> bool:
    """At least three known columns, one of them a name column (一级指标, 资金来源) or an
    unnamed first column: a header that names only values (指标分值 | 自评得分 |) is the
    tail of a header broken over lines, and its rows cannot be placed."""
    named = {"一级指标", "二级指标", "三级指标", "项目"}
    return sum(1 for n in names if n) >= 3 and (bool(named & set(names)) or (bool(names) and names[0] == ""))


def _header_run(cells: list[Cell], k: int, vocabulary: Vocabulary) -> bool:
    return sum(1 for c in cells[k : k + 4] if column_of(c.folded, vocabulary)) >= 3


def _close(cells: list[Cell], table: Table, vocabulary: Vocabulary) -> None:
    if not cells or all(c.what == EMPTY for c in cells):
        return
    row = Row([], cells[0].block)
    _align(cells, table, row, vocabulary)
    row.block = _row_block(row.cells)
    table.rows.append(row)
