"""Ratio: a stated figure equals what its relation computes from its operands, at the stated precision.

Most often a percentage (执行率); any relation over labelled facts works, such as
a pack's own ``结余 = 预算数 − 执行数`` in 万元.

The rule's ``relation`` says how (``执行率 = 执行数 / 预算数 × 100``).  For each
stated fact of the relation's target, every other name is bound to the
nearest fact with that label in the same paragraph, else in the same section;
a ``fallbacks`` entry binds another label when one is not stated (预算数 →
年初预算: the adjusted budget when stated, else the initial one).  A stated
value passes when it is within half a unit of its last digit of the computed
one (82.1% for 82.08% passes).  A percentage with no stated operands is left
alone.

``alternatives`` are formulas that explain a stated value the wrong way
(÷ 年初预算 when 调整预算 is stated): ``report: mismatch`` reports a value no
formula explains, ``report: alternative`` one that only an alternative explains.

Passes:  全年预算数3663.27万元，执行数2659.40万元，完成预算的72.60%。
Fails:   年初预算 3754.72 万元，调整预算 3994.12 万元，决算数为 3980.09 万元。预算执行为 93.35%。
Options: schemas/kinds/ratio.schema.json
Message data: stated, computed, arithmetic, plus each operand's value and line
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model.document import Document
from ...model.facts import Fact, facts, in_block
from ...model.quantities import round_half_up
from ..finding import Hit, Related
from ..relation import Relation, parse_relation

KIND = "ratio"

_MONEY = frozenset({"万元", "元", "亿元"})


@dataclass(frozen=True)
class Options:
    relation: Relation
    alternatives: tuple[Relation, ...]
    fallbacks: Mapping[str, tuple[str, ...]]
    report: str
    unit: str


def prepare(options: Mapping[str, Any]) -> Options:
    return Options(
        relation=parse_relation(options["relation"]),
        alternatives=tuple(parse_relation(r) for r in options.get("alternatives", ())),
        fallbacks={k: tuple(v) for k, v in options.get("fallbacks", {}).items()},
        report=options.get("report", "mismatch"),
        unit=options.get("unit", "%"),
    )


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    all_facts = facts(doc)
    for i, stated in enumerate(all_facts):
        if (stated.label != opts.relation.target or stated.quantity.unit != opts.unit or stated.quantity.approx
                or stated.quantity.bound):
            continue  # a rate written as a target or a limit (资金支出率≥98%) is not one to recompute
        bound = bind(doc, all_facts, i, opts.relation, opts.fallbacks)
        if bound is None:
            continue
        computed = opts.relation.evaluate(_values(bound))
        if computed is not None:
            computed /= _scale(stated)  # operands are in base units (元); the stated value may be in 万元
        if computed is None or _agrees(stated, computed):
            continue
        explained = [alt for alt in opts.alternatives if _explains(doc, all_facts, i, alt, stated)]
        if (opts.report == "mismatch") == bool(explained):
            continue
        relation = opts.relation
        yield _hit(doc, stated, computed, relation, bound, explained[0] if explained else None, all_facts, i)


def bind(doc: Document, all_facts: Sequence[Fact], i: int, relation: Relation,
         fallbacks: Mapping[str, Sequence[str]]) -> dict[str, Fact] | None:
    """Facts for every operand name, nearest to fact ``i``; None when one is missing."""
    bound: dict[str, Fact] = {}
    for name in sorted(relation.names()):
        fact = _nearest(doc, all_facts, i, name)
        for alternative in fallbacks.get(name, ()):
            if fact is not None:
                break
            fact = _nearest(doc, all_facts, i, alternative)
        if fact is None:
            return None
        bound[name] = fact
    units = {f.quantity.in_units()[1] for f in bound.values()}
    if len(units) > 1:  # 万元 against 人: not operands of one ratio
        return None
    return bound


def _nearest(doc: Document, all_facts: Sequence[Fact], i: int, label: str) -> Fact | None:
    """The fact with this label nearest to fact ``i``: before it in its paragraph, then after
    it there, then in an earlier paragraph of the same section — unless this paragraph
    states money figures of its own that no label names (项目支出19.3万元…执行3.12万元，
    完成率16.17%): then the operand is one of them, and a budget from another paragraph
    (公用经费年初45.76万元) would be the wrong one."""
    here = all_facts[i]
    same_block, starts = _labelled(doc, here.block, label)
    k = bisect.bisect_left(starts, here.quantity.start)
    if k > 0:
        return same_block[k - 1]
    if same_block:
        return same_block[0]
    if any(f.label is None and f.quantity.unit in _MONEY for f in in_block(doc, here.block)):
        return None
    section = here.block.section
    if section is None:
        return None
    starts_before, last_facts = _earlier_index(doc, section, label)
    k = bisect.bisect_left(starts_before, here.block.start)
    return last_facts[k - 1] if k > 0 else None


def _earlier_index(doc: Document, section, label: str) -> tuple[list[int], list[Fact]]:  # noqa: ANN001
    """For one section and label: the start of every paragraph with an exact fact of that
    label, in order, and its last such fact (cached): the nearest earlier one is a bisect,
    not a walk back through a long section for every figure."""
    index = doc.cache.setdefault("ratio:earlier", {})
    key = (id(section), label)
    if key not in index:
        pairs = []
        for block in section.blocks:
            chosen = _labelled(doc, block, label)[0]
            if chosen:
                pairs.append((block.start, chosen[-1]))
        pairs.sort(key=lambda p: p[0])
        index[key] = ([start for start, _ in pairs], [fact for _, fact in pairs])
    return index[key]


def _labelled(doc: Document, block, label: str) -> tuple[list[Fact], list[int]]:  # noqa: ANN001
    """A paragraph's exact facts with one label, and their starts (cached): bisect, not scan."""
    index = doc.cache.setdefault("ratio:labelled", {})
    key = (id(block), label)
    if key not in index:
        chosen = [f for f in in_block(doc, block) if f.label == label and not f.quantity.approx]
        index[key] = (chosen, [f.quantity.start for f in chosen])
    return index[key]


