"""Sum (YAML kind ``sum``): a stated total equals the sum of the parts listed with it.

``check: parts``      a total and the parts after ``其中``: 全年预算数 3,970.64 万元，其中：
                      基本支出 3,432.3 万元，项目支出 538.34 万元; head counts
                      11人（其中公务员身份5人、工勤1人、事业编制5人）
``check: breakdown``  a breakdown introduced by 按…分类 equals one of the section's
                      totals (``totals``: 执行数, 预算数): seed 003 lines 27 and 29
``check: classifications`` two classifications of one total stated with their totals
                      (按收入性质分：2030.12 / 按支出性质分：1925.67) disagree
``check: rows``       in a form, the total row (年度资金总额, 总额) equals its 其中 rows in
                      each money column (年初预算数, 全年预算数, 全年执行数)
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

import bisect
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model.document import MAX_ITEM, Block, Document
from ...model.facts import Fact, between, in_block
from ...model.quantities import find_quantities
from ...model.scoring import ScoreSpec, score_tables
from ...read.regex_cache import compiled, longest_first
from ..finding import Hit, Related
from ..relation import Relation, parse_relation
from ..saferegex import safe_regex

KIND = "sum"

_LIST_ITEM = compiled(r"[\s\u3000]*(?:[（(][0-9一二三四五六七八九十]+[）)]|[0-9]+[.、．]|[一二三四五六七八九十]+是)")
_SKIP_UNITS = {"%", "年", "月", "天", ""}
_MONEY = {"元"}  # base unit of 万元, 元, 亿元: a money part larger than its total is an error, not another figure


@dataclass(frozen=True)
class Options:
    check: str
    relation: Relation
    markers: tuple[str, ...]
    breakdown: re.Pattern[str] | None
    totals: tuple[str, ...]
    exhaustive_units: frozenset[str]
    scores: ScoreSpec
    levels: re.Pattern[str] | None = None
    changes: re.Pattern[str] | None = None
    totals_row: re.Pattern[str] | None = None


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
        levels=safe_regex(options["levels"]) if options.get("levels") else None,
        changes=safe_regex(options["changes"]) if options.get("changes") else None,
        totals_row=safe_regex(options["total_rows"]) if options.get("total_rows") else None,
    )


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.check == "parts":
        yield from _parts(doc, opts)
    elif opts.check == "breakdown":
        yield from _breakdowns(doc, opts)
    elif opts.check == "classifications":
        yield from _stated_breakdowns(doc, opts)
    elif opts.check == "scores":
        yield from _scores(doc, opts)
    elif opts.check == "rows":
        yield from _rows(doc, opts)


def _evaluate(opts: Options, total: Decimal, parts: Sequence[Decimal]) -> Decimal | None:
    (part_name,) = opts.relation.names()
    return opts.relation.evaluate({part_name: list(parts)})


def _tolerance(figures: Sequence[Fact]) -> Decimal:
    return sum((f.quantity.rounding for f in figures), Decimal(0))


def _parts(doc: Document, opts: Options) -> Iterator[Hit]:
    for block in doc.blocks:
        occurrences = {marker: list(_occurrences(block.folded, marker)) for marker in opts.markers}
        for marker in opts.markers:
            for start, end in occurrences[marker]:
                if any(_inside(start, occurrences[other]) for other in opts.markers if other != marker):
                    continue  # 包括 inside 其中包括: one marker
                found = _total_and_parts(doc, block, start, end, opts)
                if found:
                    total, parts = found
                    for group in _breakdowns_of(total, parts):
                        yield from _compare(doc, opts, total, group, check_below=total.quantity.unit in opts.exhaustive_units)


def _occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence of ``word``, left to right, not overlapping."""
    at = text.find(word)
    while at != -1 and word:
        yield at, at + len(word)
        at = text.find(word, at + len(word))


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``at`` falls strictly inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_left(spans, (at,)) - 1
    return k >= 0 and spans[k][0] < at < spans[k][1]


