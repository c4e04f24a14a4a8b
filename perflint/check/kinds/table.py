"""Table: the checks a reviewer makes on a self-evaluation form (自评表, 评分表) with a calculator.

The form's rows and columns come from ``model/tables.py``; a row is judged by
its cells' columns (分值, 得分, 执行率, 全年执行数, 全年预算数…).

``check: blank``       a row with a weight (分值) whose 得分, or whose 完成值 beside a
                       指标值, is blank in a submitted form; a 合计 row with no total score
``check: rate-score``  执行率得分 = 分值 × min(执行率, 100%) (``formula: proportional``),
                       or the Hunan steps (100% full, ``step_deduct`` points for each
                       ``step`` percent below: ``formula: steps``); the rate is the row's
                       执行率 cell, else 执行数 ÷ 预算数 (年初预算 when no adjusted budget)
``check: score-range`` every 得分 between 0 and its row's 分值
``check: totals``      Σ 分值 of the scored rows = the 合计 row's 分值 (100), and Σ 得分 =
                       its 得分; a group's maximum in its name (产出指标（50分）) = Σ the
                       分值 of its rows
``check: narrative``   the report's own figure (执行率, 总分) disagrees with the form's

Passes:  总额 | 238.93 | 251.89 | 251.89 | 100.00% | 10 | 10 |
Fails:   基本支出 | 985.19 | 914.97 | 10 | 10 |   (92.87% → 9.29 points, scored 10)
Options: schemas/kinds/table.schema.json
Message data: row, column, score, weight, rate, expected, arithmetic, total, computed
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ...model.document import Document
from ...model.facts import facts
from ...model.quantities import find_quantities, round_half_up
from ...model.tables import EMPTY, NUMBER, Cell, Row, Table, points_in
from ..finding import Hit, Related

KIND = "table"



@dataclass(frozen=True)
class Options:
    check: str
    formula: str
    step: Decimal
    step_deduct: Decimal
    tolerance: Decimal
    labels: tuple[str, ...]


def prepare(options: Mapping[str, Any]) -> Options:
    return Options(
        check=options["check"],
        formula=options.get("formula", "proportional"),
        step=Decimal(str(options.get("step", 5))),
        step_deduct=Decimal(str(options.get("step_deduct", 2))),
        tolerance=Decimal(str(options.get("tolerance", "0.01"))),
        labels=tuple(options.get("labels", ())),
    )


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    for table in doc.tables:
        if opts.check == "blank":
            yield from _blank(table)
        elif opts.check == "rate-score":
            yield from _rate_score(table, opts)
        elif opts.check == "score-range":
            yield from _score_range(table)
    if opts.check == "totals":
        yield from _totals(doc, opts)
    elif opts.check == "narrative":
        yield from _narrative(doc, opts)


def value(cell: Cell | None) -> Decimal | None:
    """The number a cell holds, or None (blank, /, a word)."""
    if cell is None or cell.what != NUMBER:
        return None
    found = find_quantities(cell.folded)
    return found[0].value if found else None


def places(cell: Cell) -> int:
    found = find_quantities(cell.folded)
    return found[0].places if found else 0


def _span(cell: Cell, row: Row):  # noqa: ANN202 - Span
    """Where to point for a cell; a blank one by the line it is written on (the ``|`` of a
    form flattened one cell per line), else by its row."""
    block = cell.block
    if block.text:
        return block.span(0, len(block.text))
    line = cell.line
    if line is not None and line.text.strip(" |") == "":
        return line.span(0, max(1, len(line.text)))
    return row.block.span(0, 1)


def _blank(table: Table) -> Iterator[Hit]:
    if "得分" not in table.columns:
        return
    for row in table.rows:
        weight = value(row.get("分值"))
        if weight is None:
            continue
        score = row.get("得分")
        missing = []
        if "指标值" in table.columns and value(row.get("指标值")) is not None and _blank_cell(row.get("完成值")):
            missing.append("完成值")
        if _blank_cell(score):
            missing.append("得分")
        if not missing:
            continue
        at = score if score is not None and _blank_cell(score) else row.get("完成值")
        yield Hit(_span(at, row) if at is not None else row.block.span(0, 1),
                  {"row": row.label or row.cells[0].text, "columns": "、".join(missing), "weight": weight,
                   "total": row.total})


def _blank_cell(cell: Cell | None) -> bool:
    return cell is None or cell.what == EMPTY


def rate_of(row: Row) -> tuple[Decimal | None, str]:
    """The row's execution rate in percent and how it was found: its 执行率 cell, else 执行数 ÷ 预算数."""
    stated = value(row.get("执行率"))
    if stated is not None:
        return stated, "stated"
    spent = value(row.get("执行数"))
    budget = value(row.get("预算数"))
    if budget is None or budget == 0:
        budget = value(row.get("年初预算"))
    if spent is None or budget is None or budget == 0:
        return None, ""
    try:
        return spent / budget * 100, f"{spent} ÷ {budget} × 100"
    except InvalidOperation:
        return None, ""


def expected_score(rate: Decimal, weight: Decimal, opts: Options) -> Decimal:
    if opts.formula == "steps":
        if rate >= 100:
            return weight
        steps = ((Decimal(100) - rate) / opts.step).to_integral_value(rounding="ROUND_FLOOR")  # each full step below
        return max(Decimal(0), weight - steps * opts.step_deduct)
    return round_half_up(weight * min(rate, Decimal(100)) / 100, 2)