def _values(bound: Mapping[str, Fact]) -> dict[str, Decimal]:
    return {name: fact.quantity.in_units()[0] for name, fact in bound.items()}


def _scale(fact: Fact) -> Decimal:
    base = fact.quantity.in_units()[0]
    return base / fact.quantity.value if fact.quantity.value else Decimal(1)


def _agrees(stated: Fact, computed: Decimal) -> bool:
    return abs(stated.quantity.value - computed) <= stated.quantity.half_unit


def _explains(doc: Document, all_facts: Sequence[Fact], i: int, alt: Relation, stated: Fact) -> bool:
    bound = bind(doc, all_facts, i, alt, {})
    if bound is None:
        return False
    value = alt.evaluate(_values(bound))
    return value is not None and _agrees(stated, value / _scale(stated))


def rounded(value: Decimal, places: int = 2) -> Decimal:
    return round_half_up(value, places)


def _hit(doc, stated, computed, relation, bound, alternative, all_facts, i) -> Hit:  # noqa: ANN001
    places = max(2, stated.quantity.places)
    shown: dict[str, Any] = {name: fact.quantity.value for name, fact in bound.items()}
    if len({fact.quantity.unit for fact in bound.values()}) > 1:  # 9800万元 ÷ 1.2亿元, not 9800 ÷ 1.2
        shown = {name: f"{fact.quantity.value}{fact.quantity.unit}" for name, fact in bound.items()}
    data: dict[str, Any] = {
        "stated": stated.quantity.value,
        "computed": rounded(computed, places),
        "arithmetic": f"{relation.show(shown)} = {rounded(computed, places)}",
        "unit": stated.quantity.unit,
        "relation": relation.text,
    }
    for name, fact in bound.items():
        data[name] = fact.quantity.value
        data[f"{name}_line"] = doc.source.position(fact.span.start)[0]
    if alternative is not None:
        alt_bound = bind(doc, all_facts, i, alternative, {}) or {}
        data["alternative"] = alternative.text
        data["alternative_arithmetic"] = f"{alternative.show({n: f.quantity.value for n, f in alt_bound.items()})}"
    related = tuple(Related(fact.span, f"{fact.written_label or name} {fact.quantity.written}") for name, fact in bound.items())
    return Hit(stated.span, data, related)