def _total_and_parts(doc: Document, block: Block, at: int, after: int, opts: Options) -> tuple[Fact, list[Fact]] | None:
    text = block.folded
    sentence_start = block.item_start(at)
    candidates = _figures(doc, block, sentence_start, at, opts)
    while not candidates and sentence_start > 0 and not text[sentence_start:at].strip(" \t\u3000，：,:") or (
            not candidates and sentence_start > 0 and _only_changes(doc, block, sentence_start, at, opts)):
        # 。其中…: the total closes a sentence before (共投入资金1987.08万元。其中中央资金…), past
        # sentences that state only changes (收入792.22万元。同比增加189.25万元。其中…)
        previous = block.item_start(sentence_start - 1)
        candidates = _figures(doc, block, previous, sentence_start, opts)
        sentence_start = previous
        if previous == 0:
            break
    if not candidates:
        return None
    total = candidates[-1]
    end = _scope_end(doc, block, at, after, opts.markers)
    if end is None:
        return None  # the list runs into the end of a text that is cut off
    parts, depth = [], 0
    inside = _depth_change(text[sentence_start:at]) > 0
    i = after
    unit = total.quantity.in_units()[1]
    for f in between(doc, block, after, end):
        depth += _depth_change(text[i : f.quantity.start])
        i = f.quantity.start
        if depth > 0 and not inside:
            continue  # a nested 其中 in brackets
        if f.quantity.in_units()[1] == unit and not _is_change(f, opts):
            if unit not in _MONEY and f.quantity.in_units()[0] > total.quantity.in_units()[0] + total.quantity.rounding * _scale(total):
                break  # a count larger than the total counts something else (编制197人…实际在岗345人)
            parts.append(f)
    if not parts:
        # 其中人员434.89、公用77.4、项目276.83: parts written without the total's unit
        bare = between(doc, block, after, end)
        if bare and all(f.quantity.unit == "" and not _ordinal(text, f) for f in bare):
            parts = bare
    parts = _same_attribute(total, parts)
    if len(parts) < 2 or total.quantity.approx or any(p.quantity.approx for p in parts):
        return None
    if opts.levels is not None and sum(1 for p in parts if opts.levels.search(p.phrase)) >= 2:
        return None  # 一级指标3个、二级指标9个、三级指标12个: levels of one hierarchy, not parts
    return total, parts


def _figures(doc: Document, block: Block, start: int, end: int, opts: Options) -> list[Fact]:
    """Figures that can be a total: not %, years or bare numbers, and not a change (同比增加…)."""
    return [f for f in between(doc, block, start, end) if f.quantity.end <= end
            and f.quantity.unit not in _SKIP_UNITS and not _is_change(f, opts)]


def _only_changes(doc: Document, block: Block, start: int, end: int, opts: Options) -> bool:
    figures = [f for f in between(doc, block, start, end) if f.quantity.end <= end and f.quantity.unit not in _SKIP_UNITS]
    return bool(figures) and all(_is_change(f, opts) for f in figures)


def _is_change(fact: Fact, opts: Options) -> bool:
    """同比上年度增加189.25万元: a change between years, neither a total nor a part."""
    return opts.changes is not None and opts.changes.search(fact.phrase[-12:]) is not None


def _same_attribute(total: Fact, parts: list[Fact]) -> list[Fact]:
    """核减2.77亿元，其中预算…送审金额23.79亿元，审定金额21.81亿元，核减1.98亿元，结算…核减0.78亿元:
    when the parts repeat attributes, the parts of the total's attribute are its breakdown."""
    name = _attribute(total.phrase)
    if len(name) < 2:
        return parts
    same = [p for p in parts if _attribute(p.phrase) == name]
    return same if 2 <= len(same) < len(parts) else parts


def _attribute(phrase: str) -> str:
    """The trailing word of a figure's phrase: 核减 in 核减, 送审金额 in 其中预算173宗，送审金额."""
    tail = _WORD_BREAK.split(phrase)[-1]
    return tail[-4:]


