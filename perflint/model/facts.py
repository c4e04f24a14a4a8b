"""Facts: labelled quantities (全年预算数 3,363.37 万元, 自评得分 96.9 分…).

The label is the phrase just before the number, looked up in the pack's
synonym table (``labels:``): 调整预算 and 全年预算数 both mean 预算数; 完成预算的
and 预算执行为 both mean 执行率.  Between the label and the number only
connectors may stand (为, 达, ：…).  Labels match as words: a label inside a
longer phrase the pack lists as not a label (``not_labels``: 一般公共预算 is a
fund, not a budget figure) is not one.  Matching runs on the folded text, so
traditional script and half-width punctuation read the same.  A number with
a bare 万 is 万元 where its clause is about money (资金60万).  Facts are
extracted once per document and shared by every numeric kind.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from ..read.regex_cache import compiled, longest_first
from ..read.source import Span
from .document import Block, Document, Section
from .quantities import Quantity, find_quantities

#: What may stand between a label and its number: 决算数为 3980.09, 执行进度达 100%.
_CONNECTOR = compiled(r"^[\s\u3000]*(?:为|是|达|达到|共|共计|合计|总计|计|约|：|:|了|已|\|)?[\s\u3000]*(?:约|近)?[\s\u3000]*$")
#: A clause about money: a bare 万 in it is 万元.
_MONEY = compiled(r"资金|预算|经费|支出|收入|拨款|拨付|金额|投资|补助|补贴|费用|费|结余|结转|到位|下达|成本")
_SUBJECT_CUT = compiled(r"[，,；;。：:、（）()“”\s\u3000]")


@dataclass(frozen=True)
class Labels:
    """The pack's label table: canonical name → synonyms, compiled once per process."""

    canonical: Mapping[str, str]  # synonym → canonical ("" for a phrase that is not a label)
    pattern: re.Pattern[str] | None

    @classmethod
    def build(cls, table: Mapping[str, Sequence[str]], not_labels: Sequence[str] = ()) -> Labels:
        canonical: dict[str, str] = {}
        for name, synonyms in table.items():
            for synonym in [name, *synonyms]:
                canonical.setdefault(synonym, name)
        for phrase in not_labels:
            canonical[phrase] = ""
        words = sorted(canonical, key=longest_first)
        pattern = compiled("|".join(re.escape(w) for w in words)) if words else None
        return cls(canonical, pattern)


@dataclass(frozen=True)
class Fact:
    quantity: Quantity
    block: Block
    label: str | None  # canonical label, None when the phrase before the number is not in the table
    written_label: str
    label_at: int  # start of the label in block.text (or of the phrase, for unlabelled facts)
    phrase: str  # the text of the clause before the number, for consistency keys

    @property
    def value(self):  # noqa: ANN201 - Decimal
        return self.quantity.value

    @property
    def span(self) -> Span:
        return self.block.span(self.quantity.number_start, self.quantity.end)

    @property
    def section(self) -> Section | None:
        return self.block.section


def facts(doc: Document) -> list[Fact]:
    """Every quantity of the document with its label, in reading order (cached on the document).

    A form's cells are read as its rows: a number is labelled by its column
    (全年执行数 → 执行数) and named by its row, and the lines it was written on
    are not read again as prose."""
    cached = doc.cache.get("facts")
    if cached is None:
        in_tables = {id(b) for t in doc.tables for b in _table_lines(t)}
        cached = [f for block in doc.blocks if id(block) not in in_tables for f in block_facts(block, doc.labels)]
        vocabulary = doc.cache.get("vocabulary")
        score_label = vocabulary.score_labels[0] if vocabulary is not None and vocabulary.score_labels else ""
        cached += [f for t in doc.tables for row in t.rows for f in row_facts(row, score_label)]
        cached.sort(key=lambda f: f.block.offset(f.quantity.number_start))
        doc.cache["facts"] = cached
    return cached


def _table_lines(table) -> list[Block]:  # noqa: ANN001 - tables.Table
    """The lines whose numbers are read as cells of the table (a cell such as
    按收入性质分：2030.12 holds a label and its figure: it stays prose)."""
    return [c.line for row in table.rows for c in row.cells if c.line is not None and c.column and c.what == "number"]




