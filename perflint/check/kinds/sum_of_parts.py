"""Sum (YAML kind ``sum``): a stated total equals the sum of the parts listed with it.

``check: parts``      a total and the parts after ``其中``: 全年预算数 3,970.64 万元，其中：
                      基本支出 3,432.3 万元，项目支出 538.34 万元; head counts
                      11人（其中公务员身份5人、工勤1人、事业编制5人）
``check: breakdown``  a breakdown introduced by 按…分类 equals one of the section's
                      totals (``totals``: 执行数, 预算数): seed 003 lines 27 and 29
``check: scores``     sub-scores add up to the total score (seed 000 line 39:
                      44.28 + 48.10 + 0 = 92.38), and their maxima to the total's

Parts above the total are always reported; parts below it only in the units
where a 其中 list is exhaustive (``exhaustive_units``: money, head counts), since
"其中线上活动30场" names only some of 60.  Approximate figures (余, 近) are
never summed.  Tolerance: half a unit of the last digit of every figure.

Options: schemas/kinds/sum.schema.json
Message data: total, computed, arithmetic, unit, parts
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model.document import Block, Document
from ...model.facts import Fact, in_block
from ...model.scoring import ScoreSpec, score_tables
from ..finding import Hit, Related
from ..relation import Relation, parse_relation
from ..saferegex import safe_regex

KIND = "sum"

_LIST_ITEM = re.compile(r"^[\s\u3000]*(?:[（(][0-9一二三四五六七八九十]+[）)]|[0-9]+[.、．]|[一二三四五六七八九十]+是)")
_SKIP_UNITS = {"%", "年", "月", "天", ""}


@dataclass(frozen=True)
class Options:
    check: str
    relation: Relation
    markers: tuple[str, ...]
    breakdown: re.Pattern[str] | None
    totals: tuple[str, ...]
    exhaustive_units: frozenset[str]
    scores: ScoreSpec


def prepare(options: Mapping[str, Any]) -> Options:
    breakdown = options.get("breakdown")
    return Options(
        check=options["check"],
        relation=parse_relation(options.get("relation", "总额 = sum(分项)")),
        markers=tuple(options.get("markers", ("其中",))),
        breakdown=safe_regex(breakdown) if breakdown else None,
        totals=tuple(options.get("totals", ())),
        exhaustive_units=frozenset(options.get("exhaustive_units", ())),
        scores=ScoreSpec.from_options(options),
    )


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.check == "parts":
        yield from _parts(doc, opts)
    elif opts.check == "breakdown":
        yield from _breakdowns(doc, opts)
    elif opts.check == "scores":
        yield from _scores(doc, opts)


def _evaluate(opts: Options, total: Decimal, parts: Sequence[Decimal]) -> Decimal | None:
    (part_name,) = opts.relation.names()
    return opts.relation.evaluate({part_name: list(parts)})


def _tolerance(figures: Sequence[Fact]) -> Decimal:
    return sum((f.quantity.rounding for f in figures), Decimal(0))


def _parts(doc: Document, opts: Options) -> Iterator[Hit]:
    for block in doc.blocks:
        block_facts = in_block(doc, block)
        for marker in opts.markers:
            for m in re.finditer(re.escape(marker), block.text):
                found = _total_and_parts(block, block_facts, m.start(), m.end(), opts)
                if found:
                    yield from _compare(doc, opts, *found, check_below=found[0].quantity.unit in opts.exhaustive_units)


def _total_and_parts(block: Block, block_facts: list[Fact], at: int, after: int, opts: Options) -> tuple[Fact, list[Fact]] | None:
    text = block.text
    sentence_start = max(text.rfind("。", 0, at), text.rfind("；", 0, at)) + 1
    before = [f for f in block_facts if sentence_start <= f.quantity.start and f.quantity.end <= at and f.quantity.unit not in _SKIP_UNITS]
    if not before:
        return None
    total = before[-1]
    end = _scope_end(text, at, after, opts.markers)
    parts, depth = [], 0
    inside = text.count("（", sentence_start, at) + text.count("(", sentence_start, at) > text.count("）", sentence_start, at) + text.count(")", sentence_start, at)
    i = after
    for f in (f for f in block_facts if after <= f.quantity.start < end):
        depth += _depth_change(text[i : f.quantity.start])
        i = f.quantity.start
        if depth > 0 and not inside:
            continue  # a nested 其中 in brackets
        if f.quantity.in_units()[1] == total.quantity.in_units()[1]:
            parts.append(f)
    if not parts:
        # 其中人员434.89、公用77.4、项目276.83: parts written without the total's unit
        bare = [f for f in block_facts if after <= f.quantity.start < end]
        if bare and all(f.quantity.unit == "" and not _ordinal(text, f) for f in bare):
            parts = bare
    if len(parts) < 2 or total.quantity.approx or any(p.quantity.approx for p in parts):
        return None
    return total, parts


def _ordinal(text: str, fact: Fact) -> bool:
    """A list number such as （1） or 1、, not an amount."""
    q = fact.quantity
    if q.places or q.value > 30:
        return False
    before = text[q.number_start - 1] if q.number_start else ""
    after = text[q.end] if q.end < len(text) else ""
    return before in "（(" or after in "）)、.．"


def _depth_change(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _scope_end(text: str, at: int, after: int, markers: Sequence[str]) -> int:
    """Where a 其中 list ends: the sentence end, the next 其中, a closing bracket it sits in,
    or a ； not followed by another list item."""
    inside = text.count("（", 0, at) + text.count("(", 0, at) > text.count("）", 0, at) + text.count(")", 0, at)
    end = len(text)
    for marker in markers:
        nxt = text.find(marker, after)
        if nxt != -1:
            end = min(end, nxt)
    full_stop = text.find("。", after)
    if full_stop != -1:
        end = min(end, full_stop)
    if inside:
        close = min((i for i in (text.find("）", after), text.find(")", after)) if i != -1), default=-1)
        if close != -1:
            end = min(end, close)
    i = text.find("；", after)
    while i != -1 and i < end:
        if not _LIST_ITEM.match(text[i + 1 :]):
            return i
        i = text.find("；", i + 1)
    return end


def _compare(doc: Document, opts: Options, total: Fact, parts: list[Fact], check_below: bool) -> Iterator[Hit]:
    unit_scale = _scale(total)
    values = [p.quantity.in_units()[0] if p.quantity.unit else p.quantity.value * unit_scale for p in parts]
    computed = _evaluate(opts, total.quantity.in_units()[0], values)
    if computed is None:
        return
    stated = total.quantity.in_units()[0]
    scale = stated / total.quantity.value if total.quantity.value else Decimal(1)
    tolerance = _tolerance([total, *parts]) * scale
    if abs(computed - stated) <= tolerance or (computed < stated and not check_below):
        return
    shown = computed / scale
    yield Hit(
        total.span,
        {
            "total": total.quantity.value,
            "computed": shown.normalize() if shown == shown.to_integral() else shown,
            "unit": total.quantity.unit,
            "arithmetic": " + ".join(str(p.quantity.value) for p in parts) + f" = {shown}",
            "parts": len(parts),
            "label": total.written_label or total.phrase[-8:],
        },
        tuple(Related(p.span, f"{p.written_label or p.phrase[-8:]} {p.quantity.written}") for p in parts),
    )


def _breakdowns(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.breakdown is None:
        return
    for block in doc.blocks:
        for m in opts.breakdown.finditer(block.text):
            stop = block.text.find("。", m.end())
            end = stop if stop != -1 else len(block.text)
            parts = [f for f in in_block(doc, block) if m.end() <= f.quantity.start < end and f.quantity.unit not in _SKIP_UNITS]
            units = {p.quantity.in_units()[1] for p in parts}
            if len(parts) < 2 or len(units) != 1 or any(p.quantity.approx for p in parts):
                continue
            candidates = [
                f for b in (block.section.blocks if block.section else [block]) for f in in_block(doc, b)
                if f.label in opts.totals and f.quantity.in_units()[1] in units and not f.quantity.approx
            ]
            if not candidates:
                continue
            values = [p.quantity.in_units()[0] for p in parts]
            computed = _evaluate(opts, Decimal(0), values)
            if computed is None:
                continue
            tolerance = _tolerance(parts)
            if any(abs(computed - c.quantity.in_units()[0]) <= (tolerance + c.quantity.rounding) * _scale(c) for c in candidates):
                continue
            best = min(candidates, key=lambda c: (opts.totals.index(c.label), abs(computed - c.quantity.in_units()[0])))
            shown = computed / _scale(best)
            yield Hit(
                block.span(m.start(), end),
                {
                    "total": best.quantity.value,
                    "computed": shown,
                    "unit": best.quantity.unit,
                    "arithmetic": " + ".join(str(p.quantity.value) for p in parts) + f" = {shown}",
                    "parts": len(parts),
                    "label": best.written_label,
                    "total_line": doc.source.position(best.span.start)[0],
                },
                (Related(best.span, f"{best.written_label} {best.quantity.written}"),),
            )


def _scale(fact: Fact) -> Decimal:
    base = fact.quantity.in_units()[0]
    return base / fact.quantity.value if fact.quantity.value else Decimal(1)


def _scores(doc: Document, opts: Options) -> Iterator[Hit]:
    for table in score_tables(doc, opts.scores):
        total = table.total
        if total is None or total.score is None:
            continue
        values = [p.value for p in table.parts]
        if any(v is None for v in values):
            continue
        scored = [p.score for p in table.parts if p.score is not None]
        computed = _evaluate(opts, total.score.quantity.value, values)
        stated = total.score.quantity.value
        if computed is not None and abs(computed - stated) > _tolerance([total.score, *scored]):
            yield Hit(
                total.score.span,
                {
                    "total": stated,
                    "computed": computed,
                    "unit": "分",
                    "arithmetic": " + ".join(str(v) for v in values) + f" = {computed}",
                    "parts": len(values),
                    "label": total.score.written_label,
                },
                tuple(Related(p.score.span, f"{p.name} {p.score.quantity.written}") for p in table.parts if p.score),
            )
        maxima = [p.maximum.quantity.value for p in table.parts if p.maximum is not None]
        if total.maximum is not None and len(maxima) == len(table.parts):
            weight = _evaluate(opts, total.maximum.quantity.value, maxima)
            if weight is not None and weight != total.maximum.quantity.value:
                yield Hit(
                    total.maximum.span,
                    {
                        "total": total.maximum.quantity.value,
                        "computed": weight,
                        "unit": "分",
                        "arithmetic": " + ".join(str(v) for v in maxima) + f" = {weight}",
                        "parts": len(maxima),
                        "label": "总分",
                    },
                    tuple(Related(p.maximum.span, f"{p.name} {p.maximum.quantity.written}") for p in table.parts if p.maximum),
                )