def _breakdowns_of(total: Fact, parts: list[Fact]) -> Iterator[list[Fact]]:
    """One 其中 may hold two breakdowns of the same total, one after the other (by source
    1753 + 519 = 2272, then by use 609.22 + 138.78 + 1524 = 2272): when a prefix and the
    rest each add up to the total, judge each; otherwise the list is one breakdown."""
    target = total.quantity.in_units()[0]
    scale = _scale(total)

    def value(p: Fact) -> Decimal:
        return p.quantity.in_units()[0] if p.quantity.unit else p.quantity.value * scale

    def adds_up(group: list[Fact]) -> bool:
        slack = sum((p.quantity.rounding * _scale(p) for p in group), total.quantity.rounding * scale)
        return abs(sum((value(p) for p in group), Decimal(0)) - target) <= slack

    for k in range(2, len(parts) - 1):
        if adds_up(parts[:k]) and adds_up(parts[k:]):
            yield parts[:k]
            yield parts[k:]
            return
    yield parts


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


_CONDITION = compiled(r"^[\s\u3000]*(?:若|如果|如|否则|未|不|凡)")
#: The first clause mark after a position: one scan that stops there (a find per mark would
#: run to the end of the paragraph for each mark it lacks).
_CLAUSE_END = compiled(r"[，,；;。]")
_WORD_BREAK = compiled(r"[，,；;：:、。（）()\s]")


def _scope_end(doc: Document, block: Block, at: int, after: int, markers: tuple[str, ...]) -> int | None:
    """Where a 其中 list ends: the sentence end, the next 其中, a closing bracket it sits in,
    a clause of condition (若单位无项目，得2分), or a ； not followed by another part
    (a clause with an unlabelled figure, or a list item).  None when the list runs into
    the end of a text that is cut off."""
    text = block.folded
    depth = _depth_change(text[block.item_start(at) : at])
    inside = depth > 0
    found = _any_of(markers).search(text, after) if markers else None
    limit = found.start() if found else len(text)
    i = after
    level = 0
    while i < limit:
        ch = text[i]
        if ch in "（(":
            level += 1
        elif ch in "）)":
            level -= 1
            if level < 0 and inside:
                return i
        elif level <= 0:
            if ch == "。":
                return i
            if ch in "，,；;" and _CONDITION.match(text[i + 1 : i + 4]):
                return i
            if ch in "；;" and not _continues_list(doc, block, i + 1):
                # a ； that ends the paragraph: it stops mid-list (see _MID_LIST), not the list
                return None if not text[i + 1 :].strip(" \t\u3000（(") else i
        i += 1
    if limit == len(text) and block.part is not None and block.part.cut_end and block is block.part.blocks[-1]:
        return None
    if limit == len(text) and text.rstrip(" \t\u3000")[-1:] in _MID_LIST:
        return None  # the paragraph stops mid-list (a line of a page, cut where the page is): the rest is elsewhere
    return limit


#: What a paragraph that stops inside a list ends with: a separator between parts, or an
#: opening bracket (…办刊经费3万元；（ on one line of a PDF page, 3）春节走访经费… on the next).
_MID_LIST = frozenset("；;，,、（(")


@functools.cache
def _any_of(markers: tuple[str, ...]) -> re.Pattern[str]:
    """The first of the markers after a position, in one scan that stops there."""
    return compiled("|".join(re.escape(m) for m in sorted(markers, key=longest_first)))


def _continues_list(doc: Document, block: Block, at: int) -> bool:
    """After a ；: another part (杭锦后旗4035.12万元；30万元用于…) or list item, not a new
    labelled total (；全年实际支出数 3,970.64 万元)."""
    text = block.folded
    if _LIST_ITEM.match(text, at):
        return True
    found = _CLAUSE_END.search(text, at)
    clause_end = found.start() if found else len(text)
    figures = [f for f in between(doc, block, at, clause_end) if f.quantity.unit not in _SKIP_UNITS]
    return bool(figures) and all(f.label is None for f in figures)