def row_facts(row, score_label: str = "") -> Iterator[Fact]:  # noqa: ANN001 - tables.Row
    """The numbers of a form's row, labelled by their columns; the 得分 of its 合计/总分 row
    is the form's self-evaluation score (``score_label``), in 分."""
    label = row.label or (row.cells[0].text if row.cells else "")
    total = row.total
    for cell in row.cells:
        if not cell.column or cell.what != "number":
            continue
        for q in find_quantities(cell.folded):
            q = replace(q, start=q.start + cell.at, end=q.end + cell.at, number_start=q.number_start + cell.at,
                        written=cell.text[q.start:q.end])
            name = cell.column
            if total and name == "得分" and score_label:
                name, q = score_label, (replace(q, unit="分") if not q.unit else q)
            yield Fact(q, row.block, name, cell.column, cell.at, label)
            break


def by_block(doc: Document) -> dict[int, list[Fact]]:
    """Facts grouped by the id of their block (cached): per-block queries stay linear."""
    cached = doc.cache.get("facts_by_block")
    if cached is None:
        cached = {}
        for f in facts(doc):
            cached.setdefault(id(f.block), []).append(f)
        doc.cache["facts_by_block"] = cached
    return cached


def in_block(doc: Document, block: Block) -> list[Fact]:
    return by_block(doc).get(id(block), [])


def between(doc: Document, block: Block, start: int, end: int | None = None) -> list[Fact]:
    """The block's facts whose figure starts in [start, end) of its text (to its end when
    ``end`` is None), found by bisection: a paragraph of thousands of figures is not
    scanned again for every question asked of a stretch of it."""
    found = in_block(doc, block)
    if not found:
        return found
    starts_by_block = doc.cache.setdefault("fact_starts", {})
    starts = starts_by_block.get(id(block))
    if starts is None:
        starts = starts_by_block[id(block)] = [f.quantity.start for f in found]
    return found[bisect.bisect_left(starts, start) : len(found) if end is None else bisect.bisect_left(starts, end)]


def block_facts(block: Block, labels: Labels) -> Iterator[Fact]:
    text = block.folded
    previous_end = block.body_start
    previous_unit = ""
    for q in find_quantities(text):
        if q.number_start < block.body_start:
            continue
        clause_start = max(previous_end, _clause_start(text, q.start))
        phrase = text[clause_start : q.start].strip(" \u3000")
        unit = q.unit
        if unit in ("万", "亿"):
            # 资金60万; or the last of a list of amounts (…2803万元；救助站86万)
            money = _MONEY.search(text, _clause_start(text, q.start), q.start) is not None or (
                previous_unit == unit + "元" and "。" not in text[previous_end:q.start])
            unit = unit + "元" if money else unit
        previous_unit = unit
        q = q.but(unit, block.text[q.start : q.end])  # written: as the writer wrote it, for messages
        # the last label between the previous quantity and this number, followed only by connectors
        best = None
        if labels.pattern is not None and q.start > previous_end:
            for m in labels.pattern.finditer(text, previous_end, q.start):
                if _CONNECTOR.match(text[m.end() : q.start]):
                    best = m
        if best is not None and labels.canonical[best.group(0)]:
            yield Fact(q, block, labels.canonical[best.group(0)], block.text[best.start() : best.end()], best.start(), phrase)
        else:
            yield Fact(q, block, None, "", clause_start, phrase)
        previous_end = q.end


#: A clause is rarely longer than this; in a text with no punctuation the phrase before a
#: figure is cut here, so finding it costs the same wherever the figure is.
MAX_CLAUSE = 160


#: Everything up to the last clause break: a greedy match backs off from the end of the
#: window, so the last break is found in one call, not by a scan forward over every break.
_UP_TO_LAST_BREAK = compiled(r".*[，,；;。：:|]", re.S)


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position ``at`` starts (after the last ，；。： before it)."""
    low = max(0, at - MAX_CLAUSE)
    m = _UP_TO_LAST_BREAK.match(text, low, at)
    return m.end() if m else low


def subject(fact: Fact) -> str:
    """The words before the label in its clause: 文史工作经费 in 文史工作经费全年预算数 50 万元."""
    before = fact.block.folded[_clause_start(fact.block.folded, fact.label_at) : fact.label_at]
    parts = [p for p in _SUBJECT_CUT.split(before) if p]
    return parts[-1] if parts else ""