def _rate_score(table: Table, opts: Options) -> Iterator[Hit]:
    if "得分" not in table.columns or not ({"执行率", "执行数"} & table.columns):
        return
    for row in table.rows:
        weight, score = value(row.get("分值")), value(row.get("得分"))
        if weight is None or score is None:
            continue
        rate, how = rate_of(row)
        if rate is None:
            continue
        expected = expected_score(rate, weight, opts)
        half = Decimal(5).scaleb(-(places(row.get("得分")) + 1))
        if abs(score - expected) <= max(half, opts.tolerance):
            continue
        shown_rate = round_half_up(rate, 2)
        cell = row.get("得分")
        yield Hit(_span(cell, row), {
            "row": row.label, "score": score, "weight": weight, "rate": shown_rate, "expected": expected,
            "arithmetic": f"{weight} × min({shown_rate}%, 100%) = {expected}" if opts.formula != "steps"
            else f"{weight} − {opts.step_deduct} × ⌊(100 − {shown_rate}) ÷ {opts.step}⌋ = {expected}",
            "rate_from": how or "执行率",
        }, tuple(Related(_span(c, row), c.text) for c in (row.get("执行率"), row.get("执行数")) if c is not None and c.text))


def _score_range(table: Table) -> Iterator[Hit]:
    for row in table.rows:
        weight, score = value(row.get("分值")), value(row.get("得分"))
        if weight is None or score is None or row.total:
            continue
        if score > weight or score < 0:
            cell = row.get("得分")
            yield Hit(_span(cell, row), {"row": row.label, "score": score, "weight": weight},
                      (Related(_span(row.get("分值"), row), f"分值 {weight}"),))


def _scored_rows(doc: Document) -> list[tuple[Table, Row]]:
    """Rows that carry their own weight: not totals, not 其中 sub-rows (their 分值 is /)."""
    return [(t, r) for t in doc.tables for r in t.rows if value(r.get("分值")) is not None and not r.total]


def _totals(doc: Document, opts: Options) -> Iterator[Hit]:
    rows = _scored_rows(doc)
    totals = [(t, r) for t in doc.tables for r in t.rows if r.total and value(r.get("分值")) is not None]
    if rows and totals:
        table, total = totals[-1]
        for column in ("分值", "得分"):
            stated = value(total.get(column))
            values = [value(r.get(column)) for _, r in rows]
            if stated is None or any(v is None for v in values):
                continue
            computed = sum(values, Decimal(0))
            if abs(computed - stated) > opts.tolerance:
                yield Hit(_span(total.get(column), total), {
                    "row": total.label or total.cells[0].text.strip(), "column": column, "total": stated, "computed": computed,
                    "arithmetic": " + ".join(str(v) for v in values) + f" = {computed}"})
    yield from _groups(rows, opts)


def _groups(rows: list[tuple[Table, Row]], opts: Options) -> Iterator[Hit]:
    """产出指标（50分）: the group's maximum, written in its name, against its rows' 分值."""
    groups: dict[tuple[int, str], list[Row]] = {}
    named: dict[tuple[int, str], tuple[Cell, str]] = {}
    current: dict[int, Cell] = {}  # a group's name written once, in its first row (a merged cell)
    for table, row in rows:
        cell = row.get("一级指标")
        if cell is not None and cell.text:
            current[id(table)] = cell
        cell = current.get(id(table))
        if cell is None:
            continue
        maximum = points_in(cell.folded)
        key = (id(table), re.sub(r"[（(].*", "", cell.folded))
        groups.setdefault(key, []).append(row)
        if maximum and key not in named:
            named[key] = (cell, maximum)
    for key, (cell, maximum) in named.items():
        weights = [value(r.get("分值")) for r in groups[key]]
        computed = sum((w for w in weights if w is not None), Decimal(0))
        if abs(computed - Decimal(maximum)) > opts.tolerance:
            yield Hit(cell.block.span(0, len(cell.block.text)), {
                "row": key[1], "column": "分值", "total": Decimal(maximum), "computed": computed,
                "arithmetic": " + ".join(str(w) for w in weights if w is not None) + f" = {computed}"})


def _narrative(doc: Document, opts: Options) -> Iterator[Hit]:
    """The report says 执行率 98% or 自评得分 95 分; its form says otherwise."""
    form: dict[str, tuple[Cell, Row, Decimal]] = {}
    for table in doc.tables:
        for row in table.rows:
            if not (row.total or row.funds):
                continue
            for column in ("执行率", "得分"):
                v = value(row.get(column))
                if v is not None and column not in form:
                    form[column] = (row.get(column), row, v)
    if not form:
        return
    label_of = {"执行率": "执行率", "得分": opts.labels[0] if opts.labels else "自评得分"}
    for fact in facts(doc):
        if fact.block.cell:
            continue
        for column, label in label_of.items():
            if column not in form or fact.label != label or fact.quantity.approx or fact.quantity.op:
                continue
            cell, row, v = form[column]
            if column == "执行率" and fact.quantity.unit != "%":
                continue
            if column == "得分" and fact.quantity.unit != "分":
                continue
            if abs(fact.quantity.value - v) > max(fact.quantity.half_unit, Decimal(5).scaleb(-(places(cell) + 1))):
                yield Hit(fact.span, {"row": row.label, "column": column, "total": v, "computed": fact.quantity.value,
                                      "arithmetic": f"{fact.quantity.written} ≠ {cell.text}"},
                          (Related(_span(cell, row), f"{row.label} {cell.text}"),))