def _terms(parts: list[Fact], unit: str) -> str:
    """The parts as added: with their units where one is written in another than the total's
    (9000万元 + 3000万元 = 1.2亿元, not 9000 + 3000 = 1.2)."""
    if all(p.quantity.unit in ("", unit) for p in parts):
        return " + ".join(str(p.quantity.value) for p in parts)
    return " + ".join(f"{p.quantity.value}{p.quantity.unit}" for p in parts)


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
            "arithmetic": _terms(parts, total.quantity.unit) + f" = {shown}",
            "parts": len(parts),
            "label": total.written_label or total.phrase[-8:],
        },
        tuple(Related(p.span, f"{p.written_label or p.phrase[-8:]} {p.quantity.written}") for p in parts),
    )


class _Totals:
    """A section's stated totals in one unit, by value: whether a breakdown's sum is one of
    them is a bisection, not a look at every total (a section may state thousands)."""

    def __init__(self, found: list[Fact]):
        self.facts = sorted(found, key=lambda f: f.quantity.in_units()[0])
        self.values = [f.quantity.in_units()[0] for f in self.facts]
        self.scale = max((_scale(f) for f in found), default=Decimal(1))
        self.slack = max((f.quantity.rounding * _scale(f) for f in found), default=Decimal(0))

    def agree(self, computed: Decimal, tolerance: Decimal) -> bool:
        """Some total equals ``computed`` within its rounding and ``tolerance`` (in its units)."""
        reach = tolerance * self.scale + self.slack  # no total's allowance is wider
        lo, hi = bisect.bisect_left(self.values, computed - reach), bisect.bisect_right(self.values, computed + reach)
        return any(abs(computed - c.quantity.in_units()[0]) <= (tolerance + c.quantity.rounding) * _scale(c) for c in self.facts[lo:hi])


def _section_totals(doc: Document, block: Block, unit: str, opts: Options, cache: dict[tuple[int, str], _Totals]) -> _Totals:
    """The labelled totals of the block's section (the block alone outside any), per unit, once."""
    key = (id(block.section) if block.section else id(block), unit)
    found = cache.get(key)
    if found is None:
        blocks = block.section.blocks if block.section else [block]
        found = cache[key] = _Totals([f for b in blocks for f in in_block(doc, b) if f.label in opts.totals
                                      and f.quantity.in_units()[1] == unit and not f.quantity.approx])
    return found


