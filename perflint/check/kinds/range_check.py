"""Range (YAML kind ``range``): figures within the bounds their nature allows.

``check: scores``  each part's score within [0, its maximum] (管理效能 45 分 …
                   自评得分 44.28 分), the total within [0, its stated 总分, else 100]
``check: bound``   facts named by ``labels`` (canonical) or whose label phrase
                   ends with one of ``phrases`` stay within [``min``, ``max``] in
                   ``unit``: 满意度、覆盖率、合格率 cannot exceed 100%; an execution
                   rate above 100% is worth a warning.  A value at or above
                   ``implausible`` (5100% where a flattened form glued 分值 5 to
                   100%) is a misread number, not a finding

``check: rows``    in a form without an 执行率 column, the rate its cells give
                   (全年执行数 ÷ 全年预算数, or ÷ 年初预算数) above ``max``: spending beyond
                   the budget, to be explained

Options: schemas/kinds/range.schema.json
Message data: value, max, min, name, unit
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model.document import Document
from ...model.facts import facts
from ...model.scoring import ScoreSpec, score_tables
from ..finding import Hit, Related

KIND = "range"

_TAIL = "为是达到了共约：: \u3000"


@dataclass(frozen=True)
class Options:
    check: str
    labels: frozenset[str]
    phrases: tuple[str, ...]
    unit: str
    minimum: Decimal | None
    maximum: Decimal | None
    scores: ScoreSpec
    implausible: Decimal | None = None


def prepare(options: Mapping[str, Any]) -> Options:
    def dec(key: str) -> Decimal | None:
        return Decimal(str(options[key])) if key in options else None

    return Options(
        check=options["check"],
        labels=frozenset(options.get("labels", ())),
        phrases=tuple(options.get("phrases", ())),
        unit=options.get("unit", "%"),
        minimum=dec("min"),
        maximum=dec("max"),
        scores=ScoreSpec.from_options(options),
        implausible=dec("implausible"),
    )


def check(doc: Document, opts: Options) -> Iterator[Hit]:
    if opts.check == "scores":
        yield from _scores(doc, opts)
        return
    if opts.check == "rows":
        yield from _rows(doc, opts)
        return
    for fact in facts(doc):
        q = fact.quantity
        if q.unit != opts.unit or q.op is not None:
            continue
        name = fact.label if fact.label in opts.labels else _phrase_name(fact.phrase, opts.phrases)
        if name is None:
            continue
        if opts.implausible is not None and q.value >= opts.implausible:
            continue
        too_high = opts.maximum is not None and q.value > opts.maximum
        too_low = opts.minimum is not None and q.value < opts.minimum
        if too_high or too_low:
            yield Hit(fact.span, {"value": q.value, "max": opts.maximum if too_high else opts.minimum,
                                  "min": opts.minimum, "name": fact.written_label or name, "unit": q.unit})


def _phrase_name(phrase: str, names: tuple[str, ...]) -> str | None:
    """The rate a phrase ends with, allowing a few words after it (市民满意度调查 290%)."""
    tail = phrase.rstrip(_TAIL)
    return next((n for n in names if n in tail[-(len(n) + 4):]), None)


def _scores(doc: Document, opts: Options) -> Iterator[Hit]:
    hundred = opts.maximum if opts.maximum is not None else Decimal(100)
    for table in score_tables(doc, opts.scores):
        for part in table.parts:
            if part.score is None or part.maximum is None:
                continue
            value, limit = part.score.quantity.value, part.maximum.quantity.value
            if value > limit or value < 0:
                yield Hit(part.score.span, {"value": value, "max": limit, "min": 0, "name": part.name, "unit": "分"},
                          (Related(part.maximum.span, f"{part.name} {part.maximum.quantity.written}"),))
    seen = set()
    for table in score_tables(doc, opts.scores):
        total = table.total
        if total and total.score is not None:
            seen.add(id(total.score))
            limit = total.maximum.quantity.value if total.maximum is not None else hundred
            if total.score.quantity.value > limit:
                yield Hit(total.score.span, {"value": total.score.quantity.value, "max": limit, "min": 0,
                                             "name": total.score.written_label, "unit": "分"})
    # any other self-evaluation score above 100 (综合自评得分为102分)
    for fact in facts(doc):
        if fact.label == opts.scores.score_label and fact.quantity.unit == "分" and id(fact) not in seen:
            if fact.quantity.value > hundred and not _is_part_score(doc, fact, opts.scores):
                yield Hit(fact.span, {"value": fact.quantity.value, "max": hundred, "min": 0,
                                      "name": fact.written_label, "unit": "分"})


def _is_part_score(doc: Document, fact, spec: ScoreSpec) -> bool:  # noqa: ANN001
    return any(p.score is fact for t in score_tables(doc, spec) for p in t.parts)


def _rows(doc: Document, opts: Options) -> Iterator[Hit]:
    from ...model.quantities import round_half_up
    from .table import rate_of

    for table in doc.tables:
        if "执行率" in table.columns:
            continue  # a stated rate is judged as a fact (EXE003)
        for row in table.rows:
            rate, how = rate_of(row)
            if rate is None or not how or opts.maximum is None or rate <= opts.maximum:
                continue
            if opts.implausible is not None and rate >= opts.implausible:
                continue
            cell = row.get("执行数")
            shown = round_half_up(rate, 2)
            yield Hit(cell.block.span(0, len(cell.block.text)),
                      {"value": shown, "max": opts.maximum, "min": opts.minimum, "name": f"{row.label}执行率（{how}）", "unit": "%"})