def _breakdowns(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.breakdown is None:
        return
    totals: dict[tuple[int, str], _Totals] = {}
    for block in doc.blocks:
        for m in opts.breakdown.finditer(block.folded):
            stop = block.folded.find("。", m.end(), m.end() + MAX_ITEM)
            end = stop if stop != -1 else min(len(block.folded), m.end() + MAX_ITEM)
            parts = [f for f in between(doc, block, m.end(), end) if f.quantity.unit not in _SKIP_UNITS]
            units = {p.quantity.in_units()[1] for p in parts}
            if len(parts) < 2 or len(units) != 1 or any(p.quantity.approx for p in parts):
                continue
            candidates = _section_totals(doc, block, units.pop(), opts, totals)
            if not candidates.facts:
                continue
            values = [p.quantity.in_units()[0] for p in parts]
            computed = _evaluate(opts, Decimal(0), values)
            if computed is None:
                continue
            tolerance = _tolerance(parts)
            if candidates.agree(computed, tolerance):
                continue
            best = min(candidates.facts, key=lambda c: (opts.totals.index(c.label), abs(computed - c.quantity.in_units()[0]),
                                                        c.block.offset(c.quantity.start)))
            shown = computed / _scale(best)
            yield Hit(
                block.span(m.start(), end),
                {
                    "total": best.quantity.value,
                    "computed": shown,
                    "unit": best.quantity.unit,
                    "arithmetic": _terms(parts, best.quantity.unit) + f" = {shown}",
                    "parts": len(parts),
                    "label": best.written_label,
                    "total_line": doc.source.position(best.span.start)[0],
                },
                (Related(best.span, f"{best.written_label} {best.quantity.written}"),),
            )


def _stated_breakdowns(doc: Document, opts: Options) -> Iterator[Hit]:
    """按收入性质分：2030.12 and 按支出性质分：1925.67 in one part: two classifications of one
    total, stated with their titles, must agree."""
    assert opts.breakdown is not None
    stated: list[tuple[Block, re.Match[str], Fact]] = []
    for block in doc.blocks:
        for m in opts.breakdown.finditer(block.folded):
            value = next(iter(between(doc, block, m.end())), None)
            if value is not None and not block.folded[m.end() : value.quantity.start].strip(" \t\u3000") \
                    and value.quantity.unit not in _SKIP_UNITS - {""} and not value.quantity.approx:
                stated.append((block, m, value))
    for k, (block, m, value) in enumerate(stated):
        for first_block, first_m, first in stated[:k]:
            if first_block.part is not block.part or first_m.group(0) == m.group(0):
                continue
            a, b = first.quantity.in_units()[0], value.quantity.in_units()[0]
            if first.quantity.in_units()[1] == value.quantity.in_units()[1] and abs(a - b) > (first.quantity.rounding + value.quantity.rounding) * _scale(first):
                yield Hit(
                    value.span,
                    {"total": first.quantity.value, "computed": value.quantity.value, "unit": value.quantity.unit,
                     "arithmetic": f"{block.text[m.start():m.end()].rstrip('：:，,')} {value.quantity.written}",
                     "parts": 1, "label": first_block.text[first_m.start():first_m.end()].rstrip("：:，,"),
                     "total_line": doc.source.position(first.span.start)[0]},
                    (Related(first.span, f"{first_block.text[first_m.start():first_m.end()]}{first.quantity.written}"),),
                )
                break


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


_MONEY_COLUMNS = ("年初预算", "预算数", "执行数")


def _rows(doc: Document, opts: Options) -> Iterator[Hit]:
    """年度资金总额 | 0 | 0 | 0 against 其中：本年财政拨款 | 90 | 89.974 | 89.974: per money column."""
    from ...model.tables import TEXT
    from .table import value

    if opts.totals_row is None:
        return
    for table in doc.tables:
        rows = table.rows
        for i, row in enumerate(rows):
            if not opts.totals_row.match(row.label or (row.cells[0].text if row.cells else "")):
                continue
            subs = []
            for sub in rows[i + 1 :]:
                if opts.totals_row.match(sub.label or "") or any(
                        c.column in _MONEY_COLUMNS and c.what == TEXT for c in sub.cells):
                    break
                subs.append(sub)
            for column in _MONEY_COLUMNS:
                total = value(row.get(column))
                parts = [value(s.get(column)) for s in subs]
                if total is None or not any(v is not None for v in parts):
                    continue
                computed = sum((v for v in parts if v is not None), Decimal(0))
                cells = [s.get(column) for s in subs if value(s.get(column)) is not None]
                # half a unit of each figure's last digit; a zero (0, 0.00) is exact, nothing to round
                slack = sum((Decimal(5).scaleb(-(_places(c) + 1)) for c in [row.get(column), *cells] if value(c)), Decimal(0))
                if abs(computed - total) <= slack:
                    continue
                cell = row.get(column)
                yield Hit(cell.block.span(0, len(cell.block.text)), {
                    "total": total, "computed": computed, "unit": "", "parts": len(cells),
                    "arithmetic": " + ".join(c.text for c in cells) + f" = {computed}",
                    "label": f"{row.label} {column}"},
                    tuple(Related(c.block.span(0, len(c.block.text)), c.text) for c in cells))


def _places(cell) -> int:  # noqa: ANN001 - tables.Cell
    found = find_quantities(cell.folded) if cell is not None else []
    return found[0].places if found else 0
